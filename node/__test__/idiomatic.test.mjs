// The idiomatic layer: one options object per builder, decode / verify / explain, and
// errors that are Error instances with the core's code.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readFileSync } from 'node:fs'
import { deflateSync, inflateSync } from 'node:zlib'

import { APP_CERTIFICATE, APP_ID, native } from './helpers.mjs'

const creds = { appId: APP_ID, appCertificate: APP_CERTIFICATE }
const fixed = { issuedAt: 1_700_000_000, salt: 12345 }

describe('builders', () => {
  test('buildRtcToken: uid or account, role by name or number', () => {
    const byName = native.buildRtcToken({ ...creds, ...fixed, channelName: 'room', uid: 42, role: 'publisher', tokenExpire: 3600, privilegeExpire: 600 })
    const byNumber = native.buildRtcToken({ ...creds, ...fixed, channelName: 'room', uid: 42, role: 1, tokenExpire: 3600, privilegeExpire: 600 })
    const byAlias = native.buildRtcToken({ ...creds, ...fixed, channelName: 'room', uid: 42, role: 'Host', tokenExpire: 3600, privilegeExpire: 600 })
    assert.equal(byName, byNumber)
    assert.equal(byName, byAlias)
    const payload = native.verify(byName, APP_CERTIFICATE)
    assert.deepEqual(payload, {
      version: '007', appId: APP_ID, issuedAt: fixed.issuedAt, expire: 3600, expiresAt: fixed.issuedAt + 3600, salt: fixed.salt, verified: true,
      services: [{ type: 1, name: 'RTC', channelName: 'room', uid: '42', privileges: { 1: 600, 2: 600, 3: 600, 4: 600 } }],
    })
    // No privilegeExpire: the core's DEFAULT_PRIVILEGE_EXPIRE, 0 (no limit of its own).
    const subscriber = native.decodeUnverified(native.buildRtcToken({ ...creds, channelName: 'room', account: 'alice', role: 'audience', tokenExpire: 60 }))
    assert.deepEqual(subscriber.services[0], { type: 1, name: 'RTC', channelName: 'room', uid: 'alice', privileges: { 1: 0 } })
    // uid 0 is any user; the account "0" is the literal account.
    assert.equal(native.decodeUnverified(native.buildRtcToken({ ...creds, channelName: 'c', uid: 0, role: 2, tokenExpire: 60 })).services[0].uid, '')
    assert.equal(native.decodeUnverified(native.buildRtcToken({ ...creds, channelName: 'c', account: '0', role: 2, tokenExpire: 60 })).services[0].uid, '0')
  })

  test('every builder takes issuedAt and salt, and makes the services of its upstream builder', () => {
    const privileges = { joinChannel: 1, publishAudio: 2, publishVideo: 3, publishData: 4 }
    const cases = [
      [native.buildRtcTokenWithPrivileges({ ...creds, ...fixed, channelName: 'c', uid: 7, tokenExpire: 9, privileges }), [[1, { 1: 1, 2: 2, 3: 3, 4: 4 }]]],
      [native.buildRtcTokenWithRtm({ ...creds, ...fixed, channelName: 'c', account: 'a', role: 'subscriber', tokenExpire: 9, privilegeExpire: 5 }), [[1, { 1: 5 }], [2, { 1: 9 }]]],
      [native.buildRtcTokenWithRtm({ ...creds, ...fixed, channelName: 'c', account: 'a', role: 'subscriber', tokenExpire: 9 }), [[1, { 1: 0 }], [2, { 1: 9 }]]],
      [native.buildRtcTokenWithRtmExpiries({ ...creds, ...fixed, channelName: 'c', account: 'a', role: 'publisher', tokenExpire: 9, privileges, rtmUserId: 'r', rtmTokenExpire: 8 }), [[1, { 1: 1, 2: 2, 3: 3, 4: 4 }], [2, { 1: 8 }]]],
      [native.buildConvoAiToken({ ...creds, ...fixed, channelName: 'c', uid: 1, role: 2, tokenExpire: 9, privileges, rtmUserId: 5, rtmTokenExpire: 8 }), [[1, { 1: 1 }], [2, { 1: 8 }], [9, {}]]],
      [native.buildSttToken({ ...creds, ...fixed, channelName: 'c', uid: 1, role: 2, tokenExpire: 9, privileges, rtmUserId: 'r', rtmTokenExpire: 8 }), [[1, { 1: 1 }], [2, { 1: 8 }], [10, {}]]],
      [native.buildRtmToken({ ...creds, ...fixed, userId: 'u', expire: 9 }), [[2, { 1: 9 }]]],
      [native.buildRtm2Token({ ...creds, ...fixed, userId: 'u', permissions: { 0: { 1: ['ch'] } }, expire: 9 }), [[8, { 1: 9 }]]],
      [native.buildChatUserToken({ ...creds, ...fixed, userId: 'u', expire: 9 }), [[5, { 1: 9 }]]],
      [native.buildChatAppToken({ ...creds, ...fixed, expire: 9 }), [[5, { 2: 9 }]]],
      [native.buildFpaToken({ ...creds, ...fixed }), [[4, { 1: 0 }]]],
      [native.buildApaasRoomUserToken({ ...creds, ...fixed, roomUuid: 'r', userUuid: 'u', role: 1, expire: 9 }), [[2, { 1: 9 }], [5, { 1: 9 }], [7, { 1: 9 }]]],
      [native.buildApaasUserToken({ ...creds, ...fixed, userId: 'u', expire: 9 }), [[7, { 2: 9 }]]],
      [native.buildApaasAppToken({ ...creds, ...fixed, expire: 9 }), [[7, { 3: 9 }]]],
    ]
    for (const [token, services] of cases) {
      const payload = native.verify(token, APP_CERTIFICATE)
      assert.equal(payload.issuedAt, fixed.issuedAt)
      assert.equal(payload.salt, fixed.salt)
      assert.deepEqual(payload.services.map(s => [s.type, s.privileges]), services)
    }
  })

  test('buildToken takes any services, and a decoded token can be rebuilt', () => {
    const services = [
      { type: 6, channelName: 'live', account: 0, privileges: { 2: 60 } },
      { type: 3, channelName: 'live', account: 'cam', privileges: { 1: 60, 2: 60 } },
      { type: 1, channelName: 'live', uid: 5, privileges: { 1: 60 } },
      { type: 1, channelName: 'live', uid: 6, privileges: { 1: 60 } },
    ]
    const token = native.buildToken({ ...creds, ...fixed, expire: 60, services })
    const payload = native.decodeUnverified(token)
    // Packed by type, repeated types in insertion order.
    assert.deepEqual(payload.services.map(s => [s.type, s.uid ?? s.account]), [[1, '5'], [1, '6'], [3, 'cam'], [6, '']])
    const rebuilt = native.buildToken({ ...creds, ...fixed, expire: payload.expire, services: payload.services.map(({ name, ...s }) => s) })
    assert.equal(rebuilt, token)
  })

  test('every service type keeps all its fields through buildToken and decode', () => {
    // The addon reads and writes services through the core's generic fields: one of each type,
    // every field set, must come back as given.
    const services = [
      { type: 1, channelName: 'c', uid: 'acc' },
      { type: 2, userId: 'u' },
      { type: 3, channelName: 'c', account: 'a' },
      { type: 4 },
      { type: 5, userId: 'u' },
      { type: 6, channelName: 'c', account: 'a' },
      { type: 7, roomUuid: 'r', userUuid: 'u', role: 3 },
      { type: 8, userId: 'u', permissions: { 4: { 0: ['a', 'b'] } } },
      { type: 9 },
      { type: 10 },
    ]
    assert.deepEqual(services.map(s => s.type), native.serviceTypes().map(t => t.type))
    const token = native.buildToken({ ...creds, ...fixed, expire: 60, services })
    const decoded = native.decodeUnverified(token).services.map(({ name, privileges, ...fields }) => fields)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(decoded)), JSON.parse(JSON.stringify(services)))
  })

  test('service inputs are checked: unknown types and privileges, misplaced and missing fields', () => {
    const build = services => native.buildToken({ ...creds, expire: 60, services })
    assert.throws(() => build([{ type: 0 }]), { code: 'unknown_service_type', message: /use 1 \(RTC\) to 10 \(STT\)/ })
    assert.throws(() => build([{ type: 65536 }]), { code: 'invalid_argument', message: /16-bit/ })
    assert.throws(() => build([{ type: 1, channelName: 'c', uid: 1, privileges: { 5: 1 } }]), { code: 'unknown_privilege' })
    assert.throws(() => build([{ type: 9, privileges: { 1: 1 } }]), { code: 'unknown_privilege' })
    assert.throws(() => build([{ type: 2, uid: 1 }]), { code: 'invalid_argument', message: /RTM services have no `uid` field/ })
    assert.throws(() => build([{ type: 1, channelName: 'c' }]), { code: 'invalid_argument', message: /uid/ })
    assert.throws(() => build([{ type: 8, userId: 'u', permissions: { 5: { 0: ['x'] } } }]), { code: 'unknown_rtm2_type' })
    assert.throws(() => build([{ type: 1, channelName: 'c', uid: 1, privileges: { x: 1 } }]), { code: 'invalid_argument' })
  })
})

