package agoratoken

import (
	"sort"
	"time"

	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

// Token is an AccessToken2 ("007") to sign: how long it lasts and what it grants. Build signs
// it with the credentials; the same Token may be built many times and from several
// goroutines. Services are packed by type, repeated types in the order given.
//
//	token, err := agoratoken.Token{
//		Expire: time.Hour,
//		Services: []agoratoken.Service{
//			agoratoken.RTC{Channel: "room", User: agoratoken.UID(42), Privileges: map[agoratoken.RTCPrivilege]time.Duration{
//				agoratoken.RTCJoinChannel: time.Hour, agoratoken.RTCPublishAudioStream: time.Hour}},
//			agoratoken.RTM{UserID: "42", Privileges: map[agoratoken.RTMPrivilege]time.Duration{agoratoken.RTMLogin: time.Hour}},
//		},
//	}.Build(credentials, nil)
type Token struct {
	// Expire is the token's lifetime after the issue time, in whole seconds.
	Expire time.Duration
	// Services are what the token grants; at least one.
	Services []Service
}

// Build signs the token. Privilege numbers a service does not define are refused
// (ErrUnknownPrivilege), as are expiries that look like Unix timestamps
// (ErrExpiryLooksAbsolute: 007 expiries are durations).
func (t Token) Build(credentials Credentials, options *Options) (string, error) {
	expire, err := seconds("Expire", t.Expire)
	if err != nil {
		return "", err
	}
	b, warnings, err := capi.NewBuilder(credentials.appID, credentials.cert(), expire, options.strict())
	if err != nil {
		return "", err
	}
	defer b.Free()
	capi.Report("agoratoken.Token.Build", warnings)
	for _, s := range t.Services {
		if s == nil {
			return "", capi.Invalid("Services holds a nil Service")
		}
		index, err := s.add(b)
		if err != nil {
			return "", err
		}
		codes, grants := s.grants()
		for _, code := range codes {
			expire, err := seconds("privilege expire", grants[code])
			if err != nil {
				return "", err
			}
			if err := b.AddPrivilege(index, code, expire); err != nil {
				return "", err
			}
		}
	}
	return b.Build()
}

// Service is one service of a Token: RTC, RTM, Streaming, FPA, Chat, FCDN, APaaS, RTM2,
// ConvoAI or STT.
type Service interface {
	// ServiceType is the service's type number.
	ServiceType() ServiceType
	add(b *capi.Builder) (int, error)
	grants() ([]uint16, map[uint16]time.Duration)
}

// ServiceType is a 007 service type number.
type ServiceType uint16

// The 007 service types.
const (
	ServiceRTC       ServiceType = 1
	ServiceRTM       ServiceType = 2
	ServiceStreaming ServiceType = 3
	ServiceFPA       ServiceType = 4
	ServiceChat      ServiceType = 5
	ServiceFCDN      ServiceType = 6
	ServiceAPaaS     ServiceType = 7
	ServiceRTM2      ServiceType = 8
	ServiceConvoAI   ServiceType = 9
	ServiceSTT       ServiceType = 10
)

// User is who an RTC, Streaming or FCDN service is for: UID(n) or Account(name).
type User struct {
	uid       uint32
	account   string
	isAccount bool
}

// UID is a numeric user id; 0 means any user.
func UID(uid uint32) User { return User{uid: uid} }

// Account is a string user account, packed verbatim ("0" stays "0").
func Account(name string) User { return User{account: name, isAccount: true} }

// IsAccount reports whether the user is a string account.
func (u User) IsAccount() bool { return u.isAccount }

func (u User) capi() capi.User {
	if u.isAccount {
		return capi.User{Kind: capi.UserAccount, Account: u.account}
	}
	return capi.User{Kind: capi.UserUID, UID: u.uid}
}

// codes lists a privilege map's numbers in ascending order (the order they are packed in).
func codes[P ~uint16](m map[P]time.Duration) ([]uint16, map[uint16]time.Duration) {
	out := make([]uint16, 0, len(m))
	byCode := make(map[uint16]time.Duration, len(m))
	for p, d := range m {
		out = append(out, uint16(p))
		byCode[uint16(p)] = d
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, byCode
}

// RTCPrivilege is a privilege of the RTC service.
type RTCPrivilege uint16

// The RTC privileges.
const (
	RTCJoinChannel        RTCPrivilege = 1
	RTCPublishAudioStream RTCPrivilege = 2
	RTCPublishVideoStream RTCPrivilege = 3
	RTCPublishDataStream  RTCPrivilege = 4
)

// RTC grants joining (and publishing in) a channel, for one user or any (UID(0)).
type RTC struct {
	Channel    string
	User       User
	Privileges map[RTCPrivilege]time.Duration
}

// ServiceType is ServiceRTC.
func (RTC) ServiceType() ServiceType { return ServiceRTC }
func (s RTC) add(b *capi.Builder) (int, error) {
	if s.User.isAccount {
		return b.AddRTCAccount(s.Channel, s.User.account)
	}
	return b.AddRTCUID(s.Channel, s.User.uid)
}
func (s RTC) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// RTMPrivilege is a privilege of the RTM service.
type RTMPrivilege uint16

// RTMLogin is the RTM login privilege.
const RTMLogin RTMPrivilege = 1

// RTM grants a user signalling (RTM) login.
type RTM struct {
	UserID     string
	Privileges map[RTMPrivilege]time.Duration
}

// ServiceType is ServiceRTM.
func (RTM) ServiceType() ServiceType                       { return ServiceRTM }
func (s RTM) add(b *capi.Builder) (int, error)             { return b.AddRTM(s.UserID) }
func (s RTM) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// StreamingPrivilege is a privilege of the Streaming service.
type StreamingPrivilege uint16

// The Streaming privileges.
const (
	StreamingPublishMixStream StreamingPrivilege = 1
	StreamingPublishRawStream StreamingPrivilege = 2
)

// Streaming grants publishing a stream of a channel.
type Streaming struct {
	Channel    string
	User       User
	Privileges map[StreamingPrivilege]time.Duration
}

// ServiceType is ServiceStreaming.
func (Streaming) ServiceType() ServiceType { return ServiceStreaming }
func (s Streaming) add(b *capi.Builder) (int, error) {
	if s.User.isAccount {
		return b.AddStreamingAccount(s.Channel, s.User.account)
	}
	return b.AddStreamingUID(s.Channel, s.User.uid)
}
func (s Streaming) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// FPAPrivilege is a privilege of the FPA service.
type FPAPrivilege uint16

// FPALogin is the FPA login privilege.
const FPALogin FPAPrivilege = 1

// FPA grants FPA (full-path acceleration) login.
type FPA struct {
	Privileges map[FPAPrivilege]time.Duration
}

// ServiceType is ServiceFPA.
func (FPA) ServiceType() ServiceType                       { return ServiceFPA }
func (s FPA) add(b *capi.Builder) (int, error)             { return b.AddFPA() }
func (s FPA) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// ChatPrivilege is a privilege of the Chat service.
type ChatPrivilege uint16

// The Chat privileges.
const (
	ChatUserPrivilege ChatPrivilege = 1
	ChatAppPrivilege  ChatPrivilege = 2
)

// Chat grants a Chat user ("" with ChatAppPrivilege for an app token).
type Chat struct {
	UserID     string
	Privileges map[ChatPrivilege]time.Duration
}

// ServiceType is ServiceChat.
func (Chat) ServiceType() ServiceType                       { return ServiceChat }
func (s Chat) add(b *capi.Builder) (int, error)             { return b.AddChat(s.UserID) }
func (s Chat) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// FCDNPrivilege is a privilege of the FCDN service.
type FCDNPrivilege uint16

// The FCDN privileges.
const (
	FCDNPublish FCDNPrivilege = 1
	FCDNPlay    FCDNPrivilege = 2
)

// FCDN grants publishing or playing a channel through FCDN.
type FCDN struct {
	Channel    string
	User       User
	Privileges map[FCDNPrivilege]time.Duration
}

// ServiceType is ServiceFCDN.
func (FCDN) ServiceType() ServiceType { return ServiceFCDN }
func (s FCDN) add(b *capi.Builder) (int, error) {
	if s.User.isAccount {
		return b.AddFCDNAccount(s.Channel, s.User.account)
	}
	return b.AddFCDNUID(s.Channel, s.User.uid)
}
func (s FCDN) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// APaaSPrivilege is a privilege of the APaaS (Education) service.
type APaaSPrivilege uint16

// The APaaS privileges.
const (
	APaaSRoomUser APaaSPrivilege = 1
	APaaSUser     APaaSPrivilege = 2
	APaaSApp      APaaSPrivilege = 3
)

// APaaS grants an APaaS (Flexible Classroom) room user, user or app; Role is -1 when unused.
type APaaS struct {
	RoomUUID, UserUUID string
	Role               int16
	Privileges         map[APaaSPrivilege]time.Duration
}

// ServiceType is ServiceAPaaS.
func (APaaS) ServiceType() ServiceType                       { return ServiceAPaaS }
func (s APaaS) add(b *capi.Builder) (int, error)             { return b.AddAPaaS(s.RoomUUID, s.UserUUID, s.Role) }
func (s APaaS) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// RTM2Privilege is a privilege of the RTM2 service.
type RTM2Privilege uint16

// RTM2Login is the RTM2 login privilege.
const RTM2Login RTM2Privilege = 1

// RTM2ResourceType is the kind of resource an RTM2 permission is about.
type RTM2ResourceType uint16

// The RTM2 resource types.
const (
	RTM2MessageChannels RTM2ResourceType = 0
	RTM2StreamChannels  RTM2ResourceType = 1
	RTM2GroupChannels   RTM2ResourceType = 2
	RTM2ServerGroups    RTM2ResourceType = 3
	RTM2Users           RTM2ResourceType = 4
)

// RTM2PermissionType is what an RTM2 permission allows.
type RTM2PermissionType uint16

// The RTM2 permission types.
const (
	RTM2Read  RTM2PermissionType = 0
	RTM2Write RTM2PermissionType = 1
)

// RTM2Permission allows one kind of access to named resources ("*" wildcards allowed). A
// later entry for the same resource and permission type replaces an earlier one.
type RTM2Permission struct {
	Resource   RTM2ResourceType
	Permission RTM2PermissionType
	Names      []string
}

// RTM2 grants RTM login with resource-level permissions (an interface that needs Agora's
// assistance to enable).
type RTM2 struct {
	UserID      string
	Permissions []RTM2Permission
	Privileges  map[RTM2Privilege]time.Duration
}

// ServiceType is ServiceRTM2.
func (RTM2) ServiceType() ServiceType { return ServiceRTM2 }
func (s RTM2) add(b *capi.Builder) (int, error) {
	p, err := rtm2Permissions(s.Permissions)
	if err != nil {
		return 0, err
	}
	defer p.Free()
	return b.AddRTM2(s.UserID, p)
}
func (s RTM2) grants() ([]uint16, map[uint16]time.Duration) { return codes(s.Privileges) }

// rtm2Permissions is the C handle of a permission list (checked types); the caller frees it.
func rtm2Permissions(list []RTM2Permission) (*capi.Permissions, error) {
	p := capi.NewPermissions()
	for _, entry := range list {
		if _, err := p.Add(uint16(entry.Resource), uint16(entry.Permission), entry.Names, false); err != nil {
			p.Free()
			return nil, err
		}
	}
	return p, nil
}

// ConvoAI grants the Conversational AI engine; it has no privileges (its presence is the grant).
type ConvoAI struct{}

// ServiceType is ServiceConvoAI.
func (ConvoAI) ServiceType() ServiceType                     { return ServiceConvoAI }
func (ConvoAI) add(b *capi.Builder) (int, error)             { return b.AddConvoAI() }
func (ConvoAI) grants() ([]uint16, map[uint16]time.Duration) { return nil, nil }

// STT grants real-time speech to text; it has no privileges.
type STT struct{}

// ServiceType is ServiceSTT.
func (STT) ServiceType() ServiceType                     { return ServiceSTT }
func (STT) add(b *capi.Builder) (int, error)             { return b.AddSTT() }
func (STT) grants() ([]uint16, map[uint16]time.Duration) { return nil, nil }
