//! The legacy families: AccessToken ("006"), DynamicKey 1–5 and the signaling token.

use std::collections::HashMap;

use agora_token::legacy::access_token::{AccessToken, Privilege006, UnverifiedAccessToken};
use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
use agora_token::legacy::dynamic_key5::{self, Dk5Service, UploadPermission};
use agora_token::legacy::signaling;
use agora_token::{AppCertificate, Credentials};
use napi::Either;
use napi_derive::napi;

use crate::args::{credentials, to_opt_u32, to_u32, to_user, uid_or_account};
use crate::error::{invalid_argument, CoreResultExt, Result};

/// Options of `buildAccessToken006`: a 006 token with any privileges.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct AccessToken006Options {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The channel name (for RTM tokens: the account).
    pub channel_name: String,
    /// A numeric uid (0 = any user). Give `uid` or `account`.
    pub uid: Option<f64>,
    /// A string account (RTM tokens: `""`). Give `uid` or `account`.
    pub account: Option<String>,
    /// Privilege number (1 join, 2/3/4 publish audio/video/data, 101 administrate, 1000 RTM
    /// login) → absolute Unix expiry (0 = none).
    #[napi(ts_type = "Record<string | number, number>")]
    pub privileges: HashMap<String, f64>,
    /// The token's own expiry (the message `ts`), absolute Unix seconds. Default: now + 24 hours.
    pub expires_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// Builds a 006 AccessToken with the given privileges (core `legacy::access_token::AccessToken`).
/// For the upstream 006 builders use `RtcTokenBuilder006` / `RtmTokenBuilder006`, or the
/// drop-in module `compat/access-token`.
#[napi]
pub fn build_access_token006(options: AccessToken006Options) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let user = uid_or_account(options.uid, options.account)?;
    let mut token = AccessToken::new(options.channel_name, user);
    for (key, &expire) in &options.privileges {
        let code = key
            .parse::<u16>()
            .map_err(|_| invalid_argument("privileges", format!("key {key:?} is not a privilege number")))?;
        token.privilege(Privilege006::from_code(code).js()?, to_u32(&format!("privilege {code}"), expire)?);
    }
    token.expires_at(to_opt_u32("expiresAt", options.expires_at)?).issued(None, to_opt_u32("salt", options.salt)?);
    token.build(&creds).js()
}

/// What a 006 token says (core `legacy::access_token::UnverifiedAccessToken`). The channel name and uid
/// are not in the token (only their CRC-32), so verifying needs them.
#[napi(object, js_name = "AccessToken006Payload")]
#[derive(Debug, Clone)]
pub struct JsAccessToken006Payload {
    /// Always `"006"`.
    pub version: String,
    /// The app id.
    pub app_id: String,
    /// The salt.
    pub salt: u32,
    /// The token's expiry, absolute Unix seconds.
    pub expires_at: u32,
    /// Privilege number → absolute expiry (0 = none).
    pub privileges: HashMap<String, u32>,
    /// Whether the signature was checked (`verifyAccessToken006`).
    pub verified: bool,
}

fn payload_006(token: &UnverifiedAccessToken, verified: bool) -> JsAccessToken006Payload {
    JsAccessToken006Payload {
        version: agora_token::legacy::access_token::VERSION.to_owned(),
        app_id: token.app_id().to_owned(),
        salt: token.salt(),
        expires_at: token.expires_at(),
        privileges: token.privileges().iter().map(|(code, expire)| (code.to_string(), *expire)).collect(),
        verified,
    }
}

/// Decodes a 006 token **without checking its signature**.
#[napi]
pub fn decode_access_token006_unverified(token: String) -> Result<JsAccessToken006Payload> {
    Ok(payload_006(&UnverifiedAccessToken::parse(&token).js()?, false))
}

/// Decodes a 006 token and checks its signature for a channel and a uid (number; 0 = any
/// user) or account (string); throws `signature_mismatch` if any of them differ.
#[napi]
pub fn verify_access_token006(
    token: String,
    app_certificate: String,
    channel_name: String,
    #[napi(ts_arg_type = "number | string")] uid: Either<String, f64>,
) -> Result<JsAccessToken006Payload> {
    let certificate = AppCertificate::new(app_certificate).js()?;
    let parsed = UnverifiedAccessToken::parse(&token).js()?;
    parsed.check_signature(&certificate, &channel_name, &to_user("uid", uid)?).js()?;
    Ok(payload_006(&parsed, true))
}

