//! The drop-in layer's reading of loose input: upstream's meaning of any role value, raw
//! privilege numbers, and an `AgoraTokenCompatWarning` for each surprising value, from the
//! core's `agora_token::compat`. The typed layer (`TokenBuilder`, the service classes) never
//! calls these: it keeps refusing the same values with typed errors.
//!
//! Warnings go through `agora_token._warnings._warn`, which calls `warnings.warn` with the
//! stack level of the user's code, so the standard filters apply (ignore them, or turn them
//! into errors: then the build stops with the warning raised).

use std::collections::BTreeSet;

use agora_token::compat::{self, CompatWarning, Lenient, NumberReading, UpstreamValue};
use agora_token::legacy::access_token::{AccessToken, Role006};
use agora_token::{RtcRole, Rtm2Permissions, User};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDateTime, PyDelta, PyDict, PyInt, PyString, PyTuple};

use crate::convert::{repr, seconds_arg, type_name, u32_time_arg};
use crate::errors::{invalid_argument, CoreResultExt};
use crate::services::{service_from_py, PyRtm2Permissions};

/// Emits a core warning as an `AgoraTokenCompatWarning` (or raises it, if the filters say so).
pub(crate) fn warn(py: Python<'_>, warning: &CompatWarning) -> PyResult<()> {
    static WARN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let emit =
        WARN.get_or_try_init(py, || Ok::<_, PyErr>(py.import("agora_token._warnings")?.getattr("_warn")?.unbind()))?;
    emit.bind(py).call1((warning.code(), warning.message()))?;
    Ok(())
}

/// Emits the warning, if any.
pub(crate) fn warn_if(py: Python<'_>, warning: Option<CompatWarning>) -> PyResult<()> {
    warning.map_or(Ok(()), |warning| warn(py, &warning))
}

/// Reprs up to this length are quoted in warnings; longer values are only described, so that
/// a certificate passed in the wrong position (32 characters) never shows in a message.
const SHOWN_REPR_CHARS: usize = 24;

/// How a warning shows a value that is not a whole number.
fn shown(value: &Bound<'_, PyAny>) -> String {
    let text = repr(value);
    if text.chars().count() <= SHOWN_REPR_CHARS {
        return text;
    }
    match value.len() {
        Ok(len) if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() => {
            format!("a {} of length {len}", type_name(value))
        }
        _ => format!("a {} value", type_name(value)),
    }
}

/// The whole number upstream's `role == n` finds `value` equal to, if any: an `int` (`True`
/// is 1, an `IntEnum` its value), or any other value equal to the `int()` of itself or of its
/// real part (`1.0`, `Decimal(1)`, `Fraction(2, 1)`, `1+0j`, numpy integers). Strings and bytes
/// equal no number in Python.
fn loose_integer(value: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if value.is_instance_of::<PyInt>() {
        return Ok(value.extract::<i64>().ok());
    }
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Ok(None);
    }
    let int = value.py().get_type::<PyInt>();
    let whole = match int.call1((value,)) {
        Ok(whole) => whole,
        // complex has no int(), but 1+0j == 1.
        Err(_) => match value.getattr("real").and_then(|real| int.call1((real,))) {
            Ok(whole) => whole,
            Err(_) => return Ok(None), // None, objects: equal to no role number
        },
    };
    if !value.eq(&whole)? {
        return Ok(None); // 1.5 is not 1
    }
    Ok(whole.extract::<i64>().ok())
}

