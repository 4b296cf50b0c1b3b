// Every vector of conformance/upstream.json through both layers: the idiomatic functions
// and the drop-in classes. 007 strings must equal stock zlib level 6 (the vector's own
// string, or its derived_c_zlib_level6_token when another compressor made it).

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { compat, compat006, inflate, native, vectors } from './helpers.mjs'

const byFamily = prefix => vectors.filter(v => v.family.startsWith(prefix))
const hasRole = (v, role) => v.kind.split('+').includes(role)

/** The idiomatic `ServiceInput` of a vector service (wire fields as given). */
function serviceInput(s) {
  const input = { type: s.type, privileges: s.privileges }
  if ('channel_name' in s) input.channelName = s.channel_name
  if ('uid' in s) input.uid = s.uid
  if ('account' in s) input.account = s.account
  if ('user_id' in s) input.userId = s.user_id
  if ('room_uuid' in s) input.roomUuid = s.room_uuid
  if ('user_uuid' in s) input.userUuid = s.user_uuid
  if ('role' in s) input.role = s.role
  if ('permissions' in s) input.permissions = s.permissions
  return input
}

/** The drop-in service object of a vector service. */
function compatService(s) {
  let service
  switch (s.type) {
    case 1: service = new compat.ServiceRtc(s.channel_name, s.uid); break
    case 2: service = new compat.ServiceRtm(s.user_id); break
    case 3: service = new compat.ServiceStreaming(s.channel_name, s.account); break
    case 4: service = new compat.ServiceFpa(); break
    case 5: service = new compat.ServiceChat(s.user_id); break
    case 6: service = new compat.ServiceFCdn(s.channel_name, s.account); break
    case 7: service = new compat.ServiceApaas(s.room_uuid, s.user_uuid, s.role); break
    case 8: {
      const permissions = new compat.Rtm2Permissions()
      for (const [resource, byPermission] of Object.entries(s.permissions)) {
        for (const [permission, list] of Object.entries(byPermission)) permissions.add(Number(resource), Number(permission), list)
      }
      service = new compat.ServiceRtm2(s.user_id, permissions)
      break
    }
    default: throw new Error(`vector service type ${s.type}`)
  }
  for (const [privilege, expire] of Object.entries(s.privileges)) service.add_privilege(Number(privilege), expire)
  return service
}

/** What `decode` should return for a vector service. */
function expectedDecoded(s) {
  const out = { type: s.type, privileges: s.privileges }
  for (const [from, to] of [['channel_name', 'channelName'], ['uid', 'uid'], ['account', 'account'], ['user_id', 'userId'], ['room_uuid', 'roomUuid'], ['user_uuid', 'userUuid'], ['role', 'role'], ['permissions', 'permissions']]) {
    if (from in s) out[to] = s[from]
  }
  return out
}

function withoutName({ name, ...rest }) {
  return rest
}

