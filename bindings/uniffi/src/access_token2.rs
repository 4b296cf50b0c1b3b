//! Decoding and verifying AccessToken2 ("007") tokens.

use std::sync::Arc;

use agora_token::{Payload, UnverifiedToken};

use crate::credentials::FfiAppCertificate;
use crate::error::FfiResult;
use crate::services::FfiService;

/// What a 007 token says (core [`Payload`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "Payload")]
pub struct FfiPayload {
    /// The app id as packed.
    pub app_id: String,
    /// The issue time, Unix seconds.
    pub issued_at: u32,
    /// The token lifetime in seconds after the issue time.
    pub expire: u32,
    /// When the token expires, Unix seconds (issue time + lifetime).
    pub expires_at: u64,
    /// The salt.
    pub salt: u32,
    /// The services in token (packed) order.
    pub services: Vec<FfiService>,
    /// The type number of a service this library does not know, where decoding stopped.
    pub unknown_service_type: Option<u16>,
}

impl From<&Payload> for FfiPayload {
    fn from(payload: &Payload) -> FfiPayload {
        FfiPayload {
            app_id: payload.app_id().to_owned(),
            issued_at: payload.issued_at(),
            expire: payload.expire(),
            expires_at: payload.expires_at(),
            salt: payload.salt(),
            services: payload.services().iter().map(FfiService::from).collect(),
            unknown_service_type: payload.unknown_service_type(),
        }
    }
}

/// Decodes a 007 token **without** checking its signature (core [`UnverifiedToken::parse`]),
/// exported as `decodeUnverifiedToken`: for inspection only; nothing in it can be trusted
/// until `verifyToken` succeeds.
///
/// # Errors
/// `WrongVersion`, `InvalidBase64`, `InvalidZlib`, `Truncated`, `InvalidUtf8`.
#[uniffi::export]
pub fn decode_unverified_token(token: String) -> FfiResult<FfiPayload> {
    Ok(FfiPayload::from(UnverifiedToken::parse(&token)?.payload()))
}

/// Decodes a 007 token and checks its signature in constant time (core [`agora_token::decode`]),
/// exported as `verifyToken`, the one verifying call (as `verify` in Python and Node).
///
/// # Errors
/// The errors of [`decode_unverified_token`], `InvalidAppId` if the token's app id is not
/// 32 hex characters, `SignatureMismatch` if it was not signed with this certificate.
#[uniffi::export]
pub fn verify_token(token: String, certificate: Arc<FfiAppCertificate>) -> FfiResult<FfiPayload> {
    Ok(FfiPayload::from(agora_token::decode(&token, &certificate.0)?.payload()))
}
