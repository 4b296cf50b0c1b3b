package differential_test

import (
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// random is a seeded generator of inputs over the whole input space; the seed is logged,
// and AGORA_DIFF_SEED replays a run.
type random struct{ *rand.Rand }

func newRandom(t *testing.T) random {
	seed := time.Now().UnixNano()
	if s := os.Getenv("AGORA_DIFF_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d (AGORA_DIFF_SEED=%d replays it)", seed, seed)
	return random{rand.New(rand.NewSource(seed))}
}

func (r random) pick(items ...string) string { return items[r.Intn(len(items))] }

// u32: the edges, the 24-hour and 2000-01-01 thresholds, timestamps, and anything.
func (r random) u32() uint32 {
	switch r.Intn(10) {
	case 0:
		return 0
	case 1:
		return math.MaxUint32
	case 2:
		return 1
	case 3:
		return 86400 + uint32(r.Intn(3)) - 1
	case 4:
		return 946684800 + uint32(r.Intn(3)) - 1
	case 5:
		return 1700000000 + uint32(r.Intn(100000000))
	case 6:
		return uint32(r.Intn(86400))
	default:
		return r.Uint32()
	}
}

func (r random) u16() uint16 {
	switch r.Intn(6) {
	case 0:
		return 0
	case 1:
		return math.MaxUint16
	case 2:
		return uint16(1 + r.Intn(4))
	default:
		return uint16(r.Intn(65536))
	}
}

// role: the defined numbers, 006 numbers given to 007 builders, and anything.
func (r random) role() uint16 {
	switch r.Intn(6) {
	case 0, 1:
		return 1
	case 2:
		return 2
	case 3:
		return []uint16{0, 101, 3, 65535}[r.Intn(4)]
	default:
		return uint16(r.Intn(65536))
	}
}

func (r random) i16() int16 {
	switch r.Intn(4) {
	case 0:
		return -1
	case 1:
		return []int16{math.MinInt16, math.MaxInt16, 0}[r.Intn(3)]
	default:
		return int16(r.Intn(65536) - 32768)
	}
}

func (r random) hex32() string {
	const digits = "0123456789abcdefABCDEF"
	var b strings.Builder
	for i := 0; i < 32; i++ {
		b.WriteByte(digits[r.Intn(len(digits))])
	}
	return b.String()
}

// text: empty, the documented channel alphabet, "*", unicode (2-, 3- and 4-byte characters,
// NUL), long (up to 5000 bytes) and, rarely, the longest field a token holds (65535 bytes).
func (r random) text() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,"
	unicode := []string{"é", "ß", "中", "文", "🙂", "𝄞", "\x00", "a", " ", "\u200b"}
	switch r.Intn(12) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2, 3:
		var b strings.Builder
		for n := 1 + r.Intn(20); n > 0; n-- {
			b.WriteString(unicode[r.Intn(len(unicode))])
		}
		return b.String()
	case 4:
		return strings.Repeat(r.pick("x", "é", "中", "🙂"), 1+r.Intn(1250))
	case 5:
		if r.Intn(4) == 0 {
			return strings.Repeat("z", 65535)
		}
		fallthrough
	default:
		var b strings.Builder
		for n := 1 + r.Intn(64); n > 0; n-- {
			b.WriteByte(alphabet[r.Intn(len(alphabet))])
		}
		return b.String()
	}
}

// credentials: valid almost always; sometimes not, and then every side must fail.
func (r random) credentials() (string, string, bool) {
	if r.Intn(25) == 0 {
		return r.pick("", "abc", r.hex32()[:31]+"g"), r.hex32(), false
	}
	if r.Intn(25) == 0 {
		return r.hex32(), r.pick("", r.hex32()+"0", "z"+r.hex32()[1:]), false
	}
	return r.hex32(), r.hex32(), true
}
