//! AccessToken ("006"): upstream's RTC and RTM builders, decoding (unverified) and
//! verification (which needs the channel and user: the token stores only their CRCs).

use std::ffi::c_char;

use agora_token::compat;
use agora_token::legacy::access_token::{AccessToken, Privilege006, UnverifiedAccessToken};
use agora_token::{AppCertificate, Credentials, User};
use serde_json::{json, Map, Value};

use crate::compat::AgoraTokenWarnings;
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, owned_c_string, put, required, text};
use crate::options::{credentials, issue, user, AgoraTokenOptions};

/// The shared body of the two 006 RTC builders.
///
/// # Safety
/// As `agora_token_006_rtc_build_token_with_uid`.
#[allow(clippy::too_many_arguments)]
unsafe fn rtc_006(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user: impl FnOnce() -> Result<User, agora_token::Error>,
    role: i64,
    privilege_expired_ts: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials: Credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let user = user()?;
            let role = settings.role_006(role, found)?;
            found.add(compat::expire_006("privilege_expired_ts", privilege_expired_ts));
            settings.start_006(AccessToken::rtc(channel_name, user, role, privilege_expired_ts)).build(&credentials)
        })
    }
}

/// 006 `RtcTokenBuilder::buildTokenWithUid(app_id, app_certificate, channel_name, uid, role,
/// privilege_expired_ts)`: join, plus publishing for roles 0 (attendee), 1 (publisher) and
/// 101 (admin), until the absolute Unix time `privilege_expired_ts` (0 = no expiry). Other
/// roles join only (with a warning, or `unknown_role` in strict mode). The token itself
/// expires 24 hours after the issue time.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); out-pointers NULL or writable
/// (`token` required); `options` NULL or readable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_006_rtc_build_token_with_uid(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    role: i64,
    privilege_expired_ts: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        rtc_006(
            app_id,
            app_id_len,
            app_certificate,
            app_certificate_len,
            channel_name,
            channel_name_len,
            || Ok(User::Uid(uid)),
            role,
            privilege_expired_ts,
            options,
            warnings,
            token,
            error_message,
        )
    }
}

/// 006 `RtcTokenBuilder::buildTokenWithUserAccount(...)`: as
/// `agora_token_006_rtc_build_token_with_uid` for a string account.
///
/// # Safety
/// As `agora_token_006_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_006_rtc_build_token_with_user_account(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user_account: *const c_char,
    user_account_len: usize,
    role: i64,
    privilege_expired_ts: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        rtc_006(
            app_id,
            app_id_len,
            app_certificate,
            app_certificate_len,
            channel_name,
            channel_name_len,
            || Ok(User::Account(text("user_account", user_account, user_account_len)?.to_owned())),
            role,
            privilege_expired_ts,
            options,
            warnings,
            token,
            error_message,
        )
    }
}

/// 006 `RtmTokenBuilder::buildToken(app_id, app_certificate, user_account, role,
/// privilege_expired_ts)` without the role, which upstream ignores: RTM login until the
/// absolute Unix time `privilege_expired_ts`.
///
/// # Safety
/// As `agora_token_006_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_006_rtm_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    user_account: *const c_char,
    user_account_len: usize,
    privilege_expired_ts: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let account = text("user_account", user_account, user_account_len)?;
            found.add(compat::expire_006("privilege_expired_ts", privilege_expired_ts));
            settings.start_006(AccessToken::rtm(account, privilege_expired_ts)).build(&credentials)
        })
    }
}

