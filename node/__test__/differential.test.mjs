// Differential tests against the real peers: npm agora-token 2.0.6 (007) and
// agora-access-token 2.0.4 (006), installed by scripts/test-node.sh.
//
// 007: the peer compresses with Node's zlib, whose bytes may differ from stock zlib, so the
// DECOMPRESSED payloads are compared (the signature is inside them, so they prove the same
// bytes were signed). Our strings are stock zlib (proved by the conformance vectors here and
// the core's own tests). The peer's issue time and salt are forced by fixing the clock and
// Math.random; ours by the trailing { issuedAt, salt } / the options object.
// 006: no compression, so whole strings are compared.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  agoraToken,
  compat,
  compat006,
  freshAgoraAccessToken,
  inflate,
  native,
  randomFor007Salt,
  rng,
  withFixedClock,
} from './helpers.mjs'

const peer = agoraToken()
const ITERATIONS = 40 // per builder; 17 builders -> 680 random cases for 007

/** The peer's token with a forced issue time and salt; checks the forcing worked. */
function theirs(issuedAt, salt, build) {
  const token = withFixedClock(issuedAt, randomFor007Salt(salt), build)
  assert.match(token, /^007/, `peer returned ${JSON.stringify(token)}`)
  const payload = native.decode(token)
  assert.equal(payload.issuedAt, issuedAt, 'peer issue time forced')
  assert.equal(payload.salt, salt, 'peer salt forced')
  return token
}

function assertSamePayload(ours, peerToken, label) {
  assert.ok(inflate(ours).equals(inflate(peerToken)), `${label}: decompressed payload differs`)
}

/** Common random inputs of one case. */
function inputs(r) {
  return {
    appId: r.hex32(),
    appCertificate: r.hex32(),
    channelName: r.text(64),
    uid: r.pick([0, 1, r.int(2, 4294967295), 4294967295]),
    account: r.text(40),
    role: r.pick([1, 2]),
    issuedAt: r.int(1, 4294967295),
    salt: r.int(1, 99999999),
    tokenExpire: r.u32(),
    privilegeExpire: r.u32(),
    join: r.u32(),
    audio: r.u32(),
    video: r.u32(),
    data: r.u32(),
    rtmUserId: r.text(40),
    rtmExpire: r.u32(),
    expire: r.u32(),
  }
}

const roleName = role => (role === 1 ? 'publisher' : 'subscriber')

/**
 * Each case: the peer call, the drop-in call and the idiomatic call for the same inputs.
 * All three must give the same payload.
 */
