package agoratoken

import (
	"time"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// The one-call builders: upstream's builders with typed arguments. Each gives the token the
// official builder gives for the same input, and refuses what the drop-in packages accept
// with a warning (ErrUnknownRole, ErrExpiryLooksAbsolute, ...).

// Role is what an RTC user may do: RolePublisher joins and publishes, RoleSubscriber joins.
type Role int64

// The 007 RTC roles.
const (
	RolePublisher  Role = 1
	RoleSubscriber Role = 2
)

// RTCParams are the arguments of BuildRTC.
type RTCParams struct {
	Channel string
	User    User
	Role    Role
	// TokenExpire is the token's lifetime; PrivilegeExpire that of its privileges.
	TokenExpire, PrivilegeExpire time.Duration
}

// BuildRTC is BuildTokenWithUid / BuildTokenWithUserAccount: join until PrivilegeExpire,
// and publishing too for RolePublisher.
func BuildRTC(c Credentials, p RTCParams, o *Options) (string, error) {
	tokenExpire, err := seconds("TokenExpire", p.TokenExpire)
	if err != nil {
		return "", err
	}
	privilegeExpire, err := seconds("PrivilegeExpire", p.PrivilegeExpire)
	if err != nil {
		return "", err
	}
	if p.User.isAccount {
		return report("agoratoken.BuildRTC")(capi.RTCWithUserAccount(c.appID, c.cert(), p.Channel, p.User.account, int64(p.Role), tokenExpire, privilegeExpire, o.strict()))
	}
	return report("agoratoken.BuildRTC")(capi.RTCWithUID(c.appID, c.cert(), p.Channel, p.User.uid, int64(p.Role), tokenExpire, privilegeExpire, o.strict()))
}

// RTCPrivilegeExpiries are the lifetimes of the four RTC privileges.
type RTCPrivilegeExpiries struct {
	JoinChannel, PublishAudio, PublishVideo, PublishData time.Duration
}

func (e RTCPrivilegeExpiries) capi() (capi.RTCPrivilegeExpiries, error) {
	var out capi.RTCPrivilegeExpiries
	var err error
	for _, f := range []struct {
		name string
		in   time.Duration
		out  *uint32
	}{
		{"JoinChannel", e.JoinChannel, &out.JoinChannel},
		{"PublishAudio", e.PublishAudio, &out.PublishAudio},
		{"PublishVideo", e.PublishVideo, &out.PublishVideo},
		{"PublishData", e.PublishData, &out.PublishData},
	} {
		if *f.out, err = seconds(f.name, f.in); err != nil {
			return out, err
		}
	}
	return out, nil
}

// RTCWithPrivilegesParams are the arguments of BuildRTCWithPrivileges.
type RTCWithPrivilegesParams struct {
	Channel     string
	User        User
	TokenExpire time.Duration
	Privileges  RTCPrivilegeExpiries
}

// BuildRTCWithPrivileges is BuildTokenWithUidAndPrivilege / ...UserAccountAndPrivilege: all
// four RTC privileges, each with its own lifetime.
func BuildRTCWithPrivileges(c Credentials, p RTCWithPrivilegesParams, o *Options) (string, error) {
	tokenExpire, err := seconds("TokenExpire", p.TokenExpire)
	if err != nil {
		return "", err
	}
	privileges, err := p.Privileges.capi()
	if err != nil {
		return "", err
	}
	if p.User.isAccount {
		return report("agoratoken.BuildRTCWithPrivileges")(capi.RTCWithUserAccountAndPrivilege(c.appID, c.cert(), p.Channel, p.User.account, tokenExpire, privileges, o.strict()))
	}
	return report("agoratoken.BuildRTCWithPrivileges")(capi.RTCWithUIDAndPrivilege(c.appID, c.cert(), p.Channel, p.User.uid, tokenExpire, privileges, o.strict()))
}

// RTCWithRTMParams are the arguments of BuildRTCWithRTM, BuildConvoAI and BuildSTT.
type RTCWithRTMParams struct {
	Channel string
	// RTCAccount is the RTC user, a string account.
	RTCAccount     string
	RTCRole        Role
	RTCTokenExpire time.Duration
	// Privileges: publishing ones are granted to RolePublisher only.
	Privileges     RTCPrivilegeExpiries
	RTMUserID      string
	RTMTokenExpire time.Duration
}

func (p RTCWithRTMParams) capi() (capi.RTCAndRTM, error) {
	out := capi.RTCAndRTM{ChannelName: p.Channel, RTCAccount: p.RTCAccount, RTCRole: int64(p.RTCRole), RTMUserID: p.RTMUserID}
	var err error
	if out.RTCTokenExpire, err = seconds("RTCTokenExpire", p.RTCTokenExpire); err != nil {
		return out, err
	}
	if out.RTMTokenExpire, err = seconds("RTMTokenExpire", p.RTMTokenExpire); err != nil {
		return out, err
	}
	out.Privileges, err = p.Privileges.capi()
	return out, err
}

// BuildRTCWithRTM is BuildTokenWithRtm2: RTC for RTCAccount and RTM login for RTMUserID,
// with separate lifetimes. (Upstream's BuildTokenWithRtm is this with RTMUserID =
// RTCAccount, one privilege lifetime and RTMTokenExpire = RTCTokenExpire.)
func BuildRTCWithRTM(c Credentials, p RTCWithRTMParams, o *Options) (string, error) {
	return buildRTCAndRTM("agoratoken.BuildRTCWithRTM", capi.WithRTM2, c, p, o)
}

// BuildConvoAI is ConvoAITokenBuilder.BuildToken: BuildRTCWithRTM's services plus ConvoAI.
func BuildConvoAI(c Credentials, p RTCWithRTMParams, o *Options) (string, error) {
	return buildRTCAndRTM("agoratoken.BuildConvoAI", capi.WithConvoAI, c, p, o)
}

// BuildSTT is SttTokenBuilder.BuildToken: BuildRTCWithRTM's services plus STT.
func BuildSTT(c Credentials, p RTCWithRTMParams, o *Options) (string, error) {
	return buildRTCAndRTM("agoratoken.BuildSTT", capi.WithSTT, c, p, o)
}

func buildRTCAndRTM(fn string, kind int, c Credentials, p RTCWithRTMParams, o *Options) (string, error) {
	params, err := p.capi()
	if err != nil {
		return "", err
	}
	return report(fn)(capi.RTCWithRTM2(kind, c.appID, c.cert(), params, o.strict()))
}

// BuildRTM is RtmTokenBuilder2.BuildToken: RTM login for the token's lifetime.
func BuildRTM(c Credentials, userID string, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildRTM")(capi.RTM(c.appID, c.cert(), userID, e, o.strict()))
}

// BuildRTM2 is RtmTokenBuilder2.BuildTokenWithPermissions: RTM2 login with permissions.
func BuildRTM2(c Credentials, userID string, permissions []RTM2Permission, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	p, err := rtm2Permissions(permissions)
	if err != nil {
		return "", err
	}
	defer p.Free()
	return report("agoratoken.BuildRTM2")(capi.RTMWithPermissions(c.appID, c.cert(), userID, p, e, o.strict()))
}

// BuildChatUser is ChatTokenBuilder.BuildChatUserToken.
func BuildChatUser(c Credentials, userID string, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildChatUser")(capi.ChatUser(c.appID, c.cert(), userID, e, o.strict()))
}

// BuildChatApp is ChatTokenBuilder.BuildChatAppToken.
func BuildChatApp(c Credentials, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildChatApp")(capi.ChatApp(c.appID, c.cert(), e, o.strict()))
}

// BuildFPA is FpaTokenBuilder.BuildToken: FPA login (privilege 0), lifetime 24 hours.
func BuildFPA(c Credentials, o *Options) (string, error) {
	return report("agoratoken.BuildFPA")(capi.FPA(c.appID, c.cert(), o.strict()))
}

// BuildAPaaSRoomUser is ApaasTokenBuilder.BuildRoomUserToken (and Education's): APaaS room
// user, RTM login for the user and Chat for the MD5 of the user uuid.
func BuildAPaaSRoomUser(c Credentials, roomUUID, userUUID string, role int16, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildAPaaSRoomUser")(capi.APaaSRoomUser(c.appID, c.cert(), roomUUID, userUUID, role, e, o.strict()))
}

// BuildAPaaSUser is ApaasTokenBuilder.BuildUserToken.
func BuildAPaaSUser(c Credentials, userUUID string, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildAPaaSUser")(capi.APaaSUser(c.appID, c.cert(), userUUID, e, o.strict()))
}

// BuildAPaaSApp is ApaasTokenBuilder.BuildAppToken.
func BuildAPaaSApp(c Credentials, expire time.Duration, o *Options) (string, error) {
	e, err := seconds("expire", expire)
	if err != nil {
		return "", err
	}
	return report("agoratoken.BuildAPaaSApp")(capi.APaaSApp(c.appID, c.cert(), e, o.strict()))
}

// Role006 is a 006 RTC role.
type Role006 int64

// The 006 RTC roles: all but Subscriber publish.
const (
	Role006Attendee   Role006 = 0
	Role006Publisher  Role006 = 1
	Role006Subscriber Role006 = 2
	Role006Admin      Role006 = 101
)

// Build006RTC is the legacy (006) RtcTokenBuilder.BuildTokenWithUID / ...UserAccount: join,
// and publishing for roles that publish, until privilegeExpiresAt (the zero Time: no expiry).
// The token itself expires 24 hours after the issue time.
func Build006RTC(c Credentials, channel string, user User, role Role006, privilegeExpiresAt time.Time, o *Options) (string, error) {
	ts, err := unixSeconds("privilegeExpiresAt", privilegeExpiresAt)
	if err != nil {
		return "", err
	}
	if user.isAccount {
		return report("agoratoken.Build006RTC")(capi.RTC006WithUserAccount(c.appID, c.cert(), channel, user.account, int64(role), ts, o.strict()))
	}
	return report("agoratoken.Build006RTC")(capi.RTC006WithUID(c.appID, c.cert(), channel, user.uid, int64(role), ts, o.strict()))
}

// Build006RTM is the legacy (006) RtmTokenBuilder.BuildToken: RTM login until
// privilegeExpiresAt (the zero Time: no expiry).
func Build006RTM(c Credentials, account string, privilegeExpiresAt time.Time, o *Options) (string, error) {
	ts, err := unixSeconds("privilegeExpiresAt", privilegeExpiresAt)
	if err != nil {
		return "", err
	}
	return report("agoratoken.Build006RTM")(capi.RTM006(c.appID, c.cert(), account, ts, o.strict()))
}

// report passes a call's warnings (strict mode leaves only those it does not refuse, such as
// lifetimes over 24 hours) to the handler and returns its token and error.
func report(fn string) func(string, []Warning, error) (string, error) { return capi.Done(fn) }
