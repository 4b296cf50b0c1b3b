//! Upstream's reading of loosely typed arguments, for drop-in layers in dynamically typed
//! languages (PHP): the binding applies its language's own conversion (PHP's `pack()` reads
//! `"600"`, `600.9`, `true` and `null` as numbers; its string conversion writes a uid of `-1`
//! or `1.5` as text) and asks here what upstream packs and what to warn about. The rules and
//! messages are the core's (`agora_token::compat`); a binding calls these only for the
//! unusual values (an `int` in range needs no reading), so the common path costs nothing.

use std::ffi::c_char;

use agora_token::compat::{self, NumberReading, UpstreamValue};
use agora_token::Error;

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::{guard, invalid, put, required, text};

/// How the caller's language turned an argument into the whole number `value`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgoraTokenNumberKind {
    /// A whole number (`600`, `600.0`): packed silently.
    Whole = 0,
    /// Text that reads as a whole number (`"600"`, as query strings give): packed silently.
    Text = 1,
    /// A number with a fraction (`600.9`), `value` truncated toward zero: packed with a
    /// `fraction_truncated` warning.
    Fraction = 2,
    /// Not a number (`true`, `null`, `"abc"`, `NAN`), `value` what the language reads it as:
    /// packed with a `not_a_number` warning.
    NotANumber = 3,
}

/// The token field a number is packed into, which sets the range it must fit.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgoraTokenNumberField {
    /// Unsigned 32 bits (expiry, issue time, salt), 0..=4294967295.
    U32 = 0,
    /// 32 bits as PHP's `pack("V")` and a Java `int` give them: -2147483648..=4294967295,
    /// a negative value packed as its unsigned 32 bits (-1 as 4294967295), as upstream does.
    U32Bits = 1,
    /// Unsigned 16 bits (privilege number, RTM2 type), 0..=65535.
    U16 = 2,
    /// Signed 16 bits (APaaS role), -32768..=32767.
    I16 = 3,
}

/// Upstream's reading of a number argument: writes what is packed to `*packed` (the number
/// the field holds: 0..=4294967295 for the 32-bit fields) and reports a dropped fraction or a
/// value that is not a number in `*warnings` (NULL when there is nothing to say). `field`
/// names the argument in messages; `shown` is the argument as the caller would print it (keep
/// it short: it is quoted).
///
/// # Errors
/// `invalid_argument` when the number is outside the field's range (upstream PHP would pack
/// its low bits: a different number), or for a `field_type` / `kind` that is not defined.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `packed` writable; `warnings`
/// and `error_message` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_read_number(
    field: *const c_char,
    field_len: usize,
    field_type: u32,
    kind: u32,
    value: i64,
    shown: *const c_char,
    shown_len: usize,
    packed: *mut i64,
    warnings: *mut *mut AgoraTokenWarnings,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let out = required("packed", packed)?;
            let field = text("field", field, field_len)?;
            let shown = text("shown", shown, shown_len)?;
            let reading = reading(kind, value, shown)?;
            let (number, warning) = match field_type {
                t if t == AgoraTokenNumberField::U32 as u32 => {
                    let read = compat::u32_number(field, reading)?;
                    (i64::from(read.value), read.warning)
                }
                t if t == AgoraTokenNumberField::U32Bits as u32 => {
                    // The core's 32-bit reading of the bits, so that a warning names the number packed.
                    let bits = compat::java_u32(field, reading.value())?;
                    let read = compat::u32_number(field, with_value(reading, i64::from(bits)))?;
                    (i64::from(read.value), read.warning)
                }
                t if t == AgoraTokenNumberField::U16 as u32 => {
                    let read = compat::u16_number(field, reading)?;
                    (i64::from(read.value), read.warning)
                }
                t if t == AgoraTokenNumberField::I16 as u32 => {
                    let read = compat::i16_number(field, reading)?;
                    (i64::from(read.value), read.warning)
                }
                other => {
                    return Err(invalid(
                        "field_type",
                        format!("is {other}; use 0 (u32), 1 (u32 bits), 2 (u16) or 3 (i16)"),
                    ))
                }
            };
            out.write(number);
            let mut found = Warnings::default();
            found.add(warning);
            found.deliver(warnings);
            Ok(())
        })
    }
}

