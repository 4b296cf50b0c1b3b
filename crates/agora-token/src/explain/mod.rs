//! Explaining a token (the public entry point is [`explain`], re-exported at the crate root
//! with every type here).
//!
//! 007 tokens are explained in `access_token2`, 006 tokens in `legacy`; the types, the
//! token-level checks and the RTC join/publish rules they share are here.

use std::fmt;

mod access_token2;
mod legacy;
mod sdk_errors;

pub(crate) use access_token2::Question;
pub use sdk_errors::{SdkError, SdkErrorDiagnosis};

use crate::access_token2::UnverifiedToken;
use crate::clock;
use crate::credentials::{AppCertificate, AppId};
use crate::error::Result;
use crate::legacy::access_token::UnverifiedAccessToken;
use crate::services::{FieldRole, Privilege, RtcPrivilege, ServiceType, User};

/// What to check a token against. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct ExplainOptions<'a> {
    /// Check the signature with this certificate (the project's primary certificate).
    pub certificate: Option<&'a AppCertificate>,
    /// Also accept this certificate (the project's secondary certificate, while rotating).
    pub secondary_certificate: Option<&'a AppCertificate>,
    /// The App ID the client uses: a token for another project is reported.
    pub expected_app_id: Option<&'a str>,
    /// The RTC (or Streaming/FCDN) channel the user wants to join.
    pub channel_name: Option<&'a str>,
    /// The uid or account the user joins the RTC channel with.
    pub user: Option<User>,
    /// The user id the client logs in with to RTM, Chat or APaaS (the RTM user id of a 006
    /// RTM token).
    pub user_id: Option<&'a str>,
    /// An RTM channel to check the RTM2 permissions for.
    pub rtm_channel: Option<&'a str>,
    /// The APaaS/Education room the user enters.
    pub room_uuid: Option<&'a str>,
    /// The error the SDK reported: the explanation says which of its checks explain it.
    pub sdk_error: Option<SdkError>,
    /// The time to judge expiry at, Unix seconds. Defaults to the system clock.
    pub now: Option<u64>,
}

/// A point in time, as Unix seconds and as an RFC 3339 UTC date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(pub u64);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&clock::format_utc(self.0))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Timestamp", 2)?;
        s.serialize_field("unix", &self.0)?;
        s.serialize_field("utc", &clock::format_utc(self.0))?;
        s.end()
    }
}

/// The outcome of the signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum SignatureCheck {
    /// No certificate was given (or, for 006, no channel and user to check with).
    NotChecked,
    /// The signature matches.
    Valid,
    /// The signature does not match.
    Invalid,
}

/// Which certificate verified the signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum CertificateSlot {
    /// The primary certificate ([`ExplainOptions::certificate`]).
    Primary,
    /// The secondary certificate ([`ExplainOptions::secondary_certificate`]).
    Secondary,
}

impl CertificateSlot {
    /// `"primary"` or `"secondary"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            CertificateSlot::Primary => "primary",
            CertificateSlot::Secondary => "secondary",
        }
    }
}

/// One privilege of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PrivilegeReport {
    /// The privilege number.
    pub code: u16,
    /// Its name, or `"unknown"`.
    pub name: String,
    /// The value in the token: seconds after the issue time (007) or an absolute time (006).
    pub value: u32,
    /// When it ends (`None`: no limit of its own).
    pub expires_at: Option<Timestamp>,
    /// Whether it has ended at the explanation's time.
    pub expired: bool,
}

/// One service of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServiceReport {
    /// The service type number.
    pub type_code: u16,
    /// The service name, e.g. `"RTC"`.
    pub name: String,
    /// Its fields as (name, value), e.g. `("channel", "room-1")`.
    pub fields: Vec<(String, String)>,
    /// Its privileges.
    pub privileges: Vec<PrivilegeReport>,
}

impl ServiceReport {
    /// Whether a field admits any channel or user rather than one (an empty or `*` channel,
    /// uid 0 / an empty account, by the rules of [`wildcard`](crate::wildcard)): the channel
    /// and the uid or account of the services that name a channel (RTC, Streaming, FCDN). The
    /// token debugger page marks such fields; bindings pass the flag on with each field.
    #[must_use]
    pub fn is_wildcard_field(&self, name: &str, value: &str) -> bool {
        // Read from the service table (the fields' roles), so a new service with a channel is covered.
        let Ok(service_type) = ServiceType::from_code(self.type_code) else { return false };
        let declared = service_type.declared_fields();
        let carries_channel = declared.iter().any(|field| field.role == FieldRole::Channel);
        carries_channel
            && match declared.iter().find(|field| field.shown == name).map(|field| field.role) {
                Some(FieldRole::Channel) => crate::wildcard::is_wildcard_channel(value),
                Some(FieldRole::User) => crate::wildcard::is_wildcard_user(value),
                _ => false,
            }
    }
}

/// Why a user cannot join (or publish) with the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(tag = "reason", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Reason {
    /// The signature does not match the given certificate.
    WrongCertificate,
    /// The token's app id is not 32 hex characters.
    InvalidAppId,
    /// The token is for another project than the App ID the client uses.
    AppIdMismatch {
        /// The App ID the client uses.
        expected: String,
        /// The App ID in the token.
        token: String,
    },
    /// The token lifetime is over.
    TokenExpired {
        /// When it ended.
        at: Timestamp,
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
        /// The users the token is for (for the channel).
        token_users: Vec<String>,
    },
    /// The token is for a string account but the user joins with a numeric uid, or the reverse.
    UidAccountMix {
        /// What the token holds.
        token_user: String,
        /// How the user joins.
        joining_as: String,
    },
    /// The user joins with uid 0, which lets the SDK pick a random uid, but the token is for one uid.
    RandomUidAgainstFixedToken {
        /// The uid the token is for.
        token_user: String,
    },
    /// The join privilege is missing.
    JoinPrivilegeMissing,
    /// The join privilege has ended.
    JoinPrivilegeExpired {
        /// When it ended.
        at: Timestamp,
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
        at: Timestamp,
    },
    /// A service a verdict needs is not in the token (RTC has its own [`Reason::NoRtcService`]).
    ServiceMissing {
        /// The service name, e.g. `"RTM"`.
        service: String,
    },
    /// A privilege of a service other than RTC is missing (e.g. RTM login, Chat user).
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
        at: Timestamp,
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
    /// The token or a privilege ends within the SDKs' 30-second warning window (only in
    /// [`SdkErrorDiagnosis::explained_by`]).
    ExpiresSoon {
        /// What ends: `"token"` or a privilege, e.g. `"RTC join channel privilege"`.
        what: String,
        /// When.
        at: Timestamp,
    },
}

