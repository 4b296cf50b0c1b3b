// Package testutil holds what the tests of this module share: the conformance vectors, a
// zlib reading of tokens that does not go through the core, and random inputs.
package testutil

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
)

// AppID and Certificate are the credentials of the upstream test suites.
const (
	AppID       = "970CA35de60c44645bbae8a215061b33"
	Certificate = "5CFd2fd1755d40ecb72977518be15d3b"
)

// Root is the repository root (go/ is one level below it).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Vectors is conformance/upstream.json.
type Vectors struct {
	Vectors []Vector `json:"vectors"`
}

// Vector is one vector; Inputs has the shape of its family.
type Vector struct {
	ID                 string            `json:"id"`
	Family             string            `json:"family"`
	Kind               string            `json:"kind"`
	Inputs             json.RawMessage   `json:"inputs"`
	ExpectedToken      string            `json:"expected_token"`
	ProducerCompressor string            `json:"producer_compressor"`
	DerivedStockToken  string            `json:"derived_c_zlib_level6_token"`
	Cases              []json.RawMessage `json:"cases"`
}

// Is007 and Is006 tell the family.
func (v Vector) Is007() bool { return v.Family == "AccessToken2 (007)" }
func (v Vector) Is006() bool { return v.Family == "AccessToken (006)" }

// Builds and Parses tell the kind.
func (v Vector) Builds() bool { return v.Kind == "build" || v.Kind == "build+parse" }
func (v Vector) Parses() bool { return v.Kind == "parse" || v.Kind == "build+parse" }

// StockToken is the string stock zlib makes for the vector's payload.
func (v Vector) StockToken() string {
	if v.DerivedStockToken != "" {
		return v.DerivedStockToken
	}
	return v.ExpectedToken
}

// Inputs007 are the inputs of a 007 vector.
type Inputs007 struct {
	AppID          string          `json:"app_id"`
	AppCertificate *string         `json:"app_certificate"`
	IssueTs        uint32          `json:"issue_ts"`
	Expire         uint32          `json:"expire"`
	Salt           uint32          `json:"salt"`
	Services       []VectorService `json:"services"`
}

// VectorService is one service of a 007 vector, in packed order.
type VectorService struct {
	Type        uint16                         `json:"type"`
	Privileges  map[string]uint32              `json:"privileges"`
	ChannelName string                         `json:"channel_name"`
	UID         string                         `json:"uid"`
	Account     string                         `json:"account"`
	UserID      string                         `json:"user_id"`
	RoomUUID    string                         `json:"room_uuid"`
	UserUUID    string                         `json:"user_uuid"`
	Role        int16                          `json:"role"`
	Permissions map[string]map[string][]string `json:"permissions"`
}

// Inputs006 are the inputs of a 006 vector.
type Inputs006 struct {
	AppID          string            `json:"app_id"`
	AppCertificate string            `json:"app_certificate"`
	ChannelName    string            `json:"channel_name"`
	UID            string            `json:"uid"`
	Salt           uint32            `json:"salt"`
	Ts             uint32            `json:"ts"`
	Privileges     map[string]uint32 `json:"privileges"`
}

var (
	loaded     Vectors
	loadedErr  error
	loadedOnce sync.Once
)

// Load reads the shared vectors.
func Load(t testing.TB) []Vector {
	t.Helper()
	loadedOnce.Do(func() {
		var data []byte
		data, loadedErr = os.ReadFile(filepath.Join(Root(), "conformance", "upstream.json"))
		if loadedErr == nil {
			loadedErr = json.Unmarshal(data, &loaded)
		}
	})
	if loadedErr != nil {
		t.Fatalf("conformance vectors: %v", loadedErr)
	}
	return loaded.Vectors
}

// Decode007 reads a vector's 007 inputs.
func (v Vector) Decode007(t testing.TB) Inputs007 {
	t.Helper()
	var in Inputs007
	if err := json.Unmarshal(v.Inputs, &in); err != nil {
		t.Fatalf("%s: %v", v.ID, err)
	}
	return in
}

// Decode006 reads a vector's 006 inputs.
func (v Vector) Decode006(t testing.TB) Inputs006 {
	t.Helper()
	var in Inputs006
	if err := json.Unmarshal(v.Inputs, &in); err != nil {
		t.Fatalf("%s: %v", v.ID, err)
	}
	return in
}

// Payload is what a 007 token's body inflates to (signature and signing info), read with Go's
// own base64 and zlib, not the core.
func Payload(t testing.TB, token string) []byte {
	t.Helper()
	if len(token) < 3 || token[:3] != "007" {
		t.Fatalf("not a 007 token: %q", token)
	}
	compressed, err := base64.StdEncoding.DecodeString(token[3:])
	if err != nil {
		t.Fatalf("base64 of %q: %v", token, err)
	}
	r, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatalf("zlib of %q: %v", token, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("zlib of %q: %v", token, err)
	}
	return out
}

// CaptureWarnings collects the warnings reported while the test runs (and restores the
// previous handler at its end). The handler is process-wide: tests that use it do not run
// in parallel with each other.
func CaptureWarnings(t testing.TB) func() []agoratoken.Warning {
	t.Helper()
	var mu sync.Mutex
	var got []agoratoken.Warning
	previous := agoratoken.SetWarningHandler(func(w agoratoken.Warning) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, w)
	})
	t.Cleanup(func() { agoratoken.SetWarningHandler(previous) })
	return func() []agoratoken.Warning {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
}

// Codes lists the codes of warnings.
func Codes(warnings []agoratoken.Warning) []string {
	out := make([]string, len(warnings))
	for i, w := range warnings {
		out[i] = w.Code
	}
	return out
}
