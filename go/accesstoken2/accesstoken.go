// Package accesstoken2 is a drop-in for the official Go package of the same name
// (AgoraIO/Tools DynamicKey/AgoraDynamicKey/go/src/accesstoken2): the same types, fields,
// constants and functions, building and parsing through the agora-token core, so Build
// returns the token the official package returns for every input it accepts (as a stock-zlib
// string; the official package's Go compressor writes other, equally valid bytes).
//
// Differences on purpose (see go/README.md): services have no Pack/UnPack methods (the wire
// format lives in the core); errors are *agoratoken.Error values; undefined privilege
// numbers and RTM2 types are packed as upstream packs them and reported to the warning
// handler (agoratoken.SetWarningHandler).
package accesstoken2

import (
	"crypto/md5"
	"encoding/hex"
	"math/rand"
	"sort"
	"strconv"
	"time"

	"github.com/agora-token-rs/agora-token/go/agoratoken"
	"github.com/agora-token-rs/agora-token/go/internal/capi"
)

const (
	Version       = "007"
	VersionLength = 3

	// Service type
	ServiceTypeRtc       = 1
	ServiceTypeRtm       = 2
	ServiceTypeStreaming = 3
	ServiceTypeFpa       = 4
	ServiceTypeChat      = 5
	ServiceTypeFCdn      = 6
	ServiceTypeApaas     = 7
	ServiceTypeRtm2      = 8
	ServiceTypeConvoAI   = 9
	ServiceTypeStt       = 10

	// Rtc
	PrivilegeJoinChannel        = 1
	PrivilegePublishAudioStream = 2
	PrivilegePublishVideoStream = 3
	PrivilegePublishDataStream  = 4

	// Rtm, Fpa
	PrivilegeLogin = 1

	// Streaming
	PrivilegeStreamingPublishMixStream = 1
	PrivilegeStreamingPublishRawStream = 2

	// FCDN
	PrivilegeFCdnPublish = 1
	PrivilegeFCdnPlay    = 2

	// Chat
	PrivilegeChatUser = 1
	PrivilegeChatApp  = 2

	// Apaas
	PrivilegeApaasRoomUser = 1
	PrivilegeApaasUser     = 2
	PrivilegeApaasApp      = 3

	// RTM2 resource types
	Rtm2ResourceMessageChannels = 0
	Rtm2ResourceStreamChannels  = 1
	Rtm2ResourceGroupChannels   = 2
	Rtm2ResourceServerGroups    = 3
	Rtm2ResourceUsers           = 4

	// RTM2 permission types
	Rtm2PermissionRead  = 0
	Rtm2PermissionWrite = 1
)

// IService is any service of this package (its method set is unexported, as upstream's).
type IService interface {
	getServiceType() uint16
}

// Service is the privileges of a service and its type.
type Service struct {
	Privileges map[uint16]uint32
	Type       uint16
}

// NewService creates a service with the specified type and an empty privilege map.
func NewService(serviceType uint16) (service *Service) {
	return &Service{Privileges: make(map[uint16]uint32), Type: serviceType}
}

// AddPrivilege sets the expiration time (seconds after the issue time) of a privilege.
func (service *Service) AddPrivilege(privilege uint16, expire uint32) {
	if service.Privileges == nil {
		service.Privileges = make(map[uint16]uint32)
	}
	service.Privileges[privilege] = expire
}

func (service *Service) getServiceType() uint16 { return service.Type }

// ServiceRtc grants joining and publishing in a channel.
type ServiceRtc struct {
	*Service
	ChannelName string
	Uid         string
}

// NewServiceRtc creates an RTC service for a channel and user ID (GetUidStr for numbers).
func NewServiceRtc(channelName string, uid string) (serviceRtc *ServiceRtc) {
	return &ServiceRtc{ChannelName: channelName, Service: NewService(ServiceTypeRtc), Uid: uid}
}

// ServiceRtm grants RTM login.
type ServiceRtm struct {
	*Service
	UserId string
}

// NewServiceRtm creates an RTM service for a user ID.
func NewServiceRtm(userId string) (serviceRtm *ServiceRtm) {
	return &ServiceRtm{UserId: userId, Service: NewService(ServiceTypeRtm)}
}

// ServiceStreaming grants publishing streams of a channel.
type ServiceStreaming struct {
	*Service
	ChannelName string
	Account     string
}

// NewServiceStreaming creates a Streaming service for a channel and user account.
func NewServiceStreaming(channelName string, account string) *ServiceStreaming {
	return &ServiceStreaming{Service: NewService(ServiceTypeStreaming), ChannelName: channelName, Account: account}
}

