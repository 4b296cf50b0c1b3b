//! AccessToken2 ("007") builders, one export per builder method of the core's
//! [`AccessToken2`], named after it (`rtc` → `buildRtcToken`, ...), plus `buildToken` for
//! any combination of services.
//!
//! Every builder takes optional `issued_at` (Unix seconds; default: the clock), `salt`
//! (default: random from the operating system) and `strict` (default: off; on refuses
//! expiries that look like absolute Unix timestamps). An omitted `privilege_expire` is the
//! core's `DEFAULT_PRIVILEGE_EXPIRE` (0: no limit of its own, the privileges last as long as
//! the token).

// Named arguments with defaults are the API in Kotlin and Swift, so the upstream argument
// lists are kept whole instead of being folded into option records.
#![allow(clippy::too_many_arguments)]

use std::sync::Arc;

use agora_token::{AccessToken2, Service, DEFAULT_PRIVILEGE_EXPIRE, FPA_TOKEN_EXPIRE};

use crate::credentials::FfiCredentials;
use crate::error::FfiResult;
use crate::services::{
    rtm2_permissions, rtm2_permissions_unchecked, service_unchecked, FfiApaasRoomUserVariant, FfiFcdnPrivilege,
    FfiRtcPrivilegeExpiries, FfiRtcRole, FfiRtm2Permission, FfiRtm2PermissionEntry, FfiService, FfiStreamingPrivilege,
    FfiUser,
};

/// A core builder with the options every export shares.
fn new_token(token_expire: u32, issued_at: Option<u32>, salt: Option<u32>, strict: bool) -> AccessToken2 {
    let mut token = AccessToken2::new(token_expire);
    token.issued(issued_at, salt).strict(strict);
    token
}

/// RTC for a uid or an account (core `rtc`; upstream `buildTokenWithUid` /
/// `buildTokenWithUserAccount`): join until `privilege_expire`, and for a publisher also
/// publish audio, video and data until `privilege_expire`. Expiries are seconds after the
/// issue time; the token lasts `token_expire` seconds.
///
/// # Errors
/// `FieldTooLong`, `ExpiryLooksAbsolute` (strict), `Clock`, `Randomness`.
#[uniffi::export(default(privilege_expire = None, issued_at = None, salt = None, strict = false))]
pub fn build_rtc_token(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    role: FfiRtcRole,
    token_expire: u32,
    privilege_expire: Option<u32>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let privilege_expire = privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE);
    let mut token = new_token(token_expire, issued_at, salt, strict);
    Ok(token.rtc(channel_name, agora_token::User::from(user), role.into(), privilege_expire).build(&credentials.0)?)
}

/// RTC with a separate expiry per privilege and no role (core `rtc_with_privileges`;
/// upstream `buildTokenWithUidAndPrivilege` / `buildTokenWithUserAccountAndPrivilege`).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_rtc_token_with_privileges(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    token_expire: u32,
    expiries: FfiRtcPrivilegeExpiries,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, strict);
    Ok(token.rtc_with_privileges(channel_name, agora_token::User::from(user), expiries.into()).build(&credentials.0)?)
}

/// RTC for an account plus RTM login for the same account until `token_expire` (core
/// `rtc_with_rtm`; upstream `buildTokenWithRtm`).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(privilege_expire = None, issued_at = None, salt = None, strict = false))]
pub fn build_rtc_token_with_rtm(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    account: String,
    role: FfiRtcRole,
    token_expire: u32,
    privilege_expire: Option<u32>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let privilege_expire = privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE);
    let mut token = new_token(token_expire, issued_at, salt, strict);
    Ok(token.rtc_with_rtm(channel_name, &account, role.into(), privilege_expire).build(&credentials.0)?)
}

/// RTC for an account with per-privilege expiries (publish ones only for a publisher)
/// plus RTM login for `rtm_user_id` until `rtm_expire` (core `rtc_with_rtm_expiries`;
/// upstream `buildTokenWithRtm2`).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_rtc_token_with_rtm_expiries(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    rtc_account: String,
    role: FfiRtcRole,
    token_expire: u32,
    expiries: FfiRtcPrivilegeExpiries,
    rtm_user_id: String,
    rtm_expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, strict);
    let token =
        token.rtc_with_rtm_expiries(channel_name, &rtc_account, role.into(), expiries.into(), rtm_user_id, rtm_expire);
    Ok(token.build(&credentials.0)?)
}

