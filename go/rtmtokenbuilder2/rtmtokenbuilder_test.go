package rtmtokenbuilder2_test

import (
	"testing"

	"github.com/agora-token-rs/agora-token/go/accesstoken2"
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
	"github.com/agora-token-rs/agora-token/go/rtmtokenbuilder2"
)

var pinned = rtmtokenbuilder2.WithOptions(rtmtokenbuilder2.Options(testutil.Pinned007))

func TestVectors(t *testing.T) {
	got, err := pinned.BuildToken(testutil.AppID, testutil.Certificate, "test_user", 600)
	testutil.Check(t, "at2-rtm-test_user", got, err)
	got, err = pinned.BuildToken(testutil.AppID, testutil.Certificate, "2882341273", 600)
	testutil.Check(t, "at2-rtm-uidstr", got, err)
}

func TestPermissions(t *testing.T) {
	warnings := testutil.CaptureWarnings(t)
	p := accesstoken2.NewRtm2Permissions()
	p.Add(accesstoken2.Rtm2ResourceMessageChannels, accesstoken2.Rtm2PermissionRead, []string{"message-a", "message-b"})
	p.Add(accesstoken2.Rtm2ResourceStreamChannels, accesstoken2.Rtm2PermissionWrite, []string{"stream-a"})
	p.Add(accesstoken2.Rtm2ResourceUsers, accesstoken2.Rtm2PermissionRead, []string{"user-a"})
	p.Add(6, 2, []string{"odd"})
	token, err := pinned.BuildTokenWithPermissions(testutil.AppID, testutil.Certificate, "test_user", p, 600)
	if err != nil {
		t.Fatal(err)
	}
	if w := testutil.Codes(warnings()); len(w) != 2 || w[0] != agoratoken.WarningUndefinedRTM2Type {
		t.Errorf("warnings %v", w)
	}
	payload, err := agoratoken.Decode(token, testutil.Certificate)
	if err != nil {
		t.Fatal(err)
	}
	s := payload.Services[0]
	if s.Type != agoratoken.ServiceRTM2 || s.UserID != "test_user" || len(s.Permissions) != 4 || s.Permissions[6][2][0] != "odd" || s.Permissions[0][0][1] != "message-b" {
		t.Errorf("%+v", s)
	}
	if _, err := rtmtokenbuilder2.BuildTokenWithPermissions(testutil.AppID, testutil.Certificate, "u", nil, 600); err != nil {
		t.Errorf("nil permissions: %v", err)
	}
}
