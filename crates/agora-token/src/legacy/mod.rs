//! The legacy token families: AccessToken ("006"), DynamicKey 1–5 and the signaling token.
//!
//! New projects should use [`AccessToken2`](crate::AccessToken2); these exist so that
//! servers still issuing or checking the older formats can move to one implementation.

pub mod access_token;
pub mod dynamic_key;
pub mod dynamic_key5;
pub mod signaling;

pub use access_token::{AccessToken, Privilege006, Role006, UnverifiedAccessToken};
pub use dynamic_key::{Dk4Service, DynamicKeyInput};
pub use dynamic_key5::{Dk5Service, UploadPermission};
