// The drop-in layer builds upstream's token for surprising input and warns through Node's own
// channel: process.emitWarning with the type AgoraTokenCompatWarning, the core's code and the
// core's message. The idiomatic layer refuses the same input with a coded Error.
//
// differential.test.mjs checks over random inputs that the warnings fire when, and only when,
// they should; this file checks each code through each drop-in path, and the channel itself.

import assert from 'node:assert/strict'
import { once } from 'node:events'
import { describe, test } from 'node:test'

import { APP_CERTIFICATE, APP_ID, agoraToken, captureWarnings, compat, compat006, inflate, native, randomFor007Salt, withFixedClock } from './helpers.mjs'

const fixed = { issuedAt: 1_700_000_000, salt: 7 }
const R = compat.RtcTokenBuilder

/** An AccessToken2 with one service holding one privilege. */
function accessToken2(service, privilege, expire = 600, tokenExpire = 600) {
  const token = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, fixed.issuedAt, tokenExpire, fixed.salt)
  service.add_privilege(privilege, expire)
  token.add_service(service)
  return token.build()
}

const FIRES = {
  role_read_as_join_only: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 0, 600, 600, fixed),
    () => R.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, 'room', 'alice', 101, 600, 600, fixed),
    () => R.buildTokenWithRtm(APP_ID, APP_CERTIFICATE, 'room', 'alice', 'publisher', 600, 600, fixed),
    () => R.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'room', 'alice', null, 600, 600, 600, 600, 600, 'u', 600, fixed),
    // npm's ConvoAI and STT builders compare with ===: '1' joins only there.
    () => compat.ConvoAITokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'room', 'a', '1', 600, 600, 600, 600, 600, 'u', 600, fixed),
    () => compat.SttTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'room', 'a', true, 600, 600, 600, 600, 600, 'u', 600, fixed),
    () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 3, 0, fixed),
    () => compat006.RtcTokenBuilder.buildTokenWithAccount(APP_ID, APP_CERTIFICATE, 'room', 'a', undefined, 0, fixed),
  ],
  undefined_privilege: [
    () => accessToken2(new compat.ServiceRtc('room', 42), 5),
    () => accessToken2(new compat.ServiceRtc('room', 42), 65535),
    () => accessToken2(new compat.ServiceRtm('u'), 1000),
    () => accessToken2(new compat.ServiceFpa(), 0),
    () => accessToken2(new compat.ServiceFCdn('c', 'a'), 100),
    () => accessToken2(new compat.ServiceStreaming('c', 'a'), 100),
    () => accessToken2(new compat.ServiceChat('u'), 5),
    () => accessToken2(new compat.ServiceRtm2('u'), 0),
    () => accessToken2(new compat.ServiceConvoAI(), 1),
    () => accessToken2(new compat.ServiceStt(), 1),
  ],
  expiry_looks_absolute: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 1_700_003_600, 0, fixed),
    () => R.buildTokenWithUidAndPrivilege(APP_ID, APP_CERTIFICATE, 'room', 42, 600, 600, 600, 600, 2 ** 32 - 1, fixed),
    () => compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 1_700_003_600, fixed),
    () => compat.ApaasTokenBuilder.buildAppToken(APP_ID, APP_CERTIFICATE, 946_684_800, fixed),
    () => accessToken2(new compat.ServiceRtc('room', 42), 1, 1_700_003_600),
    () => accessToken2(new compat.ServiceRtc('room', 42), 1, 600, 1_700_003_600),
  ],
  lifetime_over_24h: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 86_401, 0, fixed),
    () => compat.ChatTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 'u', 172_800, fixed),
    () => compat.EducationTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', 1, 7 * 86_400, fixed),
    () => accessToken2(new compat.ServiceRtm('u'), 1, 90_000),
  ],
  expiry_looks_relative: [
    () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 3600, fixed),
    () => compat006.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 1, 86_400, fixed),
  ],
  fraction_truncated: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 600.9, 600, fixed),
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 600, '599.5', fixed),
    () => R.buildTokenWithUidAndPrivilege(APP_ID, APP_CERTIFICATE, 'room', 42, 600, 600, 600.5, 600, 600, fixed),
    () => compat.ChatTokenBuilder.buildAppToken(APP_ID, APP_CERTIFICATE, 0.5, fixed),
    () => compat.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', 1.5, 600, fixed),
    () => accessToken2(new compat.ServiceRtc('room', 42), 1, 599.9),
    () => accessToken2(new compat.ServiceRtc('room', 42), 1, 600, 600.1),
    () => accessToken2(new compat.ServiceApaas('r', 'u', -1.5), 1),
    () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 1_700_003_600.5, fixed),
  ],
  not_a_number: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, NaN, 600, fixed),
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 600, null, fixed),
    () => R.buildTokenWithRtm(APP_ID, APP_CERTIFICATE, 'room', 'a', 1, '', 600, fixed),
    () => compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', undefined, fixed),
    () => compat.ChatTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 'u', 'abc', fixed),
    () => compat.ApaasTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 'u', true, fixed),
    () => compat.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', null, 600, fixed),
    () => accessToken2(new compat.ServiceRtc('room', 42), 1, false),
    () => accessToken2(new compat.ServiceApaas('r', 'u', NaN), 1),
    () => compat006.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 1, null, fixed),
  ],
  issue_time_zero_not_now: [
    () => {
      const token = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, '0', 600, fixed.salt)
      token.add_service(new compat.ServiceFpa())
      return token.build()
    },
  ],
  uid_written_as_text: [
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', -1, 1, 600, 600, fixed),
    () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', undefined, 1, 600, 600, fixed),
    () => R.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, 'room', 1.5, 1, 600, 600, fixed),
    () => R.buildTokenWithUidAndPrivilege(APP_ID, APP_CERTIFICATE, 'room', 2 ** 32, 600, 600, 600, 600, 600, fixed),
    () => R.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'room', NaN, 1, 600, 600, 600, 600, 600, 'u', 600, fixed),
    () => R.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'room', 'a', 1, 600, 600, 600, 600, 600, null, 600, fixed),
    () => compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, undefined, 600, fixed),
    () => compat.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERTIFICATE, -5, new compat.Rtm2Permissions(), 600, fixed),
    () => accessToken2(new compat.ServiceRtc('room', null), 1),
    () => accessToken2(new compat.ServiceStreaming('room', true), 1),
    () => accessToken2(new compat.ServiceChat(null), 1),
    () => accessToken2(new compat.ServiceRtm2(false), 1),
    () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', -1, 1, 0, fixed),
  ],
  undefined_rtm2_type: [
    () => compat.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERTIFICATE, 'u', rtm2Permissions(5, 0), 600, fixed),
    () => compat.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERTIFICATE, 'u', rtm2Permissions(0, 2), 600, fixed),
    () => accessToken2(new compat.ServiceRtm2('u', rtm2Permissions(65535, 1)), 1),
  ],
}

