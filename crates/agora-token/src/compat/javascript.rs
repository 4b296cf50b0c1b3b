//! npm `agora-token` and `agora-access-token`'s reading of JavaScript arguments, for the
//! JavaScript drop-in layers: the native addon (napi) and the WebAssembly build.
//!
//! npm packs numbers through `Buffer.writeUInt32LE` and its siblings (`+value`, a `RangeError`
//! outside the field's range, `NaN` written as 0, a fraction truncated), writes uids through a
//! template literal (`` `${uid}` ``), reads user ids as `userId || ''` and compares roles with
//! `==` or `===`. The functions here take any [`JsValue`] (each JavaScript host implements it
//! with its own conversions), apply those readings with the rules of the parent module, and
//! push the warnings they raise onto `warnings`; the caller emits them through its host
//! (`process.emitWarning`). The idiomatic layers never call these: they refuse such values.
//!
//! Values are never echoed in errors, and in warnings only numbers and strings of up to
//! [`SHOWN_STRING_CHARS`] characters are, so a misplaced certificate never shows.

use std::collections::BTreeMap;

use super::{Lenient, NumberReading, UpstreamValue};
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::services::{Rtm2Permissions, ServiceField, ServiceType, User};
use crate::{AccessToken2, Service, APAAS_NO_ROLE};

use super::CompatWarning;

/// The type of a JavaScript value: `typeof`, with `null` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsType {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Boolean,
    /// A number (a double).
    Number,
    /// A string.
    String,
    /// A BigInt.
    BigInt,
    /// A symbol.
    Symbol,
    /// An object (arrays included).
    Object,
    /// A function.
    Function,
    /// Anything else a host reports (a napi external).
    Other,
}

impl JsType {
    /// The type as messages name it.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            JsType::Undefined => "undefined (is an argument missing?)",
            JsType::Null => "null",
            JsType::Boolean => "a boolean",
            JsType::Number => "a number",
            JsType::String => "a string",
            JsType::BigInt => "a BigInt",
            JsType::Symbol => "a symbol",
            JsType::Object => "an object",
            JsType::Function => "a function",
            JsType::Other => "a value of another type",
        }
    }
}

/// A JavaScript value as a host hands it over, with JavaScript's own conversions. A failed
/// conversion (an object whose `valueOf` throws) is an [`Error::InvalidArgument`] for `field`.
pub trait JsValue: Sized {
    /// The value's type.
    ///
    /// # Errors
    /// When the host cannot tell.
    fn js_type(&self, field: &str) -> Result<JsType>;
    /// `+value`. Never called for a BigInt or a symbol (JavaScript throws a `TypeError`).
    ///
    /// # Errors
    /// When the conversion throws.
    fn to_number(&self, field: &str) -> Result<f64>;
    /// `` `${value}` `` (a string as it is). Never called for a symbol.
    ///
    /// # Errors
    /// When the conversion throws.
    fn to_text(&self, field: &str) -> Result<String>;
    /// `!!value`.
    ///
    /// # Errors
    /// When the host cannot tell.
    fn to_bool(&self, field: &str) -> Result<bool>;
    /// The keys a `for...in` loop visits (as strings) with their values.
    ///
    /// # Errors
    /// When the value is not an object, or a property cannot be read.
    fn entries(&self, field: &str) -> Result<Vec<(Self, Self)>>;
    /// A named property (`undefined` when missing).
    ///
    /// # Errors
    /// When the value is not an object, or the property cannot be read.
    fn property(&self, field: &str, name: &str) -> Result<Self>;
    /// The elements of an array.
    ///
    /// # Errors
    /// When the value is not an array.
    fn elements(&self, field: &str) -> Result<Vec<Self>>;
}

/// An argument the drop-in layer refuses, as npm does.
fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidArgument { field: field.to_owned(), reason: reason.into() }
}

/// The message of a value the host could not convert (`field` is named by the caller).
#[must_use]
pub fn read_failed(field: &str, reason: &str) -> Error {
    invalid(field, format!("cannot read it ({reason})"))
}

/// A string argument (a number or anything else is refused, naming its type).
///
/// # Errors
/// For any other type.
pub fn string<V: JsValue>(field: &str, value: &V) -> Result<String> {
    match value.js_type(field)? {
        JsType::String => value.to_text(field),
        other => Err(invalid(field, format!("expected a string, got {}", other.describe()))),
    }
}

/// Strings up to this many characters are quoted in warnings; longer ones are only described,
/// so that a certificate passed in the wrong position (32 characters) never shows.
pub const SHOWN_STRING_CHARS: usize = 16;