// NewServiceStreamingWithUid creates a Streaming service with a numeric user ID.
func NewServiceStreamingWithUid(channelName string, uid uint32) *ServiceStreaming {
	return NewServiceStreaming(channelName, GetUidStr(uid))
}

// ServiceFpa grants FPA login.
type ServiceFpa struct {
	*Service
}

// NewServiceFpa creates an FPA service.
func NewServiceFpa() (serviceFpa *ServiceFpa) {
	return &ServiceFpa{Service: NewService(ServiceTypeFpa)}
}

// ServiceChat grants a Chat user or app.
type ServiceChat struct {
	*Service
	UserId string
}

// NewServiceChat creates a Chat service for a user ID.
func NewServiceChat(userId string) (serviceChat *ServiceChat) {
	return &ServiceChat{Service: NewService(ServiceTypeChat), UserId: userId}
}

// ServiceFCdn grants publishing or playing a channel through FCDN.
type ServiceFCdn struct {
	*Service
	ChannelName string
	Account     string
}

// NewServiceFCdn creates an FCDN service for a channel and user account.
func NewServiceFCdn(channelName string, account string) *ServiceFCdn {
	return &ServiceFCdn{Service: NewService(ServiceTypeFCdn), ChannelName: channelName, Account: account}
}

// NewServiceFCdnWithUid creates an FCDN service with a numeric user ID.
func NewServiceFCdnWithUid(channelName string, uid uint32) *ServiceFCdn {
	return NewServiceFCdn(channelName, GetUidStr(uid))
}

// ServiceApaas grants an APaaS room user, user or app.
type ServiceApaas struct {
	*Service
	RoomUuid string
	UserUuid string
	Role     int16
}

// NewServiceApaas creates an APaaS service for a room, user, and role.
func NewServiceApaas(roomUuid string, userUuid string, role int16) (serviceApaas *ServiceApaas) {
	return &ServiceApaas{Service: NewService(ServiceTypeApaas), RoomUuid: roomUuid, UserUuid: userUuid, Role: role}
}

// Rtm2Permissions are RTM2 resource names by resource type and permission type.
type Rtm2Permissions struct {
	Details map[uint16]map[uint16][]string
}

// NewRtm2Permissions creates an empty RTM2 permission set.
func NewRtm2Permissions() *Rtm2Permissions {
	return &Rtm2Permissions{Details: make(map[uint16]map[uint16][]string)}
}

// Add adds or replaces the resources of an RTM2 resource and permission type. Types RTM2
// does not define are packed as given (and reported to the warning handler at build).
func (permissions *Rtm2Permissions) Add(resourceType uint16, permissionType uint16, resources []string) {
	if permissions.Details == nil {
		permissions.Details = make(map[uint16]map[uint16][]string)
	}
	if permissions.Details[resourceType] == nil {
		permissions.Details[resourceType] = make(map[uint16][]string)
	}
	permissions.Details[resourceType][permissionType] = append([]string(nil), resources...)
}

// ServiceRtm2 grants RTM login with resource-level permissions.
type ServiceRtm2 struct {
	*Service
	UserId      string
	Permissions *Rtm2Permissions
}

// NewServiceRtm2 creates an RTM2 service with resource-level permissions.
func NewServiceRtm2(userId string, permissions *Rtm2Permissions) *ServiceRtm2 {
	if permissions == nil {
		permissions = NewRtm2Permissions()
	}
	return &ServiceRtm2{Service: NewService(ServiceTypeRtm2), UserId: userId, Permissions: permissions}
}

// ServiceConvoAI grants the Conversational AI engine.
type ServiceConvoAI struct {
	*Service
}

// NewServiceConvoAI creates a ConvoAI service.
func NewServiceConvoAI() *ServiceConvoAI {
	return &ServiceConvoAI{Service: NewService(ServiceTypeConvoAI)}
}

// ServiceStt grants speech to text.
type ServiceStt struct {
	*Service
}

// NewServiceStt creates an STT service.
func NewServiceStt() *ServiceStt {
	return &ServiceStt{Service: NewService(ServiceTypeStt)}
}

// AccessToken is an AccessToken2 ("007") being built or parsed.
type AccessToken struct {
	AppCert string
	AppId   string
	Expire  uint32
	IssueTs uint32
	Salt    uint32

	// Services holds the last service of each type (upstream's map view); AddService and
	// GetServices keep every service, repeated types included.
	Services map[uint16]IService

	serviceList []IService
	parsedToken string
	parsed      bool
}

