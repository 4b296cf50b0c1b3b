package capi

// #include "agora_token.h"
import "C"

// The C API's single-call builders: upstream's builder functions with upstream's arguments
// in Go's canonical order, then the options. Each returns the token and the warnings the
// lenient reading gave (none in strict mode, which refuses that input instead).

// RTCWithUID is agora_token_rtc_build_token_with_uid.
func RTCWithUID(appID, appCertificate, channelName string, uid uint32, role int64, tokenExpire, privilegeExpire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtc_build_token_with_uid(a, al, c, cl, ch, chl, C.uint32_t(uid), C.int64_t(role),
			C.uint32_t(tokenExpire), C.uint32_t(privilegeExpire), op, w, t, m)
	})
}

// RTCWithUserAccount is agora_token_rtc_build_token_with_user_account.
func RTCWithUserAccount(appID, appCertificate, channelName, account string, role int64, tokenExpire, privilegeExpire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(account)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtc_build_token_with_user_account(a, al, c, cl, ch, chl, u, ul, C.int64_t(role),
			C.uint32_t(tokenExpire), C.uint32_t(privilegeExpire), op, w, t, m)
	})
}

// RTCPrivilegeExpiries are the four RTC privilege expiries, seconds after the issue time.
type RTCPrivilegeExpiries struct {
	JoinChannel, PublishAudio, PublishVideo, PublishData uint32
}

// RTCWithUIDAndPrivilege is agora_token_rtc_build_token_with_uid_and_privilege.
func RTCWithUIDAndPrivilege(appID, appCertificate, channelName string, uid uint32, tokenExpire uint32, p RTCPrivilegeExpiries, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtc_build_token_with_uid_and_privilege(a, al, c, cl, ch, chl, C.uint32_t(uid), C.uint32_t(tokenExpire),
			C.uint32_t(p.JoinChannel), C.uint32_t(p.PublishAudio), C.uint32_t(p.PublishVideo), C.uint32_t(p.PublishData), op, w, t, m)
	})
}

// RTCWithUserAccountAndPrivilege is agora_token_rtc_build_token_with_user_account_and_privilege.
func RTCWithUserAccountAndPrivilege(appID, appCertificate, channelName, account string, tokenExpire uint32, p RTCPrivilegeExpiries, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(account)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtc_build_token_with_user_account_and_privilege(a, al, c, cl, ch, chl, u, ul, C.uint32_t(tokenExpire),
			C.uint32_t(p.JoinChannel), C.uint32_t(p.PublishAudio), C.uint32_t(p.PublishVideo), C.uint32_t(p.PublishData), op, w, t, m)
	})
}

// RTCWithRTM is agora_token_rtc_build_token_with_rtm.
func RTCWithRTM(appID, appCertificate, channelName, account string, role int64, tokenExpire, privilegeExpire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(account)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtc_build_token_with_rtm(a, al, c, cl, ch, chl, u, ul, C.int64_t(role),
			C.uint32_t(tokenExpire), C.uint32_t(privilegeExpire), op, w, t, m)
	})
}

// RTCAndRTM are the arguments of BuildTokenWithRtm2 and of the ConvoAI and STT builders.
type RTCAndRTM struct {
	ChannelName, RTCAccount string
	RTCRole                 int64
	RTCTokenExpire          uint32
	Privileges              RTCPrivilegeExpiries
	RTMUserID               string
	RTMTokenExpire          uint32
}

// NewRTCAndRTM gathers the arguments in upstream's order.
func NewRTCAndRTM(channelName, rtcAccount string, rtcRole int64, rtcTokenExpire uint32,
	joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire uint32,
	rtmUserID string, rtmTokenExpire uint32) RTCAndRTM {
	return RTCAndRTM{
		ChannelName: channelName, RTCAccount: rtcAccount, RTCRole: rtcRole, RTCTokenExpire: rtcTokenExpire,
		Privileges: RTCPrivilegeExpiries{JoinChannel: joinChannelPrivilegeExpire, PublishAudio: pubAudioPrivilegeExpire,
			PublishVideo: pubVideoPrivilegeExpire, PublishData: pubDataStreamPrivilegeExpire},
		RTMUserID: rtmUserID, RTMTokenExpire: rtmTokenExpire,
	}
}

// Which of the three C functions that take RTCAndRTM to call.
const (
	WithRTM2 = iota
	WithConvoAI
	WithSTT
)

// RTCWithRTM2 is agora_token_rtc_build_token_with_rtm2 (kind WithRTM2), or
// agora_token_convoai_build_token / agora_token_stt_build_token, which add their service.
func RTCWithRTM2(kind int, appID, appCertificate string, r RTCAndRTM, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(r.ChannelName)
	u, ul := str(r.RTCAccount)
	rtm, rtml := str(r.RTMUserID)
	p := r.Privileges
	role, expire, rtmExpire := C.int64_t(r.RTCRole), C.uint32_t(r.RTCTokenExpire), C.uint32_t(r.RTMTokenExpire)
	join, audio, video, data := C.uint32_t(p.JoinChannel), C.uint32_t(p.PublishAudio), C.uint32_t(p.PublishVideo), C.uint32_t(p.PublishData)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		switch kind {
		case WithConvoAI:
			return C.agora_token_convoai_build_token(a, al, c, cl, ch, chl, u, ul, role, expire, join, audio, video, data, rtm, rtml, rtmExpire, op, w, t, m)
		case WithSTT:
			return C.agora_token_stt_build_token(a, al, c, cl, ch, chl, u, ul, role, expire, join, audio, video, data, rtm, rtml, rtmExpire, op, w, t, m)
		default:
			return C.agora_token_rtc_build_token_with_rtm2(a, al, c, cl, ch, chl, u, ul, role, expire, join, audio, video, data, rtm, rtml, rtmExpire, op, w, t, m)
		}
	})
}

