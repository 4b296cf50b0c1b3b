// A small app that imports the package by its name, as a user's would. The bundler resolves
// the `browser` condition of package.json `exports` to the WebAssembly build.
import * as agora from '@agora-token-rs/agora-token'
import { runVectors } from '../vectors.mjs'
import upstream from '../../../../conformance/upstream.json'

export const results = runVectors(agora, upstream.vectors)
export const sampleToken = agora.buildRtcToken({
  appId: '970CA35de60c44645bbae8a215061b33',
  appCertificate: '5CFd2fd1755d40ecb72977518be15d3b',
  channelName: 'bundled',
  uid: 7,
  role: 'publisher',
  tokenExpire: 600,
  issuedAt: 1_700_000_000,
  salt: 7,
})
globalThis.agoraBundleResults = { results, sampleToken }
