package agoratoken

import "github.com/agora-token-rs/agora-token/go/internal/capi"

// Error is the error of every function in this module, the drop-in packages included: the
// core's stable Code (the same string in every binding of agora-token) and a Message that
// says what to fix. No message contains the app certificate.
//
//	var e *agoratoken.Error
//	if errors.As(err, &e) && e.Code == agoratoken.CodeInvalidAppCertificate { ... }
//	if errors.Is(err, agoratoken.ErrSignatureMismatch) { ... }
type Error = capi.Error

// The core's error codes (Error.Code).
const (
	CodeInvalidAppID          = "invalid_app_id"
	CodeInvalidAppCertificate = "invalid_app_certificate"
	CodeFieldTooLong          = "field_too_long"
	CodeTooManyEntries        = "too_many_entries"
	CodeNoServices            = "no_services"
	CodeUnknownRole           = "unknown_role"
	CodeUnknownPrivilege      = "unknown_privilege"
	CodeUnknownServiceType    = "unknown_service_type"
	CodeUnknownRTM2Type       = "unknown_rtm2_type"
	CodeExpiryLooksAbsolute   = "expiry_looks_absolute"
	CodeExpiryLooksRelative   = "expiry_looks_relative"
	CodeInvalidArgument       = "invalid_argument"
	CodeClock                 = "clock"
	CodeRandomness            = "randomness"
	CodeWrongVersion          = "wrong_version"
	CodeInvalidBase64         = "invalid_base64"
	CodeInvalidZlib           = "invalid_zlib"
	CodeTruncated             = "truncated"
	CodeInvalidUTF8           = "invalid_utf8"
	CodeSignatureMismatch     = "signature_mismatch"
	CodeInternal              = "internal"
)

// Sentinels for errors.Is: an *Error matches the sentinel of its code.
var (
	ErrInvalidAppID          = &Error{Code: CodeInvalidAppID}
	ErrInvalidAppCertificate = &Error{Code: CodeInvalidAppCertificate}
	ErrFieldTooLong          = &Error{Code: CodeFieldTooLong}
	ErrTooManyEntries        = &Error{Code: CodeTooManyEntries}
	ErrNoServices            = &Error{Code: CodeNoServices}
	ErrUnknownRole           = &Error{Code: CodeUnknownRole}
	ErrUnknownPrivilege      = &Error{Code: CodeUnknownPrivilege}
	ErrUnknownServiceType    = &Error{Code: CodeUnknownServiceType}
	ErrUnknownRTM2Type       = &Error{Code: CodeUnknownRTM2Type}
	ErrExpiryLooksAbsolute   = &Error{Code: CodeExpiryLooksAbsolute}
	ErrExpiryLooksRelative   = &Error{Code: CodeExpiryLooksRelative}
	ErrInvalidArgument       = &Error{Code: CodeInvalidArgument}
	ErrClock                 = &Error{Code: CodeClock}
	ErrRandomness            = &Error{Code: CodeRandomness}
	ErrWrongVersion          = &Error{Code: CodeWrongVersion}
	ErrInvalidBase64         = &Error{Code: CodeInvalidBase64}
	ErrInvalidZlib           = &Error{Code: CodeInvalidZlib}
	ErrTruncated             = &Error{Code: CodeTruncated}
	ErrInvalidUTF8           = &Error{Code: CodeInvalidUTF8}
	ErrSignatureMismatch     = &Error{Code: CodeSignatureMismatch}
	ErrInternal              = &Error{Code: CodeInternal}
)

// Warning is input a drop-in package accepted as upstream does although it is almost
// certainly a mistake (a role of 0, an undefined privilege, a Unix timestamp where seconds
// are expected): Code is the core's stable name, Message what upstream does with the value
// and what to pass instead, Func the function called.
type Warning = capi.Warning

// The core's warning codes (Warning.Code).
const (
	WarningRoleReadAsJoinOnly  = "role_read_as_join_only"
	WarningUndefinedPrivilege  = "undefined_privilege"
	WarningExpiryLooksAbsolute = "expiry_looks_absolute"
	WarningExpiryLooksRelative = "expiry_looks_relative"
	WarningLifetimeOver24h     = "lifetime_over_24h"
	WarningUndefinedRTM2Type   = "undefined_rtm2_type"
)

// WarningHandler receives warnings; it may be called from several goroutines at once.
type WarningHandler = capi.WarningHandler

// SetWarningHandler replaces the process-wide warning handler and returns the previous one.
// The default, LogWarning, logs each warning with log/slog at level WARN; nil discards them.
func SetWarningHandler(h WarningHandler) WarningHandler { return capi.SetWarningHandler(h) }

// LogWarning is the default warning handler: slog.Warn with the code and the function.
func LogWarning(w Warning) { capi.LogWarning(w) }

// Version is the version of the linked agora-token C library.
func Version() string { return capi.Version() }
