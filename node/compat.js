'use strict'
// Drop-in replacement for npm `agora-token` 2.0.6: the same exports, static methods, argument
// order and defaults. The builders are the native classes of the addon (index.js); this file
// adds the pieces upstream defines in plain JavaScript: `RtcRole`, `Rtm2Permissions`,
// `AccessToken2` and the service classes (upstream `agora-token/src/AccessToken2`).
//
// Nothing here packs or signs: `AccessToken2.build()` hands its fields and services, as given,
// to the native `compatBuildToken`, which reads them as npm's `Buffer` writes and template
// literals do (`"600"` is 600, uid -1 the account "-1"), and `from_string`/`verifySignature`
// use the native `decode`/`verify`, so every rule stays in the Rust core. Input upstream
// accepts but that is almost certainly a mistake builds upstream's token and emits a warning
// (`process.emitWarning`, type `AgoraTokenCompatWarning`, `code` one of
// `COMPAT_WARNING_CODES`). The deliberate differences are listed in README.md.

// The native addon, or the WebAssembly build where no prebuild loads (main.cjs chooses).
const native = require('./main.cjs')

const {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} = native

// The `code` of every warning the drop-in layer emits (the core's CompatWarning codes).
const COMPAT_WARNING_CODES = Object.freeze(native.compatWarningCodes())

// upstream src/RtcTokenBuilder2.js `Role`, exported as `RtcRole`.
const RtcRole = {
  PUBLISHER: 1,
  SUBSCRIBER: 2,
}

// Service type numbers, as upstream src/AccessToken2.js exports them.
const kRtcServiceType = 1
const kRtmServiceType = 2
const kStreamingServiceType = 3
const kFpaServiceType = 4
const kChatServiceType = 5
const kFCdnServiceType = 6
const kApaasServiceType = 7
const kRtm2ServiceType = 8
const kConvoAIServiceType = 9
const kSttServiceType = 10

// Stores RTM2 resource-level permissions (upstream `Rtm2Permissions`).
class Rtm2Permissions {
  constructor() {
    this.details = {}
  }

  // Adds or replaces resources for a resource and permission type.
  add(resourceType, permissionType, resources) {
    if (!this.details[resourceType]) {
      this.details[resourceType] = {}
    }
    this.details[resourceType][permissionType] = Array.from(resources)
  }
}
Rtm2Permissions.kMessageChannels = 0
Rtm2Permissions.kStreamChannels = 1
Rtm2Permissions.kGroupChannels = 2
Rtm2Permissions.kServerGroups = 3
Rtm2Permissions.kUsers = 4
Rtm2Permissions.kRead = 0
Rtm2Permissions.kWrite = 1

// A service: its type and privilege map (privilege number -> seconds after the issue time).
// Subclasses keep their constructor arguments as given; the native builder reads them as
// npm's classes do (`uid === 0 ? '' : \`${uid}\``, `userId || ''`, `role || -1`).
class Service {
  constructor(service_type) {
    this.__type = service_type
    this.__privileges = {}
  }

  service_type() {
    return this.__type
  }

  add_privilege(privilege, expire) {
    this.__privileges[privilege] = expire
  }

  // The native `ServiceInput` for this service.
  __input() {
    return { type: this.__type, privileges: this.__privileges }
  }
}

class ServiceRtc extends Service {
  constructor(channel_name, uid) {
    super(kRtcServiceType)
    this.__channel_name = channel_name
    this.__uid = uid
  }

  __input() {
    return { ...super.__input(), channelName: this.__channel_name, uid: this.__uid }
  }
}
ServiceRtc.kPrivilegeJoinChannel = 1
ServiceRtc.kPrivilegePublishAudioStream = 2
ServiceRtc.kPrivilegePublishVideoStream = 3
ServiceRtc.kPrivilegePublishDataStream = 4

class ServiceRtm extends Service {
  constructor(user_id) {
    super(kRtmServiceType)
    this.__user_id = user_id
  }

  __input() {
    return { ...super.__input(), userId: this.__user_id }
  }
}
ServiceRtm.kPrivilegeLogin = 1

