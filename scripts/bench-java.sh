#!/usr/bin/env bash
# Benchmark of the Java drop-in (run by hand; CI runs no benchmark): ns per RTC publisher token
# (random salt, clock issue time) for io.agora.media.RtcTokenBuilder2.buildTokenWithUid over the
# release C library through JNA, and in the same run the official npm `agora-token` and PyPI
# `agoraiotools` builders, with ratios. The official Java builder is in no registry (AgoraIO/Tools
# publishes no Maven artifact), so it is not part of this run. Uses the classes and the staged
# library of the last scripts/test-java.sh run.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$(dirname "$0")/lib/bench-peers.sh"
cd "$ROOT"
ensure_node_peers
ensure_venv

M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
CLASSES="bindings/java/target/classes"
[ -f "$CLASSES/linux-x86-64/libagora_token_c.so" ] && [ -d bindings/java/target/test-classes ] \
  || { echo "run scripts/test-java.sh first (it builds the classes and stages the library)" >&2; exit 1; }
JNA_VERSION="$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' bindings/pom.xml)"
CALLS="${CALLS:-20000}"
OUT="$ROOT/build/java"
java -cp "$CLASSES:bindings/java/target/test-classes:$M2_REPO/net/java/dev/jna/jna/$JNA_VERSION/jna-$JNA_VERSION.jar" \
  io.github.agoratokenrs.java.Bench "$CALLS" | tee "$OUT/bench.txt"
java_ns="$(sed -n 's/^java drop-in .*: \([0-9]*\) ns.*/\1/p' "$OUT/bench.txt")"

bench_peers "$CALLS"
awk -v j="$java_ns" -v n="$PEER_NODE_NS" -v p="$PEER_PYTHON_NS" 'BEGIN {
  printf "Java drop-in is %.1fx as fast as npm agora-token and %.1fx as fast as agoraiotools\n", n / j, p / j }'
