//! AccessToken2 ("007"): the `TokenBuilder` (the core's `AccessToken2` builder, with one
//! method per upstream builder function), and `decode_unverified` / `verify` with the
//! `UnverifiedToken`, `VerifiedToken` and `Payload` they return.
//!
//! The Python class is `TokenBuilder`, not `AccessToken2`, because `agora_token.AccessToken2`
//! is the drop-in submodule named after upstream's `AccessToken2.py`.

use agora_token::compat;
use agora_token::{
    AccessToken2, ApaasRoomUserVariant, Credentials, FcdnPrivilege, Payload, Privilege, RtcPrivilegeExpiries,
    ServiceType, StreamingPrivilege, UnverifiedToken, VerifiedToken,
};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::compat::{rtc_role_lenient, seconds as dropin_seconds, user as dropin_user, warn_if};
use crate::convert::{
    certificate_arg, i16_arg, opt_seconds_arg, opt_u32_arg, opt_u32_time_arg, rtc_role_arg, seconds_arg, str_repr,
    u16_arg, user_arg,
};
use crate::credentials::PyCredentials;
use crate::errors::CoreResultExt;
use crate::services::{service_from_py, service_to_py, PyRtm2Permissions};

/// Builds an AccessToken2 ("007") token: credentials and lifetime, optionally the issue time
/// and salt, then services (each method adds what the upstream builder of that name adds),
/// then `build()`. It holds the core builder and the credentials it signs with: every method
/// adds to the core builder, so every rule of which privileges a builder grants stays in the core.
#[pyclass(module = "agora_token._native", name = "TokenBuilder")]
pub(crate) struct PyTokenBuilder {
    credentials: Credentials,
    token: AccessToken2,
}

/// The four RTC privilege expiries of the per-privilege builders.
fn rtc_expiries(
    join_channel: &Bound<'_, PyAny>,
    publish_audio: &Bound<'_, PyAny>,
    publish_video: &Bound<'_, PyAny>,
    publish_data: &Bound<'_, PyAny>,
) -> PyResult<RtcPrivilegeExpiries> {
    Ok(RtcPrivilegeExpiries {
        join_channel: seconds_arg(join_channel, "join_channel")?,
        publish_audio: seconds_arg(publish_audio, "publish_audio")?,
        publish_video: seconds_arg(publish_video, "publish_video")?,
        publish_data: seconds_arg(publish_data, "publish_data")?,
    })
}

/// Privilege numbers of one service, each checked by the core.
fn privilege_list<P: Privilege>(values: &Bound<'_, PyAny>) -> PyResult<Vec<P>> {
    values.try_iter()?.map(|value| P::from_code(u16_arg(&value?, "privileges")?).or_raise()).collect()
}

#[pymethods]
impl PyTokenBuilder {
    #[new]
    #[pyo3(signature = (credentials, *, expire, issued_at = None, salt = None, strict = false))]
    fn new(
        credentials: PyRef<'_, PyCredentials>,
        expire: &Bound<'_, PyAny>,
        issued_at: Option<&Bound<'_, PyAny>>,
        salt: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Self> {
        let mut token = AccessToken2::new(seconds_arg(expire, "expire")?);
        token.issued(opt_u32_time_arg(issued_at, "issued_at")?, opt_u32_arg(salt, "salt")?).strict(strict);
        Ok(PyTokenBuilder { credentials: credentials.inner.clone(), token })
    }

    /// The token lifetime in seconds.
    #[getter]
    fn expire(&self) -> u32 {
        self.token.expire()
    }

    /// The issue time (Unix seconds), or None for the clock at build().
    #[getter]
    fn issued_at(&self) -> Option<u32> {
        self.token.issued_at()
    }

    /// The salt, or None for a random one at build().
    #[getter]
    fn salt(&self) -> Option<u32> {
        self.token.salt()
    }

    /// Whether build() refuses expiries that look like absolute Unix timestamps.
    #[getter]
    fn strict(&self) -> bool {
        self.token.is_strict()
    }

    /// The services added so far, in insertion order.
    #[getter]
    fn services(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        self.token.services().iter().map(|service| service_to_py(py, service)).collect()
    }

    /// Adds any service object (RtcService, ChatService, ...).
    fn service<'py>(mut slf: PyRefMut<'py, Self>, service: &Bound<'_, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        let service = service_from_py(service)?;
        slf.token.service(service);
        Ok(slf)
    }

