package agoratoken

import (
	"fmt"
	"log/slog"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Credentials are an app id and its app certificate, both checked by NewCredentials. The
// certificate never appears in a string form: String, GoString, every fmt verb and slog
// show only the app id, and a Credentials printed by reflection (inside another struct) shows
// a pointer where the certificate is.
type Credentials struct {
	appID       string
	certificate *secret
}

type secret struct{ value string }

// NewCredentials checks that both are 32 hexadecimal characters (the core's rule) and
// returns them; the error is ErrInvalidAppID or ErrInvalidAppCertificate with what is wrong.
func NewCredentials(appID, appCertificate string) (Credentials, error) {
	b, _, err := capi.NewBuilder(appID, appCertificate, 0, capi.Options{})
	if err != nil {
		return Credentials{}, err
	}
	b.Free()
	return Credentials{appID: appID, certificate: &secret{appCertificate}}, nil
}

// AppID is the app id.
func (c Credentials) AppID() string { return c.appID }

func (c Credentials) cert() string {
	if c.certificate == nil {
		return ""
	}
	return c.certificate.value
}

// String shows the app id only.
func (c Credentials) String() string {
	return "Credentials{AppID: " + c.appID + ", AppCertificate: <redacted>}"
}

// GoString shows the app id only.
func (c Credentials) GoString() string { return "agoratoken." + c.String() }

// Format shows the app id only, whatever the verb.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, c.GoString())
		return
	}
	fmt.Fprint(f, c.String())
}

// LogValue shows the app id only.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("app_id", c.appID), slog.String("app_certificate", "<redacted>"))
}
