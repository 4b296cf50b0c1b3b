package stttokenbuilder_test

import (
	"testing"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
	"github.com/agora-token-rs/agora-token/go/rtctokenbuilder2"
	"github.com/agora-token-rs/agora-token/go/stttokenbuilder"
)

// The services of BuildTokenWithRtm2 plus STT, for the same arguments.
func TestAddsItsServiceToRtm2(t *testing.T) {
	got, err := stttokenbuilder.WithOptions(stttokenbuilder.Options(testutil.Pinned007)).BuildToken(testutil.AppID, testutil.Certificate, "room", "agent",
		rtctokenbuilder2.RoleSubscriber, 600, 500, 400, 300, 200, "bot", 100)
	if err != nil {
		t.Fatal(err)
	}
	p, err := agoratoken.Decode(got, testutil.Certificate)
	if err != nil {
		t.Fatal(err)
	}
	rtm2, _ := rtctokenbuilder2.WithOptions(rtctokenbuilder2.Options(testutil.Pinned007)).BuildTokenWithRtm2(testutil.AppID, testutil.Certificate,
		"room", "agent", rtctokenbuilder2.RoleSubscriber, 600, 500, 400, 300, 200, "bot", 100)
	q, _ := agoratoken.Decode(rtm2, testutil.Certificate)
	if len(p.Services) != 3 || p.Services[2].Type != agoratoken.ServiceSTT || len(p.Services[2].Privileges) != 0 ||
		p.Services[0].User != q.Services[0].User || len(p.Services[0].Privileges) != 1 || p.Services[1].UserID != "bot" {
		t.Errorf("%+v", p)
	}
}
