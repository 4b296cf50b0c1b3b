#!/usr/bin/env bash
# Builds the Rust library for the Android ABIs into src/main/jniLibs/<abi>/ and generates
# the Kotlin bindings into src/main/kotlin/, so that this Gradle module can be built.
#
# Needs: ANDROID_NDK_HOME (an Android NDK), rustup, cargo-ndk (cargo-ndk 3.5.4 is installed
# with `cargo install` if missing), python3 (for the pinned uniffi-bindgen).
# Not run by the test suite: no Android NDK is available where the tests run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
TOOLS="${TOOLS:-$ROOT/.tools}"

if [ -z "${ANDROID_NDK_HOME:-}" ] || [ ! -d "${ANDROID_NDK_HOME:-/nonexistent}" ]; then
  cat >&2 <<'MSG'
build-android.sh needs an Android NDK: set ANDROID_NDK_HOME to its directory
(Android Studio: SDK Manager > SDK Tools > NDK; it lands in $ANDROID_HOME/ndk/<version>).
It also uses rustup and cargo-ndk (installed automatically if missing).
MSG
  exit 1
fi

ABIS=(arm64-v8a armeabi-v7a x86_64 x86)
TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)
rustup target add "${TARGETS[@]}"
command -v cargo-ndk >/dev/null || cargo install --locked cargo-ndk@3.5.4

# cargo-ndk sets the NDK linker per ABI (API level 21, the module's minSdk, is its default)
# and copies each libagora_token_uniffi.so into jniLibs/<abi>/.
ndk_args=(); for abi in "${ABIS[@]}"; do ndk_args+=(-t "$abi"); done
(cd "$ROOT" && cargo ndk "${ndk_args[@]}" -o "$HERE/src/main/jniLibs" build --release -p agora-token-uniffi)

# Kotlin bindings from one of the libraries just built (the metadata is the same for every ABI),
# with the uniffi-bindgen pinned to the crate's uniffi version (bindings/uniffi/requirements.txt).
VENV="$TOOLS/uniffi-venv"
if ! cmp -s "$ROOT/bindings/uniffi/requirements.txt" "$VENV/.requirements"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/bindings/uniffi/requirements.txt"
  cp "$ROOT/bindings/uniffi/requirements.txt" "$VENV/.requirements"
fi
"$VENV/bin/uniffi-bindgen" generate "$HERE/src/main/jniLibs/arm64-v8a/libagora_token_uniffi.so" \
  --language kotlin --config "$ROOT/bindings/uniffi/uniffi.toml" --out-dir "$HERE/src/main/kotlin" --no-format
echo "ready: $HERE (jniLibs for ${ABIS[*]} and the generated Kotlin)"
