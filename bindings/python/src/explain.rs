//! `explain()`: what a 007 or 006 token contains, whether its signature holds, and whether a
//! user can join a channel with it now (and publish), with every reason they cannot.
//! `str(explanation)` is the core's report; the verdict logic is all in the core.

use agora_token::{AccessVerdict, ExplainOptions, Explanation, Reason, SignatureCheck};
use agora_token::{PrivilegeReport, SdkError, SdkErrorDiagnosis, ServiceReport, ServiceVerdict, WildcardMatch};
use pyo3::prelude::*;

use crate::convert::{certificate_arg, str_repr, unix_time_arg, user_arg};
use crate::errors::{invalid_argument, CoreResultExt};

/// One privilege of one service in an explanation.
#[pyclass(module = "agora_token._native", name = "PrivilegeReport", frozen)]
pub(crate) struct PyPrivilegeReport {
    inner: PrivilegeReport,
}

#[pymethods]
impl PyPrivilegeReport {
    /// The privilege number.
    #[getter]
    fn code(&self) -> u16 {
        self.inner.code
    }

    /// Its name, or "unknown".
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The value in the token: seconds after the issue time (007) or a Unix time (006).
    #[getter]
    fn value(&self) -> u32 {
        self.inner.value
    }

    /// When it ends (Unix seconds), or None when it sets no limit of its own.
    #[getter]
    fn expires_at(&self) -> Option<u64> {
        self.inner.expires_at.map(|at| at.0)
    }

    /// Whether it has ended at the explanation's time.
    #[getter]
    fn expired(&self) -> bool {
        self.inner.expired
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let name = str_repr(py, &self.inner.name);
        format!("PrivilegeReport(code={}, name={name}, value={})", self.inner.code, self.inner.value)
    }
}

/// One service of the explained token.
#[pyclass(module = "agora_token._native", name = "ServiceReport", frozen)]
pub(crate) struct PyServiceReport {
    inner: ServiceReport,
}

#[pymethods]
impl PyServiceReport {
    /// The service type number (0 for the 006 pseudo-service).
    #[getter]
    fn type_code(&self) -> u16 {
        self.inner.type_code
    }

    /// The service name, e.g. "RTC".
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Its fields as (name, value) pairs, e.g. ("channel", "room-1").
    #[getter]
    fn fields(&self) -> Vec<(String, String)> {
        self.inner.fields.clone()
    }

    /// Its privileges.
    #[getter]
    fn privileges(&self) -> Vec<PyPrivilegeReport> {
        self.inner.privileges.iter().map(|p| PyPrivilegeReport { inner: p.clone() }).collect()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("ServiceReport(type_code={}, name={})", self.inner.type_code, str_repr(py, &self.inner.name))
    }
}

/// Why a user cannot join or publish: `code` is a stable snake_case name (one of
/// `REASON_CODES`), `message` (also `str(reason)`) says what to fix.
#[pyclass(module = "agora_token._native", name = "Reason", frozen)]
pub(crate) struct PyReason {
    code: &'static str,
    message: String,
}

impl PyReason {
    fn from_core(reason: &Reason) -> Self {
        PyReason { code: reason.code(), message: reason.to_string() }
    }
}

#[pymethods]
impl PyReason {
    /// A stable name for the kind of reason, e.g. "token_expired".
    #[getter]
    fn code(&self) -> &str {
        self.code
    }

    /// What is wrong and what to do about it.
    #[getter]
    fn message(&self) -> &str {
        &self.message
    }

    fn __str__(&self) -> &str {
        &self.message
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Reason(code={}, message={})", str_repr(py, self.code), str_repr(py, &self.message))
    }
}

/// Whether a user can join a channel with the token now, and publish.
#[pyclass(module = "agora_token._native", name = "AccessVerdict", frozen)]
pub(crate) struct PyAccessVerdict {
    inner: AccessVerdict,
}

#[pymethods]
impl PyAccessVerdict {
    /// The channel asked about.
    #[getter]
    fn channel_name(&self) -> Option<&str> {
        self.inner.channel_name.as_deref()
    }

    /// The user asked about, as the token would hold it.
    #[getter]
    fn user(&self) -> Option<&str> {
        self.inner.user.as_deref()
    }

    /// Whether joining is allowed.
    #[getter]
    fn can_join(&self) -> bool {
        self.inner.can_join
    }

    /// Whether publishing audio is allowed.
    #[getter]
    fn can_publish_audio(&self) -> bool {
        self.inner.can_publish_audio
    }

    /// Whether publishing video is allowed.
    #[getter]
    fn can_publish_video(&self) -> bool {
        self.inner.can_publish_video
    }

    /// Whether publishing data streams is allowed.
    #[getter]
    fn can_publish_data(&self) -> bool {
        self.inner.can_publish_data
    }

    /// Every reason something is not allowed, most fundamental first.
    #[getter]
    fn reasons(&self) -> Vec<PyReason> {
        self.inner.reasons.iter().map(PyReason::from_core).collect()
    }

