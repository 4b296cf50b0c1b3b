package educationtokenbuilder_test

import (
	"testing"

	"github.com/agora-token-rs/agora-token/go/educationtokenbuilder"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

func TestVectors(t *testing.T) {
	pinned := educationtokenbuilder.WithOptions(educationtokenbuilder.Options(testutil.Pinned007))
	got, err := pinned.BuildRoomUserToken(testutil.AppID, testutil.Certificate, "123", "2882341273", 1, 600)
	testutil.Check(t, "at2-apaas-room-user", got, err)
	got, err = pinned.BuildUserToken(testutil.AppID, testutil.Certificate, "2882341273", 600)
	testutil.Check(t, "at2-apaas-user", got, err)
	got, err = pinned.BuildAppToken(testutil.AppID, testutil.Certificate, 600)
	testutil.Check(t, "at2-apaas-app", got, err)
}
