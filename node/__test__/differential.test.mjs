// Differential tests against the real peers: npm agora-token 2.0.6 (007) and
// agora-access-token 2.0.4 (006), installed by scripts/test-node.sh.
//
// 007: the peer compresses with Node's zlib, whose bytes may differ from stock zlib, so the
// DECOMPRESSED payloads are compared (the signature is inside them, so they prove the same
// bytes were signed). Our strings are stock zlib (proved by the conformance vectors here and
// the core's own tests). The peer's issue time and salt are forced by fixing the clock and
// Math.random; ours by the trailing { issuedAt, salt } / the options object.
// 006: no compression, so whole strings are compared.
//
// The inputs cover the whole input space upstream accepts: roles of any value and type (read
// with upstream's loose `==`), privilege numbers 0..65535, u32 expiries, uids and issue times,
// salts (npm's builders draw 1..99999999; AccessToken2 and 006 take any u32, 0 included),
// the same numbers as npm's Buffer writes read them from other types (numeric strings as
// `req.query` gives them, fractions, NaN, null, undefined, booleans), uids npm writes as text
// (-1, 2**32, 1.5, NaN, null, undefined, booleans), RTM2 types 0..65535,
// empty / unicode / 65535-byte strings, repeated and unsorted services. The warnings each
// drop-in call emits are checked against the rules written out below (WARNING RULES), so each
// fires when, and only when, it should. A failure names its seed and case; SEED=<n> in the
// environment replays the suite with another base seed.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  agoraToken,
  captureWarnings,
  compat,
  compat006,
  freshAgoraAccessToken,
  inflate,
  native,
  randomFor007Salt,
  refusedByWasm,
  rng,
  show,
  withFixedClock,
} from './helpers.mjs'

const peer = agoraToken()
const SEED = Number(process.env.SEED || 0)
const ITERATIONS = 150 // per builder; 17 builders -> 2550 random cases for 007
const LOOSENESS = 0.4 // the share of cases whose numbers, uids and user ids are passed as application code may pass them

// WARNING RULES: the codes a drop-in call must emit, written from the issue, not from the code.
// `==` on purpose: it is how upstream compares roles.
const THRESHOLD = 946684800 // 2000-01-01: from here an expiry in seconds looks like a Unix timestamp
const DAY = 86400
const roleCodes007 = role => (role == 1 || role == 2 ? [] : ['role_read_as_join_only']) // eslint-disable-line eqeqeq
// npm's ConvoAITokenBuilder and SttTokenBuilder compare with `===`.
const strictRoleCodes007 = role => (role === 1 || role === 2 ? [] : ['role_read_as_join_only'])
const roleCodes006 = role => (role == 0 || role == 1 || role == 2 || role == 101 ? [] : ['role_read_as_join_only']) // eslint-disable-line eqeqeq
// npm packs numbers with Buffer writes: `+value`, NaN written as 0, the fraction dropped.
const packed = value => (Number.isNaN(+value) ? 0 : Math.trunc(+value))
// A whole number, or text of one (a query string), is silent; a fraction warns; anything else
// (NaN, undefined, null, booleans, text without a digit or that is not a number) is not a number.
const numberCodes = (...values) => values.flatMap(value => {
  if (typeof value === 'number') return Number.isNaN(value) ? ['not_a_number'] : Number.isInteger(value) ? [] : ['fraction_truncated']
  if (typeof value === 'string' && /\d/.test(value) && !Number.isNaN(+value)) return Number.isInteger(+value) ? [] : ['fraction_truncated']
  return ['not_a_number']
})
// npm writes a uid with a template literal: a uid (a whole number in u32) or a string is silent.
const uidCodes = uid => (typeof uid === 'string' || (Number.isInteger(uid) && uid >= 0 && uid <= 4294967295) ? [] : ['uid_written_as_text'])
// npm reads an issue time of the number 0 as now; the text '0' packs 1970.
const issueCodes = issueTs => (typeof issueTs === 'string' && /\d/.test(issueTs) && packed(issueTs) === 0 ? ['issue_time_zero_not_now'] : numberCodes(issueTs))
const expireCodes007 = (...values) => [
  ...numberCodes(...values),
  ...values.map(packed).filter(v => v > DAY).map(v => (v >= THRESHOLD ? 'expiry_looks_absolute' : 'lifetime_over_24h')),
]
const expireCodes006 = (...values) => [...numberCodes(...values), ...values.map(packed).filter(v => v > 0 && v < THRESHOLD).map(() => 'expiry_looks_relative')]
const rtm2Codes = details => Object.entries(details).flatMap(([resource, byPermission]) => [
  ...(Number(resource) > 4 ? ['undefined_rtm2_type'] : []),
  ...Object.keys(byPermission).filter(permission => Number(permission) > 1).map(() => 'undefined_rtm2_type'),
])
const DEFINED_007 = { 1: [1, 2, 3, 4], 2: [1], 3: [1, 2], 4: [1], 5: [1, 2], 6: [1, 2], 7: [1, 2, 3], 8: [1], 9: [], 10: [] }

