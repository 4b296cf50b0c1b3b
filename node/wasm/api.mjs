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
// implements the same names, so code written against one loads with the other.
const NATIVE_EXPORTS = [
  'ApaasTokenBuilder', 'ChatTokenBuilder', 'ConvoAITokenBuilder', 'Credentials', 'EducationTokenBuilder',
  'FpaTokenBuilder', 'RtcTokenBuilder', 'RtcTokenBuilder006', 'RtmTokenBuilder', 'RtmTokenBuilder006',
  'SttTokenBuilder', 'buildAccessToken006', 'buildApaasAppToken', 'buildApaasRoomUserToken',
  'buildApaasUserToken', 'buildChatAppToken', 'buildChatUserToken', 'buildConvoAiToken', 'buildDynamicKey',
  'buildDynamicKey5', 'buildFpaToken', 'buildRtcToken', 'buildRtcTokenWithPrivileges',
  'buildRtcTokenWithRtm', 'buildRtcTokenWithRtmExpiries', 'buildRtm2Token', 'buildRtmToken',
  'buildSignalingToken', 'buildSttToken', 'buildToken', 'compatBuildToken', 'compatWarningCodes',
  'decodeAccessToken006Unverified', 'decodeUnverified', 'errorCodes', 'explain', 'randomSalt', 'reasonCodes',
  'sdkErrorCodes', 'serviceTypes', 'unixNow', 'validateCredentials', 'verify', 'verifyAccessToken006',
]

const unixNow = () => Math.floor(Date.now() / 1000)

// The depth to which `view` follows objects: compatBuildToken's RTM2 resource names sit at 7.
const VIEW_DEPTH = 12

// JSON has no literal for NaN, the infinities and -0: they travel by name (`s`).
function setNumber(view, number) {
  if (Number.isFinite(number) && !Object.is(number, -0)) view.n = number
  else view.s = Object.is(number, -0) ? '-0' : String(number)
}

// Strings cross as UTF-8, as napi and npm's Buffer write them: a lone surrogate becomes U+FFFD.
// JSON.stringify escapes exactly the lone ones (as \udXXX; a backslash of the text would be
// doubled), and serde refuses those escapes, so they are replaced in the JSON text.
const LONE_SURROGATE_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g
// JSON.stringify also writes NaN and the infinities as null, which an optional field would take
// for "left out" (a NaN salt would become a random one): when the text has a null, they are
// written as their names instead, which the module refuses as numbers (invalid_argument).
const nonFiniteAsText = (key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value)
const toJson = request => {
  let json = JSON.stringify(request)
  if (json.includes('null')) json = JSON.stringify(request, nonFiniteAsText)
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE_ESCAPE, '\\ufffd') : json
}

/**
 * A JavaScript value as the core's drop-in readings need it (crates/agora-token-wasm/src/compat.rs
 * `JsView`): finite numbers and non-numeric strings as themselves, anything else as an object
 * with short keys (a call sends many): its type `t` and JavaScript's own `+value` (`n`, or
 * `s` by name) and `${value}` (`x`; for numbers the module writes it as JavaScript does), what a
 * conversion threw (`e`), the `for...in` entries of objects (`o`) and the elements of arrays (`a`).
 */
