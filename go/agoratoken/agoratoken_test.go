package agoratoken_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

const appID, certificate = testutil.AppID, testutil.Certificate

// certificatePrefix in any string this package returns would leak the secret.
const certificatePrefix = "5CFd2fd1755d40ec"

func credentials(t testing.TB) agoratoken.Credentials {
	c, err := agoratoken.NewCredentials(appID, certificate)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func pinned(issuedAt, salt uint32) *agoratoken.Options {
	return &agoratoken.Options{IssuedAt: time.Unix(int64(issuedAt), 0), Salt: &salt}
}

func seconds(n uint32) time.Duration { return time.Duration(n) * time.Second }

func user(account string, numeric bool) agoratoken.User {
	if numeric {
		uid, _ := strconv.ParseUint(account, 10, 32)
		return agoratoken.UID(uint32(uid))
	}
	return agoratoken.Account(account)
}

func code(s string) uint16 {
	n, _ := strconv.ParseUint(s, 10, 16)
	return uint16(n)
}

// typedService is the typed service for a vector's service.
func typedService(s testutil.VectorService) agoratoken.Service {
	switch agoratoken.ServiceType(s.Type) {
	case agoratoken.ServiceRTC:
		p := map[agoratoken.RTCPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.RTCPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.RTC{Channel: s.ChannelName, User: user(s.UID, s.UID == ""), Privileges: p}
	case agoratoken.ServiceRTM:
		p := map[agoratoken.RTMPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.RTMPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.RTM{UserID: s.UserID, Privileges: p}
	case agoratoken.ServiceStreaming:
		p := map[agoratoken.StreamingPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.StreamingPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.Streaming{Channel: s.ChannelName, User: agoratoken.Account(s.Account), Privileges: p}
	case agoratoken.ServiceFPA:
		p := map[agoratoken.FPAPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.FPAPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.FPA{Privileges: p}
	case agoratoken.ServiceChat:
		p := map[agoratoken.ChatPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.ChatPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.Chat{UserID: s.UserID, Privileges: p}
	case agoratoken.ServiceFCDN:
		p := map[agoratoken.FCDNPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.FCDNPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.FCDN{Channel: s.ChannelName, User: agoratoken.Account(s.Account), Privileges: p}
	case agoratoken.ServiceAPaaS:
		p := map[agoratoken.APaaSPrivilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.APaaSPrivilege(code(c))] = seconds(e)
		}
		return agoratoken.APaaS{RoomUUID: s.RoomUUID, UserUUID: s.UserUUID, Role: s.Role, Privileges: p}
	case agoratoken.ServiceRTM2:
		p := map[agoratoken.RTM2Privilege]time.Duration{}
		for c, e := range s.Privileges {
			p[agoratoken.RTM2Privilege(code(c))] = seconds(e)
		}
		var permissions []agoratoken.RTM2Permission
		for resource, byPermission := range s.Permissions {
			for permission, names := range byPermission {
				permissions = append(permissions, agoratoken.RTM2Permission{
					Resource: agoratoken.RTM2ResourceType(code(resource)), Permission: agoratoken.RTM2PermissionType(code(permission)), Names: names})
			}
		}
		return agoratoken.RTM2{UserID: s.UserID, Permissions: permissions, Privileges: p}
	}
	return nil
}

// Every 007 build vector through Token.Build, with the typed services.
func TestTokenBuildsEveryVector(t *testing.T) {
	n := 0
	for _, v := range testutil.Load(t) {
		if !v.Is007() || !v.Builds() {
			continue
		}
		in := v.Decode007(t)
		creds, err := agoratoken.NewCredentials(in.AppID, *in.AppCertificate)
		if err != nil {
			t.Fatal(err)
		}
		token := agoratoken.Token{Expire: seconds(in.Expire)}
		for _, s := range in.Services {
			token.Services = append(token.Services, typedService(s))
		}
		got, err := token.Build(creds, pinned(in.IssueTs, in.Salt))
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		if got != v.StockToken() {
			t.Errorf("%s:\n got  %s\n want %s", v.ID, got, v.StockToken())
		}
		n++
	}
	if n < 30 {
		t.Fatalf("only %d vectors", n)
	}
}

// Every 007 parse vector through Decode (verified) or DecodeUnverified (unknown certificate).
func TestDecodeEveryVector(t *testing.T) {
	for _, v := range testutil.Load(t) {
		if !v.Is007() || !v.Parses() {
			continue
		}
		in := v.Decode007(t)
		payload, err := agoratoken.DecodeUnverified(v.ExpectedToken)
		if in.AppCertificate != nil {
			payload, err = agoratoken.Decode(v.ExpectedToken, *in.AppCertificate)
			if vErr := agoratoken.Verify(v.ExpectedToken, *in.AppCertificate); vErr != nil {
				t.Errorf("%s: Verify: %v", v.ID, vErr)
			}
		}
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		if payload.AppID != in.AppID || payload.IssuedAt.Unix() != int64(in.IssueTs) || payload.Expire != seconds(in.Expire) ||
			payload.Salt != in.Salt || !payload.ExpiresAt.Equal(payload.IssuedAt.Add(payload.Expire)) || len(payload.Services) != len(in.Services) {
			t.Errorf("%s: %+v", v.ID, payload)
			continue
		}
		for i, want := range in.Services {
			got := payload.Services[i]
			fieldUser := want.UID
			if want.Type == 3 || want.Type == 6 {
				fieldUser = want.Account
			}
			if uint16(got.Type) != want.Type || got.Channel != want.ChannelName || got.User != fieldUser || got.UserID != want.UserID ||
				got.RoomUUID != want.RoomUUID || got.UserUUID != want.UserUUID || got.Role != want.Role || len(got.Privileges) != len(want.Privileges) {
				t.Errorf("%s service %d: %+v, want %+v", v.ID, i, got, want)
			}
			for c, e := range want.Privileges {
				if got.Privileges[code(c)] != seconds(e) {
					t.Errorf("%s service %d privilege %s: %v", v.ID, i, c, got.Privileges[code(c)])
				}
			}
			for resource, byPermission := range want.Permissions {
				for permission, names := range byPermission {
					if fmt.Sprint(got.Permissions[code(resource)][code(permission)]) != fmt.Sprint(names) {
						t.Errorf("%s service %d permissions %v", v.ID, i, got.Permissions)
					}
				}
			}
		}
	}
}

func TestMalformedTokensGetTheirOwnErrors(t *testing.T) {
	for _, v := range testutil.Load(t) {
		if v.Kind != "parse_invalid" {
			continue
		}
		_, err := agoratoken.DecodeUnverified(v.ExpectedToken)
		if v.Is006() {
			_, err = agoratoken.DecodeUnverified006(v.ExpectedToken)
		}
		var e *agoratoken.Error
		if !errors.As(err, &e) || e.Code == agoratoken.CodeInternal || e.Message == "" {
			t.Errorf("%s: %v", v.ID, err)
		}
	}
	_, err := agoratoken.DecodeUnverified("006abc")
	if !errors.Is(err, agoratoken.ErrWrongVersion) {
		t.Errorf("a 006 token as 007: %v", err)
	}
}

// The 006 vectors through Build006RTC / Build006RTM and the 006 decoder.
func Test006Vectors(t *testing.T) {
	creds := credentials(t)
	for _, v := range testutil.Load(t) {
		if !v.Is006() || !v.Builds() {
			continue
		}
		in := v.Decode006(t)
		opts := pinned(in.Ts-24*3600, in.Salt)
		var got string
		var err error
		switch {
		case len(in.Privileges) == 1 && in.Privileges["1000"] != 0:
			got, err = agoratoken.Build006RTM(creds, in.ChannelName, time.Unix(int64(in.Privileges["1000"]), 0), opts)
		case len(in.Privileges) == 4:
			got, err = agoratoken.Build006RTC(creds, in.ChannelName, user(in.UID, true), agoratoken.Role006Publisher, time.Unix(int64(in.Privileges["1"]), 0), opts)
		default:
			got, err = agoratoken.Build006RTC(creds, in.ChannelName, user(in.UID, in.UID != "0"), agoratoken.Role006Subscriber, time.Unix(int64(in.Privileges["1"]), 0), opts)
		}
		if err != nil || got != v.ExpectedToken {
			t.Errorf("%s: %v\n got  %s\n want %s", v.ID, err, got, v.ExpectedToken)
			continue
		}
		decoded, err := agoratoken.DecodeUnverified006(got)
		if err != nil || decoded.Salt != in.Salt || decoded.ExpiresAt.Unix() != int64(in.Ts) || len(decoded.Privileges) != len(in.Privileges) {
			t.Errorf("%s: decoded %+v, %v", v.ID, decoded, err)
		}
		u := user(in.UID, in.UID != "0")
		if err := agoratoken.Verify006(got, certificate, in.ChannelName, u); err != nil {
			t.Errorf("%s: Verify006: %v", v.ID, err)
		}
		if err := agoratoken.Verify006(got, certificate, in.ChannelName+"x", u); !errors.Is(err, agoratoken.ErrSignatureMismatch) {
			t.Errorf("%s: Verify006 of another channel: %v", v.ID, err)
		}
	}
}

// The one-call builders give the vectors' tokens.
func TestOneCallBuildersMatchTheVectors(t *testing.T) {
	creds := credentials(t)
	o := pinned(1111111, 1)
	vectors := map[string]string{}
	for _, v := range testutil.Load(t) {
		vectors[v.ID] = v.StockToken()
	}
	const channel = "7d72365eb983485397e3e3f9d460bdda"
	build := map[string]func() (string, error){
		"at2-rtc-uid-join": func() (string, error) {
			return agoratoken.BuildRTC(creds, agoratoken.RTCParams{Channel: channel, User: agoratoken.UID(2882341273), Role: agoratoken.RoleSubscriber, TokenExpire: 600 * time.Second, PrivilegeExpire: 600 * time.Second}, o)
		},
		"at2-rtc-uid0-join": func() (string, error) {
			return agoratoken.BuildRTC(creds, agoratoken.RTCParams{Channel: channel, User: agoratoken.UID(0), Role: agoratoken.RoleSubscriber, TokenExpire: 600 * time.Second, PrivilegeExpire: 600 * time.Second}, o)
		},
		"at2-rtm-uidstr":    func() (string, error) { return agoratoken.BuildRTM(creds, "2882341273", 600*time.Second, o) },
		"at2-chat-user":     func() (string, error) { return agoratoken.BuildChatUser(creds, "2882341273", 600*time.Second, o) },
		"at2-chat-app":      func() (string, error) { return agoratoken.BuildChatApp(creds, 600*time.Second, o) },
		"at2-apaas-user":    func() (string, error) { return agoratoken.BuildAPaaSUser(creds, "2882341273", 600*time.Second, o) },
		"at2-apaas-app":     func() (string, error) { return agoratoken.BuildAPaaSApp(creds, 600*time.Second, o) },
		"at2-rtm-test_user": func() (string, error) { return agoratoken.BuildRTM(creds, "test_user", 600*time.Second, o) },
		"at2-apaas-room-user": func() (string, error) {
			return agoratoken.BuildAPaaSRoomUser(creds, "123", "2882341273", 1, 600*time.Second, o)
		},
		"at2-rtc4-rtm": func() (string, error) {
			d := 600 * time.Second
			return agoratoken.BuildRTCWithRTM(creds, agoratoken.RTCWithRTMParams{Channel: channel, RTCAccount: "2882341273", RTCRole: agoratoken.RolePublisher,
				RTCTokenExpire: d, Privileges: agoratoken.RTCPrivilegeExpiries{JoinChannel: d, PublishAudio: d, PublishVideo: d, PublishData: d}, RTMUserID: "test_user", RTMTokenExpire: d}, o)
		},
	}
	for id, f := range build {
		got, err := f()
		if err != nil || got != vectors[id] {
			t.Errorf("%s: %v\n got  %s\n want %s", id, err, got, vectors[id])
		}
	}
}

// The typed API refuses what the drop-in packages accept with a warning.
func TestTypedErrors(t *testing.T) {
	creds := credentials(t)
	rtc := func(role agoratoken.Role, expire time.Duration) error {
		_, err := agoratoken.BuildRTC(creds, agoratoken.RTCParams{Channel: "c", User: agoratoken.UID(1), Role: role, TokenExpire: expire, PrivilegeExpire: expire}, nil)
		return err
	}
	cases := []struct {
		name string
		err  error
		want *agoratoken.Error
	}{
		{"role 0", rtc(0, time.Hour), agoratoken.ErrUnknownRole},
		{"timestamp as lifetime", rtc(agoratoken.RolePublisher, 1764066022*time.Second), agoratoken.ErrExpiryLooksAbsolute},
		{"fraction of a second", rtc(agoratoken.RolePublisher, 1500*time.Millisecond), agoratoken.ErrInvalidArgument},
		{"undefined privilege", func() error {
			_, err := agoratoken.Token{Expire: time.Hour, Services: []agoratoken.Service{agoratoken.RTC{Channel: "c", User: agoratoken.UID(1),
				Privileges: map[agoratoken.RTCPrivilege]time.Duration{9: time.Hour}}}}.Build(creds, nil)
			return err
		}(), agoratoken.ErrUnknownPrivilege},
		{"undefined RTM2 type", func() error {
			_, err := agoratoken.BuildRTM2(creds, "u", []agoratoken.RTM2Permission{{Resource: 7, Permission: agoratoken.RTM2Read, Names: []string{"x"}}}, time.Hour, nil)
			return err
		}(), agoratoken.ErrUnknownRTM2Type},
		{"no services", func() error { _, err := agoratoken.Token{Expire: time.Hour}.Build(creds, nil); return err }(), agoratoken.ErrNoServices},
		{"006 expiry in seconds", func() error {
			_, err := agoratoken.Build006RTC(creds, "c", agoratoken.UID(1), agoratoken.Role006Publisher, time.Unix(3600, 0), nil)
			return err
		}(), agoratoken.ErrExpiryLooksRelative},
		{"006 role 7", func() error {
			_, err := agoratoken.Build006RTC(creds, "c", agoratoken.UID(1), 7, time.Time{}, nil)
			return err
		}(), agoratoken.ErrUnknownRole},
		{"issue time before 1970", func() error {
			_, err := agoratoken.BuildChatApp(creds, time.Hour, &agoratoken.Options{IssuedAt: time.Unix(-1, 0)})
			return err
		}(), agoratoken.ErrInvalidArgument},
		{"signature", agoratoken.Verify(vectorToken(t, "at2-rtc-uid-join"), "00000000000000000000000000000000"), agoratoken.ErrSignatureMismatch},
		{"credentials", func() error { _, err := agoratoken.NewCredentials(appID, certificate[:31]+"Z"); return err }(), agoratoken.ErrInvalidAppCertificate},
	}
	for _, c := range cases {
		var e *agoratoken.Error
		if !errors.Is(c.err, c.want) || !errors.As(c.err, &e) || e.Code != c.want.Code || e.Message == "" {
			t.Errorf("%s: %v, want %s", c.name, c.err, c.want.Code)
			continue
		}
		if strings.Contains(e.Error(), certificatePrefix) || strings.Contains(e.Error(), certificate[:31]) {
			t.Errorf("%s: the message shows the certificate: %s", c.name, e)
		}
		if errors.Is(c.err, agoratoken.ErrInternal) {
			t.Errorf("%s: matches another code", c.name)
		}
	}
}

func vectorToken(t *testing.T, id string) string {
	for _, v := range testutil.Load(t) {
		if v.ID == id {
			return v.ExpectedToken
		}
	}
	t.Fatalf("no vector %s", id)
	return ""
}

// Issue time and salt: pinned, the same token every time; unpinned, the clock and a fresh salt.
func TestIssueTimeAndSalt(t *testing.T) {
	creds := credentials(t)
	a, _ := agoratoken.BuildChatApp(creds, time.Hour, pinned(0, 0))
	b, _ := agoratoken.BuildChatApp(creds, time.Hour, pinned(0, 0))
	max, _ := agoratoken.BuildChatApp(creds, time.Hour, pinned(4294967295, 4294967295))
	if a != b || a == max {
		t.Errorf("pinned tokens differ or extremes collide: %s %s %s", a, b, max)
	}
	for token, want := range map[string][2]int64{a: {0, 0}, max: {4294967295, 4294967295}} {
		p, err := agoratoken.Decode(token, certificate)
		if err != nil || p.IssuedAt.Unix() != want[0] || int64(p.Salt) != want[1] {
			t.Errorf("%+v %v", p, err)
		}
	}
	before := time.Now().Unix()
	x, _ := agoratoken.BuildChatApp(creds, time.Hour, nil)
	y, _ := agoratoken.BuildChatApp(creds, time.Hour, nil)
	px, _ := agoratoken.DecodeUnverified(x)
	py, _ := agoratoken.DecodeUnverified(y)
	if px.IssuedAt.Unix() < before || px.IssuedAt.Unix() > time.Now().Unix() || px.Salt == py.Salt || px.Salt < 1 || px.Salt > 99999999 {
		t.Errorf("clock and salt: %+v %+v", px, py)
	}
}

// The certificate appears in no string form of Credentials.
func TestCredentialsHideTheCertificate(t *testing.T) {
	creds := credentials(t)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("creds", "c", creds)
	type wrapper struct {
		Public  agoratoken.Credentials
		private agoratoken.Credentials
	}
	w := wrapper{creds, creds}
	for _, shown := range []string{
		creds.String(), creds.GoString(), fmt.Sprint(creds), fmt.Sprintf("%v %+v %#v %s %q %x", creds, creds, creds, creds, creds, creds),
		fmt.Sprintf("%v %+v %#v", w, w, w), fmt.Sprintf("%v %+v", &w, []agoratoken.Credentials{creds}), logged.String(),
	} {
		if strings.Contains(shown, certificatePrefix) || strings.Contains(strings.ToLower(shown), strings.ToLower(certificatePrefix)) {
			t.Errorf("the certificate shows: %s", shown)
		}
		if !strings.Contains(shown, appID) && !strings.Contains(shown, "0x") {
			t.Errorf("neither the app id nor a pointer shows: %s", shown)
		}
	}
	if creds.AppID() != appID {
		t.Error(creds.AppID())
	}
}

func TestExplain(t *testing.T) {
	creds := credentials(t)
	token, err := agoratoken.BuildRTC(creds, agoratoken.RTCParams{Channel: "room", User: agoratoken.UID(42), Role: agoratoken.RoleSubscriber,
		TokenExpire: time.Hour, PrivilegeExpire: time.Hour}, pinned(1700000000, 1))
	if err != nil {
		t.Fatal(err)
	}
	u := agoratoken.UID(42)
	e, err := agoratoken.Explain(token, agoratoken.ExplainRequest{AppCertificate: certificate, Channel: "room", User: &u, Now: time.Unix(1700000100, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if e.Version != "007" || e.Signature != "valid" || e.Expired || e.Access == nil || !e.Access.CanJoin || e.Access.CanPublishAudio || len(e.Access.Reasons) == 0 {
		t.Errorf("%+v %+v\n%s", e, e.Access, e.JSON)
	}
	other := agoratoken.UID(43)
	e, err = agoratoken.Explain(token, agoratoken.ExplainRequest{Channel: "room", User: &other, Now: time.Unix(1700003601, 0)})
	if err != nil || e.Signature != "not_checked" || !e.Expired || e.Access.CanJoin {
		t.Errorf("%+v %v", e, err)
	}
	if _, err := agoratoken.Explain("garbage", agoratoken.ExplainRequest{}); err == nil {
		t.Error("garbage explained")
	}
}

// Every service gets a verdict; the RTM user, the project, the secondary certificate and an
// SDK error are checked as in every other binding (the codes are the core's).
func TestExplainEveryService(t *testing.T) {
	creds := credentials(t)
	token, err := agoratoken.BuildRTM(creds, "alice", 10*time.Minute, pinned(1700000000, 1))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(1700000100, 0)
	e, err := agoratoken.Explain(token, agoratoken.ExplainRequest{
		AppCertificate: strings.Repeat("0", 32), SecondaryCertificate: certificate,
		UserID: "bob", SDKError: "rtm-login-5", Now: at,
	})
	if err != nil {
		t.Fatal(err)
	}
	if e.VerifiedWith == nil || *e.VerifiedWith != "secondary" || len(e.Verdicts) != 1 || e.Verdicts[0].Service != "RTM" || e.Verdicts[0].Allowed {
		t.Fatalf("%+v\n%s", e, e.JSON)
	}
	if e.SDKError == nil || e.SDKError.Code != "rtm-login-5" || len(e.SDKError.ExplainedBy) != 1 || e.SDKError.ExplainedBy[0].Kind != "user_mismatch" {
		t.Errorf("%+v", e.SDKError)
	}
	e, err = agoratoken.Explain(token, agoratoken.ExplainRequest{UserID: "alice", ExpectedAppID: strings.Repeat("f", 32), Now: at})
	if err != nil || e.Verdicts[0].Allowed || e.Verdicts[0].Reasons[0].Kind != "app_id_mismatch" {
		t.Errorf("%+v %v", e, err)
	}
	var agoraErr *agoratoken.Error
	if _, err := agoratoken.Explain(token, agoratoken.ExplainRequest{SDKError: "rtc-17"}); !errors.As(err, &agoraErr) || agoraErr.Code != agoratoken.CodeInvalidArgument {
		t.Errorf("unknown SDK error: %v", err)
	}
}

// Several goroutines build from one Token at once.
func TestConcurrentBuilds(t *testing.T) {
	creds := credentials(t)
	token := agoratoken.Token{Expire: time.Hour, Services: []agoratoken.Service{
		agoratoken.RTC{Channel: "room", User: agoratoken.Account("a"), Privileges: map[agoratoken.RTCPrivilege]time.Duration{agoratoken.RTCJoinChannel: time.Hour}},
		agoratoken.RTM2{UserID: "a", Permissions: []agoratoken.RTM2Permission{{Resource: agoratoken.RTM2Users, Permission: agoratoken.RTM2Write, Names: []string{"b"}}},
			Privileges: map[agoratoken.RTM2Privilege]time.Duration{agoratoken.RTM2Login: time.Hour}},
		agoratoken.ConvoAI{}, agoratoken.STT{},
	}}
	want, err := token.Build(creds, pinned(1700000000, 5))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if got, err := token.Build(creds, pinned(1700000000, 5)); got != want || err != nil {
					errs <- fmt.Sprint(got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestVersion(t *testing.T) {
	if v := agoratoken.Version(); v == "" || strings.Count(v, ".") != 2 {
		t.Errorf("version %q", v)
	}
}
