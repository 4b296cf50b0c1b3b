//! The legacy families (core [`agora_token::legacy`]): AccessToken "006", DynamicKey 1–5
//! and the signaling token. Unlike 007, their expiries are **absolute** Unix timestamps.

// Named arguments with defaults are the API in Kotlin and Swift.
#![allow(clippy::too_many_arguments)]

use std::sync::Arc;

use agora_token::legacy::access_token::{AccessToken, Privilege006, Role006, UnverifiedAccessToken};
use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput, ParsedDynamicKey};
use agora_token::legacy::dynamic_key5::{self, Dk5Service, ParsedDynamicKey5, UploadPermission};
use agora_token::legacy::signaling::{self, ParsedSignalingToken};

use crate::credentials::{FfiAppCertificate, FfiCredentials};
use crate::error::FfiResult;
use crate::services::{privilege_entries, FfiPrivilegeEntry, FfiPrivilegeName, FfiUser};

/// The roles of the 006 RTC builder (core [`Role006`]); all but `Subscriber` publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Role006")]
pub enum FfiRole006 {
    /// 0: join and publish.
    Attendee,
    /// 1: join and publish.
    Publisher,
    /// 2: join only.
    Subscriber,
    /// 101: join and publish.
    Admin,
}

impl From<FfiRole006> for Role006 {
    fn from(role: FfiRole006) -> Role006 {
        match role {
            FfiRole006::Attendee => Role006::Attendee,
            FfiRole006::Publisher => Role006::Publisher,
            FfiRole006::Subscriber => Role006::Subscriber,
            FfiRole006::Admin => Role006::Admin,
        }
    }
}

impl From<Role006> for FfiRole006 {
    fn from(role: Role006) -> FfiRole006 {
        match role {
            Role006::Attendee => FfiRole006::Attendee,
            Role006::Publisher => FfiRole006::Publisher,
            Role006::Subscriber => FfiRole006::Subscriber,
            Role006::Admin => FfiRole006::Admin,
        }
    }
}

/// The 006 role with this number (core [`Role006::from_code`]): 0, 1, 2 or 101.
///
/// # Errors
/// `UnknownRole` for other numbers.
#[uniffi::export]
pub fn role006_from_code(code: i64) -> FfiResult<FfiRole006> {
    Ok(Role006::from_code(code)?.into())
}

/// Every 006 privilege as (name, number), ascending, read from the core
/// (`legacy::access_token::Privilege006::NAMES`): the table the drop-in `AccessToken.Privileges` constants
/// are tested against.
#[uniffi::export]
#[must_use]
pub fn privileges006() -> Vec<FfiPrivilegeName> {
    Privilege006::NAMES.iter().map(|&(name, code)| FfiPrivilegeName { name: name.to_owned(), code }).collect()
}

/// Applies the options every 006 builder shares and signs.
fn finish_006(
    credentials: &FfiCredentials,
    mut token: AccessToken,
    expires_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    token.strict(strict).expires_at(expires_at).issued(None, salt);
    Ok(token.build(&credentials.0)?)
}

/// The 006 RTC token (core `legacy::access_token::AccessToken::rtc`; upstream 006 `buildTokenWithUid` /
/// `buildTokenWithAccount`): join, and publishing for roles that publish, until
/// `privilege_expired_ts` (absolute Unix seconds, 0 = no expiry). `expires_at` is the
/// token's own expiry (default: now + 24 hours), `salt` defaults to a random one.
///
/// # Errors
/// `FieldTooLong`, `ExpiryLooksRelative` (strict), `Clock`, `Randomness`.
#[uniffi::export(default(privilege_expired_ts = 0, expires_at = None, salt = None, strict = false))]
pub fn build_access_token006_rtc(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    role: FfiRole006,
    privilege_expired_ts: u32,
    expires_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let user = agora_token::User::from(user);
    let token = AccessToken::rtc(channel_name, user, role.into(), privilege_expired_ts);
    finish_006(&credentials, token, expires_at, salt, strict)
}

/// The 006 RTM token (core `legacy::access_token::AccessToken::rtm`; upstream 006 RTM `buildToken`):
/// RTM login for `account` until `privilege_expired_ts` (absolute, 0 = no expiry).
///
/// # Errors
/// As [`build_access_token006_rtc`].
#[uniffi::export(default(privilege_expired_ts = 0, expires_at = None, salt = None, strict = false))]
pub fn build_access_token006_rtm(
    credentials: Arc<FfiCredentials>,
    account: String,
    privilege_expired_ts: u32,
    expires_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    finish_006(&credentials, AccessToken::rtm(account, privilege_expired_ts), expires_at, salt, strict)
}

