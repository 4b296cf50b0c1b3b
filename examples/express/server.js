'use strict'
// A token server with the routes of AgoraIO-Community/agora-token-service, the one the
// Agora UI Kits and docs samples call:
//
//   GET /rtc/:channel/:role/:tokentype/:uid[/]?expiry=3600   -> {"rtcToken": "007..."}
//   GET /rtm/:uid[/]?expiry=3600                              -> {"rtmToken": "007..."}
//   GET /ping                                                 -> {"message": "pong"}
//
// Errors are 400 with {"error", "message", "status": 400, "code"} (clients read either key).
// Differences from the Go service, on purpose: an unknown role or a uid above 2**32-1 is a
// 400 instead of a subscriber token or a wrapped uid; `1`/`host` mean publisher and
// `2`/`audience` subscriber (the docs' and samples' spelling).
//
// A sample, not a production server: anyone who can reach it gets tokens. Put caller
// authentication, CORS and rate limits in front of it (see the Rust token server).
//
//   APP_ID=... APP_CERTIFICATE=... PORT=8080 node server.js

const express = require('express')
const { buildRtcToken, buildRtmToken, validateCredentials } = require('@agora-token-rs/agora-token')

const DEFAULT_EXPIRY = 3600

class BadRequest extends Error {
  constructor(message, code = 'invalid_argument') {
    super(message)
    this.code = code
  }
}

// `?expiry=` in seconds: decimal digits only (no wrapping, no "1e3"); absent means 3600.
function expiry(query) {
  if (query.expiry === undefined) return DEFAULT_EXPIRY
  if (typeof query.expiry !== 'string' || !/^\d+$/.test(query.expiry)) {
    throw new BadRequest(`expiry must be a whole number of seconds, got ${JSON.stringify(query.expiry)}`)
  }
  return Number(query.expiry)
}

// tokentype `uid` (a decimal uid, 0 = any user) or `userAccount` (a string account).
function user(tokentype, uid) {
  switch (tokentype.toLowerCase()) {
    case 'uid':
      if (!/^\d+$/.test(uid)) throw new BadRequest(`uid must be a decimal number for tokentype "uid", got ${JSON.stringify(uid)}`)
      return { uid: Number(uid) }
    case 'useraccount':
    case 'account':
      return { account: uid }
    default:
      throw new BadRequest(`token type is invalid: use "uid" or "userAccount", got ${JSON.stringify(tokentype)}`)
  }
}

function createApp({ appId, appCertificate }) {
  // Fail at start-up, not on the first request (the message never contains the certificate).
  validateCredentials(appId, appCertificate)
  const app = express()
  app.disable('x-powered-by')

  app.use((req, res, next) => {
    res.set({ 'Cache-Control': 'private, no-cache, no-store, must-revalidate', Expires: '-1', Pragma: 'no-cache' })
    next()
  })

  app.get('/ping', (req, res) => res.json({ message: 'pong' }))

  app.get('/rtc/:channel/:role/:tokentype/:uid', (req, res) => {
    const { channel, role, tokentype, uid } = req.params
    const seconds = expiry(req.query)
    const rtcToken = buildRtcToken({
      appId,
      appCertificate,
      channelName: channel,
      ...user(tokentype, uid),
      role,
      tokenExpire: seconds,
      privilegeExpire: seconds,
    })
    res.json({ rtcToken })
  })

  app.get('/rtm/:uid', (req, res) => {
    const { uid } = req.params
    if (uid === '0') throw new BadRequest('invalid RTM User ID: "0"')
    const seconds = expiry(req.query)
    res.json({ rtmToken: buildRtmToken({ appId, appCertificate, userId: uid, expire: seconds }) })
  })

  // Library errors carry the core's `code`; input errors become 400 with both keys clients read.
  app.use((err, req, res, next) => {
    if (!(err instanceof Error) || typeof err.code !== 'string') return next(err)
    const status = 400
    res.status(status).json({ error: err.message, message: err.message, status, code: err.code })
  })

  return app
}

module.exports = { createApp }

if (require.main === module) {
  const { APP_ID, APP_CERTIFICATE } = process.env
  const port = Number(process.env.SERVER_PORT || process.env.PORT || 8080)
  let app
  try {
    app = createApp({ appId: APP_ID ?? '', appCertificate: APP_CERTIFICATE ?? '' })
  } catch (err) {
    console.error(`configuration error: ${err.message} (set APP_ID and APP_CERTIFICATE)`)
    process.exit(1)
  }
  app.listen(port, () => console.log(`token server listening on port ${port}`))
}