    /// RTC for a uid (int) or account (str): join until `privilege_expire`; a publisher also
    /// gets publish audio, video and data (upstream build_token_with_uid / _with_user_account).
    #[pyo3(signature = (*, channel_name, user, role, privilege_expire = None))]
    fn rtc<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        privilege_expire: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let user = user_arg(user, "user")?;
        let role = rtc_role_arg(role)?;
        let privilege_expire =
            opt_seconds_arg(privilege_expire, "privilege_expire")?.unwrap_or(agora_token::DEFAULT_PRIVILEGE_EXPIRE);
        slf.token.rtc(channel_name, user, role, privilege_expire);
        Ok(slf)
    }

    /// RTC with an expiry per privilege and no role (upstream
    /// build_token_with_uid_and_privilege / _with_user_account_and_privilege).
    #[pyo3(signature = (*, channel_name, user, join_channel, publish_audio, publish_video, publish_data))]
    fn rtc_with_privileges<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        join_channel: &Bound<'_, PyAny>,
        publish_audio: &Bound<'_, PyAny>,
        publish_video: &Bound<'_, PyAny>,
        publish_data: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let user = user_arg(user, "user")?;
        let expiries = rtc_expiries(join_channel, publish_audio, publish_video, publish_data)?;
        slf.token.rtc_with_privileges(channel_name, user, expiries);
        Ok(slf)
    }

    /// RTC for an account plus RTM login for it until the token expires (upstream build_token_with_rtm).
    #[pyo3(signature = (*, channel_name, account, role, privilege_expire = None))]
    fn rtc_with_rtm<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        account: String,
        role: &Bound<'_, PyAny>,
        privilege_expire: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let role = rtc_role_arg(role)?;
        let privilege_expire =
            opt_seconds_arg(privilege_expire, "privilege_expire")?.unwrap_or(agora_token::DEFAULT_PRIVILEGE_EXPIRE);
        slf.token.rtc_with_rtm(channel_name, &account, role, privilege_expire);
        Ok(slf)
    }

    /// RTC for an account with an expiry per privilege (publishing only for a publisher)
    /// plus RTM login for `rtm_user_id` (upstream build_token_with_rtm2).
    #[pyo3(signature = (*, channel_name, account, role, join_channel, publish_audio, publish_video, publish_data, rtm_user_id, rtm_expire))]
    #[allow(clippy::too_many_arguments)]
    fn rtc_with_rtm_expiries<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        account: String,
        role: &Bound<'_, PyAny>,
        join_channel: &Bound<'_, PyAny>,
        publish_audio: &Bound<'_, PyAny>,
        publish_video: &Bound<'_, PyAny>,
        publish_data: &Bound<'_, PyAny>,
        rtm_user_id: String,
        rtm_expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let role = rtc_role_arg(role)?;
        let expiries = rtc_expiries(join_channel, publish_audio, publish_video, publish_data)?;
        let rtm_expire = seconds_arg(rtm_expire, "rtm_expire")?;
        slf.token.rtc_with_rtm_expiries(channel_name, &account, role, expiries, rtm_user_id, rtm_expire);
        Ok(slf)
    }

    /// RTC, RTM and ConvoAI services (upstream ConvoAITokenBuilder.build_token).
    #[pyo3(signature = (*, channel_name, account, role, join_channel, publish_audio, publish_video, publish_data, rtm_user_id, rtm_expire))]
    #[allow(clippy::too_many_arguments)]
    fn convo_ai<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        account: String,
        role: &Bound<'_, PyAny>,
        join_channel: &Bound<'_, PyAny>,
        publish_audio: &Bound<'_, PyAny>,
        publish_video: &Bound<'_, PyAny>,
        publish_data: &Bound<'_, PyAny>,
        rtm_user_id: String,
        rtm_expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let role = rtc_role_arg(role)?;
        let expiries = rtc_expiries(join_channel, publish_audio, publish_video, publish_data)?;
        let rtm_expire = seconds_arg(rtm_expire, "rtm_expire")?;
        slf.token.convo_ai(channel_name, &account, role, expiries, rtm_user_id, rtm_expire);
        Ok(slf)
    }

    /// RTC, RTM and STT services (upstream SttTokenBuilder.build_token).
    #[pyo3(signature = (*, channel_name, account, role, join_channel, publish_audio, publish_video, publish_data, rtm_user_id, rtm_expire))]
    #[allow(clippy::too_many_arguments)]
    fn stt<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        account: String,
        role: &Bound<'_, PyAny>,
        join_channel: &Bound<'_, PyAny>,
        publish_audio: &Bound<'_, PyAny>,
        publish_video: &Bound<'_, PyAny>,
        publish_data: &Bound<'_, PyAny>,
        rtm_user_id: String,
        rtm_expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let role = rtc_role_arg(role)?;
        let expiries = rtc_expiries(join_channel, publish_audio, publish_video, publish_data)?;
        let rtm_expire = seconds_arg(rtm_expire, "rtm_expire")?;
        slf.token.stt(channel_name, &account, role, expiries, rtm_user_id, rtm_expire);
        Ok(slf)
    }

    /// RTM login for a user id until `expire` (upstream RtmTokenBuilder.build_token, which
    /// uses the same value as the token lifetime).
    #[pyo3(signature = (*, user_id, expire))]
    fn rtm<'py>(
        mut slf: PyRefMut<'py, Self>,
        user_id: String,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        slf.token.rtm(user_id, expire);
        Ok(slf)
    }

    /// RTM2 login with resource permissions (upstream build_token_with_permissions).
    #[pyo3(signature = (*, user_id, permissions, expire))]
    fn rtm2<'py>(
        mut slf: PyRefMut<'py, Self>,
        user_id: String,
        permissions: PyRef<'_, PyRtm2Permissions>,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        let permissions = permissions.inner.clone();
        slf.token.rtm2(user_id, permissions, expire);
        Ok(slf)
    }

    /// A Chat user's service (upstream ChatTokenBuilder.build_user_token).
    #[pyo3(signature = (*, user_id, expire))]
    fn chat_user<'py>(
        mut slf: PyRefMut<'py, Self>,
        user_id: String,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        slf.token.chat_user(user_id, expire);
        Ok(slf)
    }

    /// A Chat app token's service (upstream ChatTokenBuilder.build_app_token).
    #[pyo3(signature = (*, expire))]
    fn chat_app<'py>(mut slf: PyRefMut<'py, Self>, expire: &Bound<'_, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        slf.token.chat_app(expire);
        Ok(slf)
    }

    /// The FPA service as every upstream FPA builder packs it (upstream builders use
    /// FPA_TOKEN_EXPIRE, 24 hours, as the token lifetime).
    fn fpa(mut slf: PyRefMut<'_, Self>) -> PyRefMut<'_, Self> {
        slf.token.fpa();
        slf
    }

    /// APaaS / Education room-user token (upstream build_room_user_token): APaaS, RTM and Chat
    /// services. `node_compatible=True` reproduces the npm agora-token variant.
    #[pyo3(signature = (*, room_uuid, user_uuid, role, expire, node_compatible = false))]
    fn apaas_room_user<'py>(
        mut slf: PyRefMut<'py, Self>,
        room_uuid: String,
        user_uuid: String,
        role: &Bound<'_, PyAny>,
        expire: &Bound<'_, PyAny>,
        node_compatible: bool,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let role = i16_arg(role, "role")?;
        let expire = seconds_arg(expire, "expire")?;
        let variant =
            if node_compatible { ApaasRoomUserVariant::NodeCompatible } else { ApaasRoomUserVariant::Standard };
        slf.token.apaas_room_user_variant(room_uuid, &user_uuid, role, expire, variant);
        Ok(slf)
    }

    /// APaaS / Education user token (upstream build_user_token).
    #[pyo3(signature = (*, user_uuid, expire))]
    fn apaas_user<'py>(
        mut slf: PyRefMut<'py, Self>,
        user_uuid: String,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        slf.token.apaas_user(user_uuid, expire);
        Ok(slf)
    }

    /// APaaS / Education app token (upstream build_app_token).
    #[pyo3(signature = (*, expire))]
    fn apaas_app<'py>(mut slf: PyRefMut<'py, Self>, expire: &Bound<'_, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        let expire = seconds_arg(expire, "expire")?;
        slf.token.apaas_app(expire);
        Ok(slf)
    }

    /// A Streaming service granting `privileges` (StreamingPrivilege numbers) until `expire`.
    #[pyo3(signature = (*, channel_name, user, privileges, expire))]
    fn streaming<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        privileges: &Bound<'_, PyAny>,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let user = user_arg(user, "user")?;
        let privileges = privilege_list::<StreamingPrivilege>(privileges)?;
        let expire = seconds_arg(expire, "expire")?;
        slf.token.streaming(channel_name, user, &privileges, expire);
        Ok(slf)
    }

    /// An FCDN service granting `privileges` (FcdnPrivilege numbers) until `expire`.
    #[pyo3(signature = (*, channel_name, user, privileges, expire))]
    fn fcdn<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel_name: String,
        user: &Bound<'_, PyAny>,
        privileges: &Bound<'_, PyAny>,
        expire: &Bound<'_, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let user = user_arg(user, "user")?;
        let privileges = privilege_list::<FcdnPrivilege>(privileges)?;
        let expire = seconds_arg(expire, "expire")?;
        slf.token.fcdn(channel_name, user, &privileges, expire);
        Ok(slf)
    }

    /// Signs and encodes the token: "007" + base64(zlib(...)).
    fn build(&self) -> PyResult<String> {
        self.token.build(&self.credentials).or_raise()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let token = &self.token;
        let services: Vec<&str> = token.services().iter().map(|s| s.service_type().name()).collect();
        let optional = |value: Option<u32>| value.map_or_else(|| "None".to_owned(), |v| v.to_string());
        format!(
            "TokenBuilder(app_id={}, expire={}, issued_at={}, salt={}, strict={}, services=[{}])",
            str_repr(py, self.credentials.app_id().as_str()),
            token.expire(),
            optional(token.issued_at()),
            optional(token.salt()),
            if token.is_strict() { "True" } else { "False" },
            services.join(", ")
        )
    }
}

