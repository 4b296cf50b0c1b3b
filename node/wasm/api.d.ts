// Instantiating the WebAssembly build yourself, e.g. on Cloudflare Workers, which compile
// `.wasm` imports ahead of time and refuse to compile bytes at run time:
//   import module from '@agora-token-rs/agora-token/wasm/agora_token.wasm'
//   import { instantiate } from '@agora-token-rs/agora-token/wasm/api'
//   const { buildRtcToken } = instantiate(module)
export declare function instantiate(module: WebAssembly.Module | BufferSource): typeof import('../index')
/** Every export name of the native addon; the WebAssembly build has the same. */
export declare const NATIVE_EXPORTS: readonly string[]