// Role values upstream accepts: its `role == 1` takes any of them.
const ODD_ROLES = [true, false, '1', '2', ' 1 ', '', '0x1', '1.0', 'publisher', null, undefined, 1.5, NaN, Infinity, -1, 2 ** 40, [1], [], {}, 1n, 2n, 3n, Symbol('role'), 'x'.repeat(40)]
const role007 = r => r.pick([1, 2, 1, 2, 0, 101, r.int(0, 255), r.pick(ODD_ROLES)])
const role006 = r => r.pick([0, 1, 2, 101, r.int(0, 255), r.pick(ODD_ROLES)])
const isCleanRole = role => role === 1 || role === 2

/**
 * `value` as application code may hand it to npm (often unchanged): numeric text as `req.query`
 * gives it, a fraction, or a value that is not a number. `optional`: the argument has a
 * default parameter, so `undefined` is the default there, not a value.
 */
function loose(r, value, optional = false) {
  if (r.next() < 0.5) return value
  const forms = [String(value), ` ${value}\n`, `+${value}`]
  if (value < 4294967295) forms.push(value + 0.5, String(value + 0.25))
  forms.push(r.pick([NaN, null, '', 'abc', false, true, ...(optional ? [] : [undefined])]))
  return r.pick(forms)
}
/** A uid, or a value npm writes as a text uid. */
const looseUid = (r, uid) => r.pick([uid, uid, uid, -1, -(2 ** 31), 2 ** 32, 1.5, -0, NaN, null, undefined, true, false])
/** The same user for the idiomatic layer: a uid, or the text npm writes as an account. */
const userOption = uid => (uidCodes(uid).length ? { account: uid === 0 ? '' : `${uid}` } : { uid })
/** An RTM user id, or a value npm reads as '' (`userId || ''`). */
const looseUserId = (r, userId) => r.pick([userId, userId, userId, undefined, null])

/** The peer's token with a forced issue time and salt; checks the forcing worked. */
function theirs(issuedAt, salt, build) {
  const token = withFixedClock(issuedAt, randomFor007Salt(salt), build)
  assert.match(token, /^007/, `peer returned ${JSON.stringify(token)}`)
  const payload = native.decodeUnverified(token)
  assert.equal(payload.issuedAt, issuedAt, 'peer issue time forced')
  assert.equal(payload.salt, salt, 'peer salt forced')
  return token
}

function assertSamePayload(ours, peerToken, label) {
  assert.ok(inflate(ours).equals(inflate(peerToken)), `${label}: decompressed payload differs`)
}

function assertCodes(warnings, expected, label) {
  for (const warning of warnings) assert.equal(warning.type, 'AgoraTokenCompatWarning', label)
  assert.deepEqual(warnings.map(w => w.code).sort(), [...expected].sort(), `${label}: warnings`)
}

/**
 * Common random inputs of one case; with `looseness`, numbers, uids and user ids as
 * application code may pass them (`loose`). `c.plain` holds what npm packs, for the idiomatic
 * layer, which refuses loose values.
 */
