package rtctokenbuilder2_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
	"github.com/agora-token-rs/agora-token/go/rtctokenbuilder2"
)

const appID, certificate, channel = testutil.AppID, testutil.Certificate, testutil.Channel

var pinned = rtctokenbuilder2.WithOptions(rtctokenbuilder2.Options(testutil.Pinned007))

func TestVectors(t *testing.T) {
	got, err := pinned.BuildTokenWithUid(appID, certificate, channel, 2882341273, rtctokenbuilder2.RoleSubscriber, 600, 600)
	testutil.Check(t, "at2-rtc-uid-join", got, err)
	got, err = pinned.BuildTokenWithUid(appID, certificate, channel, 0, rtctokenbuilder2.RoleSubscriber, 600, 600)
	testutil.Check(t, "at2-rtc-uid0-join", got, err)
	got, err = pinned.BuildTokenWithUserAccount(appID, certificate, channel, "2882341273", rtctokenbuilder2.RoleSubscriber, 600, 600)
	testutil.Check(t, "at2-rtc-uid-join", got, err)
	got, err = pinned.BuildTokenWithRtm2(appID, certificate, channel, "2882341273", rtctokenbuilder2.RolePublisher, 600, 600, 600, 600, 600, "test_user", 600)
	testutil.Check(t, "at2-rtc4-rtm", got, err)
}

// The variants add what upstream adds: checked on the decoded token.
func TestVariants(t *testing.T) {
	decode := func(token string, err error) *agoratoken.Payload {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		p, err := agoratoken.Decode(token, certificate)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := decode(pinned.BuildTokenWithUidAndPrivilege(appID, certificate, "c", 7, 3600, 1, 2, 3, 4))
	if s := p.Services[0]; len(p.Services) != 1 || s.User != "7" || s.Privileges[1] != 1e9 || s.Privileges[4] != 4e9 || p.Expire != 3600e9 {
		t.Errorf("%+v", p)
	}
	p = decode(pinned.BuildTokenWithUserAccountAndPrivilege(appID, certificate, "c", "0", 3600, 1, 2, 3, 4))
	if p.Services[0].User != "0" || len(p.Services[0].Privileges) != 4 {
		t.Errorf("%+v", p)
	}
	p = decode(pinned.BuildTokenWithRtm(appID, certificate, "c", "alice", rtctokenbuilder2.RolePublisher, 3600, 600))
	if len(p.Services) != 2 || p.Services[0].Privileges[2] != 600e9 || p.Services[1].UserID != "alice" || p.Services[1].Privileges[1] != 3600e9 {
		t.Errorf("%+v", p)
	}
}

// Input upstream accepts but that is surely a mistake: upstream's token, and a warning.
func TestSurprisesBuildUpstreamsTokenAndWarn(t *testing.T) {
	warnings := testutil.CaptureWarnings(t)
	joinOnly, _ := pinned.BuildTokenWithUid(appID, certificate, channel, 2882341273, rtctokenbuilder2.RoleSubscriber, 600, 600)
	if w := warnings(); len(w) != 0 {
		t.Errorf("warnings for a subscriber: %v", w)
	}
	for _, role := range []rtctokenbuilder2.Role{0, 3, 101, 65535} {
		got, err := pinned.BuildTokenWithUid(appID, certificate, channel, 2882341273, role, 600, 600)
		w := warnings()
		if err != nil || got != joinOnly || len(w) != 1 || w[0].Code != agoratoken.WarningRoleReadAsJoinOnly || w[0].Func != "rtctokenbuilder2.BuildTokenWithUid" {
			t.Errorf("role %d: %v %v", role, err, w)
		}
	}
	if _, err := pinned.BuildTokenWithUid(appID, certificate, channel, 1, rtctokenbuilder2.RolePublisher, 1764066022, 90000); err != nil {
		t.Fatal(err)
	}
	if codes := strings.Join(testutil.Codes(warnings()), ","); codes != "expiry_looks_absolute,lifetime_over_24h" {
		t.Errorf("warnings %s", codes)
	}
}

func TestErrors(t *testing.T) {
	_, err := rtctokenbuilder2.BuildTokenWithUid(appID, certificate[:31], channel, 1, rtctokenbuilder2.RolePublisher, 600, 600)
	if !errors.Is(err, agoratoken.ErrInvalidAppCertificate) || strings.Contains(err.Error(), certificate[:16]) {
		t.Errorf("%v", err)
	}
	token, err := rtctokenbuilder2.BuildTokenWithUid(appID, certificate, channel, 1, rtctokenbuilder2.RolePublisher, 600, 600)
	if err != nil || !strings.HasPrefix(token, "007") {
		t.Errorf("%s %v", token, err)
	}
}
