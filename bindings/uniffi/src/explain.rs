//! Explaining a token to a person (core [`agora_token::explain()`]).

use std::sync::Arc;

use agora_token::{AccessVerdict, ExplainOptions, Explanation, Reason, SignatureCheck};
use agora_token::{PrivilegeReport, SdkError, SdkErrorDiagnosis, ServiceReport, ServiceVerdict, WildcardMatch};

use crate::credentials::FfiAppCertificate;
use crate::error::FfiResult;
use crate::services::FfiUser;

/// The outcome of the signature check (core [`SignatureCheck`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "SignatureCheck")]
pub enum FfiSignatureCheck {
    /// No certificate was given (006: or no channel and user to check with).
    NotChecked,
    /// The signature matches.
    Valid,
    /// The signature does not match.
    Invalid,
}

impl From<SignatureCheck> for FfiSignatureCheck {
    fn from(check: SignatureCheck) -> FfiSignatureCheck {
        match check {
            SignatureCheck::NotChecked => FfiSignatureCheck::NotChecked,
            SignatureCheck::Valid => FfiSignatureCheck::Valid,
            SignatureCheck::Invalid => FfiSignatureCheck::Invalid,
        }
    }
}

/// One privilege of one service (core `PrivilegeReport`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "PrivilegeReport")]
pub struct FfiPrivilegeReport {
    /// The privilege number.
    pub code: u16,
    /// Its name, or `"unknown"`.
    pub name: String,
    /// The value in the token (seconds after the issue time for 007, absolute for 006).
    pub value: u32,
    /// When it ends, Unix seconds (`null`/`nil`: no limit of its own).
    pub expires_at: Option<u64>,
    /// Whether it has ended at the explanation's time.
    pub expired: bool,
}