function inputs(r, looseness = 0) {
  const c = {
    appId: r.hex32(),
    appCertificate: r.hex32(),
    channelName: r.field(64),
    uid: r.pick([0, 1, r.int(2, 4294967295), 4294967295]),
    account: r.field(40),
    role: role007(r),
    issuedAt: r.pick([0, 1, 4294967295, r.int(0, 4294967295)]),
    salt: r.pick([1, 99999999, r.int(1, 99999999)]),
    tokenExpire: r.u32(),
    privilegeExpire: r.u32(),
    join: r.u32(),
    audio: r.u32(),
    video: r.u32(),
    data: r.u32(),
    rtmUserId: r.field(40),
    rtmExpire: r.u32(),
    expire: r.u32(),
  }
  if (r.next() < looseness) {
    for (const key of ['tokenExpire', 'join', 'audio', 'video', 'data', 'rtmExpire', 'expire']) c[key] = loose(r, c[key])
    c.privilegeExpire = loose(r, c.privilegeExpire, true)
    c.uid = looseUid(r, c.uid)
    c.rtmUserId = looseUserId(r, c.rtmUserId)
  }
  c.plain = {
    ...Object.fromEntries(['tokenExpire', 'privilegeExpire', 'join', 'audio', 'video', 'data', 'rtmExpire', 'expire'].map(key => [key, packed(c[key])])),
    user: userOption(c.uid),
    rtmUserId: c.rtmUserId || '',
  }
  return c
}
const userIdCodes = userId => (typeof userId === 'string' ? [] : ['uid_written_as_text'])

const roleName = role => (role === 1 ? 'publisher' : 'subscriber')

/**
 * Each case: the peer call, the drop-in call and the idiomatic call for the same inputs.
 * All three must give the same payload.
 */
