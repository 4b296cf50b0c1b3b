package differential_test

import (
	"testing"

	peeraccess "github.com/AgoraIO-Community/go-tokenbuilder/accesstoken"
	peerrtc "github.com/AgoraIO-Community/go-tokenbuilder/rtctokenbuilder"

	"github.com/agora-token-rs/agora-token/go/accesstoken2"
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
	"github.com/agora-token-rs/agora-token/go/rtctokenbuilder2"
)

// Same-run benchmarks against go-tokenbuilder v1.3.0: an RTC publisher token (clock issue time,
// random salt), and parsing + verifying one. scripts/bench-go.sh prints the ratios.

const benchChannel = "7d72365eb983485397e3e3f9d460bdda"

func BenchmarkRTCPublisher_Ours(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := rtctokenbuilder2.BuildTokenWithUid(testutil.AppID, testutil.Certificate, benchChannel, 2882341273, rtctokenbuilder2.RolePublisher, 3600, 3600); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRTCPublisher_GoTokenbuilder(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := peerrtc.BuildTokenWithUid(testutil.AppID, testutil.Certificate, benchChannel, 2882341273, peerrtc.RolePublisher, 3600); err != nil {
			b.Fatal(err)
		}
	}
}

func benchToken(b *testing.B) string {
	token, err := rtctokenbuilder2.BuildTokenWithUid(testutil.AppID, testutil.Certificate, benchChannel, 2882341273, rtctokenbuilder2.RolePublisher, 3600, 3600)
	if err != nil {
		b.Fatal(err)
	}
	return token
}

func BenchmarkVerify_Ours(b *testing.B) {
	token := benchToken(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := agoratoken.Verify(token, testutil.Certificate); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse_OursAccessToken2(b *testing.B) {
	token := benchToken(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ok, err := accesstoken2.CreateAccessToken().Parse(token); !ok || err != nil {
			b.Fatal(err)
		}
	}
}

// go-tokenbuilder v1.3.0 has no signature check; parsing is what it offers.
func BenchmarkParse_GoTokenbuilder(b *testing.B) {
	token := benchToken(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ok, err := peeraccess.CreateAccessToken().Parse(token); !ok || err != nil {
			b.Fatal(err)
		}
	}
}