describe('numbers are checked, never wrapped', () => {
  const bad = [
    [-1, /outside/],
    [1.5, /whole number/],
    [NaN, /NaN/],
    [2 ** 32, /outside/],
    [Infinity, /whole number/],
  ]
  for (const [value, message] of bad) {
    test(`${value} is refused as a uid, an expiry, an issue time and a salt`, () => {
      const base = { ...creds, channelName: 'c', uid: 1, role: 1, tokenExpire: 60 }
      for (const field of ['uid', 'tokenExpire', 'privilegeExpire', 'issuedAt', 'salt']) {
        assert.throws(() => native.buildRtcToken({ ...base, [field]: value }), err => {
          assert.ok(err instanceof Error)
          assert.equal(err.code, 'invalid_argument')
          assert.match(err.message, new RegExp(`invalid ${field}`))
          assert.match(err.message, message)
          return true
        })
      }
    })
  }

  test('the extremes are accepted', () => {
    const token = native.buildRtcToken({ ...creds, channelName: 'c', uid: 4294967295, role: 1, tokenExpire: 4294967295, privilegeExpire: 0, issuedAt: 4294967295, salt: 0 })
    const payload = native.decodeUnverified(token)
    assert.deepEqual([payload.services[0].uid, payload.expire, payload.issuedAt, payload.salt], ['4294967295', 4294967295, 4294967295, 0])
    assert.equal(payload.expiresAt, 2 * 4294967295)
  })

  test('the APaaS role is an i16', () => {
    const build = role => native.buildApaasRoomUserToken({ ...creds, roomUuid: 'r', userUuid: 'u', role, expire: 1 })
    assert.equal(native.decodeUnverified(build(-32768)).services.find(s => s.type === 7).role, -32768)
    assert.throws(() => build(32768), { code: 'invalid_argument' })
  })
})

