//! The legacy families of `agora_token::legacy`: the 006 AccessToken (`TokenBuilder006`,
//! `decode_006_unverified`, `UnverifiedToken006`), DynamicKey 1-5 and the signaling token.
//!
//! 006 privilege expiries are absolute Unix times (0 = no expiry), unlike 007's seconds.

use std::collections::BTreeMap;

use agora_token::compat;
use agora_token::legacy::access_token::{AccessToken, Privilege006, Role006, UnverifiedAccessToken};
use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
use agora_token::legacy::dynamic_key5::{self as dk5, Dk5Service, UploadPermission};
use agora_token::legacy::signaling;
use agora_token::Credentials;
use pyo3::prelude::*;

use crate::compat::{role_006_lenient, unix_time as dropin_unix_time, user as dropin_user, warn_if};
use crate::convert::{
    certificate_arg, i64_arg, opt_u32_arg, opt_u32_time_arg, str_repr, u16_arg, u32_arg, u32_time_arg, user_arg,
};
use crate::credentials::PyCredentials;
use crate::errors::{invalid_argument, CoreResultExt};

/// Builds a legacy AccessToken ("006"). Start from `TokenBuilder006.rtc(...)` or
/// `TokenBuilder006.rtm(...)` (the upstream 006 builders), or from an empty token for a
/// channel and user and add privileges. It holds the core builder and the credentials it signs with.
#[pyclass(module = "agora_token._native", name = "TokenBuilder006")]
pub(crate) struct PyTokenBuilder006 {
    credentials: Credentials,
    /// Which constructor it started from ("token", "rtc" or "rtm"), for its repr.
    kind: &'static str,
    token: AccessToken,
}

impl PyTokenBuilder006 {
    fn with_options(
        credentials: &PyCredentials,
        kind: &'static str,
        mut token: AccessToken,
        expires_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Self> {
        token
            .expires_at(opt_u32_time_arg(expires_at, "expires_at")?)
            .issued(None, opt_u32_arg(salt, "salt")?)
            .strict(strict);
        Ok(PyTokenBuilder006 { credentials: credentials.inner.clone(), kind, token })
    }
}

#[pymethods]
impl PyTokenBuilder006 {
    #[new]
    #[pyo3(signature = (credentials, *, channel_name, user, expires_at = None, salt = None, strict = false))]
    fn new(
        credentials: PyRef<'_, PyCredentials>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        expires_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Self> {
        let token = AccessToken::new(channel_name, user_arg(user, "user")?);
        Self::with_options(&credentials, "token", token, expires_at, salt, strict)
    }

