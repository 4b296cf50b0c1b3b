// An esbuild bundle of a small app importing the package (app/), built for the browser, run in
// headless Chromium, in Node, in Bun and in Deno: the shared vectors through the WebAssembly build on each.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, copyFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { launchChromium, serveDirectory, toolsBin, toolsRequire } from './tools.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'agora-bundle-'))
const bundle = join(out, 'bundle.mjs')
const native = createRequire(import.meta.url)('../../index.js')

const nativeCompat = createRequire(import.meta.url)('../../compat.js')
// The drop-in module's tokens of app/app.mjs, built natively.
const expectedCompatToken = nativeCompat.RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'bundled', 7, '1', '600', 600, { issuedAt: 1_700_000_000, salt: 7 })
const expectedAccessToken2 = (() => {
  const token = new nativeCompat.AccessToken2('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 1_700_000_000, 600, 7)
  const rtc = new nativeCompat.ServiceRtc('bundled', 7)
  rtc.add_privilege(nativeCompat.ServiceRtc.kPrivilegeJoinChannel, 600)
  token.add_service(rtc)
  return token.build()
})()

function assertAllPassed({ results, sampleToken, compatToken, accessToken2 }, where) {
  const failed = results.filter(r => r.error)
  assert.ok(results.length >= 80, `${where}: ${results.length} checks`)
  assert.deepEqual(failed, [], `${where}: failed vectors`)
  const expected = native.buildRtcToken({ appId: '970CA35de60c44645bbae8a215061b33', appCertificate: '5CFd2fd1755d40ecb72977518be15d3b', channelName: 'bundled', uid: 7, role: 'publisher', tokenExpire: 600, issuedAt: 1_700_000_000, salt: 7 })
  assert.equal(sampleToken, expected, `${where}: token equals the native addon's`)
  assert.equal(compatToken, expectedCompatToken, `${where}: ./compat RtcTokenBuilder equals the native drop-in's`)
  assert.equal(accessToken2, expectedAccessToken2, `${where}: ./compat AccessToken2 equals the native drop-in's`)
}

before(async () => {
  const esbuild = toolsRequire()('esbuild')
  await esbuild.build({ entryPoints: [join(here, 'app', 'app.mjs')], bundle: true, format: 'esm', platform: 'browser', outfile: bundle, logLevel: 'error' })
  copyFileSync(join(here, 'app', 'index.html'), join(out, 'index.html'))
})

test('the bundle is self-contained and carries the module', () => {
  // The WebAssembly bytes ride inside the bundle (base64), so no asset handling is needed.
  assert.ok(statSync(bundle).size > 300_000, `${statSync(bundle).size} bytes`)
})

test('in Node', async () => {
  assertAllPassed(await import(pathToFileURL(bundle).href), 'node')
})

test('in Bun (npm package bun, binary from its optionalDependencies)', () => {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify({ results: m.results, sampleToken: m.sampleToken, compatToken: m.compatToken, accessToken2: m.accessToken2, bun: Bun.version }))`
  const output = JSON.parse(execFileSync(toolsBin('bun'), ['-e', script], { encoding: 'utf8' }))
  assert.match(output.bun, /^\d+\.\d+\.\d+/)
  assertAllPassed(output, `bun ${output.bun}`)
})

test('in Deno (npm package deno, binary from its optionalDependencies): the bundle, and the package\'s ./wasm entry as is', () => {
  const vectorsUrl = new URL('./vectors.mjs', import.meta.url).href
  const entryUrl = new URL('../index.mjs', import.meta.url).href
  const upstream = fileURLToPath(new URL('../../../conformance/upstream.json', import.meta.url))
  const script = `
    const bundled = await import(${JSON.stringify(pathToFileURL(bundle).href)})
    const { runVectors } = await import(${JSON.stringify(vectorsUrl)})
    const direct = await import(${JSON.stringify(entryUrl)})
    const vectors = JSON.parse(await Deno.readTextFile(${JSON.stringify(upstream)})).vectors
    console.log(JSON.stringify({ deno: Deno.version.deno, bundled: { results: bundled.results, sampleToken: bundled.sampleToken, compatToken: bundled.compatToken, accessToken2: bundled.accessToken2 },
      direct: { results: runVectors(direct, vectors), sampleToken: bundled.sampleToken, compatToken: bundled.compatToken, accessToken2: bundled.accessToken2 } }))`
  const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(out, 'deno-dir') }
  const output = JSON.parse(execFileSync(toolsBin('deno'), ['eval', '--no-config', '--allow-read', script], { encoding: 'utf8', env }))
  assertAllPassed(output.bundled, `deno ${output.deno} (bundle)`)
  assertAllPassed(output.direct, `deno ${output.deno} (./wasm entry)`)
})

let browser, site
after(async () => {
  await browser?.close()
  await site?.close()
})

test('in headless Chromium', async () => {
  site = await serveDirectory(out)
  browser = await launchChromium()
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', error => errors.push(String(error)))
  await page.goto(site.url)
  await page.waitForFunction(() => globalThis.agoraBundleResults !== undefined, null, { timeout: 30_000 })
  const outcome = await page.evaluate(() => globalThis.agoraBundleResults)
  assert.deepEqual(errors, [])
  assertAllPassed(outcome, `chromium ${browser.version()}`)
})
