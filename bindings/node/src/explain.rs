//! `explain`: what a token contains and whether a user can join a channel with it now.

use agora_token::{AccessVerdict, AppCertificate, ExplainOptions, Explanation, Reason, SignatureCheck};
use agora_token::{PrivilegeReport, SdkError, SdkErrorDiagnosis, ServiceReport, ServiceVerdict, Timestamp};
use napi_derive::napi;

use crate::args::{to_u64, uid_or_account};
use crate::error::{CoreResultExt, Result};

/// What to check a token against (core `ExplainOptions`). Every field is optional.
#[napi(object, js_name = "ExplainOptions")]
#[derive(Debug, Clone, Default)]
pub struct JsExplainOptions {
    /// Check the signature with this certificate (the project's primary certificate).
    pub app_certificate: Option<String>,
    /// Also accept this certificate (the project's secondary certificate, while rotating).
    pub secondary_certificate: Option<String>,
    /// The App ID the client uses: a token for another project is reported.
    pub expected_app_id: Option<String>,
    /// The channel the user wants to join.
    pub channel_name: Option<String>,
    /// The user id the client logs in with to RTM, Chat or APaaS.
    pub user_id: Option<String>,
    /// An RTM channel to check the RTM2 permissions for.
    pub rtm_channel: Option<String>,
    /// The APaaS/Education room the user enters.
    pub room_uuid: Option<String>,
    /// The error the SDK reported (`'rtc-110'`, `'110'`, `'token-privilege-will-expire'`,
    /// `'rtm-login-5'`, ... see `sdkErrorCodes()`): which checks explain it.
    pub sdk_error: Option<String>,
    /// The numeric uid the user joins with (`joinChannel`). Give `uid` or `account`.
    pub uid: Option<f64>,
    /// The string account the user joins with (`joinChannelWithUserAccount`).
    pub account: Option<String>,
    /// The time to judge expiry at, Unix seconds. Default: the system clock.
    pub now: Option<f64>,
}

/// A field of a service, e.g. `{ name: 'channel', value: 'room-1' }`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ExplainedField {
    /// The field's name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// `true` when the value admits any channel or user (an empty or `*` channel, uid 0);
    /// absent otherwise (core `ServiceReport::is_wildcard_field`).
    pub wildcard: Option<bool>,
}

/// One privilege of one service (core `PrivilegeReport`).
#[napi(object, js_name = "PrivilegeReport")]
#[derive(Debug, Clone)]
pub struct JsPrivilegeReport {
    /// The privilege number.
    pub code: u32,
    /// Its name, or `"unknown"`.
    pub name: String,
    /// The value in the token: seconds after the issue time (007) or an absolute time (006).
    pub value: u32,
    /// When it ends, Unix seconds (absent: no limit of its own).
    pub expires_at: Option<i64>,
    /// Whether it has ended at the explanation's time.
    pub expired: bool,
}

/// One service of the token (core `ServiceReport`).
#[napi(object, js_name = "ServiceReport")]
#[derive(Debug, Clone)]
pub struct JsServiceReport {
    /// The service type number.
    #[napi(js_name = "type")]
    pub service_type: u32,
    /// The service name, e.g. `"RTC"`.
    pub name: String,
    /// Its fields, in order.
    pub fields: Vec<ExplainedField>,
    /// Its privileges.
    pub privileges: Vec<JsPrivilegeReport>,
}

/// Why a user cannot join or publish (core `Reason`).
#[napi(object, js_name = "Reason")]
#[derive(Debug, Clone)]
pub struct JsReason {
    /// A stable snake_case name, e.g. `"token_expired"`, `"channel_mismatch"`.
    #[napi(ts_type = "ReasonCode")]
    pub code: String,
    /// What it means and what to do, for people.
    pub message: String,
}

/// Whether a user can join a channel with the token now, and publish (core `AccessVerdict`).
#[napi(object, js_name = "AccessVerdict")]
#[derive(Debug, Clone)]
pub struct JsAccessVerdict {
    /// The channel asked about.
    pub channel_name: Option<String>,
    /// The user asked about, as the token would hold it.
    pub user: Option<String>,
    /// Whether joining is allowed.
    pub can_join: bool,
    /// Whether publishing audio is allowed.
    pub can_publish_audio: bool,
    /// Whether publishing video is allowed.
    pub can_publish_video: bool,
    /// Whether publishing data streams is allowed.
    pub can_publish_data: bool,
    /// Every reason something is not allowed, most fundamental first.
    pub reasons: Vec<JsReason>,
}