/// A number as JavaScript's `String(number)` prints it (`1.5`, `NaN`, `Infinity`, `0` for -0,
/// `1e+21`, `1e-7`): both print the shortest digits that read back as the number.
#[must_use]
pub fn number_text(number: f64) -> String {
    let magnitude = number.abs();
    if number.is_nan() {
        "NaN".to_owned()
    } else if number.is_infinite() {
        if number > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else if number == 0.0 {
        "0".to_owned()
    } else if !(1e-6..1e21).contains(&magnitude) {
        // JavaScript switches to exponent notation there and signs a positive exponent.
        let text = format!("{number:e}");
        if text.contains("e-") {
            text
        } else {
            text.replacen('e', "e+", 1)
        }
    } else {
        number.to_string()
    }
}

/// A value as a warning shows it: a number as JavaScript prints it, a short string quoted, a
/// long one (a misplaced certificate?) and anything else only described. `number` is the
/// value's number, for values of type `number`.
///
/// # Errors
/// When a string cannot be read.
pub fn shown<V: JsValue>(field: &str, value: &V, js_type: JsType, number: f64) -> Result<String> {
    Ok(match js_type {
        JsType::Number => number_text(number),
        JsType::String => {
            let text = string(field, value)?;
            let length = text.chars().count();
            if length <= SHOWN_STRING_CHARS {
                format!("{text:?}")
            } else {
                format!("a string of {length} characters")
            }
        }
        other => other.describe().to_owned(),
    })
}

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// How upstream compares a value with the role numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equality {
    /// `==`: strings, booleans and objects are converted to numbers (`"1" == 1`, `true == 1`,
    /// `"" == 0`, `[1] == 1`), BigInts compare by value (`1n == 1`; read up to 32 bits), and
    /// `null`, `undefined` and symbols equal no number.
    Loose,
    /// `===` (npm `ConvoAITokenBuilder` and `SttTokenBuilder`): only numbers equal numbers.
    Strict,
}

/// Calls `read` with a value as upstream's `role == n` (or `role === n`) comparisons see it.
///
/// # Errors
/// When the value cannot be read (an object whose conversion throws).
pub fn upstream_value<V: JsValue, T>(
    field: &str,
    value: &V,
    equality: Equality,
    read: impl FnOnce(UpstreamValue<'_>) -> T,
) -> Result<T> {
    let js_type = value.js_type(field)?;
    let number = match js_type {
        JsType::Number => Some(value.to_number(field)?),
        _ if equality == Equality::Strict => None,
        JsType::Boolean | JsType::String | JsType::Object | JsType::Function => Some(value.to_number(field)?),
        JsType::BigInt => {
            Some(value.to_text(field).ok().and_then(|text| text.parse::<i32>().ok()).map_or(f64::NAN, f64::from))
        }
        JsType::Undefined | JsType::Null | JsType::Symbol | JsType::Other => None,
    };
    if let Some(number) = number {
        if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
            // Exact: `number` is whole and within ±2^53 (checked above).
            #[allow(clippy::cast_possible_truncation)]
            return Ok(read(UpstreamValue::Integer(number as i64)));
        }
    }
    let shown = shown(field, value, js_type, number.unwrap_or(f64::NAN))?;
    Ok(read(UpstreamValue::Other(&shown)))
}

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

