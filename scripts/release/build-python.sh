#!/usr/bin/env bash
# Python release artifacts for Linux: the abi3 wheel for every target in LINUX_TARGETS
# (manylinux2014 and musllinux_1_2, x86_64 and aarch64), cross-built by maturin with zig as the
# linker (through cargo-zigbuild, see scripts/release/zig-cargo/cargo), and
# the sdist. Output: dist/release/python/. Used by scripts/test-release.sh and the release
# workflow's Linux job (macOS and Windows wheels come from maturin-action there).
#   scripts/release/build-python.sh [rust-target ...]
set -euo pipefail
source "$(dirname "$0")/../lib/env.sh"
source "$ROOT/scripts/release/lib.sh"
cd "$ROOT"
ensure_release_tools
ensure_rust_targets
export CARGO_TARGET_DIR="$CROSS_TARGET_DIR"

OUT="$ROOT/dist/release/python"
REAL_CARGO="$(command -v cargo)"
mkdir -p "$OUT"
wanted=("$@")
for spec in "${LINUX_TARGETS[@]}"; do
  read -r target policy _ <<<"$spec"
  if [ "${#wanted[@]}" -gt 0 ] && [[ ! " ${wanted[*]} " == *" $target "* ]]; then continue; fi
  log "wheel for $target ($policy, maturin + cargo-zigbuild)"
  (cd python && export RUSTFLAGS="$(target_rustflags "$target")" REAL_CARGO GLIBC_FLOOR \
    PATH="$ROOT/scripts/release/zig-cargo:$PATH" &&
    maturin build -q --release --target "$target" --compatibility "$policy" -o "$OUT")
done
log "sdist"
(cd python && maturin sdist -o "$OUT" 2>&1 | tail -1)
ls -l "$OUT"
