'use strict'
// The package's main entry: the native addon where a prebuild for this platform loads, the
// WebAssembly build (wasm/) everywhere else. Both export the same names with the same types
// (index.d.ts). AGORA_TOKEN_WASM=1 forces the WebAssembly build (the `./wasm` entry does too).
function load() {
  if (process.env.AGORA_TOKEN_WASM === '1') return require('./wasm/index.cjs')
  try {
    return require('./index.js')
  } catch (nativeError) {
    try {
      return require('./wasm/index.cjs')
    } catch (wasmError) {
      throw new AggregateError([nativeError, wasmError], 'neither the native addon nor the WebAssembly build loaded')
    }
  }
}

module.exports = load()
