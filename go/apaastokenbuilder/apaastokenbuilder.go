// Package apaastokenbuilder is a drop-in for the official Go package of the same name
// (AgoraIO/Tools .../go/src/apaastokenbuilder), built by the agora-token core.
package apaastokenbuilder

import (
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Options pins the issue time and salt (agoratoken.Options).
type Options = agoratoken.Options

// Builder is this package's functions with pinned options.
type Builder struct{ options capi.Options }

// WithOptions returns the package's functions with the issue time and salt pinned.
func WithOptions(options Options) Builder {
	return Builder{options: capi.Pinned(options.IssuedAt, options.Salt)}
}

// BuildRoomUserToken builds an APaaS room user token: the room user privilege, RTM login for
// userUuid and a Chat user for the MD5 of userUuid, all until expire (seconds after now).
func BuildRoomUserToken(appId string, appCertificate string, roomUuid string, userUuid string, role int16, expire uint32) (string, error) {
	return Builder{}.BuildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire)
}

// BuildRoomUserToken is the package function with this Builder's options.
func (b Builder) BuildRoomUserToken(appId string, appCertificate string, roomUuid string, userUuid string, role int16, expire uint32) (string, error) {
	return capi.Done("apaastokenbuilder.BuildRoomUserToken")(capi.APaaSRoomUser(appId, appCertificate, roomUuid, userUuid, role, expire, b.options))
}

// BuildUserToken builds an APaaS user token.
func BuildUserToken(appId string, appCertificate string, userUuid string, expire uint32) (string, error) {
	return Builder{}.BuildUserToken(appId, appCertificate, userUuid, expire)
}

// BuildUserToken is the package function with this Builder's options.
func (b Builder) BuildUserToken(appId string, appCertificate string, userUuid string, expire uint32) (string, error) {
	return capi.Done("apaastokenbuilder.BuildUserToken")(capi.APaaSUser(appId, appCertificate, userUuid, expire, b.options))
}

// BuildAppToken builds an APaaS app token.
func BuildAppToken(appId string, appCertificate string, expire uint32) (string, error) {
	return Builder{}.BuildAppToken(appId, appCertificate, expire)
}

// BuildAppToken is the package function with this Builder's options.
func (b Builder) BuildAppToken(appId string, appCertificate string, expire uint32) (string, error) {
	return capi.Done("apaastokenbuilder.BuildAppToken")(capi.APaaSApp(appId, appCertificate, expire, b.options))
}
