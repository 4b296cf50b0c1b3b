#!/usr/bin/env bash
# Load test of agora-token-server on loopback, bounded in time, with the Go stand-in of
# AgoraIO-Community/agora-token-service (scripts/peers/go-token-service) measured in the
# same run. Reports requests/s and p50/p99 latency of the main RTC route
# (GET /rtc/{channel}/publisher/uid/{uid}/) without auth, with an API key, with an HS256 JWT,
# with an RS256 JWT checked against a JWKS (an identity provider's keys, from a file), with an
# API key and per-IP + per-caller rate limits in this process, and the same with the limits
# in Redis (a redis-server started here on loopback; the cost of running several replicas),
# then a drain check: SIGTERM under load must finish every in-flight request and exit 0.
#
# Usage: scripts/load-server.sh [--duration SECS] [--drain-duration SECS] [--connections N]
#                               [--threads N] [--no-go] [--smoke]
#   --smoke: 2-second runs (what scripts/test-server.sh calls so this script cannot rot).
# Figures only: nothing here is a pass/fail threshold on speed. The script fails on errors
# (any non-OK response in a run, or an unclean drain).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

DURATION=60
DRAIN_DURATION=10
CONNECTIONS=32
THREADS=1
RUN_GO=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --drain-duration) DRAIN_DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-go) RUN_GO=0; shift ;;
    --smoke) DURATION=2; DRAIN_DURATION=3; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

APP_ID=970CA35de60c44645bbae8a215061b33
APP_CERTIFICATE=5CFd2fd1755d40ecb72977518be15d3b
API_KEY="load-test-key-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
JWT_SECRET="load-test-jwt-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ROUTE=/rtc/load-channel/publisher/uid/42/
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

log "building agora-token-server and the load generator (release)"
cargo build -q --release --target "$HOST" -p agora-token-server --bin agora-token-server --example load
SERVER="$REL/agora-token-server"
LOAD="$REL/examples/load"

GO_BIN=""
if [ "$RUN_GO" = 1 ]; then
  if command -v go >/dev/null 2>&1; then
    GO_BIN="$TOOLS/go-token-service/go-token-service"
    SRC="$ROOT/scripts/peers/go-token-service"
    if [ ! -x "$GO_BIN" ] || [ -n "$(find "$SRC" -newer "$GO_BIN" -type f)" ]; then
      log "building the Go stand-in of agora-token-service (gin + go-tokenbuilder v1.3.0 from the Go module proxy)"
      mkdir -p "$(dirname "$GO_BIN")"
      (cd "$SRC" && go build -o "$GO_BIN" .)
    fi
  else
    log "no Go toolchain: the agora-token-service stand-in is skipped"
  fi
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_port() { # port: waits until something accepts connections there
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# start_rust NAME [ENV=VALUE...]: starts the server, sets PORT_NOW and PID_NOW.
start_rust() {
  local name="$1"; shift
  PORT_NOW="$(free_port)"
  env -i PATH="$PATH" APP_ID="$APP_ID" APP_CERTIFICATE="$APP_CERTIFICATE" HOST=127.0.0.1 PORT="$PORT_NOW" \
    RATE_LIMIT_PER_IP=0 RATE_LIMIT_PER_CALLER=0 LOG_FORMAT=json "$@" \
    "$SERVER" >"$WORK/$name.log" 2>&1 &
  PID_NOW=$!
  PIDS+=("$PID_NOW")
  wait_port "$PORT_NOW"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
FAILED=0

TICKS="$(getconf CLK_TCK)"
cpu_ticks() { # pid: user + system CPU time of the server so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# measure LABEL SERVER_PID URL [load args...]: one timed run; also the server's CPU time
# per request, which says more than req/s when other work shares the machine.
measure() {
  local label="$1" pid="$2" url="$3"; shift 3
  local out before after ok
  before="$(cpu_ticks "$pid")"
  if ! out="$("$LOAD" --url "$url" --duration "$DURATION" --connections "$CONNECTIONS" --threads "$THREADS" --label "$label" "$@")"; then
    FAILED=1
  fi
  after="$(cpu_ticks "$pid")"
  echo "$out" | grep -v '^result ' >&2
  ok="$(echo "$out" | sed -n 's/^result .* ok=\([0-9]*\).*/\1/p')"
  echo "$(echo "$out" | grep '^result ') cpu_us=$(( (after - before) * 1000000 / TICKS / (ok > 0 ? ok : 1) ))" >>"$RESULTS"
}

field() { # LABEL KEY
  sed -n "s/^result label=$1 .*$2=\([^ ]*\).*/\1/p" "$RESULTS"
}

log "load: ${DURATION}s per run, $CONNECTIONS keep-alive connections, $THREADS generator thread(s), GET $ROUTE"

start_rust open OPEN_ACCESS=true
measure "rust-open" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE"
kill -TERM "$PID_NOW"; wait "$PID_NOW" || true

start_rust apikey API_KEYS="load:$API_KEY"
measure "rust-api-key" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE" --header "Authorization: Bearer $API_KEY"
kill -TERM "$PID_NOW"; wait "$PID_NOW" || true

JWT="$(python3 - "$JWT_SECRET" <<'EOF'
import base64, hashlib, hmac, json, sys, time
def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"sub": "load", "uid": 42, "exp": int(time.time()) + 3600}).encode())
signature = hmac.new(sys.argv[1].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
print(f"{header}.{claims}.{b64(signature)}")
EOF
)"
start_rust jwt JWT_SECRET="$JWT_SECRET"
measure "rust-jwt" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE" --header "Authorization: Bearer $JWT"
kill -TERM "$PID_NOW"; wait "$PID_NOW" || true