// RTM is agora_token_rtm_build_token.
func RTM(appID, appCertificate, userID string, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	u, ul := str(userID)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtm_build_token(a, al, c, cl, u, ul, C.uint32_t(expire), op, w, t, m)
	})
}

// RTMWithPermissions is agora_token_rtm_build_token_with_permissions (nil: no permissions).
func RTMWithPermissions(appID, appCertificate, userID string, permissions *Permissions, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	u, ul := str(userID)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_rtm_build_token_with_permissions(a, al, c, cl, u, ul, permissions.handle(), C.uint32_t(expire), op, w, t, m)
	})
}

// ChatUser is agora_token_chat_build_user_token.
func ChatUser(appID, appCertificate, userID string, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	u, ul := str(userID)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_chat_build_user_token(a, al, c, cl, u, ul, C.uint32_t(expire), op, w, t, m)
	})
}

// ChatApp is agora_token_chat_build_app_token.
func ChatApp(appID, appCertificate string, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_chat_build_app_token(a, al, c, cl, C.uint32_t(expire), op, w, t, m)
	})
}

// FPA is agora_token_fpa_build_token.
func FPA(appID, appCertificate string, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_fpa_build_token(a, al, c, cl, op, w, t, m)
	})
}

// APaaSRoomUser is agora_token_apaas_build_room_user_token.
func APaaSRoomUser(appID, appCertificate, roomUUID, userUUID string, role int16, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	r, rl := str(roomUUID)
	u, ul := str(userUUID)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_apaas_build_room_user_token(a, al, c, cl, r, rl, u, ul, C.int16_t(role), C.uint32_t(expire), op, w, t, m)
	})
}

// APaaSUser is agora_token_apaas_build_user_token.
func APaaSUser(appID, appCertificate, userUUID string, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	u, ul := str(userUUID)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_apaas_build_user_token(a, al, c, cl, u, ul, C.uint32_t(expire), op, w, t, m)
	})
}

// APaaSApp is agora_token_apaas_build_app_token.
func APaaSApp(appID, appCertificate string, expire uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_apaas_build_app_token(a, al, c, cl, C.uint32_t(expire), op, w, t, m)
	})
}

// User names a user for 006 tokens, explain and 006 verification: a numeric uid (0 = any
// user) or a string account, used verbatim.
type User struct {
	// Kind is UserNone, UserUID or UserAccount.
	Kind    uint32
	UID     uint32
	Account string
}

// The values of User.Kind (AgoraTokenUserKind).
const (
	UserNone    = uint32(C.AGORA_TOKEN_USER_KIND_NONE)
	UserUID     = uint32(C.AGORA_TOKEN_USER_KIND_UID)
	UserAccount = uint32(C.AGORA_TOKEN_USER_KIND_ACCOUNT)
)

// RTC006WithUID is agora_token_006_rtc_build_token_with_uid.
func RTC006WithUID(appID, appCertificate, channelName string, uid uint32, role int64, privilegeExpiredTs uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_rtc_build_token_with_uid(a, al, c, cl, ch, chl, C.uint32_t(uid), C.int64_t(role), C.uint32_t(privilegeExpiredTs), op, w, t, m)
	})
}

// RTC006WithUserAccount is agora_token_006_rtc_build_token_with_user_account.
func RTC006WithUserAccount(appID, appCertificate, channelName, account string, role int64, privilegeExpiredTs uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(account)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_rtc_build_token_with_user_account(a, al, c, cl, ch, chl, u, ul, C.int64_t(role), C.uint32_t(privilegeExpiredTs), op, w, t, m)
	})
}

// RTM006 is agora_token_006_rtm_build_token.
func RTM006(appID, appCertificate, account string, privilegeExpiredTs uint32, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	u, ul := str(account)
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_rtm_build_token(a, al, c, cl, u, ul, C.uint32_t(privilegeExpiredTs), op, w, t, m)
	})
}

// Privilege006 is one 006 privilege and its absolute expiry (Unix seconds, 0 = none).
type Privilege006 struct {
	Code   uint16
	Expire uint32
}

// Build006 is agora_token_006_build_token: a 006 token with any privileges.
func Build006(appID, appCertificate, channelName string, user User, privileges []Privilege006, o Options) (string, []Warning, error) {
	a, al := str(appID)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(user.Account)
	codes := make([]C.uint16_t, len(privileges))
	expires := make([]C.uint32_t, len(privileges))
	for i, p := range privileges {
		codes[i], expires[i] = C.uint16_t(p.Code), C.uint32_t(p.Expire)
	}
	var codesPtr *C.uint16_t
	var expiresPtr *C.uint32_t
	if len(privileges) > 0 {
		codesPtr, expiresPtr = &codes[0], &expires[0]
	}
	return issue(o, func(op *C.AgoraTokenOptions, w **C.AgoraTokenWarnings, t **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_build_token(a, al, c, cl, ch, chl, C.uint32_t(user.Kind), C.uint32_t(user.UID), u, ul,
			codesPtr, expiresPtr, C.size_t(len(privileges)), nil, op, w, t, m)
	})
}
