// Package convoaitokenbuilder is a drop-in for the official Go package of the same name
// (AgoraIO/Tools .../go/src/convoaitokenbuilder), built by the agora-token core.
package convoaitokenbuilder

import (
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
	rtctokenbuilder "github.com/agora-token-rs/agora-token/go/rtctokenbuilder2"
)

// Options pins the issue time and salt (agoratoken.Options).
type Options = agoratoken.Options

// Builder is this package's function with pinned options.
type Builder struct{ options capi.Options }

// WithOptions returns the package's function with the issue time and salt pinned.
func WithOptions(options Options) Builder {
	return Builder{options: capi.Pinned(options.IssuedAt, options.Salt)}
}

// BuildToken builds a token with RTC (as rtctokenbuilder2.BuildTokenWithRtm2), RTM and
// ConvoAI services.
func BuildToken(appId string, appCertificate string, channelName string, rtcAccount string, rtcRole rtctokenbuilder.Role, rtcTokenExpire uint32,
	joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32,
	rtmUserId string, rtmTokenExpire uint32) (string, error) {
	return Builder{}.BuildToken(appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire)
}

// BuildToken is the package function with this Builder's options.
func (b Builder) BuildToken(appId string, appCertificate string, channelName string, rtcAccount string, rtcRole rtctokenbuilder.Role, rtcTokenExpire uint32,
	joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32,
	rtmUserId string, rtmTokenExpire uint32) (string, error) {
	r := capi.NewRTCAndRTM(channelName, rtcAccount, int64(rtcRole), rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire)
	return capi.Done("convoaitokenbuilder.BuildToken")(capi.RTCWithRTM2(capi.WithConvoAI, appId, appCertificate, r, b.options))
}
