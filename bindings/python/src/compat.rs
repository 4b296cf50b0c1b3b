//! The drop-in layer's reading of loose input: upstream's meaning of any role value, raw
//! privilege numbers, and an `AgoraTokenCompatWarning` for each surprising value, from the
//! core's `agora_token::compat`. The typed layer (`TokenBuilder`, the service classes) never
//! calls these: it keeps refusing the same values with typed errors.
//!
//! Warnings go through `agora_token._warnings._warn`, which calls `warnings.warn` with the
//! stack level of the user's code, so the standard filters apply (ignore them, or turn them
//! into errors: then the build stops with the warning raised).

use agora_token::compat::{self, CompatWarning, UpstreamValue};
use agora_token::legacy::{AccessToken, Role006};
use agora_token::RtcRole;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyInt, PyString};

use crate::access_token2::core_builder;
use crate::convert::{opt_u32_arg, opt_u32_time_arg, repr, seconds_arg, type_name, u16_arg, u32_time_arg, user_arg};
use crate::errors::CoreResultExt;
use crate::services::service_from_py;

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

/// Warns about 007 expiries (keyword name = value in seconds) that look like absolute Unix
/// timestamps or exceed 24 hours; upstream packs them as given, and so does the drop-in.
#[pyfunction]
#[pyo3(signature = (**expiries))]
pub(crate) fn compat_expire_007(py: Python<'_>, expiries: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    for (field, value) in expiries.into_iter().flat_map(|dict| dict.iter()) {
        let field = field.extract::<String>()?;
        let seconds = seconds_arg(&value, &field)?;
        warn_if(py, compat::expire_007(&field, seconds))?;
    }
    Ok(())
}

/// Warns about non-zero 006 expiries (keyword name = absolute Unix time) that look like a
/// number of seconds; upstream packs them as given, and so does the drop-in.
#[pyfunction]
#[pyo3(signature = (**expiries))]
pub(crate) fn compat_expire_006(py: Python<'_>, expiries: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    for (field, value) in expiries.into_iter().flat_map(|dict| dict.iter()) {
        let field = field.extract::<String>()?;
        let unix_seconds = u32_time_arg(&value, &field)?;
        warn_if(py, compat::expire_006(&field, unix_seconds))?;
    }
    Ok(())
}

/// `(privilege, expiry)` pairs of a privilege mapping (a dict or anything with `items()`).
fn mapping_items<'py>(mapping: &Bound<'py, PyAny>) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let items = match mapping.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => mapping.call_method0("items")?,
    };
    items.try_iter()?.map(|item| item?.extract()).collect()
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
    let expire = seconds_arg(expire, "expire")?;
    warn_if(py, compat::expire_007("expire", expire))?;
    let mut token = core_builder(
        &credentials,
        expire,
        opt_u32_time_arg(issued_at, "issued_at")?,
        opt_u32_arg(salt, "salt")?,
        false,
    );
    for entry in services.try_iter()? {
        let (service, privileges): (Bound<'_, PyAny>, Bound<'_, PyAny>) = entry?.extract()?;
        let mut service = service_from_py(&service)?;
        let service_type = service.service_type();
        for (code, seconds) in mapping_items(&privileges)? {
            let code = u16_arg(&code, "privilege")?;
            let field = format!("{service_type} privilege {code} expire");
            let seconds = seconds_arg(&seconds, &field)?;
            warn_if(py, compat::privilege(service_type, code))?;
            warn_if(py, compat::expire_007(&field, seconds))?;
            service.add_privilege_unchecked(code, seconds);
        }
        token.push_service(service);
    }
    token.build().or_raise()
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
    let mut token = AccessToken::new(&credentials, channel_name, user_arg(uid, "uid")?);
    for (code, expired_ts) in mapping_items(privileges)? {
        let code = u16_arg(&code, "privilege")?;
        let field = format!("privilege {code} expireTimestamp");
        let expired_ts = u32_time_arg(&expired_ts, &field)?;
        warn_if(py, compat::privilege_006(code))?;
        warn_if(py, compat::expire_006(&field, expired_ts))?;
        token = token.privilege_unchecked(code, expired_ts);
    }
    if let Some(expires_at) = opt_u32_time_arg(expires_at, "ts")? {
        warn_if(py, compat::expire_006("ts", expires_at))?;
        token = token.expires_at(expires_at);
    }
    if let Some(salt) = opt_u32_arg(salt, "salt")? {
        token = token.salt(salt);
    }
    token.build().or_raise()
}
