package fpatokenbuilder_test

import (
	"testing"
	"time"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/fpatokenbuilder"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

// FPA: login privilege 0 and a 24-hour lifetime, as upstream.
func TestFPA(t *testing.T) {
	token, err := fpatokenbuilder.WithOptions(fpatokenbuilder.Options(testutil.Pinned007)).BuildToken(testutil.AppID, testutil.Certificate)
	if err != nil {
		t.Fatal(err)
	}
	p, err := agoratoken.Decode(token, testutil.Certificate)
	if err != nil || p.Expire != 24*time.Hour || len(p.Services) != 1 || p.Services[0].Type != agoratoken.ServiceFPA ||
		len(p.Services[0].Privileges) != 1 || p.Services[0].Privileges[1] != 0 || p.IssuedAt.Unix() != 1111111 || p.Salt != 1 {
		t.Errorf("%+v %v", p, err)
	}
}
