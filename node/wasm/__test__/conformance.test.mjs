// The shared vectors through the WebAssembly build on Node, by the ESM and the CJS entry.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import * as esm from '@agora-token-rs/agora-token/wasm'
import { runVectors } from './vectors.mjs'

const require = createRequire(import.meta.url)
const cjs = require('@agora-token-rs/agora-token/wasm')
const vectors = JSON.parse(readFileSync(new URL('../../../conformance/upstream.json', import.meta.url), 'utf8')).vectors

for (const [entry, api] of [['import', esm], ['require', cjs]]) {
  const results = runVectors(api, vectors)
  test(`${entry}: every vector family is covered`, () => assert.ok(results.length >= 80, `${results.length} checks`))
  for (const { id, error } of results) {
    test(`${entry}: ${id}`, () => assert.equal(error, null))
  }
}
