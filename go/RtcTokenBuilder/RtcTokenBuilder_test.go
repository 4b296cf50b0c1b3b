package rtctokenbuilder_test

import (
	"strings"
	"testing"

	rtctokenbuilder "github.com/agora-token-rs/agora-token/go/RtcTokenBuilder"
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

var pinned = rtctokenbuilder.WithOptions(rtctokenbuilder.Options(testutil.Pinned006))

const appID, certificate, channel = testutil.AppID, testutil.Certificate, testutil.Channel

func TestVectors(t *testing.T) {
	got, err := pinned.BuildTokenWithUID(appID, certificate, channel, 2882341273, rtctokenbuilder.RolePublisher, 1446455471)
	testutil.Check(t, "at1-rtc-publisher", got, err)
	got, err = pinned.BuildTokenWithUID(appID, certificate, channel, 2882341273, rtctokenbuilder.RoleSubscriber, 1446455471)
	testutil.Check(t, "at1-rtc-uid-join", got, err)
	got, err = pinned.BuildTokenWithUID(appID, certificate, channel, 0, rtctokenbuilder.RoleSubscriber, 1446455471)
	testutil.Check(t, "at1-rtc-uid0-join", got, err)
	got, err = pinned.BuildTokenWithUserAccount(appID, certificate, channel, "0", rtctokenbuilder.RoleSubscriber, 1446455471)
	testutil.Check(t, "at1-rtc-uid-string-0", got, err)
	// The four privileges with one expiry are the publisher's token; in any order of values, each its own.
	got, err = pinned.BuildTokenWithUIDAndPrivilege(appID, certificate, channel, 2882341273, 1446455471, 1446455471, 1446455471, 1446455471)
	testutil.Check(t, "at1-rtc-publisher", got, err)
	got, err = pinned.BuildTokenWithUserAccountAndPrivilege(appID, certificate, channel, "2882341273", 1446455471, 1446455471, 1446455471, 1446455471)
	testutil.Check(t, "at1-rtc-publisher", got, err)
}

func TestPerPrivilegeExpiries(t *testing.T) {
	token, err := pinned.BuildTokenWithUIDAndPrivilege(appID, certificate, "c", 9, 1700000001, 1700000002, 1700000003, 1700000004)
	if err != nil {
		t.Fatal(err)
	}
	p, err := agoratoken.DecodeUnverified006(token)
	if err != nil || p.Privileges[1] != 1700000001 || p.Privileges[2] != 1700000002 || p.Privileges[3] != 1700000003 || p.Privileges[4] != 1700000004 {
		t.Errorf("%+v %v", p, err)
	}
	if err := agoratoken.Verify006(token, certificate, "c", agoratoken.UID(9)); err != nil {
		t.Error(err)
	}
}

func TestSurprisesWarn(t *testing.T) {
	warnings := testutil.CaptureWarnings(t)
	joinOnly, _ := pinned.BuildTokenWithUID(appID, certificate, channel, 2882341273, rtctokenbuilder.RoleSubscriber, 1446455471)
	got, err := pinned.BuildTokenWithUID(appID, certificate, channel, 2882341273, 7, 1446455471)
	if err != nil || got != joinOnly {
		t.Errorf("role 7: %v", err)
	}
	if _, err := pinned.BuildTokenWithUID(appID, certificate, channel, 1, rtctokenbuilder.RoleAttendee, 3600); err != nil {
		t.Fatal(err)
	}
	if codes := strings.Join(testutil.Codes(warnings()), ","); codes != "role_read_as_join_only,expiry_looks_relative" {
		t.Errorf("warnings %s", codes)
	}
}
