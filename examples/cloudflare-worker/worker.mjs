// A Cloudflare Worker (or any runtime with the `fetch` handler convention) that issues RTC
// tokens with the WebAssembly build. Workers compile `.wasm` imports ahead of time and refuse
// to compile bytes at run time, so this imports the module file and instantiates it.
//
//   GET /rtc/{channel}/{uid}?role=publisher|subscriber&expire=3600  ->  { "token": "007..." }
//
// Secrets: `wrangler secret put APP_CERTIFICATE`; APP_ID as a var.
import wasmModule from '@agora-token-rs/agora-token/wasm/agora_token.wasm'
import { instantiate } from '@agora-token-rs/agora-token/wasm/api'

const { buildRtcToken } = instantiate(wasmModule)

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const match = /^\/rtc\/([^/]+)\/(\d+)$/.exec(url.pathname)
    if (request.method !== 'GET' || !match) return json(404, { error: 'not_found', message: 'GET /rtc/{channel}/{uid}' })
    try {
      const token = buildRtcToken({
        appId: env.APP_ID,
        appCertificate: env.APP_CERTIFICATE,
        channelName: decodeURIComponent(match[1]),
        uid: Number(match[2]),
        role: url.searchParams.get('role') ?? 'publisher',
        tokenExpire: Number(url.searchParams.get('expire') ?? 3600),
        privilegeExpire: Number(url.searchParams.get('expire') ?? 3600),
      })
      return json(200, { token })
    } catch (error) {
      // The core's messages say what to fix and never contain the certificate.
      return json(400, { error: error.code, message: error.message })
    }
  },
}
