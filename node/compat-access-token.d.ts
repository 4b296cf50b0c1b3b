// Types of the drop-in module `@agora-token-rs/agora-token/compat/access-token`
// (npm `agora-access-token` 2.0.4, legacy "006" tokens). Expiries are absolute Unix times.

export { BuildOptions, RtcTokenBuilder006 as RtcTokenBuilder, RtmTokenBuilder006 as RtmTokenBuilder } from './index'

/** RTC roles of the 006 builders. */
export declare const RtcRole: {
  /** Deprecated upstream: same privileges as PUBLISHER. */
  readonly ATTENDEE: 0
  readonly PUBLISHER: 1
  readonly SUBSCRIBER: 2
  /** Deprecated upstream: same privileges as PUBLISHER. */
  readonly ADMIN: 101
}

/** RTM roles of the 006 builder. */
export declare const RtmRole: {
  readonly Rtm_User: 1
}
