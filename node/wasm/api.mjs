// The WebAssembly build of the agora-token core, for any JavaScript host: browsers, Deno, Bun,
// edge runtimes, and Node platforms without a native prebuild. Host-neutral on purpose: no
// `fs`, no `Buffer`, no `process`; the clock is `Date.now()` and randomness is
// `crypto.getRandomValues`. The entries (index.mjs / index.cjs, web/) hand it the module.
//
// The module speaks JSON (crates/agora-token-wasm): each function here adds the issue time or
// `now` when the caller left it out, sends the options object, and turns an error response
// into an `Error` with the core's `code`. Every rule is in the Rust core.
//
// GENERATED FROM: nothing. build.mjs derives api.cjs (CommonJS) from this file.

// Every export of the native addon (node/index.js), in its order. The WebAssembly build
// exports the same names, so code written against one loads with the other; the names in
// NOT_IN_WASM throw `not_in_wasm` until they are ported (see node/README.md).
const NATIVE_EXPORTS = [
  'ApaasTokenBuilder', 'JsApaasTokenBuilder', 'ChatTokenBuilder', 'JsChatTokenBuilder',
  'ConvoAITokenBuilder', 'JsConvoAiTokenBuilder', 'Credentials', 'JsCredentials', 'EducationTokenBuilder',
  'JsEducationTokenBuilder', 'FpaTokenBuilder', 'JsFpaTokenBuilder', 'RtcTokenBuilder', 'JsRtcTokenBuilder',
  'RtcTokenBuilder006', 'JsRtcTokenBuilder006', 'RtmTokenBuilder', 'JsRtmTokenBuilder',
  'RtmTokenBuilder006', 'JsRtmTokenBuilder006', 'SttTokenBuilder', 'JsSttTokenBuilder',
  'buildAccessToken006', 'buildApaasAppToken', 'buildApaasRoomUserToken', 'buildApaasUserToken',
  'buildChatAppToken', 'buildChatUserToken', 'buildConvoAiToken', 'buildDynamicKey', 'buildDynamicKey5',
  'buildFpaToken', 'buildRtcToken', 'buildRtcTokenWithPrivileges', 'buildRtcTokenWithRtm',
  'buildRtcTokenWithRtm2', 'buildRtmToken', 'buildRtmTokenWithPermissions', 'buildSignalingToken',
  'buildSttToken', 'buildToken', 'compatBuildToken', 'compatWarningCodes', 'decode',
  'decodeAccessToken006', 'explain', 'randomSalt', 'reasonCodes', 'sdkErrorCodes', 'serviceTypes', 'unixNow',
  'validateCredentials', 'verify', 'verifyAccessToken006',
]

const unixNow = () => Math.floor(Date.now() / 1000)

/**
 * Instantiates the module (a `WebAssembly.Module`, or its bytes) and returns the API: an object
 * with every name of NATIVE_EXPORTS. Synchronous, so CommonJS `require` works too.
 */
