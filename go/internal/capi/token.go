package capi

// #include "agora_token.h"
import "C"

import (
	"strings"
)

// Builder is an AgoraTokenBuilder: a 007 token with any services, freed with Free. Callers
// keep one within a function (create, add, build, free), so no finalizer is needed.
type Builder struct {
	b *C.AgoraTokenBuilder
}

// NewBuilder starts a 007 token (agora_token_builder_new); the warnings are about expire.
func NewBuilder(appID, appCertificate string, expire uint32, o Options) (*Builder, []Warning, error) {
	options, err := o.c()
	if err != nil {
		return nil, nil, err
	}
	a, al := str(appID)
	c, cl := str(appCertificate)
	var b *C.AgoraTokenBuilder
	var list *C.AgoraTokenWarnings
	var message *C.char
	if status := C.agora_token_builder_new(a, al, c, cl, C.uint32_t(expire), &options, &list, &b, &message); status != C.AGORA_TOKEN_STATUS_OK {
		return nil, nil, failure(status, message)
	}
	return &Builder{b: b}, warnings(list), nil
}

// Free releases the C builder; a freed or nil Builder may be freed again.
func (b *Builder) Free() {
	if b != nil && b.b != nil {
		C.agora_token_builder_free(b.b)
		b.b = nil
	}
}

// added runs an agora_token_builder_add_<service> call and returns the service's index.
func added(call func(index *C.size_t, message **C.char) C.AgoraTokenStatus) (int, error) {
	var index C.size_t
	var message *C.char
	if status := call(&index, &message); status != C.AGORA_TOKEN_STATUS_OK {
		return 0, failure(status, message)
	}
	return int(index), nil
}

// AddRTCUID adds an RTC service for a numeric uid (0 = any user).
func (b *Builder) AddRTCUID(channelName string, uid uint32) (int, error) {
	ch, chl := str(channelName)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_rtc_uid(b.b, ch, chl, C.uint32_t(uid), i, m)
	})
}

// AddRTCAccount adds an RTC service for a string account (packed verbatim).
func (b *Builder) AddRTCAccount(channelName, account string) (int, error) {
	ch, chl := str(channelName)
	u, ul := str(account)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_rtc_account(b.b, ch, chl, u, ul, i, m)
	})
}

// AddRTM adds an RTM service.
func (b *Builder) AddRTM(userID string) (int, error) {
	u, ul := str(userID)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_rtm(b.b, u, ul, i, m)
	})
}

// AddStreamingUID adds a Streaming service for a numeric uid.
func (b *Builder) AddStreamingUID(channelName string, uid uint32) (int, error) {
	ch, chl := str(channelName)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_streaming_uid(b.b, ch, chl, C.uint32_t(uid), i, m)
	})
}

// AddStreamingAccount adds a Streaming service for a string account.
func (b *Builder) AddStreamingAccount(channelName, account string) (int, error) {
	ch, chl := str(channelName)
	u, ul := str(account)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_streaming_account(b.b, ch, chl, u, ul, i, m)
	})
}

// AddFPA adds an FPA service.
func (b *Builder) AddFPA() (int, error) {
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus { return C.agora_token_builder_add_fpa(b.b, i, m) })
}

// AddChat adds a Chat service ("" for app tokens).
func (b *Builder) AddChat(userID string) (int, error) {
	u, ul := str(userID)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_chat(b.b, u, ul, i, m)
	})
}

// AddFCDNUID adds an FCDN service for a numeric uid.
func (b *Builder) AddFCDNUID(channelName string, uid uint32) (int, error) {
	ch, chl := str(channelName)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_fcdn_uid(b.b, ch, chl, C.uint32_t(uid), i, m)
	})
}

// AddFCDNAccount adds an FCDN service for a string account.
func (b *Builder) AddFCDNAccount(channelName, account string) (int, error) {
	ch, chl := str(channelName)
	u, ul := str(account)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_fcdn_account(b.b, ch, chl, u, ul, i, m)
	})
}

// AddAPaaS adds an APaaS service (role -1 when unused).
func (b *Builder) AddAPaaS(roomUUID, userUUID string, role int16) (int, error) {
	r, rl := str(roomUUID)
	u, ul := str(userUUID)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_apaas(b.b, r, rl, u, ul, C.int16_t(role), i, m)
	})
}

// AddRTM2 adds an RTM2 service with permissions (copied; nil = none).
func (b *Builder) AddRTM2(userID string, permissions *Permissions) (int, error) {
	u, ul := str(userID)
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_rtm2(b.b, u, ul, permissions.handle(), i, m)
	})
}

// AddConvoAI adds a ConvoAI service.
func (b *Builder) AddConvoAI() (int, error) {
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus { return C.agora_token_builder_add_convoai(b.b, i, m) })
}

// AddSTT adds an STT service.
func (b *Builder) AddSTT() (int, error) {
	return added(func(i *C.size_t, m **C.char) C.AgoraTokenStatus { return C.agora_token_builder_add_stt(b.b, i, m) })
}

// AddPrivilege grants a privilege the service defines (else unknown_privilege).
func (b *Builder) AddPrivilege(index int, privilege uint16, expire uint32) error {
	return check(func(m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_privilege(b.b, C.size_t(index), C.uint16_t(privilege), C.uint32_t(expire), m)
	})
}

