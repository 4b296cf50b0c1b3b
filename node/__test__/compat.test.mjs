// The drop-in modules export what the peers export, with the same static methods, argument
// order and defaults, plus the trailing { issuedAt, salt } and the secret-handling rules.

import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { describe, test } from 'node:test'

import { APP_CERTIFICATE, APP_ID, agoraToken, compat, compat006, freshAgoraAccessToken, native } from './helpers.mjs'

const peer = agoraToken()

/** Own static method names of a class or namespace object. */
function staticMethods(value) {
  return Object.getOwnPropertyNames(value).filter(name => typeof value[name] === 'function' && name !== 'constructor').sort()
}

describe('@agora-token-rs/agora-token/compat mirrors npm agora-token 2.0.6', () => {
  const { AccessToken2Module, ...peerIndex } = peer

  test('every export of agora-token and agora-token/src/AccessToken2 exists', () => {
    for (const name of [...Object.keys(peerIndex), ...Object.keys(AccessToken2Module)]) {
      assert.ok(name in compat, `missing export ${name}`)
    }
  })

  test('builder classes have the same static methods (plus the lower-case alias)', () => {
    for (const name of ['ApaasTokenBuilder', 'ChatTokenBuilder', 'ConvoAITokenBuilder', 'EducationTokenBuilder', 'FpaTokenBuilder', 'RtcTokenBuilder', 'RtmTokenBuilder', 'SttTokenBuilder']) {
      const expected = staticMethods(peerIndex[name])
      if (name === 'RtcTokenBuilder') expected.push('buildTokenWithUserAccountAndPrivilege')
      assert.deepEqual(staticMethods(compat[name]), expected.sort(), name)
    }
  })

  test('constants and roles are equal', () => {
    assert.deepEqual(compat.RtcRole, peer.RtcRole)
    for (const name of Object.keys(AccessToken2Module)) {
      if (name.startsWith('k')) assert.equal(compat[name], AccessToken2Module[name], name)
    }
    for (const cls of ['ServiceRtc', 'ServiceRtm', 'ServiceStreaming', 'ServiceFpa', 'ServiceChat', 'ServiceFCdn', 'ServiceApaas', 'ServiceRtm2', 'Rtm2Permissions']) {
      const constants = Object.keys(AccessToken2Module[cls]).sort()
      assert.deepEqual(Object.keys(compat[cls]).sort(), constants, cls)
      for (const key of constants) assert.equal(compat[cls][key], AccessToken2Module[cls][key], `${cls}.${key}`)
    }
    assert.deepEqual(Object.keys(compat.AccessToken2.kServices), Object.keys(AccessToken2Module.AccessToken2.kServices))
  })

  test('service classes and AccessToken2 have the methods upstream code calls', () => {
    for (const method of ['add_service', 'getServices', 'build', 'from_string', 'verifySignature']) {
      assert.equal(typeof compat.AccessToken2.prototype[method], 'function', method)
    }
    for (const method of ['add_privilege', 'service_type']) {
      assert.equal(typeof compat.Service.prototype[method], 'function', method)
    }
    const service = new compat.ServiceRtc('ch', 1)
    assert.ok(service instanceof compat.Service)
    assert.equal(service.service_type(), compat.kRtcServiceType)
  })

  test('argument counts match (upstream defaulted parameters are optional here too)', () => {
    // Function.length counts parameters before the first default: upstream buildTokenWithUid is 6.
    assert.equal(peer.RtcTokenBuilder.buildTokenWithUid.length, 6)
    const token = compat.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 1, compat.RtcRole.PUBLISHER, 600)
    assert.deepEqual(native.decodeUnverified(token).services[0].privileges, { 1: 0, 2: 0, 3: 0, 4: 0 }, 'privilegeExpire defaults to 0')
  })

  test('the FPA token lasts 24 hours with login privilege 0', () => {
    const payload = native.decodeUnverified(compat.FpaTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE))
    assert.equal(payload.expire, 86400)
    assert.deepEqual(payload.services, [{ type: 4, name: 'FPA', privileges: { 1: 0 } }])
  })

  test('issue time and salt are injectable on every builder, and default to now and a random salt', () => {
    const a = compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 600, { issuedAt: 1234, salt: 99 })
    const b = compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 600, { issuedAt: 1234, salt: 99 })
    assert.equal(a, b)
    assert.equal(native.decodeUnverified(a).issuedAt, 1234)
    assert.equal(native.decodeUnverified(a).salt, 99)
    const before = Math.floor(Date.now() / 1000)
    const fresh = native.decodeUnverified(compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 600))
    assert.ok(fresh.issuedAt >= before && fresh.issuedAt <= before + 5)
    assert.ok(fresh.salt >= 1 && fresh.salt <= 99999999)
    assert.throws(() => compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 600, { salt: -1 }), { code: 'invalid_argument', message: /salt/ })
    assert.throws(() => compat.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, 'u', 600, { issuedAt: 2 ** 32 }), { code: 'invalid_argument', message: /issuedAt/ })
  })

  test('AccessToken2 fixes issueTs and salt at construction, as upstream; both can be set', () => {
    const token = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, 0, 600)
    assert.ok(Number.isInteger(token.issueTs) && token.issueTs > 1_600_000_000)
    assert.ok(token.salt >= 1 && token.salt <= 99999999)
    token.add_service(new compat.ServiceRtm('u'))
    assert.equal(token.build(), token.build(), 'one object, one token')
    token.salt = 5
    token.issueTs = 100
    assert.deepEqual([native.decodeUnverified(token.build()).salt, native.decodeUnverified(token.build()).issuedAt], [5, 100])
    const withSalt = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, 7, 600, 8)
    withSalt.add_service(new compat.ServiceFpa())
    assert.deepEqual([native.decodeUnverified(withSalt.build()).issuedAt, native.decodeUnverified(withSalt.build()).salt], [7, 8])
  })

  test('the certificate does not show when the object is logged or serialised', () => {
    const token = new compat.AccessToken2(APP_ID, APP_CERTIFICATE, 1, 600)
    assert.equal(token.appCertificate, APP_CERTIFICATE)
    assert.ok(!inspect(token, { depth: 5 }).includes(APP_CERTIFICATE))
    assert.ok(!JSON.stringify(token).includes(APP_CERTIFICATE))
  })

  test('a failed from_string clears the object, as upstream, and then verifies nothing', () => {
    const token = new compat.AccessToken2()
    assert.equal(token.from_string(compat.FpaTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE)), true)
    assert.equal(token.verifySignature(APP_CERTIFICATE), true)
    assert.equal(token.from_string('007garbage'), false)
    assert.deepEqual([token.appId, token.services, token.verifySignature(APP_CERTIFICATE)], ['', [], false])
    assert.equal(token.from_string(42), false)
  })
})

