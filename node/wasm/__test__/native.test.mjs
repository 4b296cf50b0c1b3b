// The WebAssembly build and the native addon give the same tokens, payloads and explanations
// for the same inputs. scripts/test-wasm.sh builds the addon first, so it must load here.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import * as wasm from '@agora-token-rs/agora-token/wasm'

const require = createRequire(import.meta.url)
const native = require('../../index.js')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'

// A small deterministic generator, so a failure names a reproducible case.
function* cases(count) {
  let state = 12345
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648)
  for (let n = 0; n < count; n++) {
    const uid = next() % 3 === 0 ? 0 : next()
    yield {
      appId: APP_ID,
      appCertificate: APP_CERTIFICATE,
      channelName: `channel-${next().toString(36)}`,
      ...(next() % 2 ? { uid } : { account: `user-${next().toString(36)}` }),
      role: next() % 2 ? 'publisher' : 'subscriber',
      tokenExpire: next() % 86400,
      privilegeExpire: next() % 86400,
      issuedAt: 1_700_000_000 + (next() % 10_000_000),
      salt: 1 + (next() % 99_999_999),
    }
  }
}

test('buildRtcToken, decode, verify and explain agree on 200 generated inputs', () => {
  for (const options of cases(200)) {
    const token = native.buildRtcToken(options)
    assert.equal(wasm.buildRtcToken(options), token, JSON.stringify(options))
    assert.deepEqual(wasm.decodeUnverified(token), native.decodeUnverified(token))
    assert.deepEqual(wasm.verify(token, APP_CERTIFICATE), native.verify(token, APP_CERTIFICATE))
    const explainOptions = { appCertificate: APP_CERTIFICATE, channelName: options.channelName, uid: 7, now: options.issuedAt + 60 }
    const fromNative = native.explain(token, explainOptions)
    const fromWasm = wasm.explain(token, explainOptions)
    assert.deepEqual(fromWasm, fromNative)
    // Both builds mark the fields that admit any channel or user (uid 0 here).
    const uidField = fromNative.services[0].fields.find(f => f.name === 'uid')
    assert.equal(uidField.wildcard, options.uid === 0 ? true : undefined, JSON.stringify(uidField))
  }
})

test('explain agrees on every question: RTM and Chat users, RTM2 channels, rooms, App ID, secondary certificate, SDK errors', () => {
  const fixed = { appId: APP_ID, appCertificate: APP_CERTIFICATE, issuedAt: 1_700_000_000, salt: 9 }
  const tokens = [
    native.buildRtcTokenWithRtm({ ...fixed, channelName: 'room', account: 'alice', role: 'publisher', tokenExpire: 600 }),
    native.buildChatAppToken({ ...fixed, expire: 600 }),
    native.buildRtcToken({ ...fixed, channelName: 'team-*', uid: 0, role: 'subscriber', tokenExpire: 600 }),
    native.buildApaasRoomUserToken({ ...fixed, roomUuid: 'r1', userUuid: 'u1', role: 1, expire: 600 }),
  ]
  const questions = [
    { userId: 'alice', sdkError: 'rtm-login-5' },
    { userId: 'bob', appCertificate: '0'.repeat(32), secondaryCertificate: APP_CERTIFICATE },
    { channelName: 'team-a', uid: 9, expectedAppId: 'f'.repeat(32), sdkError: '110' },
    { roomUuid: 'r2', rtmChannel: 'news', sdkError: 'token-privilege-will-expire' },
  ]
  for (const token of tokens) {
    for (const question of questions) {
      const options = { ...question, now: 1_700_000_100 }
      assert.deepEqual(wasm.explain(token, options), native.explain(token, options), JSON.stringify(options))
    }
  }
  assert.deepEqual(wasm.reasonCodes(), native.reasonCodes())
  assert.deepEqual(wasm.sdkErrorCodes(), native.sdkErrorCodes())
  assert.deepEqual(wasm.serviceTypes(), native.serviceTypes())
})

