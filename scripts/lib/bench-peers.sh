# The official builders' side of the same-run benchmarks (scripts/bench-*.sh; sourced after
# scripts/lib/env.sh, with ensure_node_peers and ensure_venv done): the median ns per RTC
# publisher token (clock issue time, random salt) of seven rounds of CALLS tokens each.

# npm agora-token's RtcTokenBuilder.buildTokenWithUid.
bench_npm_agora_token() {
  CALLS="$1" node -e '
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
console.log(Math.round(rounds[3]));'
}

# PyPI agoraiotools' RtcTokenBuilder.build_token_with_uid (a quarter of the calls: it is slower).
bench_agoraiotools() {
  "$PY" - "$1" <<'PY'
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
}