class ServiceStreaming extends Service {
  constructor(channelName = '', account = '') {
    super(kStreamingServiceType)
    this.__channel_name = channelName
    this.__account = account
  }

  __input() {
    return { ...super.__input(), channelName: this.__channel_name, account: this.__account }
  }
}
ServiceStreaming.kPrivilegePublishMixStream = 1
ServiceStreaming.kPrivilegePublishRawStream = 2

class ServiceFpa extends Service {
  constructor() {
    super(kFpaServiceType)
  }
}
ServiceFpa.kPrivilegeLogin = 1

class ServiceChat extends Service {
  constructor(user_id) {
    super(kChatServiceType)
    this.__user_id = user_id
  }

  __input() {
    return { ...super.__input(), userId: this.__user_id }
  }
}
ServiceChat.kPrivilegeUser = 1
ServiceChat.kPrivilegeApp = 2

class ServiceFCdn extends Service {
  constructor(channelName = '', account = '') {
    super(kFCdnServiceType)
    this.__channel_name = channelName
    this.__account = account
  }

  __input() {
    return { ...super.__input(), channelName: this.__channel_name, account: this.__account }
  }
}
ServiceFCdn.kPrivilegePublish = 1
ServiceFCdn.kPrivilegePlay = 2

// As upstream (`role || -1`), an omitted or falsy role is -1 (no role), except 0, which stays 0
// (a deliberate difference: every other upstream language keeps it).
class ServiceApaas extends Service {
  constructor(roomUuid, userUuid, role) {
    super(kApaasServiceType)
    this.__room_uuid = roomUuid
    this.__user_uuid = userUuid
    this.__role = role
  }

  __input() {
    return { ...super.__input(), roomUuid: this.__room_uuid, userUuid: this.__user_uuid, role: this.__role }
  }
}
ServiceApaas.PRIVILEGE_ROOM_USER = 1
ServiceApaas.PRIVILEGE_USER = 2
ServiceApaas.PRIVILEGE_APP = 3

class ServiceRtm2 extends Service {
  constructor(userId, permissions) {
    super(kRtm2ServiceType)
    this.__user_id = userId
    this.__permissions = permissions || new Rtm2Permissions()
  }

  __input() {
    return { ...super.__input(), userId: this.__user_id, permissions: this.__permissions.details }
  }
}
ServiceRtm2.kPrivilegeLogin = 1

class ServiceConvoAI extends Service {
  constructor() {
    super(kConvoAIServiceType)
  }
}

class ServiceStt extends Service {
  constructor() {
    super(kSttServiceType)
  }
}

// A decoded native `Service` as an upstream service object.
function serviceFromDecoded(decoded) {
  let service
  switch (decoded.type) {
    case kRtcServiceType:
      service = new ServiceRtc(decoded.channelName, decoded.uid)
      break
    case kRtmServiceType:
      service = new ServiceRtm(decoded.userId)
      break
    case kStreamingServiceType:
      service = new ServiceStreaming(decoded.channelName, decoded.account)
      break
    case kFpaServiceType:
      service = new ServiceFpa()
      break
    case kChatServiceType:
      service = new ServiceChat(decoded.userId)
      break
    case kFCdnServiceType:
      service = new ServiceFCdn(decoded.channelName, decoded.account)
      break
    case kApaasServiceType:
      service = new ServiceApaas(decoded.roomUuid, decoded.userUuid, decoded.role)
      break
    case kRtm2ServiceType: {
      const permissions = new Rtm2Permissions()
      for (const [resourceType, byPermission] of Object.entries(decoded.permissions || {})) {
        for (const [permissionType, resources] of Object.entries(byPermission)) {
          permissions.add(Number(resourceType), Number(permissionType), resources)
        }
      }
      service = new ServiceRtm2(decoded.userId, permissions)
      break
    }
    case kConvoAIServiceType:
      service = new ServiceConvoAI()
      break
    case kSttServiceType:
      service = new ServiceStt()
      break
    default:
      throw new Error(`unexpected service type ${decoded.type} from the decoder`)
  }
  for (const [privilege, expire] of Object.entries(decoded.privileges)) {
    service.add_privilege(Number(privilege), expire)
  }
  return service
}

