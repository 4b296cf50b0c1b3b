// explain for every service: RTM and Chat logins, the expected App ID, the secondary
// certificate, SDK errors, and Credentials.fromEnv. The verdicts are the core's; these tests
// check that Node passes them through with the same codes as every other binding.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { APP_CERTIFICATE, APP_ID, native } from './helpers.mjs'

const creds = { appId: APP_ID, appCertificate: APP_CERTIFICATE }
const fixed = { issuedAt: 1_700_000_000, salt: 7 }
const at = fixed.issuedAt + 1

describe('explain for every service', () => {
  test('RTC and RTM each get a verdict; the RTM user is checked', () => {
    const token = native.buildRtcTokenWithRtm({ ...creds, ...fixed, channelName: 'room', account: 'alice', role: 'publisher', tokenExpire: 600 })
    const ok = native.explain(token, { userId: 'alice', now: at })
    assert.deepEqual(ok.verdicts.map(v => v.service), ['RTC', 'RTM'])
    const rtm = ok.verdicts[1]
    assert.equal(rtm.allowed, true)
    assert.deepEqual(rtm.grants, ['log in'])
    const wrong = native.explain(token, { userId: 'bob', now: at }).verdicts[1]
    assert.deepEqual(wrong.reasons.map(r => r.code), ['user_mismatch'])
  })

  test('a Chat app token used to log a user in', () => {
    const token = native.buildChatAppToken({ ...creds, ...fixed, expire: 600 })
    const [chat] = native.explain(token, { userId: 'bob', now: at }).verdicts
    assert.equal(chat.allowed, false)
    assert.deepEqual(chat.reasons.map(r => r.code), ['privilege_missing'])
    assert.match(chat.reasons[0].message, /Chat app token/)
  })

  test('wildcards say which pattern matched', () => {
    const token = native.buildRtcToken({ ...creds, ...fixed, channelName: 'team-*', uid: 0, role: 'publisher', tokenExpire: 600 })
    const [rtc] = native.explain(token, { channelName: 'team-a', uid: 9, now: at }).verdicts
    assert.deepEqual(rtc.wildcardMatches, [
      { field: 'channel', pattern: 'team-*', value: 'team-a' },
      { field: 'user', pattern: '', value: '9' },
    ])
  })

  test('expected App ID, secondary certificate and SDK errors', () => {
    const token = native.buildRtcToken({ ...creds, ...fixed, channelName: 'room', uid: 42, role: 'publisher', tokenExpire: 600 })
    const rotated = native.explain(token, { appCertificate: '0'.repeat(32), secondaryCertificate: APP_CERTIFICATE, now: at })
    assert.equal(rotated.signature, 'valid')
    assert.equal(rotated.verifiedWith, 'secondary')
    const wrongProject = native.explain(token, { expectedAppId: 'f'.repeat(32), channelName: 'room', uid: 42, sdkError: '110', now: at })
    assert.equal(wrongProject.sdkError.code, 'rtc-110')
    assert.deepEqual(wrongProject.sdkError.explainedBy.map(r => r.code), ['app_id_mismatch'])
    assert.match(wrongProject.sdkError.source, /^https:\/\/docs\.agora\.io\//)
    const notTheToken = native.explain(token, { sdkError: 'rtc-119', now: at }).sdkError
    assert.deepEqual(notTheToken.explainedBy, [])
    assert.match(notTheToken.otherCauses, /certificate/)
    assert.throws(() => native.explain(token, { sdkError: 'rtc-17' }), { code: 'invalid_argument' })
  })

  test('the code lists are the core\'s', () => {
    assert.ok(native.reasonCodes().includes('rtm2_permission_missing'))
    assert.deepEqual(native.sdkErrorCodes().slice(0, 3), ['rtc-101', 'rtc-109', 'rtc-110'])
  })
})

describe('Credentials.fromEnv', () => {
  test('reads AGORA_APP_ID and AGORA_APP_CERTIFICATE and never shows the certificate', () => {
    const saved = { id: process.env.AGORA_APP_ID, cert: process.env.AGORA_APP_CERTIFICATE }
    try {
      process.env.AGORA_APP_ID = APP_ID
      process.env.AGORA_APP_CERTIFICATE = APP_CERTIFICATE
      const credentials = native.Credentials.fromEnv()
      assert.equal(credentials.appId, APP_ID)
      assert.equal(credentials.appCertificate, APP_CERTIFICATE)
      assert.ok(!JSON.stringify(credentials).includes(APP_CERTIFICATE))
      assert.ok(!JSON.stringify({ ...credentials }).includes(APP_CERTIFICATE))
      const token = native.buildRtmToken({ appId: credentials.appId, appCertificate: credentials.appCertificate, userId: 'a', expire: 60 })
      assert.equal(native.verify(token, APP_CERTIFICATE).appId, APP_ID)
      delete process.env.AGORA_APP_CERTIFICATE
      assert.throws(() => native.Credentials.fromEnv(), { code: 'invalid_argument', message: /AGORA_APP_CERTIFICATE is not set/ })
    } finally {
      for (const [name, value] of [['AGORA_APP_ID', saved.id], ['AGORA_APP_CERTIFICATE', saved.cert]]) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})
