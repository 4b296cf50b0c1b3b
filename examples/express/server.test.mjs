// Starts the example server on a loopback port and calls it over HTTP; the returned tokens
// are decoded and verified with the package's own `verify`.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'

const require = createRequire(import.meta.url)
const { createApp } = require('./server.js')
const { verify } = require('@agora-token-rs/agora-token')

const appId = '970CA35de60c44645bbae8a215061b33'
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b'

let server
let base

before(async () => {
  const app = createApp({ appId, appCertificate })
  await new Promise(resolve => {
    server = app.listen(0, '127.0.0.1', resolve)
  })
  base = `http://127.0.0.1:${server.address().port}`
})

after(() => new Promise(resolve => server.close(resolve)))

async function get(path) {
  const response = await fetch(base + path)
  return { status: response.status, headers: response.headers, body: await response.json() }
}

describe('GET /rtc/:channel/:role/:tokentype/:uid', () => {
  test('a publisher uid token', async () => {
    const { status, body, headers } = await get('/rtc/my%20room/publisher/uid/42')
    assert.equal(status, 200)
    assert.match(headers.get('cache-control'), /no-store/)
    const payload = verify(body.rtcToken, appCertificate)
    assert.equal(payload.expire, 3600)
    assert.deepEqual(payload.services, [{ type: 1, name: 'RTC', channelName: 'my room', uid: '42', privileges: { 1: 3600, 2: 3600, 3: 3600, 4: 3600 } }])
    assert.ok(Math.abs(payload.issuedAt - Date.now() / 1000) < 10)
  })

  test('a subscriber account token, with a trailing slash and an expiry', async () => {
    const { status, body } = await get('/rtc/room/subscriber/userAccount/alice/?expiry=600')
    assert.equal(status, 200)
    const payload = verify(body.rtcToken, appCertificate)
    assert.equal(payload.expire, 600)
    assert.deepEqual(payload.services[0], { type: 1, name: 'RTC', channelName: 'room', uid: 'alice', privileges: { 1: 600 } })
  })

  test('roles 1 / 2 and host / audience, uid 0 = any user', async () => {
    const publisher = verify((await get('/rtc/room/1/uid/0')).body.rtcToken, appCertificate).services[0]
    assert.deepEqual([publisher.uid, Object.keys(publisher.privileges)], ['', ['1', '2', '3', '4']])
    const audience = verify((await get('/rtc/room/audience/uid/7')).body.rtcToken, appCertificate).services[0]
    assert.deepEqual(Object.keys(audience.privileges), ['1'])
  })

  for (const [path, pattern] of [
    ['/rtc/room/admin/uid/1', /unknown RTC role/],
    ['/rtc/room/publisher/email/1', /token type is invalid/],
    ['/rtc/room/publisher/uid/abc', /uid must be a decimal number/],
    ['/rtc/room/publisher/uid/4294967296', /outside 0..=4294967295/],
    ['/rtc/room/publisher/uid/1?expiry=-5', /expiry must be a whole number/],
    ['/rtc/room/publisher/uid/1?expiry=4294967296', /invalid (tokenExpire|privilegeExpire): got 4294967296/],
  ]) {
    test(`400 for ${path}`, async () => {
      const { status, body } = await get(path)
      assert.equal(status, 400)
      assert.equal(body.status, 400)
      assert.match(body.error, pattern)
      assert.equal(body.message, body.error)
      assert.equal(typeof body.code, 'string')
      assert.ok(!JSON.stringify(body).includes(appCertificate))
    })
  }
})

describe('GET /rtm/:uid', () => {
  test('an RTM token', async () => {
    const { status, body } = await get('/rtm/alice?expiry=120')
    assert.equal(status, 200)
    const payload = verify(body.rtmToken, appCertificate)
    assert.equal(payload.expire, 120)
    assert.deepEqual(payload.services, [{ type: 2, name: 'RTM', userId: 'alice', privileges: { 1: 120 } }])
  })

  test('user id "0" is refused, as agora-token-service does', async () => {
    const { status, body } = await get('/rtm/0/')
    assert.equal(status, 400)
    assert.match(body.message, /invalid RTM User ID/)
  })
})

test('GET /ping', async () => {
  const { status, body } = await get('/ping')
  assert.equal(status, 200)
  assert.deepEqual(body, { message: 'pong' })
})

test('bad credentials fail at start-up without echoing the certificate', () => {
  assert.throws(() => createApp({ appId, appCertificate: `${appCertificate}x` }), err => err.code === 'invalid_app_certificate' && !err.message.includes(appCertificate))
})
