//go:build !agoratoken_external

package capi

// The static library of bindings/c, built with `cargo build --release -p agora-token-c` and
// copied to lib/<GOOS>_<GOARCH>/ beside this file (scripts/test-go.sh does both), plus the
// system libraries Rust's standard library needs. Build with `-tags agoratoken_external`
// and set CGO_LDFLAGS to link a library from anywhere else (see go/README.md).

// #cgo linux,amd64 LDFLAGS: ${SRCDIR}/lib/linux_amd64/libagora_token_c.a -lm -ldl -lpthread
// #cgo linux,arm64 LDFLAGS: ${SRCDIR}/lib/linux_arm64/libagora_token_c.a -lm -ldl -lpthread
import "C"