/// Python's `int(x)`, as upstream packs numbers (`struct.pack('<I', int(x))`), read as the
/// core's `NumberReading` and passed to `read` (the core's range and warning for the field).
/// An `int` is read silently; numeric text (`"600"`) too; a fraction (`600.9`, `Decimal`) and
/// `True`/`False` warn. Where `int()` raises (`None`, `"abc"`, `nan`), so do we: upstream does.
pub(crate) fn number<T>(
    value: &Bound<'_, PyAny>,
    field: &str,
    read: fn(&str, NumberReading<'_>) -> agora_token::Result<Lenient<T>>,
) -> PyResult<T> {
    // The common call passes an int: read it without the general path (no warning is possible).
    if value.is_exact_instance_of::<PyInt>() {
        if let Ok(whole) = value.extract::<i64>() {
            return read(field, NumberReading::Whole(whole)).or_raise().map(|lenient| lenient.value);
        }
    }
    let py = value.py();
    let int = py.get_type::<PyInt>();
    let whole = match int.call1((value,)) {
        Ok(whole) => whole,
        Err(error) if error.is_instance_of::<PyTypeError>(py) => {
            return Err(PyTypeError::new_err(format!(
                "{field} must be a number, not {} (the official builders' int() raises TypeError too)",
                type_name(value)
            )));
        }
        Err(error) if error.is_instance_of::<PyValueError>(py) || error.is_instance_of::<PyOverflowError>(py) => {
            let reason = format!("{} is not a number int() reads (the official builders raise too)", shown(value));
            return Err(invalid_argument(field, reason));
        }
        Err(error) => return Err(error),
    };
    let shown = shown(value);
    let Ok(whole_value) = whole.extract::<i64>() else {
        return Err(invalid_argument(field, format!("{shown} is out of range (the official builders raise too)")));
    };
    let reading = if value.is_instance_of::<PyBool>() {
        NumberReading::NotANumber { shown: &shown, read_as: whole_value }
    } else if value.is_instance_of::<PyInt>() {
        NumberReading::Whole(whole_value)
    } else if value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.is_instance_of::<PyByteArray>()
    {
        NumberReading::Text { shown: &shown, value: whole_value }
    } else if value.eq(&whole)? {
        NumberReading::Whole(whole_value)
    } else {
        NumberReading::Fraction { shown: &shown, truncated: whole_value }
    };
    let lenient = read(field, reading).or_raise()?;
    warn_if(py, lenient.warning)?;
    Ok(lenient.value)
}

/// A 007 duration in seconds as upstream packs it ([`number`]); a `timedelta` is taken too.
pub(crate) fn seconds(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if value.is_instance_of::<PyDelta>() {
        return seconds_arg(value, field);
    }
    number(value, field, compat::u32_number)
}

/// A Unix time as upstream packs it ([`number`]); a timezone-aware `datetime` is taken too.
pub(crate) fn unix_time(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if value.is_instance_of::<PyDateTime>() {
        return u32_time_arg(value, field);
    }
    number(value, field, compat::u32_number)
}

/// An explicit issue time as upstream packs it (core `compat::issue_time`: text reading as 0
/// warns); a timezone-aware `datetime` is taken too.
fn issue_time(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if value.is_instance_of::<PyDateTime>() {
        return u32_time_arg(value, field);
    }
    number(value, field, compat::issue_time)
}

/// A uid or account as upstream writes it: `b'' if uid == 0 else str(uid)`. An `int` from 0 to
/// 4294967295 is a uid and a `str` an account, silently; anything else is written as upstream
/// writes it, with a warning (core `compat::uid_as_text`): `-1` becomes the account `"-1"`.
pub(crate) fn user(value: &Bound<'_, PyAny>, field: &str) -> PyResult<User> {
    if value.is_exact_instance_of::<PyInt>() {
        if let Ok(uid) = value.extract::<u32>() {
            return Ok(User::Uid(uid));
        }
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(User::Account(text.to_cow()?.into_owned()));
    }
    let zero = value.eq(0)?;
    let written = if zero { String::new() } else { value.str()?.to_cow()?.into_owned() };
    // An int subclass (an IntEnum member) that str() writes as its number is a plain uid.
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        if let Ok(uid) = value.extract::<u32>() {
            if zero || written == uid.to_string() {
                return Ok(User::Uid(uid));
            }
        }
    }
    let lenient = compat::uid_as_text(field, &shown(value), &written);
    warn_if(value.py(), lenient.warning)?;
    Ok(lenient.value)
}