/// A channel or user admitted by a wildcard pattern in the token (core `WildcardMatch`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct WildcardMatch {
    /// What matched: `"channel"`, `"user"` or `"RTM channel"`.
    pub field: String,
    /// The pattern in the token (`""` for uid 0 or the empty channel, which admit anything).
    pub pattern: String,
    /// The value asked about.
    pub value: String,
}

/// What the user of one service of the token can do with it now (core `ServiceVerdict`).
#[napi(object, js_name = "ServiceVerdict")]
#[derive(Debug, Clone)]
pub struct JsServiceVerdict {
    /// The service name, e.g. `"RTM"`.
    pub service: String,
    /// What was judged, in words, e.g. `log in to RTM as "alice"`.
    pub question: String,
    /// Whether that is allowed now.
    pub allowed: bool,
    /// What the token lets its user do now, in words.
    pub grants: Vec<String>,
    /// Every reason something is not allowed, most fundamental first.
    pub reasons: Vec<JsReason>,
    /// Channels and users admitted by a wildcard pattern.
    pub wildcard_matches: Vec<WildcardMatch>,
}

/// What an SDK error means for the explained token (core `SdkErrorDiagnosis`).
#[napi(object, js_name = "SdkErrorDiagnosis")]
#[derive(Debug, Clone)]
pub struct JsSdkErrorDiagnosis {
    /// The error's stable code, e.g. `"rtc-110"`.
    pub code: String,
    /// The SDK's name for it, e.g. `"ERR_INVALID_TOKEN (110)"`.
    pub sdk_name: String,
    /// What the SDK means by it.
    pub meaning: String,
    /// The reasons found in the token that explain it (empty: the token is not at fault).
    pub explained_by: Vec<JsReason>,
    /// What causes it when the token is not at fault.
    pub other_causes: String,
    /// Where the SDK documents it.
    pub source: String,
}

/// Everything a support engineer needs to know about a token (core `Explanation`).
#[napi(object, js_name = "Explanation")]
#[derive(Debug, Clone)]
pub struct JsExplanation {
    /// `"007"` or `"006"`.
    pub version: String,
    /// The app id in the token.
    pub app_id: String,
    /// When the token was issued, Unix seconds (007 only).
    pub issued_at: Option<i64>,
    /// The lifetime in seconds (007 only).
    pub lifetime: Option<u32>,
    /// When the token expires, Unix seconds.
    pub expires_at: i64,
    /// The salt.
    pub salt: u32,
    /// The time the explanation judges expiry at, Unix seconds.
    pub now: i64,
    /// Whether the token has expired at `now`.
    pub expired: bool,
    /// The signature check.
    #[napi(ts_type = "'not_checked' | 'valid' | 'invalid'")]
    pub signature: String,
    /// Which certificate verified the signature, when one did.
    #[napi(ts_type = "'primary' | 'secondary'")]
    pub verified_with: Option<String>,
    /// The services (a 006 token is shown as one pseudo-service).
    pub services: Vec<JsServiceReport>,
    /// One verdict per kind of service in the token: what its user can do with it now.
    pub verdicts: Vec<JsServiceVerdict>,
    /// What the SDK error given as `sdkError` means for this token.
    pub sdk_error: Option<JsSdkErrorDiagnosis>,
    /// The join/publish verdict, when a channel or a user was given.
    pub access: Option<JsAccessVerdict>,
    /// Things that are legal but likely mistakes.
    pub warnings: Vec<String>,
    /// The whole explanation as a human-readable report.
    pub text: String,
}

fn seconds(timestamp: Timestamp) -> i64 {
    // Token times are sums of two u32s, far below i64::MAX.
    i64::try_from(timestamp.0).unwrap_or(i64::MAX)
}

fn reason(reason: &Reason) -> JsReason {
    JsReason { code: reason.code().to_owned(), message: reason.to_string() }
}

fn privilege(report: &PrivilegeReport) -> JsPrivilegeReport {
    JsPrivilegeReport {
        code: u32::from(report.code),
        name: report.name.clone(),
        value: report.value,
        expires_at: report.expires_at.map(seconds),
        expired: report.expired,
    }
}

fn service(report: &ServiceReport) -> JsServiceReport {
    JsServiceReport {
        service_type: u32::from(report.type_code),
        name: report.name.clone(),
        fields: report
            .fields
            .iter()
            .map(|(name, value)| ExplainedField {
                name: name.clone(),
                value: value.clone(),
                wildcard: report.is_wildcard_field(name, value).then_some(true),
            })
            .collect(),
        privileges: report.privileges.iter().map(privilege).collect(),
    }
}