// The core's name of a privilege as upstream spells the constant: join_channel, kPrivilegeJoinChannel.
function upstreamPrivilegeConstant(name) {
  return 'kPrivilege' + name.split('_').map(part => part[0].toUpperCase() + part.slice(1)).join('')
}

describe('the drop-in constants are the core tables (serviceTypes())', () => {
  const serviceTypes = native.serviceTypes()
  const coreName = new Map(serviceTypes.map(({ type, name }) => [type, name.toUpperCase()]))

  test('serviceTypes() lists the ten 007 services with their privileges, ascending', () => {
    assert.deepEqual(serviceTypes.map(({ type }) => type), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert.deepEqual(serviceTypes[0], {
      type: 1,
      name: 'RTC',
      privileges: [
        { name: 'join_channel', code: 1 },
        { name: 'publish_audio_stream', code: 2 },
        { name: 'publish_video_stream', code: 3 },
        { name: 'publish_data_stream', code: 4 },
      ],
    })
  })

  test('k<Name>ServiceType: one per core service type, named after it, with its number', () => {
    const constants = Object.entries(compat).filter(([key]) => /^k\w+ServiceType$/.test(key))
    assert.equal(constants.length, serviceTypes.length)
    for (const [key, value] of constants) {
      assert.equal(key.slice(1, -'ServiceType'.length).toUpperCase(), coreName.get(value), key)
    }
  })

  test('Service<Name>: one class per core service type with exactly its kPrivilege* constants', () => {
    const classes = Object.entries(compat).filter(([key, value]) => /^Service\w+$/.test(key) && value.prototype instanceof compat.Service)
    const byType = new Map(classes.map(([key, cls]) => [new cls().service_type(), [key, cls]]))
    assert.deepEqual([...byType.keys()].sort((a, b) => a - b), serviceTypes.map(({ type }) => type))
    for (const { type, privileges } of serviceTypes) {
      const [key, cls] = byType.get(type)
      assert.equal(key.slice('Service'.length).toUpperCase(), coreName.get(type), key)
      const constants = Object.fromEntries(Object.entries(cls).filter(([name]) => name.startsWith('kPrivilege')))
      // npm agora-token's ServiceApaas names none of its privileges (its room-user token adds none).
      const named = key === 'ServiceApaas' ? [] : privileges
      const expected = Object.fromEntries(named.map(({ name, code }) => [upstreamPrivilegeConstant(name), code]))
      assert.deepEqual(constants, expected, key)
      assert.equal(compat.AccessToken2.kServices[type], cls, `AccessToken2.kServices[${type}]`)
    }
    assert.equal(Object.keys(compat.AccessToken2.kServices).length, serviceTypes.length)
  })
})

describe('@agora-token-rs/agora-token/compat/access-token mirrors npm agora-access-token 2.0.4', () => {
  const peer006 = freshAgoraAccessToken(1)

  test('same exports, static methods and roles', () => {
    assert.deepEqual(Object.keys(compat006).sort(), Object.keys(peer006).sort())
    for (const name of ['RtcTokenBuilder', 'RtmTokenBuilder']) {
      assert.deepEqual(staticMethods(compat006[name]), staticMethods(peer006[name]), name)
    }
    assert.deepEqual(compat006.RtcRole, peer006.RtcRole)
    assert.deepEqual(compat006.RtmRole, peer006.RtmRole)
  })

  test('006 issue time and salt are injectable; the token expires 24 hours after the issue time', () => {
    const token = compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, 'ch', 42, compat006.RtcRole.PUBLISHER, 0, { issuedAt: 1000, salt: 3 })
    assert.deepEqual(native.decodeAccessToken006Unverified(token), { version: '006', appId: APP_ID, salt: 3, expiresAt: 87400, privileges: { 1: 0, 2: 0, 3: 0, 4: 0 }, verified: false })
    assert.equal(native.verifyAccessToken006(token, APP_CERTIFICATE, 'ch', 42).verified, true)
    // 006 signs the uid as text, so uid 42 and account "42" are the same user.
    assert.equal(native.verifyAccessToken006(token, APP_CERTIFICATE, 'ch', '42').verified, true)
    assert.throws(() => native.verifyAccessToken006(token, APP_CERTIFICATE, 'ch', 43), { code: 'signature_mismatch' })
  })
})