    /// Whether joining and publishing audio and video are all allowed.
    fn can_join_and_publish(&self) -> bool {
        self.inner.can_join_and_publish()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let kinds: Vec<String> = self.inner.reasons.iter().map(|r| str_repr(py, r.code())).collect();
        format!(
            "AccessVerdict(can_join={}, can_publish_audio={}, can_publish_video={}, can_publish_data={}, reasons=[{}])",
            py_bool(self.inner.can_join),
            py_bool(self.inner.can_publish_audio),
            py_bool(self.inner.can_publish_video),
            py_bool(self.inner.can_publish_data),
            kinds.join(", ")
        )
    }
}

/// A channel or user admitted by a wildcard pattern in the token, not by its own name.
#[pyclass(module = "agora_token._native", name = "WildcardMatch", frozen)]
pub(crate) struct PyWildcardMatch {
    inner: WildcardMatch,
}

#[pymethods]
impl PyWildcardMatch {
    /// What matched: "channel", "user" or "RTM channel".
    #[getter]
    fn field(&self) -> &str {
        self.inner.field
    }

    /// The pattern in the token ("" for uid 0 or the empty channel, which admit anything).
    #[getter]
    fn pattern(&self) -> &str {
        &self.inner.pattern
    }

    /// The value asked about.
    #[getter]
    fn value(&self) -> &str {
        &self.inner.value
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "WildcardMatch(field={}, pattern={}, value={})",
            str_repr(py, self.inner.field),
            str_repr(py, &self.inner.pattern),
            str_repr(py, &self.inner.value)
        )
    }
}

/// What the user of one service of the token can do with it now.
#[pyclass(module = "agora_token._native", name = "ServiceVerdict", frozen)]
pub(crate) struct PyServiceVerdict {
    inner: ServiceVerdict,
}

#[pymethods]
impl PyServiceVerdict {
    /// The service name, e.g. "RTM".
    #[getter]
    fn service(&self) -> &str {
        &self.inner.service
    }

    /// What was judged, in words, e.g. 'log in to RTM as "alice"'.
    #[getter]
    fn question(&self) -> &str {
        &self.inner.question
    }

    /// Whether that is allowed now.
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// What the token lets its user do now, in words.
    #[getter]
    fn grants(&self) -> Vec<String> {
        self.inner.grants.clone()
    }

    /// Every reason something is not allowed, most fundamental first.
    #[getter]
    fn reasons(&self) -> Vec<PyReason> {
        self.inner.reasons.iter().map(PyReason::from_core).collect()
    }

    /// Channels and users admitted by a wildcard pattern.
    #[getter]
    fn wildcard_matches(&self) -> Vec<PyWildcardMatch> {
        self.inner.wildcard_matches.iter().map(|m| PyWildcardMatch { inner: m.clone() }).collect()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let kinds: Vec<String> = self.inner.reasons.iter().map(|r| str_repr(py, r.code())).collect();
        format!(
            "ServiceVerdict(service={}, question={}, allowed={}, reasons=[{}])",
            str_repr(py, &self.inner.service),
            str_repr(py, &self.inner.question),
            py_bool(self.inner.allowed),
            kinds.join(", ")
        )
    }
}

/// What an SDK error means for the explained token.
#[pyclass(module = "agora_token._native", name = "SdkErrorDiagnosis", frozen)]
pub(crate) struct PySdkErrorDiagnosis {
    inner: SdkErrorDiagnosis,
}

#[pymethods]
impl PySdkErrorDiagnosis {
    /// The error's stable code, e.g. "rtc-110".
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.error.code()
    }

    /// The SDK's name for it, e.g. "ERR_INVALID_TOKEN (110)".
    #[getter]
    fn sdk_name(&self) -> &'static str {
        self.inner.error.sdk_name()
    }

    /// What the SDK means by it.
    #[getter]
    fn meaning(&self) -> &'static str {
        self.inner.error.meaning()
    }

    /// The reasons found in the token that explain it (empty: the token is not at fault).
    #[getter]
    fn explained_by(&self) -> Vec<PyReason> {
        self.inner.explained_by.iter().map(PyReason::from_core).collect()
    }

    /// What causes it when the token is not at fault.
    #[getter]
    fn other_causes(&self) -> &'static str {
        self.inner.error.other_causes()
    }

    /// Where the SDK documents it.
    #[getter]
    fn source(&self) -> &'static str {
        self.inner.error.source()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let kinds: Vec<String> = self.inner.explained_by.iter().map(|r| str_repr(py, r.code())).collect();
        format!(
            "SdkErrorDiagnosis(code={}, explained_by=[{}])",
            str_repr(py, self.inner.error.code()),
            kinds.join(", ")
        )
    }
}

fn py_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// Everything a support engineer needs to know about a token; `str()` is a readable report.
#[pyclass(module = "agora_token._native", name = "Explanation", frozen)]
pub(crate) struct PyExplanation {
    inner: Explanation,
}

#[pymethods]
impl PyExplanation {
    /// "007" or "006".
    #[getter]
    fn version(&self) -> &str {
        self.inner.version
    }

    /// The app id in the token.
    #[getter]
    fn app_id(&self) -> &str {
        &self.inner.app_id
    }