    /// The 006 RTC builder (upstream buildTokenWithUid / buildTokenWithAccount): join, plus
    /// publishing for roles that publish (0 attendee, 1 publisher, 101 admin; not 2 subscriber),
    /// each until `privilege_expired_ts` (an absolute Unix time, 0 = no expiry).
    #[staticmethod]
    #[pyo3(signature = (credentials, *, channel_name, user, role, privilege_expired_ts, expires_at = None, salt = None, strict = false))]
    #[allow(clippy::too_many_arguments)]
    fn rtc(
        credentials: PyRef<'_, PyCredentials>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        privilege_expired_ts: &Bound<'_, PyAny>,
        expires_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Self> {
        let token = AccessToken::rtc(
            channel_name,
            user_arg(user, "user")?,
            Role006::from_code(i64_arg(role, "role")?).or_raise()?,
            u32_time_arg(privilege_expired_ts, "privilege_expired_ts")?,
        );
        Self::with_options(&credentials, "rtc", token, expires_at, salt, strict)
    }

    /// The 006 RTM builder (upstream RtmTokenBuilder.buildToken): RTM login for an account
    /// until `privilege_expired_ts` (an absolute Unix time, 0 = no expiry).
    #[staticmethod]
    #[pyo3(signature = (credentials, *, account, privilege_expired_ts, expires_at = None, salt = None, strict = false))]
    fn rtm(
        credentials: PyRef<'_, PyCredentials>,
        account: String,
        privilege_expired_ts: &Bound<'_, PyAny>,
        expires_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Self> {
        let token = AccessToken::rtm(account, u32_time_arg(privilege_expired_ts, "privilege_expired_ts")?);
        Self::with_options(&credentials, "rtm", token, expires_at, salt, strict)
    }

    /// Grants a privilege (a Privilege006 member or number) until an absolute Unix time (0 = no expiry).
    fn privilege<'py>(
        mut slf: PyRefMut<'py, Self>,
        privilege: &Bound<'_, PyAny>,
        expired_ts: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let privilege = Privilege006::from_code(u16_arg(privilege, "privilege")?).or_raise()?;
        let expired_ts = u32_time_arg(expired_ts, "expired_ts")?;
        slf.token.privilege(privilege, expired_ts);
        Ok(slf)
    }

    /// The token's own expiry (the message's ts, absolute), or None for now + 24 hours at build().
    #[getter]
    fn expires_at(&self) -> Option<u32> {
        self.token.expiry()
    }

    /// The salt, or None for a random one at build().
    #[getter]
    fn salt(&self) -> Option<u32> {
        self.token.salt()
    }

    /// Signs and encodes the token: "006" + app id + base64(...).
    fn build(&self) -> PyResult<String> {
        self.token.build(&self.credentials).or_raise()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("TokenBuilder006({}, app_id={})", self.kind, str_repr(py, self.credentials.app_id().as_str()))
    }
}

/// Upstream 006 `RtcTokenBuilder.buildTokenWithUid`, with its argument names, exported as that
/// method itself (no Python frame per token). `role` is read as upstream reads it (0, 1 and 101
/// publish, any other value joins only; values other than 0, 1, 2 and 101 warn), and a non-zero
/// `privilegeExpiredTs` that looks like a number of seconds warns (`compat`). `expires_at` is the
/// token's own expiry (default now + 24 hours).
#[pyfunction]
#[pyo3(signature = (appId, appCertificate, channelName, uid, role, privilegeExpiredTs, *, expires_at = None, salt = None))]
#[allow(non_snake_case, clippy::too_many_arguments)] // upstream's argument names and list
pub(crate) fn rtc_token_006_with_uid(
    appId: &str,
    appCertificate: &str,
    channelName: String,
    uid: &Bound<'_, PyAny>,
    role: &Bound<'_, PyAny>,
    privilegeExpiredTs: &Bound<'_, PyAny>,
    expires_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    build_rtc_token_006(appId, appCertificate, channelName, (uid, "uid"), role, privilegeExpiredTs, expires_at, salt)
}

/// Upstream 006 `RtcTokenBuilder.buildTokenWithAccount`, exported as that method itself (see
/// `rtc_token_006_with_uid`).
#[pyfunction]
#[pyo3(signature = (appId, appCertificate, channelName, account, role, privilegeExpiredTs, *, expires_at = None, salt = None))]
#[allow(non_snake_case, clippy::too_many_arguments)] // upstream's argument names and list
pub(crate) fn rtc_token_006_with_account(
    appId: &str,
    appCertificate: &str,
    channelName: String,
    account: &Bound<'_, PyAny>,
    role: &Bound<'_, PyAny>,
    privilegeExpiredTs: &Bound<'_, PyAny>,
    expires_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let user = (account, "account");
    build_rtc_token_006(appId, appCertificate, channelName, user, role, privilegeExpiredTs, expires_at, salt)
}

/// The two 006 RTC functions above; `user` is the user argument and its name for messages.
#[allow(clippy::too_many_arguments)] // upstream's argument list
fn build_rtc_token_006(
    app_id: &str,
    app_certificate: &str,
    channel_name: String,
    (user, user_field): (&Bound<'_, PyAny>, &str),
    role: &Bound<'_, PyAny>,
    privilege_expired_ts: &Bound<'_, PyAny>,
    expires_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let credentials = Credentials::new(app_id, app_certificate).or_raise()?;
    let user = dropin_user(user, user_field)?;
    let role = role_006_lenient(role)?;
    let expired_ts = dropin_unix_time(privilege_expired_ts, "privilegeExpiredTs")?;
    warn_if(privilege_expired_ts.py(), compat::expire_006("privilegeExpiredTs", expired_ts))?;
    AccessToken::rtc(channel_name, user, role, expired_ts)
        .expires_at(opt_u32_time_arg(expires_at, "expires_at")?)
        .issued(None, opt_u32_arg(salt, "salt")?)
        .build(&credentials)
        .or_raise()
}

/// A decoded 006 token whose signature has NOT been checked. A 006 token stores only CRCs
/// of its channel name and uid, so checking the signature needs both.
#[pyclass(module = "agora_token._native", name = "UnverifiedToken006", frozen)]
pub(crate) struct PyUnverifiedToken006 {
    inner: UnverifiedAccessToken,
}

#[pymethods]
impl PyUnverifiedToken006 {
    /// The app id.
    #[getter]
    fn app_id(&self) -> &str {
        self.inner.app_id()
    }

    /// The salt.
    #[getter]
    fn salt(&self) -> u32 {
        self.inner.salt()
    }

    /// The token's expiry, absolute Unix seconds (the message's ts).
    #[getter]
    fn expires_at(&self) -> u32 {
        self.inner.expires_at()
    }

    /// Privilege number -> absolute expiry (0 = none).
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges().clone()
    }

    /// Whether the token was made for this channel name (by its CRC-32).
    fn matches_channel(&self, channel_name: &str) -> bool {
        self.inner.matches_channel(channel_name)
    }

    /// Whether the token was made for this user: an int uid (0 = any) or a str account.
    fn matches_user(&self, user: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.matches_uid(&user_arg(user, "user")?.to_wire_string()))
    }

