//! The agora-token core compiled to WebAssembly (`wasm32-unknown-unknown`) for browsers, Deno,
//! Bun, edge runtimes and Node platforms without a native prebuild.
//!
//! The module speaks JSON: the host writes a request (`{"op": "buildRtcToken", ...}`) into
//! memory it got from `agora_alloc`, calls `agora_call`, and reads a response
//! (`{"ok": ...}` or `{"error": {"code", "message"}}`). That keeps this crate a thin
//! translation of names and argument shapes (every rule stays in the core), needs no
//! generated glue (no wasm-bindgen), and lets one small JavaScript loader
//! (`node/wasm/api.mjs`) serve every host. The clock and the randomness come from the host:
//! the loader passes the issue time and `now` in every request, and salts are drawn through
//! the imported `env.random_fill` (`crypto.getRandomValues`).

mod compat;
mod ops;

pub use ops::call;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod abi;