/// A 006 token with any privileges (core `legacy::access_token::AccessToken::new` + `privilege`):
/// numbers 1–4 (join, publish audio/video/data), 101 (administrate) and 1000 (RTM login),
/// each until an absolute Unix time (0 = no expiry).
///
/// # Errors
/// `UnknownPrivilege` for other numbers, and those of [`build_access_token006_rtc`].
#[uniffi::export(default(expires_at = None, salt = None, strict = false))]
pub fn build_access_token006(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    privileges: Vec<FfiPrivilegeEntry>,
    expires_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = AccessToken::new(channel_name, agora_token::User::from(user));
    for entry in privileges {
        token.privilege(Privilege006::from_code(entry.code)?, entry.expire);
    }
    finish_006(&credentials, token, expires_at, salt, strict)
}

/// A 006 token whose privilege numbers are packed **without checking** that 006 defines
/// them (core `legacy::access_token::AccessToken::privilege_unchecked`), as every upstream `addPrivilege`
/// does; for the drop-in `AccessToken` only, which warns about such numbers first
/// (`compatPrivilege006`). Typed code uses [`build_access_token006`], which refuses them.
///
/// # Errors
/// Those of [`build_access_token006_rtc`].
#[uniffi::export(default(expires_at = None, salt = None))]
pub fn build_access_token006_unchecked(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    privileges: Vec<FfiPrivilegeEntry>,
    expires_at: Option<u32>,
    salt: Option<u32>,
) -> FfiResult<String> {
    let mut token = AccessToken::new(channel_name, agora_token::User::from(user));
    for entry in privileges {
        token.privilege_unchecked(entry.code, entry.expire);
    }
    finish_006(&credentials, token, expires_at, salt, false)
}

/// What a 006 token says (core [`UnverifiedAccessToken`]); the channel and uid are
/// signed but stored only as CRCs.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "AccessToken006")]
pub struct FfiAccessToken006 {
    /// The app id.
    pub app_id: String,
    /// The salt.
    pub salt: u32,
    /// The token's own expiry, absolute Unix seconds.
    pub expires_at: u32,
    /// The privileges, ascending, each with an absolute expiry (0 = none).
    pub privileges: Vec<FfiPrivilegeEntry>,
}

/// Decodes a 006 token **without** checking its signature.
///
/// # Errors
/// `WrongVersion`, `InvalidBase64`, `Truncated`.
#[uniffi::export]
pub fn decode_access_token006_unverified(token: String) -> FfiResult<FfiAccessToken006> {
    let token = UnverifiedAccessToken::parse(&token)?;
    Ok(FfiAccessToken006 {
        app_id: token.app_id().to_owned(),
        salt: token.salt(),
        expires_at: token.expires_at(),
        privileges: privilege_entries(token.privileges()),
    })
}

/// Checks a 006 token's signature for the channel and user it was built for (which the
/// token does not contain), in constant time.
///
/// # Errors
/// The errors of [`decode_access_token006_unverified`], `SignatureMismatch`.
#[uniffi::export]
pub fn verify_access_token006(
    token: String,
    certificate: Arc<FfiAppCertificate>,
    channel_name: String,
    user: FfiUser,
) -> FfiResult<()> {
    let token = UnverifiedAccessToken::parse(&token)?;
    Ok(token.check_signature(&certificate.0, &channel_name, &user.into())?)
}

/// The inputs every DynamicKey version signs (core [`DynamicKeyInput`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "DynamicKeyInput")]
pub struct FfiDynamicKeyInput {
    /// The channel name.
    pub channel_name: String,
    /// When the key is made, Unix seconds.
    pub unix_ts: u32,
    /// A random number chosen by the caller.
    pub random_int: u32,
    /// The uid (ignored by version 1).
    #[uniffi(default)]
    pub uid: u32,
    /// When the key expires, absolute Unix seconds (0 = never; ignored by version 1).
    #[uniffi(default)]
    pub expired_ts: u32,
}

impl From<FfiDynamicKeyInput> for DynamicKeyInput {
    fn from(i: FfiDynamicKeyInput) -> DynamicKeyInput {
        DynamicKeyInput {
            channel_name: i.channel_name,
            unix_ts: i.unix_ts,
            random_int: i.random_int,
            uid: i.uid,
            expired_ts: i.expired_ts,
        }
    }
}

/// DynamicKey version 1 (core `dynamic_key::generate_v1`; upstream `DynamicKey.generate`).
///
/// # Errors
/// Only if the certificate cannot key an HMAC (never for validated credentials).
#[uniffi::export]
pub fn build_dynamic_key_v1(credentials: Arc<FfiCredentials>, input: FfiDynamicKeyInput) -> FfiResult<String> {
    Ok(dynamic_key::generate_v1(&credentials.0, &input.into())?)
}