// AddPrivilegeUnchecked is upstream's AddPrivilege: any number, packed as given, with warnings.
func (b *Builder) AddPrivilegeUnchecked(index int, privilege uint16, expire uint32) ([]Warning, error) {
	var list *C.AgoraTokenWarnings
	err := check(func(m **C.char) C.AgoraTokenStatus {
		return C.agora_token_builder_add_privilege_unchecked(b.b, C.size_t(index), C.uint16_t(privilege), C.uint32_t(expire), &list, m)
	})
	return warnings(list), err
}

// Build signs and encodes the token.
func (b *Builder) Build() (string, error) {
	var token, message *C.char
	if status := C.agora_token_builder_build(b.b, &token, &message); status != C.AGORA_TOKEN_STATUS_OK {
		return "", failure(status, message)
	}
	return take(token), nil
}

// Permissions is an AgoraTokenRtm2Permissions, freed with Free.
type Permissions struct {
	p *C.AgoraTokenRtm2Permissions
}

// NewPermissions makes an empty set.
func NewPermissions() *Permissions {
	return &Permissions{p: C.agora_token_rtm2_permissions_new()}
}

func (p *Permissions) handle() *C.AgoraTokenRtm2Permissions {
	if p == nil {
		return nil
	}
	return p.p
}

// Free releases the C handle.
func (p *Permissions) Free() {
	if p != nil && p.p != nil {
		C.agora_token_rtm2_permissions_free(p.p)
		p.p = nil
	}
}

// Add sets the names of a (resource type, permission type) pair: checked (unknown_rtm2_type)
// or, unchecked, upstream's Add for any numbers with undefined_rtm2_type warnings.
func (p *Permissions) Add(resourceType, permissionType uint16, names []string, unchecked bool) ([]Warning, error) {
	joined := strings.Join(names, "")
	lengths := make([]C.size_t, len(names))
	for i, name := range names {
		lengths[i] = C.size_t(len(name))
	}
	var lengthsPtr *C.size_t
	if len(lengths) > 0 {
		lengthsPtr = &lengths[0]
	}
	buffer, _ := str(joined)
	var list *C.AgoraTokenWarnings
	err := check(func(m **C.char) C.AgoraTokenStatus {
		if unchecked {
			return C.agora_token_rtm2_permissions_add_unchecked(p.p, C.uint16_t(resourceType), C.uint16_t(permissionType), buffer, lengthsPtr, C.size_t(len(names)), &list, m)
		}
		return C.agora_token_rtm2_permissions_add(p.p, C.uint16_t(resourceType), C.uint16_t(permissionType), buffer, lengthsPtr, C.size_t(len(names)), m)
	})
	return warnings(list), err
}

// UpstreamPermissions converts upstream Go's Rtm2Permissions.Details with upstream's reading
// (any type numbers, with warnings); the caller frees the result.
func UpstreamPermissions(details map[uint16]map[uint16][]string) (*Permissions, []Warning, error) {
	p := NewPermissions()
	var found []Warning
	for resource, byPermission := range details {
		for permission, names := range byPermission {
			warnings, err := p.Add(resource, permission, names, true)
			if err != nil {
				p.Free()
				return nil, nil, err
			}
			found = append(found, warnings...)
		}
	}
	return p, found, nil
}

// DecodeUnverified is agora_token_decode_unverified: the payload as JSON, signature NOT checked.
func DecodeUnverified(token string) (string, error) {
	t, tl := str(token)
	return jsonResult(func(j **C.char, m **C.char) C.AgoraTokenStatus { return C.agora_token_decode_unverified(t, tl, j, m) })
}

// Decode is agora_token_decode: verified with the certificate, the payload as JSON.
func Decode(token, appCertificate string) (string, error) {
	t, tl := str(token)
	c, cl := str(appCertificate)
	return jsonResult(func(j **C.char, m **C.char) C.AgoraTokenStatus { return C.agora_token_decode(t, tl, c, cl, j, m) })
}

// Verify is agora_token_verify.
func Verify(token, appCertificate string) error {
	t, tl := str(token)
	c, cl := str(appCertificate)
	return check(func(m **C.char) C.AgoraTokenStatus { return C.agora_token_verify(t, tl, c, cl, m) })
}

// Decode006Unverified is agora_token_006_decode_unverified.
func Decode006Unverified(token string) (string, error) {
	t, tl := str(token)
	return jsonResult(func(j **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_decode_unverified(t, tl, j, m)
	})
}

// Verify006 is agora_token_006_verify.
func Verify006(token, appCertificate, channelName string, user User) error {
	t, tl := str(token)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(user.Account)
	return check(func(m **C.char) C.AgoraTokenStatus {
		return C.agora_token_006_verify(t, tl, c, cl, ch, chl, C.uint32_t(user.Kind), C.uint32_t(user.UID), u, ul, m)
	})
}

// ExplainQuestions is agora_token_explain_questions: every question as a JSON object; the
// answer is JSON.
func ExplainQuestions(token, questions string) (string, error) {
	t, tl := str(token)
	q, ql := str(questions)
	return jsonResult(func(j **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_explain_questions(t, tl, q, ql, j, m)
	})
}

// Explain is agora_token_explain (now < 0: the system clock); the answer is JSON.
func Explain(token, appCertificate, channelName string, user User, now int64) (string, error) {
	t, tl := str(token)
	c, cl := str(appCertificate)
	ch, chl := str(channelName)
	u, ul := str(user.Account)
	return jsonResult(func(j **C.char, m **C.char) C.AgoraTokenStatus {
		return C.agora_token_explain(t, tl, c, cl, ch, chl, C.uint32_t(user.Kind), C.uint32_t(user.UID), u, ul, C.int64_t(now), j, m)
	})
}
