#!/usr/bin/env bash
# The JVM jar io.github.agoratokenrs:agora-token-jvm with the linux-x86_64 native library inside:
# builds libagora_token_uniffi.so for the host (the same build as scripts/test-uniffi.sh, so
# nothing is compiled when that suite ran first), generates the Kotlin API from it with the
# pinned uniffi-bindgen, lays the library out as JNA expects it on the classpath
# (linux-x86-64/), and runs the Maven build (bindings/pom.xml).
# Output: dist/release/jvm/agora-token-jvm-<version>.jar. The release workflow adds the other
# platforms' libraries to the same native directory.
#
# Not through zig like the Python and Node builds: zig's linker leaves no .symtab, and
# uniffi-bindgen 0.31 reads its metadata from there (it then writes no file at all, silently).
# So this library needs the build machine's glibc (2.36 here, 2.35 on the workflow's runner).
set -euo pipefail
source "$(dirname "$0")/../lib/env.sh"
source "$ROOT/scripts/release/lib.sh"
cd "$ROOT"
command -v mvn >/dev/null || { log "installing maven (Debian)"; apt-get update -q && apt-get install -y -q maven; }

STAGE="$ROOT/build/release"
NATIVE="$STAGE/jvm-native"
KOTLIN="$STAGE/jvm-kotlin"
[ "$HOST" = x86_64-unknown-linux-gnu ] || { echo "build-jvm.sh packs the linux-x86-64 library: run it on x86_64 Linux" >&2; exit 1; }

log "libagora_token_uniffi.so for $HOST"
cargo build -q --release --target "$HOST" -p agora-token-uniffi
LIB="$REL/libagora_token_uniffi.so"

UNIFFI_VENV="$TOOLS/uniffi-venv"
if ! cmp -s bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"; then
  log "installing uniffi-bindgen (PyPI) into $UNIFFI_VENV"
  python3 -m venv "$UNIFFI_VENV"
  "$UNIFFI_VENV/bin/pip" install -q --disable-pip-version-check -r bindings/uniffi/requirements.txt
  cp bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"
fi
log "generating the Kotlin API"
rm -rf "$KOTLIN" "$NATIVE"
"$UNIFFI_VENV/bin/uniffi-bindgen" generate "$LIB" --language kotlin --config bindings/uniffi/uniffi.toml \
  --out-dir "$KOTLIN" --no-format
GENERATED="$KOTLIN/io/github/agoratokenrs/agora_token_uniffi.kt"
[ -s "$GENERATED" ] || { echo "uniffi-bindgen wrote no $GENERATED (no metadata in $LIB?)" >&2; exit 1; }
# JNA's resource prefix for this platform (com.sun.jna.Platform.RESOURCE_PREFIX).
mkdir -p "$NATIVE/linux-x86-64"
cp "$LIB" "$NATIVE/linux-x86-64/"

log "mvn package (bindings/pom.xml)"
mvn -q -B -Dstyle.color=never -f bindings/pom.xml package -Dmaven.repo.local="$M2_REPO" -Dnative.dir="$NATIVE" -Duniffi.kotlin.dir="$KOTLIN"
VERSION="$(python3 scripts/release/versions.py show)"
mkdir -p dist/release/jvm
cp "bindings/uniffi/kotlin/target/agora-token-jvm-$VERSION.jar" dist/release/jvm/
ls -l dist/release/jvm
