// The WebAssembly examples of node/README.md (```javascript blocks; the ```js blocks are the
// native ones, run by __test__/readme.test.mjs) run as written. They need the module built,
// so they run in scripts/test-wasm.sh.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```javascript\n([\s\S]*?)```/g)].map(match => match[1])
const packageRequire = createRequire(new URL('../../package.json', import.meta.url))

test('README.md has a WebAssembly example', () => assert.ok(blocks.length >= 1))

blocks.forEach((code, index) => {
  test(`README.md WebAssembly example ${index + 1} runs`, () => {
    const logged = []
    // eslint-disable-next-line no-new-func
    new Function('require', 'console', code)(packageRequire, { log: (...args) => logged.push(args) })
    assert.deepEqual(logged, [[true]])
  })
})
