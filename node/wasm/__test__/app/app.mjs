// A small app that imports the package by its name, as a user's would. The bundler resolves
// the `browser` condition of package.json `exports` to the WebAssembly build.
import * as agora from '@agora-token-rs/agora-token'
// The drop-in module is CommonJS over the main entry; package.json's `browser` map sends its
// `require('./main.cjs')` to the WebAssembly build.
import { AccessToken2, RtcTokenBuilder, ServiceRtc } from '@agora-token-rs/agora-token/compat'
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
// npm agora-token's own reading of loose input ("600" is 600, role "1" publishes) and its AccessToken2.
export const compatToken = RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 'bundled', 7, '1', '600', 600, { issuedAt: 1_700_000_000, salt: 7 })
const generic = new AccessToken2('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', 1_700_000_000, 600, 7)
const rtc = new ServiceRtc('bundled', 7)
rtc.add_privilege(ServiceRtc.kPrivilegeJoinChannel, 600)
generic.add_service(rtc)
export const accessToken2 = generic.build()
globalThis.agoraBundleResults = { results, sampleToken, compatToken, accessToken2 }
