// Package rtmtokenbuilder2 is a drop-in for the official Go package of the same name
// (AgoraIO/Tools .../go/src/rtmtokenbuilder2), built by the agora-token core. RTM2 types
// RTM does not define are packed as upstream packs them and reported to the warning handler.
package rtmtokenbuilder2

import (
	"github.com/agora-token-rs/agora-token/go/accesstoken2"
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

// BuildToken builds an RTM token: login for userId until expire (seconds after now), which
// is also the token's lifetime.
func BuildToken(appId string, appCertificate string, userId string, expire uint32) (string, error) {
	return Builder{}.BuildToken(appId, appCertificate, userId, expire)
}

// BuildToken is the package function with this Builder's options.
func (b Builder) BuildToken(appId string, appCertificate string, userId string, expire uint32) (string, error) {
	return capi.Done("rtmtokenbuilder2.BuildToken")(capi.RTM(appId, appCertificate, userId, expire, b.options))
}

// BuildTokenWithPermissions builds an RTM2 token with resource-level permissions (an
// interface that needs Agora's assistance); permissions may be nil.
func BuildTokenWithPermissions(appId string, appCertificate string, userId string, permissions *accesstoken2.Rtm2Permissions, expire uint32) (string, error) {
	return Builder{}.BuildTokenWithPermissions(appId, appCertificate, userId, permissions, expire)
}

// BuildTokenWithPermissions is the package function with this Builder's options.
func (b Builder) BuildTokenWithPermissions(appId string, appCertificate string, userId string, permissions *accesstoken2.Rtm2Permissions, expire uint32) (string, error) {
	const fn = "rtmtokenbuilder2.BuildTokenWithPermissions"
	var details map[uint16]map[uint16][]string
	if permissions != nil {
		details = permissions.Details
	}
	p, warnings, err := capi.UpstreamPermissions(details)
	if err != nil {
		return "", err
	}
	defer p.Free()
	token, more, err := capi.RTMWithPermissions(appId, appCertificate, userId, p, expire, b.options)
	return capi.Done(fn)(token, append(warnings, more...), err)
}
