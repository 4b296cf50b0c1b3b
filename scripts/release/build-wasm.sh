#!/usr/bin/env bash
# The WebAssembly files of the npm package and of the token debugger page, the way
# scripts/test-wasm.sh makes them (and the server's Containerfile, whose `wasm` and `page`
# stages run the same two commands; src/container_image.rs in the server checks that):
#   cargo build -p agora-token-wasm --target wasm32-unknown-unknown --profile wasm
#   (cd node && node wasm/build.mjs <the module>)
# which writes node/wasm/{agora_token.wasm,bytes.mjs,bytes.cjs,api.cjs} and
# web/{agora_token.wasm,agora-token-api.mjs}. None of them is committed: every release build
# runs this first (scripts/release/build-node.sh does), and stops if one is missing.
set -euo pipefail
source "$(dirname "$0")/../lib/env.sh"
cd "$ROOT"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
log "WebAssembly module: cargo build -p agora-token-wasm --target wasm32-unknown-unknown --profile wasm"
cargo build -q --locked -p agora-token-wasm --target wasm32-unknown-unknown --profile wasm
module="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/agora_token_wasm.wasm"
generated=(node/wasm/agora_token.wasm node/wasm/bytes.mjs node/wasm/bytes.cjs node/wasm/api.cjs
  web/agora_token.wasm web/agora-token-api.mjs)
# A file left over from an earlier build must not pass for this one.
rm -f "${generated[@]}"
(cd node && node wasm/build.mjs "$module")
for file in "${generated[@]}"; do
  [ -s "$file" ] || { echo "node wasm/build.mjs did not write $file" >&2; exit 1; }
done
cmp -s "$module" node/wasm/agora_token.wasm || { echo "node/wasm/agora_token.wasm is not the module just built" >&2; exit 1; }
printf '%8s KiB  %s (gzip -9: %s KiB)\n' "$(($(stat -c %s "$module") / 1024))" node/wasm/agora_token.wasm \
  "$(($(gzip -9 -c "$module" | wc -c) / 1024))"
