// One export list for both builds: the WebAssembly entries (ESM and CJS) and the package's
// main entries export exactly the names the native addon's loader (index.js) exports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import * as wasmEsm from '@agora-token-rs/agora-token/wasm'
import * as mainEsm from '../../main.mjs'
import { NATIVE_EXPORTS } from '../api.mjs'

const require = createRequire(import.meta.url)
const native = require('../../index.js')
const sorted = names => [...names].sort()

// The names napi-rs's generated loader assigns (minus its internal marker).
const nativeNames = [...readFileSync(new URL('../../index.js', import.meta.url), 'utf8').matchAll(/^module\.exports\.(\w+) =/gm)]
  .map(m => m[1])
  .filter(name => name !== '__napiBindingTarget')

test('NATIVE_EXPORTS is the native loader\'s export list', () => assert.deepEqual(sorted(NATIVE_EXPORTS), sorted(nativeNames)))

test('the WebAssembly ESM and CJS entries export every native name', () => {
  assert.deepEqual(sorted(Object.keys(wasmEsm).filter(n => n !== 'default')), sorted(nativeNames))
  assert.deepEqual(sorted(Object.keys(require('@agora-token-rs/agora-token/wasm'))), sorted(nativeNames))
})

test('main.mjs re-exports every native name', () => {
  assert.deepEqual(sorted(Object.keys(mainEsm).filter(n => n !== 'default')), sorted(nativeNames))
})

test('every native name is implemented in the WebAssembly build, as the same kind of value', () => {
  for (const name of nativeNames) {
    assert.equal(typeof wasmEsm[name], typeof native[name], name)
    if (typeof native[name] === 'function' && /^[A-Z]/.test(name)) {
      const statics = value => Object.getOwnPropertyNames(value).filter(key => typeof value[key] === 'function').sort()
      assert.deepEqual(statics(wasmEsm[name]), statics(native[name]), `${name}'s static methods`)
    }
  }
})

test('the types of the WebAssembly entry are the native ones', () => {
  assert.match(readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8'), /^export \* from '\.\.\/index'$/m)
})
