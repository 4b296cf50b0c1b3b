// End to end: the token debugger page (web/) in headless Chromium. Pastes real tokens (valid,
// expired, wrong certificate, wildcard, 006, garbage), checks what the page shows, asserts that
// no request leaves the page after it loaded (and none went elsewhere while loading), and saves
// a screenshot of each case (AGORA_WASM_ARTIFACTS, default web/test-artifacts/).
//
// PAGE_URL: test a served page (scripts/test-wasm.sh points it at the token server's /inspect);
// without it the test serves web/ itself.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { launchChromium, serveDirectory } from '../../node/wasm/__test__/tools.mjs'

const require = createRequire(import.meta.url)
const agora = require('../../node/wasm/index.cjs')
const webDir = fileURLToPath(new URL('..', import.meta.url))
const artifacts = process.env.AGORA_WASM_ARTIFACTS ?? join(webDir, 'test-artifacts')
mkdirSync(artifacts, { recursive: true })

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const now = Math.floor(Date.now() / 1000)
const rtc = options => agora.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: 'room-1', uid: 42, role: 'publisher', tokenExpire: 3600, privilegeExpire: 3600, issuedAt: now, ...options })
const vectors = JSON.parse(readFileSync(new URL('../../conformance/upstream.json', import.meta.url), 'utf8')).vectors
const token006 = vectors.find(v => v.family.startsWith('AccessToken (006)') && v.kind !== 'parse_invalid')

let browser, site, page, pageUrl
const requests = []

before(async () => {
  if (process.env.PAGE_URL) {
    pageUrl = process.env.PAGE_URL
  } else {
    site = await serveDirectory(webDir)
    pageUrl = site.url
  }
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1100, height: 1000 } })
  page.on('request', request => requests.push(request.url()))
  const errors = []
  page.on('pageerror', error => errors.push(String(error)))
  await page.goto(pageUrl)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 })
  assert.deepEqual(errors, [])
})

after(async () => {
  await browser?.close()
  await site?.close()
})

async function enter({ token = '', certificate = '', channel = '', user = '' }, screenshot) {
  const before = requests.length
  await page.fill('#certificate', certificate)
  await page.fill('#channel', channel)
  await page.fill('#user', user)
  await page.fill('#token', token)
  await page.screenshot({ path: join(artifacts, `${screenshot}.png`), fullPage: true })
  assert.deepEqual(requests.slice(before), [], 'nothing typed leaves the page')
}

const text = testid => page.locator(`[data-testid="${testid}"]`).first().textContent()
const texts = testid => page.locator(`[data-testid="${testid}"]`).allTextContents()

test('loading fetched only the page\'s own files', () => {
  const origin = new URL(pageUrl).origin
  assert.ok(requests.length >= 4, requests.join('\n'))
  for (const url of requests) assert.equal(new URL(url).origin, origin, url)
  assert.ok(requests.some(url => url.endsWith('agora_token.wasm')))
})

test('a valid token: fields, dates, badges, signature and a yes verdict', async () => {
  const token = rtc({ salt: 1234 })
  await enter({ token, certificate: CERT, channel: 'room-1', user: '42' }, 'valid')
  assert.equal(await text('version'), '007')
  assert.equal(await text('app-id'), APP_ID)
  assert.equal(await text('salt'), '1234')
  assert.equal(await text('issued-at'), new Date(now * 1000).toISOString().replace('.000Z', 'Z'))
  assert.match(await text('expiry-badge'), /^expires in (59 min|1 h)/)
  assert.equal(await text('signature'), 'valid for this certificate')
  assert.deepEqual(await texts('verdict-join'), ['can join'])
  assert.deepEqual(await texts('verdict-publish-audio'), ['can publish audio'])
  const service = await page.locator('[data-testid="service"]').first().textContent()
  assert.match(service, /RTC \(service 1\)/)
  assert.match(service, /join channel: until .*expires in/)
  assert.match(service, /publish video stream: until/)
})

test('an expired token', async () => {
  await enter({ token: rtc({ issuedAt: now - 7200, tokenExpire: 3600, privilegeExpire: 3600 }), certificate: CERT, channel: 'room-1', user: '42' }, 'expired')
  assert.match(await text('expiry-badge'), /^expired (59 min|1 h)/)
  assert.deepEqual(await texts('verdict-join'), ['cannot join'])
  const codes = await page.locator('[data-testid="reasons"] li').evaluateAll(items => items.map(li => li.dataset.code))
  assert.ok(codes.includes('token_expired'), codes.join())
})

test('the wrong certificate', async () => {
  await enter({ token: rtc({}), certificate: 'ffffffffffffffffffffffffffffffff', channel: 'room-1', user: '42' }, 'wrong-certificate')
  assert.equal(await text('signature'), 'does not match this certificate')
  const codes = await page.locator('[data-testid="reasons"] li').evaluateAll(items => items.map(li => li.dataset.code))
  assert.ok(codes.includes('wrong_certificate'), codes.join())
})

test('a wildcard token: any channel, any user', async () => {
  await enter({ token: rtc({ channelName: '*', uid: 0, role: 'subscriber' }), channel: 'lobby', user: '7' }, 'wildcard')
  assert.deepEqual(await texts('wildcard'), ['wildcard: any channel', 'wildcard: any user'])
  assert.equal(await text('signature'), 'not checked (enter the certificate)')
  assert.deepEqual(await texts('verdict-join'), ['can join'])
  assert.deepEqual(await texts('verdict-publish-audio'), ['cannot publish audio'])
})

test('a 006 token', async () => {
  const i = token006.inputs
  await enter({ token: token006.expected_token, certificate: i.app_certificate, channel: i.channel_name, user: i.uid }, 'token-006')
  assert.equal(await text('version'), '006')
  assert.equal(await text('app-id'), i.app_id)
  assert.equal(await text('salt'), String(i.salt))
  assert.equal(await text('signature'), 'valid for this certificate')
})

test('not a token', async () => {
  await enter({ token: '007 certainly not a token' }, 'invalid')
  assert.match(await text('status'), /\((invalid_base64|invalid_zlib|truncated|wrong_version)\)$/)
  assert.equal(await page.locator('#result').isHidden(), true)
})

test('no request left the page while testing', () => {
  const origin = new URL(pageUrl).origin
  for (const url of requests) assert.equal(new URL(url).origin, origin, url)
})