const cases = {
  'RtcTokenBuilder.buildTokenWithUid': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, c.privilegeExpire, o),
    o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, uid: c.uid, role: roleName(c.role), tokenExpire: c.tokenExpire, privilegeExpire: c.privilegeExpire }),
  ],
  'RtcTokenBuilder.buildTokenWithUserAccount': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire, o),
    o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.tokenExpire, privilegeExpire: c.privilegeExpire }),
  ],
  'RtcTokenBuilder.buildTokenWithUid (default privilegeExpire)': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire),
    o => compat.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, c.role, c.tokenExpire, undefined, o),
    o => native.buildRtcToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, uid: c.uid, role: c.role, tokenExpire: c.tokenExpire }),
  ],
  'RtcTokenBuilder.buildTokenWithUidAndPrivilege': c => [
    () => peer.RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.appId, c.appCertificate, c.channelName, c.uid, c.tokenExpire, c.join, c.audio, c.video, c.data),
    o => compat.RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.appId, c.appCertificate, c.channelName, c.uid, c.tokenExpire, c.join, c.audio, c.video, c.data, o),
    o => native.buildRtcTokenWithPrivileges({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, uid: c.uid, tokenExpire: c.tokenExpire, privileges: { joinChannel: c.join, publishAudio: c.audio, publishVideo: c.video, publishData: c.data } }),
  ],
  'RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege': c => [
    () => peer.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(c.appId, c.appCertificate, c.channelName, c.account, c.tokenExpire, c.join, c.audio, c.video, c.data),
    o => compat.RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(c.appId, c.appCertificate, c.channelName, c.account, c.tokenExpire, c.join, c.audio, c.video, c.data, o),
    o => native.buildRtcTokenWithPrivileges({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, tokenExpire: c.tokenExpire, privileges: { joinChannel: c.join, publishAudio: c.audio, publishVideo: c.video, publishData: c.data } }),
  ],
  'RtcTokenBuilder.buildTokenWithRtm': c => [
    () => peer.RtcTokenBuilder.buildTokenWithRtm(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire),
    o => compat.RtcTokenBuilder.buildTokenWithRtm(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.privilegeExpire, o),
    o => native.buildRtcTokenWithRtm({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.tokenExpire, privilegeExpire: c.privilegeExpire }),
  ],
  'RtcTokenBuilder.buildTokenWithRtm2': c => [
    () => peer.RtcTokenBuilder.buildTokenWithRtm2(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.RtcTokenBuilder.buildTokenWithRtm2(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    o => native.buildRtcTokenWithRtm2({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.tokenExpire, privileges: { joinChannel: c.join, publishAudio: c.audio, publishVideo: c.video, publishData: c.data }, rtmUserId: c.rtmUserId, rtmTokenExpire: c.rtmExpire }),
  ],
  'ConvoAITokenBuilder.buildToken': c => [
    () => peer.ConvoAITokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.ConvoAITokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    o => native.buildConvoAiToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.tokenExpire, privileges: { joinChannel: c.join, publishAudio: c.audio, publishVideo: c.video, publishData: c.data }, rtmUserId: c.rtmUserId, rtmTokenExpire: c.rtmExpire }),
  ],
  'SttTokenBuilder.buildToken': c => [
    () => peer.SttTokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire),
    o => compat.SttTokenBuilder.buildToken(c.appId, c.appCertificate, c.channelName, c.account, c.role, c.tokenExpire, c.join, c.audio, c.video, c.data, c.rtmUserId, c.rtmExpire, o),
    o => native.buildSttToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, channelName: c.channelName, account: c.account, role: c.role, tokenExpire: c.tokenExpire, privileges: { joinChannel: c.join, publishAudio: c.audio, publishVideo: c.video, publishData: c.data }, rtmUserId: c.rtmUserId, rtmTokenExpire: c.rtmExpire }),
  ],
  // The peer crashes on non-zero numeric RTM / Chat ids (deliberate-differences.test.mjs), so strings here.
  'RtmTokenBuilder.buildToken': c => [
    () => peer.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildRtmToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.rtmUserId, expire: c.expire }),
  ],
  'RtmTokenBuilder.buildTokenWithPermissions': (c, r) => {
    const theirsPermissions = new peer.Rtm2Permissions()
    const oursPermissions = new compat.Rtm2Permissions()
    for (let n = r.int(0, 4); n > 0; n--) {
      const resourceType = r.int(0, 4)
      const permissionType = r.int(0, 1)
      const resources = Array.from({ length: r.int(0, 4) }, () => r.text(12))
      theirsPermissions.add(resourceType, permissionType, resources)
      oursPermissions.add(resourceType, permissionType, resources)
    }
    const userId = r.pick([c.rtmUserId, 0, c.uid])
    return [
      () => peer.RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, userId, theirsPermissions, c.expire),
      o => compat.RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, userId, oursPermissions, c.expire, o),
      o => native.buildRtmTokenWithPermissions({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId, permissions: oursPermissions.details, expire: c.expire }),
    ]
  },
  'ChatTokenBuilder.buildUserToken': c => [
    () => peer.ChatTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.ChatTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildChatUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.rtmUserId, expire: c.expire }),
  ],
  'ChatTokenBuilder.buildAppToken': c => [
    () => peer.ChatTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire),
    o => compat.ChatTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire, o),
    o => native.buildChatAppToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, expire: c.expire }),
  ],
  'FpaTokenBuilder.buildToken': c => [
    () => peer.FpaTokenBuilder.buildToken(c.appId, c.appCertificate),
    o => compat.FpaTokenBuilder.buildToken(c.appId, c.appCertificate, o),
    o => native.buildFpaToken({ ...o, appId: c.appId, appCertificate: c.appCertificate }),
  ],
  'ApaasTokenBuilder.buildUserToken': c => [
    () => peer.ApaasTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire),
    o => compat.ApaasTokenBuilder.buildUserToken(c.appId, c.appCertificate, c.rtmUserId, c.expire, o),
    o => native.buildApaasUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, userId: c.rtmUserId, expire: c.expire }),
  ],
  'EducationTokenBuilder.buildAppToken': c => [
    () => peer.EducationTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire),
    o => compat.EducationTokenBuilder.buildAppToken(c.appId, c.appCertificate, c.expire, o),
    o => native.buildApaasAppToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, expire: c.expire }),
  ],
  // The room-user token: only the idiomatic layer's opt-in 'node' variant reproduces the
  // peer (the drop-in builds the standard token; see deliberate-differences.test.mjs).
  'ApaasTokenBuilder.buildRoomUserToken (variant: node)': (c, r) => {
    const role = r.pick([0, 1, 2, 3, -1, r.int(-32768, 32767)])
    const roomUuid = r.text(36)
    return [
      () => peer.ApaasTokenBuilder.buildRoomUserToken(c.appId, c.appCertificate, roomUuid, c.rtmUserId, role, c.expire),
      null,
      o => native.buildApaasRoomUserToken({ ...o, appId: c.appId, appCertificate: c.appCertificate, roomUuid, userUuid: c.rtmUserId, role, expire: c.expire, variant: 'node' }),
    ]
  },
}