    /// Checks the signature for a channel name and user; raises SignatureMismatchError if they
    /// (or the certificate) differ from the ones signed.
    #[pyo3(signature = (app_certificate, *, channel_name, user))]
    fn check_signature(
        &self,
        app_certificate: &Bound<'_, PyAny>,
        channel_name: &str,
        user: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let certificate = certificate_arg(app_certificate, "app_certificate")?;
        self.inner.check_signature(&certificate, channel_name, &user_arg(user, "user")?).or_raise()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "UnverifiedToken006(app_id={}, expires_at={}, salt={}, privileges={})",
            str_repr(py, self.inner.app_id()),
            self.inner.expires_at(),
            self.inner.salt(),
            dict_repr(self.inner.privileges())
        )
    }
}

/// `{1: 600, 2: 600}` as Python prints such a dict.
fn dict_repr(map: &BTreeMap<u16, u32>) -> String {
    let entries: Vec<String> = map.iter().map(|(key, value)| format!("{key}: {value}")).collect();
    format!("{{{}}}", entries.join(", "))
}

/// Decodes a 006 token without checking its signature.
#[pyfunction]
pub(crate) fn decode_006_unverified(token: &str) -> PyResult<PyUnverifiedToken006> {
    Ok(PyUnverifiedToken006 { inner: UnverifiedAccessToken::parse(token).or_raise()? })
}

fn dynamic_key_input(
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
    uid: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
) -> PyResult<DynamicKeyInput> {
    Ok(DynamicKeyInput {
        channel_name,
        unix_ts: u32_time_arg(unix_ts, "unix_ts")?,
        random_int: u32_arg(random_int, "random_int")?,
        uid: u32_arg(uid, "uid")?,
        expired_ts: u32_time_arg(expired_ts, "expired_ts")?,
    })
}

/// DynamicKey version 1 (upstream DynamicKey.generate): no uid, no expiry.
#[pyfunction]
#[pyo3(signature = (credentials, *, channel_name, unix_ts, random_int))]
pub(crate) fn dynamic_key_v1(
    credentials: PyRef<'_, PyCredentials>,
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let input = DynamicKeyInput {
        channel_name,
        unix_ts: u32_time_arg(unix_ts, "unix_ts")?,
        random_int: u32_arg(random_int, "random_int")?,
        // Version 1 signs neither a uid nor an expiry.
        uid: 0,
        expired_ts: 0,
    };
    dynamic_key::generate_v1(&credentials.inner, &input).or_raise()
}

/// DynamicKey version 2 (upstream DynamicKey2.generate).
#[pyfunction]
#[pyo3(signature = (credentials, *, channel_name, unix_ts, random_int, uid, expired_ts))]
pub(crate) fn dynamic_key_v2(
    credentials: PyRef<'_, PyCredentials>,
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
    uid: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let input = dynamic_key_input(channel_name, unix_ts, random_int, uid, expired_ts)?;
    dynamic_key::generate_v2(&credentials.inner, &input).or_raise()
}