/** RTM2 permissions with one entry. */
function rtm2Permissions(resourceType, permissionType) {
  const permissions = new compat.Rtm2Permissions()
  permissions.add(resourceType, permissionType, ['room'])
  return permissions
}

describe('each warning code, through each drop-in path', () => {
  for (const [code, calls] of Object.entries(FIRES)) {
    test(`${code} (${calls.length} calls)`, () => {
      calls.forEach((call, index) => {
        const [token, warnings] = captureWarnings(call)
        assert.match(token, /^00[67]/, `${code} ${index}`)
        assert.deepEqual(warnings.map(w => [w.type, w.code]), [['AgoraTokenCompatWarning', code]], `${code} ${index}`)
        assert.match(warnings[0].message, /official builders/)
        assert.ok(!warnings[0].message.includes(APP_CERTIFICATE))
      })
    })
  }

  test('clean input warns nothing', () => {
    const clean = [
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 86_400, 0, fixed),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, '2', 3600, 3600, fixed), // '2' == 2
      () => R.buildTokenWithRtm(APP_ID, APP_CERTIFICATE, 'room', 'a', true, 3600, 3600, fixed), // true == 1
      () => compat.ConvoAITokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'room', 'a', 2, 600, 0, 0, 0, 0, 'u', 600, fixed),
      () => compat.FpaTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, fixed),
      () => accessToken2(new compat.ServiceApaas('r', 'u', 1), 3, 86_400),
      () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 0, 0, fixed),
      () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 101, 1_700_003_600, fixed),
      () => compat006.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 'anything', 0, fixed), // the role is unused
      // Numbers as req.query gives them are normal, and so are a uid of -0 and an omitted privilegeExpire.
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', '42', 1, '3600', ' 600\n', fixed),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', -0, 1, '0x258', undefined, fixed),
      () => compat.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERTIFICATE, 'u', rtm2Permissions(4, 1), '600', fixed),
      () => compat.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', '2', '600', fixed),
      () => accessToken2(new compat.ServiceApaas('r', 'u'), 1, '600', '600'),
      () => accessToken2(new compat.ServiceChat(), 2), // a Chat app token: no user id
      () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', '42', 1, '1700003600', fixed),
    ]
    clean.forEach((call, index) => assert.deepEqual(captureWarnings(call)[1], [], `clean call ${index}`))
  })
})

