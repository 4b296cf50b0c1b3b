'use strict'
// The WebAssembly build for `require('@agora-token-rs/agora-token/wasm')`.
const { instantiate } = require('./api.cjs')
const { bytes } = require('./bytes.cjs')

module.exports = instantiate(bytes)
