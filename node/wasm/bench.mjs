// Tokens per second on Node: the WebAssembly fallback against npm agora-token (plain JavaScript)
// and the native addon, in one process and run, in interleaved 100 ms slices. Prints a table
// and the ratios; asserts nothing (speed is measured, not tested).
//
//   AGORA_NODE_PEERS=<node_modules with agora-token 2.0.6> node wasm/bench.mjs
// scripts/test-wasm.sh runs it; BENCH_SECONDS sets the time per contender (default 2 s).
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const wasm = require('@agora-token-rs/agora-token/wasm')
const native = require('../index.js')
const peersDir = process.env.AGORA_NODE_PEERS
if (!peersDir) {
  console.error('set AGORA_NODE_PEERS (scripts/test-wasm.sh does)')
  process.exit(2)
}
const peer = createRequire(join(peersDir, 'noop.js'))('agora-token')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const CHANNEL = '7d72365eb983485397e3e3f9d460bdda'
const UID = 2882341273
const SECONDS = Number(process.env.BENCH_SECONDS || 2)

function rates(fns) {
  let sink = 0
  for (const fn of fns) for (let i = 0; i < 2000; i++) sink += fn().length // warm-up (JIT)
  const calls = fns.map(() => 0)
  const nanos = fns.map(() => 0)
  for (let slice = 0; slice < Math.max(1, Math.round(SECONDS * 10)); slice++) {
    fns.forEach((fn, index) => {
      const start = process.hrtime.bigint()
      const deadline = start + 100_000_000n
      let now = start
      while (now < deadline) {
        for (let i = 0; i < 100; i++) sink += fn().length
        calls[index] += 100
        now = process.hrtime.bigint()
      }
      nanos[index] += Number(now - start)
    })
  }
  if (sink === 0) throw new Error('no output')
  return calls.map((count, index) => count / (nanos[index] / 1e9))
}

// The same call through each: buildTokenWithUid, publisher, 600 s (clock and random salt included).
const contenders = [
  ['npm agora-token 2.0.6 (JavaScript)', () => peer.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)],
  ['WebAssembly build (fallback)', () => wasm.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)],
  ['native addon', () => native.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)],
  // The same token through the idiomatic API, whose options need no reading of loose values.
  ['WebAssembly build, buildRtcToken', () => wasm.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 1, tokenExpire: 600, privilegeExpire: 600 })],
]
// Same payload from all of them before timing anything.
const payloads = contenders.map(([, fn]) => wasm.decodeUnverified(fn()).services)
if (new Set(payloads.map(p => JSON.stringify(p))).size !== 1) throw new Error('the contenders build different tokens')

const measured = rates(contenders.map(([, fn]) => fn))
const [peerRate, wasmRate, nativeRate, wasmIdiomaticRate] = measured
console.log(`Node ${process.version}, ${SECONDS} s per contender`)
contenders.forEach(([name], index) => console.log(`${name.padEnd(36)} ${Math.round(measured[index]).toLocaleString('en-US').padStart(10)} tokens/s`))
console.log(`WebAssembly / npm agora-token: ${(wasmRate / peerRate).toFixed(2)}x (buildRtcToken: ${(wasmIdiomaticRate / peerRate).toFixed(2)}x)`)
console.log(`native / npm agora-token:      ${(nativeRate / peerRate).toFixed(2)}x`)
console.log(`native / WebAssembly:          ${(nativeRate / wasmRate).toFixed(2)}x`)
