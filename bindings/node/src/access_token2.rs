//! AccessToken2 ("007"): the generic builder over any services, decode and verify.

use agora_token::{AccessToken2, AppCertificate, Payload, UnverifiedToken};
use napi_derive::napi;

use crate::args::{credentials, to_opt_u32, to_u32};
use crate::error::{CoreResultExt, Result};
use crate::services::{JsService, JsServiceInput};

/// Issue time and salt for reproducible tokens; the trailing argument of every drop-in builder.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt, 0..=4294967295. Default: a random value in 1..=99999999 from the operating system.
    pub salt: Option<f64>,
}

/// A checked issue time and salt.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed {
    /// The issue time, if fixed.
    pub issued_at: Option<u32>,
    /// The salt, if fixed.
    pub salt: Option<u32>,
}

impl Fixed {
    /// Checks optional issue time and salt arguments.
    ///
    /// # Errors
    /// `invalid_argument` for values that are not whole numbers in 0..=2**32-1.
    pub fn new(issued_at: Option<f64>, salt: Option<f64>) -> Result<Self> {
        Ok(Fixed { issued_at: to_opt_u32("issuedAt", issued_at)?, salt: to_opt_u32("salt", salt)? })
    }

    /// From the drop-in builders' optional trailing options.
    ///
    /// # Errors
    /// As [`Fixed::new`].
    pub fn from_options(options: Option<BuildOptions>) -> Result<Self> {
        let options = options.unwrap_or_default();
        Fixed::new(options.issued_at, options.salt)
    }

    /// Starts a core builder with this issue time and salt (unset ones stay defaults).
    pub fn start(self, expire: u32) -> AccessToken2 {
        let mut token = AccessToken2::new(expire);
        token.issued(self.issued_at, self.salt);
        token
    }
}

/// Options of `buildToken`: an AccessToken2 with any services.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct TokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// Token lifetime, seconds after the issue time.
    pub expire: f64,
    /// The services, in any order (packed by type; repeated types keep their order).
    #[napi(ts_type = "Array<ServiceInput>")]
    pub services: Vec<JsServiceInput>,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// Builds an AccessToken2 ("007") with any services (core `AccessToken2::service`).
///
/// ```js
/// buildToken({ appId, appCertificate, expire: 3600, services: [
///   { type: 1, channelName: 'room', uid: 42, privileges: { 1: 3600 } },
///   { type: 2, userId: 'alice', privileges: { 1: 3600 } },
/// ] })
/// ```
#[napi]
pub fn build_token(options: TokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let mut token = fixed.start(to_u32("expire", options.expire)?);
    for service in options.services {
        token.service(service.into_core()?);
    }
    token.build(&creds).js()
}

/// What a 007 token says (core `Payload`).
#[napi(object, js_name = "Payload")]
#[derive(Debug, Clone)]
pub struct JsPayload {
    /// Always `"007"`.
    pub version: String,
    /// The app id as packed.
    pub app_id: String,
    /// Issue time, Unix seconds.
    pub issued_at: u32,
    /// Lifetime in seconds after the issue time.
    pub expire: u32,
    /// Issue time + lifetime, Unix seconds.
    pub expires_at: i64,
    /// The salt.
    pub salt: u32,
    /// The services in token (packed) order.
    #[napi(ts_type = "Array<Service>")]
    pub services: Vec<JsService>,
    /// The type number of a service this library does not know; decoding stopped there
    /// (as every upstream parser does) and kept the services before it.
    pub unknown_service_type: Option<u32>,
    /// Whether the signature was checked against a certificate (`verify`) — `false` from `decode`.
    pub verified: bool,
}

impl JsPayload {
    fn new(payload: &Payload, verified: bool) -> Self {
        JsPayload {
            version: agora_token::VERSION.to_owned(),
            app_id: payload.app_id().to_owned(),
            issued_at: payload.issued_at(),
            expire: payload.expire(),
            // Issue time + lifetime of two u32s is below 2^33, well inside i64.
            expires_at: i64::try_from(payload.expires_at()).unwrap_or(i64::MAX),
            salt: payload.salt(),
            services: payload.services().iter().map(JsService::from).collect(),
            unknown_service_type: payload.unknown_service_type().map(u32::from),
            verified,
        }
    }
}

/// Decodes a 007 token **without checking its signature** (for inspection, logs, support
/// tools). Nothing in the result can be trusted; use `verify` to check it.
#[napi]
pub fn decode_unverified(token: String) -> Result<JsPayload> {
    let token = UnverifiedToken::parse(&token).js()?;
    Ok(JsPayload::new(token.payload(), false))
}

/// Decodes a 007 token and checks its signature in constant time; throws
/// `signature_mismatch` if it was not signed with this certificate.
#[napi]
pub fn verify(token: String, app_certificate: String) -> Result<JsPayload> {
    let certificate = AppCertificate::new(app_certificate).js()?;
    let verified = UnverifiedToken::parse(&token).js()?.verify(&certificate).js()?;
    Ok(JsPayload::new(verified.payload(), true))
}
