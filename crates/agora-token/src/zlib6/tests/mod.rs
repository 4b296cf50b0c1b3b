//! Proof that the encoder equals stock zlib level 6 (flate2's zlib backend, i.e. libz-sys'
//! vendored zlib 1.3.x), byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod equivalence;
mod properties;
