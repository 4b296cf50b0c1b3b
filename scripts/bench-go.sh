#!/usr/bin/env bash
# Go benchmarks, by hand (CI runs each once in scripts/test-go.sh, without timing): the Go
# drop-in against go-tokenbuilder v1.3.0 in the same run, and the ratios go/README.md quotes.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"
cargo build -q --release -p agora-token-c
LIB="go/internal/capi/lib/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$LIB" && cp "$CARGO_TARGET_DIR/release/libagora_token_c.a" "$LIB/"
cd go
out="$(go test -count=1 -run '^$' -bench . -benchtime "${BENCHTIME:-2s}" ./internal/differential)"
echo "$out"
echo "$out" | awk '/^Benchmark/ { sub(/-[0-9]+$/, "", $1); ns[$1] = $3 }
  END {
    printf "\nRTC publisher token: go-tokenbuilder / ours = %.2f\n", ns["BenchmarkRTCPublisher_GoTokenbuilder"] / ns["BenchmarkRTCPublisher_Ours"]
    printf "parse: go-tokenbuilder / ours (accesstoken2.Parse) = %.2f\n", ns["BenchmarkParse_GoTokenbuilder"] / ns["BenchmarkParse_OursAccessToken2"]
  }'
