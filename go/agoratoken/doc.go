// Package agoratoken builds, decodes, verifies and explains Agora access tokens: AccessToken2
// ("007") with every service and the legacy AccessToken ("006"). It is the idiomatic layer of
// agora-token for Go, over the same Rust core as every other language (through cgo and the C
// API of bindings/c), so its tokens are byte for byte those of the official builders.
//
// Typed input is checked: a role, privilege or RTM2 type the token kind does not define, or a
// Unix timestamp where a lifetime is expected, is an *Error with the core's code and a
// message that says what to fix. The drop-in packages beside this one (rtctokenbuilder2,
// rtmtokenbuilder2, accesstoken2, ...) keep the official builders' names and accept what they
// accept, reporting surprises to the warning handler (SetWarningHandler).
//
// Issue time and salt come from the clock and a random generator unless Options pins them.
// The app certificate never appears in an error, a warning or a printed Credentials.
package agoratoken
