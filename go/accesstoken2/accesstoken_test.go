package accesstoken2_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/agora-token-rs/agora-token/go/accesstoken2"
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/testutil"
)

const appID, certificate = testutil.AppID, testutil.Certificate

// service is the drop-in service for a vector's service, with its privileges.
func service(t *testing.T, s testutil.VectorService) accesstoken2.IService {
	var made accesstoken2.IService
	var base *accesstoken2.Service
	switch s.Type {
	case accesstoken2.ServiceTypeRtc:
		x := accesstoken2.NewServiceRtc(s.ChannelName, s.UID)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeRtm:
		x := accesstoken2.NewServiceRtm(s.UserID)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeStreaming:
		x := accesstoken2.NewServiceStreaming(s.ChannelName, s.Account)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeFpa:
		x := accesstoken2.NewServiceFpa()
		made, base = x, x.Service
	case accesstoken2.ServiceTypeChat:
		x := accesstoken2.NewServiceChat(s.UserID)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeFCdn:
		x := accesstoken2.NewServiceFCdn(s.ChannelName, s.Account)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeApaas:
		x := accesstoken2.NewServiceApaas(s.RoomUUID, s.UserUUID, s.Role)
		made, base = x, x.Service
	case accesstoken2.ServiceTypeRtm2:
		p := accesstoken2.NewRtm2Permissions()
		for resource, byPermission := range s.Permissions {
			for permission, names := range byPermission {
				p.Add(number(t, resource), number(t, permission), names)
			}
		}
		x := accesstoken2.NewServiceRtm2(s.UserID, p)
		made, base = x, x.Service
	default:
		t.Fatalf("service type %d", s.Type)
	}
	for code, expire := range s.Privileges {
		base.AddPrivilege(number(t, code), expire)
	}
	return made
}

func number(t *testing.T, text string) uint16 {
	n, err := strconv.ParseUint(text, 10, 16)
	if err != nil {
		t.Fatal(err)
	}
	return uint16(n)
}

// Every 007 build vector, built as upstream's tests build it: the stock-zlib string.
func TestBuildVectors(t *testing.T) {
	built := 0
	for _, v := range testutil.Load(t) {
		if !v.Is007() || !v.Builds() {
			continue
		}
		in := v.Decode007(t)
		token := accesstoken2.NewAccessToken(in.AppID, *in.AppCertificate, in.Expire)
		token.IssueTs, token.Salt = in.IssueTs, in.Salt
		for _, s := range in.Services {
			token.AddService(service(t, s))
		}
		got, err := token.Build()
		if err != nil {
			t.Errorf("%s: %v", v.ID, err)
			continue
		}
		if got != v.StockToken() {
			t.Errorf("%s:\n got  %s\n want %s", v.ID, got, v.StockToken())
		}
		if !bytes.Equal(testutil.Payload(t, got), testutil.Payload(t, v.ExpectedToken)) {
			t.Errorf("%s: payload differs from the vector's", v.ID)
		}
		built++
	}
	if built < 30 {
		t.Fatalf("only %d build vectors", built)
	}
}

// Every 007 parse vector: the fields, and the signature with the right and a wrong certificate.
func TestParseVectors(t *testing.T) {
	for _, v := range testutil.Load(t) {
		if !v.Is007() || !v.Parses() {
			continue
		}
		in := v.Decode007(t)
		token := accesstoken2.CreateAccessToken()
		ok, err := token.Parse(v.ExpectedToken)
		if !ok || err != nil {
			t.Errorf("%s: Parse = %v, %v", v.ID, ok, err)
			continue
		}
		if token.AppId != in.AppID || token.IssueTs != in.IssueTs || token.Expire != in.Expire || token.Salt != in.Salt {
			t.Errorf("%s: header %s %d %d %d", v.ID, token.AppId, token.IssueTs, token.Expire, token.Salt)
		}
		seen := map[uint16]int{}
		for i, want := range in.Services {
			got := token.GetServices(want.Type)
			if len(got) <= seen[want.Type] {
				t.Errorf("%s: no service %d number %d", v.ID, want.Type, seen[want.Type])
				continue
			}
			checkService(t, v.ID+" service "+strconv.Itoa(i), got[seen[want.Type]], want)
			seen[want.Type]++
		}
		if in.AppCertificate == nil {
			continue
		}
		if ok, err := token.VerifySignature(*in.AppCertificate); !ok || err != nil {
			t.Errorf("%s: VerifySignature = %v, %v", v.ID, ok, err)
		}
		if ok, err := token.VerifySignature("00000000000000000000000000000000"); ok || err != nil {
			t.Errorf("%s: VerifySignature(other) = %v, %v; want false, nil", v.ID, ok, err)
		}
	}
}

