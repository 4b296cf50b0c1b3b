// Package capi is the one place that calls the C API of bindings/c (agora_token.h, a copy
// of bindings/c/include/agora_token.h that scripts/test-go.sh keeps identical). It turns Go
// strings into pointer + length without copying, C results into Go values, statuses into
// *Error and warning lists into []Warning. Every rule is the Rust core's; nothing here
// decides what a token contains.
package capi

/*
#cgo CFLAGS: -I${SRCDIR}
#include <stdlib.h>
#include "agora_token.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"sync/atomic"
	"time"
	"unsafe"
)

// Error is the error of every call that fails: the core's stable code (the same string in
// every binding, e.g. "invalid_app_id") and its message, which says what to fix and never
// contains the app certificate.
type Error struct {
	// Code is the core's error code, one of the Code* constants of package agoratoken.
	Code string
	// Message says what is wrong and what to pass instead.
	Message string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return "agora-token: " + e.Code
	}
	return e.Message
}

// Is reports whether target is an *Error with the same code and no message (the ErrXxx
// sentinels of package agoratoken), so errors.Is(err, agoratoken.ErrSignatureMismatch) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// Invalid is an invalid_argument error raised on the Go side, for argument shapes the C API
// cannot take (a time before 1970, a duration that is not whole seconds).
func Invalid(format string, args ...any) error {
	return &Error{Code: "invalid_argument", Message: fmt.Sprintf(format, args...)}
}

// Warning is input the drop-in reading accepted as upstream does, but that is almost
// certainly a mistake: Code is the core's stable name (e.g. "role_read_as_join_only"),
// Message what upstream does with the value and what to pass instead.
type Warning struct {
	Code    string
	Message string
	// Func is the function that was called, e.g. "rtctokenbuilder2.BuildTokenWithUid".
	Func string
}

func (w Warning) String() string { return w.Func + ": " + w.Message + " [" + w.Code + "]" }

// WarningHandler receives the warnings of drop-in calls; see SetWarningHandler.
type WarningHandler func(Warning)

var handler atomic.Pointer[WarningHandler]

// LogWarning is the default handler: one slog warning per Warning.
func LogWarning(w Warning) {
	slog.Warn("agora-token: "+w.Message, "code", w.Code, "func", w.Func)
}

func init() {
	h := WarningHandler(LogWarning)
	handler.Store(&h)
}

// SetWarningHandler replaces the process-wide handler (nil: ignore warnings) and returns the
// previous one. Safe to call from any goroutine.
func SetWarningHandler(h WarningHandler) WarningHandler {
	var old *WarningHandler
	if h == nil {
		old = handler.Swap(nil)
	} else {
		old = handler.Swap(&h)
	}
	if old == nil {
		return nil
	}
	return *old
}

// Report sends warnings to the handler.
func Report(fn string, warnings []Warning) {
	if len(warnings) == 0 {
		return
	}
	h := handler.Load()
	if h == nil {
		return
	}
	for _, w := range warnings {
		w.Func = fn
		(*h)(w)
	}
}

// Options are the issue time, salt and strictness of one call.
type Options struct {
	// IssuedAt is the issue time; the zero Time means the system clock at build time.
	// 006 tokens store no issue time: they expire 24 hours after it.
	IssuedAt time.Time
	// Salt is the token's salt; nil means a random one (1..99999999).
	Salt *uint32
	// Strict refuses with a typed error what the drop-in reading accepts with a warning.
	Strict bool
}

// c converts the options, refusing an issue time a token cannot hold.
func (o Options) c() (C.AgoraTokenOptions, error) {
	var out C.AgoraTokenOptions
	if !o.IssuedAt.IsZero() {
		seconds := o.IssuedAt.Unix()
		if seconds < 0 || seconds > math.MaxUint32 {
			return out, Invalid("issued_at %s is outside what a token holds (1970-01-01 to 2106-02-07, UTC)", o.IssuedAt.UTC().Format(time.RFC3339))
		}
		out.issued_at = C.uint32_t(seconds)
		out.has_issued_at = 1
	}
	if o.Salt != nil {
		out.salt = C.uint32_t(*o.Salt)
		out.has_salt = 1
	}
	if o.Strict {
		out.strict = 1
	}
	return out, nil
}

// str passes a Go string to C without copying: pointer + byte length, nil for "". The C
// side reads it during the call only.
func str(s string) (*C.char, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// take converts a string the library returned and frees it.
func take(s *C.char) string {
	if s == nil {
		return ""
	}
	out := C.GoString(s)
	C.agora_token_free(s)
	return out
}

// failure is the *Error of a status, taking (and freeing) its message.
func failure(status C.AgoraTokenStatus, message *C.char) error {
	return &Error{Code: StatusCode(int32(status)), Message: take(message)}
}

// StatusCode is the stable code string of a C status ("ok" for 0).
func StatusCode(status int32) string {
	return C.GoString(C.agora_token_status_code(C.int32_t(status)))
}

// Version is the version of the linked C library.
func Version() string {
	return C.GoString(C.agora_token_version())
}

// warnings converts and frees a warning list.
func warnings(list *C.AgoraTokenWarnings) []Warning {
	if list == nil {
		return nil
	}
	defer C.agora_token_warnings_free(list)
	n := C.agora_token_warnings_count(list)
	out := make([]Warning, 0, int(n))
	for i := C.size_t(0); i < n; i++ {
		out = append(out, Warning{
			Code:    C.GoString(C.agora_token_warnings_code(list, i)),
			Message: C.GoString(C.agora_token_warnings_message(list, i)),
		})
	}
	return out
}

// tokenCall is one C function that returns a token, with its other arguments bound.
type tokenCall func(options *C.AgoraTokenOptions, warnings **C.AgoraTokenWarnings, token **C.char, message **C.char) C.AgoraTokenStatus

// issue runs a token-building C function with the options and returns the token and the
// warnings it gave.
func issue(o Options, call tokenCall) (string, []Warning, error) {
	options, err := o.c()
	if err != nil {
		return "", nil, err
	}
	var list *C.AgoraTokenWarnings
	var token, message *C.char
	if status := call(&options, &list, &token, &message); status != C.AGORA_TOKEN_STATUS_OK {
		return "", nil, failure(status, message)
	}
	return take(token), warnings(list), nil
}

// jsonCall is one C function that returns JSON.
type jsonCall func(json **C.char, message **C.char) C.AgoraTokenStatus

func jsonResult(call jsonCall) (string, error) {
	var json, message *C.char
	if status := call(&json, &message); status != C.AGORA_TOKEN_STATUS_OK {
		return "", failure(status, message)
	}
	return take(json), nil
}

// check runs a C function that returns only a status.
func check(call func(message **C.char) C.AgoraTokenStatus) error {
	var message *C.char
	if status := call(&message); status != C.AGORA_TOKEN_STATUS_OK {
		return failure(status, message)
	}
	return nil
}

// Done reports the warnings of a call that succeeded as coming from fn, and returns its
// token and error.
func Done(fn string) func(string, []Warning, error) (string, error) {
	return func(token string, warnings []Warning, err error) (string, error) {
		if err != nil {
			return "", err
		}
		Report(fn, warnings)
		return token, nil
	}
}

// Pinned converts the pinned issue time and salt of the drop-in packages' WithOptions.
func Pinned(issuedAt time.Time, salt *uint32) Options {
	return Options{IssuedAt: issuedAt, Salt: salt}
}

// PrivilegeTables is the core's privilege tables (agora_token_privilege_names): every service
// type with its privileges, and the 006 privileges, each name the core's (e.g. "join_channel").
type PrivilegeTables struct {
	ServiceTypes []struct {
		Type       uint16          `json:"type"`
		Name       string          `json:"name"`
		Privileges []PrivilegeName `json:"privileges"`
	} `json:"service_types"`
	Privileges006 []PrivilegeName `json:"privileges_006"`
}

// PrivilegeName is one privilege: the core's name for it and its number.
type PrivilegeName struct {
	Name string `json:"name"`
	Code uint16 `json:"code"`
}

// PrivilegeNames reads the core's privilege tables, which the drop-in constants are tested against.
func PrivilegeNames() (PrivilegeTables, error) {
	var tables PrivilegeTables
	err := json.Unmarshal([]byte(take(C.agora_token_privilege_names())), &tables)
	return tables, err
}
