#!/usr/bin/env bash
# Benchmark of the C++ drop-in (run by hand; CI runs no benchmark): ns per RTC publisher token
# (random salt, clock issue time) for RtcTokenBuilder2::BuildTokenWithUid over the release
# library, and in the same run the official npm `agora-token` and PyPI `agoraiotools` builders,
# with ratios. The official C++ builder is in no registry, so it is not part of this run.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$(dirname "$0")/lib/bench-peers.sh"
cd "$ROOT"
ensure_node_peers
ensure_venv

OUT="$CARGO_TARGET_DIR/agora-token-cpp-bench"
cmake -S bindings/cpp -B "$OUT" -DAGORA_TOKEN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OUT" --target bench_agora_token -j "$CARGO_BUILD_JOBS" >/dev/null
CALLS="${CALLS:-20000}"
"$OUT/bench_agora_token" "$CALLS" | tee "$OUT/cpp.txt"
cpp="$(sed -n 's/^cpp drop-in BuildTokenWithUid (publisher): \([0-9]*\) ns.*/\1/p' "$OUT/cpp.txt")"

node="$(bench_npm_agora_token "$CALLS")"
echo "npm agora-token 2.0.6 buildTokenWithUid (publisher): $node ns/token"
python="$(bench_agoraiotools "$CALLS")"
echo "PyPI agoraiotools 0.3.4 build_token_with_uid (publisher): $python ns/token"
awk -v c="$cpp" -v n="$node" -v p="$python" 'BEGIN {
  printf "C++ drop-in is %.1fx as fast as npm agora-token and %.1fx as fast as agoraiotools\n", n / c, p / c }'
