// The WebAssembly build has the native addon's exports and types (../index.d.ts is the one
// description of both).
export * from '../index'
