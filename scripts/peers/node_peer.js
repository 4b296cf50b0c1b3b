// Builds tokens with the official npm packages (agora-token 2.0.6 for 007,
// agora-access-token 2.0.4 for 006) for the cases in a JSON file, and prints
// [{id, token}|{id, error}] as JSON. Used by crates/agora-token/tests/differential.rs and
// python/tests/test_differential.py (AccessToken2 services agoraiotools lacks, repeated services).
'use strict'
const fs = require('fs')
const path = require('path')

const peers = process.env.AGORA_NODE_PEERS
if (!peers) throw new Error('set AGORA_NODE_PEERS to the node_modules holding the peers')
const v2 = require(path.join(peers, 'agora-token'))
const v1 = require(path.join(peers, 'agora-access-token'))
const at2 = require(path.join(peers, 'agora-token', 'src', 'AccessToken2'))

function permissions(list) {
  const p = new v2.Rtm2Permissions()
  for (const [resource, permission, names] of list) p.add(resource, permission, names)
  return p
}

// An upstream service object from {type, privileges: [[code, expire], ...], ...fields}.
function service(s) {
  let made
  switch (s.type) {
    case 1: made = new at2.ServiceRtc(s.channel_name, s.uid); break
    case 2: made = new at2.ServiceRtm(s.user_id); break
    case 3: made = new at2.ServiceStreaming(s.channel_name, s.account); break
    case 4: made = new at2.ServiceFpa(); break
    case 5: made = new at2.ServiceChat(s.user_id); break
    case 6: made = new at2.ServiceFCdn(s.channel_name, s.account); break
    case 7: made = new at2.ServiceApaas(s.room_uuid, s.user_uuid, s.role); break
    case 8: {
      const p = new at2.Rtm2Permissions()
      for (const [resource, permission, names] of s.permissions) p.add(resource, permission, names)
      made = new at2.ServiceRtm2(s.user_id, p)
      break
    }
    case 9: made = new at2.ServiceConvoAI(); break
    case 10: made = new at2.ServiceStt(); break
    default: throw new Error(`unknown service type ${s.type}`)
  }
  for (const [code, expire] of s.privileges) made.add_privilege(code, expire)
  return made
}

const builders = {
  // AccessToken2 with any services, issue time and salt (set on the object, as upstream allows:
  // its constructor reads an issue time of 0 as "now").
  access_token2: c => {
    const token = new at2.AccessToken2(c.app_id, c.app_certificate, c.issued_at, c.expire)
    token.issueTs = c.issued_at
    token.salt = c.salt
    for (const s of c.services) token.add_service(service(s))
    return token.build()
  },
  rtc_uid: c => v2.RtcTokenBuilder.buildTokenWithUid(c.app_id, c.app_certificate, c.channel, c.uid, c.role, c.token_expire, c.privilege_expire),
  rtc_account: c => v2.RtcTokenBuilder.buildTokenWithUserAccount(c.app_id, c.app_certificate, c.channel, c.account, c.role, c.token_expire, c.privilege_expire),
  rtc_uid_privileges: c => v2.RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.app_id, c.app_certificate, c.channel, c.uid, c.token_expire, c.join, c.pub_audio, c.pub_video, c.pub_data),
  rtc_account_privileges: c => v2.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(c.app_id, c.app_certificate, c.channel, c.account, c.token_expire, c.join, c.pub_audio, c.pub_video, c.pub_data),
  rtc_rtm: c => v2.RtcTokenBuilder.buildTokenWithRtm(c.app_id, c.app_certificate, c.channel, c.account, c.role, c.token_expire, c.privilege_expire),
  rtc_rtm2: c => v2.RtcTokenBuilder.buildTokenWithRtm2(c.app_id, c.app_certificate, c.channel, c.account, c.role, c.token_expire, c.join, c.pub_audio, c.pub_video, c.pub_data, c.rtm_user_id, c.rtm_expire),
  rtm: c => v2.RtmTokenBuilder.buildToken(c.app_id, c.app_certificate, c.user_id, c.expire),
  rtm2: c => v2.RtmTokenBuilder.buildTokenWithPermissions(c.app_id, c.app_certificate, c.user_id, permissions(c.permissions), c.expire),
  chat_user: c => v2.ChatTokenBuilder.buildUserToken(c.app_id, c.app_certificate, c.user_id, c.expire),
  chat_app: c => v2.ChatTokenBuilder.buildAppToken(c.app_id, c.app_certificate, c.expire),
  fpa: c => v2.FpaTokenBuilder.buildToken(c.app_id, c.app_certificate),
  apaas_room_user: c => v2.ApaasTokenBuilder.buildRoomUserToken(c.app_id, c.app_certificate, c.room_uuid, c.user_uuid, c.apaas_role, c.expire),
  apaas_user: c => v2.ApaasTokenBuilder.buildUserToken(c.app_id, c.app_certificate, c.user_uuid, c.expire),
  apaas_app: c => v2.ApaasTokenBuilder.buildAppToken(c.app_id, c.app_certificate, c.expire),
  education_room_user: c => v2.EducationTokenBuilder.buildRoomUserToken(c.app_id, c.app_certificate, c.room_uuid, c.user_uuid, c.apaas_role, c.expire),
  education_user: c => v2.EducationTokenBuilder.buildUserToken(c.app_id, c.app_certificate, c.user_uuid, c.expire),
  education_app: c => v2.EducationTokenBuilder.buildAppToken(c.app_id, c.app_certificate, c.expire),
  convo_ai: c => v2.ConvoAITokenBuilder.buildToken(c.app_id, c.app_certificate, c.channel, c.account, c.role, c.token_expire, c.join, c.pub_audio, c.pub_video, c.pub_data, c.rtm_user_id, c.rtm_expire),
  stt: c => v2.SttTokenBuilder.buildToken(c.app_id, c.app_certificate, c.channel, c.account, c.role, c.token_expire, c.join, c.pub_audio, c.pub_video, c.pub_data, c.rtm_user_id, c.rtm_expire),
  legacy_rtc_uid: c => v1.RtcTokenBuilder.buildTokenWithUid(c.app_id, c.app_certificate, c.channel, c.uid, c.role006, c.privilege_expired_ts),
  legacy_rtc_account: c => v1.RtcTokenBuilder.buildTokenWithAccount(c.app_id, c.app_certificate, c.channel, c.account, c.role006, c.privilege_expired_ts),
  legacy_rtm: c => v1.RtmTokenBuilder.buildToken(c.app_id, c.app_certificate, c.account, 1, c.privilege_expired_ts),
}

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const results = cases.map(c => {
  const build = builders[c.builder]
  if (!build) return { id: c.id, error: 'unsupported' }
  try {
    return { id: c.id, token: build(c) }
  } catch (e) {
    return { id: c.id, error: String(e && e.message || e) }
  }
})
process.stdout.write(JSON.stringify(results))
