// Package rtmtokenbuilder is a drop-in for the official Go package of the legacy AccessToken
// ("006") RTM builder (AgoraIO/Tools .../go/src/RtmTokenBuilder), built by the agora-token
// core. The role is unused, as upstream.
package rtmtokenbuilder

import (
	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Role Type
type Role uint16

// RoleRtmUser is the only RTM role.
const RoleRtmUser = 1

// Options pins the issue time and salt (agoratoken.Options).
type Options = agoratoken.Options

// Builder is this package's functions with pinned options.
type Builder struct{ options capi.Options }

// WithOptions returns the package's functions with the issue time and salt pinned.
func WithOptions(options Options) Builder {
	return Builder{options: capi.Pinned(options.IssuedAt, options.Salt)}
}

// BuildToken builds a 006 RTM token: login for userAccount until privilegeExpiredTs, an
// absolute Unix time.
func BuildToken(appID string, appCertificate string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return Builder{}.BuildToken(appID, appCertificate, userAccount, role, privilegeExpiredTs)
}

// BuildToken is the package function with this Builder's options.
func (b Builder) BuildToken(appID string, appCertificate string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return capi.Done("rtmtokenbuilder.BuildToken")(capi.RTM006(appID, appCertificate, userAccount, privilegeExpiredTs, b.options))
}
