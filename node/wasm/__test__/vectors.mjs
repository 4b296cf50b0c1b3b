// The shared vectors (conformance/upstream.json) through the WebAssembly build, host-neutral
// (no node: imports) so the same checks run on Node, in Chromium and in Bun. Each check
// returns { id, error } with error null when it passed; the host reports them.

function serviceInput(s) {
  const input = { type: s.type, privileges: s.privileges }
  const names = { channel_name: 'channelName', uid: 'uid', account: 'account', user_id: 'userId', room_uuid: 'roomUuid', user_uuid: 'userUuid', role: 'role', permissions: 'permissions' }
  for (const [from, to] of Object.entries(names)) if (from in s) input[to] = s[from]
  return input
}

function expectedDecoded(s) {
  const { name, ...fields } = serviceInput(s)
  return fields
}

// Key order does not matter in the comparisons below.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical(value[k])]))
  }
  return value
}

function check(condition, message) {
  if (!condition) throw new Error(message)
}

function equal(actual, expected, what) {
  const a = JSON.stringify(canonical(actual))
  const e = JSON.stringify(canonical(expected))
  check(a === e, `${what}: got ${a}, expected ${e}`)
}

function throwsWith(fn, codes, what) {
  try {
    fn()
  } catch (error) {
    check(codes.includes(error.code), `${what}: threw ${error.code} (${error.message}), expected one of ${codes}`)
    return
  }
  throw new Error(`${what}: did not throw`)
}

/** Runs every vector through `api` (the WebAssembly build's exports). */
export function runVectors(api, vectors) {
  const checks = []
  const add = (id, fn) => checks.push({ id, fn })
  const family = prefix => vectors.filter(v => v.family.startsWith(prefix))
  const hasRole = (v, role) => v.kind.split('+').includes(role)

  for (const v of family('AccessToken2').filter(v => hasRole(v, 'build'))) {
    const i = v.inputs
    add(`${v.id}: buildToken`, () => {
      const token = api.buildToken({ appId: i.app_id, appCertificate: i.app_certificate, expire: i.expire, issuedAt: i.issue_ts, salt: i.salt, services: i.services.map(serviceInput) })
      equal(token, v.derived_c_zlib_level6_token ?? v.expected_token, 'stock zlib level 6 string')
    })
  }
  for (const v of family('AccessToken2').filter(v => hasRole(v, 'build') || hasRole(v, 'parse'))) {
    const i = v.inputs
    for (const token of [v.expected_token, v.derived_c_zlib_level6_token].filter(Boolean)) {
      add(`${v.id}: decode / verify / explain ${token.slice(0, 16)}`, () => {
        const payload = api.decodeUnverified(token)
        equal([payload.version, payload.appId, payload.issuedAt, payload.expire, payload.salt, payload.verified], ['007', i.app_id, i.issue_ts, i.expire, i.salt, false], 'payload')
        equal(payload.services.map(({ name, ...rest }) => rest), i.services.map(expectedDecoded), 'services')
        const explained = api.explain(token, { now: i.issue_ts })
        equal([explained.version, explained.appId, explained.salt, explained.services.length], ['007', i.app_id, i.salt, i.services.length], 'explain')
        if (i.app_certificate) {
          check(api.verify(token, i.app_certificate).verified === true, 'verify with the certificate')
          throwsWith(() => api.verify(token, '0'.repeat(32)), ['signature_mismatch'], 'verify with another certificate')
          equal(api.explain(token, { appCertificate: i.app_certificate, now: i.issue_ts }).signature, 'valid', 'explain signature')
        }
      })
    }
  }
  for (const v of family('AccessToken2').filter(v => v.kind === 'parse_invalid')) {
    add(`${v.id}: refused`, () => throwsWith(() => api.decodeUnverified(v.expected_token), ['wrong_version', 'invalid_base64', 'invalid_zlib', 'truncated'], 'decode'))
  }
  for (const v of family('AccessToken2').filter(v => v.kind === 'build_invalid')) {
    for (const c of v.cases) {
      add(`${v.id}: ${JSON.stringify([c.app_id, c.services])} refused`, () => {
        const services = c.services === 'rtc' ? [{ type: 1, channelName: 'c', uid: 1, privileges: { 1: 600 } }] : []
        const codes = c.services === 'rtc' ? ['invalid_app_id', 'invalid_app_certificate'] : ['no_services']
        throwsWith(() => api.buildToken({ appId: c.app_id, appCertificate: c.app_certificate, expire: 600, services }), codes, 'buildToken')
      })
    }
  }
  for (const v of family('AccessToken (006)').filter(v => v.kind !== 'parse_invalid')) {
    const i = v.inputs
    add(`${v.id}: buildAccessToken006, decode, verify`, () => {
      const user = i.uid === '' || /^[1-9]\d*$/.test(i.uid) ? { uid: i.uid === '' ? 0 : Number(i.uid) } : { account: i.uid }
      const token = api.buildAccessToken006({ appId: i.app_id, appCertificate: i.app_certificate, channelName: i.channel_name, ...user, privileges: i.privileges, expiresAt: i.ts, salt: i.salt })
      equal(token, v.expected_token, '006 string')
      equal(api.decodeAccessToken006Unverified(token), { version: '006', appId: i.app_id, salt: i.salt, expiresAt: i.ts, privileges: i.privileges, verified: false }, 'decoded')
      check(api.verifyAccessToken006(token, i.app_certificate, i.channel_name, i.uid).verified === true, 'verified')
    })
    add(`${v.id}: explain 006`, () => {
      const options = { appCertificate: i.app_certificate, channelName: i.channel_name, now: i.ts - 60 }
      if (i.uid === '' || /^[1-9]\d*$/.test(i.uid)) options.uid = i.uid === '' ? 0 : Number(i.uid)
      else options.account = i.uid
      const explained = api.explain(v.expected_token, options)
      equal([explained.version, explained.appId, explained.salt, explained.signature], ['006', i.app_id, i.salt, 'valid'], 'explain')
    })
  }
  return checks.map(({ id, fn }) => {
    try {
      fn()
      return { id, error: null }
    } catch (error) {
      return { id, error: String(error && error.stack || error) }
    }
  })
}
