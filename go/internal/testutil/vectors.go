package testutil

import (
	"testing"
	"time"
)

// Pinned007 are the issue time and salt of the upstream 007 vectors; Pinned006 gives the
// 006 vectors' expiry (1111111 = issue time + 24 hours) and salt.
var (
	salt1     = uint32(1)
	Pinned007 = struct {
		IssuedAt time.Time
		Salt     *uint32
	}{time.Unix(1111111, 0), &salt1}
	Pinned006 = struct {
		IssuedAt time.Time
		Salt     *uint32
	}{time.Unix(1111111-24*3600, 0), &salt1}
)

// Channel is the channel of the upstream vectors.
const Channel = "7d72365eb983485397e3e3f9d460bdda"

// Token is the stock-zlib token string of a vector.
func Token(t testing.TB, id string) string {
	t.Helper()
	for _, v := range Load(t) {
		if v.ID == id {
			return v.StockToken()
		}
	}
	t.Fatalf("no vector %s", id)
	return ""
}

// Check compares a drop-in call's result with a vector.
func Check(t testing.TB, id string, got string, err error) {
	t.Helper()
	if want := Token(t, id); err != nil || got != want {
		t.Errorf("%s: %v\n got  %s\n want %s", id, err, got, want)
	}
}