/// DynamicKey version 3 (upstream DynamicKey3.generate): "003" + the version 2 key.
#[pyfunction]
#[pyo3(signature = (credentials, *, channel_name, unix_ts, random_int, uid, expired_ts))]
pub(crate) fn dynamic_key_v3(
    credentials: PyRef<'_, PyCredentials>,
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
    uid: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let input = dynamic_key_input(channel_name, unix_ts, random_int, uid, expired_ts)?;
    dynamic_key::generate_v3(&credentials.inner, &input).or_raise()
}

/// The names `dynamic_key_v4` accepts.
const DK4_SERVICES: &str = "\"media_channel\", \"recording\" or \"public_sharing\"";

/// DynamicKey version 4 (upstream DynamicKey4.generate*Key); `service` is "media_channel",
/// "recording" or "public_sharing".
#[pyfunction]
#[pyo3(signature = (credentials, *, service, channel_name, unix_ts, random_int, uid, expired_ts))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn dynamic_key_v4(
    credentials: PyRef<'_, PyCredentials>,
    service: &str,
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
    uid: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let service = match service {
        "media_channel" => Dk4Service::MediaChannel,
        "recording" => Dk4Service::Recording,
        "public_sharing" => Dk4Service::PublicSharing,
        other => {
            let reason = format!("{other:?} is not a DynamicKey4 service; use {DK4_SERVICES}");
            return Err(invalid_argument("service", reason));
        }
    };
    let input = dynamic_key_input(channel_name, unix_ts, random_int, uid, expired_ts)?;
    dynamic_key::generate_v4(&credentials.inner, service, &input).or_raise()
}

/// DynamicKey5 (upstream DynamicKey5.generate*Key); `service` is "media_channel", "recording",
/// "public_sharing" or "in_channel_permission" (with `upload_permission` "no_upload" or "audio_video").
#[pyfunction]
#[pyo3(signature = (credentials, *, service, channel_name, unix_ts, random_int, uid, expired_ts, upload_permission = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn dynamic_key5(
    credentials: PyRef<'_, PyCredentials>,
    service: &str,
    channel_name: String,
    unix_ts: &Bound<'_, PyAny>,
    random_int: &Bound<'_, PyAny>,
    uid: &Bound<'_, PyAny>,
    expired_ts: &Bound<'_, PyAny>,
    upload_permission: Option<&str>,
) -> PyResult<String> {
    let service = match (service, upload_permission) {
        ("media_channel", None) => Dk5Service::MediaChannel,
        ("recording", None) => Dk5Service::Recording,
        ("public_sharing", None) => Dk5Service::PublicSharing,
        ("in_channel_permission", Some("no_upload")) => Dk5Service::InChannelPermission(UploadPermission::NoUpload),
        ("in_channel_permission", Some("audio_video")) => Dk5Service::InChannelPermission(UploadPermission::AudioVideo),
        ("in_channel_permission", other) => {
            return Err(invalid_argument(
                "upload_permission",
                format!("{other:?} is not an upload permission; use \"no_upload\" or \"audio_video\""),
            ))
        }
        ("media_channel" | "recording" | "public_sharing", Some(_)) => {
            return Err(invalid_argument(
                "upload_permission",
                "only \"in_channel_permission\" keys take an upload permission",
            ))
        }
        (other, _) => {
            return Err(invalid_argument(
                "service",
                format!(
                    "{other:?} is not a DynamicKey5 service; use \"media_channel\", \"recording\", \
                     \"public_sharing\" or \"in_channel_permission\""
                ),
            ))
        }
    };
    let input = dynamic_key_input(channel_name, unix_ts, random_int, uid, expired_ts)?;
    dk5::generate(&credentials.inner, service, &input).or_raise()
}

/// A signaling token for an account, valid until `expired_ts` (absolute Unix seconds).
#[pyfunction]
#[pyo3(signature = (credentials, *, account, expired_ts))]
pub(crate) fn signaling_token(
    credentials: PyRef<'_, PyCredentials>,
    account: &str,
    expired_ts: &Bound<'_, PyAny>,
) -> PyResult<String> {
    Ok(signaling::generate(&credentials.inner, account, u32_time_arg(expired_ts, "expired_ts")?))
}
