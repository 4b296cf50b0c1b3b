#!/usr/bin/env bash
# WebAssembly: builds the core for wasm32-unknown-unknown (crates/agora-token-wasm, no C, no
# wasm-bindgen), checks the size budget (< 250 KiB gzipped), puts the module into the npm
# package (node/wasm) and the debugger page (web/), and tests:
#   - the shared vectors through the WASM build on Node (ESM and CJS entries), and agreement
#     with the native addon; the export lists of both builds; the native-or-WASM main entry
#   - the Node package's drop-in suites (differential against the npm peers) on the WASM build
#   - an esbuild bundle of a small app importing the package, run in headless Chromium (Debian's
#     chromium through playwright-core, never a downloaded browser), Node, Bun and Deno (npm
#     `bun` and `deno`, binaries from their optionalDependencies)
#   - a Workers-style fetch handler example on Node (examples/cloudflare-worker)
#   - the token debugger page in headless Chromium, served by the token server at /inspect
# then prints the Node speed of the WASM fallback against npm agora-token (never asserted).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
started=$SECONDS

missing=()
type -P node >/dev/null && type -P npm >/dev/null || missing+=(nodejs npm)
type -P chromium >/dev/null || missing+=(chromium)
type -P curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

log "rustfmt and clippy (agora-token-wasm, native and wasm32)"
cargo fmt -p agora-token-wasm -- --check
cargo clippy -q -p agora-token-wasm -- -D warnings
cargo clippy -q -p agora-token-wasm -p agora-token --target wasm32-unknown-unknown -- -D warnings

log "cargo build --target wasm32-unknown-unknown --profile wasm"
cargo build -q -p agora-token-wasm --target wasm32-unknown-unknown --profile wasm
module="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/agora_token_wasm.wasm"
raw=$(stat -c %s "$module")
gzipped=$(gzip -9 -c "$module" | wc -c)
log "agora_token.wasm: $raw bytes ($((raw / 1024)) KiB), gzip -9 $gzipped bytes ($((gzipped / 1024)) KiB); budget 250 KiB gzipped"
if [ "$gzipped" -ge $((250 * 1024)) ]; then
  echo "the WebAssembly module is over its size budget: $gzipped bytes gzipped >= 250 KiB" >&2
  exit 1
fi
# No C and no imports beyond the one the loader provides (randomness).
imports=$(node -e 'const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1])); console.log(JSON.stringify(WebAssembly.Module.imports(m)))' "$module")
[ "$imports" = '[{"module":"env","name":"random_fill","kind":"function"}]' ] || { echo "unexpected imports: $imports" >&2; exit 1; }
(cd node && node wasm/build.mjs "$module")

ensure_node_peers
npm_ci "$ROOT/node"
# The test tools: playwright-core, esbuild, bun, deno (scripts/wasm-tools/package-lock.json).
tools="$TOOLS/wasm-tools"
if [ ! -f "$tools/.installed" ] || ! cmp -s "$ROOT/scripts/wasm-tools/package-lock.json" "$tools/package-lock.json"; then
  log "installing the test tools into $tools"
  mkdir -p "$tools"
  cp "$ROOT/scripts/wasm-tools/package.json" "$ROOT/scripts/wasm-tools/package-lock.json" "$tools/"
  npm_in "$tools" ci
  touch "$tools/.installed"
fi
export AGORA_WASM_TOOLS="$tools/node_modules"
export AGORA_WASM_ARTIFACTS="$CARGO_TARGET_DIR/wasm-artifacts"

# The native addon, for the agreement tests and the benchmark (scripts/test-node.sh builds the
# same file when it ran first).
if ! (cd node && node -e 'require("./index.js")' 2>/dev/null); then
  log "napi build (release) for the agreement tests"
  (cd node && npx napi build --platform --release --target "$HOST" \
    --manifest-path ../bindings/node/Cargo.toml --package-json-path package.json --output-dir .)
  git diff --quiet -- node/index.js node/index.d.ts || { echo "napi build changed node/index.js or index.d.ts" >&2; exit 1; }
fi

log "node --test: vectors through WASM, agreement with the native addon, exports, bundle (Chromium, Node, Bun, Deno)"
(cd node && node --test wasm/__test__/)

# The Node package's drop-in suites (npm-compatible readings and warnings, differential tests
# against npm agora-token / agora-access-token, conformance vectors) again, with the main entry
# and ./compat forced onto the WebAssembly build. The idiomatic suites stay native-only: the
# WebAssembly build's idiomatic messages for malformed input come from its JSON layer (same codes).
ensure_node_peers
log "node --test: the drop-in suites of node/__test__ on the WebAssembly build (AGORA_TOKEN_WASM=1)"
(cd node && AGORA_TOKEN_WASM=1 node --test __test__/compat.test.mjs __test__/differential.test.mjs \
  __test__/warnings.test.mjs __test__/deliberate-differences.test.mjs __test__/conformance.test.mjs)

log "Workers-style fetch handler example"
npm_ci "$ROOT/examples/cloudflare-worker"
(cd examples/cloudflare-worker && node --import ./register-hook.mjs --test)

log "the token debugger page, served by the token server at /inspect, in headless Chromium"
cargo build -q -p agora-token-server
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT="$port" INSPECT_PAGE=on "$CARGO_TARGET_DIR/debug/agora-token-server" --demo >"$AGORA_WASM_ARTIFACTS.server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
PAGE_URL="http://127.0.0.1:$port/inspect" node --test web/test/
kill "$server"; wait "$server" 2>/dev/null || true
trap - EXIT
log "screenshots: $AGORA_WASM_ARTIFACTS"

log "Node speed: the WASM fallback against npm agora-token (measured, not asserted)"
(cd node && node wasm/bench.mjs)
log "wasm suite: $((SECONDS - started)) s"