# An identity provider's RS256 key, as Firebase/Auth0/Cognito/Keycloak sign with: the JWKS is
# read from a file (keys are cached either way, so a URL costs the same per request).
ISSUER=https://idp.load.test/
JWKS_JWT="$("$LOAD" --make-jwks "$WORK/jwks.json" --issuer "$ISSUER")"
start_rust jwks JWT_JWKS_FILE="$WORK/jwks.json" JWT_ISSUER="$ISSUER" JWT_USER_CLAIM=sub
measure "rust-jwks" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE" --header "Authorization: Bearer $JWKS_JWT"
kill -TERM "$PID_NOW"; wait "$PID_NOW" || true

# Rate limits high enough never to refuse, so every request pays for the per-IP and the
# per-caller check: in this process, then in Redis.
LIMITS=(RATE_LIMIT_PER_IP=4000000000 RATE_LIMIT_PER_CALLER=4000000000 RATE_LIMIT_BURST=1000000)
start_rust limits API_KEYS="load:$API_KEY" "${LIMITS[@]}"
measure "rust-limits" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE" --header "Authorization: Bearer $API_KEY"
kill -TERM "$PID_NOW"; wait "$PID_NOW" || true

if command -v redis-server >/dev/null 2>&1; then
  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis-server.log" 2>&1 &
  REDIS_PID=$!
  PIDS+=("$REDIS_PID")
  wait_port "$REDIS_PORT"
  start_rust redis API_KEYS="load:$API_KEY" "${LIMITS[@]}" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/"
  measure "rust-redis" "$PID_NOW" "http://127.0.0.1:$PORT_NOW$ROUTE" --header "Authorization: Bearer $API_KEY"
  kill -TERM "$PID_NOW"; wait "$PID_NOW" || true
  # Every request must have gone through Redis: a fallback to local limits would flatter the figure.
  if grep -q '"redis: unreachable"' "$WORK/redis.log"; then
    echo "Redis became unreachable during the Redis run (see its log)" >&2
    FAILED=1
  fi
  kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true
else
  log "no redis-server (Debian package redis-server): the Redis run is skipped"
fi

if [ -n "$GO_BIN" ]; then
  GO_PORT="$(free_port)"
  env -i PATH="$PATH" GIN_MODE=release APP_ID="$APP_ID" APP_CERTIFICATE="$APP_CERTIFICATE" SERVER_PORT="$GO_PORT" \
    "$GO_BIN" >"$WORK/go.log" 2>&1 &
  GO_PID=$!
  PIDS+=("$GO_PID")
  wait_port "$GO_PORT"
  measure "go-standin" "$GO_PID" "http://127.0.0.1:$GO_PORT$ROUTE"
  kill "$GO_PID"; wait "$GO_PID" 2>/dev/null || true