function instantiate(moduleOrBytes) {
  const module = moduleOrBytes instanceof WebAssembly.Module ? moduleOrBytes : new WebAssembly.Module(moduleOrBytes)
  let memory = null
  const imports = {
    env: {
      // getrandom's source (crates/agora-token-wasm/src/abi.rs); 0 = filled.
      random_fill(ptr, len) {
        try {
          // getRandomValues takes at most 65536 bytes at a time.
          for (let at = 0; at < len; at += 65536) {
            globalThis.crypto.getRandomValues(new Uint8Array(memory.buffer, ptr + at, Math.min(65536, len - at)))
          }
          return 0
        } catch {
          return 1
        }
      },
    },
  }
  const { exports: wasm } = new WebAssembly.Instance(module, imports)
  memory = wasm.memory
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()

  function call(op, options) {
    const request = encoder.encode(JSON.stringify({ ...options, op }))
    const ptr = wasm.agora_alloc(request.length)
    new Uint8Array(memory.buffer, ptr, request.length).set(request)
    const length = wasm.agora_call(ptr, request.length)
    const response = JSON.parse(decoder.decode(new Uint8Array(memory.buffer, wasm.agora_response_ptr(), length)))
    if (response.error) {
      const error = new Error(response.error.message)
      error.code = response.error.code
      throw error
    }
    return response.ok
  }

  const stamped = options => ({ ...options, issuedAt: options.issuedAt ?? unixNow() })
  const api = {}
  for (const name of NATIVE_EXPORTS) {
    api[name] = function notInWasm() {
      const error = new Error(`${name} is not in the WebAssembly build yet; use the native addon (see the package README)`)
      error.code = 'not_in_wasm'
      throw error
    }
  }

  api.buildToken = options => call('buildToken', stamped(options))
  api.buildRtcToken = options => call('buildRtcToken', stamped({ privilegeExpire: 0, ...options }))
  api.buildRtmToken = options => call('buildRtmToken', stamped(options))
  api.buildRtcTokenWithPrivileges = options => call('buildRtcTokenWithPrivileges', stamped(options))
  api.buildRtcTokenWithRtm = options => call('buildRtcTokenWithRtm', stamped(options))
  api.buildRtmTokenWithPermissions = options => call('buildRtmTokenWithPermissions', stamped(options))
  api.buildChatUserToken = options => call('buildChatUserToken', stamped(options))
  api.buildChatAppToken = options => call('buildChatAppToken', stamped(options))
  api.buildFpaToken = options => call('buildFpaToken', stamped(options))
  api.buildRtcTokenWithRtm2 = options => call('buildRtcTokenWithRtm2', stamped(options))
  api.buildConvoAiToken = options => call('buildConvoAiToken', stamped(options))
  api.buildSttToken = options => call('buildSttToken', stamped(options))
  api.buildApaasRoomUserToken = options => call('buildApaasRoomUserToken', stamped(options))
  api.buildApaasUserToken = options => call('buildApaasUserToken', stamped(options))
  api.buildApaasAppToken = options => call('buildApaasAppToken', stamped(options))
  api.randomSalt = () => call('randomSalt', {})
  api.validateCredentials = (appId, appCertificate) => {
    call('validateCredentials', { appId, appCertificate })
  }
  api.compatWarningCodes = () => call('compatWarningCodes', {})
  api.buildSignalingToken = options => call('buildSignalingToken', options)
  api.buildDynamicKey = options => call('buildDynamicKey', options)
  api.buildDynamicKey5 = options => call('buildDynamicKey5', options)
  api.buildAccessToken006 = options => call('buildAccessToken006', stamped(options))
  api.decodeAccessToken006 = token => call('decodeAccessToken006', { token })
  api.verifyAccessToken006 = (token, appCertificate, channelName, uid) =>
    call('verifyAccessToken006', { token, appCertificate, channelName, uid })
  api.explain = (token, options = {}) => call('explain', { ...options, token, now: options?.now ?? unixNow() })
  api.reasonCodes = () => call('reasonCodes', {})
  api.sdkErrorCodes = () => call('sdkErrorCodes', {})
  api.decode = token => call('decode', { token })
  api.verify = (token, appCertificate) => call('verify', { token, appCertificate })
  api.unixNow = unixNow

  // The drop-in builders: upstream's positional arguments, the core's rules.
  class RtcTokenBuilder {
    static buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire = 0, options = {}) {
      const user = typeof uid === 'string' ? { account: uid } : { uid }
      return api.buildRtcToken({ ...options, appId, appCertificate, channelName, ...user, role, tokenExpire, privilegeExpire })
    }

    static buildTokenWithUserAccount(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire = 0, options = {}) {
      const user = typeof account === 'number' ? { uid: account } : { account }
      return api.buildRtcToken({ ...options, appId, appCertificate, channelName, ...user, role, tokenExpire, privilegeExpire })
    }
  }
  class RtmTokenBuilder {
    static buildToken(appId, appCertificate, userId, expire, options = {}) {
      return api.buildRtmToken({ ...options, appId, appCertificate, userId, expire })
    }
  }
  // The RTC user of the drop-in builders: a number is a uid, a string an account.
  const rtcUser = user => (typeof user === 'number' ? { uid: user } : { account: user })
  const expiries = (joinChannel, publishAudio, publishVideo, publishData) => ({ joinChannel, publishAudio, publishVideo, publishData })
  Object.assign(RtcTokenBuilder, {
    buildTokenWithUidAndPrivilege(appId, appCertificate, channelName, uid, tokenExpire, join, audio, video, data, options = {}) {
      return api.buildRtcTokenWithPrivileges({ ...options, appId, appCertificate, channelName, ...rtcUser(uid), tokenExpire, privileges: expiries(join, audio, video, data) })
    },
    BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, channelName, account, tokenExpire, join, audio, video, data, options = {}) {
      return api.buildRtcTokenWithPrivileges({ ...options, appId, appCertificate, channelName, ...rtcUser(account), tokenExpire, privileges: expiries(join, audio, video, data) })
    },
    buildTokenWithRtm(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire = 0, options = {}) {
      return api.buildRtcTokenWithRtm({ ...options, appId, appCertificate, channelName, ...rtcUser(account), role, tokenExpire, privilegeExpire })
    },
  })
  RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege = RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege
  // buildTokenWithRtm2 and the ConvoAI / STT builders: twelve positional arguments.
  const withRtm2 = build => (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, join, audio, video, data, rtmUserId, rtmTokenExpire, options = {}) =>
    build({ ...options, appId, appCertificate, channelName, ...rtcUser(rtcAccount), role: rtcRole, tokenExpire: rtcTokenExpire, privileges: expiries(join, audio, video, data), rtmUserId, rtmTokenExpire })
  RtcTokenBuilder.buildTokenWithRtm2 = withRtm2(api.buildRtcTokenWithRtm2)
  RtmTokenBuilder.buildTokenWithPermissions = (appId, appCertificate, userId, permissions, expire, options = {}) =>
    api.buildRtmTokenWithPermissions({ ...options, appId, appCertificate, userId, permissions: permissions.details, expire })
  class ChatTokenBuilder {
    static buildUserToken(appId, appCertificate, userId, expire, options = {}) {
      return api.buildChatUserToken({ ...options, appId, appCertificate, userId, expire })
    }

    static buildAppToken(appId, appCertificate, expire, options = {}) {
      return api.buildChatAppToken({ ...options, appId, appCertificate, expire })
    }
  }
  class ApaasTokenBuilder {
    static buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire, options = {}) {
      return api.buildApaasRoomUserToken({ ...options, appId, appCertificate, roomUuid, userUuid, role, expire })
    }

    static buildUserToken(appId, appCertificate, userUuid, expire, options = {}) {
      return api.buildApaasUserToken({ ...options, appId, appCertificate, userId: userUuid, expire })
    }

    static buildAppToken(appId, appCertificate, expire, options = {}) {
      return api.buildApaasAppToken({ ...options, appId, appCertificate, expire })
    }
  }
  class EducationTokenBuilder extends ApaasTokenBuilder {}
  class FpaTokenBuilder {
    static buildToken(appId, appCertificate, options = {}) {
      return api.buildFpaToken({ ...options, appId, appCertificate })
    }
  }
  class ConvoAITokenBuilder {}
  ConvoAITokenBuilder.buildToken = withRtm2(api.buildConvoAiToken)
  class SttTokenBuilder {}
  SttTokenBuilder.buildToken = withRtm2(api.buildSttToken)

  // The native Credentials: checked on creation; the certificate is no own property, so
  // JSON.stringify and spreading never show it. fromEnv reads the host's environment where
  // there is one (Node, Bun, Deno's process); the core checks the values and names what is missing.
  class Credentials {
    #appId
    #appCertificate

    constructor(appId, appCertificate) {
      api.validateCredentials(appId, appCertificate)
      this.#appId = appId
      this.#appCertificate = appCertificate
    }

    static fromEnv() {
      const environment = globalThis.process?.env ?? {}
      const variables = {}
      for (const name of ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE']) {
        if (typeof environment[name] === 'string') variables[name] = environment[name]
      }
      const { appId, appCertificate } = call('credentialsFromEnv', { variables })
      return new Credentials(appId, appCertificate)
    }

    get appId() {
      return this.#appId
    }

    get appCertificate() {
      return this.#appCertificate
    }

    toJSON() {
      return { appId: this.#appId }
    }
  }

  api.Credentials = api.JsCredentials = Credentials
  api.RtcTokenBuilder = api.JsRtcTokenBuilder = RtcTokenBuilder
  api.RtmTokenBuilder = api.JsRtmTokenBuilder = RtmTokenBuilder
  api.ChatTokenBuilder = api.JsChatTokenBuilder = ChatTokenBuilder
  api.ApaasTokenBuilder = api.JsApaasTokenBuilder = ApaasTokenBuilder
  api.EducationTokenBuilder = api.JsEducationTokenBuilder = EducationTokenBuilder
  api.FpaTokenBuilder = api.JsFpaTokenBuilder = FpaTokenBuilder
  api.ConvoAITokenBuilder = api.JsConvoAiTokenBuilder = ConvoAITokenBuilder
  api.SttTokenBuilder = api.JsSttTokenBuilder = SttTokenBuilder
  return Object.freeze(api)
}