fn verdict(access: &AccessVerdict) -> JsAccessVerdict {
    JsAccessVerdict {
        channel_name: access.channel_name.clone(),
        user: access.user.clone(),
        can_join: access.can_join,
        can_publish_audio: access.can_publish_audio,
        can_publish_video: access.can_publish_video,
        can_publish_data: access.can_publish_data,
        reasons: access.reasons.iter().map(reason).collect(),
    }
}

fn service_verdict(verdict: &ServiceVerdict) -> JsServiceVerdict {
    JsServiceVerdict {
        service: verdict.service.clone(),
        question: verdict.question.clone(),
        allowed: verdict.allowed,
        grants: verdict.grants.clone(),
        reasons: verdict.reasons.iter().map(reason).collect(),
        wildcard_matches: verdict
            .wildcard_matches
            .iter()
            .map(|m| WildcardMatch { field: m.field.to_owned(), pattern: m.pattern.clone(), value: m.value.clone() })
            .collect(),
    }
}

fn diagnosis(diagnosis: &SdkErrorDiagnosis) -> JsSdkErrorDiagnosis {
    let error = diagnosis.error;
    JsSdkErrorDiagnosis {
        code: error.code().to_owned(),
        sdk_name: error.sdk_name().to_owned(),
        meaning: error.meaning().to_owned(),
        explained_by: diagnosis.explained_by.iter().map(reason).collect(),
        other_causes: error.other_causes().to_owned(),
        source: error.source().to_owned(),
    }
}

impl From<&Explanation> for JsExplanation {
    fn from(explanation: &Explanation) -> Self {
        let signature = match explanation.signature {
            SignatureCheck::NotChecked => "not_checked",
            SignatureCheck::Valid => "valid",
            SignatureCheck::Invalid => "invalid",
        };
        JsExplanation {
            version: explanation.version.to_owned(),
            app_id: explanation.app_id.clone(),
            issued_at: explanation.issued_at.map(seconds),
            lifetime: explanation.lifetime,
            expires_at: seconds(explanation.expires_at),
            salt: explanation.salt,
            now: seconds(explanation.now),
            expired: explanation.expired,
            signature: signature.to_owned(),
            verified_with: explanation.verified_with.map(|slot| slot.name().to_owned()),
            services: explanation.services.iter().map(service).collect(),
            verdicts: explanation.verdicts.iter().map(service_verdict).collect(),
            sdk_error: explanation.sdk_error.as_ref().map(diagnosis),
            access: explanation.access.as_ref().map(verdict),
            warnings: explanation.warnings.clone(),
            text: explanation.to_string(),
        }
    }
}

/// Explains a 007 or 006 token: its contents, its signature (with `appCertificate`), and
/// whether the user (`uid` or `account`) can join `channelName` at `now`, with every reason not.
#[napi]
pub fn explain(token: String, options: Option<JsExplainOptions>) -> Result<JsExplanation> {
    let options = options.unwrap_or_default();
    let certificate = options.app_certificate.map(AppCertificate::new).transpose().js()?;
    let secondary = options.secondary_certificate.map(AppCertificate::new).transpose().js()?;
    let sdk_error = options.sdk_error.as_deref().map(SdkError::parse).transpose().js()?;
    let user = match (options.uid, options.account) {
        (None, None) => None,
        (uid, account) => Some(uid_or_account(uid, account)?),
    };
    let now = options.now.map(|now| to_u64("now", now)).transpose()?;
    let core_options = ExplainOptions {
        certificate: certificate.as_ref(),
        secondary_certificate: secondary.as_ref(),
        expected_app_id: options.expected_app_id.as_deref(),
        channel_name: options.channel_name.as_deref(),
        user,
        user_id: options.user_id.as_deref(),
        rtm_channel: options.rtm_channel.as_deref(),
        room_uuid: options.room_uuid.as_deref(),
        sdk_error,
        now,
    };
    let explanation = agora_token::explain(&token, &core_options).js()?;
    Ok(JsExplanation::from(&explanation))
}

/// Every `Reason.code` explain can give (the same strings in every binding).
#[napi(ts_return_type = "Array<ReasonCode>")]
pub fn reason_codes() -> Vec<&'static str> {
    Reason::CODES.to_vec()
}

/// Every SDK error code `explain`'s `sdkError` accepts, e.g. `'rtc-110'`.
#[napi]
pub fn sdk_error_codes() -> Vec<&'static str> {
    SdkError::ALL.iter().map(|error| error.code()).collect()
}
