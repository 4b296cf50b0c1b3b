package agoratoken

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Payload is what a 007 token holds.
type Payload struct {
	AppID    string
	IssuedAt time.Time
	// Expire is the lifetime after IssuedAt; ExpiresAt is IssuedAt + Expire.
	Expire    time.Duration
	ExpiresAt time.Time
	Salt      uint32
	// Services in token order (by type; repeated types in the order they were added).
	Services []DecodedService
	// UnknownServiceType is set when the token holds a service type this version does not
	// know; reading stopped there, as every upstream parser does.
	UnknownServiceType *uint16
}

// DecodedService is one service of a decoded token, with the fields of its type.
type DecodedService struct {
	Type ServiceType
	// Name is the service's name ("RTC", "RTM", ...).
	Name string
	// Privileges maps each privilege number to its lifetime after the issue time.
	Privileges map[uint16]time.Duration
	// Channel is the channel of RTC, Streaming and FCDN services.
	Channel string
	// User is the user of RTC, Streaming and FCDN services as packed: "" for any user, the
	// decimal uid, or the account.
	User string
	// UserID is the user of RTM, Chat and RTM2 services.
	UserID string
	// RoomUUID, UserUUID and Role are the fields of APaaS services.
	RoomUUID, UserUUID string
	Role               int16
	// Permissions are the RTM2 permissions, by resource type and permission type.
	Permissions map[uint16]map[uint16][]string
}

type payloadJSON struct {
	AppID              string        `json:"app_id"`
	IssuedAt           int64         `json:"issued_at"`
	Expire             int64         `json:"expire"`
	ExpiresAt          int64         `json:"expires_at"`
	Salt               uint32        `json:"salt"`
	Services           []serviceJSON `json:"services"`
	UnknownServiceType *uint16       `json:"unknown_service_type"`
}

type serviceJSON struct {
	Type        ServiceType                    `json:"type"`
	Name        string                         `json:"name"`
	Privileges  map[string]int64               `json:"privileges"`
	ChannelName string                         `json:"channel_name"`
	UID         string                         `json:"uid"`
	Account     string                         `json:"account"`
	UserID      string                         `json:"user_id"`
	RoomUUID    string                         `json:"room_uuid"`
	UserUUID    string                         `json:"user_uuid"`
	Role        int16                          `json:"role"`
	Permissions map[string]map[string][]string `json:"permissions"`
}

func parsePayload(text string, err error) (*Payload, error) {
	if err != nil {
		return nil, err
	}
	var raw payloadJSON
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, &Error{Code: CodeInternal, Message: "agora-token: the C library returned JSON this package cannot read: " + err.Error()}
	}
	p := &Payload{
		AppID:              raw.AppID,
		IssuedAt:           time.Unix(raw.IssuedAt, 0).UTC(),
		Expire:             time.Duration(raw.Expire) * time.Second,
		ExpiresAt:          time.Unix(raw.ExpiresAt, 0).UTC(),
		Salt:               raw.Salt,
		UnknownServiceType: raw.UnknownServiceType,
		Services:           make([]DecodedService, 0, len(raw.Services)),
	}
	for _, s := range raw.Services {
		d := DecodedService{Type: s.Type, Name: s.Name, Channel: s.ChannelName, UserID: s.UserID,
			RoomUUID: s.RoomUUID, UserUUID: s.UserUUID, Role: s.Role, Privileges: map[uint16]time.Duration{}}
		d.User = s.UID
		if s.Type == ServiceStreaming || s.Type == ServiceFCDN {
			d.User = s.Account
		}
		for code, seconds := range s.Privileges {
			n, err := strconv.ParseUint(code, 10, 16)
			if err != nil {
				return nil, &Error{Code: CodeInternal, Message: "agora-token: a privilege number the C library returned is not a number: " + code}
			}
			d.Privileges[uint16(n)] = time.Duration(seconds) * time.Second
		}
		if s.Permissions != nil {
			d.Permissions = map[uint16]map[uint16][]string{}
			for resource, byPermission := range s.Permissions {
				r, err := strconv.ParseUint(resource, 10, 16)
				if err != nil {
					return nil, &Error{Code: CodeInternal, Message: "agora-token: an RTM2 resource type the C library returned is not a number: " + resource}
				}
				d.Permissions[uint16(r)] = map[uint16][]string{}
				for permission, names := range byPermission {
					n, err := strconv.ParseUint(permission, 10, 16)
					if err != nil {
						return nil, &Error{Code: CodeInternal, Message: "agora-token: an RTM2 permission type the C library returned is not a number: " + permission}
					}
					d.Permissions[uint16(r)][uint16(n)] = names
				}
			}
		}
		p.Services = append(p.Services, d)
	}
	return p, nil
}

// DecodeUnverified reads a 007 token WITHOUT checking its signature: anyone can make a token
// that decodes. For inspection and logs only; use Decode or Verify to trust it.
func DecodeUnverified(token string) (*Payload, error) {
	return parsePayload(capi.DecodeUnverified(token))
}

// Decode checks a 007 token's signature with the app certificate and returns what it holds;
// ErrSignatureMismatch when the certificate did not sign it. It does not check expiry (see
// Payload.ExpiresAt, or Explain).
func Decode(token, appCertificate string) (*Payload, error) {
	return parsePayload(capi.Decode(token, appCertificate))
}

// Verify checks a 007 token's signature: nil when the certificate signed it, else the
// decoding error or ErrSignatureMismatch.
func Verify(token, appCertificate string) error {
	return capi.Verify(token, appCertificate)
}

// Payload006 is what a 006 token holds (the channel and user only as CRCs, so Verify006
// needs them).
type Payload006 struct {
	AppID     string
	Salt      uint32
	ExpiresAt time.Time
	// Privileges maps each privilege number to its absolute expiry (Unix seconds, 0 = none).
	Privileges map[uint16]uint32
}

// DecodeUnverified006 reads a 006 token WITHOUT checking its signature.
func DecodeUnverified006(token string) (*Payload006, error) {
	text, err := capi.Decode006Unverified(token)
	if err != nil {
		return nil, err
	}
	var raw struct {
		AppID      string            `json:"app_id"`
		Salt       uint32            `json:"salt"`
		ExpiresAt  int64             `json:"expires_at"`
		Privileges map[string]uint32 `json:"privileges"`
	}
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, &Error{Code: CodeInternal, Message: "agora-token: the C library returned JSON this package cannot read: " + err.Error()}
	}
	p := &Payload006{AppID: raw.AppID, Salt: raw.Salt, ExpiresAt: time.Unix(raw.ExpiresAt, 0).UTC(), Privileges: map[uint16]uint32{}}
	for code, ts := range raw.Privileges {
		n, err := strconv.ParseUint(code, 10, 16)
		if err != nil {
			return nil, &Error{Code: CodeInternal, Message: "agora-token: a privilege number the C library returned is not a number: " + code}
		}
		p.Privileges[uint16(n)] = ts
	}
	return p, nil
}

// Verify006 checks a 006 token's signature for the channel and user it was built for.
func Verify006(token, appCertificate, channel string, user User) error {
	return capi.Verify006(token, appCertificate, channel, user.capi())
}