/// Options of `buildDynamicKey` and `buildDynamicKey5`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct DynamicKeyOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// DynamicKey version 1 to 4 (`buildDynamicKey` only).
    pub version: Option<f64>,
    /// Version 4: `'media_channel'` (ACS), `'recording'` (ARS) or `'public_sharing'` (APSS);
    /// DynamicKey5: those or `'in_channel_permission'`.
    #[napi(ts_type = "'media_channel' | 'recording' | 'public_sharing' | 'in_channel_permission'")]
    pub service: Option<String>,
    /// DynamicKey5 in-channel permission: `'no_upload'` or `'audio_video'`.
    #[napi(ts_type = "'no_upload' | 'audio_video'")]
    pub upload_permission: Option<String>,
    /// The channel name.
    pub channel_name: String,
    /// When the key was made, Unix seconds (the caller chooses it, as upstream).
    pub unix_ts: f64,
    /// A random number chosen by the caller.
    pub random_int: f64,
    /// The uid (ignored by version 1). Default 0.
    pub uid: Option<f64>,
    /// When the key expires, absolute Unix seconds (0 = never; ignored by version 1). Default 0.
    pub expired_ts: Option<f64>,
}

fn dynamic_key_input(options: &DynamicKeyOptions) -> Result<DynamicKeyInput> {
    Ok(DynamicKeyInput {
        channel_name: options.channel_name.clone(),
        unix_ts: to_u32("unixTs", options.unix_ts)?,
        random_int: to_u32("randomInt", options.random_int)?,
        uid: to_opt_u32("uid", options.uid)?.unwrap_or(0),
        expired_ts: to_opt_u32("expiredTs", options.expired_ts)?.unwrap_or(0),
    })
}

fn unknown_service(service: Option<&str>, expected: &str) -> crate::error::JsError {
    invalid_argument("service", format!("got {service:?}; use {expected}"))
}

/// Builds a DynamicKey of version 1 to 4 (core `legacy::dynamic_key`).
#[napi]
pub fn build_dynamic_key(options: DynamicKeyOptions) -> Result<String> {
    let creds: Credentials = credentials(&options.app_id, &options.app_certificate)?;
    let input = dynamic_key_input(&options)?;
    let version = options.version.ok_or_else(|| invalid_argument("version", "pass 1, 2, 3 or 4"))?;
    match to_u32("version", version)? {
        1 => dynamic_key::generate_v1(&creds, &input).js(),
        2 => dynamic_key::generate_v2(&creds, &input).js(),
        3 => dynamic_key::generate_v3(&creds, &input).js(),
        4 => {
            let expected = "'media_channel', 'recording' or 'public_sharing'";
            let service = match options.service.as_deref() {
                Some("media_channel") => Dk4Service::MediaChannel,
                Some("recording") => Dk4Service::Recording,
                Some("public_sharing") => Dk4Service::PublicSharing,
                other => return Err(unknown_service(other, expected)),
            };
            dynamic_key::generate_v4(&creds, service, &input).js()
        }
        other => Err(invalid_argument("version", format!("got {other}; pass 1, 2, 3 or 4 (5: buildDynamicKey5)"))),
    }
}

/// Builds a DynamicKey5 ("005", core `legacy::dynamic_key5`).
#[napi]
pub fn build_dynamic_key5(options: DynamicKeyOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let input = dynamic_key_input(&options)?;
    let expected = "'media_channel', 'recording', 'public_sharing' or 'in_channel_permission'";
    let service = match options.service.as_deref() {
        Some("media_channel") => Dk5Service::MediaChannel,
        Some("recording") => Dk5Service::Recording,
        Some("public_sharing") => Dk5Service::PublicSharing,
        Some("in_channel_permission") => Dk5Service::InChannelPermission(match options.upload_permission.as_deref() {
            Some("no_upload") => UploadPermission::NoUpload,
            Some("audio_video") => UploadPermission::AudioVideo,
            other => {
                return Err(invalid_argument(
                    "uploadPermission",
                    format!("got {other:?}; use 'no_upload' or 'audio_video'"),
                ))
            }
        }),
        other => return Err(unknown_service(other, expected)),
    };
    dynamic_key5::generate(&creds, service, &input).js()
}

/// Options of `buildSignalingToken`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct SignalingTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The signaling account.
    pub account: String,
    /// When the token expires, absolute Unix seconds.
    pub expired_ts: f64,
}

/// Builds a signaling token ("1:", core `legacy::signaling`).
#[napi]
pub fn build_signaling_token(options: SignalingTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    Ok(signaling::generate(&creds, &options.account, to_u32("expiredTs", options.expired_ts)?))
}