impl Reason {
    /// A stable snake_case name for the reason (the `reason` tag of its JSON form), e.g.
    /// `"channel_mismatch"`, for bindings and clients that branch on it.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Reason::WrongCertificate => "wrong_certificate",
            Reason::InvalidAppId => "invalid_app_id",
            Reason::AppIdMismatch { .. } => "app_id_mismatch",
            Reason::TokenExpired { .. } => "token_expired",
            Reason::NoRtcService => "no_rtc_service",
            Reason::ChannelMismatch { .. } => "channel_mismatch",
            Reason::UserMismatch { .. } => "user_mismatch",
            Reason::UidAccountMix { .. } => "uid_account_mix",
            Reason::RandomUidAgainstFixedToken { .. } => "random_uid_against_fixed_token",
            Reason::JoinPrivilegeMissing => "join_privilege_missing",
            Reason::JoinPrivilegeExpired { .. } => "join_privilege_expired",
            Reason::PublishPrivilegeMissing { .. } => "publish_privilege_missing",
            Reason::PublishPrivilegeExpired { .. } => "publish_privilege_expired",
            Reason::ServiceMissing { .. } => "service_missing",
            Reason::PrivilegeMissing { .. } => "privilege_missing",
            Reason::PrivilegeExpired { .. } => "privilege_expired",
            Reason::Rtm2PermissionMissing { .. } => "rtm2_permission_missing",
            Reason::RoomMismatch { .. } => "room_mismatch",
            Reason::ExpiresSoon { .. } => "expires_soon",
        }
    }

    /// Every reason code, in declaration order (bindings export the list; tests check each
    /// binding passes the same strings).
    pub const CODES: &'static [&'static str] = &[
        "wrong_certificate",
        "invalid_app_id",
        "app_id_mismatch",
        "token_expired",
        "no_rtc_service",
        "channel_mismatch",
        "user_mismatch",
        "uid_account_mix",
        "random_uid_against_fixed_token",
        "join_privilege_missing",
        "join_privilege_expired",
        "publish_privilege_missing",
        "publish_privilege_expired",
        "service_missing",
        "privilege_missing",
        "privilege_expired",
        "rtm2_permission_missing",
        "room_mismatch",
        "expires_soon",
    ];
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::WrongCertificate => write!(f, "the signature does not match this app certificate (wrong certificate, wrong project, or a modified token)"),
            Reason::InvalidAppId => write!(f, "the token's app id is not 32 hexadecimal characters"),
            Reason::AppIdMismatch { expected, token } => write!(
                f,
                "the token is for App ID {token}, but the client uses {expected}: build the token with the App ID and certificate of the project the client uses"
            ),
            Reason::TokenExpired { at } => write!(f, "the token expired at {at}; build a new one"),
            Reason::NoRtcService => write!(f, "the token has no RTC service, so it cannot join a channel (was it built for RTM or Chat?)"),
            Reason::ChannelMismatch { token_channels } => {
                write!(f, "the token is for channel {}, not this one (channel names are case-sensitive)", quoted_list(token_channels))
            }
            Reason::UserMismatch { token_users } => write!(f, "the token is for user {}, not this one", quoted_list(token_users)),
            Reason::UidAccountMix { token_user, joining_as } => write!(
                f,
                "the token is for {token_user} but the user joins as {joining_as}; join with the same kind of id the token was built for (joinChannel with an int uid vs joinChannelWithUserAccount with a string)"
            ),
            Reason::RandomUidAgainstFixedToken { token_user } => write!(
                f,
                "the user joins with uid 0, so the SDK picks a random uid, but the token is only for uid {token_user:?}; join with that uid or build the token for uid 0"
            ),
            Reason::JoinPrivilegeMissing => write!(f, "the RTC service has no join-channel privilege"),
            Reason::JoinPrivilegeExpired { at } => write!(f, "the join-channel privilege expired at {at}"),
            Reason::PublishPrivilegeMissing { privilege } => {
                write!(f, "no {privilege} privilege: the token was built for a subscriber (audience); build it with the publisher role to publish")
            }
            Reason::PublishPrivilegeExpired { privilege, at } => write!(f, "the {privilege} privilege expired at {at}"),
            Reason::ServiceMissing { service } => {
                write!(f, "the token has no {service} service; build it with one (e.g. the builder for {service} or RTC+RTM)")
            }
            Reason::PrivilegeMissing { service, privilege } => match (service.as_str(), privilege.as_str()) {
                ("Chat", "user") => write!(f, "this is a Chat app token (app privilege only); a user logs in with a Chat user token built for their user id"),
                ("Chat", "app") => write!(f, "this is a Chat user token; REST calls as the app need a Chat app token"),
                _ => write!(f, "the {service} service has no {privilege} privilege; build the token with it"),
            },
            Reason::PrivilegeExpired { service, privilege, at } => {
                write!(f, "the {service} {privilege} privilege expired at {at}; build a new token and renew it")
            }
            Reason::Rtm2PermissionMissing { resource } => write!(
                f,
                "the RTM permissions in the token grant nothing on channel {resource:?}; add the channel (or a `*` pattern matching it) to the token's message or stream channel permissions"
            ),
            Reason::ExpiresSoon { what, at } => {
                write!(f, "the {what} ends at {at}, within 30 seconds: fetch a new token and call renewToken")
            }
            Reason::RoomMismatch { token_rooms } => {
                write!(f, "the token is for room {}, not this one; build it for the room the user enters", quoted_list(token_rooms))
            }
        }
    }
}

fn quoted_list(items: &[String]) -> String {
    items.iter().map(|item| format!("{item:?}")).collect::<Vec<_>>().join(" or ")
}

/// Whether a user can join a channel with the token now, and publish.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AccessVerdict {
    /// The channel asked about (`None`: any channel of the token).
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
    pub reasons: Vec<Reason>,
}

impl AccessVerdict {
    /// Whether joining and publishing audio and video are all allowed.
    #[must_use]
    pub fn can_join_and_publish(&self) -> bool {
        self.can_join && self.can_publish_audio && self.can_publish_video
    }
}