// The names this build implements; the rest of NATIVE_EXPORTS throw `not_in_wasm`.
const IN_WASM = Object.freeze([
  'RtcTokenBuilder', 'JsRtcTokenBuilder', 'RtmTokenBuilder', 'JsRtmTokenBuilder', 'ChatTokenBuilder',
  'JsChatTokenBuilder', 'ApaasTokenBuilder', 'JsApaasTokenBuilder', 'EducationTokenBuilder',
  'JsEducationTokenBuilder', 'FpaTokenBuilder', 'JsFpaTokenBuilder', 'ConvoAITokenBuilder',
  'JsConvoAiTokenBuilder', 'SttTokenBuilder', 'JsSttTokenBuilder',
  'buildToken', 'buildRtcToken', 'buildRtcTokenWithPrivileges', 'buildRtcTokenWithRtm', 'buildRtmToken',
  'buildRtmTokenWithPermissions', 'buildChatUserToken', 'buildChatAppToken', 'buildFpaToken',
  'buildRtcTokenWithRtm2', 'buildConvoAiToken', 'buildSttToken', 'buildApaasRoomUserToken',
  'buildApaasUserToken', 'buildApaasAppToken', 'randomSalt', 'buildAccessToken006', 'decodeAccessToken006',
  'verifyAccessToken006', 'validateCredentials', 'compatWarningCodes', 'buildSignalingToken', 'buildDynamicKey',
  'buildDynamicKey5', 'decode', 'verify', 'explain', 'unixNow', 'Credentials', 'JsCredentials', 'reasonCodes',
  'sdkErrorCodes',
])

export { instantiate, NATIVE_EXPORTS, IN_WASM }
