// The test tools scripts/test-wasm.sh installs (scripts/wasm-tools: playwright-core, esbuild,
// bun) and a static file server on loopback for the browser tests.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { extname, join, normalize, sep } from 'node:path'

export function toolsRequire() {
  const dir = process.env.AGORA_WASM_TOOLS
  if (!dir) throw new Error('AGORA_WASM_TOOLS is not set: run scripts/test-wasm.sh, which installs the test tools')
  return createRequire(join(dir, 'noop.js'))
}

export const toolsBin = name => join(process.env.AGORA_WASM_TOOLS ?? '', '.bin', name)

/** Headless Debian chromium (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = toolsRequire()('playwright-core')
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' }

/** Serves the files under `root` on 127.0.0.1 at a free port; returns { url, close }. */
export async function serveDirectory(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname)))
    const file = path.endsWith(sep) ? join(path, 'index.html') : path
    if (!file.startsWith(root)) return response.writeHead(403).end()
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise(resolve => server.close(resolve)) }
}
