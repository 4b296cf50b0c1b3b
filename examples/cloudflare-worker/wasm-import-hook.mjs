// Test-only: gives Node the Workers semantics of `import m from './x.wasm'` (the default export
// is a compiled WebAssembly.Module), so worker.mjs runs unchanged under `node --test`.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.wasm')) return nextLoad(url, context)
  const path = JSON.stringify(fileURLToPath(url))
  return {
    format: 'module',
    shortCircuit: true,
    source: `import { readFileSync } from 'node:fs'\nexport default new WebAssembly.Module(readFileSync(${path}))\n`,
  }
}
