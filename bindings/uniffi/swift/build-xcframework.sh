#!/usr/bin/env bash
# Builds AgoraTokenFFI.xcframework (static libraries for iOS devices, the iOS simulator and
# macOS, plus the generated C header and module map) for Package.swift.
#
# Needs macOS with Xcode (xcodebuild, lipo) and rustup. Not run by the test suite: no
# Apple toolchain is reachable where the tests run (see bindings/uniffi/README.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ "$(uname -s)" != Darwin ] || ! command -v xcodebuild >/dev/null || ! command -v lipo >/dev/null; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild and lipo) and rustup." >&2
  echo "On other systems only the generated Swift sources can be checked (scripts/test-uniffi.sh)." >&2
  exit 1
fi

IOS=aarch64-apple-ios
SIM=(aarch64-apple-ios-sim x86_64-apple-ios)
MAC=(aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "$IOS" "${SIM[@]}" "${MAC[@]}"
for target in "$IOS" "${SIM[@]}" "${MAC[@]}"; do
  # The crate's staticlib crate type gives libagora_token_uniffi.a for each target.
  cargo build --manifest-path "$ROOT/Cargo.toml" --release --target "$target" -p agora-token-uniffi
done

LIB=libagora_token_uniffi.a
OUT="$CARGO_TARGET_DIR/xcframework"
rm -rf "$OUT" "$HERE/AgoraTokenFFI.xcframework"
mkdir -p "$OUT/ios-simulator" "$OUT/macos" "$OUT/headers"
# One library per platform: the simulator and macOS slices are merged per architecture.
# (Plain loops: macOS ships bash 3.2, which has no mapfile.)
sim_libs=(); for target in "${SIM[@]}"; do sim_libs+=("$CARGO_TARGET_DIR/$target/release/$LIB"); done
mac_libs=(); for target in "${MAC[@]}"; do mac_libs+=("$CARGO_TARGET_DIR/$target/release/$LIB"); done
lipo -create "${sim_libs[@]}" -output "$OUT/ios-simulator/$LIB"
lipo -create "${mac_libs[@]}" -output "$OUT/macos/$LIB"

# The framework's headers: the generated header, and its module map under the name Clang looks for.
cp "$HERE/Sources/AgoraTokenFFI/AgoraTokenFFI.h" "$OUT/headers/"
cp "$HERE/Sources/AgoraTokenFFI/AgoraTokenFFI.modulemap" "$OUT/headers/module.modulemap"

xcodebuild -create-xcframework \
  -library "$CARGO_TARGET_DIR/$IOS/release/$LIB" -headers "$OUT/headers" \
  -library "$OUT/ios-simulator/$LIB" -headers "$OUT/headers" \
  -library "$OUT/macos/$LIB" -headers "$OUT/headers" \
  -output "$HERE/AgoraTokenFFI.xcframework"
echo "wrote $HERE/AgoraTokenFFI.xcframework"
