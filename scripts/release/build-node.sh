#!/usr/bin/env bash
# npm release artifacts for Linux: the addon for every target in LINUX_TARGETS, cross-built
# with the napi CLI's --cross-compile (cargo-zigbuild + zig from PyPI; gnu builds linked
# against glibc 2.17), placed into its platform package node/npm/<platform>/ (what
# `napi artifacts` does in the release workflow), then `npm pack` of the main package and of
# every platform package that has its binary, into dist/release/npm/. The licence files are
# copied into each package directory first (npm does not pack symlinks). The main package's
# WebAssembly files are built first (scripts/release/build-wasm.sh: they are generated, not
# committed), and every packed tarball is checked to hold each file of its package.json
# "files" (scripts/release/check-npm-tarball.mjs), since npm pack skips a missing one silently.
#   scripts/release/build-node.sh [rust-target ...]
set -euo pipefail
source "$(dirname "$0")/../lib/env.sh"
source "$ROOT/scripts/release/lib.sh"
cd "$ROOT"
# Before CARGO_TARGET_DIR moves to the cross builds' directory: the module is the one
# scripts/test-wasm.sh builds, in the same target directory.
scripts/release/build-wasm.sh
ensure_release_tools
ensure_rust_targets
export CARGO_TARGET_DIR="$CROSS_TARGET_DIR"

if [ ! -x node/node_modules/.bin/napi ]; then
  log "npm ci in node (the pinned napi CLI)"
  (cd node && npm ci --silent --no-audit --no-fund)
fi

SCRATCH="$ROOT/build/release/napi"
wanted=("$@")
for spec in "${LINUX_TARGETS[@]}"; do
  read -r target _ platform <<<"$spec"
  if [ "${#wanted[@]}" -gt 0 ] && [[ ! " ${wanted[*]} " == *" $target "* ]]; then continue; fi
  napi_target="$target"
  [[ "$target" == *-gnu ]] && napi_target="$target.$GLIBC_FLOOR"
  log "addon for $napi_target -> node/npm/$platform"
  rm -rf "$SCRATCH/$platform"
  # The loader (index.js) and types are the committed ones: generate nothing into node/.
  (cd node && RUSTFLAGS="$(target_rustflags "$target")" npx napi build --platform --release --cross-compile --target "$napi_target" \
    --manifest-path ../bindings/node/Cargo.toml --package-json-path package.json \
    --output-dir "$SCRATCH/$platform" --no-js)
  cp "$SCRATCH/$platform/agora-token.$platform.node" "node/npm/$platform/"
done

log "npm pack (main package and the platform packages with a binary)"
OUT="$ROOT/dist/release/npm"
rm -rf "$OUT" && mkdir -p "$OUT"
packages=(node)
for dir in node/npm/*/; do
  platform="$(basename "$dir")"
  [ -f "$dir/agora-token.$platform.node" ] && packages+=("node/npm/$platform")
done
for dir in "${packages[@]}"; do
  cp LICENSE-MIT LICENSE-APACHE "$dir/"
  tarball="$(cd "$dir" && npm pack --silent --pack-destination "$OUT")"
  node scripts/release/check-npm-tarball.mjs "$OUT/$tarball"
done
ls -l "$OUT"
