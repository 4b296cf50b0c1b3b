// Builds tokens with github.com/AgoraIO-Community/go-tokenbuilder (the Go token library
// behind agora-token-service) for the cases in a JSON file, and prints
// [{id, token}|{id, error}] as JSON. Used by crates/agora-token/tests/differential.rs.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	chat "github.com/AgoraIO-Community/go-tokenbuilder/chatTokenBuilder"
	rtc "github.com/AgoraIO-Community/go-tokenbuilder/rtctokenbuilder"
	rtm "github.com/AgoraIO-Community/go-tokenbuilder/rtmtokenbuilder"
)

type testCase struct {
	ID             int    `json:"id"`
	Builder        string `json:"builder"`
	AppID          string `json:"app_id"`
	AppCertificate string `json:"app_certificate"`
	Channel        string `json:"channel"`
	UID            uint32 `json:"uid"`
	Account        string `json:"account"`
	Role           uint16 `json:"role"`
	TokenExpire    uint32 `json:"token_expire"`
	UserID         string `json:"user_id"`
	Expire         uint32 `json:"expire"`
}

type result struct {
	ID    int    `json:"id"`
	Token string `json:"token,omitempty"`
	Error string `json:"error,omitempty"`
}

func build(c testCase) (string, error) {
	switch c.Builder {
	// go-tokenbuilder v1.3.0 has one expiry for the token and the privileges.
	case "rtc_uid_same_expiry":
		return rtc.BuildTokenWithUid(c.AppID, c.AppCertificate, c.Channel, c.UID, rtc.Role(c.Role), c.TokenExpire)
	case "rtc_account_same_expiry":
		return rtc.BuildTokenWithAccount(c.AppID, c.AppCertificate, c.Channel, c.Account, rtc.Role(c.Role), c.TokenExpire)
	case "rtm":
		return rtm.BuildToken(c.AppID, c.AppCertificate, c.UserID, c.Expire, "")
	case "chat_user":
		return chat.BuildChatUserToken(c.AppID, c.AppCertificate, c.UserID, c.Expire)
	case "chat_app":
		return chat.BuildChatAppToken(c.AppID, c.AppCertificate, c.Expire)
	}
	return "", fmt.Errorf("unsupported")
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var cases []testCase
	if err := json.Unmarshal(data, &cases); err != nil {
		panic(err)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		token, err := build(c)
		if err != nil {
			if err.Error() == "unsupported" {
				continue
			}
			results = append(results, result{ID: c.ID, Error: err.Error()})
			continue
		}
		results = append(results, result{ID: c.ID, Token: token})
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
