#!/usr/bin/env bash
# Benchmark of the C++ drop-in (run by hand; CI runs no benchmark): ns per RTC publisher token
# (random salt, clock issue time) for RtcTokenBuilder2::BuildTokenWithUid over the release
# library, and in the same run the official npm `agora-token` and PyPI `agoraiotools` builders,
# with ratios. The official C++ builder is in no registry, so it is not part of this run.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
ensure_node_peers
ensure_venv

OUT="$CARGO_TARGET_DIR/agora-token-cpp-bench"
cmake -S bindings/cpp -B "$OUT" -DAGORA_TOKEN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OUT" --target bench_agora_token -j "$CARGO_BUILD_JOBS" >/dev/null
CALLS="${CALLS:-20000}"
"$OUT/bench_agora_token" "$CALLS" | tee "$OUT/cpp.txt"
cpp="$(sed -n 's/^cpp drop-in BuildTokenWithUid (publisher): \([0-9]*\) ns.*/\1/p' "$OUT/cpp.txt")"

node=$(CALLS="$CALLS" node -e '
const { RtcTokenBuilder, RtcRole } = require(process.env.AGORA_NODE_PEERS + "/agora-token");
const calls = Number(process.env.CALLS), rounds = [];
let total = 0;
for (let round = 0; round < 7; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    total += RtcTokenBuilder.buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
      "7d72365eb983485397e3e3f9d460bdda", 2882341273 + i, RtcRole.PUBLISHER, 600, 600).length;
  }
  rounds.push(Number(process.hrtime.bigint() - start) / calls);
}
rounds.sort((a, b) => a - b);
console.log(Math.round(rounds[3]));')
echo "npm agora-token 2.0.6 buildTokenWithUid (publisher): $node ns/token"

python=$("$PY" - "$CALLS" <<'PY'
import sys, time
from agoraiotools.RtcTokenBuilder2 import RtcTokenBuilder, Role_Publisher
calls, rounds = max(int(sys.argv[1]) // 4, 1000), []
for _ in range(7):
    start = time.perf_counter_ns()
    for i in range(calls):
        RtcTokenBuilder.build_token_with_uid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                                             "7d72365eb983485397e3e3f9d460bdda", 2882341273 + i, Role_Publisher, 600, 600)
    rounds.append((time.perf_counter_ns() - start) / calls)
print(round(sorted(rounds)[3]))
PY
)
echo "PyPI agoraiotools 0.3.4 build_token_with_uid (publisher): $python ns/token"
awk -v c="$cpp" -v n="$node" -v p="$python" 'BEGIN {
  printf "C++ drop-in is %.1fx as fast as npm agora-token and %.1fx as fast as agoraiotools\n", n / c, p / c }'
