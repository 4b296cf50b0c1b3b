//! The legacy token families: AccessToken ("006"), DynamicKey 1–5 and the signaling token.
//!
//! New projects should use [`AccessToken2`](crate::AccessToken2); these exist so that
//! servers still issuing or checking the older formats can move to one implementation.
//! Each family is a module of its own; nothing is re-exported here, so every item has one path.

pub mod access_token;
pub mod dynamic_key;
pub mod dynamic_key5;
pub mod signaling;
