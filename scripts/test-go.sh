#!/usr/bin/env bash
# Go (go/): builds the static C library (bindings/c, release) that cgo links and copies it
# where go/internal/capi expects it, checks the header copy, gofmt and go vet, then runs
# go test (the shared vectors, every drop-in package, the idiomatic package, the README
# sample, and the differential tests against go-tokenbuilder v1.3.0 and the PyPI and npm
# peers), a -race smoke run, and each benchmark once (timings: scripts/bench-go.sh).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
cd "$ROOT"

if ! command -v go >/dev/null; then
  echo "Go 1.21 or newer is needed (go.mod says go 1.21); this machine has none" >&2
  exit 1
fi
command -v gcc >/dev/null || { log "installing gcc (cgo)"; apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc; }
export CGO_ENABLED=1

ensure_venv
ensure_node_peers
export AGORA_PYTHON_PEER="$PY" AGORA_REQUIRE_PEERS=1

log "cargo build --release -p agora-token-c (the static library cgo links)"
cargo build -q --release -p agora-token-c
LIB="go/internal/capi/lib/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$LIB"
cp "$CARGO_TARGET_DIR/release/libagora_token_c.a" "$LIB/"

log "go/internal/capi/agora_token.h is bindings/c/include/agora_token.h"
if ! cmp bindings/c/include/agora_token.h go/internal/capi/agora_token.h; then
  echo "copy it: cp bindings/c/include/agora_token.h go/internal/capi/" >&2
  exit 1
fi

cd go
log "gofmt, go vet"
unformatted="$(gofmt -l .)"
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted: $unformatted" >&2
  exit 1
fi
go vet ./...

log "go test"
go test -count=1 ./...

log "go test -race (a smoke run: concurrent builds and the vectors)"
go test -count=1 -race -run 'TestConcurrentBuilds|TestBuildVectors|TestTokenBuildsEveryVector' ./agoratoken ./accesstoken2

log "benchmarks, once each (they must run; no timing is checked)"
go test -count=1 -run '^$' -bench . -benchtime 1x ./internal/differential >/dev/null