/// Everything a support engineer needs to know about a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Explanation {
    /// The token family's version prefix, `"007"` or `"006"`.
    pub version: &'static str,
    /// The app id in the token.
    pub app_id: String,
    /// When the token was issued (007 only).
    pub issued_at: Option<Timestamp>,
    /// The lifetime in seconds (007 only).
    pub lifetime: Option<u32>,
    /// When the token expires.
    pub expires_at: Timestamp,
    /// The salt.
    pub salt: u32,
    /// The time the explanation judges expiry at.
    pub now: Timestamp,
    /// Whether the token has expired at `now`.
    pub expired: bool,
    /// The signature check.
    pub signature: SignatureCheck,
    /// Which certificate verified the signature, when one did.
    pub verified_with: Option<CertificateSlot>,
    /// The services (006 tokens are shown as one pseudo-service).
    pub services: Vec<ServiceReport>,
    /// The RTC join/publish verdict, when a channel or a user was given.
    pub access: Option<AccessVerdict>,
    /// One verdict per kind of service in the token, in the token's order: what its user can
    /// do with it now, and every reason they cannot.
    pub verdicts: Vec<ServiceVerdict>,
    /// What the SDK error given in [`ExplainOptions::sdk_error`] means for this token.
    pub sdk_error: Option<SdkErrorDiagnosis>,
    /// Things that are legal but likely mistakes.
    pub warnings: Vec<String>,
}

/// A channel or user admitted by a wildcard pattern in the token, not by its own name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WildcardMatch {
    /// What matched: `"channel"`, `"user"` or `"RTM channel"`.
    pub field: &'static str,
    /// The pattern in the token (`""` for uid 0 or the empty channel, which admit anything).
    pub pattern: String,
    /// The value asked about.
    pub value: String,
}

impl WildcardMatch {
    pub(crate) fn new(field: &'static str, pattern: &str, value: &str) -> Self {
        WildcardMatch { field, pattern: pattern.to_owned(), value: value.to_owned() }
    }
}

impl fmt::Display for WildcardMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?} matched by the wildcard {:?} in the token", self.field, self.value, self.pattern)
    }
}

/// What the user of one service of the token can do with it now.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServiceVerdict {
    /// The service name, e.g. `"RTM"`.
    pub service: String,
    /// What was judged, in words, e.g. `log in to RTM as "alice"`.
    pub question: String,
    /// Whether that is allowed now.
    pub allowed: bool,
    /// What the token lets its user do now, in words (empty when nothing).
    pub grants: Vec<String>,
    /// Every reason something is not allowed, most fundamental first.
    pub reasons: Vec<Reason>,
    /// Channels and users admitted by a wildcard pattern.
    pub wildcard_matches: Vec<WildcardMatch>,
}

impl ServiceVerdict {
    pub(crate) fn new(
        service: ServiceType,
        question: String,
        allowed: bool,
        grants: Vec<String>,
        reasons: Vec<Reason>,
        wildcard_matches: Vec<WildcardMatch>,
    ) -> Self {
        ServiceVerdict { service: service.name().to_owned(), question, allowed, grants, reasons, wildcard_matches }
    }

    /// The RTC verdict in the form every service has.
    pub(crate) fn from_rtc(access: &AccessVerdict, wildcard_matches: Vec<WildcardMatch>) -> Self {
        let question = match (&access.channel_name, &access.user) {
            (Some(channel), Some(user)) => format!("join channel {channel:?} as {user:?}"),
            (Some(channel), None) => format!("join channel {channel:?}"),
            (None, Some(user)) => format!("join the token's channel as {user:?}"),
            (None, None) => "join the token's channel".to_owned(),
        };
        let grants = [
            (access.can_join, "join"),
            (access.can_publish_audio, "publish audio"),
            (access.can_publish_video, "publish video"),
            (access.can_publish_data, "publish data streams"),
        ]
        .iter()
        .filter(|(allowed, _)| *allowed)
        .map(|(_, what)| (*what).to_owned())
        .collect();
        ServiceVerdict {
            service: ServiceType::Rtc.name().to_owned(),
            question,
            allowed: access.can_join,
            grants,
            reasons: access.reasons.clone(),
            wildcard_matches,
        }
    }
}

/// Explains a 007 or 006 token to a person: what it contains, whether its signature holds
/// (with the primary or the secondary certificate), whether it is for the expected project,
/// and for every service it carries what its user can do with it now, with every reason they
/// cannot. Given the error an SDK reported, it also says which of those reasons explain it
/// ([`SdkError`]).
///
/// Matching rules are those of [`wildcard`](crate::wildcard) (shared with the token server's
/// policy): a token for uid 0 (packed as `""`), `"0"` or `"*"` admits any user; a token for
/// channel `""` or `"*"` admits any channel; a channel containing `*` is a pattern where `*`
/// matches any run of characters (`1*a*2`), and so is a user id containing `*`.
/// 007 expiries count from the issue time; a privilege expiry of 0 sets no limit of its
/// own (the token lifetime still applies).
///
/// ```
/// use agora_token::{explain, AppCertificate, ExplainOptions, User};
///
/// let token = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
/// let certificate = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b")?;
/// let explanation = explain(token, &ExplainOptions {
///     certificate: Some(&certificate),
///     channel_name: Some("7d72365eb983485397e3e3f9d460bdda"),
///     user: Some(User::Uid(2_882_341_273)),
///     now: Some(1_111_200),
///     ..ExplainOptions::default()
/// })?;
/// let access = explanation.access.as_ref().unwrap();
/// assert!(access.can_join);
/// assert!(!access.can_publish_audio); // a subscriber token
/// println!("{explanation}");
/// # Ok::<(), agora_token::Error>(())
/// ```
///
/// # Errors
/// The decoding errors of [`UnverifiedToken::parse`] or [`UnverifiedAccessToken::parse`]
/// (a token that cannot be decoded cannot be explained), and [`Error::Clock`](crate::Error::Clock) when `now`
/// is not given and the clock fails.
pub fn explain(token: &str, options: &ExplainOptions<'_>) -> Result<Explanation> {
    let token = token.trim();
    let now = match options.now {
        Some(now) => now,
        None => u64::from(clock::now()?),
    };
    let mut explanation = if token.starts_with(crate::legacy::access_token::VERSION) {
        legacy::explain(&UnverifiedAccessToken::parse(token)?, options, now)
    } else {
        access_token2::explain(&UnverifiedToken::parse(token)?, options, now)
    };
    if let Some(error) = options.sdk_error {
        explanation.sdk_error = Some(error.diagnose(&explanation));
    }
    Ok(explanation)
}