func checkService(t *testing.T, id string, got accesstoken2.IService, want testutil.VectorService) {
	var base *accesstoken2.Service
	var fields, wantFields string
	switch s := got.(type) {
	case *accesstoken2.ServiceRtc:
		base, fields, wantFields = s.Service, s.ChannelName+"|"+s.Uid, want.ChannelName+"|"+want.UID
	case *accesstoken2.ServiceRtm:
		base, fields, wantFields = s.Service, s.UserId, want.UserID
	case *accesstoken2.ServiceStreaming:
		base, fields, wantFields = s.Service, s.ChannelName+"|"+s.Account, want.ChannelName+"|"+want.Account
	case *accesstoken2.ServiceFpa:
		base = s.Service
	case *accesstoken2.ServiceChat:
		base, fields, wantFields = s.Service, s.UserId, want.UserID
	case *accesstoken2.ServiceFCdn:
		base, fields, wantFields = s.Service, s.ChannelName+"|"+s.Account, want.ChannelName+"|"+want.Account
	case *accesstoken2.ServiceApaas:
		base = s.Service
		fields = s.RoomUuid + "|" + s.UserUuid + "|" + strconv.Itoa(int(s.Role))
		wantFields = want.RoomUUID + "|" + want.UserUUID + "|" + strconv.Itoa(int(want.Role))
	case *accesstoken2.ServiceRtm2:
		base, fields, wantFields = s.Service, s.UserId, want.UserID
		for resource, byPermission := range want.Permissions {
			for permission, names := range byPermission {
				r, _ := strconv.Atoi(resource)
				p, _ := strconv.Atoi(permission)
				if strings.Join(s.Permissions.Details[uint16(r)][uint16(p)], ",") != strings.Join(names, ",") {
					t.Errorf("%s: permissions %v, want %v", id, s.Permissions.Details, want.Permissions)
				}
			}
		}
	default:
		t.Fatalf("%s: unexpected %T", id, got)
	}
	if fields != wantFields {
		t.Errorf("%s: fields %q, want %q", id, fields, wantFields)
	}
	if len(base.Privileges) != len(want.Privileges) {
		t.Errorf("%s: privileges %v, want %v", id, base.Privileges, want.Privileges)
	}
	for code, expire := range want.Privileges {
		n, _ := strconv.Atoi(code)
		if base.Privileges[uint16(n)] != expire {
			t.Errorf("%s: privilege %s = %d, want %d", id, code, base.Privileges[uint16(n)], expire)
		}
	}
}

func TestParseInvalidVectorsFailAndDisableVerify(t *testing.T) {
	for _, v := range testutil.Load(t) {
		if !v.Is007() || v.Kind != "parse_invalid" {
			continue
		}
		token := accesstoken2.CreateAccessToken()
		if ok, err := token.Parse(v.ExpectedToken); ok || err == nil {
			t.Errorf("%s: Parse = %v, %v", v.ID, ok, err)
		}
		if ok, err := token.VerifySignature(certificate); ok || err == nil {
			t.Errorf("%s: VerifySignature after a failed parse = %v, %v", v.ID, ok, err)
		}
	}
}

func TestBuildInvalidVector(t *testing.T) {
	for _, v := range testutil.Load(t) {
		if v.Kind != "build_invalid" {
			continue
		}
		for _, c := range []struct{ appID, cert, code string }{
			{"", certificate, agoratoken.CodeInvalidAppID},
			{"abc", certificate, agoratoken.CodeInvalidAppID},
			{"Z70CA35de60c44645bbae8a215061b33", certificate, agoratoken.CodeInvalidAppID},
			{appID, "", agoratoken.CodeInvalidAppCertificate},
			{appID, "abc", agoratoken.CodeInvalidAppCertificate},
			{appID, "5CFd2fd1755d40ecb72977518be15d3Z", agoratoken.CodeInvalidAppCertificate},
		} {
			token := accesstoken2.NewAccessToken(c.appID, c.cert, 600)
			token.AddService(accesstoken2.NewServiceRtc("room", "1"))
			got, err := token.Build()
			var e *agoratoken.Error
			if got != "" || !errors.As(err, &e) || e.Code != c.code {
				t.Errorf("%q/%q: %q, %v; want %s", c.appID, c.cert, got, err, c.code)
			}
			if err != nil && strings.Contains(err.Error(), "5CFd2fd1755d40ec") {
				t.Errorf("the error shows the certificate: %v", err)
			}
		}
		_, err := accesstoken2.NewAccessToken(appID, certificate, 600).Build()
		if !errors.Is(err, agoratoken.ErrNoServices) {
			t.Errorf("no services: %v", err)
		}
	}
}