/// DynamicKey version 2, no prefix (core `dynamic_key::generate_v2`; upstream `DynamicKey2.generate`).
///
/// # Errors
/// As [`build_dynamic_key_v1`].
#[uniffi::export]
pub fn build_dynamic_key_v2(credentials: Arc<FfiCredentials>, input: FfiDynamicKeyInput) -> FfiResult<String> {
    Ok(dynamic_key::generate_v2(&credentials.0, &input.into())?)
}

/// DynamicKey version 3, `"003"` + version 2 (core `dynamic_key::generate_v3`).
///
/// # Errors
/// As [`build_dynamic_key_v1`].
#[uniffi::export]
pub fn build_dynamic_key_v3(credentials: Arc<FfiCredentials>, input: FfiDynamicKeyInput) -> FfiResult<String> {
    Ok(dynamic_key::generate_v3(&credentials.0, &input.into())?)
}

/// The services of DynamicKey4 (core [`Dk4Service`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Dk4Service")]
pub enum FfiDk4Service {
    /// `generateMediaChannelKey` ("ACS").
    MediaChannel,
    /// `generateRecordingKey` ("ARS").
    Recording,
    /// `generatePublicSharingKey` ("APSS").
    PublicSharing,
}

impl From<FfiDk4Service> for Dk4Service {
    fn from(s: FfiDk4Service) -> Dk4Service {
        match s {
            FfiDk4Service::MediaChannel => Dk4Service::MediaChannel,
            FfiDk4Service::Recording => Dk4Service::Recording,
            FfiDk4Service::PublicSharing => Dk4Service::PublicSharing,
        }
    }
}

/// DynamicKey version 4 (core `dynamic_key::generate_v4`; upstream `DynamicKey4.generate*Key`).
///
/// # Errors
/// As [`build_dynamic_key_v1`].
#[uniffi::export]
pub fn build_dynamic_key_v4(
    credentials: Arc<FfiCredentials>,
    service: FfiDk4Service,
    input: FfiDynamicKeyInput,
) -> FfiResult<String> {
    Ok(dynamic_key::generate_v4(&credentials.0, service.into(), &input.into())?)
}

/// The readable fields of a DynamicKey 1–4 (core `dynamic_key::ParsedDynamicKey`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ParsedDynamicKey")]
pub struct FfiParsedDynamicKey {
    /// 1, 2, 3 or 4.
    pub version: u8,
    /// The 40-digit hex signature.
    pub signature: String,
    /// The app id.
    pub app_id: String,
    /// When the key was made.
    pub unix_ts: u32,
    /// The random number.
    pub random_int: u32,
    /// The uid (versions 2 and 3).
    pub uid: Option<u32>,
    /// The expiry (versions 2, 3 and 4).
    pub expired_ts: Option<u32>,
}

impl From<ParsedDynamicKey> for FfiParsedDynamicKey {
    fn from(k: ParsedDynamicKey) -> FfiParsedDynamicKey {
        FfiParsedDynamicKey {
            version: k.version,
            signature: k.signature,
            app_id: k.app_id,
            unix_ts: k.unix_ts,
            random_int: k.random_int,
            uid: k.uid,
            expired_ts: k.expired_ts,
        }
    }
}

/// Reads a DynamicKey 1–4 by its prefix and length (core `dynamic_key::parse`).
///
/// # Errors
/// `WrongVersion` when the shape matches no version, `InvalidArgument` for a non-numeric field.
#[uniffi::export]
pub fn decode_dynamic_key_unverified(key: String) -> FfiResult<FfiParsedDynamicKey> {
    Ok(dynamic_key::parse(&key)?.into())
}

/// What an in-channel permission key lets the user upload (core [`UploadPermission`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "UploadPermission")]
pub enum FfiUploadPermission {
    /// `"0"`: no upload.
    NoUpload,
    /// `"3"`: audio and video.
    AudioVideo,
}

/// The kinds of DynamicKey5 (core [`Dk5Service`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Dk5Service")]
pub enum FfiDk5Service {
    /// `generateMediaChannelKey` (1).
    MediaChannel,
    /// `generateRecordingKey` (2).
    Recording,
    /// `generatePublicSharingKey` (3).
    PublicSharing,
    /// `generateInChannelPermissionKey` (4).
    InChannelPermission {
        /// What the user may upload.
        permission: FfiUploadPermission,
    },
}

