#!/usr/bin/env bash
# The token server (crates/agora-token-server): its lints, its unit tests and integration
# tests (the real binary on a loopback port, against a JWKS server and an authorizer the
# tests start, and redis-server), schemathesis against the OpenAPI document of the real server
# (--demo on a loopback port; 0 failures and 0 server errors required), and a few-second smoke
# of scripts/load-server.sh so the load script cannot rot. Figures from the smoke are printed,
# never checked against a threshold.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# The integration tests signal the server with kill(1) (procps); the load script uses python3;
# schemathesis runs in a python3 venv and the script waits for the server with curl; the replica
# tests and the load script's Redis mode start Debian's redis-server themselves on a free
# loopback port (never as a system service).
missing=()
type -P kill >/dev/null || missing+=(procps)
type -P python3 >/dev/null || missing+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
type -P curl >/dev/null || missing+=(curl)
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
log "schemathesis: the OpenAPI document against the real server"
ensure_schemathesis() {
  local venv="$TOOLS/schemathesis-venv" req="$ROOT/scripts/peers/schemathesis-requirements.txt"
  if [ ! -f "$venv/.requirements" ] || ! cmp -s "$req" "$venv/.requirements"; then
    log "installing schemathesis into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
    cp "$req" "$venv/.requirements"
  fi
}
ensure_schemathesis
cargo build -q -p agora-token-server
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
server_log="$(mktemp)"
PORT="$port" RATE_LIMIT_PER_IP=0 LOG_LEVEL=warn "$CARGO_TARGET_DIR/debug/agora-token-server" --demo >"$server_log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$server_log"' EXIT
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
# Fixed seed and example count: the same cases every run. Every check (status codes, content
# types, response schemas, schema-valid requests served, schema-violating ones refused, Allow
# headers, no 5xx). The stateful phase is off: the server keeps no resources to link between calls.
started=$SECONDS
work="$(mktemp -d)"
if ! (cd "$work" && "$TOOLS/schemathesis-venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
  --checks all --phases examples,coverage,fuzzing --seed 17 --max-examples 50 \
  --generation-database none --request-timeout 10 --no-color); then
  log "schemathesis found failures; the server's log:"
  tail -n 50 "$server_log" >&2
  exit 1
fi
log "schemathesis: 0 failures in $((SECONDS - started)) s"
rm -rf "$work"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
trap - EXIT
rm -f "$server_log"

log "load script smoke (a few seconds per run)"
scripts/load-server.sh --smoke
