// Package fpatokenbuilder is a drop-in for the official Go package of the same name
// (AgoraIO/Tools .../go/src/fpatokenbuilder), built by the agora-token core.
package fpatokenbuilder

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

// BuildToken builds an FPA token: login privilege 0; the token expires 24 hours after now.
func BuildToken(appId string, appCertificate string) (string, error) {
	return Builder{}.BuildToken(appId, appCertificate)
}

// BuildToken is the package function with this Builder's options.
func (b Builder) BuildToken(appId string, appCertificate string) (string, error) {
	return capi.Done("fpatokenbuilder.BuildToken")(capi.FPA(appId, appCertificate, b.options))
}