function view(value, depth = 0) {
  const type = value === null ? 'null' : typeof value
  // The common arguments cross as themselves (the module reads them so): finite numbers, and
  // strings that are not numbers.
  if (type === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return value
  if (type === 'string' && Number.isNaN(+value)) return value
  const result = { t: type }
  if (type === 'number') {
    setNumber(result, value)
    return result
  }
  if (type === 'symbol') return result
  try {
    result.x = `${value}`
    if (type !== 'bigint') setNumber(result, +value)
  } catch (error) {
    result.e = String(error?.message ?? error)
  }
  if ((type === 'object' || type === 'function') && depth < VIEW_DEPTH) {
    result.o = []
    // npm reads the keys with for...in, inherited enumerable ones included.
    for (const key in value) result.o.push([view(key), view(value[key], depth + 1)])
    if (Array.isArray(value)) result.a = Array.from(value, element => view(element, depth + 1))
  }
  return result
}

// The drop-in layer's warnings, as the native addon emits them: process.emitWarning where the
// host has it (Node, Bun, Deno's process), console.warn elsewhere (browsers, Workers).
function emitCompatWarning({ code, message }) {
  const emitWarning = globalThis.process?.emitWarning
  if (typeof emitWarning === 'function') {
    emitWarning.call(globalThis.process, message, { type: 'AgoraTokenCompatWarning', code })
  } else {
    globalThis.console?.warn?.(`AgoraTokenCompatWarning [${code}]: ${message}`)
  }
}

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
    // `op` first: the module reads drop-in calls (`compat`) without buffering the request.
    const request = encoder.encode(toJson({ op, ...options }))
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
  api.buildToken = options => call('buildToken', stamped(options))
  api.buildRtcToken = options => call('buildRtcToken', stamped(options))
  api.buildRtmToken = options => call('buildRtmToken', stamped(options))
  api.buildRtcTokenWithPrivileges = options => call('buildRtcTokenWithPrivileges', stamped(options))
  api.buildRtcTokenWithRtm = options => call('buildRtcTokenWithRtm', stamped(options))
  api.buildRtm2Token = options => call('buildRtm2Token', stamped(options))
  api.buildChatUserToken = options => call('buildChatUserToken', stamped(options))
  api.buildChatAppToken = options => call('buildChatAppToken', stamped(options))
  api.buildFpaToken = options => call('buildFpaToken', stamped(options))
  api.buildRtcTokenWithRtmExpiries = options => call('buildRtcTokenWithRtmExpiries', stamped(options))
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
  api.errorCodes = () => call('errorCodes', {})
  api.buildSignalingToken = options => call('buildSignalingToken', options)
  api.buildDynamicKey = options => call('buildDynamicKey', options)
  api.buildDynamicKey5 = options => call('buildDynamicKey5', options)
  api.buildAccessToken006 = options => call('buildAccessToken006', stamped(options))
  api.decodeAccessToken006Unverified = token => call('decodeAccessToken006Unverified', { token })
  api.verifyAccessToken006 = (token, appCertificate, channelName, uid) =>
    call('verifyAccessToken006', { token, appCertificate, channelName, uid })
  api.explain = (token, options = {}) => call('explain', { ...options, token, now: options?.now ?? unixNow() })
  api.reasonCodes = () => call('reasonCodes', {})
  api.sdkErrorCodes = () => call('sdkErrorCodes', {})
  api.serviceTypes = () => call('serviceTypes', {})
  api.decodeUnverified = token => call('decodeUnverified', { token })
  api.verify = (token, appCertificate) => call('verify', { token, appCertificate })
  api.unixNow = unixNow

  // The drop-in builders (npm agora-token 2.0.6 and agora-access-token 2.0.4): upstream's
  // positional arguments, read as npm reads them by the core (compat::javascript) from what
  // JavaScript makes of each one (`view`), with upstream's leniency and the native addon's
  // warnings, emitted here. Each method takes `arity` arguments, then `{ issuedAt, salt }`.
  function dropIn(method, arity) {
    return (...args) => {
      const options = args[arity] ?? {}
      const fixed = { issuedAt: options.issuedAt ?? unixNow(), salt: options.salt ?? undefined }
      const result = call('compat', { method, args: args.slice(0, arity).map(value => view(value)), options: fixed })
      for (const warning of result.warnings) emitCompatWarning(warning)
      if (result.error) {
        const error = new Error(result.error.message)
        error.code = result.error.code
        throw error
      }
      return result.token
    }
  }
  // A class of static drop-in methods; `recipe` names the native class whose methods it shares.
  const dropInClass = (name, methods, recipe = name) => {
    const builder = { [name]: class {} }[name]
    for (const [method, arity] of Object.entries(methods)) builder[method] = dropIn(`${recipe}.${method}`, arity)
    return builder
  }
  const RtcTokenBuilder = dropInClass('RtcTokenBuilder', {
    buildTokenWithUid: 7,
    buildTokenWithUserAccount: 7,
    buildTokenWithUidAndPrivilege: 9,
    buildTokenWithUserAccountAndPrivilege: 9,
    buildTokenWithRtm: 7,
    buildTokenWithRtm2: 12,
  })
  // upstream's capitalised name of the same method.
  RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege = RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege
  const RtmTokenBuilder = dropInClass('RtmTokenBuilder', { buildToken: 4, buildTokenWithPermissions: 5 })
  const ChatTokenBuilder = dropInClass('ChatTokenBuilder', { buildUserToken: 4, buildAppToken: 3 })
  const apaasMethods = { buildRoomUserToken: 6, buildUserToken: 4, buildAppToken: 3 }
  const ApaasTokenBuilder = dropInClass('ApaasTokenBuilder', apaasMethods)
  // Identical to ApaasTokenBuilder, as upstream.
  const EducationTokenBuilder = dropInClass('EducationTokenBuilder', apaasMethods, 'ApaasTokenBuilder')
  const FpaTokenBuilder = dropInClass('FpaTokenBuilder', { buildToken: 2 })
  const ConvoAITokenBuilder = dropInClass('ConvoAITokenBuilder', { buildToken: 12 })
  const SttTokenBuilder = dropInClass('SttTokenBuilder', { buildToken: 12 })
  const RtcTokenBuilder006 = dropInClass('RtcTokenBuilder006', { buildTokenWithUid: 6, buildTokenWithAccount: 6 })
  const RtmTokenBuilder006 = dropInClass('RtmTokenBuilder006', { buildToken: 5 })
  // The drop-in AccessToken2.build() (compat.js): one argument, the token's fields.
  api.compatBuildToken = options => {
    const { issuedAt, salt, ...rest } = options
    return dropIn('compatBuildToken', 1)({ ...rest, issuedAt, salt }, {})
  }

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

  api.Credentials = Credentials
  api.RtcTokenBuilder = RtcTokenBuilder
  api.RtcTokenBuilder006 = RtcTokenBuilder006
  api.RtmTokenBuilder006 = RtmTokenBuilder006
  api.RtmTokenBuilder = RtmTokenBuilder
  api.ChatTokenBuilder = ChatTokenBuilder
  api.ApaasTokenBuilder = ApaasTokenBuilder
  api.EducationTokenBuilder = EducationTokenBuilder
  api.FpaTokenBuilder = FpaTokenBuilder
  api.ConvoAITokenBuilder = ConvoAITokenBuilder
  api.SttTokenBuilder = SttTokenBuilder
  return Object.freeze(api)
}

export { instantiate, NATIVE_EXPORTS }