/// Upstream `RtcTokenBuilder.build_token_with_uid`, with its argument names, exported as that
/// method itself so that a call into the drop-in costs no Python frame: the same as
/// `TokenBuilder(Credentials(app_id, app_certificate), expire=token_expire, ...).rtc(...).build()`
/// in one call, except that `role` is read as upstream reads it (1 publishes, any other value
/// joins only; values other than 1 and 2 warn) and surprising expiries warn (`compat`).
/// `uid` 0 is any user.
#[pyfunction]
#[pyo3(
    signature = (app_id, app_certificate, channel_name, uid, role, token_expire, privilege_expire = None, *, issued_at = None, salt = None),
    // Upstream's default, which is what an omitted privilege_expire means here too.
    text_signature = "(app_id, app_certificate, channel_name, uid, role, token_expire, privilege_expire=0, *, issued_at=None, salt=None)"
)]
#[allow(clippy::too_many_arguments)] // the upstream argument list, positional as upstream has it
pub(crate) fn rtc_token_with_uid(
    app_id: &str,
    app_certificate: &str,
    channel_name: String,
    uid: &Bound<'_, PyAny>,
    role: &Bound<'_, PyAny>,
    token_expire: &Bound<'_, PyAny>,
    privilege_expire: Option<&Bound<'_, PyAny>>,
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let user = (uid, "uid");
    build_rtc_token(app_id, app_certificate, channel_name, user, role, token_expire, privilege_expire, issued_at, salt)
}

