#![doc = include_str!("../README.md")]
// An FFI crate: every exported function dereferences caller pointers. Each unsafe block
// says why it is sound; the conventions are in `ffi`.
#![allow(unsafe_code)]

mod access_token2;
mod builders;
mod compat;
mod error;
mod explain;
mod ffi;
mod legacy;
mod options;
mod readings;
mod services;

pub use access_token2::AgoraTokenBuilder;
pub use compat::AgoraTokenWarnings;
pub use error::AgoraTokenStatus;
pub use options::{AgoraTokenOptions, AgoraTokenUserKind};
pub use readings::{AgoraTokenNumberField, AgoraTokenNumberKind};
pub use services::AgoraTokenRtm2Permissions;