describe('the channel: process.emitWarning', () => {
  test('a warning reaches process.on("warning") as a Warning named AgoraTokenCompatWarning with the core code and message', async () => {
    const received = once(process, 'warning')
    const token = R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 0, 600, 600, fixed)
    const [warning] = await received
    assert.equal(warning.name, 'AgoraTokenCompatWarning')
    assert.equal(warning.code, 'role_read_as_join_only')
    assert.equal(
      warning.message,
      'RTC role 0 is neither 1 (publisher) nor 2 (subscriber) (0 and 101 are the attendee and admin roles of 006 tokens, ' +
        'which 007 does not have): the official builders grant it join only, like a subscriber; pass 1 to publish or 2 for join only',
    )
    // Upstream's token: role 0 joins only, exactly like role 2.
    assert.equal(token, R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 2, 600, 600, fixed))
  })

  test('values are shown as JavaScript writes them; long strings (a misplaced certificate?) only described', () => {
    const messageFor = role => captureWarnings(() => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, role, 600, 600, fixed))[1][0].message
    assert.match(messageFor('publisher'), /^RTC role "publisher" is neither/)
    assert.match(messageFor(1.5), /^RTC role 1\.5 is neither/)
    assert.match(messageFor(null), /^RTC role null is neither/)
    assert.match(messageFor(APP_CERTIFICATE), /^RTC role a string of 32 characters is neither/)
    assert.match(
      captureWarnings(() => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 1_764_066_022, 0, fixed))[1][0].message,
      /^tokenExpire is 1764066022, which looks like an absolute Unix timestamp \(2025-11-25/,
    )
  })

  test('an application that makes emitWarning throw turns the warnings into errors: no token is returned', () => {
    const real = process.emitWarning
    process.emitWarning = (message, options) => {
      throw Object.assign(new Error(message), { code: options.code })
    }
    try {
      assert.throws(() => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 0, 600, 600, fixed), { code: 'role_read_as_join_only' })
      assert.throws(() => accessToken2(new compat.ServiceRtc('room', 42), 5), { code: 'undefined_privilege' })
      assert.match(R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 600, 600, fixed), /^007/)
    } finally {
      process.emitWarning = real
    }
  })

  test('COMPAT_WARNING_CODES lists every code, as the core does', () => {
    assert.deepEqual([...compat.COMPAT_WARNING_CODES].sort(), Object.keys(FIRES).sort())
    assert.ok(Object.isFrozen(compat.COMPAT_WARNING_CODES))
  })
})