/// The drop-in's reading of a uid, as the text packed into the token (`""` for uid 0): what
/// `ServiceRtc(channel_name, uid)` and the other upstream classes write.
#[pyfunction]
pub(crate) fn compat_uid(field: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(user(value, field)?.to_wire_string())
}

/// The drop-in's reading of a number packed as a u32 (an issue time, a salt), as upstream's
/// `int(x)` reads it, with an `AgoraTokenCompatWarning` for a fraction or `True`/`False`.
#[pyfunction]
pub(crate) fn compat_u32(field: &str, value: &Bound<'_, PyAny>) -> PyResult<u32> {
    number(value, field, compat::u32_number)
}

/// The drop-in's reading of a number packed as an i16 (the APaaS role), as [`compat_u32`].
#[pyfunction]
pub(crate) fn compat_i16(field: &str, value: &Bound<'_, PyAny>) -> PyResult<i16> {
    number(value, field, compat::i16_number)
}

/// Upstream's `ServiceRtm2.Permissions.details` (resource type -> permission type -> names)
/// packed as upstream packs it: types in `sorted()` order, each read with `int()`, names
/// verbatim. Types RTM2 does not define are packed as given (core
/// `Rtm2Permissions::add_unchecked`), with an `AgoraTokenCompatWarning`.
#[pyfunction]
pub(crate) fn compat_rtm2_permissions(details: &Bound<'_, PyAny>) -> PyResult<PyRtm2Permissions> {
    let py = details.py();
    let sorted = py.import("builtins")?.getattr("sorted")?;
    let mut permissions = Rtm2Permissions::new();
    let mut previous_resource = None;
    for resource_key in sorted.call1((details,))?.try_iter()? {
        let resource_key = resource_key?;
        let resource = number(&resource_key, "resource_type", compat::u16_number)?;
        ascending("resource types", &mut previous_resource, resource)?;
        warn_if(py, compat::rtm2_resource_type(resource))?;
        let by_permission = details.get_item(&resource_key)?;
        let mut previous_permission = None;
        for permission_key in sorted.call1((&by_permission,))?.try_iter()? {
            let permission_key = permission_key?;
            let permission = number(&permission_key, "permission_type", compat::u16_number)?;
            ascending("permission types", &mut previous_permission, permission)?;
            warn_if(py, compat::rtm2_permission_type(permission))?;
            let names = by_permission.get_item(&permission_key)?;
            let names = names.try_iter()?.map(|name| name?.extract::<String>()).collect::<PyResult<Vec<String>>>()?;
            permissions.add_unchecked(resource, permission, names);
        }
    }
    Ok(PyRtm2Permissions { inner: permissions })
}

/// Upstream packs keys in its own order; the core packs them ascending. They agree unless two
/// keys read as the same number or text keys sort differently from their numbers, which the
/// core cannot reproduce: refused, naming the keys.
fn ascending(what: &str, previous: &mut Option<u16>, next: u16) -> PyResult<()> {
    if let Some(before) = previous.replace(next) {
        if before >= next {
            return Err(invalid_argument(
                what,
                format!(
                    "two keys are packed as {before} then {next}, out of ascending order or twice; upstream packs \
                     them so, which this library cannot reproduce: use each number once, as an int"
                ),
            ));
        }
    }
    Ok(())
}

/// Calls `read` with the value as the core's `UpstreamValue`.
fn with_upstream_value<T>(value: &Bound<'_, PyAny>, read: impl FnOnce(UpstreamValue<'_>) -> T) -> PyResult<T> {
    Ok(match loose_integer(value)? {
        Some(number) => read(UpstreamValue::Integer(number)),
        None => read(UpstreamValue::Other(&shown(value))),
    })
}

