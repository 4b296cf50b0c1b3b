//! Explanations of 007 and 006 tokens as JSON (core `explain`, serialized with its `serde`
//! feature: the same shape as the CLI's `explain --json` without the `token` key).

use std::ffi::c_char;

use agora_token::SdkError;
use agora_token::{AppCertificate, ExplainOptions, User};
use serde_json::{Map, Value};

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
                ..ExplainOptions::default()
            };
            out.write(explanation_json(text("token", token, token_len)?, &options)?);
            Ok(())
        })
    }
}

/// The explanation of `token` as a JSON C string.
fn explanation_json(token: &str, options: &ExplainOptions<'_>) -> Result<*mut c_char, agora_token::Error> {
    let explanation = agora_token::explain(token, options)?;
    let rendered = serde_json::to_string(&explanation)
        .map_err(|e| invalid("token", format!("cannot be explained as JSON ({e})")))?;
    Ok(owned_c_string(rendered))
}

/// Explains a token as [`agora_token_explain`] does, with every question `explain` can answer
/// given as a JSON object in `questions` (all keys optional): `"app_certificate"`,
/// `"secondary_certificate"` (the project's secondary certificate, while rotating),
/// `"expected_app_id"`, `"channel_name"`, `"uid"` (number) or `"account"` (string) for the RTC
/// user, `"user_id"` (RTM, Chat or APaaS user), `"rtm_channel"` (RTM2 permissions),
/// `"room_uuid"` (APaaS), `"sdk_error"` (e.g. `"rtc-110"`, `"110"`, `"rtm-login-5"`) and
/// `"now"` (Unix seconds). The result adds `"verified_with"`, one verdict per service in
/// `"verdicts"` and, with `"sdk_error"`, `"sdk_error":{"code","sdk_name","meaning",
/// "explained_by","other_causes","source"}`.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `json` writable;
/// `error_message` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_explain_questions(
    token: *const c_char,
    token_len: usize,
    questions: *const c_char,
    questions_len: usize,
    json: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(json, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("json", json)?;
            let questions: Map<String, Value> = match questions_len {
                0 => Map::new(),
                _ => serde_json::from_str(text("questions", questions, questions_len)?)
                    .map_err(|e| invalid("questions", format!("is not a JSON object ({e})")))?,
            };
            let string = |key: &str| -> Result<Option<&str>, agora_token::Error> {
                match questions.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(text)) => Ok(Some(text.as_str())),
                    Some(_) => Err(invalid(key, "must be a string".to_owned())),
                }
            };
            let number = |key: &str| -> Result<Option<u64>, agora_token::Error> {
                match questions.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(value) => value
                        .as_u64()
                        .map(Some)
                        .ok_or_else(|| invalid(key, "must be a non-negative integer".to_owned())),
                }
            };
            let certificate = string("app_certificate")?.map(AppCertificate::new).transpose()?;
            let secondary = string("secondary_certificate")?.map(AppCertificate::new).transpose()?;
            let user = match (number("uid")?, string("account")?) {
                (Some(_), Some(_)) => {
                    return Err(invalid("questions", "give \"uid\" or \"account\", not both".to_owned()))
                }
                (Some(uid), None) => Some(User::Uid(
                    u32::try_from(uid).map_err(|_| invalid("uid", format!("is {uid}, above 4294967295")))?,
                )),
                (None, Some(account)) => Some(User::Account(account.to_owned())),
                (None, None) => None,
            };
            let options = ExplainOptions {
                certificate: certificate.as_ref(),
                secondary_certificate: secondary.as_ref(),
                expected_app_id: string("expected_app_id")?,
                channel_name: string("channel_name")?,
                user,
                user_id: string("user_id")?,
                rtm_channel: string("rtm_channel")?,
                room_uuid: string("room_uuid")?,
                sdk_error: string("sdk_error")?.map(SdkError::parse).transpose()?,
                now: number("now")?,
            };
            out.write(explanation_json(text("token", token, token_len)?, &options)?);
            Ok(())
        })
    }
}