// NewAccessToken creates an access token with the current time and a random salt
// (1..99999998, as upstream Go); set IssueTs and Salt to pin them.
func NewAccessToken(appId string, appCert string, expire uint32) (accessToken *AccessToken) {
	return &AccessToken{
		AppCert:  appCert,
		AppId:    appId,
		Expire:   expire,
		IssueTs:  uint32(time.Now().Unix()),
		Salt:     uint32(rand.Intn(99999998) + 1),
		Services: make(map[uint16]IService),
	}
}

// CreateAccessToken creates an empty access token for parsing.
func CreateAccessToken() (accessToken *AccessToken) {
	return NewAccessToken("", "", 900)
}

// AddService adds a service, keeping earlier services of the same type.
func (accessToken *AccessToken) AddService(service IService) {
	if accessToken.Services == nil {
		accessToken.Services = make(map[uint16]IService)
	}
	accessToken.serviceList = append(accessToken.serviceList, service)
	accessToken.Services[service.getServiceType()] = service
}

// GetServices returns all services of a type, in insertion or token order.
func (accessToken *AccessToken) GetServices(serviceType uint16) []IService {
	services := make([]IService, 0)
	for _, service := range accessToken.serviceList {
		if service.getServiceType() == serviceType {
			services = append(services, service)
		}
	}
	if len(services) == 0 && accessToken.Services != nil {
		if service := accessToken.Services[serviceType]; service != nil {
			services = append(services, service)
		}
	}
	return services
}