fn reading(kind: u32, value: i64, shown: &str) -> Result<NumberReading<'_>, Error> {
    Ok(match kind {
        k if k == AgoraTokenNumberKind::Whole as u32 => NumberReading::Whole(value),
        k if k == AgoraTokenNumberKind::Text as u32 => NumberReading::Text { shown, value },
        k if k == AgoraTokenNumberKind::Fraction as u32 => NumberReading::Fraction { shown, truncated: value },
        k if k == AgoraTokenNumberKind::NotANumber as u32 => NumberReading::NotANumber { shown, read_as: value },
        other => {
            return Err(invalid(
                "kind",
                format!("is {other}; use 0 (whole), 1 (text), 2 (fraction) or 3 (not a number)"),
            ))
        }
    })
}

/// The same reading with another number (the packed bits of a negative one).
fn with_value(reading: NumberReading<'_>, value: i64) -> NumberReading<'_> {
    match reading {
        NumberReading::Whole(_) => NumberReading::Whole(value),
        NumberReading::Text { shown, .. } => NumberReading::Text { shown, value },
        NumberReading::Fraction { shown, .. } => NumberReading::Fraction { shown, truncated: value },
        NumberReading::NotANumber { shown, .. } => NumberReading::NotANumber { shown, read_as: value },
    }
}

/// Upstream's reading of a uid (RTC uid, 006 uid) that is neither a whole number from 0 to
/// 4294967295 nor a string (`-1`, `1.5`, `true`, `null`): the official builders write it as
/// the text `written` (the language's string conversion), so it becomes a user account
/// (`""`: any user). Always gives one `uid_written_as_text` warning; the caller then builds
/// with the account `written`.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); `warnings` and
/// `error_message` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_read_uid_as_text(
    field: *const c_char,
    field_len: usize,
    shown: *const c_char,
    shown_len: usize,
    written: *const c_char,
    written_len: usize,
    warnings: *mut *mut AgoraTokenWarnings,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let field = text("field", field, field_len)?;
            let shown = text("shown", shown, shown_len)?;
            let written = text("written", written, written_len)?;
            let mut found = Warnings::default();
            found.add(compat::uid_as_text(field, shown, written).warning);
            found.deliver(warnings);
            Ok(())
        })
    }
}

/// Upstream's reading of a role that the caller's language finds equal to none of the role
/// numbers (`"abc"`, `1.5`, `null` where no number matches): it joins only, as role 2 does.
/// `version` is 7 (an AccessToken2 RTC role) or 6 (a 006 role); gives one
/// `role_read_as_join_only` warning. The caller then builds with role 2. Roles that are whole
/// numbers go to the builder functions directly (which refuse undefined ones in strict mode).
///
/// # Safety
/// `shown` is pointer + byte length (NULL only with length 0); `warnings` and `error_message`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn agora_token_read_role(
    version: u32,
    shown: *const c_char,
    shown_len: usize,
    warnings: *mut *mut AgoraTokenWarnings,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        put(warnings, std::ptr::null_mut());
        guard(error_message, || {
            let shown = text("shown", shown, shown_len)?;
            let warning = match version {
                7 => compat::rtc_role(UpstreamValue::Other(shown)).warning,
                6 => compat::role_006(UpstreamValue::Other(shown)).warning,
                other => return Err(invalid("version", format!("is {other}; use 7 (AccessToken2) or 6 (006)"))),
            };
            let mut found = Warnings::default();
            found.add(warning);
            found.deliver(warnings);
            Ok(())
        })
    }
}
