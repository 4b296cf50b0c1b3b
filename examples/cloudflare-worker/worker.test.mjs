// The Worker's fetch handler, called as the Workers runtime calls it: a Request and an env.
// Run with `node --import ./register-hook.mjs --test` (see scripts/test-wasm.sh).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import worker from './worker.mjs'

const require = createRequire(import.meta.url)
const wasm = require('@agora-token-rs/agora-token/wasm')
const env = { APP_ID: '970CA35de60c44645bbae8a215061b33', APP_CERTIFICATE: '5CFd2fd1755d40ecb72977518be15d3b' }

test('issues an RTC token the core verifies and explains', async () => {
  const response = await worker.fetch(new Request('https://tokens.example/rtc/room-1/42?role=subscriber&expire=600'), env)
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const { token } = await response.json()
  const explained = wasm.explain(token, { appCertificate: env.APP_CERTIFICATE, channelName: 'room-1', uid: 42 })
  assert.equal(explained.signature, 'valid')
  assert.equal(explained.lifetime, 600)
  assert.equal(explained.access.canJoin, true)
  assert.equal(explained.access.canPublishAudio, false)
})

test('a bad request gets the core error code, without the certificate', async () => {
  const response = await worker.fetch(new Request('https://tokens.example/rtc/room/1?role=emperor'), env)
  assert.equal(response.status, 400)
  const body = await response.json()
  assert.equal(body.error, 'unknown_role')
  assert.ok(!JSON.stringify(body).includes(env.APP_CERTIFICATE))
  assert.equal((await worker.fetch(new Request('https://tokens.example/nope'), env)).status, 404)
})

test('a wrong app id is refused', async () => {
  const response = await worker.fetch(new Request('https://tokens.example/rtc/room/1'), { ...env, APP_ID: 'x' })
  assert.equal(response.status, 400)
  assert.equal((await response.json()).error, 'invalid_app_id')
})