describe('AccessToken2 (007) vectors', () => {
  const build = byFamily('AccessToken2').filter(v => hasRole(v, 'build'))
  test('there are 33 build vectors', () => assert.equal(build.length, 33))

  for (const v of build) {
    const i = v.inputs
    const stockZlib = v.derived_c_zlib_level6_token ?? v.expected_token
    if (!v.derived_c_zlib_level6_token) assert.equal(v.producer_compressor, 'c-zlib-default', v.id)

    test(`${v.id}: idiomatic buildToken`, () => {
      const token = native.buildToken({
        appId: i.app_id,
        appCertificate: i.app_certificate,
        expire: i.expire,
        issuedAt: i.issue_ts,
        salt: i.salt,
        services: i.services.map(serviceInput),
      })
      assert.deepEqual(inflate(token), inflate(v.expected_token), 'payload')
      assert.equal(token, stockZlib, 'stock zlib level 6 string')
    })

    test(`${v.id}: drop-in AccessToken2`, () => {
      const token = new compat.AccessToken2(i.app_id, i.app_certificate, i.issue_ts, i.expire, i.salt)
      for (const s of i.services) token.add_service(compatService(s))
      assert.equal(token.build(), stockZlib)
    })
  }

  const withInputs = byFamily('AccessToken2').filter(v => hasRole(v, 'build') || hasRole(v, 'parse'))
  test('there are 34 vectors to decode', () => assert.equal(withInputs.length, 34))

  for (const v of withInputs) {
    const i = v.inputs
    for (const token of [v.expected_token, v.derived_c_zlib_level6_token].filter(Boolean)) {
      test(`${v.id}: decode / verify ${token.slice(0, 16)}…`, () => {
        const payload = native.decodeUnverified(token)
        assert.equal(payload.version, '007')
        assert.equal(payload.appId, i.app_id)
        assert.equal(payload.issuedAt, i.issue_ts)
        assert.equal(payload.expire, i.expire)
        assert.equal(payload.expiresAt, i.issue_ts + i.expire)
        assert.equal(payload.salt, i.salt)
        assert.equal(payload.verified, false)
        assert.equal(payload.unknownServiceType, undefined)
        assert.deepEqual(payload.services.map(withoutName), i.services.map(expectedDecoded))
        if (i.app_certificate) {
          assert.equal(native.verify(token, i.app_certificate).verified, true)
          assert.throws(() => native.verify(token, '0'.repeat(32)), { code: 'signature_mismatch' })
        } else {
          assert.equal(v.id, 'at2-chat-user-real-world')
        }
      })

      test(`${v.id}: drop-in from_string / verifySignature ${token.slice(0, 16)}…`, () => {
        const parsed = new compat.AccessToken2()
        assert.equal(parsed.from_string(token), true)
        assert.equal(parsed.appId, i.app_id)
        assert.equal(parsed.issueTs, i.issue_ts)
        assert.equal(parsed.expire, i.expire)
        assert.equal(parsed.salt, i.salt)
        assert.deepEqual(parsed.services.map(s => s.service_type()), i.services.map(s => s.type))
        assert.deepEqual(parsed.services.map(s => s.__privileges), i.services.map(s => s.privileges))
        if (i.app_certificate) {
          assert.equal(parsed.verifySignature(i.app_certificate), true)
          assert.equal(parsed.verifySignature('0'.repeat(32)), false)
          // Rebuilding the parsed object gives the same payload.
          parsed.appCertificate = i.app_certificate
          assert.deepEqual(inflate(parsed.build()), inflate(token))
        }
      })
    }
  }

  for (const v of byFamily('AccessToken2').filter(v => v.kind === 'parse_invalid')) {
    test(`${v.id}: refused by both layers`, () => {
      assert.throws(() => native.decodeUnverified(v.expected_token), e => e instanceof Error && ['wrong_version', 'invalid_base64', 'invalid_zlib', 'truncated'].includes(e.code))
      assert.equal(new compat.AccessToken2().from_string(v.expected_token), false)
    })
  }

  for (const v of byFamily('AccessToken2').filter(v => v.kind === 'build_invalid')) {
    for (const c of v.cases) {
      test(`${v.id}: ${JSON.stringify([c.app_id, c.services])} fails in both layers`, () => {
        const services = c.services === 'rtc' ? [{ type: 1, channelName: 'c', uid: 1, privileges: { 1: 600 } }] : []
        const expected = c.services === 'rtc' ? /^invalid_app_(id|certificate)$/ : /^no_services$/
        assert.throws(() => native.buildToken({ appId: c.app_id, appCertificate: c.app_certificate, expire: 600, services }), e => expected.test(e.code))
        const token = new compat.AccessToken2(c.app_id, c.app_certificate, 1, 600)
        if (c.services === 'rtc') token.add_service(new compat.ServiceRtc('c', 1))
        assert.throws(() => token.build(), e => expected.test(e.code))
        if (c.services === 'rtc') {
          assert.throws(() => compat.RtcTokenBuilder.buildTokenWithUid(c.app_id, c.app_certificate, 'c', 1, 1, 600, 600), e => expected.test(e.code))
        }
      })
    }
  }
})