    /// When the token was issued (Unix seconds; 007 only).
    #[getter]
    fn issued_at(&self) -> Option<u64> {
        self.inner.issued_at.map(|at| at.0)
    }

    /// The lifetime in seconds (007 only).
    #[getter]
    fn lifetime(&self) -> Option<u32> {
        self.inner.lifetime
    }

    /// When the token expires (Unix seconds).
    #[getter]
    fn expires_at(&self) -> u64 {
        self.inner.expires_at.0
    }

    /// The salt.
    #[getter]
    fn salt(&self) -> u32 {
        self.inner.salt
    }

    /// The time the explanation judges expiry at (Unix seconds).
    #[getter]
    fn now(&self) -> u64 {
        self.inner.now.0
    }

    /// Whether the token has expired at `now`.
    #[getter]
    fn expired(&self) -> bool {
        self.inner.expired
    }

    /// The signature check: "valid", "invalid" or "not_checked".
    #[getter]
    fn signature(&self) -> &'static str {
        match self.inner.signature {
            SignatureCheck::NotChecked => "not_checked",
            SignatureCheck::Valid => "valid",
            SignatureCheck::Invalid => "invalid",
        }
    }

    /// Which certificate verified the signature: "primary", "secondary", or None.
    #[getter]
    fn verified_with(&self) -> Option<&'static str> {
        self.inner.verified_with.map(|slot| slot.name())
    }

    /// One verdict per kind of service in the token: what its user can do with it now.
    #[getter]
    fn verdicts(&self) -> Vec<PyServiceVerdict> {
        self.inner.verdicts.iter().map(|v| PyServiceVerdict { inner: v.clone() }).collect()
    }

    /// What the SDK error passed as `sdk_error` means for this token.
    #[getter]
    fn sdk_error(&self) -> Option<PySdkErrorDiagnosis> {
        self.inner.sdk_error.clone().map(|inner| PySdkErrorDiagnosis { inner })
    }

    /// The services (a 006 token shows as one pseudo-service).
    #[getter]
    fn services(&self) -> Vec<PyServiceReport> {
        self.inner.services.iter().map(|s| PyServiceReport { inner: s.clone() }).collect()
    }

    /// The join/publish verdict, when a channel or a user was given.
    #[getter]
    fn access(&self) -> Option<PyAccessVerdict> {
        self.inner.access.clone().map(|inner| PyAccessVerdict { inner })
    }

    /// Things that are legal but likely mistakes.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings.clone()
    }

    /// A one-line summary, e.g. "can join: yes; can publish: no (...)".
    fn summary(&self) -> String {
        self.inner.summary()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<Explanation {}: {}>", self.inner.version, self.inner.summary())
    }
}

/// Explains a 007 or 006 token. Every keyword is optional: the certificate (and the
/// project's secondary certificate) checks the signature; `expected_app_id` checks the
/// project; a channel and/or user (int uid or str account) asks for a join verdict;
/// `user_id`, `rtm_channel` and `room_uuid` ask about RTM/Chat/APaaS logins; `sdk_error`
/// (e.g. "rtc-110", "110", "rtm-login-5") asks which checks explain that SDK error; `now`
/// (int or aware datetime) defaults to the clock.
#[pyfunction]
#[pyo3(signature = (
    token, *, app_certificate = None, secondary_certificate = None, expected_app_id = None, channel_name = None,
    user = None, user_id = None, rtm_channel = None, room_uuid = None, sdk_error = None, now = None
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn explain(
    token: String,
    app_certificate: Option<&Bound<'_, PyAny>>,
    secondary_certificate: Option<&Bound<'_, PyAny>>,
    expected_app_id: Option<String>,
    channel_name: Option<String>,
    user: Option<&Bound<'_, PyAny>>,
    user_id: Option<String>,
    rtm_channel: Option<String>,
    room_uuid: Option<String>,
    sdk_error: Option<String>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyExplanation> {
    let certificate = app_certificate.map(|c| certificate_arg(c, "app_certificate")).transpose()?;
    let secondary = secondary_certificate.map(|c| certificate_arg(c, "secondary_certificate")).transpose()?;
    let sdk_error = sdk_error.as_deref().map(SdkError::parse).transpose().or_raise()?;
    let user = user.map(|u| user_arg(u, "user")).transpose()?;
    let now = match now {
        Some(now) => {
            let seconds = unix_time_arg(now, "now")?;
            Some(u64::try_from(seconds).map_err(|_| invalid_argument("now", format!("{seconds} is before 1970")))?)
        }
        None => None,
    };
    let options = ExplainOptions {
        certificate: certificate.as_ref(),
        secondary_certificate: secondary.as_ref(),
        expected_app_id: expected_app_id.as_deref(),
        channel_name: channel_name.as_deref(),
        user,
        user_id: user_id.as_deref(),
        rtm_channel: rtm_channel.as_deref(),
        room_uuid: room_uuid.as_deref(),
        sdk_error,
        now,
    };
    Ok(PyExplanation { inner: agora_token::explain(&token, &options).or_raise()? })
}
