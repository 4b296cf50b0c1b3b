//! The drop-in layer's reading of loose JavaScript values, as npm `agora-token` and
//! `agora-access-token` read them: numbers through `Buffer.writeUInt32LE` (and its 16-bit
//! siblings), uids through a template literal, user ids through `userId || ''`.
//!
//! Only the JavaScript conversion is done here (`+value`, `` `${value}` ``, the range check
//! `Buffer` makes before truncating); what is packed and which conversions warn is the core's
//! `agora_token::compat`, and each warning goes to `process.emitWarning`. The idiomatic layer
//! never calls these: it keeps refusing such values (`args`).

use agora_token::compat::{self, Lenient, NumberReading};
use agora_token::User;
use napi::{Env, JsValue, Unknown, ValueType};

use crate::args::{arg_string, describe, read_failed, shown, value_type};
use crate::error::{invalid_argument, CoreResultExt, Result};
use crate::warning::emit_if;

/// The range a `Buffer` write accepts before it truncates: outside it, it throws a `RangeError`.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    min: f64,
    max: f64,
}

/// `writeUInt32LE`: expiries, issue times, salts.
pub const U32: Range = Range { min: 0.0, max: 4_294_967_295.0 };
/// `writeUInt16LE`: privilege numbers, RTM2 types.
pub const U16: Range = Range { min: 0.0, max: 65_535.0 };
/// `writeInt16LE`: the APaaS role.
pub const I16: Range = Range { min: -32_768.0, max: 32_767.0 };

