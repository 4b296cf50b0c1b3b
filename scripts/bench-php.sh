#!/usr/bin/env bash
# Benchmark of the PHP package (run by hand; CI runs no benchmark): ns per RTC publisher token
# (random salt, clock issue time) for the drop-in RtcTokenBuilder2::buildTokenWithUid and the
# typed Tokens::rtc over the release library, and in the same run the official npm
# `agora-token` and PyPI `agoraiotools` builders, with ratios. The official PHP builder is in no
# registry reachable here (Packagist is not), so it is not part of this run.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$(dirname "$0")/lib/bench-peers.sh"
cd "$ROOT"

cargo build -q --release -p agora-token-c
export AGORA_TOKEN_LIBRARY="$CARGO_TARGET_DIR/release/libagora_token_c.so"
CALLS="${CALLS:-20000}"
OUT="$CARGO_TARGET_DIR/agora-token-php"
mkdir -p "$OUT"
# opcache on, as under php-fpm (the CLI's default is off).
php -d opcache.enable_cli=1 php/bench/bench.php "$CALLS" | tee "$OUT/bench.txt"
php_ns="$(sed -n 's/^php drop-in RtcTokenBuilder2::buildTokenWithUid (publisher): \([0-9]*\) ns.*/\1/p' "$OUT/bench.txt")"

bench_peers "$CALLS"
awk -v c="$php_ns" -v n="$PEER_NODE_NS" -v p="$PEER_PYTHON_NS" 'BEGIN {
  printf "PHP drop-in is %.1fx as fast as npm agora-token and %.1fx as fast as agoraiotools\n", n / c, p / c }'