describe('errors', () => {
  test('each core error kind keeps its code, and messages never contain the certificate', () => {
    const checks = [
      [() => native.buildRtmToken({ appId: 'x', appCertificate: APP_CERTIFICATE, userId: 'u', expire: 1 }), 'invalid_app_id'],
      [() => native.buildRtmToken({ appId: APP_ID, appCertificate: `${APP_CERTIFICATE}0`, userId: 'u', expire: 1 }), 'invalid_app_certificate'],
      [() => native.buildToken({ ...creds, expire: 1, services: [] }), 'no_services'],
      [() => native.buildRtcToken({ ...creds, channelName: 'c', uid: 1, role: 'admin', tokenExpire: 1 }), 'unknown_role'],
      [() => native.buildRtcToken({ ...creds, channelName: 'c', uid: 1, role: 0, tokenExpire: 1 }), 'unknown_role'],
      [() => native.buildRtmToken({ ...creds, userId: 'x'.repeat(65536), expire: 1 }), 'field_too_long'],
      [() => native.decodeUnverified('006abc'), 'wrong_version'],
      [() => native.decodeUnverified('007!!!!'), 'invalid_base64'],
      [() => native.decodeUnverified('007aGVsbG8='), 'invalid_zlib'],
      [() => native.verify(native.buildChatAppToken({ ...creds, expire: 1 }), '0'.repeat(32)), 'signature_mismatch'],
      [() => native.validateCredentials(APP_ID, 'nope'), 'invalid_app_certificate'],
      [() => native.buildRtcToken({ ...creds, channelName: 'c', uid: 1, account: 'a', role: 1, tokenExpire: 1 }), 'invalid_argument'],
    ]
    for (const [call, code] of checks) {
      assert.throws(call, err => {
        assert.ok(err instanceof Error, `${code}: not an Error`)
        assert.equal(err.code, code)
        assert.ok(native.errorCodes().includes(err.code), `${code}: not in errorCodes()`)
        assert.ok(!err.message.includes(APP_CERTIFICATE), `${code}: message contains the certificate`)
        assert.ok(err.message.length > 20, `${code}: message too short to say what to fix: ${err.message}`)
        return true
      })
    }
  })

  test('the code unions of index.d.ts are the core\'s lists, in its order', () => {
    // errorCodes(), reasonCodes() and compatWarningCodes() are read from the core: a code the
    // core adds fails here until node/index.d.ts.header (ErrorCode, ...) lists it.
    const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
    const union = name => {
      const body = dts.match(new RegExp(`^export type ${name} =\\n((?:  \\| '[a-z0-9_]+'\\n)+)`, 'm'))
      assert.ok(body, `index.d.ts has no union ${name}`)
      return [...body[1].matchAll(/'([a-z0-9_]+)'/g)].map(match => match[1])
    }
    assert.deepEqual(union('ErrorCode'), native.errorCodes())
    assert.deepEqual(union('ReasonCode'), native.reasonCodes())
    assert.deepEqual(union('CompatWarningCode'), native.compatWarningCodes())
  })

  test('a truncated token reports truncated', () => {
    // A valid zlib stream of a payload cut inside the salt.
    const full = inflateSync(Buffer.from(native.buildChatAppToken({ ...creds, expire: 1 }).slice(3), 'base64'))
    const cut = `007${deflateSync(full.subarray(0, 2 + 32 + 2 + 32 + 4 + 4 + 2)).toString('base64')}`
    assert.throws(() => native.decodeUnverified(cut), { code: 'truncated' })
  })
})