/// Checks the signature with the primary certificate, then the secondary one; `valid` says
/// whether a certificate verifies the token.
fn check_with_certificates(
    options: &ExplainOptions<'_>,
    valid: impl Fn(&AppCertificate) -> bool,
) -> (SignatureCheck, Option<CertificateSlot>) {
    let candidates =
        [(options.certificate, CertificateSlot::Primary), (options.secondary_certificate, CertificateSlot::Secondary)];
    let mut checked = false;
    for (certificate, slot) in candidates {
        if let Some(certificate) = certificate {
            checked = true;
            if valid(certificate) {
                return (SignatureCheck::Valid, Some(slot));
            }
        }
    }
    (if checked { SignatureCheck::Invalid } else { SignatureCheck::NotChecked }, None)
}

/// The reasons that concern the whole token, which every verdict starts with.
fn common_reasons(explanation: &Explanation, options: &ExplainOptions<'_>) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if explanation.signature == SignatureCheck::Invalid {
        reasons.push(Reason::WrongCertificate);
    }
    if !AppId::is_valid(&explanation.app_id) {
        reasons.push(Reason::InvalidAppId);
    }
    if let Some(expected) = options.expected_app_id {
        if expected != explanation.app_id {
            reasons.push(Reason::AppIdMismatch { expected: expected.to_owned(), token: explanation.app_id.clone() });
        }
    }
    if explanation.expired {
        reasons.push(Reason::TokenExpired { at: explanation.expires_at });
    }
    reasons
}

