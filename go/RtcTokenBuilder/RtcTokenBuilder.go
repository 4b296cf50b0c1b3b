// Package rtctokenbuilder is a drop-in for the official Go package of the legacy AccessToken
// ("006") RTC builder (AgoraIO/Tools .../go/src/RtcTokenBuilder), built by the agora-token
// core. Privilege expiries are absolute Unix times (0: no expiry); the token expires 24
// hours after it is built (WithOptions: after the pinned issue time). A role outside
// 0/1/2/101 joins only and a number of seconds where a Unix time is expected is packed as
// given; both are reported to the warning handler (agoratoken.SetWarningHandler).
package rtctokenbuilder

import (
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Role Type
type Role uint16

// Role consts: RoleAttendee, RolePublisher and RoleAdmin publish; RoleSubscriber joins only.
const (
	RoleAttendee   = 0
	RolePublisher  = 1
	RoleSubscriber = 2
	RoleAdmin      = 101
)

// RtcTokenBuilder class (upstream's empty type, kept for code that names it).
type RtcTokenBuilder struct {
}

// Options pins the issue time and salt (agoratoken.Options).
type Options = agoratoken.Options

// Builder is this package's functions with pinned options.
type Builder struct{ options capi.Options }

// WithOptions returns the package's functions with the issue time and salt pinned.
func WithOptions(options Options) Builder {
	return Builder{options: capi.Pinned(options.IssuedAt, options.Salt)}
}

// BuildTokenWithUserAccount builds a 006 RTC token for a string account.
func BuildTokenWithUserAccount(appID string, appCertificate string, channelName string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return Builder{}.BuildTokenWithUserAccount(appID, appCertificate, channelName, userAccount, role, privilegeExpiredTs)
}

// BuildTokenWithUserAccount is the package function with this Builder's options.
func (b Builder) BuildTokenWithUserAccount(appID string, appCertificate string, channelName string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return capi.Done("rtctokenbuilder.BuildTokenWithUserAccount")(capi.RTC006WithUserAccount(appID, appCertificate, channelName, userAccount, int64(role), privilegeExpiredTs, b.options))
}

// BuildTokenWithUID builds a 006 RTC token for a numeric uid (0: any user).
func BuildTokenWithUID(appID string, appCertificate string, channelName string, uid uint32, role Role, privilegeExpiredTs uint32) (string, error) {
	return Builder{}.BuildTokenWithUID(appID, appCertificate, channelName, uid, role, privilegeExpiredTs)
}

// BuildTokenWithUID is the package function with this Builder's options.
func (b Builder) BuildTokenWithUID(appID string, appCertificate string, channelName string, uid uint32, role Role, privilegeExpiredTs uint32) (string, error) {
	return capi.Done("rtctokenbuilder.BuildTokenWithUID")(capi.RTC006WithUID(appID, appCertificate, channelName, uid, int64(role), privilegeExpiredTs, b.options))
}

// BuildTokenWithUserAccountAndPrivilege builds a 006 RTC token with all four privileges,
// each until its own Unix time.
func BuildTokenWithUserAccountAndPrivilege(appID string, appCertificate string,
	channelName string, userAccount string,
	joinChannelPrivilegeExpiredTs uint32,
	pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32,
	pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	return Builder{}.BuildTokenWithUserAccountAndPrivilege(appID, appCertificate, channelName, userAccount, joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs)
}

// BuildTokenWithUserAccountAndPrivilege is the package function with this Builder's options.
func (b Builder) BuildTokenWithUserAccountAndPrivilege(appID string, appCertificate string,
	channelName string, userAccount string,
	joinChannelPrivilegeExpiredTs uint32,
	pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32,
	pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	user := capi.User{Kind: capi.UserAccount, Account: userAccount}
	return capi.Done("rtctokenbuilder.BuildTokenWithUserAccountAndPrivilege")(capi.Build006(appID, appCertificate, channelName, user,
		privileges(joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs), b.options))
}

// BuildTokenWithUIDAndPrivilege is BuildTokenWithUserAccountAndPrivilege for a numeric uid.
func BuildTokenWithUIDAndPrivilege(appID string, appCertificate string, channelName string, uid uint32,
	joinChannelPrivilegeExpiredTs uint32, pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32,
	pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	return Builder{}.BuildTokenWithUIDAndPrivilege(appID, appCertificate, channelName, uid, joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs)
}

// BuildTokenWithUIDAndPrivilege is the package function with this Builder's options.
func (b Builder) BuildTokenWithUIDAndPrivilege(appID string, appCertificate string, channelName string, uid uint32,
	joinChannelPrivilegeExpiredTs uint32, pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32,
	pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	user := capi.User{Kind: capi.UserUID, UID: uid}
	return capi.Done("rtctokenbuilder.BuildTokenWithUIDAndPrivilege")(capi.Build006(appID, appCertificate, channelName, user,
		privileges(joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs), b.options))
}

// privileges are the 006 privileges join (1), publish audio (2), video (3) and data (4).
func privileges(join, audio, video, data uint32) []capi.Privilege006 {
	return []capi.Privilege006{{Code: 1, Expire: join}, {Code: 2, Expire: audio}, {Code: 3, Expire: video}, {Code: 4, Expire: data}}
}