describe('explain', () => {
  test('says who can join and why not', () => {
    const token = native.buildRtcToken({ ...creds, ...fixed, channelName: 'room', uid: 42, role: 'subscriber', tokenExpire: 600, privilegeExpire: 600 })
    const ok = native.explain(token, { appCertificate: APP_CERTIFICATE, channelName: 'room', uid: 42, now: fixed.issuedAt + 10 })
    assert.equal(ok.version, '007')
    assert.equal(ok.signature, 'valid')
    assert.equal(ok.expired, false)
    assert.equal(ok.access.canJoin, true)
    assert.equal(ok.access.canPublishAudio, false)
    assert.ok(ok.access.reasons.some(r => r.code === 'publish_privilege_missing'), JSON.stringify(ok.access.reasons))
    assert.match(ok.text, /room/)
    assert.ok(!ok.text.includes(APP_CERTIFICATE))

    const wrong = native.explain(token, { appCertificate: '0'.repeat(32), channelName: 'other', account: '42', now: fixed.issuedAt + 601 })
    assert.equal(wrong.signature, 'invalid')
    assert.equal(wrong.expired, true)
    assert.equal(wrong.access.canJoin, false)
    const codes = wrong.access.reasons.map(r => r.code)
    for (const code of ['wrong_certificate', 'token_expired', 'channel_mismatch']) assert.ok(codes.includes(code), JSON.stringify(codes))
    for (const reason of wrong.access.reasons) assert.ok(reason.message.length > 10)
  })

  test('works without options, and on 006 tokens', () => {
    const plain = native.explain(native.buildFpaToken(creds))
    assert.equal(plain.signature, 'not_checked')
    assert.equal(plain.access, undefined)
    assert.equal(plain.services[0].name, 'FPA')
    const legacy = native.explain(native.buildAccessToken006({ ...creds, channelName: 'c', uid: 1, privileges: { 1: 0 }, expiresAt: 2_000_000_000, salt: 1 }))
    assert.equal(legacy.version, '006')
  })
})
