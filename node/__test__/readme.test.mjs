// The JavaScript examples of README.md run as written, so the documentation cannot rot.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map(match => match[1])
const packageRequire = createRequire(new URL('../package.json', import.meta.url))

test('README.md has JavaScript examples', () => assert.ok(blocks.length >= 3, `${blocks.length} blocks`))

blocks.forEach((code, index) => {
  test(`README.md example ${index + 1} runs`, () => {
    const logged = []
    // eslint-disable-next-line no-new-func
    new Function('require', 'console', code)(packageRequire, { log: (...args) => logged.push(args) })
    if (code.includes('console.log')) assert.ok(logged.length > 0)
  })
})
