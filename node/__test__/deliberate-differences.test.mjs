// The places where we deliberately differ from npm agora-token / agora-access-token, each
// shown against the real peer (so this file fails if the peer changes). README.md lists them.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { APP_CERTIFICATE, APP_ID, agoraToken, compat, compat006, freshAgoraAccessToken, native, withFixedClock, randomFor007Salt } from './helpers.mjs'

const peer = agoraToken()
const fixed = { issuedAt: 1_700_000_000, salt: 7 }
const peerAt = build => withFixedClock(fixed.issuedAt, randomFor007Salt(fixed.salt), build)

describe('APaaS / Education room-user token', () => {
  test('npm packs the APaaS service without its room-user privilege and writes role 0 as -1; we follow every other language', () => {
    for (const Builder of ['ApaasTokenBuilder', 'EducationTokenBuilder']) {
      const theirs = native.decodeUnverified(peerAt(() => peer[Builder].buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'room', 'user', 0, 600)))
      const apaasOf = payload => payload.services.find(s => s.type === 7)
      assert.deepEqual(apaasOf(theirs).privileges, {}, `${Builder}: npm has no APaaS privilege`)
      assert.equal(apaasOf(theirs).role, -1, `${Builder}: npm turns role 0 into -1`)

      const ours = native.decodeUnverified(compat[Builder].buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'room', 'user', 0, 600, fixed))
      assert.deepEqual(apaasOf(ours).privileges, { 1: 600 }, 'room-user privilege present')
      assert.equal(apaasOf(ours).role, 0, 'role kept')
      // RTM and Chat services are the same in both.
      assert.deepEqual(ours.services.filter(s => s.type !== 7), theirs.services.filter(s => s.type !== 7))
    }
    // The npm variant stays available, by name, in the idiomatic layer.
    const nodeVariant = native.buildApaasRoomUserToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE, roomUuid: 'room', userUuid: 'user', role: 0, expire: 600, variant: 'node', ...fixed })
    assert.deepEqual(native.decodeUnverified(nodeVariant), native.decodeUnverified(peerAt(() => peer.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'room', 'user', 0, 600))))
  })

  test('npm ServiceApaas writes role 0 as -1 (`role || -1`); ours keeps 0', () => {
    const P = peer.AccessToken2Module
    const theirs = new P.AccessToken2(APP_ID, APP_CERTIFICATE, fixed.issuedAt, 600)
    theirs.add_service(new P.ServiceApaas('room', 'user', 0))
    assert.equal(native.decodeUnverified(theirs.build()).services[0].role, -1)
    const ours = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, fixed.issuedAt, 600, 1)
    ours.add_service(new compat.ServiceApaas('room', 'user', 0))
    assert.equal(native.decodeUnverified(ours.build()).services[0].role, 0)
  })

  test('npm reads the APaaS role back as unsigned (-1 becomes 65535); ours is signed', () => {
    const token = compat.ApaasTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 'user', 600, fixed)
    const parsed = new peer.AccessToken2Module.AccessToken2()
    assert.equal(parsed.from_string(token), true)
    assert.equal(parsed.services[0].__role, 65535)
    assert.equal(native.decodeUnverified(token).services[0].role, -1)
  })
})

describe('numeric user ids', () => {
  const calls = {
    'RtmTokenBuilder.buildToken': B => B.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 42, 600),
    'ChatTokenBuilder.buildUserToken': B => B.ChatTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 42, 600),
    'ApaasTokenBuilder.buildUserToken': B => B.ApaasTokenBuilder.buildUserToken(APP_ID, APP_CERTIFICATE, 42, 600),
    'ApaasTokenBuilder.buildRoomUserToken': B => B.ApaasTokenBuilder.buildRoomUserToken(APP_ID, APP_CERTIFICATE, 'room', 42, 1, 600),
    'RtcTokenBuilder.buildTokenWithRtm': B => B.RtcTokenBuilder.buildTokenWithRtm(APP_ID, APP_CERTIFICATE, 'ch', 42, 1, 600, 600),
    'RtcTokenBuilder.buildTokenWithRtm2 (rtmUserId)': B => B.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'ch', 'acc', 1, 600, 600, 600, 600, 600, 42, 600),
  }
  for (const [name, call] of Object.entries(calls)) {
    test(`${name}: npm throws on a non-zero number although its typings allow it; ours writes it in decimal`, () => {
      assert.throws(() => call(peer), TypeError)
      const payload = native.decodeUnverified(call(compat))
      const ids = payload.services.flatMap(s => [s.userId, s.userUuid, s.uid]).filter(id => id !== undefined)
      assert.ok(ids.includes('42'), JSON.stringify(payload.services))
    })
  }
})

describe('invalid input throws a coded Error instead of a silent result', () => {
  test('invalid credentials: npm returns "", we throw invalid_app_id / invalid_app_certificate', () => {
    assert.equal(peer.RtcTokenBuilder.buildTokenWithUid('abc', APP_CERTIFICATE, 'ch', 1, 1, 600, 600), '')
    assert.throws(() => compat.RtcTokenBuilder.buildTokenWithUid('abc', APP_CERTIFICATE, 'ch', 1, 1, 600, 600), { code: 'invalid_app_id' })
    assert.equal(peer.ChatTokenBuilder.buildAppToken(APP_ID, 'not-hex', 600), '')
    assert.throws(() => compat.ChatTokenBuilder.buildAppToken(APP_ID, 'not-hex', 600), { code: 'invalid_app_certificate' })
  })

  test('006 with invalid credentials: agora-access-token signs anyway, we throw', () => {
    const peer006 = freshAgoraAccessToken(1)
    assert.match(peer006.RtcTokenBuilder.buildTokenWithUid('abc', 'def', 'ch', 1, 1, 0), /^006abc/)
    assert.throws(() => compat006.RtcTokenBuilder.buildTokenWithUid('abc', 'def', 'ch', 1, 1, 0), { code: 'invalid_app_id' })
  })

  test('an expiry above 2**32-1: npm throws a RangeError, we throw invalid_argument', () => {
    assert.throws(() => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, 2 ** 32, 600), RangeError)
    assert.throws(() => compat.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, 1, 2 ** 32, 600), { code: 'invalid_argument' })
  })
})

test('compressed bytes: npm uses Node\'s zlib, we use stock zlib level 6 (same payload, often a different string)', () => {
  const theirs = peerAt(() => peer.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'channel', 'account', 1, 600, 600, 600, 600, 600, 'rtm-user', 600))
  const ours = compat.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, APP_CERTIFICATE, 'channel', 'account', 1, 600, 600, 600, 600, 600, 'rtm-user', 600, fixed)
  assert.deepEqual(native.decodeUnverified(ours), native.decodeUnverified(theirs))
  // For this payload Node 20's zlib and stock zlib choose different blocks.
  assert.notEqual(ours, theirs, 'if this fails, this Node version compresses this payload like stock zlib; pick another payload')
})