/// RTC, RTM and ConvoAI services (core `convo_ai`; upstream `ConvoAITokenBuilder.buildToken`),
/// with the arguments of [`build_rtc_token_with_rtm_expiries`].
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_convo_ai_token(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    rtc_account: String,
    role: FfiRtcRole,
    token_expire: u32,
    expiries: FfiRtcPrivilegeExpiries,
    rtm_user_id: String,
    rtm_expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, strict);
    Ok(token
        .convo_ai(channel_name, &rtc_account, role.into(), expiries.into(), rtm_user_id, rtm_expire)
        .build(&credentials.0)?)
}

/// RTC, RTM and STT services (core `stt`; upstream `SttTokenBuilder.buildToken`), with
/// the arguments of [`build_rtc_token_with_rtm_expiries`].
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_stt_token(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    rtc_account: String,
    role: FfiRtcRole,
    token_expire: u32,
    expiries: FfiRtcPrivilegeExpiries,
    rtm_user_id: String,
    rtm_expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, strict);
    Ok(token
        .stt(channel_name, &rtc_account, role.into(), expiries.into(), rtm_user_id, rtm_expire)
        .build(&credentials.0)?)
}

/// RTM login for `user_id` (core `rtm`; upstream RTM `buildToken`): the login privilege
/// and the token both last `expire` seconds, as upstream.
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_rtm_token(
    credentials: Arc<FfiCredentials>,
    user_id: String,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    Ok(new_token(expire, issued_at, salt, strict).rtm(user_id, expire).build(&credentials.0)?)
}

/// RTM2 login with resource permissions (core `rtm2`; upstream
/// `buildTokenWithPermissions`); the login and the token last `expire` seconds.
///
/// # Errors
/// As [`build_rtc_token`], and `TooManyEntries` for more than 65535 resources of a kind.
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_rtm2_token(
    credentials: Arc<FfiCredentials>,
    user_id: String,
    permissions: Vec<FfiRtm2Permission>,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(expire, issued_at, salt, strict);
    Ok(token.rtm2(user_id, rtm2_permissions(permissions), expire).build(&credentials.0)?)
}

/// [`build_rtm2_token`] with the RTM2 resource and permission type numbers packed **without
/// checking** that RTM2 defines them (core `Rtm2Permissions::add_unchecked`), as every
/// upstream `buildTokenWithPermissions` does; for the drop-in layer only, which warns about
/// such numbers first (`compatRtm2ResourceType`, `compatRtm2PermissionType`).
///
/// # Errors
/// As [`build_rtm2_token`].
#[uniffi::export(default(issued_at = None, salt = None))]
pub fn build_rtm2_token_unchecked(
    credentials: Arc<FfiCredentials>,
    user_id: String,
    permissions: Vec<FfiRtm2PermissionEntry>,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> FfiResult<String> {
    let mut token = new_token(expire, issued_at, salt, false);
    Ok(token.rtm2(user_id, rtm2_permissions_unchecked(permissions), expire).build(&credentials.0)?)
}

/// A Chat user token (core `chat_user`; upstream `buildUserToken`); the privilege and
/// the token last `expire` seconds.
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_chat_user_token(
    credentials: Arc<FfiCredentials>,
    user_id: String,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    Ok(new_token(expire, issued_at, salt, strict).chat_user(user_id, expire).build(&credentials.0)?)
}

/// A Chat app token (core `chat_app`; upstream `buildAppToken`); the privilege and the
/// token last `expire` seconds.
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_chat_app_token(
    credentials: Arc<FfiCredentials>,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    Ok(new_token(expire, issued_at, salt, strict).chat_app(expire).build(&credentials.0)?)
}

/// An FPA token (core `fpa`; upstream FPA `buildToken`): the token lasts 24 hours
/// (`FPA_TOKEN_EXPIRE`) and the login privilege has no limit of its own.
///
/// # Errors
/// `Clock`, `Randomness`.
#[uniffi::export(default(issued_at = None, salt = None))]
pub fn build_fpa_token(
    credentials: Arc<FfiCredentials>,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> FfiResult<String> {
    Ok(new_token(FPA_TOKEN_EXPIRE, issued_at, salt, false).fpa().build(&credentials.0)?)
}

/// An APaaS / Education room-user token (core `apaas_room_user`; upstream
/// `buildRoomUserToken`): APaaS room user, RTM login for the user and Chat user for the
/// MD5 of the user uuid, all (and the token) for `expire` seconds. `variant` defaults to
/// the standard token; `NodeCompatible` reproduces npm `agora-token`'s.
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(variant = None, issued_at = None, salt = None, strict = false))]
pub fn build_apaas_room_user_token(
    credentials: Arc<FfiCredentials>,
    room_uuid: String,
    user_uuid: String,
    role: i16,
    expire: u32,
    variant: Option<FfiApaasRoomUserVariant>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(expire, issued_at, salt, strict);
    let variant = variant.map(Into::into).unwrap_or_default();
    Ok(token.apaas_room_user_variant(room_uuid, &user_uuid, role, expire, variant).build(&credentials.0)?)
}

