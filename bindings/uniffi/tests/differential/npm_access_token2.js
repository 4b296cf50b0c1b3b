// Builds AccessToken2 ("007") tokens from explicit services, privileges, issue times and salts
// with npm `agora-token` 2.0.6's own AccessToken2 class, for the cases in a JSON file, and
// prints [{id, token}|{id, error}] as JSON. Used by make_fixture.py for the service
// combinations PyPI agoraiotools cannot build (repeated types; Streaming, FCDN, RTM2, ConvoAI, STT).
'use strict'
const fs = require('fs')
const path = require('path')

const peers = process.env.AGORA_NODE_PEERS
if (!peers) throw new Error('set AGORA_NODE_PEERS to the node_modules holding the peers')
const at2 = require(path.join(peers, 'agora-token', 'src', 'AccessToken2'))

function service(s) {
  switch (s.type) {
    case 1: return new at2.ServiceRtc(s.channel_name, s.uid)
    case 2: return new at2.ServiceRtm(s.user_id)
    case 3: return new at2.ServiceStreaming(s.channel_name, s.account)
    case 4: return new at2.ServiceFpa()
    case 5: return new at2.ServiceChat(s.user_id)
    case 6: return new at2.ServiceFCdn(s.channel_name, s.account)
    case 7: return new at2.ServiceApaas(s.room_uuid, s.user_uuid, s.role)
    case 8: {
      const permissions = new at2.Rtm2Permissions()
      for (const [resource, permission, names] of s.permissions) permissions.add(resource, permission, names)
      return new at2.ServiceRtm2(s.user_id, permissions)
    }
    case 9: return new at2.ServiceConvoAI()
    case 10: return new at2.ServiceStt()
    default: throw new Error(`service type ${s.type}`)
  }
}

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const results = cases.map(c => {
  try {
    const token = new at2.AccessToken2(c.app_id, c.app_certificate, 1, c.expire)
    // Set after construction: the constructor reads an issue time of 0 as "now".
    token.issueTs = c.issue_ts
    token.salt = c.salt
    for (const s of c.services) {
      const built = service(s)
      for (const [privilege, expire] of s.privileges) built.add_privilege(privilege, expire)
      token.add_service(built)
    }
    return { id: c.id, token: token.build() }
  } catch (e) {
    return { id: c.id, error: String((e && e.message) || e) }
  }
})
process.stdout.write(JSON.stringify(results))