/// A reading of a number for one field type ([`super::u32_number`], ...).
pub type Read<T> = fn(&str, NumberReading<'_>) -> Result<Lenient<T>>;

/// JavaScript's `+value`, which a `Buffer` write applies first. A BigInt or a symbol makes it
/// throw a `TypeError` (so does npm); an object's `valueOf` may throw too.
fn to_number<V: JsValue>(field: &str, value: &V, js_type: JsType) -> Result<f64> {
    match js_type {
        JsType::BigInt | JsType::Symbol => Err(invalid(
            field,
            format!("{} cannot be converted to a number (npm agora-token throws a TypeError too)", js_type.describe()),
        )),
        _ => value.to_number(field),
    }
}

/// Keeps the warning, if any, and returns the value.
fn keep<T>(lenient: Lenient<T>, warnings: &mut Vec<CompatWarning>) -> T {
    warnings.extend(lenient.warning);
    lenient.value
}

/// A value packed with a `Buffer` write, as npm packs it: `+value`, a `RangeError` outside
/// `range` (refused here too), `NaN` written as 0, a fraction truncated. A whole number and
/// numeric text (`"600"` from `req.query`) are read silently; a fraction, `NaN`, `undefined`,
/// `null`, a boolean, `""` or other text warn.
///
/// # Errors
/// Outside `range`, for a BigInt or a symbol, or when `read` refuses the value.
pub fn number<V: JsValue, T>(
    field: &str,
    value: &V,
    range: Range,
    read: Read<T>,
    warnings: &mut Vec<CompatWarning>,
) -> Result<T> {
    let js_type = value.js_type(field)?;
    let number = to_number(field, value, js_type)?;
    // The common call passes a whole number in range: no warning is possible.
    if js_type == JsType::Number && number.fract() == 0.0 && number >= range.min && number <= range.max {
        // Exact: whole and within the range of an i64 (checked above).
        #[allow(clippy::cast_possible_truncation)]
        return read(field, NumberReading::Whole(number as i64)).map(|lenient| lenient.value);
    }
    let shown = shown(field, value, js_type, number)?;
    if number < range.min || number > range.max {
        return Err(invalid(
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
    let reading = match js_type {
        _ if number.is_nan() => NumberReading::NotANumber { shown: &shown, read_as: 0 },
        JsType::Number if whole => NumberReading::Whole(truncated),
        JsType::Number => NumberReading::Fraction { shown: &shown, truncated },
        // `+"  "` is 0 too: text without a digit is not a number.
        JsType::String if !string(field, value)?.chars().any(|c| c.is_ascii_digit()) => {
            NumberReading::NotANumber { shown: &shown, read_as: truncated }
        }
        JsType::String if whole => NumberReading::Text { shown: &shown, value: truncated },
        JsType::String => NumberReading::Fraction { shown: &shown, truncated },
        _ => NumberReading::NotANumber { shown: &shown, read_as: truncated },
    };
    Ok(keep(read(field, reading)?, warnings))
}

/// A value packed as a u32 ([`number`]).
///
/// # Errors
/// As [`number`].
pub fn u32_number<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<u32> {
    number(field, value, U32, super::u32_number, warnings)
}

/// A 007 expiry in seconds, as npm packs it ([`u32_number`]); warns when it looks like a Unix
/// timestamp or exceeds 24 hours.
///
/// # Errors
/// As [`number`].
pub fn expire_007<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<u32> {
    let seconds = u32_number(field, value, warnings)?;
    warnings.extend(super::expire_007(field, seconds));
    Ok(seconds)
}

/// An optional 007 expiry: `undefined`, where upstream's default parameter applies, is `None`;
/// anything else is read as [`expire_007`] (`null` too: npm packs it as 0).
///
/// # Errors
/// As [`number`].
pub fn opt_expire_007<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<Option<u32>> {
    if value.js_type(field)? == JsType::Undefined {
        return Ok(None);
    }
    expire_007(field, value, warnings).map(Some)
}

/// A 006 expiry (an absolute Unix time, 0 = none), as npm packs it ([`u32_number`]); warns when
/// it looks like a number of seconds.
///
/// # Errors
/// As [`number`].
pub fn expire_006<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<u32> {
    let unix_seconds = u32_number(field, value, warnings)?;
    warnings.extend(super::expire_006(field, unix_seconds));
    Ok(unix_seconds)
}

/// A 007 RTC role as upstream reads it (`role == 1` publishes, anything else joins only; the
/// ConvoAI and STT builders compare with `===`), warning about values other than 1 and 2.
///
/// # Errors
/// When the value cannot be read.
pub fn rtc_role<V: JsValue>(
    field: &str,
    value: &V,
    equality: Equality,
    warnings: &mut Vec<CompatWarning>,
) -> Result<crate::RtcRole> {
    Ok(keep(upstream_value(field, value, equality, super::rtc_role)?, warnings))
}

/// A 006 RTC role as upstream reads it (`== 0`, `== 1`, `== 101` publish), warning about values
/// other than 0, 1, 2 and 101.
///
/// # Errors
/// When the value cannot be read.
pub fn role_006<V: JsValue>(
    field: &str,
    value: &V,
    warnings: &mut Vec<CompatWarning>,
) -> Result<crate::legacy::access_token::Role006> {
    Ok(keep(upstream_value(field, value, Equality::Loose, super::role_006)?, warnings))
}

/// Exact u32 of a whole number in range, for uids given as numbers where npm takes strings.
fn whole_u32(field: &str, value: f64) -> Result<u32> {
    const RANGE: &str = "0..=4294967295 (2**32 - 1)";
    if value.fract() != 0.0 || !value.is_finite() {
        return Err(invalid(field, format!("got {value}; pass a whole number in {RANGE}")));
    }
    if !(0.0..=4_294_967_295.0).contains(&value) {
        return Err(invalid(field, format!("got {value}, which is outside {RANGE}")));
    }
    // Exact: whole and within u32's range (checked above).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u32)
}

/// A uid or account as npm writes it, `` uid === 0 ? '' : `${uid}` ``: a whole number from 0
/// to 4294967295 is a uid and a string an account, silently; anything else (`-1`, `1.5`,
/// `NaN`, `undefined`, `null`, `true`, ...) is written as that text, a user account, with a
/// warning ([`super::uid_as_text`]).
///
/// # Errors
/// When the value cannot be converted to text (a symbol).
pub fn user<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<User> {
    let js_type = value.js_type(field)?;
    let mut number = f64::NAN;
    match js_type {
        JsType::String => return Ok(User::Account(string(field, value)?)),
        JsType::Number => {
            number = to_number(field, value, js_type)?;
            if number.fract() == 0.0 && (0.0..=4_294_967_295.0).contains(&number) {
                // Exact: whole and within u32 (checked above); -0 is 0, as `=== 0` finds.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                return Ok(User::Uid(number as u32));
            }
        }
        _ => {}
    }
    if js_type == JsType::Symbol {
        return Err(read_failed(field, "a symbol cannot be converted to a string"));
    }
    let written = value.to_text(field)?;
    Ok(keep(super::uid_as_text(field, &shown(field, value, js_type, number)?, &written), warnings))
}

/// A user id of the string-only services (RTM, Chat, APaaS user and room), which npm reads as
/// `userId || ''`: a string as is; a number as a uid in decimal (0 as `""`; npm throws for a
/// number that is not 0, this package accepts uids there); `undefined`, `null`, `false` and
/// `NaN` as `""`, with a warning unless `undefined` is the documented "omitted" (`omitted`).
///
/// # Errors
/// For other numbers and other values, which npm cannot pack either.
pub fn user_id<V: JsValue>(field: &str, value: &V, omitted: bool, warnings: &mut Vec<CompatWarning>) -> Result<String> {
    let js_type = value.js_type(field)?;
    let empty = match js_type {
        JsType::String => return string(field, value),
        JsType::Undefined if omitted => return Ok(String::new()),
        JsType::Number => {
            let number = to_number(field, value, js_type)?;
            if !number.is_nan() {
                return Ok(User::Uid(whole_u32(field, number)?).to_wire_string());
            }
            true
        }
        JsType::Undefined | JsType::Null => true,
        JsType::Boolean => !value.to_bool(field)?,
        _ => false,
    };
    if !empty {
        return Err(invalid(
            field,
            format!("expected a string, got {} (npm agora-token cannot pack it either)", js_type.describe()),
        ));
    }
    let shown = shown(field, value, js_type, f64::NAN)?;
    Ok(keep(super::uid_as_text(field, &shown, ""), warnings).to_wire_string())
}

/// The RTM2 user id, which npm writes as `userId === 0 || userId == null ? '' : String(userId)`:
/// a string as is, a uid in decimal (0 as `""`), `undefined` as `""` when `omitted` is the
/// documented default, and anything else as its text with a warning ([`user`]; `null` is `""`).
///
/// # Errors
/// As [`user`].
pub fn rtm2_user_id<V: JsValue>(
    field: &str,
    value: &V,
    omitted: bool,
    warnings: &mut Vec<CompatWarning>,
) -> Result<String> {
    match value.js_type(field)? {
        JsType::Undefined if omitted => Ok(String::new()),
        JsType::Undefined | JsType::Null => user_id(field, value, false, warnings),
        _ => Ok(user(field, value, warnings)?.to_wire_string()),
    }
}

/// The APaaS role, which npm reads as `role || -1`: omitted (`undefined`) is -1 silently;
/// `null`, `false`, `""` and `NaN` are -1 with a warning; 0 stays 0 (a deliberate difference:
/// every other upstream language keeps it); anything else is packed with
/// `Buffer.writeInt16LE` ([`number`]).
///
/// # Errors
/// As [`number`].
pub fn apaas_role<V: JsValue>(field: &str, value: &V, warnings: &mut Vec<CompatWarning>) -> Result<i16> {
    let js_type = value.js_type(field)?;
    let falsy = match js_type {
        JsType::Undefined => return Ok(APAAS_NO_ROLE),
        JsType::Null => true,
        JsType::Number => to_number(field, value, js_type)?.is_nan(),
        JsType::Boolean | JsType::String => !value.to_bool(field)?,
        _ => false,
    };
    if !falsy {
        return number(field, value, I16, super::i16_number, warnings);
    }
    let shown = shown(field, value, js_type, f64::NAN)?;
    let reading = NumberReading::NotANumber { shown: &shown, read_as: i64::from(APAAS_NO_ROLE) };
    Ok(keep(super::i16_number(field, reading)?, warnings))
}

/// The core packs numbers ascending and once; npm packs its keys in its own order, twice when
/// two read as the same number. Those the core cannot reproduce are refused.
fn ascending(what: &str, previous: &mut Option<u16>, next: u16) -> Result<()> {
    match previous.replace(next) {
        Some(before) if before >= next => Err(invalid(
            what,
            format!(
                "two keys are packed as {before} then {next}, out of ascending order or twice; npm agora-token packs \
                 them so, which this package cannot reproduce: use each number once, as a whole number"
            ),
        )),
        _ => Ok(()),
    }
}

/// How npm's service classes read one field of a service object, declared with each field in
/// the service table (`npm` in `services!`, services.rs); [`service`] reads every field by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NpmField {
    /// A string, as is ([`string`]): the channel name.
    Text,
    /// A uid or an account, as npm's template literal writes it ([`user`]).
    User,
    /// A user id read as `userId || ''` ([`user_id`]): RTM, Chat, the APaaS uuids.
    UserId,
    /// The RTM2 user id ([`rtm2_user_id`]).
    Rtm2UserId,
    /// The APaaS role, `role || -1` ([`apaas_role`]).
    ApaasRole,
    /// The RTM2 permission details ([`rtm2_permissions`]).
    Rtm2Permissions,
}

/// One field of a service object, read as `reading` says npm reads it; `field` is its name.
fn service_field<V: JsValue>(
    reading: NpmField,
    field: &str,
    value: &V,
    warnings: &mut Vec<CompatWarning>,
) -> Result<ServiceField> {
    // `undefined` is the documented "omitted" for the user ids, as npm's constructors default it.
    Ok(match reading {
        NpmField::Text => ServiceField::Text(string(field, value)?),
        NpmField::User => ServiceField::Text(user(field, value, warnings)?.to_wire_string()),
        NpmField::UserId => ServiceField::Text(user_id(field, value, true, warnings)?),
        NpmField::Rtm2UserId => ServiceField::Text(rtm2_user_id(field, value, true, warnings)?),
        NpmField::ApaasRole => ServiceField::Integer(apaas_role(field, value, warnings)?),
        NpmField::Rtm2Permissions => ServiceField::Rtm2Permissions(rtm2_permissions(value, warnings)?),
    })
}

/// One service of the drop-in `AccessToken2` (npm's service classes, as `{ type, privileges,
/// ...its fields }`), its fields read as npm's classes read them (in packing order, each by the
/// reading the service table declares) and its privileges packed as given: every privilege
/// number, with a warning for those the service does not define.
///
/// # Errors
/// Where npm throws, and for privilege keys the core cannot pack in npm's order.
pub fn service<V: JsValue>(input: &V, warnings: &mut Vec<CompatWarning>) -> Result<Service> {
    let field = |name: &str| input.property("service", name);
    let type_value = field("type")?;
    let type_code = match type_value.js_type("service type")? {
        JsType::Number => type_value.to_number("service type")?,
        other => return Err(invalid("service type", format!("expected a number, got {}", other.describe()))),
    };
    let service_type = Some(type_code)
        .filter(|code| code.fract() == 0.0 && (1.0..=f64::from(u16::MAX)).contains(code))
        // Exact: whole and within u16 (checked above).
        .and_then(|code| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            ServiceType::from_code(code as u16).ok()
        })
        .ok_or_else(|| {
            let (first, last) = ServiceType::first_and_last();
            let range = format!("{} to {}", first.code(), last.code());
            invalid("service type", format!("{} is not a service type ({range})", number_text(type_code)))
        })?;
    // Read in packing order, as npm's constructors read their arguments: the warnings and the
    // first error come in that order.
    let mut fields = Vec::new();
    for declared in service_type.declared_fields() {
        let value = field(declared.name)?;
        fields.push((declared.name, service_field(declared.npm, declared.name, &value, warnings)?));
    }
    let mut service = Service::from_fields(service_type, fields)?;
    let mut previous = None;
    for (key, value) in field("privileges")?.entries("privileges")? {
        // npm packs the keys in `for...in` order (integer keys ascending, then the others).
        let code = number("privilege", &key, U16, super::u16_number, warnings)?;
        ascending("privileges", &mut previous, code)?;
        let field = format!("{service_type} privilege {code} expire");
        let expire = u32_number(&field, &value, warnings)?;
        warnings.extend(super::privilege(service_type, code));
        warnings.extend(super::expire_007(&field, expire));
        service.add_privilege_unchecked(code, expire);
    }
    Ok(service)
}

/// The drop-in `AccessToken2.build()`, given the token's fields as npm's class holds them
/// (`{ appId, appCertificate, expire, issuedAt, salt, services }`, each service as
/// [`service`] reads it): numbers packed as its `Buffer` writes pack them, uids as its
/// template literal writes them, every privilege number and RTM2 type as given.
///
/// # Errors
/// Invalid credentials, and where npm throws.
pub fn build_access_token2<V: JsValue>(token: &V, warnings: &mut Vec<CompatWarning>) -> Result<String> {
    let field = |name: &str| token.property("token", name);
    let credentials =
        Credentials::new(&string("appId", &field("appId")?)?, &string("appCertificate", &field("appCertificate")?)?)?;
    let expire = expire_007("expire", &field("expire")?, warnings)?;
    let issued_at = number("issueTs", &field("issuedAt")?, U32, super::issue_time, warnings)?;
    let salt = u32_number("salt", &field("salt")?, warnings)?;
    let mut builder = AccessToken2::new(expire);
    builder.issued(issued_at, salt);
    for input in field("services")?.elements("services")? {
        builder.service(service(&input, warnings)?);
    }
    builder.build(&credentials)
}

/// npm `Rtm2Permissions.details` packed as npm packs it: `Object.keys(details).map(Number)`
/// sorted, each type written with `Buffer.writeUInt16LE`, the resources verbatim. Types RTM2
/// does not define are packed as given, with a warning.
///
/// # Errors
/// Where npm throws: a key that is not the text of its number (npm looks the entry up again
/// by that number and finds nothing), a type outside 0..=65535, a resource that is not a
/// string; and two keys that read as the same number (1 and 1.5), which the core packs once.
pub fn rtm2_permissions<V: JsValue>(details: &V, warnings: &mut Vec<CompatWarning>) -> Result<Rtm2Permissions> {
    let mut permissions = Rtm2Permissions::new();
    for (resource, (resource_key, by_permission)) in rtm2_keys(details, "resource type", warnings)? {
        warnings.extend(super::rtm2_resource_type(resource));
        nested_object(&by_permission, &resource_key)?;
        for (permission, (permission_key, names)) in rtm2_keys(&by_permission, "permission type", warnings)? {
            warnings.extend(super::rtm2_permission_type(permission));
            nested_object(&names, &permission_key)?;
            let names = names
                .elements("permissions")?
                .iter()
                .map(|name| string("RTM2 resource", name))
                .collect::<Result<Vec<_>>>()?;
            permissions.add_unchecked(resource, permission, names);
        }
    }
    Ok(permissions)
}

/// The keys of one level of RTM2 details as npm reads them, by number, with their values.
fn rtm2_keys<V: JsValue>(
    object: &V,
    what: &'static str,
    warnings: &mut Vec<CompatWarning>,
) -> Result<BTreeMap<u16, (String, V)>> {
    let mut by_number = BTreeMap::new();
    for (key, value) in object.entries("permissions")? {
        let name = string(what, &key)?;
        if number_text(key.to_number(what)?) != name {
            return Err(invalid(
                what,
                format!("key {name:?} is not the text of a number; npm agora-token throws a TypeError for it too"),
            ));
        }
        let code = number(what, &key, U16, super::u16_number, warnings)?;
        if by_number.insert(code, (name, value)).is_some() {
            let mut previous = Some(code);
            ascending(what, &mut previous, code)?;
        }
    }
    Ok(by_number)
}

/// Checks that a nested entry of RTM2 details is an object (an array included).
fn nested_object<V: JsValue>(value: &V, key: &str) -> Result<()> {
    if value.js_type("permissions")? != JsType::Object {
        return Err(invalid("permissions", format!("the entry of {key:?} is not an object or an array")));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A JavaScript value for the tests: what a host would report for it.
    #[derive(Debug, Clone)]
    enum Js {
        Undefined,
        Null,
        Bool(bool),
        Number(f64),
        Text(&'static str),
        Symbol,
        Object(Vec<(&'static str, Js)>),
        Array(Vec<Js>),
    }

    impl JsValue for Js {
        fn js_type(&self, _: &str) -> Result<JsType> {
            Ok(match self {
                Js::Undefined => JsType::Undefined,
                Js::Null => JsType::Null,
                Js::Bool(_) => JsType::Boolean,
                Js::Number(_) => JsType::Number,
                Js::Text(_) => JsType::String,
                Js::Symbol => JsType::Symbol,
                Js::Object(_) | Js::Array(_) => JsType::Object,
            })
        }
        fn to_number(&self, field: &str) -> Result<f64> {
            Ok(match self {
                Js::Undefined | Js::Object(_) => f64::NAN,
                Js::Null => 0.0,
                Js::Bool(b) => f64::from(u8::from(*b)),
                Js::Number(n) => *n,
                Js::Text(t) if t.trim().is_empty() => 0.0,
                Js::Text(t) => t.trim().parse().unwrap_or(f64::NAN),
                Js::Symbol | Js::Array(_) => return Err(read_failed(field, "not in these tests")),
            })
        }
        fn to_text(&self, field: &str) -> Result<String> {
            Ok(match self {
                Js::Undefined => "undefined".to_owned(),
                Js::Null => "null".to_owned(),
                Js::Bool(b) => b.to_string(),
                Js::Number(n) => number_text(*n),
                Js::Text(t) => (*t).to_owned(),
                Js::Object(_) => "[object Object]".to_owned(),
                Js::Symbol | Js::Array(_) => return Err(read_failed(field, "not in these tests")),
            })
        }
        fn to_bool(&self, _: &str) -> Result<bool> {
            Ok(match self {
                Js::Undefined | Js::Null => false,
                Js::Bool(b) => *b,
                Js::Number(n) => *n != 0.0 && !n.is_nan(),
                Js::Text(t) => !t.is_empty(),
                Js::Symbol | Js::Object(_) | Js::Array(_) => true,
            })
        }
        fn entries(&self, field: &str) -> Result<Vec<(Self, Self)>> {
            match self {
                Js::Object(entries) => Ok(entries.iter().map(|(k, v)| (Js::Text(k), v.clone())).collect()),
                _ => Err(read_failed(field, "not an object")),
            }
        }
        fn property(&self, field: &str, name: &str) -> Result<Self> {
            let entries = self.entries(field)?;
            Ok(entries.into_iter().find(|(k, _)| matches!(k, Js::Text(t) if *t == name)).map_or(Js::Undefined, |e| e.1))
        }
        fn elements(&self, field: &str) -> Result<Vec<Self>> {
            match self {
                Js::Array(elements) => Ok(elements.clone()),
                _ => Err(read_failed(field, "not an array")),
            }
        }
    }

    fn codes(warnings: &[CompatWarning]) -> Vec<&'static str> {
        warnings.iter().map(CompatWarning::code).collect()
    }

    #[test]
    fn numbers_are_read_as_buffer_writes_read_them() {
        let mut warnings = Vec::new();
        assert_eq!(u32_number("expire", &Js::Number(600.0), &mut warnings).unwrap(), 600);
        assert_eq!(u32_number("expire", &Js::Text("600"), &mut warnings).unwrap(), 600);
        assert!(warnings.is_empty());
        assert_eq!(u32_number("expire", &Js::Number(600.9), &mut warnings).unwrap(), 600);
        assert_eq!(u32_number("expire", &Js::Number(f64::NAN), &mut warnings).unwrap(), 0);
        assert_eq!(u32_number("expire", &Js::Null, &mut warnings).unwrap(), 0);
        assert_eq!(u32_number("expire", &Js::Text(" "), &mut warnings).unwrap(), 0);
        assert_eq!(
            codes(&warnings),
            [
                CompatWarning::FRACTION_TRUNCATED,
                CompatWarning::NOT_A_NUMBER,
                CompatWarning::NOT_A_NUMBER,
                CompatWarning::NOT_A_NUMBER
            ]
        );
        assert_eq!(u32_number("expire", &Js::Number(-1.0), &mut warnings).unwrap_err().code(), "invalid_argument");
        assert_eq!(u32_number("expire", &Js::Symbol, &mut warnings).unwrap_err().code(), "invalid_argument");
    }

    #[test]
    fn uids_are_written_as_a_template_literal_writes_them() {
        let mut warnings = Vec::new();
        assert_eq!(user("uid", &Js::Number(7.0), &mut warnings).unwrap(), User::Uid(7));
        assert_eq!(user("uid", &Js::Number(-0.0), &mut warnings).unwrap(), User::Uid(0));
        assert_eq!(user("uid", &Js::Text("7"), &mut warnings).unwrap(), User::Account("7".to_owned()));
        assert!(warnings.is_empty());
        assert_eq!(user("uid", &Js::Number(-1.0), &mut warnings).unwrap(), User::Account("-1".to_owned()));
        assert_eq!(user("uid", &Js::Undefined, &mut warnings).unwrap(), User::Account("undefined".to_owned()));
        assert_eq!(codes(&warnings), [CompatWarning::UID_WRITTEN_AS_TEXT; 2]);
        assert!(user("uid", &Js::Symbol, &mut warnings).is_err());
    }

    #[test]
    fn user_ids_are_read_as_or_empty() {
        let mut warnings = Vec::new();
        assert_eq!(user_id("userId", &Js::Text("alice"), false, &mut warnings).unwrap(), "alice");
        assert_eq!(user_id("userId", &Js::Undefined, true, &mut warnings).unwrap(), "");
        assert_eq!(user_id("userId", &Js::Number(0.0), false, &mut warnings).unwrap(), "");
        assert!(warnings.is_empty());
        assert_eq!(user_id("userId", &Js::Null, false, &mut warnings).unwrap(), "");
        assert_eq!(user_id("userId", &Js::Bool(false), false, &mut warnings).unwrap(), "");
        assert_eq!(warnings.len(), 2);
        assert!(user_id("userId", &Js::Bool(true), false, &mut warnings).is_err());
        assert!(user_id("userId", &Js::Number(1.5), false, &mut warnings).is_err());
        assert_eq!(rtm2_user_id("userId", &Js::Null, false, &mut warnings).unwrap(), "");
    }

    #[test]
    fn roles_compare_as_upstream_does() {
        let mut warnings = Vec::new();
        let loose = rtc_role("role", &Js::Text("1"), Equality::Loose, &mut warnings).unwrap();
        let strict = rtc_role("role", &Js::Text("1"), Equality::Strict, &mut warnings).unwrap();
        assert_eq!((loose, strict), (crate::RtcRole::Publisher, crate::RtcRole::Subscriber));
        assert_eq!(apaas_role("role", &Js::Undefined, &mut warnings).unwrap(), APAAS_NO_ROLE);
        assert_eq!(apaas_role("role", &Js::Number(0.0), &mut warnings).unwrap(), 0);
        assert_eq!(apaas_role("role", &Js::Text(""), &mut warnings).unwrap(), APAAS_NO_ROLE);
    }

    #[test]
    fn services_pack_every_privilege_in_key_order() {
        let mut warnings = Vec::new();
        let rtc = Js::Object(vec![
            ("type", Js::Number(1.0)),
            ("channelName", Js::Text("room")),
            ("uid", Js::Number(42.0)),
            ("privileges", Js::Object(vec![("1", Js::Number(600.0)), ("9", Js::Text("60"))])),
        ]);
        let service = service(&rtc, &mut warnings).unwrap();
        assert_eq!(service.service_type(), ServiceType::Rtc);
        assert_eq!(codes(&warnings), [CompatWarning::UNDEFINED_PRIVILEGE]);
        let twice = Js::Object(vec![
            ("type", Js::Number(2.0)),
            ("privileges", Js::Object(vec![("1", Js::Number(1.0)), ("1.5", Js::Number(1.0))])),
        ]);
        assert!(super::service(&twice, &mut warnings).is_err());
    }

    /// Fields are read in packing order, each as the service table's `npm` says: the warnings
    /// come in that order and the first bad field is the one named.
    #[test]
    fn service_fields_are_read_in_packing_order_by_their_declared_reading() {
        let mut warnings = Vec::new();
        let apaas = Js::Object(vec![
            ("type", Js::Number(7.0)),
            ("role", Js::Null),
            ("userUuid", Js::Number(5.0)),
            ("roomUuid", Js::Null),
            ("privileges", Js::Object(vec![])),
        ]);
        let read = service(&apaas, &mut warnings).unwrap();
        assert_eq!(read, crate::ApaasService::new("", "5", APAAS_NO_ROLE).into());
        assert_eq!(codes(&warnings), [CompatWarning::UID_WRITTEN_AS_TEXT, CompatWarning::NOT_A_NUMBER]);
        let both_bad =
            Js::Object(vec![("type", Js::Number(1.0)), ("uid", Js::Symbol), ("channelName", Js::Number(1.0))]);
        let error = service(&both_bad, &mut warnings).unwrap_err();
        assert!(matches!(&error, Error::InvalidArgument { field, .. } if field == "channelName"), "{error}");
        let rtc = Js::Object(vec![
            ("type", Js::Number(1.0)),
            ("channelName", Js::Text("c")),
            ("uid", Js::Number(0.0)),
            ("privileges", Js::Object(vec![])),
        ]);
        assert_eq!(service(&rtc, &mut warnings).unwrap(), crate::RtcService::new("c", 0).into());
        // The range in the message is the table's.
        let unknown = Js::Object(vec![("type", Js::Number(11.0)), ("privileges", Js::Object(vec![]))]);
        let error = service(&unknown, &mut warnings).unwrap_err().to_string();
        assert!(error.contains("11 is not a service type (1 to 10)"), "{error}");
    }

    #[test]
    fn rtm2_keys_must_be_the_text_of_their_number() {
        let mut warnings = Vec::new();
        let details = |key| Js::Object(vec![(key, Js::Object(vec![("0", Js::Array(vec![Js::Text("c")]))]))]);
        assert!(rtm2_permissions(&details("0"), &mut warnings).is_ok());
        assert!(rtm2_permissions(&details("00"), &mut warnings).is_err());
        assert!(rtm2_permissions(&details("-0"), &mut warnings).is_err());
        assert!(warnings.is_empty());
        assert!(rtm2_permissions(&details("7"), &mut warnings).is_ok());
        assert_eq!(codes(&warnings), [CompatWarning::UNDEFINED_RTM2_TYPE]);
    }

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let printed: Vec<String> = [1.5, -0.0, 1e21, 1e-7, 123.0, 0.000_001, f64::NAN, f64::NEG_INFINITY]
            .into_iter()
            .map(number_text)
            .collect();
        assert_eq!(printed, ["1.5", "0", "1e+21", "1e-7", "123", "0.000001", "NaN", "-Infinity"]);
    }
}