/// Upstream `RtcTokenBuilder.build_token_with_user_account`, with its argument names, exported
/// as that method itself (see `rtc_token_with_uid`).
#[pyfunction]
#[pyo3(
    signature = (app_id, app_certificate, channel_name, account, role, token_expire, privilege_expire = None, *, issued_at = None, salt = None),
    // Upstream's default, which is what an omitted privilege_expire means here too.
    text_signature = "(app_id, app_certificate, channel_name, account, role, token_expire, privilege_expire=0, *, issued_at=None, salt=None)"
)]
#[allow(clippy::too_many_arguments)] // the upstream argument list, positional as upstream has it
pub(crate) fn rtc_token_with_user_account(
    app_id: &str,
    app_certificate: &str,
    channel_name: String,
    account: &Bound<'_, PyAny>,
    role: &Bound<'_, PyAny>,
    token_expire: &Bound<'_, PyAny>,
    privilege_expire: Option<&Bound<'_, PyAny>>,
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let user = (account, "account");
    build_rtc_token(app_id, app_certificate, channel_name, user, role, token_expire, privilege_expire, issued_at, salt)
}

/// The two RTC functions above; `user` is the user argument and its name for error messages.
#[allow(clippy::too_many_arguments)] // the upstream argument list
fn build_rtc_token(
    app_id: &str,
    app_certificate: &str,
    channel_name: String,
    (user, user_field): (&Bound<'_, PyAny>, &str),
    role: &Bound<'_, PyAny>,
    token_expire: &Bound<'_, PyAny>,
    privilege_expire: Option<&Bound<'_, PyAny>>,
    issued_at: Option<&Bound<'_, PyAny>>,
    salt: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let credentials = Credentials::new(app_id, app_certificate).or_raise()?;
    let user = dropin_user(user, user_field)?;
    let role = rtc_role_lenient(role)?;
    let privilege_expire = privilege_expire.map(|value| dropin_seconds(value, "privilege_expire")).transpose()?;
    let privilege_expire = privilege_expire.unwrap_or(compat::UPSTREAM_PRIVILEGE_EXPIRE);
    let expire = dropin_seconds(token_expire, "token_expire")?;
    let (issued_at, salt) = (opt_u32_time_arg(issued_at, "issued_at")?, opt_u32_arg(salt, "salt")?);
    let py = token_expire.py();
    warn_if(py, compat::expire_007("token_expire", expire))?;
    warn_if(py, compat::expire_007("privilege_expire", privilege_expire))?;
    AccessToken2::new(expire)
        .issued(issued_at, salt)
        .rtc(channel_name, user, role, privilege_expire)
        .build(&credentials)
        .or_raise()
}

/// What a 007 token says: the fields of its signing info.
#[pyclass(module = "agora_token._native", name = "Payload", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyPayload {
    inner: Payload,
}

