// node --import ./register-hook.mjs: installs wasm-import-hook.mjs (test-only).
import { register } from 'node:module'

register('./wasm-import-hook.mjs', import.meta.url)