// services is what Build packs: every added service, or the map's when none was added
// (a token whose Services map was filled directly); the core orders them by type.
func (accessToken *AccessToken) services() []IService {
	if len(accessToken.serviceList) > 0 {
		return accessToken.serviceList
	}
	types := make([]int, 0, len(accessToken.Services))
	for t := range accessToken.Services {
		types = append(types, int(t))
	}
	sort.Ints(types)
	out := make([]IService, 0, len(types))
	for _, t := range types {
		if s := accessToken.Services[uint16(t)]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Build signs the token with AppCert, IssueTs and Salt. Like upstream it needs a 32-hex
// app id and certificate and at least one service; undefined privilege numbers and RTM2
// types are packed as given and reported to the warning handler.
func (accessToken *AccessToken) Build() (res string, err error) {
	salt := accessToken.Salt
	options := capi.Options{IssuedAt: time.Unix(int64(accessToken.IssueTs), 0), Salt: &salt}
	b, found, err := capi.NewBuilder(accessToken.AppId, accessToken.AppCert, accessToken.Expire, options)
	if err != nil {
		return "", err
	}
	defer b.Free()
	for _, service := range accessToken.services() {
		warnings, err := add(b, service)
		if err != nil {
			return "", err
		}
		found = append(found, warnings...)
	}
	token, err := b.Build()
	if err != nil {
		return "", err
	}
	capi.Report("accesstoken2.AccessToken.Build", found)
	return token, nil
}

// add adds one service and its privileges (upstream's AddPrivilege: any number).
func add(b *capi.Builder, service IService) ([]capi.Warning, error) {
	var index int
	var err error
	var base *Service
	var found []capi.Warning
	switch s := service.(type) {
	case *ServiceRtc:
		base = s.Service
		index, err = b.AddRTCAccount(s.ChannelName, s.Uid)
	case *ServiceRtm:
		base = s.Service
		index, err = b.AddRTM(s.UserId)
	case *ServiceStreaming:
		base = s.Service
		index, err = b.AddStreamingAccount(s.ChannelName, s.Account)
	case *ServiceFpa:
		base = s.Service
		index, err = b.AddFPA()
	case *ServiceChat:
		base = s.Service
		index, err = b.AddChat(s.UserId)
	case *ServiceFCdn:
		base = s.Service
		index, err = b.AddFCDNAccount(s.ChannelName, s.Account)
	case *ServiceApaas:
		base = s.Service
		index, err = b.AddAPaaS(s.RoomUuid, s.UserUuid, s.Role)
	case *ServiceRtm2:
		base = s.Service
		var details map[uint16]map[uint16][]string
		if s.Permissions != nil {
			details = s.Permissions.Details
		}
		var p *capi.Permissions
		p, found, err = capi.UpstreamPermissions(details)
		if err != nil {
			return nil, err
		}
		index, err = b.AddRTM2(s.UserId, p)
		p.Free()
	case *ServiceConvoAI:
		base = s.Service
		index, err = b.AddConvoAI()
	case *ServiceStt:
		base = s.Service
		index, err = b.AddSTT()
	case *Service:
		// A bare service packs only its type and privileges: the whole service for types
		// without fields, a truncated one (which upstream writes and no parser reads) otherwise.
		base = s
		switch s.Type {
		case ServiceTypeFpa:
			index, err = b.AddFPA()
		case ServiceTypeConvoAI:
			index, err = b.AddConvoAI()
		case ServiceTypeStt:
			index, err = b.AddSTT()
		default:
			return nil, &agoratoken.Error{Code: agoratoken.CodeUnknownServiceType, Message: "a bare Service of type " +
				strconv.Itoa(int(s.Type)) + " has none of the fields that type needs; use NewServiceRtc, NewServiceRtm, ... for it"}
		}
	default:
		return nil, capi.Invalid("a nil service was added")
	}
	if err != nil {
		return nil, err
	}
	if base == nil {
		return found, nil
	}
	for privilege, expire := range base.Privileges {
		warnings, err := b.AddPrivilegeUnchecked(index, privilege, expire)
		if err != nil {
			return nil, err
		}
		found = append(found, warnings...)
	}
	return found, nil
}

// Parse reads a token, replacing what the AccessToken held; VerifySignature then checks it.
// As upstream, a service type it does not know ends the list (the services before it are
// kept) and the parse still succeeds. The signature is not checked here.
func (accessToken *AccessToken) Parse(token string) (res bool, err error) {
	*accessToken = AccessToken{Services: make(map[uint16]IService)}
	payload, err := agoratoken.DecodeUnverified(token)
	if err != nil {
		return false, err
	}
	accessToken.AppId = payload.AppID
	accessToken.IssueTs = uint32(payload.IssuedAt.Unix())
	accessToken.Expire = uint32(payload.Expire / time.Second)
	accessToken.Salt = payload.Salt
	for _, s := range payload.Services {
		accessToken.AddService(fromDecoded(s))
	}
	accessToken.parsedToken = token
	accessToken.parsed = true
	return true, nil
}

func fromDecoded(s agoratoken.DecodedService) IService {
	base := NewService(uint16(s.Type))
	for code, expire := range s.Privileges {
		base.Privileges[code] = uint32(expire / time.Second)
	}
	switch s.Type {
	case ServiceTypeRtc:
		return &ServiceRtc{Service: base, ChannelName: s.Channel, Uid: s.User}
	case ServiceTypeRtm:
		return &ServiceRtm{Service: base, UserId: s.UserID}
	case ServiceTypeStreaming:
		return &ServiceStreaming{Service: base, ChannelName: s.Channel, Account: s.User}
	case ServiceTypeFpa:
		return &ServiceFpa{Service: base}
	case ServiceTypeChat:
		return &ServiceChat{Service: base, UserId: s.UserID}
	case ServiceTypeFCdn:
		return &ServiceFCdn{Service: base, ChannelName: s.Channel, Account: s.User}
	case ServiceTypeApaas:
		return &ServiceApaas{Service: base, RoomUuid: s.RoomUUID, UserUuid: s.UserUUID, Role: s.Role}
	case ServiceTypeRtm2:
		p := NewRtm2Permissions()
		for resource, byPermission := range s.Permissions {
			for permission, names := range byPermission {
				p.Add(resource, permission, names)
			}
		}
		return &ServiceRtm2{Service: base, UserId: s.UserID, Permissions: p}
	case ServiceTypeConvoAI:
		return &ServiceConvoAI{Service: base}
	case ServiceTypeStt:
		return &ServiceStt{Service: base}
	}
	return base
}

// VerifySignature checks the signature of the token Parse read: (true, nil) when
// appCertificate signed it, (false, nil) when it did not, (false, err) when it cannot tell
// (nothing parsed, a certificate that is not 32 hex characters).
func (accessToken *AccessToken) VerifySignature(appCertificate string) (bool, error) {
	if !accessToken.parsed {
		return false, capi.Invalid("parse token before verifying signature")
	}
	err := agoratoken.Verify(accessToken.parsedToken, appCertificate)
	switch {
	case err == nil:
		return true, nil
	case errorsIs(err, agoratoken.ErrSignatureMismatch):
		return false, nil
	default:
		return false, err
	}
}

func errorsIs(err error, target *agoratoken.Error) bool {
	e, ok := err.(*agoratoken.Error)
	return ok && e.Code == target.Code
}

// GetUidStr converts a numeric user ID to its token form: "" for 0 (any user), else decimal.
func GetUidStr(uid uint32) string {
	if uid == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(uid), 10)
}

// Md5 is the lower-case hex MD5 of a string (upstream's helper, used for APaaS chat ids).
func Md5(str string) string {
	sum := md5.Sum([]byte(str))
	return hex.EncodeToString(sum[:])
}