/// An APaaS / Education user token (core `apaas_user`; upstream `buildUserToken`).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_apaas_user_token(
    credentials: Arc<FfiCredentials>,
    user_uuid: String,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    Ok(new_token(expire, issued_at, salt, strict).apaas_user(user_uuid, expire).build(&credentials.0)?)
}

/// An APaaS / Education app token (core `apaas_app`; upstream `buildAppToken`).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_apaas_app_token(
    credentials: Arc<FfiCredentials>,
    expire: u32,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    Ok(new_token(expire, issued_at, salt, strict).apaas_app(expire).build(&credentials.0)?)
}

/// A Streaming token granting `privileges` until `privilege_expire` (core `streaming`; no
/// upstream builder exists).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(privilege_expire = None, issued_at = None, salt = None, strict = false))]
pub fn build_streaming_token(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    privileges: Vec<FfiStreamingPrivilege>,
    token_expire: u32,
    privilege_expire: Option<u32>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let privilege_expire = privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE);
    let mut token = new_token(token_expire, issued_at, salt, strict);
    let privileges: Vec<agora_token::StreamingPrivilege> = privileges.into_iter().map(Into::into).collect();
    Ok(token
        .streaming(channel_name, agora_token::User::from(user), &privileges, privilege_expire)
        .build(&credentials.0)?)
}

/// An FCDN token granting `privileges` until `privilege_expire` (core `fcdn`; no upstream
/// builder exists).
///
/// # Errors
/// As [`build_rtc_token`].
#[uniffi::export(default(privilege_expire = None, issued_at = None, salt = None, strict = false))]
pub fn build_fcdn_token(
    credentials: Arc<FfiCredentials>,
    channel_name: String,
    user: FfiUser,
    privileges: Vec<FfiFcdnPrivilege>,
    token_expire: u32,
    privilege_expire: Option<u32>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let privilege_expire = privilege_expire.unwrap_or(DEFAULT_PRIVILEGE_EXPIRE);
    let mut token = new_token(token_expire, issued_at, salt, strict);
    let privileges: Vec<agora_token::FcdnPrivilege> = privileges.into_iter().map(Into::into).collect();
    Ok(token.fcdn(channel_name, agora_token::User::from(user), &privileges, privilege_expire).build(&credentials.0)?)
}

/// A token with any services (core `service`), in the order given; packing sorts them by
/// type, keeping the order of repeated types. Privilege and RTM2 type numbers are checked.
///
/// # Errors
/// `NoServices`, `UnknownPrivilege`, `UnknownRtm2Type`, and those of [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None, strict = false))]
pub fn build_token(
    credentials: Arc<FfiCredentials>,
    token_expire: u32,
    services: Vec<FfiService>,
    issued_at: Option<u32>,
    salt: Option<u32>,
    strict: bool,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, strict);
    for service in services {
        token.service(Service::try_from(service)?);
    }
    Ok(token.build(&credentials.0)?)
}

/// A token with any services whose privilege numbers are packed **without checking** that
/// the service defines them (core `Service::add_privilege_unchecked`), as every upstream
/// `AccessToken2` does; for the drop-in `AccessToken2` only, which warns about such numbers
/// first (`compatPrivilege`). Typed code uses [`build_token`], which refuses them.
///
/// # Errors
/// `NoServices`, `UnknownRtm2Type`, and those of [`build_rtc_token`].
#[uniffi::export(default(issued_at = None, salt = None))]
pub fn build_token_unchecked(
    credentials: Arc<FfiCredentials>,
    token_expire: u32,
    services: Vec<FfiService>,
    issued_at: Option<u32>,
    salt: Option<u32>,
) -> FfiResult<String> {
    let mut token = new_token(token_expire, issued_at, salt, false);
    for service in services {
        token.service(service_unchecked(service)?);
    }
    Ok(token.build(&credentials.0)?)
}
