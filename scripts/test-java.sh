#!/usr/bin/env bash
# Java (bindings/java): builds libagora_token_c.so (release, the host), stages it in JNA's
# resource layout for the jar, makes the differential fixture (random inputs built by the
# official PyPI agoraiotools and npm agora-token packages, fixed seed; the generator of the
# Kotlin suite, bindings/uniffi/tests/differential/make_fixture.py), then runs
#   mvn verify   on bindings/java: javac -Xlint -Werror, JUnit 5 under Surefire (shared vectors,
#                differential test, warnings, errors, secrets, the README sample compiled and
#                run, the token server example over loopback), and the jar;
# and finally the README sample compiled against the jar alone and run with no library path,
# so the library is the one inside the jar. Maven's downloads (JNA, JUnit, Surefire) are
# cached in the local repository (M2_REPO, default ~/.m2/repository).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

command -v mvn >/dev/null || { log "installing maven (Debian)"; apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven; }
[ "$HOST" = x86_64-unknown-linux-gnu ] || { echo "test-java.sh stages the linux-x86-64 library: run it on x86_64 Linux" >&2; exit 1; }
M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
OUT="$ROOT/build/java"
START=$SECONDS

log "libagora_token_c.so (release, --target $HOST)"
cargo build -q --release --target "$HOST" -p agora-token-c
mkdir -p "$OUT/native/linux-x86-64"
cp "$REL/libagora_token_c.so" "$OUT/native/linux-x86-64/"

log "differential fixture (official packages over random inputs, fixed seed)"
ensure_venv
ensure_node_peers
"$PY" bindings/uniffi/tests/differential/make_fixture.py "$OUT/differential.json"

log "mvn verify (bindings/java)"
mvn -B -Dstyle.color=never -Dmaven.repo.local="$M2_REPO" -f bindings/java/pom.xml verify \
  -Dc.native.dir="$OUT/native" -Dagora.differential.fixture="$OUT/differential.json" > "$OUT/mvn.log" 2>&1 \
  || { tail -120 "$OUT/mvn.log" >&2; exit 1; }
grep -E '^\[(INFO|WARNING)\] Tests run:|^differential:|^bench' "$OUT/mvn.log" | tail -12
VERSION="$(python3 scripts/release/versions.py show)"
JAR="$ROOT/bindings/java/target/agora-token-java-$VERSION.jar"

log "README sample against the jar alone (no library path: the library comes from the jar)"
JNA_VERSION="$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' bindings/pom.xml)"
JNA_JAR="$M2_REPO/net/java/dev/jna/jna/$JNA_VERSION/jna-$JNA_VERSION.jar"
SAMPLE="$OUT/readme-sample"
rm -rf "$SAMPLE" && mkdir -p "$SAMPLE"
# ReadmeSampleTest wrote the sample out as a class when it compiled and ran it.
cp bindings/java/target/readme-sample/Sample.java "$SAMPLE/"
javac -Xlint:all -Werror -cp "$JAR" -d "$SAMPLE" "$SAMPLE/Sample.java"
token="$(cd "$SAMPLE" && env -u LD_LIBRARY_PATH java -Djna.nosys=true -Djna.debug_load=true \
  -cp "$SAMPLE:$JAR:$JNA_JAR" Sample 2> "$SAMPLE/load.log")" || { cat "$SAMPLE/load.log" >&2; exit 1; }
case "$token" in 007*) echo "the README sample printed a 007 token" ;; *) echo "the README sample printed '$token'" >&2; exit 1 ;; esac
grep -q "linux-x86-64/libagora_token_c.so" "$SAMPLE/load.log" \
  || { echo "JNA did not load the library from the jar:" >&2; cat "$SAMPLE/load.log" >&2; exit 1; }
echo "JNA loaded libagora_token_c.so from the jar's linux-x86-64/ resource"
echo "java suite: $((SECONDS - START)) s"
