// The token debugger page: decodes with the agora-token core compiled to WebAssembly.
// Decoding, verification and the join/publish verdict are the core's `explain`; this file only
// lays the answer out. It makes one request, for the module, when the page loads.
import { instantiate } from './agora-token-api.mjs'

const $ = id => document.getElementById(id)
const status = $('status')
const result = $('result')

const module = await WebAssembly.compile(await (await fetch('agora_token.wasm')).arrayBuffer())
const api = instantiate(module)
status.textContent = 'Paste a token.'

// "2 h 5 min", "3 days 4 h", "45 s".
function inWords(seconds) {
  const units = [['day', 86400], ['h', 3600], ['min', 60], ['s', 1]]
  const parts = []
  let rest = Math.abs(seconds)
  for (const [name, size] of units) {
    const count = Math.floor(rest / size)
    if (count > 0) {
      parts.push(name === 'day' ? `${count} day${count === 1 ? '' : 's'}` : `${count} ${name}`)
      rest -= count * size
    }
    if (parts.length === 2) break
  }
  return parts.length ? parts.join(' ') : '0 s'
}

const date = unix => new Date(unix * 1000).toISOString().replace('.000Z', 'Z')

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value)
  for (const child of children) node.append(child instanceof Node ? child : String(child))
  return node
}

const badge = (kind, text, testid) => element('span', { class: `badge ${kind}`, ...(testid ? { 'data-testid': testid } : {}) }, text)

function expiryBadge(expiresAt, now, testid) {
  return expiresAt > now
    ? badge('ok', `expires in ${inWords(expiresAt - now)}`, testid)
    : badge('bad', `expired ${inWords(now - expiresAt)} ago`, testid)
}

function row(label, ...value) {
  return element('tr', {}, element('th', {}, label), element('td', {}, ...value))
}

function card(title, testid, ...children) {
  return element('section', { class: 'card', 'data-testid': testid }, element('h2', {}, title), ...children)
}

function privilegeText(privilege, explanation) {
  if (privilege.expiresAt === undefined) return [`${privilege.name}: no limit of its own`]
  const when = `${date(privilege.expiresAt)}`
  return [`${privilege.name}: until ${when}`, expiryBadge(privilege.expiresAt, explanation.now)]
}

function render(explanation) {
  const now = explanation.now
  const overview = element('table', {},
    row('Version', element('code', { 'data-testid': 'version' }, explanation.version)),
    row('App ID', element('code', { 'data-testid': 'app-id' }, explanation.appId)),
    ...(explanation.issuedAt !== undefined ? [row('Issued at', element('span', { 'data-testid': 'issued-at' }, date(explanation.issuedAt)))] : []),
    ...(explanation.lifetime !== undefined ? [row('Lifetime', `${explanation.lifetime} s (${inWords(explanation.lifetime)})`)] : []),
    row('Expires at', element('span', { 'data-testid': 'expires-at' }, date(explanation.expiresAt)), expiryBadge(explanation.expiresAt, now, 'expiry-badge')),
    row('Salt', element('code', { 'data-testid': 'salt' }, explanation.salt)),
    row('Signature', {
      valid: badge('ok', 'valid for this certificate', 'signature'),
      invalid: badge('bad', 'does not match this certificate', 'signature'),
      not_checked: badge('neutral', 'not checked (enter the certificate)', 'signature'),
    }[explanation.signature]),
  )
  const sections = [card('Token', 'overview', overview)]

  for (const service of explanation.services) {
    const table = element('table', {})
    for (const field of service.fields) {
      const value = [element('code', {}, field.value === '' ? '""' : field.value)]
      if (field.wildcard) value.push(badge('warn', field.name === 'channel' ? 'wildcard: any channel' : 'wildcard: any user', 'wildcard'))
      table.append(row(field.name, ...value))
    }
    for (const privilege of service.privileges) {
      table.append(row(`privilege ${privilege.code}`, ...privilegeText(privilege, explanation)))
    }
    sections.push(card(`${service.name} (service ${service.type})`, 'service', table))
  }

  if (explanation.access) {
    const a = explanation.access
    const yes = (ok, what) => badge(ok ? 'ok' : 'bad', `${ok ? 'can' : 'cannot'} ${what}`, `verdict-${what.replaceAll(' ', '-')}`)
    const verdict = element('div', {}, yes(a.canJoin, 'join'), yes(a.canPublishAudio, 'publish audio'), yes(a.canPublishVideo, 'publish video'), yes(a.canPublishData, 'publish data'))
    const reasons = element('ul', { class: 'reasons', 'data-testid': 'reasons' }, ...a.reasons.map(r => element('li', { 'data-code': r.code }, r.message)))
    sections.push(card(`Verdict${a.channelName !== undefined ? ` for channel "${a.channelName}"` : ''}${a.user !== undefined ? `, user "${a.user}"` : ''}`, 'verdict', verdict, reasons))
  }
  if (explanation.warnings.length) {
    sections.push(card('Warnings', 'warnings', element('ul', { class: 'warnings' }, ...explanation.warnings.map(w => element('li', {}, w)))))
  }
  result.replaceChildren(...sections)
  result.hidden = false
}

function update() {
  const token = $('token').value.trim()
  if (!token) {
    result.hidden = true
    status.className = 'status'
    status.textContent = 'Paste a token.'
    return
  }
  const options = {}
  const certificate = $('certificate').value.trim()
  const channel = $('channel').value
  const user = $('user').value.trim()
  if (certificate) options.appCertificate = certificate
  if (channel) options.channelName = channel
  if (user) {
    // Digits are a numeric uid (joinChannel); anything else is a string account.
    if (/^\d+$/.test(user) && Number(user) <= 4294967295) options.uid = Number(user)
    else options.account = user
  }
  try {
    render(api.explain(token, options))
    status.className = 'status'
    status.textContent = 'Decoded in this page.'
  } catch (error) {
    result.hidden = true
    status.className = 'status error'
    status.textContent = `${error.message} (${error.code})`
  }
}

for (const id of ['token', 'certificate', 'channel', 'user']) $(id).addEventListener('input', update)
document.body.dataset.ready = 'true'
update()
