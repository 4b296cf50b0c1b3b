// Types of the drop-in module `@agora-token-rs/agora-token/compat` (npm `agora-token` 2.0.6).
// The builder classes are the native ones; see index.d.ts for their documentation.

export {
  ApaasTokenBuilder,
  BuildOptions,
  ChatTokenBuilder,
  CompatWarningCode,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from './index'
import type { CompatWarningCode } from './index'

/** Every {@link CompatWarningCode}, as the Rust core lists them. */
export declare const COMPAT_WARNING_CODES: readonly CompatWarningCode[]

/** RTC roles of the 007 builders. */
export declare const RtcRole: {
  /** Join and publish (1). */
  readonly PUBLISHER: 1
  /** Join only (2); restricts publishing where co-host authentication is enabled. */
  readonly SUBSCRIBER: 2
}

/** Stores RTM2 resource-level permissions. */
export declare class Rtm2Permissions {
  static readonly kMessageChannels: 0
  static readonly kStreamChannels: 1
  static readonly kGroupChannels: 2
  static readonly kServerGroups: 3
  static readonly kUsers: 4
  static readonly kRead: 0
  static readonly kWrite: 1

  details: { [resourceType: number]: { [permissionType: number]: string[] } }

  /** Adds or replaces resources for a resource and permission type. */
  add(resourceType: number, permissionType: number, resources: Iterable<string>): void
}

/** A service of an AccessToken2: its type and privilege map (privilege → seconds after the issue time). */
export declare class Service {
  constructor(service_type: number)
  service_type(): number
  /** Adds or updates a privilege's lifetime, seconds after the issue time. */
  add_privilege(privilege: number, expire: number): void
}

export declare class ServiceRtc extends Service {
  /** `uid`: a number (0 = any user) or a string account. */
  constructor(channel_name: string, uid: string | number)
  static readonly kPrivilegeJoinChannel: 1
  static readonly kPrivilegePublishAudioStream: 2
  static readonly kPrivilegePublishVideoStream: 3
  static readonly kPrivilegePublishDataStream: 4
}

export declare class ServiceRtm extends Service {
  constructor(user_id?: string | number)
  static readonly kPrivilegeLogin: 1
}

export declare class ServiceStreaming extends Service {
  constructor(channelName?: string, account?: string | number)
  static readonly kPrivilegePublishMixStream: 1
  static readonly kPrivilegePublishRawStream: 2
}

export declare class ServiceFpa extends Service {
  constructor()
  static readonly kPrivilegeLogin: 1
}

export declare class ServiceChat extends Service {
  constructor(user_id?: string | number)
  static readonly kPrivilegeUser: 1
  static readonly kPrivilegeApp: 2
}

export declare class ServiceFCdn extends Service {
  constructor(channelName?: string, account?: string | number)
  static readonly kPrivilegePublish: 1
  static readonly kPrivilegePlay: 2
}

export declare class ServiceApaas extends Service {
  /** `role` defaults to -1 (no role); unlike upstream, 0 stays 0. */
  constructor(roomUuid?: string, userUuid?: string | number, role?: number)
  static readonly PRIVILEGE_ROOM_USER: 1
  static readonly PRIVILEGE_USER: 2
  static readonly PRIVILEGE_APP: 3
}

export declare class ServiceRtm2 extends Service {
  constructor(userId?: string | number, permissions?: Rtm2Permissions)
  static readonly kPrivilegeLogin: 1
}

export declare class ServiceConvoAI extends Service {
  constructor()
}

export declare class ServiceStt extends Service {
  constructor()
}

/** Builds, parses and verifies AccessToken2 ("007") tokens. */
export declare class AccessToken2 {
  /**
   * `issueTs` (Unix seconds) defaults to now and `salt` (an extra, optional argument) to a
   * random value, both fixed here as upstream does; `expire` is seconds after `issueTs`.
   */
  constructor(appId?: string, appCertificate?: string, issueTs?: number, expire?: number, salt?: number)
  appId: string
  /** Not enumerable, so logging the object does not print it. */
  appCertificate: string
  issueTs: number
  expire: number
  salt: number
  services: Service[]
  static readonly kServices: { [serviceType: number]: typeof Service }
  /** Adds a service; services of the same type are all kept. */
  add_service(service: Service): void
  /** The services of one type, in insertion (or token) order. */
  getServices(serviceType: number): Service[]
  /**
   * Signs and encodes the token; throws an `Error` with a `code` on invalid input. As
   * upstream, every privilege number (0 to 65535) is packed as given; numbers the service
   * does not define and surprising expiries emit an `AgoraTokenCompatWarning`.
   */
  build(): string
  /** Decodes a token into this object; `false` if it is not a valid 007 token. */
  from_string(origin_token: string): boolean
  /** Whether the parsed token was signed with this certificate. */
  verifySignature(appCertificate: string): boolean
}

export declare const kRtcServiceType: 1
export declare const kRtmServiceType: 2
export declare const kStreamingServiceType: 3
export declare const kFpaServiceType: 4
export declare const kChatServiceType: 5
export declare const kFCdnServiceType: 6
export declare const kApaasServiceType: 7
export declare const kRtm2ServiceType: 8
export declare const kConvoAIServiceType: 9
export declare const kSttServiceType: 10