const cases = {
  'RtcTokenBuilder.buildTokenWithUid': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, c.privilegeExpire, o),
    isCleanRole(c.role) && (o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, ...c.plain.user, role: roleName(c.role), tokenExpire: c.plain.tokenExpire, privilegeExpire: c.plain.privilegeExpire })),
    [...roleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.privilegeExpire), ...uidCodes(c.uid)],
  ],
  'RtcTokenBuilder.buildTokenWithUserAccount': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire, o),
    isCleanRole(c.role) && (o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.plain.tokenExpire, privilegeExpire: c.plain.privilegeExpire })),
    [...roleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.privilegeExpire)],
  ],
  'RtcTokenBuilder.buildTokenWithUid (default privilegeExpire)': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, undefined, o),
    isCleanRole(c.role) && (o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, ...c.plain.user, role: c.role, tokenExpire: c.plain.tokenExpire })),
    [...roleCodes007(c.role), ...expireCodes007(c.tokenExpire), ...uidCodes(c.uid)],
  ],
  'RtcTokenBuilder.buildTokenWithUidAndPrivilege': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.appId, c.appCertificate, c.channelName, c.uid, c.tokenExpire, c.join, c.audio, c.video, c.data),
    o => compat.RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.appId, c.appCertificate, c.channelName, c.uid, c.tokenExpire, c.join, c.audio, c.video, c.data, o),
    o => native.buildRtcTokenWithPrivileges({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, ...c.plain.user, tokenExpire: c.plain.tokenExpire, privileges: { joinChannel: c.plain.join, publishAudio: c.plain.audio, publishVideo: c.plain.video, publishData: c.plain.data } }),
    [...expireCodes007(c.tokenExpire, c.join, c.audio, c.video, c.data), ...uidCodes(c.uid)],
  ],
  'RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege': c => [
    () => peer.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(c.appId, c.appCertificate, c.channelName, c.account, c.tokenExpire, c.join, c.audio, c.video, c.data),
    o => compat.RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(c.appId, c.appCertificate, c.channelName, c.account, c.tokenExpire, c.join, c.audio, c.video, c.data, o),
    o => native.buildRtcTokenWithPrivileges({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, tokenExpire: c.plain.tokenExpire, privileges: { joinChannel: c.plain.join, publishAudio: c.plain.audio, publishVideo: c.plain.video, publishData: c.plain.data } }),
    expireCodes007(c.tokenExpire, c.join, c.audio, c.video, c.data),
  ],
  'RtcTokenBuilder.buildTokenWithRtm': c => [
    () => peer.RtcTokenBuilder.buildTokenWithRtm(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithRtm(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire, o),
    isCleanRole(c.role) && (o => native.buildRtcTokenWithRtm({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.plain.tokenExpire, privilegeExpire: c.plain.privilegeExpire })),
    [...roleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.privilegeExpire)],
  ],
  'RtcTokenBuilder.buildTokenWithRtm2': c => [
    () => peer.RtcTokenBuilder.buildTokenWithRtm2(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.RtcTokenBuilder.buildTokenWithRtm2(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    isCleanRole(c.role) && (o => native.buildRtcTokenWithRtmExpiries({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.plain.tokenExpire, privileges: { joinChannel: c.plain.join, publishAudio: c.plain.audio, publishVideo: c.plain.video, publishData: c.plain.data }, rtmUserId: c.plain.rtmUserId, rtmTokenExpire: c.plain.rtmExpire })),
    [...roleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmExpire), ...userIdCodes(c.rtmUserId)],
  ],
  'ConvoAITokenBuilder.buildToken': c => [
    () => peer.ConvoAITokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.ConvoAITokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    isCleanRole(c.role) && (o => native.buildConvoAiToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.plain.tokenExpire, privileges: { joinChannel: c.plain.join, publishAudio: c.plain.audio, publishVideo: c.plain.video, publishData: c.plain.data }, rtmUserId: c.plain.rtmUserId, rtmTokenExpire: c.plain.rtmExpire })),
    [...strictRoleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmExpire), ...userIdCodes(c.rtmUserId)],
  ],
  'SttTokenBuilder.buildToken': c => [
    () => peer.SttTokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.SttTokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    isCleanRole(c.role) && (o => native.buildSttToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.plain.tokenExpire, privileges: { joinChannel: c.plain.join, publishAudio: c.plain.audio, publishVideo: c.plain.video, publishData: c.plain.data }, rtmUserId: c.plain.rtmUserId, rtmTokenExpire: c.plain.rtmExpire })),
    [...strictRoleCodes007(c.role), ...expireCodes007(c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmExpire), ...userIdCodes(c.rtmUserId)],
  ],
  // The peer crashes on non-zero numeric RTM / Chat ids (deliberate-differences.test.mjs), so strings here.
  'RtmTokenBuilder.buildToken': c => [
    () => peer.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildRtmToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.plain.rtmUserId, expire: c.plain.expire }),
    [...expireCodes007(c.expire), ...userIdCodes(c.rtmUserId)],
  ],
  'RtmTokenBuilder.buildTokenWithPermissions': (c, r) => {
    const theirsPermissions = new peer.Rtm2Permissions()
    const oursPermissions = new compat.Rtm2Permissions()
    for (let n = r.int(0, 4); n > 0; n--) {
      // Now and then a type RTM2 does not define: packed as given.
      const resourceType = r.pick([r.int(0, 4), r.int(0, 4), 5, 65535, r.int(0, 65535)])
      const permissionType = r.pick([0, 1, 0, 1, 2, r.int(0, 65535)])
      const resources = Array.from({ length: r.int(0, 4) }, () => r.text(12))
      theirsPermissions.add(resourceType, permissionType, resources)
      oursPermissions.add(resourceType, permissionType, resources)
    }
    // npm writes the RTM2 user id `userId === 0 || userId == null ? '' : String(userId)`.
    const userId = r.pick([c.rtmUserId, 0, c.uid])
    const plainUserId = userId === 0 || userId == null ? '' : String(userId)
    const typeCodes = rtm2Codes(oursPermissions.details)
    return [
      () => peer.RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, userId, theirsPermissions, c.expire),
      o => compat.RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, userId, oursPermissions, c.expire, o),
      typeCodes.length === 0 && (o => native.buildRtm2Token({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: plainUserId, permissions: oursPermissions.details, expire: c.plain.expire })),
      [...expireCodes007(c.expire), ...typeCodes, ...(userId == null ? ['uid_written_as_text'] : uidCodes(userId))],
    ]
  },
  'ChatTokenBuilder.buildUserToken': c => [
    () => peer.ChatTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.ChatTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildChatUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.plain.rtmUserId, expire: c.plain.expire }),
    [...expireCodes007(c.expire), ...userIdCodes(c.rtmUserId)],
  ],
  'ChatTokenBuilder.buildAppToken': c => [
    () => peer.ChatTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire),
    o => compat.ChatTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire, o),
    o => native.buildChatAppToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, expire: c.plain.expire }),
    expireCodes007(c.expire),
  ],
  'FpaTokenBuilder.buildToken': c => [
    () => peer.FpaTokenBuilder.buildToken(c.appId, c.appCertificate),
    o => compat.FpaTokenBuilder.buildToken(c.appId, c.appCertificate, o),
    o => native.buildFpaToken({ ...o, appId: c.appId, appCertificate: c.appCertificate }),
    [],
  ],
  'ApaasTokenBuilder.buildUserToken': c => [
    () => peer.ApaasTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.ApaasTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildApaasUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.plain.rtmUserId, expire: c.plain.expire }),
    [...expireCodes007(c.expire), ...userIdCodes(c.rtmUserId)],
  ],
  'EducationTokenBuilder.buildAppToken': c => [
    () => peer.EducationTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire),
    o => compat.EducationTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire, o),
    o => native.buildApaasAppToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, expire: c.plain.expire }),
    expireCodes007(c.expire),
  ],
  // The room-user token: only the idiomatic layer's opt-in 'node' variant reproduces the
  // peer (the drop-in builds the standard token; see deliberate-differences.test.mjs).
  'ApaasTokenBuilder.buildRoomUserToken (variant: node)': (c, r) => {
    const role = r.pick([0, 1, 2, 3, -1, r.int(-32768, 32767)])
    const roomUuid = r.text(36)
    return [
      () => peer.ApaasTokenBuilder.buildRoomUserToken(c.appId, c.appCertificate, roomUuid, c.plain.rtmUserId, role, c.expire),
      null,
      o => native.buildApaasRoomUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, roomUuid, userUuid: c.plain.rtmUserId, role, expire: c.plain.expire, variant: 'node' }),
      [],
    ]
  },
}

