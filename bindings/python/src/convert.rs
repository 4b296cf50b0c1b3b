//! Argument shapes: Python values to the core's types, with a `TypeError` for a wrong type
//! and an `InvalidArgumentError` (a `ValueError`) for a value out of range. Nothing is
//! wrapped or truncated silently: -1 or 2**32 as a uid is an error, not another uid.
//!
//! Optional arguments arrive as `Option` (pyo3 turns a Python `None` into `None`).
//!
//! These helpers only translate shapes (an int or a `timedelta` into seconds, an int or a
//! `str` into a `User`); every rule about what the values mean stays in the core. They serve
//! the typed layer and the drop-in modules' own keywords (`issued_at`, `salt`); upstream's
//! arguments, which upstream reads with `int()` and `str()`, are read in `compat`.

use agora_token::{AppCertificate, RtcRole, User};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDateTime, PyDelta, PyDeltaAccess, PyInt, PyString, PyTzInfoAccess};

use crate::credentials::PyCredentials;
use crate::errors::{invalid_argument, CoreResultExt};

/// The Python type name of a value, for messages.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

fn wrong_type(field: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{field} must be {expected}, not {}", type_name(value)))
}

/// A Python int (an `IntEnum` member is one; `bool` is refused although it is an int
/// subclass, because `True` as a uid or an expiry is a bug, not a number).
fn int_value(value: &Bound<'_, PyAny>, field: &str, expected: &str) -> PyResult<i64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(wrong_type(field, expected, value));
    }
    // The only failure left is an int beyond 64 bits, which is out of every range here.
    value.extract::<i64>().map_err(|_| {
        let shown = value.str().map_or_else(|_| "the value".to_owned(), |text| text.to_string());
        invalid_argument(field, format!("{shown} is out of range"))
    })
}

/// An unsigned 32-bit int (uids, salts, seconds, Unix times).
pub(crate) fn u32_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    let number = int_value(value, field, "an int")?;
    u32::try_from(number).map_err(|_| invalid_argument(field, format!("{number} is out of range; use 0 to 4294967295")))
}

/// An optional unsigned 32-bit int.
pub(crate) fn opt_u32_arg(value: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<u32>> {
    value.map(|v| u32_arg(v, field)).transpose()
}

/// A 16-bit code (privilege, service and RTM2 type numbers), checked by the core afterwards.
pub(crate) fn u16_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u16> {
    let number = int_value(value, field, "an int")?;
    u16::try_from(number).map_err(|_| invalid_argument(field, format!("{number} is out of range; use 0 to 65535")))
}

/// A signed 16-bit int (the APaaS role).
pub(crate) fn i16_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<i16> {
    let number = int_value(value, field, "an int")?;
    i16::try_from(number).map_err(|_| invalid_argument(field, format!("{number} is out of range; use -32768 to 32767")))
}

/// Any int, for codes the core range-checks itself (roles).
pub(crate) fn i64_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<i64> {
    int_value(value, field, "an int")
}

/// A duration in whole seconds: an int or a `datetime.timedelta` (007 expiries are seconds
/// after the issue time).
pub(crate) fn seconds_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if let Ok(delta) = value.cast::<PyDelta>() {
        if delta.get_microseconds() != 0 {
            return Err(invalid_argument(field, format!("{} is not a whole number of seconds", repr(value))));
        }
        let total = i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds());
        return u32::try_from(total).map_err(|_| {
            invalid_argument(field, format!("{total} seconds is out of range; use 0 to 4294967295 seconds"))
        });
    }
    let number = int_value(value, field, "an int number of seconds or a datetime.timedelta")?;
    u32::try_from(number)
        .map_err(|_| invalid_argument(field, format!("{number} is out of range; use 0 to 4294967295 seconds")))
}

/// An optional duration.
pub(crate) fn opt_seconds_arg(value: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<u32>> {
    value.map(|v| seconds_arg(v, field)).transpose()
}

/// A point in time as Unix seconds: an int or a timezone-aware `datetime.datetime`.
/// A naive datetime is refused: its meaning depends on the machine's time zone.
/// Fractions of a second are dropped, as upstream's `int(time.time())` does.
pub(crate) fn unix_time_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<i64> {
    if let Ok(moment) = value.cast::<PyDateTime>() {
        if moment.get_tzinfo().is_none() {
            return Err(invalid_argument(
                field,
                format!(
                    "{} is a naive datetime; pass a timezone-aware one, e.g. datetime.now(timezone.utc)",
                    repr(value)
                ),
            ));
        }
        // datetime - epoch is an exact timedelta; its days and seconds give the floor.
        let since_epoch = moment.sub(unix_epoch(value.py())?)?;
        let delta = since_epoch.cast::<PyDelta>()?;
        return Ok(i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds()));
    }
    int_value(value, field, "an int Unix time or a timezone-aware datetime.datetime")
}

/// 1970-01-01T00:00:00Z as an aware `datetime`, created once.
fn unix_epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    EPOCH
        .get_or_try_init(py, || {
            let datetime = py.import("datetime")?;
            let utc = datetime.getattr("timezone")?.getattr("utc")?;
            Ok::<_, PyErr>(datetime.getattr("datetime")?.call1((1970, 1, 1, 0, 0, 0, 0, utc))?.unbind())
        })
        .map(|epoch| epoch.bind(py))
}

/// A 32-bit Unix time (issue times, 006 expiries).
pub(crate) fn u32_time_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    let seconds = unix_time_arg(value, field)?;
    u32::try_from(seconds).map_err(|_| {
        invalid_argument(field, format!("{seconds} is out of range; tokens hold Unix times from 1970 to 2106"))
    })
}

/// An optional 32-bit Unix time.
pub(crate) fn opt_u32_time_arg(value: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Option<u32>> {
    value.map(|v| u32_time_arg(v, field)).transpose()
}

/// A uid or account: an int is a numeric uid (0 = any user), a str an account used verbatim.
pub(crate) fn user_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<User> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(User::Account(text.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(wrong_type(field, "an int uid or a str account", value));
    }
    Ok(User::Uid(u32_arg(value, field)?))
}

/// An RTC role: 1 / 2 (or `RtcRole.PUBLISHER` / `RtcRole.SUBSCRIBER`), or a name the core accepts
/// ("publisher", "host", "subscriber", "audience"). Anything else is the core's `UnknownRoleError`.
pub(crate) fn rtc_role_arg(value: &Bound<'_, PyAny>) -> PyResult<RtcRole> {
    if let Ok(text) = value.cast::<PyString>() {
        return text.to_cow()?.parse::<RtcRole>().or_raise();
    }
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(wrong_type("role", "an int (1 publisher, 2 subscriber) or a role name", value));
    }
    RtcRole::from_code(i64_arg(value, "role")?).or_raise()
}

/// An app certificate: a `Credentials` object or the certificate text.
pub(crate) fn certificate_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<AppCertificate> {
    if let Ok(credentials) = value.cast::<PyCredentials>() {
        return Ok(credentials.get().inner.certificate().clone());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return AppCertificate::new(text.to_cow()?.into_owned()).or_raise();
    }
    Err(wrong_type(field, "a str or a Credentials", value))
}

/// Python's `repr()` of a value, for messages and our own reprs.
pub(crate) fn repr(value: &Bound<'_, PyAny>) -> String {
    value.repr().map_or_else(|_| "<unprintable>".to_owned(), |text| text.to_string())
}

/// Python's `repr()` of a Rust string (quotes and escapes as Python writes them).
pub(crate) fn str_repr(py: Python<'_>, text: &str) -> String {
    repr(PyString::new(py, text).as_any())
}
