//! Node.js addon for Agora access tokens: a thin napi-rs layer over the `agora-token` core.
//!
//! Published on npm as `@agora-token-rs/agora-token` (see `node/`). Two layers share this
//! addon: the idiomatic one (one options object per builder, `verify`, `decodeUnverified`,
//! `explain`)
//! and the drop-in builders of npm `agora-token` / `agora-access-token` (`compat`), which
//! `node/compat.js` completes with the pure-JavaScript pieces (`RtcRole`, `Rtm2Permissions`,
//! `AccessToken2` and the service classes).
//!
//! The binding only translates names, argument shapes and errors: every rule lives in the
//! core. Errors are thrown as `Error`s whose `code` is the core's `Error::code()` (typed
//! `ErrorCode` in index.d.ts, whose hand-written head is `node/index.d.ts.header`). Exported
//! structs carry their JavaScript names, so napi writes no alias type for them.
//!
//! One file per core area: `access_token2` (generic builder, decoding, verify),
//! `services`, `builders` (the upstream builder functions), `explain`, `legacy`
//! (006, DynamicKey, signaling), `compat` (the drop-in classes), `warning` (the drop-in layer's
//! `process.emitWarning`), `loose` (the drop-in layer's reading of loose JavaScript values), plus `clock` (default time and salt), `credentials`, `args` (argument
//! checks) and `error`.

// napi compiles its registration glue out under cfg(test), which `cargo clippy --all-targets`
// checks, so there every exported item looks unused.
#![cfg_attr(test, allow(dead_code))]

mod access_token2;
mod args;
mod builders;
mod clock;
mod compat;
mod credentials;
mod error;
mod explain;
mod legacy;
mod loose;
mod services;
mod warning;