// Builds, parses and verifies AccessToken2 ("007") tokens (upstream `AccessToken2`).
// As upstream, `issueTs` and `salt` are fixed when the object is made (the clock and a
// random salt from the core unless given); `salt` is an extra, optional fifth argument.
// The certificate is a non-enumerable property, so logging the object does not print it.
class AccessToken2 {
  constructor(appId, appCertificate, issueTs, expire, salt) {
    this.appId = appId
    Object.defineProperty(this, 'appCertificate', { value: appCertificate, writable: true, enumerable: false })
    this.issueTs = issueTs || native.unixNow()
    this.expire = expire
    this.salt = salt === undefined ? native.randomSalt() : salt
    this.services = []
    Object.defineProperty(this, '__token', { value: undefined, writable: true, enumerable: false })
  }

  // Adds a service; services of the same type are all kept.
  add_service(service) {
    this.services.push(service)
  }

  // The services of one type, in insertion (or token) order.
  getServices(serviceType) {
    return this.services.filter(service => service.service_type() === serviceType)
  }

  // Signs and encodes the token. Throws (upstream returns '') for invalid credentials or no services.
  // As upstream, every privilege number is packed as given; undefined ones and surprising
  // expiries emit an AgoraTokenCompatWarning (process.emitWarning).
  build() {
    return native.compatBuildToken({
      appId: this.appId,
      appCertificate: this.appCertificate,
      expire: this.expire,
      issuedAt: this.issueTs,
      salt: this.salt,
      services: this.services.map(service => service.__input()),
    })
  }

  // Decodes a token into this object; false if it is not a valid 007 token.
  from_string(origin_token) {
    // Clear the previous state first, as upstream does, so a failed parse cannot verify.
    this.appId = ''
    this.issueTs = 0
    this.expire = 0
    this.salt = 0
    this.services = []
    this.__token = undefined
    let payload
    try {
      payload = native.decodeUnverified(origin_token)
    } catch (error) {
      return false
    }
    this.appId = payload.appId
    this.issueTs = payload.issuedAt
    this.expire = payload.expire
    this.salt = payload.salt
    this.services = payload.services.map(serviceFromDecoded)
    this.__token = origin_token
    return true
  }

  // Whether the parsed token was signed with this certificate (constant-time check).
  verifySignature(appCertificate) {
    if (this.__token === undefined) {
      return false
    }
    try {
      native.verify(this.__token, appCertificate)
      return true
    } catch (error) {
      return false
    }
  }
}

AccessToken2.kServices = {
  [kRtcServiceType]: ServiceRtc,
  [kRtmServiceType]: ServiceRtm,
  [kStreamingServiceType]: ServiceStreaming,
  [kFpaServiceType]: ServiceFpa,
  [kChatServiceType]: ServiceChat,
  [kFCdnServiceType]: ServiceFCdn,
  [kApaasServiceType]: ServiceApaas,
  [kRtm2ServiceType]: ServiceRtm2,
  [kConvoAIServiceType]: ServiceConvoAI,
  [kSttServiceType]: ServiceStt,
}

module.exports = {
  // this package: the codes of the warnings the drop-in layer emits
  COMPAT_WARNING_CODES,
  // npm `agora-token` index.js
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  Rtm2Permissions,
  SttTokenBuilder,
  // npm `agora-token/src/AccessToken2`
  AccessToken2,
  Service,
  ServiceApaas,
  ServiceChat,
  ServiceConvoAI,
  ServiceFCdn,
  ServiceFpa,
  ServiceRtc,
  ServiceRtm,
  ServiceRtm2,
  ServiceStt,
  ServiceStreaming,
  kApaasServiceType,
  kChatServiceType,
  kConvoAIServiceType,
  kFCdnServiceType,
  kFpaServiceType,
  kRtcServiceType,
  kRtmServiceType,
  kRtm2ServiceType,
  kSttServiceType,
  kStreamingServiceType,
}