/// Upstream's 007 RTC role for any value (`role == 1` publishes, anything else joins only),
/// warning about values other than 1 and 2.
pub(crate) fn rtc_role_lenient(value: &Bound<'_, PyAny>) -> PyResult<RtcRole> {
    // The drop-in's common call passes 1 or 2: read them without the general path.
    if value.is_exact_instance_of::<PyInt>() {
        if let Ok(code @ (1 | 2)) = value.extract::<i64>() {
            return RtcRole::from_code(code).or_raise();
        }
    }
    let reading = with_upstream_value(value, compat::rtc_role)?;
    warn_if(value.py(), reading.warning)?;
    Ok(reading.value)
}

/// Upstream's reading of a 007 RTC role (`role == 1`): 1 (publisher) or 2 (join only), with an
/// `AgoraTokenCompatWarning` for any value other than 1 and 2.
#[pyfunction]
pub(crate) fn compat_rtc_role(role: &Bound<'_, PyAny>) -> PyResult<u32> {
    Ok(rtc_role_lenient(role)?.code())
}

/// Upstream's reading of a 006 RTC role (`role == 0 | role == 101 | role == 1` publish): the
/// role number 0, 1, 2 or 101, with an `AgoraTokenCompatWarning` (and 2, join only) for others.
#[pyfunction]
pub(crate) fn compat_role_006(role: &Bound<'_, PyAny>) -> PyResult<u32> {
    Ok(role_006_lenient(role)?.code())
}

/// Upstream's 006 RTC role for any value (0, 1 and 101 publish, anything else joins only),
/// warning about values other than 0, 1, 2 and 101.
pub(crate) fn role_006_lenient(value: &Bound<'_, PyAny>) -> PyResult<Role006> {
    // The common call passes one of the four roles: read them without the general path.
    if value.is_exact_instance_of::<PyInt>() {
        if let Ok(Ok(role)) = value.extract::<i64>().map(Role006::from_code) {
            return Ok(role);
        }
    }
    let reading = with_upstream_value(value, compat::role_006)?;
    warn_if(value.py(), reading.warning)?;
    Ok(reading.value)
}

/// 007 expiries (keyword name = value in seconds) as upstream packs them, in keyword order:
/// read with `int()` ([`number`]; a `timedelta` too), with a warning when they look like
/// absolute Unix timestamps or exceed 24 hours.
#[pyfunction]
#[pyo3(signature = (**expiries))]
pub(crate) fn compat_expire_007<'py>(
    py: Python<'py>,
    expiries: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut packed = Vec::new();
    for (field, value) in expiries.into_iter().flat_map(|dict| dict.iter()) {
        let field = field.extract::<String>()?;
        let seconds = seconds(&value, &field)?;
        warn_if(py, compat::expire_007(&field, seconds))?;
        packed.push(seconds);
    }
    PyTuple::new(py, packed)
}

/// 006 expiries (keyword name = absolute Unix time) as upstream packs them, in keyword order
/// ([`number`]; an aware `datetime` too), with a warning for non-zero ones that look like a
/// number of seconds.
#[pyfunction]
#[pyo3(signature = (**expiries))]
pub(crate) fn compat_expire_006<'py>(
    py: Python<'py>,
    expiries: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut packed = Vec::new();
    for (field, value) in expiries.into_iter().flat_map(|dict| dict.iter()) {
        let field = field.extract::<String>()?;
        let unix_seconds = unix_time(&value, &field)?;
        warn_if(py, compat::expire_006(&field, unix_seconds))?;
        packed.push(unix_seconds);
    }
    PyTuple::new(py, packed)
}

