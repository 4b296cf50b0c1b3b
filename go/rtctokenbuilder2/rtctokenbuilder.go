// Package rtctokenbuilder2 is a drop-in for the official Go package of the same name
// (AgoraIO/Tools DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2): the same functions and
// arguments, and the same token for every input (as a stock-zlib string), built by the
// agora-token core. Errors are *agoratoken.Error; surprising input (a role other than 1 or
// 2, a Unix timestamp where seconds are expected) builds upstream's token and is reported to
// the warning handler (agoratoken.SetWarningHandler). WithOptions pins issue time and salt.
package rtctokenbuilder2

import (
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Role type
type Role uint16

const (
	// RolePublisher joins and publishes. RECOMMENDED unless co-host authentication is on.
	RolePublisher = 1
	// RoleSubscriber joins only (which restricts publishing only with co-host authentication).
	// Any role but RolePublisher is read so.
	RoleSubscriber = 2
)

// Options pins the issue time and salt (agoratoken.Options).
type Options = agoratoken.Options

// Builder is this package's functions with pinned options: WithOptions(o).BuildTokenWithUid(...).
type Builder struct{ options capi.Options }

// WithOptions returns the package's functions with the issue time and salt pinned.
func WithOptions(options Options) Builder {
	return Builder{options: capi.Pinned(options.IssuedAt, options.Salt)}
}

// BuildTokenWithUid builds an RTC token for a numeric uid (0: any user): join until
// privilegeExpire, and publishing for RolePublisher; the token lasts tokenExpire. Both are
// seconds after now.
func BuildTokenWithUid(appId string, appCertificate string, channelName string, uid uint32, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)
}

// BuildTokenWithUid is the package function with this Builder's options.
func (b Builder) BuildTokenWithUid(appId string, appCertificate string, channelName string, uid uint32, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return capi.Done("rtctokenbuilder2.BuildTokenWithUid")(capi.RTCWithUID(appId, appCertificate, channelName, uid, int64(role), tokenExpire, privilegeExpire, b.options))
}

// BuildTokenWithUserAccount builds an RTC token for a string account (used verbatim).
func BuildTokenWithUserAccount(appId string, appCertificate string, channelName string, account string, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithUserAccount(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire)
}

// BuildTokenWithUserAccount is the package function with this Builder's options.
func (b Builder) BuildTokenWithUserAccount(appId string, appCertificate string, channelName string, account string, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return capi.Done("rtctokenbuilder2.BuildTokenWithUserAccount")(capi.RTCWithUserAccount(appId, appCertificate, channelName, account, int64(role), tokenExpire, privilegeExpire, b.options))
}

// BuildTokenWithUidAndPrivilege builds an RTC token with all four privileges, each with its
// own expiry (seconds after now).
func BuildTokenWithUidAndPrivilege(appId string, appCertificate string, channelName string, uid uint32,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithUidAndPrivilege(appId, appCertificate, channelName, uid, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire)
}

// BuildTokenWithUidAndPrivilege is the package function with this Builder's options.
func (b Builder) BuildTokenWithUidAndPrivilege(appId string, appCertificate string, channelName string, uid uint32,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	p := capi.RTCPrivilegeExpiries{JoinChannel: joinChannelPrivilegeExpire, PublishAudio: pubAudioPrivilegeExpire, PublishVideo: pubVideoPrivilegeExpire, PublishData: pubDataStreamPrivilegeExpire}
	return capi.Done("rtctokenbuilder2.BuildTokenWithUidAndPrivilege")(capi.RTCWithUIDAndPrivilege(appId, appCertificate, channelName, uid, tokenExpire, p, b.options))
}

// BuildTokenWithUserAccountAndPrivilege is BuildTokenWithUidAndPrivilege for a string account.
func BuildTokenWithUserAccountAndPrivilege(appId string, appCertificate string, channelName string, account string,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire)
}

// BuildTokenWithUserAccountAndPrivilege is the package function with this Builder's options.
func (b Builder) BuildTokenWithUserAccountAndPrivilege(appId string, appCertificate string, channelName string, account string,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	p := capi.RTCPrivilegeExpiries{JoinChannel: joinChannelPrivilegeExpire, PublishAudio: pubAudioPrivilegeExpire, PublishVideo: pubVideoPrivilegeExpire, PublishData: pubDataStreamPrivilegeExpire}
	return capi.Done("rtctokenbuilder2.BuildTokenWithUserAccountAndPrivilege")(capi.RTCWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, p, b.options))
}

// BuildTokenWithRtm builds an RTC token for an account plus RTM login for the same
// account until tokenExpire.
func BuildTokenWithRtm(appId string, appCertificate string, channelName string, account string, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithRtm(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire)
}

// BuildTokenWithRtm is the package function with this Builder's options.
func (b Builder) BuildTokenWithRtm(appId string, appCertificate string, channelName string, account string, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return capi.Done("rtctokenbuilder2.BuildTokenWithRtm")(capi.RTCWithRTM(appId, appCertificate, channelName, account, int64(role), tokenExpire, privilegeExpire, b.options))
}

// BuildTokenWithRtm2 builds an RTC token for rtcAccount (publishing privileges only for
// RolePublisher) plus RTM login for rtmUserId until rtmTokenExpire.
func BuildTokenWithRtm2(appId string, appCertificate string, channelName string, rtcAccount string, rtcRole Role, rtcTokenExpire uint32,
	joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32,
	rtmUserId string, rtmTokenExpire uint32) (string, error) {
	return Builder{}.BuildTokenWithRtm2(appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire)
}

// BuildTokenWithRtm2 is the package function with this Builder's options.
func (b Builder) BuildTokenWithRtm2(appId string, appCertificate string, channelName string, rtcAccount string, rtcRole Role, rtcTokenExpire uint32,
	joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32,
	rtmUserId string, rtmTokenExpire uint32) (string, error) {
	return capi.Done("rtctokenbuilder2.BuildTokenWithRtm2")(capi.RTCWithRTM2(capi.WithRTM2, appId, appCertificate, capi.NewRTCAndRTM(channelName, rtcAccount, int64(rtcRole), rtcTokenExpire,
		joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire), b.options))
}
