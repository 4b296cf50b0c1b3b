#!/usr/bin/env bash
# The token server (crates/agora-token-server): its lints, its unit tests and integration
# tests (the real binary on a loopback port, against a JWKS server and an authorizer the
# tests start, and redis-server), and a few-second smoke of
# scripts/load-server.sh so the load script cannot rot. Figures from the smoke are printed,
# never checked against a threshold.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# The integration tests signal the server with kill(1) (procps); the load script uses python3;
# the replica tests and the load script's Redis mode start Debian's redis-server themselves on a
# free loopback port (never as a system service).
missing=()
type -P kill >/dev/null || missing+=(procps)
type -P python3 >/dev/null || missing+=(python3)
type -P redis-server >/dev/null || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "rustfmt (agora-token-server)"
cargo fmt -p agora-token-server -- --check
log "clippy (agora-token-server)"
cargo clippy -q -p agora-token-server --all-targets -- -D warnings
log "cargo test -p agora-token-server"
cargo test -q -p agora-token-server
log "load script smoke (a few seconds per run)"
scripts/load-server.sh --smoke