impl From<FfiDk5Service> for Dk5Service {
    fn from(s: FfiDk5Service) -> Dk5Service {
        match s {
            FfiDk5Service::MediaChannel => Dk5Service::MediaChannel,
            FfiDk5Service::Recording => Dk5Service::Recording,
            FfiDk5Service::PublicSharing => Dk5Service::PublicSharing,
            FfiDk5Service::InChannelPermission { permission } => Dk5Service::InChannelPermission(match permission {
                FfiUploadPermission::NoUpload => UploadPermission::NoUpload,
                FfiUploadPermission::AudioVideo => UploadPermission::AudioVideo,
            }),
        }
    }
}

/// DynamicKey5, `"005"` (core `dynamic_key5::generate`).
///
/// # Errors
/// `FieldTooLong` for a channel name over 65535 bytes.
#[uniffi::export]
pub fn build_dynamic_key5(
    credentials: Arc<FfiCredentials>,
    service: FfiDk5Service,
    input: FfiDynamicKeyInput,
) -> FfiResult<String> {
    Ok(dynamic_key5::generate(&credentials.0, service.into(), &input.into())?)
}

/// One entry of a DynamicKey5's extra map.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ExtraEntry")]
pub struct FfiExtraEntry {
    /// The key (1 = upload permission of in-channel keys).
    pub key: u16,
    /// The value.
    pub value: String,
}

/// The readable fields of a DynamicKey5 (core `dynamic_key5::ParsedDynamicKey5`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ParsedDynamicKey5")]
pub struct FfiParsedDynamicKey5 {
    /// 1 media channel, 2 recording, 3 public sharing, 4 in-channel permission.
    pub service_type: u16,
    /// The upper-case hex signature.
    pub signature: String,
    /// The app id, lower-case hex.
    pub app_id: String,
    /// When the key was made.
    pub unix_ts: u32,
    /// The random number.
    pub random_int: u32,
    /// The expiry, absolute Unix seconds.
    pub expired_ts: u32,
    /// The extra map, ascending by key.
    pub extra: Vec<FfiExtraEntry>,
}

impl From<ParsedDynamicKey5> for FfiParsedDynamicKey5 {
    fn from(k: ParsedDynamicKey5) -> FfiParsedDynamicKey5 {
        FfiParsedDynamicKey5 {
            service_type: k.service_type,
            signature: k.signature,
            app_id: k.app_id,
            unix_ts: k.unix_ts,
            random_int: k.random_int,
            expired_ts: k.expired_ts,
            extra: k.extra.into_iter().map(|(key, value)| FfiExtraEntry { key, value }).collect(),
        }
    }
}

/// Reads a DynamicKey5 (core `dynamic_key5::parse`).
///
/// # Errors
/// `WrongVersion`, `InvalidBase64`, `Truncated`, `InvalidUtf8`.
#[uniffi::export]
pub fn decode_dynamic_key5_unverified(key: String) -> FfiResult<FfiParsedDynamicKey5> {
    Ok(dynamic_key5::parse(&key)?.into())
}

/// A signaling token for `account`, valid until `expired_ts` (absolute Unix seconds;
/// core `signaling::generate`).
#[uniffi::export]
#[must_use]
pub fn build_signaling_token(credentials: Arc<FfiCredentials>, account: String, expired_ts: u32) -> String {
    signaling::generate(&credentials.0, &account, expired_ts)
}

/// The readable fields of a signaling token (core `signaling::ParsedSignalingToken`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ParsedSignalingToken")]
pub struct FfiParsedSignalingToken {
    /// The app id.
    pub app_id: String,
    /// The expiry, absolute Unix seconds.
    pub expired_ts: u32,
    /// The 32-digit hex MD5.
    pub digest: String,
}

/// Reads a signaling token (core `signaling::parse`).
///
/// # Errors
/// `WrongVersion` without the `"1:"` prefix, `InvalidArgument` for a malformed body.
#[uniffi::export]
pub fn decode_signaling_token_unverified(token: String) -> FfiResult<FfiParsedSignalingToken> {
    let ParsedSignalingToken { app_id, expired_ts, digest } = signaling::parse(&token)?;
    Ok(FfiParsedSignalingToken { app_id, expired_ts, digest })
}

/// Checks a signaling token's digest for the account it was made for.
///
/// # Errors
/// The errors of [`decode_signaling_token_unverified`], `SignatureMismatch`.
#[uniffi::export]
pub fn verify_signaling_token(token: String, certificate: Arc<FfiAppCertificate>, account: String) -> FfiResult<()> {
    Ok(signaling::parse(&token)?.verify(&certificate.0, &account)?)
}