describe('npm agora-token 2.0.6: same decompressed payload for every shared builder', () => {
  let seed = SEED + 1
  for (const [name, makeCase] of Object.entries(cases)) {
    const caseSeed = seed++
    test(`${name} (${ITERATIONS} random inputs, seed ${caseSeed})`, () => {
      const r = rng(caseSeed)
      for (let n = 0; n < ITERATIONS; n++) {
        const c = inputs(r, LOOSENESS)
        const [peerCall, dropIn, idiomatic, codes] = makeCase(c, r)
        const options = { issuedAt: c.issuedAt, salt: c.salt }
        const label = `${name}, seed ${caseSeed}, case ${n} ${show(c)}`
        const peerToken = theirs(c.issuedAt, c.salt, peerCall)
        if (refusedByWasm(peerToken, () => (dropIn || idiomatic)(options), label)) continue
        if (dropIn) {
          const [ours, warnings] = captureWarnings(() => dropIn(options))
          assertSamePayload(ours, peerToken, `${label} drop-in`)
          assertCodes(warnings, codes, `${label} drop-in`)
        }
        if (idiomatic) assertSamePayload(idiomatic(options), peerToken, `${label} idiomatic`)
      }
    })
  }

  test(`AccessToken2 with random services (${ITERATIONS * 2} inputs, seed ${SEED + 1000})`, () => {
    const r = rng(SEED + 1000)
    const P = peer.AccessToken2Module
    for (let n = 0; n < ITERATIONS * 2; n++) {
      const c = inputs(r)
      // In a share of the cases every value is of a type application code may pass (`loose`).
      const looseCase = r.next() < LOOSENESS
      const maybeLoose = (value, optional) => (looseCase ? loose(r, value, optional) : value)
      const expire = maybeLoose(c.expire)
      const salt = maybeLoose(r.pick([0, 1, 99999999, 4294967295, r.int(0, 4294967295)]))
      const issueTs = looseCase ? r.pick([c.issuedAt, String(c.issuedAt), c.issuedAt + (c.issuedAt < 4294967295 ? 0.5 : 0), '0', null]) : c.issuedAt
      const theirsToken = new P.AccessToken2(c.appId, c.appCertificate, c.issuedAt, expire)
      const ours = new compat.AccessToken2(c.appId, c.appCertificate, c.issuedAt, expire)
      // Both constructors read an issue time of 0 as now; the properties take any value, 0 too.
      theirsToken.issueTs = ours.issueTs = issueTs
      theirsToken.salt = ours.salt = salt
      const inputsForBuildToken = []
      const codes = [...expireCodes007(expire), ...issueCodes(issueTs), ...numberCodes(salt)]
      for (let k = r.int(1, 5); k > 0; k--) {
        const kind = r.int(1, 10)
        const privileges = {}
        let theirsService
        let oursService
        let input
        switch (kind) {
          case 1: {
            const uid = looseCase ? looseUid(r, r.pick([c.uid, c.account])) : r.pick([c.uid, c.account])
            theirsService = new P.ServiceRtc(c.channelName, uid)
            oursService = new compat.ServiceRtc(c.channelName, uid)
            input = { type: 1, channelName: c.channelName, uid }
            codes.push(...uidCodes(uid))
            for (const p of [1, 2, 3, 4]) if (r.next() < 0.7) privileges[p] = maybeLoose(r.u32())
            break
          }
          case 2:
          case 5: {
            // `user_id || ''`: undefined is the constructor's "no user" (Chat app tokens), null warns.
            const userId = looseCase ? r.pick([c.rtmUserId, c.rtmUserId, undefined, null]) : c.rtmUserId
            theirsService = kind === 2 ? new P.ServiceRtm(userId) : new P.ServiceChat(userId)
            oursService = kind === 2 ? new compat.ServiceRtm(userId) : new compat.ServiceChat(userId)
            input = { type: kind, userId }
            codes.push(...(userId === null ? ['uid_written_as_text'] : []))
            privileges[kind === 2 ? 1 : r.pick([1, 2])] = maybeLoose(r.u32())
            break
          }
          case 3:
          case 6: {
            const account = looseCase ? looseUid(r, r.pick([c.uid, c.account])) : r.pick([c.uid, c.account])
            const Theirs = kind === 3 ? P.ServiceStreaming : P.ServiceFCdn
            const Ours = kind === 3 ? compat.ServiceStreaming : compat.ServiceFCdn
            theirsService = new Theirs(c.channelName, account)
            oursService = new Ours(c.channelName, account)
            input = { type: kind, channelName: c.channelName, account }
            // undefined takes the constructor's default, ''.
            codes.push(...(account === undefined ? [] : uidCodes(account)))
            for (const p of [1, 2]) if (r.next() < 0.7) privileges[p] = maybeLoose(r.u32())
            break
          }
          case 4:
            theirsService = new P.ServiceFpa()
            oursService = new compat.ServiceFpa()
            input = { type: 4 }
            privileges[1] = r.u32()
            break
          case 7: {
            // Role 0 is where npm writes -1 (`role || -1`): a deliberate difference, so never the
            // number 0 here; its other falsy values (null, NaN, '', false) are -1 there and here.
            const number = r.pick([1, 2, -1, r.int(1, 32767)])
            const role = looseCase ? r.pick([number, String(number), number + 0.5, null, NaN, '', false]) : number
            theirsService = new P.ServiceApaas(c.account, c.rtmUserId, role)
            oursService = new compat.ServiceApaas(c.account, c.rtmUserId, role)
            input = { type: 7, roomUuid: c.account, userUuid: c.rtmUserId, role }
            codes.push(...numberCodes(role))
            privileges[r.pick([1, 2, 3])] = maybeLoose(r.u32())
            break
          }
          case 8: {
            const theirsPermissions = new P.Rtm2Permissions()
            const oursPermissions = new compat.Rtm2Permissions()
            const resources = [r.text(8), r.text(8)]
            // Now and then a type RTM2 does not define: packed as given.
            const resourceType = r.pick([r.int(0, 4), r.int(0, 4), 5, 65535, r.int(0, 65535)])
            const permissionType = r.pick([0, 1, 0, 1, 2, r.int(0, 65535)])
            theirsPermissions.add(resourceType, permissionType, resources)
            oursPermissions.add(resourceType, permissionType, resources)
            // `userId === 0 || userId == null ? '' : String(userId)`
            const userId = looseCase ? r.pick([c.rtmUserId, undefined, null, looseUid(r, c.uid)]) : c.rtmUserId
            theirsService = new P.ServiceRtm2(userId, theirsPermissions)
            oursService = new compat.ServiceRtm2(userId, oursPermissions)
            input = { type: 8, userId, permissions: oursPermissions.details }
            codes.push(...rtm2Codes(oursPermissions.details))
            codes.push(...(userId === undefined ? [] : userId === null ? ['uid_written_as_text'] : uidCodes(userId)))
            privileges[1] = maybeLoose(r.u32())
            break
          }
          case 9:
            theirsService = new P.ServiceConvoAI()
            oursService = new compat.ServiceConvoAI()
            input = { type: 9 }
            break
          default:
            theirsService = new P.ServiceStt()
            oursService = new compat.ServiceStt()
            input = { type: 10 }
        }
        // Now and then a privilege number the service does not define: packed as given.
        if (r.next() < 0.4) privileges[r.pick([0, 5, 100, 1000, 65535, r.int(0, 65535)])] = maybeLoose(r.u32())
        for (const [p, expire] of Object.entries(privileges)) {
          theirsService.add_privilege(Number(p), expire)
          oursService.add_privilege(Number(p), expire)
          if (!DEFINED_007[kind].includes(Number(p))) codes.push('undefined_privilege')
          codes.push(...expireCodes007(expire))
        }
        theirsToken.add_service(theirsService)
        ours.add_service(oursService)
        inputsForBuildToken.push({ ...input, privileges })
      }
      const label = `AccessToken2, seed ${SEED + 1000}, case ${n} ${show({ ...c, services: inputsForBuildToken })}`
      const peerToken = theirsToken.build()
      if (refusedByWasm(peerToken, () => captureWarnings(() => ours.build()), label)) continue
      const [oursToken, warnings] = captureWarnings(() => ours.build())
      assertSamePayload(oursToken, peerToken, label)
      assertCodes(warnings, codes, label)
      // The idiomatic buildToken packs the same, and refuses numbers a service does not define
      // (it refuses loose values too: the loose cases are the drop-in's).
      const options = { appId: c.appId, appCertificate: c.appCertificate, expire, issuedAt: issueTs, salt, services: inputsForBuildToken }
      if (looseCase) {
        // npm's reading of loose values is the drop-in's alone.
      } else if (codes.includes('undefined_privilege') || codes.includes('undefined_rtm2_type')) {
        assert.throws(() => native.buildToken(options), error => ['unknown_privilege', 'unknown_rtm2_type'].includes(error.code), label)
      } else {
        assertSamePayload(native.buildToken(options), peerToken, `${label} buildToken`)
      }

      // Each side parses and verifies the other's token.
      const parsedByPeer = new P.AccessToken2()
      assert.equal(parsedByPeer.from_string(oursToken), true)
      assert.equal(parsedByPeer.verifySignature(c.appCertificate), true)
      const parsedByUs = new compat.AccessToken2()
      assert.equal(parsedByUs.from_string(peerToken), true)
      assert.equal(parsedByUs.verifySignature(c.appCertificate), true)
      assert.equal(native.verify(peerToken, c.appCertificate).services.length, ours.services.length)
    }
  })
})

