// The packed main package installed from its tarball (scripts/test-release.sh copies this file
// into the install project): which build the main entry loads, by `import` and by `require`,
// and the `./wasm` entry; every shared vector through each entry.
//   EXPECTED_BUILD=wasm    no platform package installed: the main entry falls back to WebAssembly
//   EXPECTED_BUILD=native  NATIVE_PACKAGE installed: the main entry loads its addon
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'

import mainDefault, * as mainImported from '@agora-token-rs/agora-token'
import * as wasmImported from '@agora-token-rs/agora-token/wasm'
import { runVectors } from './vectors.mjs'

const require = createRequire(import.meta.url)
const mainRequired = require('@agora-token-rs/agora-token')
const wasmRequired = require('@agora-token-rs/agora-token/wasm')
const { EXPECTED_BUILD, NATIVE_PACKAGE } = process.env
const vectors = JSON.parse(readFileSync(new URL('../../conformance/upstream.json', import.meta.url), 'utf8')).vectors

test('the environment names the expected build and the platform package', () => {
  assert.ok(['native', 'wasm'].includes(EXPECTED_BUILD), `EXPECTED_BUILD=${EXPECTED_BUILD}`)
  assert.match(NATIVE_PACKAGE ?? '', /^@agora-token-rs\/agora-token-/)
  assert.equal(process.env.AGORA_TOKEN_WASM, undefined, 'AGORA_TOKEN_WASM would force WebAssembly')
})

test('import and require of the main entry give the same object (main.mjs re-exports main.cjs)', () => {
  assert.equal(mainDefault, mainRequired)
  assert.equal(mainImported.buildRtcToken, mainRequired.buildRtcToken)
})

if (EXPECTED_BUILD === 'wasm') {
  test('no platform package: the addon is absent and the main entry is the WebAssembly build', () => {
    assert.throws(() => require.resolve(NATIVE_PACKAGE), { code: 'MODULE_NOT_FOUND' })
    assert.equal(mainRequired, wasmRequired, 'main.cjs returns wasm/index.cjs')
  })
} else {
  test('with the platform package: the main entry is its native addon', () => {
    const addon = require(NATIVE_PACKAGE)
    assert.notEqual(mainRequired, wasmRequired)
    for (const name of ['buildToken', 'buildRtcToken', 'decodeUnverified', 'verify', 'explain']) {
      assert.equal(mainRequired[name], addon[name], `${name} is the addon's function`)
      assert.match(Function.prototype.toString.call(mainRequired[name]), /\[native code\]/, name)
    }
  })
}

test('the ./wasm entry is WebAssembly whichever build the main entry loads', () => {
  for (const name of ['buildToken', 'decodeUnverified']) {
    assert.doesNotMatch(Function.prototype.toString.call(wasmRequired[name]), /\[native code\]/, name)
  }
})

for (const [entry, api] of [
  ['import main', mainImported],
  ['require main', mainRequired],
  ['import ./wasm', wasmImported],
  ['require ./wasm', wasmRequired],
]) {
  test(`${entry}: every shared vector`, () => {
    const results = runVectors(api, vectors)
    assert.ok(results.length >= 80, `${results.length} checks`)
    const failed = results.filter(r => r.error !== null)
    assert.deepEqual(failed.map(r => `${r.id}: ${r.error}`), [])
  })
}
