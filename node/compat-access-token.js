'use strict'
// Drop-in replacement for npm `agora-access-token` 2.0.4 (legacy "006" tokens): the same
// exports, static methods and argument order. The builders are the native addon's, or the
// WebAssembly build's where no prebuild loads (main.cjs).

const { RtcTokenBuilder006, RtmTokenBuilder006 } = require('./main.cjs')

// upstream src/RtcTokenBuilder.js `Role`, exported as `RtcRole`.
const RtcRole = {
  // Deprecated upstream: same privileges as PUBLISHER.
  ATTENDEE: 0,
  PUBLISHER: 1,
  SUBSCRIBER: 2,
  // Deprecated upstream: same privileges as PUBLISHER.
  ADMIN: 101,
}

// upstream src/RtmTokenBuilder.js `Role`, exported as `RtmRole`.
const RtmRole = {
  Rtm_User: 1,
}

module.exports = {
  RtcTokenBuilder: RtcTokenBuilder006,
  RtcRole,
  RtmTokenBuilder: RtmTokenBuilder006,
  RtmRole,
}
