package agoratoken

import (
	"math"
	"time"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Options pins what a token would otherwise take from the clock and the random generator,
// for reproducible tokens and tests. The zero value (or a nil *Options) uses both.
type Options struct {
	// IssuedAt is the issue time (whole seconds; 1970 to 2106). The zero Time means the
	// system clock when the token is built. 006 tokens expire 24 hours after it.
	IssuedAt time.Time
	// Salt is the token's salt; nil means a random one in 1..99999999.
	// (Go 1.26: Salt: new(uint32(7)); earlier: salt := uint32(7); Salt: &salt.)
	Salt *uint32
}

// strict are the options of the typed API: input the drop-in packages accept with a
// warning is refused here with a typed error.
func (o *Options) strict() capi.Options {
	if o == nil {
		return capi.Options{Strict: true}
	}
	return capi.Options{IssuedAt: o.IssuedAt, Salt: o.Salt, Strict: true}
}

// seconds converts a lifetime or expiry to the whole seconds a token holds.
func seconds(field string, d time.Duration) (uint32, error) {
	if d < 0 || d%time.Second != 0 || d/time.Second > math.MaxUint32 {
		return 0, capi.Invalid("%s is %s: pass a whole number of seconds from 0s to 4294967295s", field, d)
	}
	return uint32(d / time.Second), nil
}

// unixSeconds converts an absolute time (006 expiries) to Unix seconds; the zero Time is 0,
// which 006 reads as no expiry.
func unixSeconds(field string, t time.Time) (uint32, error) {
	if t.IsZero() {
		return 0, nil
	}
	s := t.Unix()
	if s < 0 || s > math.MaxUint32 {
		return 0, capi.Invalid("%s %s is outside what a token holds (1970-01-01 to 2106-02-07, UTC)", field, t.UTC().Format(time.RFC3339))
	}
	return uint32(s), nil
}
