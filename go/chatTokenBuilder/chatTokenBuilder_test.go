package chatTokenBuilder_test

import (
	"testing"

	"github.com/agora-token-rs/agora-token/go/chatTokenBuilder"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

func TestVectors(t *testing.T) {
	pinned := chatTokenBuilder.WithOptions(chatTokenBuilder.Options(testutil.Pinned007))
	got, err := pinned.BuildChatUserToken(testutil.AppID, testutil.Certificate, "2882341273", 600)
	testutil.Check(t, "at2-chat-user", got, err)
	got, err = pinned.BuildChatAppToken(testutil.AppID, testutil.Certificate, 600)
	testutil.Check(t, "at2-chat-app", got, err)
}