/// 006 `AccessToken` with any privileges: upstream's `AccessToken::init(app_id,
/// app_certificate, channel_name, uid)`, `addPrivilege(privilege, expire_ts)` for each of the
/// `count` pairs (`privileges[i]` until the absolute Unix time `privilege_expired_ts[i]`, 0 =
/// no expiry; a repeated privilege keeps its last time) and `build()`, for drop-in layers.
///
/// The user is `user_kind` 1 (`uid`; 0 = any user, written `""`), 2 (`account`, verbatim) or
/// 0 (none: `""`, as the RTM builder writes it). `expires_at` is the token's own expiry (upstream's `message.ts`,
/// absolute); NULL = the issue time (`options`) + 24 hours. Privilege numbers 006 does not
/// define (1-12, 101 and 1000 are) are packed as given with an `undefined_privilege` warning
/// (`unknown_privilege` in strict mode), expiries that look like seconds warn
/// `expiry_looks_relative` (refused in strict mode).
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `privileges` and
/// `privilege_expired_ts` NULL (only with `count` 0) or pointing to `count` values;
/// `expires_at` and `options` NULL or readable; out-pointers NULL or writable (`token` required).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_006_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user_kind: u32,
    uid: u32,
    account: *const c_char,
    account_len: usize,
    privileges: *const u16,
    privilege_expired_ts: *const u32,
    count: usize,
    expires_at: *const u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let user = user(user_kind, uid, account, account_len)?.unwrap_or_else(|| User::Account(String::new()));
            let (codes, times): (&[u16], &[u32]) = match (count, privileges.is_null() || privilege_expired_ts.is_null())
            {
                (0, _) => (&[], &[]),
                (_, true) => {
                    return Err(invalid(
                        "privileges",
                        format!("(or privilege_expired_ts) is NULL but count is {count}"),
                    ))
                }
                (_, false) => (
                    std::slice::from_raw_parts(privileges, count),
                    std::slice::from_raw_parts(privilege_expired_ts, count),
                ),
            };
            let mut built = settings.start_006(AccessToken::new(channel_name, user));
            for (&code, &expired_ts) in codes.iter().zip(times) {
                if settings.strict {
                    Privilege006::from_code(code)?;
                }
                found.add(compat::privilege_006(code));
                found.add(compat::expire_006(&format!("expire of privilege {code}"), expired_ts));
                built.privilege_unchecked(code, expired_ts);
            }
            built.expires_at(expires_at.as_ref().copied());
            built.build(&credentials)
        })
    }
}

/// Decodes a 006 token **without checking its signature**, as JSON: `{"version":"006",
/// "app_id","salt","expires_at","privileges":{"1":1700000000,...}}` (absolute times).
///
/// # Safety
/// `token` is pointer + length; `json` writable; `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_006_decode_unverified(
    token: *const c_char,
    token_len: usize,
    json: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(json, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("json", json)?;
            let decoded = UnverifiedAccessToken::parse(text("token", token, token_len)?)?;
            let privileges: Map<String, Value> =
                decoded.privileges().iter().map(|(code, expire)| (code.to_string(), (*expire).into())).collect();
            let value = json!({
                "version": agora_token::legacy::access_token::VERSION,
                "app_id": decoded.app_id(),
                "salt": decoded.salt(),
                "expires_at": decoded.expires_at(),
                "privileges": privileges,
            });
            out.write(owned_c_string(value.to_string()));
            Ok(())
        })
    }
}

/// Verifies a 006 token for the channel and user it was built for (`user_kind` 1: `uid`,
/// 2: `account`; the token holds only their CRCs, so both are needed). `signature_mismatch`
/// when the certificate, channel or user differ.
///
/// # Safety
/// Strings are pointer + length; `error_message` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_006_verify(
    token: *const c_char,
    token_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user_kind: u32,
    uid: u32,
    account: *const c_char,
    account_len: usize,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        guard(error_message, || {
            let certificate = AppCertificate::new(text("app_certificate", app_certificate, app_certificate_len)?)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let user = user(user_kind, uid, account, account_len)?.ok_or_else(|| {
                invalid("user_kind", "is 0, but a 006 token is verified for a user: pass 1 (uid) or 2 (account)")
            })?;
            UnverifiedAccessToken::parse(text("token", token, token_len)?)?.check_signature(
                &certificate,
                channel_name,
                &user,
            )
        })
    }
}
