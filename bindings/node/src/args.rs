//! Checks of JavaScript arguments before they reach the core.
//!
//! JavaScript numbers are doubles; the core takes `u32` (uids, expiries, issue times, salts).
//! A plain cast would wrap `-1` to 4294967295 or truncate `1.5`, so every number is checked:
//! finite, whole, and in range, else `invalid_argument` naming the argument. This is the
//! idiomatic layer's contract (and the drop-in's for its own `{ issuedAt, salt }`); the
//! drop-in builders read upstream's arguments as npm does, in `loose`.

use agora_token::{Credentials, RtcRole, User};
use napi::{Either, JsValue, Unknown, ValueType};

use crate::error::{invalid_argument, CoreResultExt, Result};

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A whole number in `min..=max`, or `invalid_argument` for `field`.
fn whole_number(field: &str, value: f64, min: f64, max: f64, range: &str) -> Result<f64> {
    if value.is_nan() {
        return Err(invalid_argument(field, format!("got NaN; pass a whole number in {range}")));
    }
    if value.fract() != 0.0 || !value.is_finite() {
        return Err(invalid_argument(field, format!("got {value}; pass a whole number in {range}")));
    }
    if value < min || value > max {
        return Err(invalid_argument(field, format!("got {value}, which is outside {range}")));
    }
    Ok(value)
}

/// A `u32` argument (uid, expiry, issue time, salt): 0 to 4294967295.
pub fn to_u32(field: &str, value: f64) -> Result<u32> {
    let value = whole_number(field, value, 0.0, f64::from(u32::MAX), "0..=4294967295 (2**32 - 1)")?;
    // Exact: `value` is whole and within u32's range (checked above).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u32)
}

/// An optional `u32` argument.
pub fn to_opt_u32(field: &str, value: Option<f64>) -> Result<Option<u32>> {
    value.map(|v| to_u32(field, v)).transpose()
}

/// An `i16` argument (the APaaS role): -32768 to 32767.
pub fn to_i16(field: &str, value: f64) -> Result<i16> {
    let value = whole_number(field, value, f64::from(i16::MIN), f64::from(i16::MAX), "-32768..=32767")?;
    // Exact: `value` is whole and within i16's range (checked above).
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i16)
}

/// A whole number that JavaScript holds exactly, for role numbers and `now`.
pub fn to_i64(field: &str, value: f64) -> Result<i64> {
    let value = whole_number(field, value, -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER, "the safe integer range")?;
    // Exact: `value` is whole and within ±2^53 (checked above).
    #[allow(clippy::cast_possible_truncation)]
    Ok(value as i64)
}

/// A non-negative whole number up to 2^53 - 1 (e.g. `now` in Unix seconds).
pub fn to_u64(field: &str, value: f64) -> Result<u64> {
    let value = to_i64(field, value)?;
    u64::try_from(value).map_err(|_| invalid_argument(field, format!("got {value}; pass a non-negative whole number")))
}

/// A uid (number) or user account (string), the `string | number` of the upstream typings.
/// Numbers follow the core's uid rule (0 = any user, packed as `""`); strings are accounts,
/// kept verbatim (`"0"` stays `"0"`).
pub fn to_user(field: &str, value: Either<String, f64>) -> Result<User> {
    match value {
        Either::A(account) => Ok(User::Account(account)),
        Either::B(uid) => Ok(User::Uid(to_u32(field, uid)?)),
    }
}

/// The string a user id takes in services that hold only strings (RTM, Chat, APaaS): a
/// number is written as the core writes numeric uids.
pub fn to_user_string(field: &str, value: Either<String, f64>) -> Result<String> {
    Ok(to_user(field, value)?.to_wire_string())
}

