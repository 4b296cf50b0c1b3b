//! The defaults the core uses when no issue time or salt is given.
//!
//! The drop-in `AccessToken2` reads these at construction, as upstream does (its `issueTs`
//! and `salt` are set then), so the JavaScript layer never draws time or randomness itself.

use napi_derive::napi;

use crate::error::{CoreResultExt, Result};

/// The current Unix time in seconds, as the core packs it (core `clock::now`).
#[napi]
pub fn unix_now() -> Result<u32> {
    agora_token::clock::now().js()
}

/// A random salt in 1..=99999999 from the operating system (core `clock::random_salt`).
#[napi]
pub fn random_salt() -> Result<u32> {
    agora_token::clock::random_salt().js()
}
