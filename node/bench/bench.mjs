// Tokens per second: this package against the npm peers, in the same process and run.
// Prints a table and the ratios; asserts nothing (speed is measured, not tested).
//
//   AGORA_NODE_PEERS=<dir with node_modules of agora-token 2.0.6 and agora-access-token 2.0.4> node bench/bench.mjs
// scripts/test-node.sh installs the peers (ensure_node_peers); set BENCH_SECONDS to change
// the time spent on each contender (default 3 s, in interleaved 100 ms slices).

import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const native = require('@agora-token-rs/agora-token')
const compat = require('@agora-token-rs/agora-token/compat')
const compat006 = require('@agora-token-rs/agora-token/compat/access-token')

const peersDir = process.env.AGORA_NODE_PEERS
if (!peersDir) {
  console.error('set AGORA_NODE_PEERS (scripts/test-node.sh does: source scripts/lib/env.sh; ensure_node_peers)')
  process.exit(2)
}
const peerRequire = createRequire(join(peersDir, 'noop.js'))
const agoraToken = peerRequire('agora-token')
const agoraToken2 = peerRequire('agora-token/src/AccessToken2')
const agoraAccessToken = peerRequire('agora-access-token')

const APP_ID = '970CA35de60c44645bbae8a215061b33'
const CERT = '5CFd2fd1755d40ecb72977518be15d3b'
const CHANNEL = '7d72365eb983485397e3e3f9d460bdda'
const UID = 2882341273
const SECONDS = Number(process.env.BENCH_SECONDS || 3)

/**
 * Measures contenders in interleaved 100 ms slices (A, B, C, A, B, C, ...) for about SECONDS
 * each, so that load from other processes on the machine hits them alike; returns the calls
 * per second of each (total calls / total time of its slices).
 */
function rates(fns) {
  let sink = 0
  for (const fn of fns) for (let i = 0; i < 2000; i++) sink += fn().length // warm-up (JIT)
  const calls = fns.map(() => 0)
  const nanos = fns.map(() => 0)
  const slices = Math.max(1, Math.round(SECONDS * 10))
  for (let slice = 0; slice < slices; slice++) {
    fns.forEach((fn, index) => {
      const start = process.hrtime.bigint()
      const deadline = start + 100_000_000n
      let now = start
      while (now < deadline) {
        for (let i = 0; i < 200; i++) sink += fn().length
        calls[index] += 200
        now = process.hrtime.bigint()
      }
      nanos[index] += Number(now - start)
    })
  }
  if (sink === 0) throw new Error('no output')
  return calls.map((count, index) => count / (nanos[index] / 1e9))
}

const ourToken = native.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 1, tokenExpire: 600, privilegeExpire: 600 })
const theirToken = agoraToken.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)

const groups = [
  {
    title: 'RTC 007 publisher token (buildTokenWithUid)',
    peer: ['npm agora-token 2.0.6', () => agoraToken.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)],
    ours: [
      ['drop-in RtcTokenBuilder.buildTokenWithUid', () => compat.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 600, 600)],
      ['idiomatic buildRtcToken({...})', () => native.buildRtcToken({ appId: APP_ID, appCertificate: CERT, channelName: CHANNEL, uid: UID, role: 1, tokenExpire: 600, privilegeExpire: 600 })],
    ],
  },
  {
    title: 'RTM 007 token (RtmTokenBuilder.buildToken)',
    peer: ['npm agora-token 2.0.6', () => agoraToken.RtmTokenBuilder.buildToken(APP_ID, CERT, 'user-2882341273', 600)],
    ours: [['drop-in RtmTokenBuilder.buildToken', () => compat.RtmTokenBuilder.buildToken(APP_ID, CERT, 'user-2882341273', 600)]],
  },
  {
    title: 'RTC 006 publisher token (agora-access-token buildTokenWithUid)',
    peer: ['npm agora-access-token 2.0.4', () => agoraAccessToken.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 1_900_000_000)],
    ours: [['drop-in compat/access-token buildTokenWithUid', () => compat006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 1, 1_900_000_000)]],
  },
  {
    title: 'decode + verify a 007 RTC token',
    peer: ['npm agora-token 2.0.6 from_string + verifySignature', () => {
      const token = new agoraToken2.AccessToken2()
      return token.from_string(theirToken) && token.verifySignature(CERT) ? 'ok' : ''
    }],
    ours: [
      ['idiomatic verify(token, cert)', () => (native.verify(ourToken, CERT).verified ? 'ok' : '')],
      ['drop-in AccessToken2 from_string + verifySignature', () => {
        const token = new compat.AccessToken2()
        return token.from_string(ourToken) && token.verifySignature(CERT) ? 'ok' : ''
      }],
    ],
  },
]

const format = n => Math.round(n).toLocaleString('en-US').padStart(12)
console.log(`Node ${process.version}, ${SECONDS} s per contender in interleaved 100 ms slices (tokens or checks per second)\n`)
for (const group of groups) {
  console.log(group.title)
  const [peerName, peerFn] = group.peer
  const [peerRate, ...ourRates] = rates([peerFn, ...group.ours.map(([, fn]) => fn)])
  console.log(`  ${format(peerRate)} /s  ${peerName}`)
  group.ours.forEach(([name], index) => {
    console.log(`  ${format(ourRates[index])} /s  ${name}   ratio ${(ourRates[index] / peerRate).toFixed(2)}x`)
  })
  console.log('')
}
