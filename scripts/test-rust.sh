#!/usr/bin/env bash
# Rust: formatting, lints, docs, unit/conformance/property tests, and the differential
# tests against the real peers (npm agora-token/agora-access-token, PyPI agoraiotools,
# Go go-tokenbuilder), which are #[ignore]d in a plain `cargo test` because they need those installed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# The server's replica tests (run by cargo test --workspace below) start Debian's redis-server
# themselves on a loopback port.
if ! type -P redis-server >/dev/null; then
  log "installing redis-server"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
ensure_venv
ensure_node_peers
export AGORA_PYTHON_PEER="$PY"

log "API vocabulary: docs/api-names.md against the core and the bindings' exports (scripts/check_api_names.py)"
python3 scripts/check_api_names.py

log "rustfmt"
cargo fmt --all -- --check
log "clippy"
cargo clippy -q --workspace --all-targets -- -D warnings
log "rustdoc"
RUSTDOCFLAGS="-D warnings" cargo doc -q --workspace --no-deps
log "cargo test (including the differential tests against the peers)"
cargo test -q --workspace -- --include-ignored
