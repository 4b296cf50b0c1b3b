// The WebAssembly build has the native addon's exports and types (../index.d.ts is the one
// description of both); names outside IN_WASM throw an Error with code 'not_in_wasm'.
export * from '../index'
