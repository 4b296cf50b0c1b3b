package agoratoken

import (
	"encoding/json"
	"time"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// ExplainRequest says what to check a token against; every field is optional.
type ExplainRequest struct {
	// AppCertificate, if set, checks the signature.
	AppCertificate string
	// Channel and User, if set, say whether that user can join and publish there.
	Channel string
	User    *User
	// Now is the time to check expiry at; the zero Time means the system clock.
	Now time.Time
}

// Explanation answers "why is this token invalid?" for a 007 or 006 token. JSON holds the
// whole answer (the CLI's `explain --json`); the fields are its main parts.
type Explanation struct {
	Version string `json:"version"`
	AppID   string `json:"app_id"`
	// Expired reports whether the token had expired at the time checked.
	Expired bool `json:"expired"`
	// Signature is "not_checked", "valid" or "invalid".
	Signature string `json:"signature"`
	// Access is set when a channel or user was given.
	Access *Access `json:"access"`
	// Warnings are the core's remarks on the token (odd lifetimes, undefined privileges...).
	Warnings []string `json:"warnings"`
	JSON     string   `json:"-"`
}

// Access is whether a user can join a channel and publish in it, and every reason not.
type Access struct {
	Channel         *string  `json:"channel_name"`
	User            *string  `json:"user"`
	CanJoin         bool     `json:"can_join"`
	CanPublishAudio bool     `json:"can_publish_audio"`
	CanPublishVideo bool     `json:"can_publish_video"`
	CanPublishData  bool     `json:"can_publish_data"`
	Reasons         []Reason `json:"reasons"`
}

// Reason is one reason a user cannot join or publish; Kind is its stable name (e.g.
// "channel_mismatch", "privilege_expired"). The full reason is in Explanation.JSON.
type Reason struct {
	Kind string `json:"reason"`
}

// Explain tells what a 007 or 006 token holds, whether its signature holds (with a
// certificate) and whether it has expired and, given a channel or user, whether that user
// can join and publish, with every reason not.
func Explain(token string, r ExplainRequest) (*Explanation, error) {
	user := capi.User{Kind: capi.UserNone}
	if r.User != nil {
		user = r.User.capi()
	}
	now := int64(-1)
	if !r.Now.IsZero() {
		now = r.Now.Unix()
		if now < 0 {
			return nil, capi.Invalid("Now %s is before 1970", r.Now.UTC().Format(time.RFC3339))
		}
	}
	text, err := capi.Explain(token, r.AppCertificate, r.Channel, user, now)
	if err != nil {
		return nil, err
	}
	e := &Explanation{JSON: text}
	if err := json.Unmarshal([]byte(text), e); err != nil {
		return nil, &Error{Code: CodeInternal, Message: "agora-token: the C library returned JSON this package cannot read: " + err.Error()}
	}
	return e, nil
}