test('Credentials.fromEnv agrees, and neither build shows the certificate', () => {
  const saved = { ...process.env }
  try {
    process.env.AGORA_APP_ID = APP_ID
    process.env.AGORA_APP_CERTIFICATE = APP_CERTIFICATE
    const [fromWasm, fromNative] = [wasm.Credentials.fromEnv(), native.Credentials.fromEnv()]
    assert.deepEqual([fromWasm.appId, fromWasm.appCertificate], [fromNative.appId, fromNative.appCertificate])
    assert.equal(JSON.stringify(fromWasm), JSON.stringify(fromNative))
    assert.ok(!JSON.stringify({ ...fromWasm }).includes(APP_CERTIFICATE))
    delete process.env.AGORA_APP_ID
    const message = /AGORA_APP_ID is not set/
    assert.throws(() => wasm.Credentials.fromEnv(), { code: 'invalid_argument', message })
    assert.throws(() => native.Credentials.fromEnv(), { code: 'invalid_argument', message })
    assert.throws(() => new wasm.Credentials(APP_ID, 'short'), { code: 'invalid_app_certificate' })
  } finally {
    for (const name of ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  }
})

test('the drop-in RtcTokenBuilder and RtmTokenBuilder agree', () => {
  const options = { issuedAt: 1_700_000_000, salt: 42 }
  for (const [uid, role] of [[0, 1], [2882341273, 2], ['alice', 1]]) {
    assert.equal(
      wasm.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', uid, role, 3600, 1800, options),
      native.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'room', uid, role, 3600, 1800, options),
    )
  }
  assert.equal(
    wasm.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, 'room', 'bob', 2, 600, 600, options),
    native.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, 'room', 'bob', 2, 600, 600, options),
  )
  assert.equal(
    wasm.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'carol', 600, options),
    native.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'carol', 600, options),
  )
})

test('default issue time and salt: the host clock and crypto.getRandomValues', () => {
  const before = Math.floor(Date.now() / 1000)
  const salts = new Set()
  for (let n = 0; n < 20; n++) {
    const payload = wasm.decodeUnverified(wasm.buildRtmToken({ appId: APP_ID, appCertificate: APP_CERTIFICATE, userId: 'u', expire: 600 }))
    assert.ok(payload.issuedAt >= before && payload.issuedAt <= Math.floor(Date.now() / 1000) + 1)
    assert.ok(payload.salt >= 1 && payload.salt <= 99_999_999)
    salts.add(payload.salt)
  }
  assert.ok(salts.size > 15, `${salts.size} distinct salts of 20`)
})

test('errors carry the native codes', () => {
  for (const options of [{ appId: 'nope' }, { role: 'emperor' }, { uid: 1, account: 'a' }]) {
    const full = { appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'c', uid: 1, role: 1, tokenExpire: 600, issuedAt: 1, salt: 1, ...options }
    if ('account' in options) full.uid = 1
    let nativeCode
    try { native.buildRtcToken(full) } catch (e) { nativeCode = e.code }
    assert.ok(nativeCode, JSON.stringify(options))
    assert.throws(() => wasm.buildRtcToken(full), { code: nativeCode })
  }
})

test('a payload past the pure-Rust compressor is refused, not compressed differently', () => {
  const resources = Array.from({ length: 3000 }, (_, i) => `resource-name-${i}`)
  const options = { appId: APP_ID, appCertificate: APP_CERTIFICATE, expire: 600, issuedAt: 1, salt: 1, services: [{ type: 8, userId: 'u', privileges: { 1: 600 }, permissions: { 1: { 1: resources } } }] }
  assert.ok(native.buildToken(options).startsWith('007'))
  assert.throws(() => wasm.buildToken(options), error => error.code === 'invalid_argument' && /up to 32768 bytes/.test(error.message))
  // Just under the limit still matches the native (stock zlib) string.
  options.services[0].permissions[1][1] = resources.slice(0, 1500)
  assert.equal(wasm.buildToken(options), native.buildToken(options))
})

test('the other ported builders agree with the native addon', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, issuedAt: 1_700_000_000, salt: 99 }
  const privileges = { joinChannel: 600, publishAudio: 500, publishVideo: 400, publishData: 0 }
  const permissions = { 1: { 1: ['ch-1', 'ch-*'], 0: ['ch-2'] }, 2: { 1: ['user-a'] } }
  const cases = [
    ['buildRtcTokenWithPrivileges', { ...base, channelName: 'room', uid: 42, tokenExpire: 900, privileges }],
    ['buildRtcTokenWithPrivileges', { ...base, channelName: 'room', account: 'bob', tokenExpire: 900, privileges }],
    ['buildRtcTokenWithRtm', { ...base, channelName: 'room', account: 'carol', role: 'publisher', tokenExpire: 900, privilegeExpire: 300 }],
    ['buildRtcTokenWithRtm', { ...base, channelName: 'room', uid: 7, role: 2, tokenExpire: 900 }],
    ['buildRtmToken', { ...base, userId: 0, expire: 600 }],
    ['buildRtmToken', { ...base, userId: 2882341273, expire: 600 }],
    ['buildRtm2Token', { ...base, userId: 'dave', permissions, expire: 600 }],
    ['buildChatUserToken', { ...base, userId: 'erin', expire: 600 }],
    ['buildChatAppToken', { ...base, expire: 600 }],
    ['buildFpaToken', { ...base }],
    ...['buildRtcTokenWithRtmExpiries', 'buildConvoAiToken', 'buildSttToken'].map(name =>
      [name, { ...base, channelName: 'room', account: 'frank', role: 'publisher', tokenExpire: 900, privileges, rtmUserId: 'frank-rtm', rtmTokenExpire: 300 }]),
    ['buildRtcTokenWithRtmExpiries', { ...base, channelName: 'room', uid: 9, role: 2, tokenExpire: 900, privileges, rtmUserId: 0, rtmTokenExpire: 300 }],
    ['buildApaasRoomUserToken', { ...base, roomUuid: 'room-uuid', userUuid: 'user-uuid', role: 1, expire: 600 }],
    ['buildApaasRoomUserToken', { ...base, roomUuid: 'room-uuid', userUuid: 7, role: 0, expire: 600, variant: 'node' }],
    ['buildApaasUserToken', { ...base, userId: 'grace', expire: 600 }],
    ['buildApaasAppToken', { ...base, expire: 600 }],
    ['buildToken', { ...base, expire: 600, services: [{ type: 2, userId: 5, privileges: { 1: 600 } }, { type: 5, userId: 0, privileges: { 1: 600 } }] }],
    ['buildToken', { ...base, expire: 600, services: [{ type: 7, roomUuid: 'r', userUuid: 'u', privileges: { 1: 600 } }] }],
  ]
  for (const [name, options] of cases) {
    assert.equal(wasm[name](options), native[name](options), `${name} ${JSON.stringify(options)}`)
  }
})

