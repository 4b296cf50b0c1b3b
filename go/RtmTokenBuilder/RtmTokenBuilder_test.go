package rtmtokenbuilder_test

import (
	"testing"

	rtmtokenbuilder "github.com/agora-token-rs/agora-token/go/RtmTokenBuilder"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

func TestVectors(t *testing.T) {
	pinned := rtmtokenbuilder.WithOptions(rtmtokenbuilder.Options(testutil.Pinned006))
	got, err := pinned.BuildToken(testutil.AppID, testutil.Certificate, "test_user", rtmtokenbuilder.RoleRtmUser, 1446455471)
	testutil.Check(t, "at1-rtm-test_user", got, err)
	got, err = pinned.BuildToken(testutil.AppID, testutil.Certificate, "test_user", 99, 1446455471)
	testutil.Check(t, "at1-rtm-test_user", got, err)
}