/// The join and publish answers, from the reasons found so far and the state of each RTC
/// privilege (006 numbers its RTC privileges as 007 does). `join_applies` is false when no
/// service is for the channel and user, whose reason is already given.
fn rtc_verdict(
    mut reasons: Vec<Reason>,
    join_applies: bool,
    options: &ExplainOptions<'_>,
    status: impl Fn(RtcPrivilege) -> PrivilegeStatus,
) -> AccessVerdict {
    let usable = reasons.is_empty();
    let join = status(RtcPrivilege::JoinChannel);
    if join_applies {
        match join {
            PrivilegeStatus::Missing => reasons.push(Reason::JoinPrivilegeMissing),
            PrivilegeStatus::Expired(at) => reasons.push(Reason::JoinPrivilegeExpired { at }),
            PrivilegeStatus::Active => {}
        }
    }
    let can_join = usable && join == PrivilegeStatus::Active;
    let mut publish = |privilege: RtcPrivilege| -> bool {
        let state = status(privilege);
        if can_join {
            let name = privilege.name().to_owned();
            match state {
                PrivilegeStatus::Missing => reasons.push(Reason::PublishPrivilegeMissing { privilege: name }),
                PrivilegeStatus::Expired(at) => reasons.push(Reason::PublishPrivilegeExpired { privilege: name, at }),
                PrivilegeStatus::Active => {}
            }
        }
        can_join && state == PrivilegeStatus::Active
    };
    let can_publish_audio = publish(RtcPrivilege::PublishAudioStream);
    let can_publish_video = publish(RtcPrivilege::PublishVideoStream);
    let can_publish_data = publish(RtcPrivilege::PublishDataStream);
    AccessVerdict {
        channel_name: options.channel_name.map(str::to_owned),
        user: options.user.as_ref().map(User::to_wire_string),
        can_join,
        can_publish_audio,
        can_publish_video,
        can_publish_data,
        reasons,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrivilegeStatus {
    Active,
    Expired(Timestamp),
    Missing,
}

/// Why no RTC service for the channel admits the user: another user, or the other kind of id.
fn user_mismatch_reason(token_users: Vec<String>, user: &User) -> Reason {
    let numeric = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match user {
        User::Uid(0) => Reason::RandomUidAgainstFixedToken { token_user: token_users.join(", ") },
        User::Uid(uid) => match token_users.iter().find(|u| !numeric(u)) {
            Some(account) => Reason::UidAccountMix {
                token_user: format!("the string account {account:?}"),
                joining_as: format!("the numeric uid {uid}"),
            },
            None => Reason::UserMismatch { token_users },
        },
        User::Account(account) if !numeric(account) && token_users.iter().all(|u| numeric(u)) => {
            Reason::UidAccountMix {
                token_user: format!("the numeric uid {}", token_users.join(", ")),
                joining_as: format!("the string account {account:?}"),
            }
        }
        User::Account(_) => Reason::UserMismatch { token_users },
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "version      {}", self.version)?;
        writeln!(f, "app id       {}", self.app_id)?;
        if let (Some(issued), Some(lifetime)) = (self.issued_at, self.lifetime) {
            writeln!(f, "issued at    {issued} ({})", issued.0)?;
            writeln!(f, "lifetime     {lifetime} s ({})", clock::format_duration(u64::from(lifetime)))?;
        }
        let state = if self.expired { "EXPIRED" } else { "valid" };
        writeln!(f, "expires at   {} ({state} at {})", self.expires_at, self.now)?;
        writeln!(f, "salt         {}", self.salt)?;
        let signature = match (self.signature, self.verified_with) {
            (SignatureCheck::NotChecked, _) => "not checked (no certificate given)",
            (SignatureCheck::Valid, Some(CertificateSlot::Secondary)) => "valid (with the secondary certificate)",
            (SignatureCheck::Valid, _) => "valid",
            (SignatureCheck::Invalid, _) => "INVALID for this certificate",
        };
        writeln!(f, "signature    {signature}")?;
        for service in &self.services {
            writeln!(f, "service      {} ({})", service.name, service.type_code)?;
            for (name, value) in &service.fields {
                writeln!(f, "  {name:<10} {value:?}")?;
            }
            for privilege in &service.privileges {
                let until = match privilege.expires_at {
                    None => "no limit of its own".to_owned(),
                    Some(at) => format!("until {at}{}", if privilege.expired { " (EXPIRED)" } else { "" }),
                };
                writeln!(f, "  privilege  {} {} = {}: {until}", privilege.code, privilege.name, privilege.value)?;
            }
        }
        if let Some(access) = &self.access {
            let yes_no = |allowed: bool| if allowed { "yes" } else { "no" };
            writeln!(f, "can join     {}", yes_no(access.can_join))?;
            writeln!(
                f,
                "can publish  audio {}, video {}, data {}",
                yes_no(access.can_publish_audio),
                yes_no(access.can_publish_video),
                yes_no(access.can_publish_data)
            )?;
            for reason in &access.reasons {
                writeln!(f, "  because    {reason}")?;
            }
        }
        for verdict in self.verdicts.iter().filter(|v| v.service != ServiceType::Rtc.name() || self.access.is_none()) {
            let answer = if verdict.allowed { "yes" } else { "no" };
            writeln!(f, "{:<12} {}: {answer}", verdict.service, verdict.question)?;
            for reason in &verdict.reasons {
                writeln!(f, "  because    {reason}")?;
            }
        }
        for verdict in &self.verdicts {
            for matched in &verdict.wildcard_matches {
                writeln!(f, "wildcard     {matched}")?;
            }
        }
        if let Some(diagnosis) = &self.sdk_error {
            writeln!(f, "sdk error    {}: {}", diagnosis.error.sdk_name(), diagnosis.error.meaning())?;
            for reason in &diagnosis.explained_by {
                writeln!(f, "  explained by {reason}")?;
            }
            if diagnosis.explained_by.is_empty() {
                writeln!(f, "  not explained by this token: {}", diagnosis.error.other_causes())?;
            }
        }
        for warning in &self.warnings {
            writeln!(f, "warning      {warning}")?;
        }
        Ok(())
    }
}

impl Explanation {
    /// A one-line summary, e.g. `can join: yes; publish: no (…)`.
    #[must_use]
    pub fn summary(&self) -> String {
        match &self.access {
            None => format!(
                "{} token for app {}, expires {}{}",
                self.version,
                self.app_id,
                self.expires_at,
                if self.expired { " (expired)" } else { "" }
            ),
            Some(access) => {
                let reasons: Vec<String> = access.reasons.iter().map(ToString::to_string).collect();
                format!(
                    "can join: {}; can publish: {}{}",
                    if access.can_join { "yes" } else { "no" },
                    if access.can_join_and_publish() { "yes" } else { "no" },
                    if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join("; ")) }
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builders::RtcRole;
    use crate::credentials::Credentials;
    use crate::AccessToken2;

    fn creds() -> Credentials {
        Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap()
    }

    fn token(channel: &str, user: impl Into<User>, role: RtcRole, expire: u32, privilege: u32) -> String {
        let creds = creds();
        AccessToken2::new(expire).issued(1_000_000, 1).rtc(channel, user, role, privilege).build(&creds).unwrap()
    }

    fn ask(token: &str, channel: &str, user: User, now: u64) -> AccessVerdict {
        let creds = creds();
        let options = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some(channel),
            user: Some(user),
            now: Some(now),
            ..ExplainOptions::default()
        };
        explain(token, &options).unwrap().access.unwrap()
    }

    #[test]
    fn publisher_can_join_and_publish_before_expiry() {
        let t = token("room", 42, RtcRole::Publisher, 3600, 3600);
        let v = ask(&t, "room", User::Uid(42), 1_000_100);
        assert!(v.can_join_and_publish() && v.can_publish_data, "{v:?}");
        assert!(v.reasons.is_empty());
    }

    #[test]
    fn every_reason_is_reported() {
        let t = token("room", 42, RtcRole::Subscriber, 3600, 600);
        let v = ask(&t, "room", User::Uid(42), 1_000_100);
        assert!(v.can_join && !v.can_publish_audio);
        assert!(matches!(&v.reasons[0], Reason::PublishPrivilegeMissing { .. }));

        let v = ask(&t, "room", User::Uid(42), 1_000_700);
        assert!(!v.can_join);
        assert!(matches!(v.reasons[0], Reason::JoinPrivilegeExpired { .. }), "{v:?}");

        let v = ask(&t, "room", User::Uid(42), 1_004_000);
        assert!(matches!(v.reasons[0], Reason::TokenExpired { .. }));

        let v = ask(&t, "other", User::Uid(42), 1_000_100);
        assert_eq!(v.reasons, vec![Reason::ChannelMismatch { token_channels: vec!["room".into()] }]);

        let v = ask(&t, "room", User::Uid(43), 1_000_100);
        assert_eq!(v.reasons, vec![Reason::UserMismatch { token_users: vec!["42".into()] }]);

        let v = ask(&t, "room", User::Uid(0), 1_000_100);
        assert!(matches!(v.reasons[0], Reason::RandomUidAgainstFixedToken { .. }));

        let account = token("room", "alice", RtcRole::Publisher, 3600, 3600);
        let v = ask(&account, "room", User::Uid(42), 1_000_100);
        assert!(matches!(v.reasons[0], Reason::UidAccountMix { .. }), "{v:?}");
        assert!(v.reasons[0].to_string().contains("joinChannelWithUserAccount"));
        let v = ask(&t, "room", User::Account("bob".into()), 1_000_100);
        assert!(matches!(v.reasons[0], Reason::UidAccountMix { .. }), "{v:?}");
    }

    #[test]
    fn wrong_certificate_blocks_joining() {
        let t = token("room", 42, RtcRole::Publisher, 3600, 3600);
        let other = AppCertificate::new("00000000000000000000000000000000").unwrap();
        let options = ExplainOptions {
            certificate: Some(&other),
            channel_name: Some("room"),
            user: Some(User::Uid(42)),
            now: Some(1_000_001),
            ..ExplainOptions::default()
        };
        let e = explain(&t, &options).unwrap();
        assert_eq!(e.signature, SignatureCheck::Invalid);
        assert_eq!(e.access.unwrap().reasons, vec![Reason::WrongCertificate]);
    }

    #[test]
    fn wildcards_match_any_channel_and_user() {
        let any = token("*", 0, RtcRole::Publisher, 3600, 0);
        let v = ask(&any, "whatever", User::Account("zoe".into()), 1_000_001);
        assert!(v.can_join_and_publish(), "{v:?}");
        let team = token("team-*", 0, RtcRole::Publisher, 3600, 0);
        let e = explain(
            &team,
            &ExplainOptions {
                channel_name: Some("team-a"),
                user: Some(User::Uid(9)),
                now: Some(1_000_001),
                ..ExplainOptions::default()
            },
        )
        .unwrap();
        let rtc = &e.verdicts[0];
        assert!(rtc.allowed, "{rtc:?}");
        assert_eq!(
            rtc.wildcard_matches,
            vec![WildcardMatch::new("channel", "team-*", "team-a"), WildcardMatch::new("user", "", "9")]
        );
        assert!(e.to_string().contains("channel \"team-a\" matched by the wildcard \"team-*\""), "{e}");
    }

    /// The services that name a channel flag an open channel and an open user; the others have
    /// no such field, whatever their values.
    #[test]
    fn wildcard_fields_are_the_channel_and_user_of_services_with_a_channel() {
        let report = |type_code: u16| ServiceReport {
            type_code,
            name: String::new(),
            fields: Vec::new(),
            privileges: Vec::new(),
        };
        assert!(report(1).is_wildcard_field("channel", "*"));
        assert!(report(1).is_wildcard_field("uid", ""));
        assert!(report(3).is_wildcard_field("account", ""));
        assert!(report(6).is_wildcard_field("channel", ""));
        assert!(!report(6).is_wildcard_field("channel", "live"));
        assert!(!report(2).is_wildcard_field("user id", ""));
        assert!(!report(7).is_wildcard_field("room uuid", ""));
        assert!(!report(99).is_wildcard_field("channel", ""));
    }

    #[test]
    fn a_user_id_with_a_star_is_a_pattern_and_flagged() {
        // One idea of "wildcard" with the server's policy (crate::wildcard): `*` inside a
        // user id admits the ids it matches, and the explanation warns that Agora documents
        // this for channel names only.
        let t = token("room", "guest-*", RtcRole::Publisher, 3600, 3600);
        assert!(ask(&t, "room", User::Account("guest-7".into()), 1_000_001).can_join);
        assert!(!ask(&t, "room", User::Account("host-7".into()), 1_000_001).can_join);
        let e = explain(&t, &ExplainOptions { now: Some(1_000_001), ..ExplainOptions::default() }).unwrap();
        assert!(e.warnings.iter().any(|w| w.contains("\"guest-*\" contains `*`")), "{:?}", e.warnings);
    }

    #[test]
    fn timestamp_mistakes_and_long_lifetimes_are_flagged() {
        let creds = creds();
        let t = AccessToken2::new(1_764_066_022)
            .issued(1_764_000_000, 1)
            .rtc("c", 1, RtcRole::Publisher, 1_764_066_022)
            .build(&creds)
            .unwrap();
        let e = explain(&t, &ExplainOptions { now: Some(1_764_000_100), ..ExplainOptions::default() }).unwrap();
        assert!(
            e.warnings.iter().any(|w| w.contains("token lifetime 1764066022 looks like an absolute Unix timestamp")),
            "{:?}",
            e.warnings
        );
        assert!(e.warnings.iter().filter(|w| w.contains("privilege expiry")).count() == 4);
        let long = token("c", 1, RtcRole::Publisher, 7 * 86_400, 0);
        let e = explain(&long, &ExplainOptions { now: Some(1_000_001), ..ExplainOptions::default() }).unwrap();
        assert!(e.warnings.iter().any(|w| w.contains("caps tokens at 24 hours")));
        assert_eq!(e.signature, SignatureCheck::NotChecked);
        assert!(e.to_string().contains("not checked"));
    }

    #[test]
    fn explains_006_tokens() {
        let creds = creds();
        let t = crate::legacy::access_token::AccessToken::rtc(
            "room",
            42,
            crate::legacy::access_token::Role006::Subscriber,
            2_000_000_000,
        )
        .expires_at(1_900_000_000)
        .build(&creds)
        .unwrap();
        let options = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some("room"),
            user: Some(User::Uid(42)),
            now: Some(1_800_000_000),
            ..ExplainOptions::default()
        };
        let e = explain(&t, &options).unwrap();
        assert_eq!(e.version, "006");
        assert_eq!(e.signature, SignatureCheck::Valid);
        let access = e.access.unwrap();
        assert!(access.can_join && !access.can_publish_audio);
        // 006 stores only the channel's CRC: another channel cannot be checked, and is reported.
        let wrong_room = ExplainOptions { channel_name: Some("lobby"), ..options.clone() };
        let e = explain(&t, &wrong_room).unwrap();
        assert_eq!(e.signature, SignatureCheck::NotChecked);
        let access = e.access.unwrap();
        assert!(!access.can_join);
        assert_eq!(access.reasons[0].code(), "channel_mismatch");
        // Signed with the secondary certificate while the primary is another one.
        let other = AppCertificate::new("00000000000000000000000000000000").unwrap();
        let rotating =
            ExplainOptions { certificate: Some(&other), secondary_certificate: Some(creds.certificate()), ..options };
        let e = explain(&t, &rotating).unwrap();
        assert_eq!((e.signature, e.verified_with), (SignatureCheck::Valid, Some(CertificateSlot::Secondary)));
    }

    #[test]
    fn explains_006_wildcard_and_rtm_tokens() {
        let creds = creds();
        let any =
            crate::legacy::access_token::AccessToken::rtc("", 0, crate::legacy::access_token::Role006::Publisher, 0)
                .expires_at(1_900_000_000)
                .build(&creds)
                .unwrap();
        let options = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some("room"),
            user: Some(User::Uid(42)),
            now: Some(1_800_000_000),
            ..ExplainOptions::default()
        };
        let e = explain(&any, &options).unwrap();
        assert_eq!(e.signature, SignatureCheck::Valid);
        assert!(e.access.as_ref().unwrap().can_join_and_publish());
        let fields: Vec<&str> = e.verdicts[0].wildcard_matches.iter().map(|m| m.field).collect();
        assert_eq!(fields, ["channel", "user"]);

        let rtm = crate::legacy::access_token::AccessToken::rtm("alice", 1_850_000_000)
            .expires_at(1_900_000_000)
            .build(&creds)
            .unwrap();
        let login = |user_id, now| {
            let options = ExplainOptions {
                certificate: Some(creds.certificate()),
                user_id: Some(user_id),
                now: Some(now),
                ..ExplainOptions::default()
            };
            explain(&rtm, &options).unwrap()
        };
        let e = login("alice", 1_800_000_000);
        assert_eq!(e.signature, SignatureCheck::Valid);
        assert_eq!(e.verdicts.len(), 1);
        assert_eq!((e.verdicts[0].service.as_str(), e.verdicts[0].allowed), ("RTM", true));
        let e = login("bob", 1_800_000_000);
        assert_eq!(codes(&e.verdicts[0].reasons), ["user_mismatch"]);
        let e = login("alice", 1_860_000_000);
        assert_eq!(codes(&e.verdicts[0].reasons), ["privilege_expired"]);
        // Asked as the raw 006 fields (the account in the channel field, uid 0), as before.
        let raw = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some("alice"),
            user: Some(User::Uid(0)),
            now: Some(1_800_000_000),
            ..ExplainOptions::default()
        };
        let e = explain(&rtm, &raw).unwrap();
        assert_eq!((e.signature, e.verdicts[0].allowed), (SignatureCheck::Valid, true));
    }

    fn codes(reasons: &[Reason]) -> Vec<&'static str> {
        reasons.iter().map(Reason::code).collect()
    }

    fn verdict<'e>(e: &'e Explanation, service: &str) -> &'e ServiceVerdict {
        e.verdicts.iter().find(|v| v.service == service).unwrap()
    }

    fn at(now: u64) -> ExplainOptions<'static> {
        ExplainOptions { now: Some(now), ..ExplainOptions::default() }
    }

    #[test]
    fn rtm_login_needs_the_user_and_a_live_login_privilege() {
        let creds = creds();
        let t = AccessToken2::new(3600)
            .issued(1_000_000, 1)
            .rtc_with_rtm_expiries(
                "room",
                "42",
                RtcRole::Publisher,
                crate::RtcPrivilegeExpiries::all(3600),
                "alice",
                600,
            )
            .build(&creds)
            .unwrap();
        let e = explain(&t, &ExplainOptions { user_id: Some("alice"), ..at(1_000_100) }).unwrap();
        assert_eq!(e.verdicts.iter().map(|v| v.service.as_str()).collect::<Vec<_>>(), ["RTC", "RTM"]);
        let rtm = verdict(&e, "RTM");
        assert!(rtm.allowed && rtm.grants == ["log in"], "{rtm:?}");
        assert_eq!(rtm.question, "log in to RTM as \"alice\"");
        let e = explain(&t, &ExplainOptions { user_id: Some("bob"), ..at(1_000_100) }).unwrap();
        let rtm = verdict(&e, "RTM");
        assert_eq!(rtm.reasons, vec![Reason::UserMismatch { token_users: vec!["alice".into()] }]);
        let e = explain(&t, &at(1_000_700)).unwrap();
        assert_eq!(codes(&verdict(&e, "RTM").reasons), ["privilege_expired"]);
        assert!(verdict(&e, "RTC").allowed, "the RTC part lives on");
        let rtc_only = token("room", 42, RtcRole::Publisher, 3600, 0);
        let e = explain(&rtc_only, &ExplainOptions { user_id: Some("alice"), ..at(1_000_100) }).unwrap();
        assert!(e.verdicts.iter().all(|v| v.service == "RTC"));
    }

    #[test]
    fn rtm2_permissions_for_a_named_channel() {
        let creds = creds();
        let mut permissions = crate::Rtm2Permissions::default();
        permissions.add(crate::Rtm2ResourceType::MessageChannel, crate::Rtm2PermissionType::Read, ["news-*"]);
        permissions.add(crate::Rtm2ResourceType::MessageChannel, crate::Rtm2PermissionType::Write, ["chat"]);
        let t = AccessToken2::new(3600).issued(1_000_000, 1).rtm2("alice", permissions, 0).build(&creds).unwrap();
        let ask = |channel| {
            let e =
                explain(&t, &ExplainOptions { rtm_channel: Some(channel), user_id: Some("alice"), ..at(1_000_100) });
            verdict(&e.unwrap(), "RTM2").clone()
        };
        let news = ask("news-1");
        assert!(news.allowed);
        assert_eq!(news.grants, ["log in", "read message channels \"news-1\""]);
        assert_eq!(news.wildcard_matches, vec![WildcardMatch::new("RTM channel", "news-*", "news-1")]);
        assert_eq!(ask("chat").grants, ["log in", "write message channels \"chat\""]);
        let secret = ask("secret");
        assert!(!secret.allowed);
        assert_eq!(secret.reasons, vec![Reason::Rtm2PermissionMissing { resource: "secret".into() }]);
    }

    #[test]
    fn chat_user_and_app_tokens() {
        let creds = creds();
        let user = AccessToken2::new(600).issued(1_000_000, 1).chat_user("bob", 0).build(&creds).unwrap();
        let app = AccessToken2::new(600).issued(1_000_000, 1).chat_app(0).build(&creds).unwrap();
        let e = explain(&user, &ExplainOptions { user_id: Some("bob"), ..at(1_000_001) }).unwrap();
        assert!(verdict(&e, "Chat").allowed);
        let e = explain(&user, &ExplainOptions { user_id: Some("eve"), ..at(1_000_001) }).unwrap();
        assert_eq!(codes(&verdict(&e, "Chat").reasons), ["user_mismatch"]);
        let e = explain(&app, &at(1_000_001)).unwrap();
        let chat = verdict(&e, "Chat");
        assert!(chat.allowed && chat.question.contains("as the app"), "{chat:?}");
        let e = explain(&app, &ExplainOptions { user_id: Some("bob"), ..at(1_000_001) }).unwrap();
        let chat = verdict(&e, "Chat");
        assert!(!chat.allowed);
        assert!(chat.reasons.iter().any(|r| r.to_string().contains("Chat app token")), "{chat:?}");
        let e = explain(&user, &at(1_000_700)).unwrap();
        assert_eq!(codes(&verdict(&e, "Chat").reasons), ["token_expired"]);
    }

    #[test]
    fn apaas_fpa_streaming_and_agents() {
        let creds = creds();
        let room =
            AccessToken2::new(600).issued(1_000_000, 1).apaas_room_user("room-1", "u-1", 1, 0).build(&creds).unwrap();
        let e = explain(&room, &ExplainOptions { room_uuid: Some("room-1"), user_id: Some("u-1"), ..at(1_000_001) })
            .unwrap();
        assert!(verdict(&e, "APaaS").allowed, "{:?}", e.verdicts);
        let e = explain(&room, &ExplainOptions { room_uuid: Some("room-2"), ..at(1_000_001) }).unwrap();
        assert_eq!(codes(&verdict(&e, "APaaS").reasons), ["room_mismatch"]);

        let fpa = AccessToken2::new(600).issued(1_000_000, 1).fpa().build(&creds).unwrap();
        assert!(verdict(&explain(&fpa, &at(1_000_001)).unwrap(), "FPA").allowed);

        let mut streaming = crate::StreamingService::new("live", 7);
        streaming.add_privilege(crate::StreamingPrivilege::PublishMixStream, 0);
        let t = AccessToken2::new(600).issued(1_000_000, 1).service(streaming).build(&creds).unwrap();
        let e = explain(&t, &ExplainOptions { channel_name: Some("live"), ..at(1_000_001) }).unwrap();
        let media = verdict(&e, "Streaming");
        assert!(media.allowed && media.grants == ["publish mix stream"], "{media:?}");
        let e = explain(&t, &ExplainOptions { channel_name: Some("other"), ..at(1_000_001) }).unwrap();
        assert_eq!(codes(&verdict(&e, "Streaming").reasons), ["channel_mismatch"]);

        let agent = AccessToken2::new(600)
            .issued(1_000_000, 1)
            .convo_ai("room", "1000", RtcRole::Publisher, crate::RtcPrivilegeExpiries::all(600), "1000", 600)
            .build(&creds)
            .unwrap();
        let e = explain(&agent, &at(1_000_001)).unwrap();
        let convo = verdict(&e, "ConvoAI");
        assert!(convo.allowed, "{convo:?}");
        assert!(convo.grants.iter().any(|g| g == "the agent publishes audio"), "{convo:?}");
        assert!(convo.grants.iter().any(|g| g.starts_with("the agent logs in to RTM")), "{convo:?}");
        let lone = AccessToken2::new(600).issued(1_000_000, 1).service(crate::SttService::new()).build(&creds).unwrap();
        let e = explain(&lone, &at(1_000_001)).unwrap();
        assert_eq!(codes(&verdict(&e, "STT").reasons), ["service_missing"]);
    }

    /// The question each service's verdict asks comes from its table entry (`explain
    /// Question::...`) and reads the service's fields by their role.
    #[test]
    fn each_service_is_asked_the_question_its_table_entry_declares() {
        let services: Vec<crate::Service> = vec![
            crate::RtcService::new("room", 42).into(),
            crate::RtmService::new("alice").into(),
            crate::StreamingService::new("live", 7).into(),
            crate::FpaService::new().into(),
            crate::ChatService::new("bob").with_privilege(crate::ChatPrivilege::User, 0).into(),
            crate::FcdnService::new("cdn", "acc").into(),
            crate::ApaasService::new("", "u-1", -1).into(),
            crate::Rtm2Service::new("carol", crate::Rtm2Permissions::new()).into(),
            crate::ConvoAiService::new().into(),
            crate::SttService::new().into(),
        ];
        let mut builder = AccessToken2::new(600);
        builder.issued(1_000_000, 1);
        for service in services {
            builder.service(service);
        }
        let e = explain(&builder.build(&creds()).unwrap(), &at(1_000_001)).unwrap();
        let questions: Vec<(&str, &str)> =
            e.verdicts.iter().map(|v| (v.service.as_str(), v.question.as_str())).collect();
        assert_eq!(
            questions,
            [
                ("RTC", "join the token's channel"),
                ("RTM", "log in to RTM as \"alice\""),
                ("Streaming", "use Streaming"),
                ("FPA", "connect through FPA (log in)"),
                ("Chat", "use Chat as user \"bob\""),
                ("FCDN", "use FCDN"),
                ("APaaS", "act as user \"u-1\""),
                ("RTM2", "log in to RTM2 as \"carol\""),
                ("ConvoAI", "run the agent"),
                ("STT", "run the STT task"),
            ]
        );
    }

    #[test]
    fn expected_app_id_and_sdk_errors() {
        let t = token("room", 42, RtcRole::Publisher, 3600, 0);
        let other_project = "0123456789abcdef0123456789abcdef";
        let options = ExplainOptions {
            expected_app_id: Some(other_project),
            channel_name: Some("room"),
            user: Some(User::Uid(42)),
            sdk_error: Some(SdkError::RtcInvalidToken),
            ..at(1_000_001)
        };
        let e = explain(&t, &options).unwrap();
        assert_eq!(codes(&e.access.as_ref().unwrap().reasons), ["app_id_mismatch"]);
        let diagnosis = e.sdk_error.as_ref().unwrap();
        assert_eq!(codes(&diagnosis.explained_by), ["app_id_mismatch"]);
        assert!(e.to_string().contains("explained by the token is for App ID"), "{e}");

        // 119 is a project setting: no check of the token explains it.
        let e = explain(&t, &ExplainOptions { sdk_error: Some(SdkError::RtcStaticUseDynamicKey), ..at(1_000_001) })
            .unwrap();
        assert!(e.sdk_error.as_ref().unwrap().explained_by.is_empty());
        assert!(e.to_string().contains("not explained by this token"));

        // 109 after expiry; onTokenPrivilegeWillExpire within 30 s of the end.
        let e = explain(&t, &ExplainOptions { sdk_error: Some(SdkError::RtcTokenExpired), ..at(1_004_000) }).unwrap();
        assert_eq!(codes(&e.sdk_error.unwrap().explained_by), ["token_expired"]);
        let e = explain(&t, &ExplainOptions { sdk_error: Some(SdkError::TokenPrivilegeWillExpire), ..at(1_003_580) })
            .unwrap();
        assert_eq!(codes(&e.sdk_error.unwrap().explained_by), ["expires_soon"]);
        let e = explain(&t, &ExplainOptions { sdk_error: Some(SdkError::TokenPrivilegeWillExpire), ..at(1_000_001) })
            .unwrap();
        assert!(e.sdk_error.unwrap().explained_by.is_empty());
    }

    #[test]
    fn every_reason_has_its_code_listed() {
        let at = Timestamp(0);
        let samples = [
            Reason::WrongCertificate,
            Reason::InvalidAppId,
            Reason::AppIdMismatch { expected: String::new(), token: String::new() },
            Reason::TokenExpired { at },
            Reason::NoRtcService,
            Reason::ChannelMismatch { token_channels: Vec::new() },
            Reason::UserMismatch { token_users: Vec::new() },
            Reason::UidAccountMix { token_user: String::new(), joining_as: String::new() },
            Reason::RandomUidAgainstFixedToken { token_user: String::new() },
            Reason::JoinPrivilegeMissing,
            Reason::JoinPrivilegeExpired { at },
            Reason::PublishPrivilegeMissing { privilege: String::new() },
            Reason::PublishPrivilegeExpired { privilege: String::new(), at },
            Reason::ServiceMissing { service: String::new() },
            Reason::PrivilegeMissing { service: String::new(), privilege: String::new() },
            Reason::PrivilegeExpired { service: String::new(), privilege: String::new(), at },
            Reason::Rtm2PermissionMissing { resource: String::new() },
            Reason::RoomMismatch { token_rooms: Vec::new() },
            Reason::ExpiresSoon { what: String::new(), at },
        ];
        assert_eq!(samples.iter().map(Reason::code).collect::<Vec<_>>(), Reason::CODES);
    }
}