/// `(privilege, expiry)` pairs of a privilege mapping (a dict or anything with `items()`),
/// the privilege numbers read with `int()` as upstream packs them. Two keys that read as the
/// same number (`1` and `"1"`) are packed twice upstream, which the core cannot reproduce:
/// refused.
fn privilege_items<'py>(mapping: &Bound<'py, PyAny>) -> PyResult<Vec<(u16, Bound<'py, PyAny>)>> {
    let items = match mapping.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => mapping.call_method0("items")?,
    };
    let mut seen = BTreeSet::new();
    let mut entries = Vec::new();
    for item in items.try_iter()? {
        let (key, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) = item?.extract()?;
        let code = number(&key, "privilege", compat::u16_number)?;
        if !seen.insert(code) {
            return Err(invalid_argument(
                "privilege",
                format!(
                    "two keys ({} and another) are both privilege {code}; upstream packs the number twice, which \
                     this library cannot reproduce: use each privilege once, as an int",
                    shown(&key)
                ),
            ));
        }
        entries.push((code, value));
    }
    Ok(entries)
}

/// The drop-in `AccessToken2.AccessToken.build()`: an AccessToken2 whose services (service
/// objects without privileges, each with its `{privilege: seconds}` mapping) keep every
/// privilege number as given, as upstream packs them. Undefined privilege numbers and
/// surprising expiries warn.
#[pyfunction]
#[pyo3(signature = (app_id, app_certificate, *, expire, issued_at, salt, services))]
pub(crate) fn compat_build_007(
    py: Python<'_>,
    app_id: &str,
    app_certificate: &str,
    expire: &Bound<'_, PyAny>,
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
    services: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let credentials = agora_token::Credentials::new(app_id, app_certificate).or_raise()?;
    let expire = seconds(expire, "expire")?;
    warn_if(py, compat::expire_007("expire", expire))?;
    let issued_at = issued_at.map(|value| issue_time(value, "issue_ts")).transpose()?;
    let salt = salt.map(|value| number(value, "salt", compat::u32_number)).transpose()?;
    let mut token = agora_token::AccessToken2::new(expire);
    token.issued(issued_at, salt);
    for entry in services.try_iter()? {
        let (service, privileges): (Bound<'_, PyAny>, Bound<'_, PyAny>) = entry?.extract()?;
        let mut service = service_from_py(&service)?;
        let service_type = service.service_type();
        for (code, expire) in privilege_items(&privileges)? {
            let field = format!("{service_type} privilege {code} expire");
            let expire = seconds(&expire, &field)?;
            warn_if(py, compat::privilege(service_type, code))?;
            warn_if(py, compat::expire_007(&field, expire))?;
            service.add_privilege_unchecked(code, expire);
        }
        token.service(service);
    }
    token.build(&credentials).or_raise()
}

/// The drop-in 006 `AccessToken.build()`: every privilege number packed as given, as upstream
/// does. Undefined privilege numbers and expiries that look like seconds warn.
#[pyfunction]
#[pyo3(signature = (app_id, app_certificate, channel_name, uid, *, privileges, expires_at, salt))]
#[allow(clippy::too_many_arguments)] // upstream's AccessToken fields
pub(crate) fn compat_build_006(
    py: Python<'_>,
    app_id: &str,
    app_certificate: &str,
    channel_name: String,
    uid: &Bound<'_, PyAny>,
    privileges: &Bound<'_, PyAny>,
    expires_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let credentials = agora_token::Credentials::new(app_id, app_certificate).or_raise()?;
    let mut token = AccessToken::new(channel_name, user(uid, "uid")?);
    for (code, expired_ts) in privilege_items(privileges)? {
        let field = format!("privilege {code} expireTimestamp");
        let expired_ts = unix_time(&expired_ts, &field)?;
        warn_if(py, compat::privilege_006(code))?;
        warn_if(py, compat::expire_006(&field, expired_ts))?;
        token.privilege_unchecked(code, expired_ts);
    }
    let expires_at = expires_at.map(|value| unix_time(value, "ts")).transpose()?;
    if let Some(expires_at) = expires_at {
        warn_if(py, compat::expire_006("ts", expires_at))?;
    }
    let salt = salt.map(|value| number(value, "salt", compat::u32_number)).transpose()?;
    token.expires_at(expires_at).issued(None, salt);
    token.build(&credentials).or_raise()
}