/// The idiomatic layer's `uid` / `account` pair: exactly one must be given.
pub fn uid_or_account(uid: Option<f64>, account: Option<String>) -> Result<User> {
    match (uid, account) {
        (Some(uid), None) => Ok(User::Uid(to_u32("uid", uid)?)),
        (None, Some(account)) => Ok(User::Account(account)),
        (Some(_), Some(_)) => Err(invalid_argument(
            "uid/account",
            "both were given; pass `uid` (a number, joinChannel) or `account` (a string, joinChannelWithUserAccount), not both",
        )),
        (None, None) => Err(invalid_argument(
            "uid/account",
            "neither was given; pass `uid` (a number, 0 = any user) or `account` (a string)",
        )),
    }
}

/// An RTC role: 1 / 2, or a name the core accepts (`publisher`, `host`, `subscriber`, `audience`).
pub fn to_rtc_role(value: Either<String, f64>) -> Result<RtcRole> {
    match value {
        Either::A(name) => name.parse::<RtcRole>().js(),
        Either::B(code) => RtcRole::from_code(to_i64("role", code)?).js(),
    }
}

/// Validated credentials.
pub fn credentials(app_id: &str, app_certificate: &str) -> Result<Credentials> {
    Credentials::new(app_id, app_certificate).js()
}

// The drop-in builders take positional arguments from plain JavaScript (often without
// TypeScript), so they read each argument as an `Unknown` and check its type here: a wrong
// type then names the argument (`invalid tokenExpire: expected a number, got a string`)
// instead of napi's anonymous conversion error. Values are never echoed, so a misplaced
// certificate cannot leak into a message.

pub(crate) fn describe(value_type: ValueType) -> &'static str {
    match value_type {
        ValueType::Undefined => "undefined (is an argument missing?)",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external value",
        _ => "a value of another type",
    }
}

pub(crate) fn value_type(field: &str, value: &Unknown<'_>) -> Result<ValueType> {
    value.get_type().map_err(|e| invalid_argument(field, format!("cannot read its type ({})", e.reason)))
}

pub(crate) fn read_failed(field: &str) -> impl Fn(napi::Error) -> crate::error::JsError + '_ {
    move |e| invalid_argument(field, format!("cannot read it ({})", e.reason))
}

/// A number argument.
pub fn arg_number(field: &str, value: &Unknown<'_>) -> Result<f64> {
    match value_type(field, value)? {
        ValueType::Number => value.coerce_to_number().and_then(|n| n.get_double()).map_err(read_failed(field)),
        ValueType::String => Err(invalid_argument(
            field,
            "expected a number, got a string; convert it first (e.g. Number(req.query.expiry))",
        )),
        other => Err(invalid_argument(field, format!("expected a number, got {}", describe(other)))),
    }
}

/// A string argument.
pub fn arg_string(field: &str, value: &Unknown<'_>) -> Result<String> {
    match value_type(field, value)? {
        ValueType::String => value
            .coerce_to_string()
            .and_then(|s| s.into_utf8())
            .and_then(|s| s.into_owned())
            .map_err(read_failed(field)),
        other => Err(invalid_argument(field, format!("expected a string, got {}", describe(other)))),
    }
}

/// A `u32` argument given as a number.
pub fn arg_u32(field: &str, value: &Unknown<'_>) -> Result<u32> {
    to_u32(field, arg_number(field, value)?)
}

/// A uid (number; 0 = any user) or an account (string).
pub fn arg_user(field: &str, value: &Unknown<'_>) -> Result<User> {
    match value_type(field, value)? {
        ValueType::String => Ok(User::Account(arg_string(field, value)?)),
        ValueType::Number => Ok(User::Uid(arg_u32(field, value)?)),
        other => Err(invalid_argument(
            field,
            format!("expected a uid (number) or an account (string), got {}", describe(other)),
        )),
    }
}

/// A user id for string-only services (RTM, Chat, APaaS): numbers are written as the core
/// writes numeric uids.
pub fn arg_user_string(field: &str, value: &Unknown<'_>) -> Result<String> {
    Ok(arg_user(field, value)?.to_wire_string())
}

/// Credentials from the first two positional arguments.
pub fn arg_credentials(app_id: &Unknown<'_>, app_certificate: &Unknown<'_>) -> Result<Credentials> {
    credentials(&arg_string("appId", app_id)?, &arg_string("appCertificate", app_certificate)?)
}
