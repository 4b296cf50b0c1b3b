// Package chatTokenBuilder is a drop-in for the official Go package of the same name
// (AgoraIO/Tools .../go/src/chatTokenBuilder), built by the agora-token core.
package chatTokenBuilder

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

// BuildChatUserToken builds a Chat user token: the user privilege until expire (seconds
// after now), which is also the token's lifetime.
func BuildChatUserToken(appID string, appCertificate string, userUuid string, expire uint32) (string, error) {
	return Builder{}.BuildChatUserToken(appID, appCertificate, userUuid, expire)
}

// BuildChatUserToken is the package function with this Builder's options.
func (b Builder) BuildChatUserToken(appID string, appCertificate string, userUuid string, expire uint32) (string, error) {
	return capi.Done("chatTokenBuilder.BuildChatUserToken")(capi.ChatUser(appID, appCertificate, userUuid, expire, b.options))
}

// BuildChatAppToken builds a Chat app token.
func BuildChatAppToken(appID string, appCertificate string, expire uint32) (string, error) {
	return Builder{}.BuildChatAppToken(appID, appCertificate, expire)
}

// BuildChatAppToken is the package function with this Builder's options.
func (b Builder) BuildChatAppToken(appID string, appCertificate string, expire uint32) (string, error) {
	return capi.Done("chatTokenBuilder.BuildChatAppToken")(capi.ChatApp(appID, appCertificate, expire, b.options))
}