describe('npm agora-token 2.0.6: same decompressed payload for every shared builder', () => {
  let seed = 1
  for (const [name, makeCase] of Object.entries(cases)) {
    const caseSeed = seed++
    test(`${name} (${ITERATIONS} random inputs, seed ${caseSeed})`, () => {
      const r = rng(caseSeed)
      for (let n = 0; n < ITERATIONS; n++) {
        const c = inputs(r)
        const [peerCall, dropIn, idiomatic] = makeCase(c, r)
        const options = { issuedAt: c.issuedAt, salt: c.salt }
        const peerToken = theirs(c.issuedAt, c.salt, peerCall)
        if (dropIn) assertSamePayload(dropIn(options), peerToken, `${name} drop-in, case ${n} ${JSON.stringify(c)}`)
        assertSamePayload(idiomatic(options), peerToken, `${name} idiomatic, case ${n} ${JSON.stringify(c)}`)
      }
    })
  }

  test(`AccessToken2 with random services (${ITERATIONS * 2} inputs)`, () => {
    const r = rng(1000)
    const P = peer.AccessToken2Module
    for (let n = 0; n < ITERATIONS * 2; n++) {
      const c = inputs(r)
      const theirsToken = new P.AccessToken2(c.appId, c.appCertificate, c.issuedAt, c.expire)
      theirsToken.salt = c.salt
      const ours = new compat.AccessToken2(c.appId, c.appCertificate, c.issuedAt, c.expire, c.salt)
      const inputsForBuildToken = []
      for (let k = r.int(1, 5); k > 0; k--) {
        const kind = r.int(1, 10)
        const privileges = {}
        let theirsService
        let oursService
        let input
        switch (kind) {
          case 1: {
            const uid = r.pick([c.uid, c.account])
            theirsService = new P.ServiceRtc(c.channelName, uid)
            oursService = new compat.ServiceRtc(c.channelName, uid)
            input = { type: 1, channelName: c.channelName, uid }
            for (const p of [1, 2, 3, 4]) if (r.next() < 0.7) privileges[p] = r.u32()
            break
          }
          case 2:
            theirsService = new P.ServiceRtm(c.rtmUserId)
            oursService = new compat.ServiceRtm(c.rtmUserId)
            input = { type: 2, userId: c.rtmUserId }
            privileges[1] = r.u32()
            break
          case 3:
          case 6: {
            const account = r.pick([c.uid, c.account])
            const Theirs = kind === 3 ? P.ServiceStreaming : P.ServiceFCdn
            const Ours = kind === 3 ? compat.ServiceStreaming : compat.ServiceFCdn
            theirsService = new Theirs(c.channelName, account)
            oursService = new Ours(c.channelName, account)
            input = { type: kind, channelName: c.channelName, account }
            for (const p of [1, 2]) if (r.next() < 0.7) privileges[p] = r.u32()
            break
          }
          case 4:
            theirsService = new P.ServiceFpa()
            oursService = new compat.ServiceFpa()
            input = { type: 4 }
            privileges[1] = r.u32()
            break
          case 5:
            theirsService = new P.ServiceChat(c.rtmUserId)
            oursService = new compat.ServiceChat(c.rtmUserId)
            input = { type: 5, userId: c.rtmUserId }
            privileges[r.pick([1, 2])] = r.u32()
            break
          case 7: {
            // Role 0 is where npm writes -1 (`role || -1`): a deliberate difference, so non-zero here.
            const role = r.pick([1, 2, -1, r.int(1, 32767)])
            theirsService = new P.ServiceApaas(c.account, c.rtmUserId, role)
            oursService = new compat.ServiceApaas(c.account, c.rtmUserId, role)
            input = { type: 7, roomUuid: c.account, userUuid: c.rtmUserId, role }
            privileges[r.pick([1, 2, 3])] = r.u32()
            break
          }
          case 8: {
            const theirsPermissions = new P.Rtm2Permissions()
            const oursPermissions = new compat.Rtm2Permissions()
            const resources = [r.text(8), r.text(8)]
            const resourceType = r.int(0, 4)
            const permissionType = r.int(0, 1)
            theirsPermissions.add(resourceType, permissionType, resources)
            oursPermissions.add(resourceType, permissionType, resources)
            theirsService = new P.ServiceRtm2(c.rtmUserId, theirsPermissions)
            oursService = new compat.ServiceRtm2(c.rtmUserId, oursPermissions)
            input = { type: 8, userId: c.rtmUserId, permissions: oursPermissions.details }
            privileges[1] = r.u32()
            break
          }
          case 9:
            theirsService = new P.ServiceConvoAI()
            oursService = new compat.ServiceConvoAI()
            input = { type: 9 }
            break
          default:
            theirsService = new P.ServiceStt()
            oursService = new compat.ServiceStt()
            input = { type: 10 }
        }
        for (const [p, expire] of Object.entries(privileges)) {
          theirsService.add_privilege(Number(p), expire)
          oursService.add_privilege(Number(p), expire)
        }
        theirsToken.add_service(theirsService)
        ours.add_service(oursService)
        inputsForBuildToken.push({ ...input, privileges })
      }
      const peerToken = theirsToken.build()
      assertSamePayload(ours.build(), peerToken, `AccessToken2 case ${n}`)
      const idiomatic = native.buildToken({ appId: c.appId, appCertificate: c.appCertificate, expire: c.expire, issuedAt: c.issuedAt, salt: c.salt, services: inputsForBuildToken })
      assertSamePayload(idiomatic, peerToken, `buildToken case ${n}`)

      // Each side parses and verifies the other's token.
      const parsedByPeer = new P.AccessToken2()
      assert.equal(parsedByPeer.from_string(idiomatic), true)
      assert.equal(parsedByPeer.verifySignature(c.appCertificate), true)
      const parsedByUs = new compat.AccessToken2()
      assert.equal(parsedByUs.from_string(peerToken), true)
      assert.equal(parsedByUs.verifySignature(c.appCertificate), true)
      assert.equal(native.verify(peerToken, c.appCertificate).services.length, ours.services.length)
    }
  })
})