/// A core reading of a number for one field type (`compat::u32_number`, ...).
pub type Read<T> = fn(&str, NumberReading<'_>) -> agora_token::Result<Lenient<T>>;

/// JavaScript's `+value`, which a `Buffer` write applies first. A BigInt or a symbol makes it
/// throw a `TypeError` (so does npm); an object's `valueOf` may throw too.
fn to_number(field: &str, value: &Unknown<'_>, value_type: ValueType) -> Result<f64> {
    match value_type {
        // napi reports a BigInt so (without its napi6 types).
        ValueType::Unknown | ValueType::Symbol => Err(invalid_argument(
            field,
            format!(
                "{} cannot be converted to a number (npm agora-token throws a TypeError too)",
                describe(value_type)
            ),
        )),
        _ => value.coerce_to_number().and_then(|number| number.get_double()).map_err(read_failed(field)),
    }
}

/// A value packed with a `Buffer` write, as npm packs it: `+value`, a `RangeError` outside
/// `range` (thrown here too), `NaN` written as 0, a fraction truncated. A whole number and
/// numeric text (`"600"` from `req.query`) are read silently; a fraction, `NaN`, `undefined`,
/// `null`, a boolean, `""` or other text warn (core `compat`).
///
/// # Errors
/// Outside `range`, for a BigInt or a symbol, or when the core refuses the value.
pub fn number<T>(env: &Env, field: &str, value: &Unknown<'_>, range: Range, read: Read<T>) -> Result<T> {
    let value_type = value_type(field, value)?;
    let number = to_number(field, value, value_type)?;
    // The common call passes a whole number in range: no warning is possible.
    if value_type == ValueType::Number && number.fract() == 0.0 && number >= range.min && number <= range.max {
        // Exact: whole and within the range of an i64 (checked above).
        #[allow(clippy::cast_possible_truncation)]
        return read(field, NumberReading::Whole(number as i64)).js().map(|lenient| lenient.value);
    }
    let shown = shown(field, value, value_type, number)?;
    if number < range.min || number > range.max {
        return Err(invalid_argument(
            field,
            format!(
                "{shown} is outside {}..={}, the range the token field holds (npm agora-token throws a RangeError too)",
                range.min, range.max
            ),
        ));
    }
    // Exact: truncated and within the range (checked above); NaN is read as 0, as a Buffer writes it.
    #[allow(clippy::cast_possible_truncation)]
    let truncated = if number.is_nan() { 0 } else { number.trunc() as i64 };
    let whole = number.fract() == 0.0;
    let reading = match value_type {
        _ if number.is_nan() => NumberReading::NotANumber { shown: &shown, read_as: 0 },
        ValueType::Number if whole => NumberReading::Whole(truncated),
        ValueType::Number => NumberReading::Fraction { shown: &shown, truncated },
        // `+"  "` is 0 too: text without a digit is not a number.
        ValueType::String if !arg_string(field, value)?.chars().any(|c| c.is_ascii_digit()) => {
            NumberReading::NotANumber { shown: &shown, read_as: truncated }
        }
        ValueType::String if whole => NumberReading::Text { shown: &shown, value: truncated },
        ValueType::String => NumberReading::Fraction { shown: &shown, truncated },
        _ => NumberReading::NotANumber { shown: &shown, read_as: truncated },
    };
    let lenient = read(field, reading).js()?;
    emit_if(env, lenient.warning)?;
    Ok(lenient.value)
}

/// A value packed as a u32 ([`number`]).
///
/// # Errors
/// As [`number`].
pub fn u32_number(env: &Env, field: &str, value: &Unknown<'_>) -> Result<u32> {
    number(env, field, value, U32, compat::u32_number)
}

/// What a template literal writes: JavaScript's own `ToString` (a symbol throws).
fn template_text(field: &str, value: &Unknown<'_>) -> Result<String> {
    value
        .coerce_to_string()
        .and_then(|text| text.into_utf8())
        .and_then(|text| text.into_owned())
        .map_err(read_failed(field))
}

/// A uid or account as npm writes it, `` uid === 0 ? '' : `${uid}` ``: a whole number from 0
/// to 4294967295 is a uid and a string an account, silently; anything else (`-1`, `1.5`,
/// `NaN`, `undefined`, `null`, `true`, ...) is written as that text, a user account, with a
/// warning (core `compat::uid_as_text`).
///
/// # Errors
/// When the value cannot be converted to text (a symbol).
pub fn user(env: &Env, field: &str, value: &Unknown<'_>) -> Result<User> {
    let value_type = value_type(field, value)?;
    let mut number = f64::NAN;
    match value_type {
        ValueType::String => return Ok(User::Account(arg_string(field, value)?)),
        ValueType::Number => {
            number = to_number(field, value, value_type)?;
            if number.fract() == 0.0 && (0.0..=4_294_967_295.0).contains(&number) {
                // Exact: whole and within u32 (checked above); -0 is 0, as `=== 0` finds.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                return Ok(User::Uid(number as u32));
            }
        }
        _ => {}
    }
    let written = template_text(field, value)?;
    let lenient = compat::uid_as_text(field, &shown(field, value, value_type, number)?, &written);
    emit_if(env, lenient.warning)?;
    Ok(lenient.value)
}

/// A user id of the string-only services (RTM, Chat, APaaS user and room), which npm reads as
/// `userId || ''`: a string as is; a number as a uid in decimal (0 as `""`; npm throws for a
/// number that is not 0, this package accepts uids there); `undefined`, `null`, `false` and
/// `NaN` as `""`, with a warning unless `undefined` is the documented "omitted" (`omitted`).
///
/// # Errors
/// For other numbers and other values, which npm cannot pack either.
pub fn user_id(env: &Env, field: &str, value: &Unknown<'_>, omitted: bool) -> Result<String> {
    let value_type = value_type(field, value)?;
    let empty = match value_type {
        ValueType::String => return arg_string(field, value),
        ValueType::Undefined if omitted => return Ok(String::new()),
        ValueType::Number => {
            let number = to_number(field, value, value_type)?;
            if !number.is_nan() {
                return Ok(crate::args::to_user(field, napi::Either::B(number))?.to_wire_string());
            }
            true
        }
        ValueType::Undefined | ValueType::Null => true,
        ValueType::Boolean => !value.coerce_to_bool().map_err(read_failed(field))?,
        _ => false,
    };
    if !empty {
        return Err(invalid_argument(
            field,
            format!("expected a string, got {} (npm agora-token cannot pack it either)", describe(value_type)),
        ));
    }
    let shown = shown(field, value, value_type, f64::NAN)?;
    let lenient = compat::uid_as_text(field, &shown, "");
    emit_if(env, lenient.warning)?;
    Ok(lenient.value.to_wire_string())
}

/// The RTM2 user id, which npm writes as `userId === 0 || userId == null ? '' : String(userId)`:
/// a string as is, a uid in decimal (0 as `""`), `undefined` as `""` when `omitted` is the
/// documented default, and anything else as its text with a warning ([`user`]; `null` is `""`).
///
/// # Errors
/// As [`user`].
pub fn rtm2_user_id(env: &Env, field: &str, value: &Unknown<'_>, omitted: bool) -> Result<String> {
    match value_type(field, value)? {
        ValueType::Undefined if omitted => Ok(String::new()),
        ValueType::Undefined | ValueType::Null => user_id(env, field, value, false),
        _ => Ok(user(env, field, value)?.to_wire_string()),
    }
}

/// The APaaS role, which npm reads as `role || -1`: omitted (`undefined`) is -1 silently;
/// `null`, `false`, `""` and `NaN` are -1 with a warning; 0 stays 0 (a deliberate difference:
/// every other upstream language keeps it, see README); anything else is packed with
/// `Buffer.writeInt16LE` ([`number`]).
///
/// # Errors
/// As [`number`].
pub fn apaas_role(env: &Env, field: &str, value: Option<&Unknown<'_>>) -> Result<i16> {
    let Some(value) = value else { return Ok(agora_token::APAAS_NO_ROLE) };
    let value_type = value_type(field, value)?;
    let falsy = match value_type {
        ValueType::Undefined => return Ok(agora_token::APAAS_NO_ROLE),
        ValueType::Null => true,
        ValueType::Number => to_number(field, value, value_type)?.is_nan(),
        ValueType::Boolean | ValueType::String => !value.coerce_to_bool().map_err(read_failed(field))?,
        _ => false,
    };
    if !falsy {
        return number(env, field, value, I16, compat::i16_number);
    }
    let shown = shown(field, value, value_type, f64::NAN)?;
    let reading = NumberReading::NotANumber { shown: &shown, read_as: i64::from(agora_token::APAAS_NO_ROLE) };
    let lenient = compat::i16_number(field, reading).js()?;
    emit_if(env, lenient.warning)?;
    Ok(lenient.value)
}
