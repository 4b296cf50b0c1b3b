//! The defaults the core uses when no issue time or salt is given (core [`agora_token::clock`]).
//!
//! The drop-in `AccessToken2` reads these at construction, as upstream does (its `issueTs`
//! and `salt` are set then), so the Kotlin layer never draws time or randomness itself.

use crate::error::FfiResult;

/// The current Unix time in seconds, as the core packs it (core `clock::now`).
///
/// # Errors
/// `Clock` if the system clock is before 1970 or after 2106.
#[uniffi::export]
pub fn unix_now() -> FfiResult<u32> {
    Ok(agora_token::clock::now()?)
}

/// A random salt in 1..=99999999 from the operating system (core `clock::random_salt`).
///
/// # Errors
/// `Randomness` if the operating system's random source fails.
#[uniffi::export]
pub fn random_salt() -> FfiResult<u32> {
    Ok(agora_token::clock::random_salt()?)
}