describe('AccessToken (006) vectors', () => {
  const build = byFamily('AccessToken (006)').filter(v => v.kind !== 'parse_invalid')
  test('there are 5 build vectors', () => assert.equal(build.length, 5))

  for (const v of build) {
    const i = v.inputs
    test(`${v.id}: idiomatic buildAccessToken006, decode, verify`, () => {
      const token = native.buildAccessToken006({
        appId: i.app_id,
        appCertificate: i.app_certificate,
        channelName: i.channel_name,
        account: i.uid,
        privileges: i.privileges,
        expiresAt: i.ts,
        salt: i.salt,
      })
      assert.equal(token, v.expected_token)
      const decoded = native.decodeAccessToken006Unverified(token)
      assert.deepEqual(decoded, { version: '006', appId: i.app_id, salt: i.salt, expiresAt: i.ts, privileges: i.privileges, verified: false })
      assert.equal(native.verifyAccessToken006(token, i.app_certificate, i.channel_name, i.uid).verified, true)
      assert.throws(() => native.verifyAccessToken006(token, i.app_certificate, `${i.channel_name}x`, i.uid), { code: 'signature_mismatch' })
    })

    test(`${v.id}: drop-in agora-access-token builder`, () => {
      // The builder call that makes this privilege set; the drop-in's issuedAt sets ts = issuedAt + 24 h.
      const options = { issuedAt: i.ts - 86400, salt: i.salt }
      const codes = Object.keys(i.privileges).sort().join(',')
      const expire = Object.values(i.privileges)[0]
      const user = i.uid === '' ? 0 : /^[1-9]\d*$/.test(i.uid) ? Number(i.uid) : i.uid
      let token
      if (codes === '1000') {
        token = compat006.RtmTokenBuilder.buildToken(i.app_id, i.app_certificate, i.channel_name, compat006.RtmRole.Rtm_User, expire, options)
      } else {
        const role = codes === '1' ? compat006.RtcRole.SUBSCRIBER : compat006.RtcRole.PUBLISHER
        const build = typeof user === 'number' ? 'buildTokenWithUid' : 'buildTokenWithAccount'
        token = compat006.RtcTokenBuilder[build](i.app_id, i.app_certificate, i.channel_name, user, role, expire, options)
      }
      assert.equal(token, v.expected_token)
    })
  }

  for (const v of byFamily('AccessToken (006)').filter(v => v.kind === 'parse_invalid')) {
    for (const c of v.cases) {
      test(`${v.id}: ${c} is refused`, () => {
        assert.throws(() => native.decodeAccessToken006Unverified(c), e => e instanceof Error && typeof e.code === 'string')
      })
    }
  }
})

describe('DynamicKey and signaling vectors (idiomatic layer; npm agora-token exports none of them)', () => {
  const legacy = vectors.filter(v => v.family.startsWith('DynamicKey') || v.family.startsWith('Signaling'))
  test('there are 18 of them', () => assert.equal(legacy.length, 18))

  const dk5Service = { 1: 'media_channel', 2: 'recording', 3: 'public_sharing', 4: 'in_channel_permission' }
  const dk4Service = { ACS: 'media_channel', ARS: 'recording', APSS: 'public_sharing' }
  for (const v of legacy) {
    const i = v.inputs
    test(v.id, () => {
      const common = {
        appId: i.app_id,
        appCertificate: i.app_certificate,
        channelName: i.channel_name,
        unixTs: i.unix_ts,
        randomInt: i.random_int,
        uid: i.uid,
        expiredTs: i.expired_ts,
      }
      if (v.family.startsWith('Signaling')) {
        const token = native.buildSignalingToken({ appId: i.app_id, appCertificate: i.app_certificate, account: i.account, expiredTs: i.expired_ts })
        assert.equal(token, v.expected_token)
      } else if (v.family.startsWith('DynamicKey5')) {
        const uploadPermission = { 0: 'no_upload', 3: 'audio_video' }[i.extra['1']]
        const key = native.buildDynamicKey5({ ...common, service: dk5Service[i.service_type], uploadPermission })
        if (v.kind === 'signature') {
          const signature = Buffer.from(key.slice(3), 'base64').subarray(4, 44).toString()
          assert.equal(signature, v.expected_token.toUpperCase())
        } else {
          assert.equal(key, v.expected_token)
        }
      } else {
        const version = { 'DynamicKey (v1': 1, DynamicKey2: 2, DynamicKey3: 3, DynamicKey4: 4 }[v.family.split(' ')[0] === 'DynamicKey' ? 'DynamicKey (v1' : v.family.split(' ')[0]]
        const key = native.buildDynamicKey({ ...common, version, service: dk4Service[i.service] })
        if (v.kind === 'signature') assert.equal(key.slice(3, 43), v.expected_token)
        else assert.equal(key, v.expected_token)
      }
    })
  }
})