// Upstream's AddPrivilege and Rtm2Permissions.Add take any number: packed as given, reported.
func TestUndefinedNumbersArePackedAndReported(t *testing.T) {
	warnings := testutil.CaptureWarnings(t)
	token := accesstoken2.NewAccessToken(appID, certificate, 600)
	token.IssueTs, token.Salt = 1700000000, 7
	rtc := accesstoken2.NewServiceRtc("room", "")
	rtc.AddPrivilege(99, 600)
	p := accesstoken2.NewRtm2Permissions()
	p.Add(9, 3, []string{"x"})
	token.AddService(rtc)
	token.AddService(accesstoken2.NewServiceRtm2("u", p))
	built, err := token.Build()
	if err != nil {
		t.Fatal(err)
	}
	codes := strings.Join(testutil.Codes(warnings()), ",")
	if strings.Count(codes, "undefined_privilege") != 1 || strings.Count(codes, "undefined_rtm2_type") != 2 {
		t.Errorf("warnings %s", codes)
	}
	parsed := accesstoken2.CreateAccessToken()
	if ok, err := parsed.Parse(built); !ok || err != nil {
		t.Fatal(err)
	}
	if got := parsed.GetServices(accesstoken2.ServiceTypeRtc)[0].(*accesstoken2.ServiceRtc).Privileges[99]; got != 600 {
		t.Errorf("privilege 99 = %d", got)
	}
	if got := parsed.GetServices(accesstoken2.ServiceTypeRtm2)[0].(*accesstoken2.ServiceRtm2).Permissions.Details[9][3]; len(got) != 1 || got[0] != "x" {
		t.Errorf("RTM2 9/3 = %v", got)
	}
}

// Services of one type are all kept, in order; the map view holds the last.
func TestRepeatedServicesAreKept(t *testing.T) {
	token := accesstoken2.NewAccessToken(appID, certificate, 600)
	for _, channel := range []string{"a", "b"} {
		s := accesstoken2.NewServiceRtc(channel, accesstoken2.GetUidStr(0))
		s.AddPrivilege(accesstoken2.PrivilegeJoinChannel, 600)
		token.AddService(s)
	}
	token.AddService(accesstoken2.NewServiceFpa())
	built, err := token.Build()
	if err != nil {
		t.Fatal(err)
	}
	parsed := accesstoken2.CreateAccessToken()
	if _, err := parsed.Parse(built); err != nil {
		t.Fatal(err)
	}
	rtc := parsed.GetServices(accesstoken2.ServiceTypeRtc)
	if len(rtc) != 2 || rtc[0].(*accesstoken2.ServiceRtc).ChannelName != "a" || rtc[1].(*accesstoken2.ServiceRtc).ChannelName != "b" {
		t.Errorf("RTC services %v", rtc)
	}
	if parsed.Services[accesstoken2.ServiceTypeRtc].(*accesstoken2.ServiceRtc).ChannelName != "b" {
		t.Error("the map view does not hold the last RTC service")
	}
}

// A bare Service is whole for types without fields and refused for the others.
func TestBareServices(t *testing.T) {
	token := accesstoken2.NewAccessToken(appID, certificate, 600)
	fpa := accesstoken2.NewService(accesstoken2.ServiceTypeFpa)
	fpa.AddPrivilege(accesstoken2.PrivilegeLogin, 0)
	token.AddService(fpa)
	token.IssueTs, token.Salt = 1111111, 1
	bare, err := token.Build()
	if err != nil {
		t.Fatal(err)
	}
	typed := accesstoken2.NewAccessToken(appID, certificate, 600)
	typed.IssueTs, typed.Salt = 1111111, 1
	s := accesstoken2.NewServiceFpa()
	s.AddPrivilege(accesstoken2.PrivilegeLogin, 0)
	typed.AddService(s)
	if want, _ := typed.Build(); bare != want {
		t.Errorf("bare FPA %s, typed %s", bare, want)
	}
	token.AddService(accesstoken2.NewService(accesstoken2.ServiceTypeRtc))
	if _, err := token.Build(); !errors.Is(err, agoratoken.ErrUnknownServiceType) {
		t.Errorf("bare RTC: %v", err)
	}
}

// Go strings may hold any bytes; the core takes UTF-8 only, and fields of at most 65535 bytes.
func TestStringsTheCoreRefuses(t *testing.T) {
	for _, c := range []struct {
		channel string
		err     error
	}{
		{"\xff\xfe", agoratoken.ErrInvalidArgument},
		{strings.Repeat("x", 65536), agoratoken.ErrFieldTooLong},
	} {
		token := accesstoken2.NewAccessToken(appID, certificate, 600)
		token.AddService(accesstoken2.NewServiceRtc(c.channel, ""))
		if _, err := token.Build(); !errors.Is(err, c.err) {
			t.Errorf("channel of %d bytes: %v, want %v", len(c.channel), err, c.err)
		}
	}
	token := accesstoken2.NewAccessToken(appID, certificate, 600)
	token.AddService(accesstoken2.NewServiceRtc(strings.Repeat("é", 65534/2)+"x", ""))
	if _, err := token.Build(); err != nil {
		t.Errorf("a 65535-byte channel: %v", err)
	}
}

func TestHelpers(t *testing.T) {
	if accesstoken2.GetUidStr(0) != "" || accesstoken2.GetUidStr(4294967295) != "4294967295" {
		t.Error("GetUidStr")
	}
	if accesstoken2.Md5("2882341273") != "6063383428a36fba3fb6030becf8094e" {
		t.Error("Md5")
	}
	token := accesstoken2.CreateAccessToken()
	if token.Expire != 900 || token.Salt < 1 || token.Salt > 99999998 || token.IssueTs == 0 {
		t.Errorf("CreateAccessToken: %+v", token)
	}
}