test('typed refusals match the native ones', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, issuedAt: 1, salt: 1, expire: 600 }
  for (const options of [
    { ...base, services: [{ type: 1, channelName: 'c', uid: 1, privileges: { 99: 600 } }] },
    { ...base, services: [{ type: 42, privileges: {} }] },
    { ...base, services: [{ type: 8, userId: 'u', privileges: { 1: 600 }, permissions: { 1: { 7: ['x'] } } }] },
  ]) {
    let code
    try { native.buildToken(options) } catch (e) { code = e.code }
    assert.ok(code, JSON.stringify(options))
    assert.throws(() => wasm.buildToken(options), { code }, JSON.stringify(options))
  }
})

test('randomSalt is in 1..=99999999 and varies', () => {
  const salts = new Set(Array.from({ length: 50 }, () => wasm.randomSalt()))
  for (const salt of salts) assert.ok(Number.isInteger(salt) && salt >= 1 && salt <= 99_999_999, String(salt))
  assert.ok(salts.size > 45, `${salts.size} distinct of 50`)
})

test('006: build, decode and verify agree with the native addon', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'room', salt: 5 }
  for (const options of [
    { ...base, uid: 42, privileges: { 1: 1_800_000_000, 2: 1_800_000_000 }, expiresAt: 1_800_000_100 },
    { ...base, account: 'alice', privileges: { 1000: 0 }, expiresAt: 1_700_000_000 },
    { ...base, uid: 0, privileges: {}, expiresAt: 1_700_000_000, salt: undefined },
  ]) {
    const token = wasm.buildAccessToken006(options)
    if (options.salt !== undefined) assert.equal(token, native.buildAccessToken006(options), JSON.stringify(options))
    assert.deepEqual(wasm.decodeAccessToken006Unverified(token), native.decodeAccessToken006Unverified(token))
    const user = options.uid ?? options.account
    assert.deepEqual(wasm.verifyAccessToken006(token, APP_CERTIFICATE, 'room', user), native.verifyAccessToken006(token, APP_CERTIFICATE, 'room', user))
    assert.throws(() => wasm.verifyAccessToken006(token, APP_CERTIFICATE, 'other', user), { code: 'signature_mismatch' })
  }
  // The default expiry: the host clock + 24 h, as natively.
  const { expiresAt } = wasm.decodeAccessToken006Unverified(wasm.buildAccessToken006({ ...base, uid: 1, privileges: { 1: 0 } }))
  const expected = Math.floor(Date.now() / 1000) + 86400
  assert.ok(Math.abs(expiresAt - expected) <= 2, `${expiresAt} vs ${expected}`)
  assert.throws(() => wasm.buildAccessToken006({ ...base, uid: 1, privileges: { 77: 0 } }), { code: 'unknown_privilege' })
})

