//! `explain`: what a token contains and whether a user can join a channel with it now.

use agora_token::explain::{PrivilegeReport, ServiceReport, Timestamp};
use agora_token::{AccessVerdict, AppCertificate, ExplainOptions, Explanation, Reason, SignatureCheck};
use napi_derive::napi;

use crate::args::{to_u64, uid_or_account};
use crate::error::{CoreResultExt, Result};

/// What to check a token against (core `ExplainOptions`). Every field is optional.
#[napi(object, js_name = "ExplainOptions")]
#[derive(Debug, Clone, Default)]
pub struct JsExplainOptions {
    /// Check the signature with this certificate.
    pub app_certificate: Option<String>,
    /// The channel the user wants to join.
    pub channel_name: Option<String>,
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
    /// The services (a 006 token is shown as one pseudo-service).
    pub services: Vec<JsServiceReport>,
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
            .map(|(name, value)| ExplainedField { name: name.clone(), value: value.clone() })
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
            services: explanation.services.iter().map(service).collect(),
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
    let user = match (options.uid, options.account) {
        (None, None) => None,
        (uid, account) => Some(uid_or_account(uid, account)?),
    };
    let now = options.now.map(|now| to_u64("now", now)).transpose()?;
    let core_options =
        ExplainOptions { certificate: certificate.as_ref(), channel_name: options.channel_name.as_deref(), user, now };
    let explanation = agora_token::explain(&token, &core_options).js()?;
    Ok(JsExplanation::from(&explanation))
}