describe('npm agora-access-token 2.0.4: identical 006 strings', () => {
  const CASES = 300
  test(`RtcTokenBuilder.buildTokenWithUid / buildTokenWithAccount and RtmTokenBuilder.buildToken (${CASES} random inputs, seed ${SEED + 2000})`, () => {
    const r = rng(SEED + 2000)
    for (let n = 0; n < CASES; n++) {
      const c = inputs(r)
      const salt = r.pick([0, 1, 0xfffffffe, r.int(0, 0xfffffffe)])
      const now = r.pick([0, r.int(1, 4294967295 - 86400), 4294967295 - 86400])
      const peer006 = freshAgoraAccessToken(salt)
      const options = { issuedAt: now, salt }
      const role = role006(r)
      const looseCase = r.next() < LOOSENESS
      const expiredTs = looseCase ? loose(r, r.u32()) : r.u32()
      const uid = looseCase ? looseUid(r, c.uid) : c.uid
      const kind = n % 3
      let theirsToken
      let ours
      let codes = expireCodes006(expiredTs)
      if (kind === 0) {
        theirsToken = withFixedClock(now, 0, () => peer006.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, uid, role, expiredTs))
        ours = captureWarnings(() => compat006.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, uid, role, expiredTs, options))
        codes = [...codes, ...roleCodes006(role), ...uidCodes(uid)]
      } else if (kind === 1) {
        theirsToken = withFixedClock(now, 0, () => peer006.RtcTokenBuilder.buildTokenWithAccount(c.appId, c.appCertificate, c.channelName, c.account, role, expiredTs))
        ours = captureWarnings(() => compat006.RtcTokenBuilder.buildTokenWithAccount(c.appId, c.appCertificate, c.channelName, c.account, role, expiredTs, options))
        codes = [...codes, ...roleCodes006(role)]
      } else {
        // The RTM role is unused upstream, whatever it is.
        theirsToken = withFixedClock(now, 0, () => peer006.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, role, expiredTs))
        ours = captureWarnings(() => compat006.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, role, expiredTs, options))
      }
      const label = `006, seed ${SEED + 2000}, case ${n} ${show({ ...c, salt, now, role, expiredTs, uid })}`
      assert.equal(ours[0], theirsToken, label)
      assertCodes(ours[1], codes, label)
      const decoded = native.decodeAccessToken006Unverified(theirsToken)
      assert.equal(decoded.salt, salt, 'peer salt forced')
      assert.equal(decoded.expiresAt, now + 86400, 'peer clock forced')
    }
  })
})
