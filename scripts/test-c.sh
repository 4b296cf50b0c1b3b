#!/usr/bin/env bash
# C ABI (bindings/c): the committed headers match what cbindgen generates from the Rust
# sources, the C test program (shared vectors, drop-in readings, every error path, threads)
# passes, passes again under valgrind with no leak and no error, and the README sample runs.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

# Debian's cbindgen (0.24.3 on Debian 12) generates the headers: a prebuilt binary, instead of
# compiling cbindgen (and a second syn) on every CI run.
missing=()
for tool in cbindgen valgrind gcc python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

log "cargo build -p agora-token-c"
cargo build -q -p agora-token-c
LIB_DIR="$CARGO_TARGET_DIR/debug"
OUT="$CARGO_TARGET_DIR/agora-token-c-tests"
mkdir -p "$OUT"

log "headers match cbindgen's output"
cd bindings/c
for variant in "cbindgen.toml:agora_token.h" "cbindgen-ffi.toml:agora_token_ffi.h"; do
  config="${variant%%:*}" header="${variant##*:}"
  cbindgen -q --config "$config" --crate agora-token-c --output "$OUT/$header" .
  if ! diff -u "include/$header" "$OUT/$header"; then
    echo "bindings/c/include/$header is out of date: regenerate it with" >&2
    echo "  (cd bindings/c && cbindgen --config $config --crate agora-token-c --output include/$header .)" >&2
    exit 1
  fi
done

log "C tests"
python3 tests/gen_vectors.py "$ROOT/conformance/upstream.json" "$OUT/vectors.h"
CFLAGS=(-std=c11 -Wall -Wextra -Wpedantic -Werror -g -Iinclude -Itests "-I$OUT")
gcc "${CFLAGS[@]}" tests/test_agora_token.c "$LIB_DIR/libagora_token_c.a" -lpthread -ldl -lm -o "$OUT/test_agora_token"
"$OUT/test_agora_token"

log "C tests under valgrind (no leak, no error)"
valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 \
  "$OUT/test_agora_token"

log "README sample, linked against the shared library"
gcc "${CFLAGS[@]}" examples/sample.c "-L$LIB_DIR" -lagora_token_c -o "$OUT/sample"
token="$(LD_LIBRARY_PATH="$LIB_DIR" "$OUT/sample")"
case "$token" in
  007*) echo "sample printed a 007 token" ;;
  *) echo "the sample printed '$token', not a 007 token" >&2; exit 1 ;;
esac