describe("npm's conversions of argument types, against the real package", () => {
  const peer = agoraToken()
  const peerAt = build => withFixedClock(fixed.issuedAt, randomFor007Salt(fixed.salt), build)
  const same = (theirs, ours, codes) => {
    const [token, warnings] = captureWarnings(ours)
    assert.ok(inflate(token).equals(inflate(peerAt(theirs))), 'same payload')
    assert.deepEqual(warnings.map(w => w.code), codes)
  }

  test('a negative uid: npm packs the account "-1", and so do we, with a warning', () => {
    same(
      () => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', -1, 1, 600, 600),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', -1, 1, 600, 600, fixed),
      ['uid_written_as_text'],
    )
    assert.equal(native.decodeUnverified(R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', -1, 1, 600, 600, fixed)).services[0].uid, '-1')
    assert.match(captureWarnings(() => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', -1, 1, 600, 600, fixed))[1][0].message, /SDKs read it as uid 4294967295/)
  })

  test('a fractional expiry: npm truncates 600.9 to 600, and so do we, with a warning', () => {
    same(
      () => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, 600.9, 600),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, 600.9, 600, fixed),
      ['fraction_truncated'],
    )
  })

  test('strings from req.query: npm reads "600" as 600, and so do we, silently', () => {
    same(
      () => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', '42', '1', '600', '600'),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', '42', '1', '600', '600', fixed),
      [],
    )
    // A missing query parameter: npm packs NaN as 0; we too, with a warning.
    same(
      () => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', '42', 1, undefined, 600),
      () => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', '42', 1, undefined, 600, fixed),
      ['not_a_number'],
    )
  })

  test('where npm throws, we throw', () => {
    for (const value of [-1, -0.5, 2 ** 32, Infinity, 1n, Symbol('x')]) {
      assert.throws(() => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, value, 600))
      assert.throws(() => R.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, value, 600, fixed), { code: 'invalid_argument', message: /tokenExpire/ })
    }
    assert.throws(() => peer.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', 40000, 600))
    assert.throws(() => compat.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'r', 'u', 40000, 600, fixed), { code: 'invalid_argument' })
  })

  test('keys npm would pack twice or out of order are refused (the core packs each number once, ascending)', () => {
    const token = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, fixed.issuedAt, 600, fixed.salt)
    const service = new compat.ServiceRtc('room', 42)
    service.add_privilege(2, 600)
    service.add_privilege('1.5', 600) // npm: key 2, then 1 (non-integer keys come last)
    token.add_service(service)
    assert.throws(() => captureWarnings(() => token.build()), { code: 'invalid_argument', message: /cannot reproduce/ })
    const permissions = new compat.Rtm2Permissions()
    permissions.add(1, 0, ['a'])
    permissions.add('1.5', 0, ['b']) // npm: resource type 1 twice
    assert.throws(() => captureWarnings(() => compat.RtmTokenBuilder.buildTokenWithPermissions(APP_ID, APP_CERTIFICATE, 'u', permissions, 600, fixed)), { code: 'invalid_argument' })
  })
})

test('the idiomatic layer refuses what the drop-in accepts with a warning', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'room', uid: 42, tokenExpire: 600 }
  for (const role of [0, 3, 101, 'admin']) {
    assert.throws(() => native.buildRtcToken({ ...base, role }), { code: 'unknown_role' })
  }
  assert.throws(
    () => native.buildToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE, expire: 600, services: [{ type: 1, channelName: 'c', uid: 1, privileges: { 5: 600 } }] }),
    { code: 'unknown_privilege' },
  )
  assert.throws(
    () => native.buildAccessToken006({ appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'c', uid: 1, privileges: { 13: 0 } }),
    { code: 'unknown_privilege' },
  )
})
