#!/usr/bin/env bash
# Kotlin and Swift bindings (bindings/uniffi): builds the cdylib, generates the Kotlin and
# Swift bindings with the pinned uniffi-bindgen, and
#   - Swift: diffs the generated Swift, header and module map against the committed copy
#     (bindings/uniffi/swift/Sources/), parses the Swift with tree-sitter-swift, and calls the
#     library through the generated C header (no Swift compiler is available here);
#   - Kotlin: compiles the generated Kotlin, the compat layer and the tests with kotlinc
#     against JNA and runs them on the JVM over conformance/upstream.json and a differential
#     fixture: random inputs built by the official packages (PyPI agoraiotools, npm
#     agora-token; fixed seed), generated here by bindings/uniffi/tests/differential/.
# Installs what it needs (apt libjna-java, npm kotlin-compiler, PyPI uniffi-bindgen and
# tree-sitter into .tools/, the peers via scripts/lib/env.sh). After an intended API change,
# refresh the committed Swift with
#   scripts/test-uniffi.sh --update-swift
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

UPDATE_SWIFT=0
for arg in "$@"; do
  case "$arg" in
    --update-swift) UPDATE_SWIFT=1 ;;
    *) echo "usage: $0 [--update-swift]" >&2; exit 2 ;;
  esac
done

KOTLIN_VERSION=2.4.20
OUT="$ROOT/build/uniffi"
SWIFT_DIR="$ROOT/bindings/uniffi/swift/Sources"
LIB="$REL/libagora_token_uniffi.so"

# ---------------------------------------------------------------- tools
# Debian jars: JNA for the bindings; org.json (Android's) and JUnit 4 for the Android example.
JAVA=/usr/share/java
declare -A DEBIAN_JARS=([jna.jar]=libjna-java [com.android.json.jar]=libandroid-json-java [junit4.jar]=junit4)
missing=()
for jar in "${!DEBIAN_JARS[@]}"; do [ -f "$JAVA/$jar" ] || missing+=("${DEBIAN_JARS[$jar]}"); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
JNA_JAR="$JAVA/jna.jar"
command -v gcc >/dev/null || { echo "gcc is needed (Debian: apt-get install gcc)" >&2; exit 1; }

KOTLIN_HOME="$TOOLS/kotlin/node_modules/kotlin-compiler"
if [ "$(cat "$KOTLIN_HOME/build.txt" 2>/dev/null)" != "$KOTLIN_VERSION" ]; then
  log "installing kotlin-compiler $KOTLIN_VERSION (npm) into $TOOLS/kotlin"
  mkdir -p "$TOOLS/kotlin"
  npm_in "$TOOLS/kotlin" install --no-save "kotlin-compiler@$KOTLIN_VERSION"
fi
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
KLIB="$KOTLIN_HOME/lib"

UNIFFI_VENV="$TOOLS/uniffi-venv"
if ! cmp -s bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"; then
  log "installing uniffi-bindgen and tree-sitter (PyPI) into $UNIFFI_VENV"
  python3 -m venv "$UNIFFI_VENV"
  "$UNIFFI_VENV/bin/pip" install -q --disable-pip-version-check -r bindings/uniffi/requirements.txt
  cp bindings/uniffi/requirements.txt "$UNIFFI_VENV/.requirements"
fi

# The official packages the differential fixture is made with.
ensure_venv
ensure_node_peers

# ---------------------------------------------------------------- library and bindings
log "building the cdylib (release, --target $HOST)"
cargo build -q --release --target "$HOST" -p agora-token-uniffi

log "generating Kotlin and Swift (uniffi-bindgen $("$UNIFFI_VENV/bin/uniffi-bindgen" --version | cut -d' ' -f2))"
rm -rf "$OUT/kotlin" "$OUT/swift"
for language in kotlin swift; do
  "$UNIFFI_VENV/bin/uniffi-bindgen" generate "$LIB" --language "$language" --config bindings/uniffi/uniffi.toml \
    --out-dir "$OUT/$language" --no-format
done

