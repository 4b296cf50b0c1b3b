//! Explanations of 007 and 006 tokens as JSON (core `explain`, serialized with its `serde`
//! feature: the same shape as the CLI's `explain --json` without the `token` key).

use std::ffi::c_char;

use agora_token::{AppCertificate, ExplainOptions};

use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, owned_c_string, put, required, text};
use crate::options::user;

/// Explains a 007 or 006 token: what it contains, whether its signature holds (when a
/// certificate is given: `app_certificate_len` > 0), whether it has expired at `now` (Unix
/// seconds; negative = the system clock), and, when a channel (`channel_name_len` > 0) or a
/// user (`user_kind` 1 uid / 2 account) is given, whether that user can join and publish,
/// with every reason not. The result is JSON in `*json` (freed with `agora_token_free`):
/// `{"version","app_id","issued_at":{"unix","utc"},"lifetime","expires_at","salt","now",
/// "expired","signature":"not_checked|valid|invalid","services":[...],"access":{...}|null,
/// "warnings":[...]}`.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `json` writable;
/// `error_message` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_explain(
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
    now: i64,
    json: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(json, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("json", json)?;
            let certificate = match app_certificate_len {
                0 => None,
                _ => Some(AppCertificate::new(text("app_certificate", app_certificate, app_certificate_len)?)?),
            };
            let channel_name = match channel_name_len {
                0 => None,
                _ => Some(text("channel_name", channel_name, channel_name_len)?),
            };
            let options = ExplainOptions {
                certificate: certificate.as_ref(),
                channel_name,
                user: user(user_kind, uid, account, account_len)?,
                now: u64::try_from(now).ok(),
            };
            let explanation = agora_token::explain(text("token", token, token_len)?, &options)?;
            let rendered = serde_json::to_string(&explanation)
                .map_err(|e| invalid("token", format!("cannot be explained as JSON ({e})")))?;
            out.write(owned_c_string(rendered));
            Ok(())
        })
    }
}