/// A named field of a service, e.g. `channel` = `room-1`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ReportField")]
pub struct FfiReportField {
    /// The field name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// One service of the token (core `ServiceReport`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ServiceReport")]
pub struct FfiServiceReport {
    /// The service type number (0 for the 006 pseudo-service).
    pub type_code: u16,
    /// The service name, e.g. `"RTC"`.
    pub name: String,
    /// Its fields.
    pub fields: Vec<FfiReportField>,
    /// Its privileges.
    pub privileges: Vec<FfiPrivilegeReport>,
}

/// Why a user cannot join or publish (core [`Reason`]); times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi(name = "Reason")]
pub enum FfiReason {
    /// The signature does not match the given certificate.
    WrongCertificate,
    /// The token's app id is not 32 hex characters.
    InvalidAppId,
    /// The token lifetime is over.
    TokenExpired {
        /// When it ended.
        at: u64,
    },
    /// The token has no RTC service.
    NoRtcService,
    /// No RTC service is for this channel.
    ChannelMismatch {
        /// The channels the token is for.
        token_channels: Vec<String>,
    },
    /// No RTC service for the channel is for this user.
    UserMismatch {
        /// The users the token is for.
        token_users: Vec<String>,
    },
    /// Numeric uid against a string account, or the reverse.
    UidAccountMix {
        /// What the token holds.
        token_user: String,
        /// How the user joins.
        joining_as: String,
    },
    /// Joining with uid 0 (a random uid) against a token for one uid.
    RandomUidAgainstFixedToken {
        /// The uid the token is for.
        token_user: String,
    },
    /// The join privilege is missing.
    JoinPrivilegeMissing,
    /// The join privilege has ended.
    JoinPrivilegeExpired {
        /// When it ended.
        at: u64,
    },
    /// A publish privilege is missing (a subscriber token).
    PublishPrivilegeMissing {
        /// Which one.
        privilege: String,
    },
    /// A publish privilege has ended.
    PublishPrivilegeExpired {
        /// Which one.
        privilege: String,
        /// When it ended.
        at: u64,
    },
    /// The token is for another project than the App ID the client uses.
    AppIdMismatch {
        /// The App ID the client uses.
        expected: String,
        /// The App ID in the token.
        token: String,
    },
    /// A service a verdict needs is not in the token.
    ServiceMissing {
        /// The service name.
        service: String,
    },
    /// A privilege of a service other than RTC is missing.
    PrivilegeMissing {
        /// The service name.
        service: String,
        /// The privilege name.
        privilege: String,
    },
    /// A privilege of a service other than RTC has ended.
    PrivilegeExpired {
        /// The service name.
        service: String,
        /// The privilege name.
        privilege: String,
        /// When it ended.
        at: u64,
    },
    /// The RTM2 permissions grant nothing on the channel asked about.
    Rtm2PermissionMissing {
        /// The channel.
        resource: String,
    },
    /// No APaaS service is for the room asked about.
    RoomMismatch {
        /// The rooms the token is for.
        token_rooms: Vec<String>,
    },
    /// The token or a privilege ends within the SDKs' 30-second warning window.
    ExpiresSoon {
        /// What ends.
        what: String,
        /// When.
        at: u64,
    },
    /// A reason added to the core after this binding was written; see the message.
    Other,
}

impl From<&Reason> for FfiReason {
    fn from(reason: &Reason) -> FfiReason {
        match reason {
            Reason::WrongCertificate => FfiReason::WrongCertificate,
            Reason::InvalidAppId => FfiReason::InvalidAppId,
            Reason::TokenExpired { at } => FfiReason::TokenExpired { at: at.0 },
            Reason::NoRtcService => FfiReason::NoRtcService,
            Reason::ChannelMismatch { token_channels } => {
                FfiReason::ChannelMismatch { token_channels: token_channels.clone() }
            }
            Reason::UserMismatch { token_users } => FfiReason::UserMismatch { token_users: token_users.clone() },
            Reason::UidAccountMix { token_user, joining_as } => {
                FfiReason::UidAccountMix { token_user: token_user.clone(), joining_as: joining_as.clone() }
            }
            Reason::RandomUidAgainstFixedToken { token_user } => {
                FfiReason::RandomUidAgainstFixedToken { token_user: token_user.clone() }
            }
            Reason::JoinPrivilegeMissing => FfiReason::JoinPrivilegeMissing,
            Reason::JoinPrivilegeExpired { at } => FfiReason::JoinPrivilegeExpired { at: at.0 },
            Reason::PublishPrivilegeMissing { privilege } => {
                FfiReason::PublishPrivilegeMissing { privilege: privilege.clone() }
            }
            Reason::PublishPrivilegeExpired { privilege, at } => {
                FfiReason::PublishPrivilegeExpired { privilege: privilege.clone(), at: at.0 }
            }
            Reason::AppIdMismatch { expected, token } => {
                FfiReason::AppIdMismatch { expected: expected.clone(), token: token.clone() }
            }
            Reason::ServiceMissing { service } => FfiReason::ServiceMissing { service: service.clone() },
            Reason::PrivilegeMissing { service, privilege } => {
                FfiReason::PrivilegeMissing { service: service.clone(), privilege: privilege.clone() }
            }
            Reason::PrivilegeExpired { service, privilege, at } => {
                FfiReason::PrivilegeExpired { service: service.clone(), privilege: privilege.clone(), at: at.0 }
            }
            Reason::Rtm2PermissionMissing { resource } => {
                FfiReason::Rtm2PermissionMissing { resource: resource.clone() }
            }
            Reason::RoomMismatch { token_rooms } => FfiReason::RoomMismatch { token_rooms: token_rooms.clone() },
            Reason::ExpiresSoon { what, at } => FfiReason::ExpiresSoon { what: what.clone(), at: at.0 },
            _ => FfiReason::Other,
        }
    }
}

/// A reason with the core's sentence for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "AccessReason")]
pub struct FfiAccessReason {
    /// The typed reason.
    pub reason: FfiReason,
    /// Its stable code, e.g. `"token_expired"` (the same string in every binding).
    pub code: String,
    /// What it means and what to do, in words.
    pub message: String,
}

/// Whether a user can join a channel with the token, and publish (core [`AccessVerdict`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "AccessVerdict")]
pub struct FfiAccessVerdict {
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
    pub reasons: Vec<FfiAccessReason>,
}

impl From<&AccessVerdict> for FfiAccessVerdict {
    fn from(v: &AccessVerdict) -> FfiAccessVerdict {
        FfiAccessVerdict {
            channel_name: v.channel_name.clone(),
            user: v.user.clone(),
            can_join: v.can_join,
            can_publish_audio: v.can_publish_audio,
            can_publish_video: v.can_publish_video,
            can_publish_data: v.can_publish_data,
            reasons: v.reasons.iter().map(FfiAccessReason::from).collect(),
        }
    }
}

impl From<&Reason> for FfiAccessReason {
    fn from(reason: &Reason) -> FfiAccessReason {
        FfiAccessReason { reason: reason.into(), code: reason.code().to_owned(), message: reason.to_string() }
    }
}

/// A channel or user admitted by a wildcard pattern in the token (core `WildcardMatch`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "WildcardMatch")]
pub struct FfiWildcardMatch {
    /// What matched: `"channel"`, `"user"` or `"RTM channel"`.
    pub field: String,
    /// The pattern in the token (`""` for uid 0 or the empty channel, which admit anything).
    pub pattern: String,
    /// The value asked about.
    pub value: String,
}

impl From<&WildcardMatch> for FfiWildcardMatch {
    fn from(m: &WildcardMatch) -> FfiWildcardMatch {
        FfiWildcardMatch { field: m.field.to_owned(), pattern: m.pattern.clone(), value: m.value.clone() }
    }
}

/// What the user of one service of the token can do with it now (core `ServiceVerdict`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "ServiceVerdict")]
pub struct FfiServiceVerdict {
    /// The service name, e.g. `"RTM"`.
    pub service: String,
    /// What was judged, in words.
    pub question: String,
    /// Whether that is allowed now.
    pub allowed: bool,
    /// What the token lets its user do now, in words.
    pub grants: Vec<String>,
    /// Every reason something is not allowed, most fundamental first.
    pub reasons: Vec<FfiAccessReason>,
    /// Channels and users admitted by a wildcard pattern.
    pub wildcard_matches: Vec<FfiWildcardMatch>,
}

impl From<&ServiceVerdict> for FfiServiceVerdict {
    fn from(v: &ServiceVerdict) -> FfiServiceVerdict {
        FfiServiceVerdict {
            service: v.service.clone(),
            question: v.question.clone(),
            allowed: v.allowed,
            grants: v.grants.clone(),
            reasons: v.reasons.iter().map(FfiAccessReason::from).collect(),
            wildcard_matches: v.wildcard_matches.iter().map(FfiWildcardMatch::from).collect(),
        }
    }
}

/// What an SDK error means for the explained token (core `SdkErrorDiagnosis`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "SdkErrorDiagnosis")]
pub struct FfiSdkErrorDiagnosis {
    /// The error's stable code, e.g. `"rtc-110"`.
    pub code: String,
    /// The SDK's name for it, e.g. `"ERR_INVALID_TOKEN (110)"`.
    pub sdk_name: String,
    /// What the SDK means by it.
    pub meaning: String,
    /// The reasons found in the token that explain it (empty: the token is not at fault).
    pub explained_by: Vec<FfiAccessReason>,
    /// What causes it when the token is not at fault.
    pub other_causes: String,
    /// Where the SDK documents it.
    pub source: String,
}

impl From<&SdkErrorDiagnosis> for FfiSdkErrorDiagnosis {
    fn from(d: &SdkErrorDiagnosis) -> FfiSdkErrorDiagnosis {
        FfiSdkErrorDiagnosis {
            code: d.error.code().to_owned(),
            sdk_name: d.error.sdk_name().to_owned(),
            meaning: d.error.meaning().to_owned(),
            explained_by: d.explained_by.iter().map(FfiAccessReason::from).collect(),
            other_causes: d.error.other_causes().to_owned(),
            source: d.error.source().to_owned(),
        }
    }
}

/// Everything about a token, plus the human-readable report (core [`Explanation`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "Explanation")]
pub struct FfiExplanation {
    /// `"007"` or `"006"`.
    pub version: String,
    /// The app id in the token.
    pub app_id: String,
    /// When the token was issued, Unix seconds (007 only).
    pub issued_at: Option<u64>,
    /// The lifetime in seconds (007 only).
    pub lifetime: Option<u32>,
    /// When the token expires, Unix seconds.
    pub expires_at: u64,
    /// The salt.
    pub salt: u32,
    /// The time the explanation judges expiry at, Unix seconds.
    pub now: u64,
    /// Whether the token has expired at `now`.
    pub expired: bool,
    /// The signature check.
    pub signature: FfiSignatureCheck,
    /// Which certificate verified the signature: `"primary"`, `"secondary"`, or none.
    pub verified_with: Option<String>,
    /// The services (006 tokens show one pseudo-service).
    pub services: Vec<FfiServiceReport>,
    /// One verdict per kind of service in the token: what its user can do with it now.
    pub verdicts: Vec<FfiServiceVerdict>,
    /// What the SDK error given to `explain` means for this token.
    pub sdk_error: Option<FfiSdkErrorDiagnosis>,
    /// The join/publish verdict, when a channel or a user was given.
    pub access: Option<FfiAccessVerdict>,
    /// Things that are legal but likely mistakes.
    pub warnings: Vec<String>,
    /// The whole explanation as text for people (the core's `Display`).
    pub report: String,
}

fn privilege_report(p: &PrivilegeReport) -> FfiPrivilegeReport {
    FfiPrivilegeReport {
        code: p.code,
        name: p.name.clone(),
        value: p.value,
        expires_at: p.expires_at.map(|at| at.0),
        expired: p.expired,
    }
}

fn service_report(s: &ServiceReport) -> FfiServiceReport {
    FfiServiceReport {
        type_code: s.type_code,
        name: s.name.clone(),
        fields: s
            .fields
            .iter()
            .map(|(name, value)| FfiReportField { name: name.clone(), value: value.clone() })
            .collect(),
        privileges: s.privileges.iter().map(privilege_report).collect(),
    }
}

impl From<&Explanation> for FfiExplanation {
    fn from(e: &Explanation) -> FfiExplanation {
        FfiExplanation {
            version: e.version.to_owned(),
            app_id: e.app_id.clone(),
            issued_at: e.issued_at.map(|at| at.0),
            lifetime: e.lifetime,
            expires_at: e.expires_at.0,
            salt: e.salt,
            now: e.now.0,
            expired: e.expired,
            signature: e.signature.into(),
            verified_with: e.verified_with.map(|slot| slot.name().to_owned()),
            services: e.services.iter().map(service_report).collect(),
            verdicts: e.verdicts.iter().map(FfiServiceVerdict::from).collect(),
            sdk_error: e.sdk_error.as_ref().map(FfiSdkErrorDiagnosis::from),
            access: e.access.as_ref().map(FfiAccessVerdict::from),
            warnings: e.warnings.clone(),
            report: e.to_string(),
        }
    }
}

/// Explains a 007 or 006 token: its contents, whether the signature holds (with the
/// certificate, or the project's secondary certificate), whether it is for `expected_app_id`,
/// whether `user` can join `channel_name` and publish, whether `user_id` can log in to RTM,
/// Chat or APaaS (`room_uuid`) and use the RTM channel `rtm_channel`, all at `now` (default:
/// the clock), with every reason not; with `sdk_error` (e.g. `"rtc-110"`), which of those
/// reasons explain that SDK error.
///
/// # Errors
/// The decoding errors of the token's family, `InvalidArgument` for an unknown SDK error,
/// and `Clock` when `now` is not given and the clock fails.
#[uniffi::export(default(
    certificate = None,
    channel_name = None,
    user = None,
    now = None,
    secondary_certificate = None,
    expected_app_id = None,
    user_id = None,
    rtm_channel = None,
    room_uuid = None,
    sdk_error = None
))]
#[allow(clippy::too_many_arguments)]
pub fn explain(
    token: String,
    certificate: Option<Arc<FfiAppCertificate>>,
    channel_name: Option<String>,
    user: Option<FfiUser>,
    now: Option<u64>,
    secondary_certificate: Option<Arc<FfiAppCertificate>>,
    expected_app_id: Option<String>,
    user_id: Option<String>,
    rtm_channel: Option<String>,
    room_uuid: Option<String>,
    sdk_error: Option<String>,
) -> FfiResult<FfiExplanation> {
    let sdk_error = sdk_error.as_deref().map(SdkError::parse).transpose()?;
    let options = ExplainOptions {
        certificate: certificate.as_ref().map(|c| &c.0),
        secondary_certificate: secondary_certificate.as_ref().map(|c| &c.0),
        expected_app_id: expected_app_id.as_deref(),
        channel_name: channel_name.as_deref(),
        user: user.map(Into::into),
        user_id: user_id.as_deref(),
        rtm_channel: rtm_channel.as_deref(),
        room_uuid: room_uuid.as_deref(),
        sdk_error,
        now,
    };
    Ok(FfiExplanation::from(&agora_token::explain(&token, &options)?))
}

/// Every reason code `explain` can give (the same strings in every binding).
#[uniffi::export]
#[must_use]
pub fn reason_codes() -> Vec<String> {
    Reason::CODES.iter().map(|code| (*code).to_owned()).collect()
}

/// Every SDK error code `explain` accepts, e.g. `"rtc-110"`.
#[uniffi::export]
#[must_use]
pub fn sdk_error_codes() -> Vec<String> {
    SdkError::ALL.iter().map(|error| error.code().to_owned()).collect()
}