# ---------------------------------------------------------------- Swift
log "Swift: generated sources vs the committed copy"
# generated file -> committed path
declare -A SWIFT_FILES=(
  [AgoraToken.swift]="$SWIFT_DIR/AgoraToken/AgoraToken.swift"
  [AgoraTokenFFI.h]="$SWIFT_DIR/AgoraTokenFFI/AgoraTokenFFI.h"
  [AgoraTokenFFI.modulemap]="$SWIFT_DIR/AgoraTokenFFI/AgoraTokenFFI.modulemap"
)
generated_count=$(find "$OUT/swift" -type f | wc -l)
if [ "$generated_count" -ne "${#SWIFT_FILES[@]}" ]; then
  echo "uniffi-bindgen wrote $generated_count Swift files, expected ${#SWIFT_FILES[@]}:" >&2
  ls "$OUT/swift" >&2
  exit 1
fi
drift=0
for name in "${!SWIFT_FILES[@]}"; do
  committed="${SWIFT_FILES[$name]}"
  if [ "$UPDATE_SWIFT" = 1 ]; then
    mkdir -p "$(dirname "$committed")"
    cp "$OUT/swift/$name" "$committed"
  elif ! diff -u "$committed" "$OUT/swift/$name" > "$OUT/$name.diff"; then
    drift=1
    echo "DRIFT: $committed differs from the generated $name:" >&2
    head -40 "$OUT/$name.diff" >&2
  fi
done
if [ "$drift" = 1 ]; then
  echo "The committed Swift bindings are stale. If the Rust API change is intended, run" >&2
  echo "  scripts/test-uniffi.sh --update-swift   and commit bindings/uniffi/swift/Sources/" >&2
  exit 1
fi
[ "$UPDATE_SWIFT" = 1 ] && log "updated the committed Swift bindings in $SWIFT_DIR"
echo "the committed Swift, header and module map match the generated ones"

log "Swift: parse-only syntax check (tree-sitter-swift) of the sources, the iOS example and the README's Swift"
mkdir -p "$OUT/readme"
awk '/^```swift$/ {inside = 1; next} /^```$/ {inside = 0} inside' bindings/uniffi/README.md > "$OUT/readme/ReadmeExamples.swift"
[ -s "$OUT/readme/ReadmeExamples.swift" ] || { echo "no Swift example found in bindings/uniffi/README.md" >&2; exit 1; }
"$UNIFFI_VENV/bin/python" bindings/uniffi/tests/swift/syntax_check.py "$SWIFT_DIR/AgoraToken/AgoraToken.swift" \
  "$SWIFT_DIR/AgoraToken/ErrorCode.swift" examples/ios/TokenProvider.swift "$OUT/readme/ReadmeExamples.swift"

log "Swift: AgoraTokenError.code (hand-written) maps every generated case to its code, as Kotlin's does"
python3 bindings/uniffi/tests/swift/error_codes_check.py "$SWIFT_DIR/AgoraToken/AgoraToken.swift" \
  "$SWIFT_DIR/AgoraToken/ErrorCode.swift" bindings/uniffi/kotlin/src/main/kotlin/io/github/agoratokenrs/ErrorCode.kt

log "Swift: C ABI smoke test through the generated header"
mkdir -p "$OUT/c"
{
  echo "/* Generated by scripts/test-uniffi.sh from AgoraToken.swift: what Swift checks at load time. */"
  sed -n 's/.*let bindings_contract_version = \([0-9]*\).*/#define SWIFT_CONTRACT_VERSION \1/p' "$OUT/swift/AgoraToken.swift"
  echo "#define SWIFT_CHECKSUM_FUNCTIONS_IN_HEADER $(grep -c '^uint16_t uniffi_agora_token_uniffi_checksum_' "$OUT/swift/AgoraTokenFFI.h")"
  echo "static const struct { const char *name; uint16_t (*fn)(void); uint16_t expected; } SWIFT_CHECKSUMS[] = {"
  sed -n 's/.*if (\(uniffi_agora_token_uniffi_checksum_[a-z0-9_]*\)() != \([0-9]*\)).*/    {"\1", \1, \2},/p' \
    "$OUT/swift/AgoraToken.swift"
  echo "};"
} > "$OUT/c/swift_checks.h"
grep -q '^#define SWIFT_CONTRACT_VERSION [0-9]' "$OUT/c/swift_checks.h" || { echo "no contract version in the Swift" >&2; exit 1; }
# gcc does not know clang's nullability qualifiers used by the header.
gcc -std=c11 -Wall -Wextra -Werror -D_Nullable= -D_Nonnull= -I "$OUT/swift" -I "$OUT/c" \
  bindings/uniffi/tests/c/header_smoke.c -L "$REL" -lagora_token_uniffi -o "$OUT/c/header_smoke"
