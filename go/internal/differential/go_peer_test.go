package differential_test

import (
	"bytes"
	"testing"
	"time"

	peeraccess "github.com/AgoraIO-Community/go-tokenbuilder/accesstoken"
	peerchat "github.com/AgoraIO-Community/go-tokenbuilder/chatTokenBuilder"
	peerrtc "github.com/AgoraIO-Community/go-tokenbuilder/rtctokenbuilder"
	peerrtm "github.com/AgoraIO-Community/go-tokenbuilder/rtmtokenbuilder"

	"github.com/agora-token-rs/agora-token/go/accesstoken2"
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/chatTokenBuilder"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
	"github.com/agora-token-rs/agora-token/go/rtctokenbuilder2"
	"github.com/agora-token-rs/agora-token/go/rtmtokenbuilder2"
)

const casesPerBuilder = 60

// pinnedLike are options with the issue time and salt of a peer's token (read by the peer).
func pinnedLike(t *testing.T, token string) agoratoken.Options {
	t.Helper()
	parsed := peeraccess.CreateAccessToken()
	if ok, err := parsed.Parse(token); !ok || err != nil {
		t.Fatalf("the peer cannot parse its own token %s: %v", token, err)
	}
	salt := parsed.Salt
	return agoratoken.Options{IssuedAt: time.Unix(int64(parsed.IssueTs), 0), Salt: &salt}
}

// samePayload compares a peer token with ours: the peer compresses with Go's compress/flate,
// so the strings differ; the inflated payloads (signature included) may not.
func samePayload(t *testing.T, what string, peer string, peerErr error, ours string, oursErr error, valid bool) bool {
	t.Helper()
	if !valid {
		if peerErr == nil || oursErr == nil {
			t.Errorf("%s: bad credentials: peer %v, ours %v", what, peerErr, oursErr)
		}
		return false
	}
	if peerErr != nil || oursErr != nil {
		t.Errorf("%s: peer %v, ours %v", what, peerErr, oursErr)
		return false
	}
	if !bytes.Equal(testutil.Payload(t, peer), testutil.Payload(t, ours)) {
		t.Errorf("%s: payloads differ\n peer %s\n ours %s", what, peer, ours)
		return false
	}
	return true
}

// The builder functions of go-tokenbuilder v1.3.0 (one expiry for token and privileges, no
// RTM stream name) against the drop-ins, over random inputs.
func TestGoTokenbuilderBuilders(t *testing.T) {
	agoratoken.SetWarningHandler(nil)
	defer agoratoken.SetWarningHandler(agoratoken.LogWarning)
	r := newRandom(t)
	compared := map[string]int{}
	for i := 0; i < casesPerBuilder; i++ {
		appID, cert, valid := r.credentials()
		channel, account, expire, uid, role := r.text(), r.text(), r.u32(), r.u32(), r.role()

		peer, peerErr := peerrtc.BuildTokenWithUid(appID, cert, channel, uid, peerrtc.Role(role), expire)
		o := optionsOf(t, peer, valid)
		ours, oursErr := rtctokenbuilder2.WithOptions(o).BuildTokenWithUid(appID, cert, channel, uid, rtctokenbuilder2.Role(role), expire, expire)
		if samePayload(t, "BuildTokenWithUid", peer, peerErr, ours, oursErr, valid) {
			compared["rtc uid"]++
		}

		peer, peerErr = peerrtc.BuildTokenWithAccount(appID, cert, channel, account, peerrtc.Role(role), expire)
		o = optionsOf(t, peer, valid)
		ours, oursErr = rtctokenbuilder2.WithOptions(o).BuildTokenWithUserAccount(appID, cert, channel, account, rtctokenbuilder2.Role(role), expire, expire)
		if samePayload(t, "BuildTokenWithAccount", peer, peerErr, ours, oursErr, valid) {
			compared["rtc account"]++
		}

		peer, peerErr = peerrtm.BuildToken(appID, cert, account, expire, "")
		o = optionsOf(t, peer, valid)
		ours, oursErr = rtmtokenbuilder2.WithOptions(o).BuildToken(appID, cert, account, expire)
		if samePayload(t, "rtm BuildToken", peer, peerErr, ours, oursErr, valid) {
			compared["rtm"]++
		}

		peer, peerErr = peerchat.BuildChatUserToken(appID, cert, account, expire)
		o = optionsOf(t, peer, valid)
		ours, oursErr = chatTokenBuilder.WithOptions(o).BuildChatUserToken(appID, cert, account, expire)
		if samePayload(t, "BuildChatUserToken", peer, peerErr, ours, oursErr, valid) {
			compared["chat user"]++
		}

		peer, peerErr = peerchat.BuildChatAppToken(appID, cert, expire)
		o = optionsOf(t, peer, valid)
		ours, oursErr = chatTokenBuilder.WithOptions(o).BuildChatAppToken(appID, cert, expire)
		if samePayload(t, "BuildChatAppToken", peer, peerErr, ours, oursErr, valid) {
			compared["chat app"]++
		}
	}
	t.Logf("go-tokenbuilder v1.3.0: identical payloads per builder %v", compared)
}