fi

log "drain: SIGTERM after $((DRAIN_DURATION / 2))s of load (open mode)"
start_rust drain OPEN_ACCESS=true
DRAIN_OUT="$("$LOAD" --url "http://127.0.0.1:$PORT_NOW$ROUTE" --duration "$DRAIN_DURATION" --connections "$CONNECTIONS" \
  --threads "$THREADS" --label rust-drain --sigterm-pid "$PID_NOW" --sigterm-after "$((DRAIN_DURATION / 2))")" || FAILED=1
echo "$DRAIN_OUT" | grep -v '^result ' >&2
set +e
wait "$PID_NOW"
DRAIN_EXIT=$?
set -e
DRAIN_LINE="$(grep -o '"message":"drained[^"]*"' "$WORK/drain.log" || true)"
SIGNAL_LINE="$(grep '"shutdown requested: draining"' "$WORK/drain.log" | grep -o '"in_flight":[0-9]*' || true)"
if [ "$DRAIN_EXIT" = 0 ] && [ -n "$DRAIN_LINE" ]; then
  DRAIN_RESULT="clean: exit 0, server log ${DRAIN_LINE#\"message\":}, ${SIGNAL_LINE:-in_flight unknown} at the signal"
else
  DRAIN_RESULT="NOT CLEAN: exit $DRAIN_EXIT, drained line: ${DRAIN_LINE:-missing}"
  FAILED=1
fi

echo
echo "== agora-token-server load results (loopback, ${DURATION}s runs, $CONNECTIONS connections, $(nproc) CPUs shared by server and generator) =="
printf '%-14s %10s %8s %10s %10s %18s\n' run "req/s" errors "p50 ms" "p99 ms" "server CPU us/req"
for label in rust-open rust-api-key rust-jwt rust-jwks rust-limits rust-redis go-standin; do
  rps="$(field "$label" rps)"
  [ -n "$rps" ] || continue
  printf '%-14s %10s %8s %10s %10s %18s\n' "$label" "$rps" "$(field "$label" errors)" "$(field "$label" p50_ms)" "$(field "$label" p99_ms)" "$(field "$label" cpu_us)"
done
echo "drain: $DRAIN_RESULT"
if [ -n "$(field rust-redis rps)" ]; then
  python3 - "$(field rust-limits rps)" "$(field rust-redis rps)" "$(field rust-limits p99_ms)" "$(field rust-redis p99_ms)" \
    "$(field rust-limits cpu_us)" "$(field rust-redis cpu_us)" <<'EOF'
import sys
local, redis, local_p99, redis_p99, local_cpu, redis_cpu = map(float, sys.argv[1:])
print(f"Redis mode (per-IP + per-caller limits in Redis, 2 calls per request) vs the same limits in this process: "
      f"req/s x{redis / local:.2f}, p99 {redis_p99:.3f} ms vs {local_p99:.3f} ms, server CPU per request "
      f"{redis_cpu:.0f} us vs {local_cpu:.0f} us (redis-server's own CPU not counted)")
EOF
fi
if [ -n "$GO_BIN" ]; then
  python3 - "$(field rust-open rps)" "$(field go-standin rps)" "$(field rust-open p99_ms)" "$(field go-standin p99_ms)" \
    "$(field rust-api-key rps)" "$(field rust-open cpu_us)" "$(field go-standin cpu_us)" <<'EOF'
import sys
rust, go, rust_p99, go_p99, rust_auth, rust_cpu, go_cpu = map(float, sys.argv[1:])
print(f"ratio vs go-standin (agora-token-service's route rebuilt from gin + go-tokenbuilder v1.3.0): "
      f"req/s {rust / go:.1f}x open, {rust_auth / go:.1f}x with an API key; p99 {rust_p99:.3f} ms vs {go_p99:.3f} ms; "
      f"server CPU per request {go_cpu / max(rust_cpu, 1):.1f}x less")
EOF
fi
exit "$FAILED"
