// Type-checked with `tsc --noEmit -p node/__test__` (scripts/test-node.sh): both layers,
// as a TypeScript user imports them. `@ts-expect-error` lines prove the types refuse misuse.

import {
  buildRtcToken,
  buildToken,
  decodeUnverified,
  errorCodes,
  explain,
  reasonCodes,
  verify,
  type AgoraTokenError,
  type ErrorCode,
  type Explanation,
  type Payload,
  type ReasonCode,
  type ServiceInput,
} from '@agora-token-rs/agora-token'
import {
  AccessToken2,
  COMPAT_WARNING_CODES,
  ChatTokenBuilder,
  type CompatWarningCode,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  Rtm2Permissions,
  ServiceRtc,
} from '@agora-token-rs/agora-token/compat'
import * as legacy from '@agora-token-rs/agora-token/compat/access-token'

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'

// Idiomatic layer.
const rtc: string = buildRtcToken({ appId, appCertificate, channelName: 'room', uid: 42, role: 'publisher', tokenExpire: 3600 })
const services: ServiceInput[] = [{ type: 2, userId: 'alice', privileges: { 1: 3600 } }]
const generic: string = buildToken({ appId, appCertificate, expire: 3600, services, issuedAt: 1_700_000_000, salt: 1 })
const payload: Payload = decodeUnverified(rtc)
const issued: number = payload.issuedAt
const uidOfFirst: string | undefined = payload.services[0]?.uid
const verified: boolean = verify(generic, appCertificate).verified
const explanation: Explanation = explain(rtc, { appCertificate, channelName: 'room', uid: 42 })
const canJoin: boolean | undefined = explanation.access?.canJoin
const signature: 'not_checked' | 'valid' | 'invalid' = explanation.signature
const firstReason: ReasonCode | undefined = explanation.access?.reasons[0]?.code
const allReasons: ReasonCode[] = reasonCodes()

// Error codes: a union of the core's codes, the type of a thrown error's `code`.
const allErrors: ErrorCode[] = errorCodes()
const codeOf = (error: unknown): ErrorCode | undefined => {
  const code = (error as AgoraTokenError).code
  return errorCodes().includes(code) ? code : undefined
}
const mismatch: ErrorCode = 'signature_mismatch'
// @ts-expect-error: not an error code
const notAnErrorCode: ErrorCode = 'signatureMismatch'
// @ts-expect-error: a reason code, not an error code
const reasonIsNotError: ErrorCode = 'token_expired'

// @ts-expect-error: expiries are numbers
buildRtcToken({ appId, appCertificate, channelName: 'room', uid: 42, role: 'publisher', tokenExpire: '3600' })
// @ts-expect-error: roles are publisher / subscriber / host / audience / 1 / 2
buildRtcToken({ appId, appCertificate, channelName: 'room', uid: 42, role: 'admin', tokenExpire: 3600 })

// Drop-in layer (npm agora-token).
const dropIn: string = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, 3600, 3600)
const withDefault: string = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 'alice', RtcRole.SUBSCRIBER, 3600)
const fixed: string = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, 3600, 3600, { issuedAt: 1_700_000_000, salt: 7 })
const capitalised: string = RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, 'room', 'alice', 3600, 3600, 3600, 3600, 3600)
const chat: string = ChatTokenBuilder.buildUserToken(appId, appCertificate, 42, 600)
const permissions = new Rtm2Permissions()
permissions.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['news'])
const rtm2: string = RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'alice', permissions, 600)

const token = new AccessToken2(appId, appCertificate, 0, 600)
const service = new ServiceRtc('room', 42)
service.add_privilege(ServiceRtc.kPrivilegeJoinChannel, 600)
token.add_service(service)
const built: string = token.build()
const parsed = new AccessToken2()
const ok: boolean = parsed.from_string(built) && parsed.verifySignature(appCertificate)

// The codes of the drop-in layer's warnings (process.emitWarning, name AgoraTokenCompatWarning).
const codes: readonly CompatWarningCode[] = COMPAT_WARNING_CODES
// What a process.on('warning') listener receives from the drop-in layer.
const isCompatWarning = (warning: Error & { code?: string }): boolean =>
  warning.name === 'AgoraTokenCompatWarning' && (COMPAT_WARNING_CODES as readonly string[]).includes(warning.code ?? '')
// @ts-expect-error: not a warning code
const notACode: CompatWarningCode = 'unknown_role'

// @ts-expect-error: the role is a number in the drop-in layer (as upstream types it; at run time any value is read as upstream does)
RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 'publisher', 3600)

// Drop-in layer (npm agora-access-token, 006).
const legacyToken: string = legacy.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, legacy.RtcRole.PUBLISHER, 0)
const legacyRtm: string = legacy.RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', legacy.RtmRole.Rtm_User, 0)

export const used = [rtc, generic, issued, uidOfFirst, verified, canJoin, signature, firstReason, allReasons, allErrors, codeOf, mismatch, notAnErrorCode, reasonIsNotError, dropIn, withDefault, fixed, capitalised, chat, rtm2, ok, legacyToken, legacyRtm, codes, notACode, isCompatWarning]