func optionsOf(t *testing.T, token string, valid bool) agoratoken.Options {
	if !valid {
		return agoratoken.Options{}
	}
	return pinnedLike(t, token)
}

// go-tokenbuilder's AccessToken with any services it has (RTC, RTM, FPA, Chat, Education),
// any privilege numbers and expiries, and issue times and salts at the extremes, against the
// accesstoken2 drop-in.
func TestGoTokenbuilderAccessToken(t *testing.T) {
	agoratoken.SetWarningHandler(nil)
	defer agoratoken.SetWarningHandler(agoratoken.LogWarning)
	r := newRandom(t)
	compared := 0
	for i := 0; i < 4*casesPerBuilder; i++ {
		appID, cert, valid := r.credentials()
		expire, issueTs, salt := r.u32(), r.u32(), r.u32()
		peer := peeraccess.NewAccessToken(appID, cert, expire)
		peer.IssueTs, peer.Salt = issueTs, salt
		ours := accesstoken2.NewAccessToken(appID, cert, expire)
		ours.IssueTs, ours.Salt = issueTs, salt
		types := []int{1, 2, 4, 5, 7}
		r.Shuffle(len(types), func(a, b int) { types[a], types[b] = types[b], types[a] })
		for _, serviceType := range types[:1+r.Intn(len(types))] {
			privileges := map[uint16]uint32{}
			for n := r.Intn(5); n > 0; n-- {
				privileges[r.u16()] = r.u32()
			}
			var peerService *peeraccess.Service
			var oursService *accesstoken2.Service
			switch serviceType {
			case 1:
				channel, uid := r.text(), r.pick("", "0", r.text())
				p, o := peeraccess.NewServiceRtc(channel, uid), accesstoken2.NewServiceRtc(channel, uid)
				peer.AddService(p)
				ours.AddService(o)
				peerService, oursService = p.Service, o.Service
			case 2:
				user := r.text()
				p, o := peeraccess.NewServiceRtm(user), accesstoken2.NewServiceRtm(user)
				peer.AddService(p)
				ours.AddService(o)
				peerService, oursService = p.Service, o.Service
			case 4:
				p, o := peeraccess.NewServiceFpa(), accesstoken2.NewServiceFpa()
				peer.AddService(p)
				ours.AddService(o)
				peerService, oursService = p.Service, o.Service
			case 5:
				user := r.text()
				p, o := peeraccess.NewServiceChat(user), accesstoken2.NewServiceChat(user)
				peer.AddService(p)
				ours.AddService(o)
				peerService, oursService = p.Service, o.Service
			case 7:
				room, user, role := r.text(), r.text(), r.i16()
				p, o := peeraccess.NewServiceEducation(room, user, role), accesstoken2.NewServiceApaas(room, user, role)
				peer.AddService(p)
				ours.AddService(o)
				peerService, oursService = p.Service, o.Service
			}
			for code, value := range privileges {
				peerService.AddPrivilege(code, value)
				oursService.AddPrivilege(code, value)
			}
		}
		peerToken, peerErr := peer.Build()
		oursToken, oursErr := ours.Build()
		if samePayload(t, "AccessToken.Build", peerToken, peerErr, oursToken, oursErr, valid) {
			compared++
		}
	}
	t.Logf("go-tokenbuilder v1.3.0 AccessToken: %d identical payloads", compared)
	if compared < 3*casesPerBuilder {
		t.Errorf("only %d cases compared", compared)
	}
}