#[pymethods]
impl PyPayload {
    /// The app id as packed.
    #[getter]
    fn app_id(&self) -> &str {
        self.inner.app_id()
    }

    /// The issue time, Unix seconds.
    #[getter]
    fn issued_at(&self) -> u32 {
        self.inner.issued_at()
    }

    /// The token lifetime in seconds after the issue time.
    #[getter]
    fn expire(&self) -> u32 {
        self.inner.expire()
    }

    /// When the token expires, Unix seconds (issued_at + expire).
    #[getter]
    fn expires_at(&self) -> u64 {
        self.inner.expires_at()
    }

    /// The salt.
    #[getter]
    fn salt(&self) -> u32 {
        self.inner.salt()
    }

    /// The services, in token (packed) order.
    #[getter]
    fn services(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        self.inner.services().iter().map(|service| service_to_py(py, service)).collect()
    }

    /// The type number of a service the library does not know, if the token has one
    /// (decoding stops there and keeps the services before it).
    #[getter]
    fn unknown_service_type(&self) -> Option<u16> {
        self.inner.unknown_service_type()
    }

    /// The services of one type (a ServiceType member or number), in token order.
    fn services_of(&self, py: Python<'_>, service_type: &Bound<'_, PyAny>) -> PyResult<Vec<Py<PyAny>>> {
        let service_type = ServiceType::from_code(u16_arg(service_type, "service_type")?).or_raise()?;
        self.inner.services_of(service_type).map(|service| service_to_py(py, service)).collect()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let services: Vec<&str> = self.inner.services().iter().map(|s| s.service_type().name()).collect();
        format!(
            "Payload(app_id={}, issued_at={}, expire={}, salt={}, services=[{}])",
            str_repr(py, self.inner.app_id()),
            self.inner.issued_at(),
            self.inner.expire(),
            self.inner.salt(),
            services.join(", ")
        )
    }
}

