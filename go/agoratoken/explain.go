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
	// SecondaryCertificate, if set, is also accepted (a project rotating its certificate).
	SecondaryCertificate string
	// ExpectedAppID, if set, reports a token for another project.
	ExpectedAppID string
	// Channel and User, if set, say whether that user can join and publish there.
	Channel string
	User    *User
	// UserID is the user logging in to RTM, Chat or APaaS; RTMChannel a channel to check the
	// RTM2 permissions for; Room an APaaS/Education room.
	UserID     string
	RTMChannel string
	Room       string
	// SDKError is an SDK error code ("rtc-110" or "110", "token-privilege-will-expire",
	// "rtm-login-5", ...): the answer says which checks explain it.
	SDKError string
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
	// VerifiedWith is "primary" or "secondary" when a certificate verified the signature.
	VerifiedWith *string `json:"verified_with"`
	// Access is set when a channel or user was given.
	Access *Access `json:"access"`
	// Verdicts has one verdict per kind of service in the token.
	Verdicts []Verdict `json:"verdicts"`
	// SDKError is set when ExplainRequest.SDKError was given.
	SDKError *SDKErrorDiagnosis `json:"sdk_error"`
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

// Verdict is what the user of one service of the token can do with it now.
type Verdict struct {
	Service         string          `json:"service"`
	Question        string          `json:"question"`
	Allowed         bool            `json:"allowed"`
	Grants          []string        `json:"grants"`
	Reasons         []Reason        `json:"reasons"`
	WildcardMatches []WildcardMatch `json:"wildcard_matches"`
}

// WildcardMatch is a channel or user admitted by a wildcard pattern in the token.
type WildcardMatch struct {
	Field   string `json:"field"`
	Pattern string `json:"pattern"`
	Value   string `json:"value"`
}

// SDKErrorDiagnosis is what an SDK error means for the token: the reasons found in it that
// explain the error (none: the token is not at fault, see OtherCauses).
type SDKErrorDiagnosis struct {
	Code        string   `json:"code"`
	SDKName     string   `json:"sdk_name"`
	Meaning     string   `json:"meaning"`
	ExplainedBy []Reason `json:"explained_by"`
	OtherCauses string   `json:"other_causes"`
	Source      string   `json:"source"`
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
	questions := map[string]any{}
	for key, value := range map[string]string{
		"app_certificate": r.AppCertificate, "secondary_certificate": r.SecondaryCertificate,
		"expected_app_id": r.ExpectedAppID, "channel_name": r.Channel, "user_id": r.UserID,
		"rtm_channel": r.RTMChannel, "room_uuid": r.Room, "sdk_error": r.SDKError,
	} {
		if value != "" {
			questions[key] = value
		}
	}
	switch user.Kind {
	case capi.UserUID:
		questions["uid"] = user.UID
	case capi.UserAccount:
		questions["account"] = user.Account
	}
	if now >= 0 {
		questions["now"] = now
	}
	encoded, err := json.Marshal(questions)
	if err != nil {
		return nil, &Error{Code: CodeInternal, Message: "agora-token: cannot encode the questions: " + err.Error()}
	}
	text, err := capi.ExplainQuestions(token, string(encoded))
	if err != nil {
		return nil, err
	}
	e := &Explanation{JSON: text}
	if err := json.Unmarshal([]byte(text), e); err != nil {
		return nil, &Error{Code: CodeInternal, Message: "agora-token: the C library returned JSON this package cannot read: " + err.Error()}
	}
	return e, nil
}
