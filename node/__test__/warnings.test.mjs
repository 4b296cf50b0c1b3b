// The drop-in layer builds upstream's token for surprising input and warns through Node's own
// channel: process.emitWarning with the type AgoraTokenCompatWarning, the core's code and the
// core's message. The idiomatic layer refuses the same input with a coded Error.
//
// differential.test.mjs checks over random inputs that the warnings fire when, and only when,
// they should; this file checks each code through each drop-in path, and the channel itself.

import assert from 'node:assert/strict'
import { once } from 'node:events'
import { describe, test } from 'node:test'

import { APP_CERTIFICATE, APP_ID, captureWarnings, compat, compat006, native } from './helpers.mjs'

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