/// A decoded 007 token whose signature has NOT been checked: fine for inspection, not for trust.
#[pyclass(module = "agora_token._native", name = "UnverifiedToken", frozen)]
pub(crate) struct PyUnverifiedToken {
    inner: UnverifiedToken,
}

#[pymethods]
impl PyUnverifiedToken {
    /// What the token says (unverified).
    #[getter]
    fn payload(&self) -> PyPayload {
        PyPayload { inner: self.inner.payload().clone() }
    }

    /// The signature bytes as found in the token.
    #[getter]
    fn signature<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.signature())
    }

    /// Checks the signature in constant time; raises SignatureMismatchError if it differs.
    fn check_signature(&self, app_certificate: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.check_signature(&certificate_arg(app_certificate, "app_certificate")?).or_raise()
    }

    /// Checks the signature and returns the token as verified.
    fn verify(&self, app_certificate: &Bound<'_, PyAny>) -> PyResult<PyVerifiedToken> {
        let certificate = certificate_arg(app_certificate, "app_certificate")?;
        Ok(PyVerifiedToken { inner: self.inner.clone().verify(&certificate).or_raise()? })
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("UnverifiedToken({})", self.payload().__repr__(py))
    }
}

/// A 007 token whose signature matched the certificate.
#[pyclass(module = "agora_token._native", name = "VerifiedToken", frozen)]
pub(crate) struct PyVerifiedToken {
    inner: VerifiedToken,
}

#[pymethods]
impl PyVerifiedToken {
    /// What the token says.
    #[getter]
    fn payload(&self) -> PyPayload {
        PyPayload { inner: self.inner.payload().clone() }
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("VerifiedToken({})", self.payload().__repr__(py))
    }
}

/// Decodes a 007 token without checking its signature.
#[pyfunction]
pub(crate) fn decode_unverified(token: String) -> PyResult<PyUnverifiedToken> {
    Ok(PyUnverifiedToken { inner: UnverifiedToken::parse(&token).or_raise()? })
}

/// Decodes a 007 token and verifies its signature with the app certificate (a str or Credentials).
#[pyfunction]
pub(crate) fn verify(token: String, app_certificate: &Bound<'_, PyAny>) -> PyResult<PyVerifiedToken> {
    let certificate = certificate_arg(app_certificate, "app_certificate")?;
    Ok(PyVerifiedToken { inner: agora_token::decode(&token, &certificate).or_raise()? })
}