mapfile -t SIGNALING < <(python3 -c '
import json, sys
v = next(v for v in json.load(open(sys.argv[1]))["vectors"] if v["id"] == "signaling-1")
i = v["inputs"]
print(i["app_id"], i["app_certificate"], i["account"], i["expired_ts"], v["expected_token"], sep="\n")
' conformance/upstream.json)
LD_LIBRARY_PATH="$REL" "$OUT/c/header_smoke" "${SIGNALING[@]}"

# ---------------------------------------------------------------- Kotlin
log "Kotlin: compiling the generated bindings, the compat layer, the tests, the README examples and the Android example (kotlinc $KOTLIN_VERSION)"
# The README's Kotlin examples, as functions the test runs.
mkdir -p "$OUT/readme"
python3 bindings/uniffi/tests/readme_examples.py bindings/uniffi/README.md "$OUT/readme/ReadmeExamples.kt"
KOTLIN_SOURCES=("$OUT"/kotlin/io/github/agoratokenrs/*.kt
  bindings/uniffi/kotlin/src/main/kotlin/io/github/agoratokenrs/*.kt
  bindings/uniffi/kotlin/src/main/kotlin/io/github/agoratokenrs/compat/*.kt
  bindings/uniffi/tests/kotlin/*.kt
  "$OUT/readme/ReadmeExamples.kt"
  examples/android/*.kt)
JAR="$OUT/conformance-test.jar"
# The generated bindings need only JNA; the rest is for the tests and the example (coroutines,
# Android's org.json, JUnit 4 behind kotlin.test.Test).
CLASSPATH="$JNA_JAR:$KLIB/kotlin-test.jar:$KLIB/kotlin-test-junit.jar:$KLIB/kotlinx-coroutines-core-jvm.jar"
CLASSPATH+=":$JAVA/com.android.json.jar:$JAVA/junit4.jar:$JAVA/hamcrest.jar"
# kotlinc takes several seconds; skip it when no source changed since the last run.
sources_hash=$( (echo "$KOTLIN_VERSION $CLASSPATH"; cat "${KOTLIN_SOURCES[@]}") | sha256sum | cut -d' ' -f1)
if [ -f "$JAR" ] && [ "$(cat "$JAR.sha256" 2>/dev/null)" = "$sources_hash" ]; then
  echo "sources unchanged since the last compile; reusing $JAR"
else
  rm -f "$JAR" "$JAR.sha256"
  "$KOTLINC" -nowarn -cp "$CLASSPATH" "${KOTLIN_SOURCES[@]}" -d "$JAR"
  echo "$sources_hash" > "$JAR.sha256"
fi

log "Kotlin: differential fixture (official packages over random inputs, fixed seed)"
FIXTURE="$OUT/differential.json"
"$PY" bindings/uniffi/tests/differential/make_fixture.py "$FIXTURE"

log "Kotlin: conformance vectors, error cases, compat layer and differential test on the JVM"
java -Djna.library.path="$REL" -cp "$JAR:$CLASSPATH:$KLIB/kotlin-stdlib.jar" ConformanceTestKt conformance/upstream.json "$FIXTURE"

log "Kotlin: the Android example's unit tests (examples/android, JUnit 4)"
java -Djna.library.path="$REL" -cp "$JAR:$CLASSPATH:$KLIB/kotlin-stdlib.jar" org.junit.runner.JUnitCore \
  com.example.agoratoken.TokenRepositoryTest