describe('npm agora-access-token 2.0.4: identical 006 strings', () => {
  test('RtcTokenBuilder.buildTokenWithUid / buildTokenWithAccount and RtmTokenBuilder.buildToken (120 random inputs)', () => {
    const r = rng(2000)
    for (let n = 0; n < 120; n++) {
      const c = inputs(r)
      const salt = r.pick([0, 1, 0xfffffffe, r.int(0, 0xfffffffe)])
      const now = r.int(1, 4294967295 - 86400)
      const peer006 = freshAgoraAccessToken(salt)
      const options = { issuedAt: now, salt }
      const role = r.pick([0, 1, 2, 101])
      const expiredTs = r.u32()
      const kind = n % 3
      let theirsToken
      let oursToken
      if (kind === 0) {
        theirsToken = withFixedClock(now, 0, () => peer006.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, role, expiredTs))
        oursToken = compat006.RtcTokenBuilder.buildTokenWithUid(c.appId, c.appCertificate, c.channelName, c.uid, role, expiredTs, options)
      } else if (kind === 1) {
        theirsToken = withFixedClock(now, 0, () => peer006.RtcTokenBuilder.buildTokenWithAccount(c.appId, c.appCertificate, c.channelName, c.account, role, expiredTs))
        oursToken = compat006.RtcTokenBuilder.buildTokenWithAccount(c.appId, c.appCertificate, c.channelName, c.account, role, expiredTs, options)
      } else {
        theirsToken = withFixedClock(now, 0, () => peer006.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, peer006.RtmRole.Rtm_User, expiredTs))
        oursToken = compat006.RtmTokenBuilder.buildToken(c.appId, c.appCertificate, c.rtmUserId, compat006.RtmRole.Rtm_User, expiredTs, options)
      }
      assert.equal(oursToken, theirsToken, `006 case ${n} ${JSON.stringify({ ...c, salt, now, role, expiredTs })}`)
      const decoded = native.decodeAccessToken006(theirsToken)
      assert.equal(decoded.salt, salt, 'peer salt forced')
      assert.equal(decoded.expiresAt, now + 86400, 'peer clock forced')
    }
  })
})
