#!/usr/bin/env bash
# The JVM jars with the linux-x86_64 native library inside:
#   io.github.agoratokenrs:agora-token-jvm   (Kotlin, over libagora_token_uniffi.so)
#   io.github.agoratokenrs:agora-token-java  (Java, over the C ABI's libagora_token_c.so)
# builds both libraries for the host (the same builds as scripts/test-uniffi.sh and
# scripts/test-java.sh, so nothing is compiled when those suites ran first), generates the
# Kotlin API with the pinned uniffi-bindgen, lays each library out as JNA expects it on the
# classpath (linux-x86-64/), and runs the Maven build (bindings/pom.xml) without the Java
# module's tests (scripts/test-java.sh runs them; test-release.sh checks the jars).
# Output: dist/release/jvm/agora-token-{jvm,java}-<version>.jar. The release workflow adds the
# other platforms' libraries to the same native directories.
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
NATIVE_C="$STAGE/jvm-native-c"
KOTLIN="$STAGE/jvm-kotlin"
[ "$HOST" = x86_64-unknown-linux-gnu ] || { echo "build-jvm.sh packs the linux-x86-64 library: run it on x86_64 Linux" >&2; exit 1; }

log "libagora_token_uniffi.so and libagora_token_c.so for $HOST"
cargo build -q --release --target "$HOST" -p agora-token-uniffi -p agora-token-c
LIB="$REL/libagora_token_uniffi.so"

UNIFFI_VENV="$TOOLS/uniffi-venv"
if ! cmp -s bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"; then
  log "installing uniffi-bindgen (PyPI) into $UNIFFI_VENV"
  python3 -m venv "$UNIFFI_VENV"
  "$UNIFFI_VENV/bin/pip" install -q --disable-pip-version-check -r bindings/uniffi/requirements.txt
  cp bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"
fi
log "generating the Kotlin API"
rm -rf "$KOTLIN" "$NATIVE" "$NATIVE_C"
"$UNIFFI_VENV/bin/uniffi-bindgen" generate "$LIB" --language kotlin --config bindings/uniffi/uniffi.toml \
  --out-dir "$KOTLIN" --no-format
GENERATED="$KOTLIN/io/github/agoratokenrs/agora_token_uniffi.kt"
[ -s "$GENERATED" ] || { echo "uniffi-bindgen wrote no $GENERATED (no metadata in $LIB?)" >&2; exit 1; }
# JNA's resource prefix for this platform (com.sun.jna.Platform.RESOURCE_PREFIX).
mkdir -p "$NATIVE/linux-x86-64" "$NATIVE_C/linux-x86-64"
cp "$LIB" "$NATIVE/linux-x86-64/"
cp "$REL/libagora_token_c.so" "$NATIVE_C/linux-x86-64/"

log "mvn package (bindings/pom.xml)"
mvn -q -B -Dstyle.color=never -f bindings/pom.xml package -Dmaven.repo.local="$M2_REPO" -Dnative.dir="$NATIVE" \
  -Duniffi.kotlin.dir="$KOTLIN" -Dc.native.dir="$NATIVE_C" -DskipTests
VERSION="$(python3 scripts/release/versions.py show)"
mkdir -p dist/release/jvm
cp "bindings/uniffi/kotlin/target/agora-token-jvm-$VERSION.jar" "bindings/java/target/agora-token-java-$VERSION.jar" dist/release/jvm/
ls -l dist/release/jvm
