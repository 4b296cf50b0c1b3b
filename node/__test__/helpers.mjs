// Shared test helpers: the conformance vectors, the npm peers, inflating tokens, and
// fixing the clock and Math.random for the peers (which cannot take an issue time or salt).

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export const APP_ID = '970CA35de60c44645bbae8a215061b33'
export const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b'

export const native = require('@agora-token-rs/agora-token')
export const compat = require('@agora-token-rs/agora-token/compat')
export const compat006 = require('@agora-token-rs/agora-token/compat/access-token')

/**
 * Whether the package runs its WebAssembly build (AGORA_TOKEN_WASM=1: scripts/test-wasm.sh runs
 * the drop-in suites so too). That build refuses payloads over 32 KiB rather than compress them
 * differently from stock zlib (crates/agora-token-wasm/README.md); real tokens are far smaller.
 */
export const WASM = process.env.AGORA_TOKEN_WASM === '1'
const WASM_PAYLOAD_LIMIT = 32768

/**
 * True when the WebAssembly build must refuse to build `peerToken` (its payload is over the
 * limit); it then checks that `build` throws the documented error.
 */
export function refusedByWasm(peerToken, build, label) {
  if (!WASM || inflate(peerToken).length <= WASM_PAYLOAD_LIMIT) return false
  assert.throws(build, { code: 'invalid_argument', message: /compresses payloads up to 32768 bytes/ }, label)
  return true
}

/** Every vector of conformance/upstream.json. */
export const vectors = JSON.parse(readFileSync(join(here, '..', '..', 'conformance', 'upstream.json'), 'utf8')).vectors

/** The decompressed payload of a 007 token (any zlib stream). */
export function inflate(token) {
  return inflateSync(Buffer.from(token.slice(3), 'base64'))
}

/** The npm peers, installed by scripts/test-node.sh (ensure_node_peers) into AGORA_NODE_PEERS. */
function peersDir() {
  const dir = process.env.AGORA_NODE_PEERS
  if (!dir) {
    throw new Error('AGORA_NODE_PEERS is not set: run scripts/test-node.sh, which installs npm agora-token and agora-access-token')
  }
  return dir
}

export function peerRequire() {
  return createRequire(join(peersDir(), 'noop.js'))
}

/** npm agora-token 2.0.6 and its AccessToken2 module. */
export function agoraToken() {
  const req = peerRequire()
  const pkg = req('agora-token/package.json')
  if (pkg.version !== '2.0.6') throw new Error(`expected agora-token 2.0.6, found ${pkg.version}`)
  return { ...req('agora-token'), AccessToken2Module: req('agora-token/src/AccessToken2') }
}

/**
 * Runs fn with `new Date()` / `Date.now()` fixed at `unixSeconds` and Math.random returning
 * `random`, restoring both afterwards.
 */
export function withFixedClock(unixSeconds, random, fn) {
  const RealDate = globalThis.Date
  const realRandom = Math.random
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(unixSeconds * 1000)
      else super(...args)
    }
    static now() {
      return unixSeconds * 1000
    }
  }
  globalThis.Date = FixedDate
  Math.random = () => random
  try {
    return fn()
  } finally {
    globalThis.Date = RealDate
    Math.random = realRandom
  }
}

/** Math.random value that makes npm agora-token's AccessToken2 draw `salt` (1..=99999999). */
export function randomFor007Salt(salt) {
  return (salt - 0.5) / 99999999
}

/** npm agora-access-token 2.0.4, loaded afresh so its module-level salt is `salt` (0..=2**32-2). */
export function freshAgoraAccessToken(salt) {
  const req = peerRequire()
  const pkgDir = dirname(req.resolve('agora-access-token/package.json'))
  if (req('agora-access-token/package.json').version !== '2.0.4') throw new Error('expected agora-access-token 2.0.4')
  for (const key of Object.keys(req.cache)) {
    if (key.startsWith(pkgDir)) delete req.cache[key]
  }
  return withFixedClock(0, (salt + 0.5) / 0xffffffff, () => req('agora-access-token'))
}

/** A small deterministic PRNG (mulberry32), so failures can be reproduced from the seed. */
export function rng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = list => list[int(0, list.length - 1)]
  const hex32 = () => Array.from({ length: 32 }, () => pick([...'0123456789abcdefABCDEF'])).join('')
  const text = (maxLength, alphabet = 'abcXYZ019 !#$%&()+-:;<=.>?@[]^_{}|~,éü中文😀') => {
    const chars = [...alphabet]
    return Array.from({ length: int(0, maxLength) }, () => pick(chars)).join('')
  }
  const u32 = () =>
    pick([0, 1, 600, 3600, 86400, 86401, 946684799, 946684800, 1700000000, 4294967295, int(0, 4294967295), int(0, 86400), int(86400, 946684800)])
  // Empty, ASCII, unicode, and now and then the longest field upstream can pack (65535 bytes).
  const field = (maxLength = 64) =>
    next() < 0.05 ? pick(['x'.repeat(65535), '中'.repeat(21845), 'a' + 'é'.repeat(32767)]) : text(maxLength)
  return { next, int, pick, hex32, text, u32, field }
}

/**
 * Runs fn with process.emitWarning recorded instead of printed; returns [result, warnings]
 * with each warning as { message, type, code }.
 */
export function captureWarnings(fn) {
  const real = process.emitWarning
  const warnings = []
  process.emitWarning = (warning, options) => {
    warnings.push({ message: String(warning), type: options && options.type, code: options && options.code })
  }
  try {
    return [fn(), warnings]
  } finally {
    process.emitWarning = real
  }
}

/** A value for failure messages: long strings shortened, BigInts, symbols and undefined shown. */
export function show(value) {
  return JSON.stringify(value, (key, item) => {
    if (typeof item === 'string' && item.length > 40) return `<${item.length} chars: ${item.slice(0, 12)}...>`
    if (typeof item === 'bigint') return `${item}n`
    if (typeof item === 'symbol' || item === undefined) return String(item)
    if (typeof item === 'number' && !Number.isFinite(item)) return String(item)
    return item
  })
}