test('the drop-in builder classes agree with the native ones on well-formed arguments', () => {
  const o = { issuedAt: 1_700_000_000, salt: 11 }
  const A = [APP_ID, APP_CERTIFICATE]
  const permissions = { details: { 1: { 1: ['ch-1'] } } }
  const calls = [
    ['RtcTokenBuilder', 'buildTokenWithUidAndPrivilege', [...A, 'room', 42, 900, 600, 500, 400, 300, o]],
    ['RtcTokenBuilder', 'BuildTokenWithUserAccountAndPrivilege', [...A, 'room', 'bob', 900, 600, 500, 400, 300, o]],
    ['RtcTokenBuilder', 'buildTokenWithUserAccountAndPrivilege', [...A, 'room', 'bob', 900, 600, 500, 400, 300, o]],
    ['RtcTokenBuilder', 'buildTokenWithRtm', [...A, 'room', 'carol', 1, 900, 600, o]],
    ['RtcTokenBuilder', 'buildTokenWithRtm2', [...A, 'room', 'dan', 1, 900, 600, 500, 400, 300, 'dan-rtm', 800, o]],
    ['RtmTokenBuilder', 'buildTokenWithPermissions', [...A, 'erin', permissions, 600, o]],
    ['ChatTokenBuilder', 'buildUserToken', [...A, 'frank', 600, o]],
    ['ChatTokenBuilder', 'buildAppToken', [...A, 600, o]],
    ['ApaasTokenBuilder', 'buildRoomUserToken', [...A, 'room-uuid', 'user-uuid', 1, 600, o]],
    ['ApaasTokenBuilder', 'buildUserToken', [...A, 'user-uuid', 600, o]],
    ['ApaasTokenBuilder', 'buildAppToken', [...A, 600, o]],
    ['EducationTokenBuilder', 'buildRoomUserToken', [...A, 'room-uuid', 'user-uuid', 2, 600, o]],
    ['FpaTokenBuilder', 'buildToken', [...A, o]],
    ['ConvoAITokenBuilder', 'buildToken', [...A, 'room', 'agent', 1, 900, 600, 500, 400, 300, 'agent-rtm', 800, o]],
    ['SttTokenBuilder', 'buildToken', [...A, 'room', 7, 2, 900, 600, 500, 400, 300, 'stt-rtm', 800, o]],
  ]
  for (const [cls, method, args] of calls) {
    assert.equal(wasm[cls][method](...args), native[cls][method](...args), `${cls}.${method}`)
  }
})

test('DynamicKey, signaling, validateCredentials and compatWarningCodes agree with the native addon', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'room', unixTs: 1_446_455_472, randomInt: 58_964_981, uid: 2_882_341_273, expiredTs: 1_446_455_471 }
  for (const version of [1, 2, 3]) assert.equal(wasm.buildDynamicKey({ ...base, version }), native.buildDynamicKey({ ...base, version }))
  for (const service of ['media_channel', 'recording', 'public_sharing']) {
    assert.equal(wasm.buildDynamicKey({ ...base, version: 4, service }), native.buildDynamicKey({ ...base, version: 4, service }))
    assert.equal(wasm.buildDynamicKey5({ ...base, service }), native.buildDynamicKey5({ ...base, service }))
  }
  for (const uploadPermission of ['no_upload', 'audio_video']) {
    const options = { ...base, service: 'in_channel_permission', uploadPermission }
    assert.equal(wasm.buildDynamicKey5(options), native.buildDynamicKey5(options))
  }
  for (const bad of [{ ...base }, { ...base, version: 9 }, { ...base, version: 4, service: 'nope' }]) {
    let code
    try { native.buildDynamicKey(bad) } catch (e) { code = e.code }
    assert.ok(code)
    assert.throws(() => wasm.buildDynamicKey(bad), { code })
  }
  const signaling = { appId: APP_ID, appCertificate: APP_CERTIFICATE, account: 'alice', expiredTs: 1_700_000_000 }
  assert.equal(wasm.buildSignalingToken(signaling), native.buildSignalingToken(signaling))
  assert.equal(wasm.validateCredentials(APP_ID, APP_CERTIFICATE), native.validateCredentials(APP_ID, APP_CERTIFICATE))
  let code
  try { native.validateCredentials('x', APP_CERTIFICATE) } catch (e) { code = e.code }
  assert.throws(() => wasm.validateCredentials('x', APP_CERTIFICATE), { code })
  assert.deepEqual(wasm.compatWarningCodes(), native.compatWarningCodes())
})

test('numbers that are not u32 are refused by both builds with the same code, NaN and Infinity in optional fields too', () => {
  const base = { appId: APP_ID, appCertificate: APP_CERTIFICATE, channelName: 'c', uid: 1, role: 1, tokenExpire: 60, issuedAt: 1_700_000_000, salt: 1 }
  for (const field of ['uid', 'tokenExpire', 'privilegeExpire', 'issuedAt', 'salt']) {
    for (const value of [NaN, Infinity, -Infinity, -1, 1.5, 2 ** 32]) {
      const options = { ...base, [field]: value }
      const label = `${field}: ${value}`
      assert.throws(() => native.buildRtcToken(options), { code: 'invalid_argument' }, `native ${label}`)
      assert.throws(() => wasm.buildRtcToken(options), { code: 'invalid_argument' }, `wasm ${label}`)
    }
  }
})
