//! Explains a token to a person: what it contains, whether its signature holds, and
//! whether a given user can join a given channel with it now (and publish), with every
//! reason they cannot.
//!
//! Matching rules are those of [`wildcard`] (shared with the token server's
//! policy): a token for uid 0 (packed as `""`), `"0"` or `"*"` admits any user; a token for
//! channel `""` or `"*"` admits any channel; a channel containing `*` is a pattern where `*`
//! matches any run of characters (`1*a*2`), and so is a user id containing `*`.
//! 007 expiries count from the issue time; a privilege expiry of 0 sets no limit of its
//! own (the token lifetime still applies).

use std::fmt;

use crate::access_token2::{Payload, UnverifiedToken};
use crate::clock;
use crate::credentials::{AppCertificate, AppId};
use crate::error::Result;
use crate::legacy::access_token::{Privilege006, UnverifiedAccessToken};
use crate::services::{Privilege, RtcPrivilege, RtcService, Rtm2PermissionType, Rtm2ResourceType, Service, User};
use crate::wildcard;

/// The longest token lifetime the service honours; longer values are accepted by every
/// builder but capped by Agora at 24 hours.
pub const SERVICE_MAX_LIFETIME: u32 = 86_400;

/// What to check a token against. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct ExplainOptions<'a> {
    /// Check the signature with this certificate.
    pub certificate: Option<&'a AppCertificate>,
    /// The channel the user wants to join.
    pub channel_name: Option<&'a str>,
    /// The uid or account the user joins with.
    pub user: Option<User>,
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

/// Why a user cannot join (or publish) with the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(tag = "reason", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Reason {
    /// The signature does not match the given certificate.
    WrongCertificate,
    /// The token's app id is not 32 hex characters.
    InvalidAppId,
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
}

impl Reason {
    /// A stable snake_case name for the reason (the `reason` tag of its JSON form), e.g.
    /// `"channel_mismatch"`, for bindings and clients that branch on it.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Reason::WrongCertificate => "wrong_certificate",
            Reason::InvalidAppId => "invalid_app_id",
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
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::WrongCertificate => write!(f, "the signature does not match this app certificate (wrong certificate, wrong project, or a modified token)"),
            Reason::InvalidAppId => write!(f, "the token's app id is not 32 hexadecimal characters"),
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
    /// The services (006 tokens are shown as one pseudo-service).
    pub services: Vec<ServiceReport>,
    /// The join/publish verdict, when a channel or a user was given.
    pub access: Option<AccessVerdict>,
    /// Things that are legal but likely mistakes.
    pub warnings: Vec<String>,
}

/// Explains a 007 or 006 token.
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
    if token.starts_with(crate::legacy::access_token::VERSION) {
        return Ok(explain_006(&UnverifiedAccessToken::parse(token)?, options, now));
    }
    Ok(explain_007(&UnverifiedToken::parse(token)?, options, now))
}

fn explain_007(token: &UnverifiedToken, options: &ExplainOptions<'_>, now: u64) -> Explanation {
    let payload = token.payload();
    let issued = u64::from(payload.issued_at());
    let expires_at = payload.expires_at();
    let signature = match options.certificate {
        None => SignatureCheck::NotChecked,
        Some(certificate) => match token.check_signature(certificate) {
            Ok(()) => SignatureCheck::Valid,
            Err(_) => SignatureCheck::Invalid,
        },
    };
    let services = payload.services().iter().map(|service| report_007(service, issued, now)).collect();
    let mut explanation = Explanation {
        version: crate::access_token2::VERSION,
        app_id: payload.app_id().to_owned(),
        issued_at: Some(Timestamp(issued)),
        lifetime: Some(payload.expire()),
        expires_at: Timestamp(expires_at),
        salt: payload.salt(),
        now: Timestamp(now),
        expired: now >= expires_at,
        signature,
        services,
        access: None,
        warnings: warnings_007(payload, now),
    };
    if options.channel_name.is_some() || options.user.is_some() {
        explanation.access = Some(verdict_007(payload, &explanation, options, now));
    }
    explanation
}

fn report_007(service: &Service, issued: u64, now: u64) -> ServiceReport {
    let privileges = service
        .privilege_map()
        .iter()
        .map(|(&code, &value)| {
            let expires_at = (value != 0).then(|| Timestamp(issued + u64::from(value)));
            PrivilegeReport {
                code,
                name: service.privilege_name(code).unwrap_or("unknown").to_owned(),
                value,
                expires_at,
                expired: expires_at.is_some_and(|at| now >= at.0),
            }
        })
        .collect();
    let text = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    let fields = match service {
        Service::Rtc(s) => vec![text("channel", &s.channel_name), text("uid", &s.uid)],
        Service::Rtm(s) => vec![text("user id", &s.user_id)],
        Service::Streaming(s) => vec![text("channel", &s.channel_name), text("account", &s.account)],
        Service::Chat(s) => vec![text("user id", &s.user_id)],
        Service::Fcdn(s) => vec![text("channel", &s.channel_name), text("account", &s.account)],
        Service::Apaas(s) => {
            vec![text("room uuid", &s.room_uuid), text("user uuid", &s.user_uuid), text("role", &s.role.to_string())]
        }
        Service::Rtm2(s) => {
            let mut fields = vec![text("user id", &s.user_id)];
            for (resource, permission, list) in s.permissions.iter() {
                let resource = Rtm2ResourceType::from_code(resource)
                    .map_or_else(|_| resource.to_string(), |r| r.name().to_owned());
                let permission = Rtm2PermissionType::from_code(permission)
                    .map_or_else(|_| permission.to_string(), |p| p.name().to_owned());
                fields.push((format!("{permission} {resource}"), list.join(", ")));
            }
            fields
        }
        Service::Fpa(_) | Service::ConvoAi(_) | Service::Stt(_) => Vec::new(),
    };
    ServiceReport {
        type_code: service.service_type().code(),
        name: service.service_type().name().to_owned(),
        fields,
        privileges,
    }
}

fn warnings_007(payload: &Payload, now: u64) -> Vec<String> {
    let mut warnings = Vec::new();
    if !AppId::is_valid(payload.app_id()) {
        warnings.push(format!(
            "the app id {:?} is not 32 hexadecimal characters; the service will refuse the token",
            payload.app_id()
        ));
    }
    if clock::looks_like_unix_timestamp(payload.expire()) {
        warnings.push(format!(
            "the token lifetime {} looks like an absolute Unix timestamp ({}); 007 expiries are seconds from the issue time, e.g. 3600",
            payload.expire(),
            clock::format_utc(u64::from(payload.expire()))
        ));
    } else if payload.expire() > SERVICE_MAX_LIFETIME {
        warnings.push(format!(
            "the token lifetime is {} ({}); the service caps tokens at 24 hours",
            payload.expire(),
            clock::format_duration(u64::from(payload.expire()))
        ));
    }
    for service in payload.services() {
        if let Service::Rtc(rtc) = service {
            if rtc.uid.contains('*') && rtc.uid != "*" {
                warnings.push(format!(
                    "the RTC uid {:?} contains `*`; Agora documents `*` patterns for channel names only, so the service may admit only this literal user id (this explanation reads it as a pattern)",
                    rtc.uid
                ));
            }
        }
        for (&code, &value) in service.privilege_map() {
            let name = service.privilege_name(code).unwrap_or("unknown");
            if clock::looks_like_unix_timestamp(value) {
                warnings.push(format!(
                    "the {} {name} privilege expiry {value} looks like an absolute Unix timestamp ({}); 007 privilege expiries are seconds from the issue time",
                    service.service_type(),
                    clock::format_utc(u64::from(value))
                ));
            }
            if service.privilege_name(code).is_none() {
                warnings.push(format!(
                    "the {} service has privilege {code}, which it does not define",
                    service.service_type()
                ));
            }
        }
    }
    if let Some(type_code) = payload.unknown_service_type() {
        warnings.push(format!("decoding stopped at unknown service type {type_code}; later services are not shown"));
    }
    if u64::from(payload.issued_at()) > now + 300 {
        warnings.push(
            "the token was issued more than 5 minutes in the future; is the token server's clock ahead?".to_owned(),
        );
    }
    warnings
}

/// How the user asked about is written in a token.
fn joining_user_string(user: &User) -> String {
    user.to_wire_string()
}

/// Whether a token's channel admits the requested channel (see [`wildcard`]).
#[must_use]
pub fn channel_matches(token_channel: &str, requested: &str) -> bool {
    wildcard::channel_admits(token_channel, requested)
}

/// Whether a token's uid admits the requested user (see [`wildcard`]).
#[must_use]
pub fn user_matches(token_uid: &str, requested: &User) -> bool {
    wildcard::user_admits(token_uid, &joining_user_string(requested))
}

fn verdict_007(payload: &Payload, explanation: &Explanation, options: &ExplainOptions<'_>, now: u64) -> AccessVerdict {
    let mut reasons = Vec::new();
    if explanation.signature == SignatureCheck::Invalid {
        reasons.push(Reason::WrongCertificate);
    }
    if !AppId::is_valid(payload.app_id()) {
        reasons.push(Reason::InvalidAppId);
    }
    if explanation.expired {
        reasons.push(Reason::TokenExpired { at: explanation.expires_at });
    }
    let rtc: Vec<&RtcService> =
        payload.services().iter().filter_map(|s| if let Service::Rtc(rtc) = s { Some(rtc) } else { None }).collect();
    let for_channel: Vec<&RtcService> = match options.channel_name {
        Some(channel) => rtc.iter().copied().filter(|s| channel_matches(&s.channel_name, channel)).collect(),
        None => rtc.clone(),
    };
    let for_user: Vec<&RtcService> = match &options.user {
        Some(user) => for_channel.iter().copied().filter(|s| user_matches(&s.uid, user)).collect(),
        None => for_channel.clone(),
    };

    if rtc.is_empty() {
        reasons.push(Reason::NoRtcService);
    } else if for_channel.is_empty() {
        reasons.push(Reason::ChannelMismatch { token_channels: rtc.iter().map(|s| s.channel_name.clone()).collect() });
    } else if let (true, Some(user)) = (for_user.is_empty(), &options.user) {
        reasons.push(user_mismatch_reason(&for_channel, user));
    }

    let issued = u64::from(payload.issued_at());
    let status = |privilege: RtcPrivilege| -> PrivilegeStatus {
        let mut best = PrivilegeStatus::Missing;
        for service in &for_user {
            match service.privileges.get(privilege) {
                Some(0) => return PrivilegeStatus::Active,
                Some(value) => {
                    let at = issued + u64::from(value);
                    if now < at {
                        return PrivilegeStatus::Active;
                    }
                    best = PrivilegeStatus::Expired(Timestamp(at));
                }
                None => {}
            }
        }
        best
    };
    verdict(reasons, !for_user.is_empty(), options, status)
}

/// The join and publish answers, from the reasons found so far and the state of each RTC
/// privilege (006 numbers its RTC privileges as 007 does). `join_applies` is false when no
/// service is for the channel and user, whose reason is already given.
fn verdict(
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
        user: options.user.as_ref().map(joining_user_string),
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

fn user_mismatch_reason(for_channel: &[&RtcService], user: &User) -> Reason {
    let token_users: Vec<String> = for_channel.iter().map(|s| s.uid.clone()).collect();
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

fn explain_006(token: &UnverifiedAccessToken, options: &ExplainOptions<'_>, now: u64) -> Explanation {
    let expires_at = u64::from(token.expires_at());
    let signature = match (options.certificate, options.channel_name, &options.user) {
        (Some(certificate), Some(channel), Some(user)) => match token.check_signature(certificate, channel, user) {
            Ok(()) => SignatureCheck::Valid,
            Err(_) => SignatureCheck::Invalid,
        },
        _ => SignatureCheck::NotChecked,
    };
    let privileges = token
        .privileges()
        .iter()
        .map(|(&code, &value)| {
            let expires_at = (value != 0).then_some(Timestamp(u64::from(value)));
            PrivilegeReport {
                code,
                name: Privilege006::from_code(code).map_or("unknown", Privilege006::name).to_owned(),
                value,
                expires_at,
                expired: expires_at.is_some_and(|at| now >= at.0),
            }
        })
        .collect();
    let mut warnings = vec![
        "006 tokens store only CRCs of the channel and uid; pass both (and the certificate) to check the signature"
            .to_owned(),
    ];
    if !AppId::is_valid(token.app_id()) {
        warnings.push(format!("the app id {:?} is not 32 hexadecimal characters", token.app_id()));
    }
    for (&code, &value) in token.privileges() {
        if value != 0 && !clock::looks_like_unix_timestamp(value) {
            warnings.push(format!(
                "privilege {code} expires at {value} ({}), which looks like a number of seconds; 006 expiries are absolute Unix timestamps",
                clock::format_utc(u64::from(value))
            ));
        }
    }
    let mut explanation = Explanation {
        version: crate::legacy::access_token::VERSION,
        app_id: token.app_id().to_owned(),
        issued_at: None,
        lifetime: None,
        expires_at: Timestamp(expires_at),
        salt: token.salt(),
        now: Timestamp(now),
        expired: now >= expires_at,
        signature,
        services: vec![ServiceReport {
            type_code: 0,
            name: "AccessToken (006)".to_owned(),
            fields: Vec::new(),
            privileges,
        }],
        access: None,
        warnings,
    };
    if options.channel_name.is_some() || options.user.is_some() {
        explanation.access = Some(verdict_006(token, &explanation, options, now));
    }
    explanation
}

fn verdict_006(
    token: &UnverifiedAccessToken,
    explanation: &Explanation,
    options: &ExplainOptions<'_>,
    now: u64,
) -> AccessVerdict {
    let mut reasons = Vec::new();
    if explanation.signature == SignatureCheck::Invalid {
        reasons.push(Reason::WrongCertificate);
    }
    if explanation.expired {
        reasons.push(Reason::TokenExpired { at: explanation.expires_at });
    }
    if let Some(channel) = options.channel_name {
        if !token.matches_channel(channel) {
            reasons.push(Reason::ChannelMismatch {
                token_channels: vec!["(another channel; 006 stores only its CRC)".to_owned()],
            });
        }
    }
    if let Some(user) = &options.user {
        if !token.matches_uid(&user.to_wire_string()) && !token.matches_uid("") {
            reasons
                .push(Reason::UserMismatch { token_users: vec!["(another user; 006 stores only its CRC)".to_owned()] });
        }
    }
    let status = |privilege: RtcPrivilege| -> PrivilegeStatus {
        match token.privileges().get(&privilege.code()) {
            None => PrivilegeStatus::Missing,
            Some(0) => PrivilegeStatus::Active,
            Some(&at) if now < u64::from(at) => PrivilegeStatus::Active,
            Some(&at) => PrivilegeStatus::Expired(Timestamp(u64::from(at))),
        }
    };
    verdict(reasons, true, options, status)
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
        let signature = match self.signature {
            SignatureCheck::NotChecked => "not checked (no certificate given)",
            SignatureCheck::Valid => "valid",
            SignatureCheck::Invalid => "INVALID for this certificate",
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
        AccessToken2::new(&creds, expire)
            .issued_at(1_000_000)
            .salt(1)
            .rtc(channel, user, role, privilege)
            .build()
            .unwrap()
    }

    fn ask(token: &str, channel: &str, user: User, now: u64) -> AccessVerdict {
        let creds = creds();
        let options = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some(channel),
            user: Some(user),
            now: Some(now),
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
        assert!(channel_matches("", "x"));
        assert!(channel_matches("1*a*2", "1xxaYY2"));
        assert!(channel_matches("1*a*2", "1a2"));
        assert!(!channel_matches("1*a*2", "1xx2"));
        assert!(!channel_matches("room", "Room"));
        assert!(channel_matches("room*", "room"));
        assert!(user_matches("*", &User::Uid(5)));
        assert!(user_matches("0", &User::Uid(5)));
        assert!(user_matches("7", &User::Account("7".into())));
        assert!(!user_matches("7", &User::Uid(0)));
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
        let t = AccessToken2::new(&creds, 1_764_066_022)
            .issued_at(1_764_000_000)
            .salt(1)
            .rtc("c", 1, RtcRole::Publisher, 1_764_066_022)
            .build()
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
        let t = crate::legacy::AccessToken::rtc(&creds, "room", 42, crate::legacy::Role006::Subscriber, 2_000_000_000)
            .expires_at(1_900_000_000)
            .build()
            .unwrap();
        let options = ExplainOptions {
            certificate: Some(creds.certificate()),
            channel_name: Some("room"),
            user: Some(User::Uid(42)),
            now: Some(1_800_000_000),
        };
        let e = explain(&t, &options).unwrap();
        assert_eq!(e.version, "006");
        assert_eq!(e.signature, SignatureCheck::Valid);
        let access = e.access.unwrap();
        assert!(access.can_join && !access.can_publish_audio);
        let wrong_room = ExplainOptions { channel_name: Some("lobby"), ..options };
        let e = explain(&t, &wrong_room).unwrap();
        assert_eq!(e.signature, SignatureCheck::Invalid);
        assert!(!e.access.unwrap().can_join);
    }
}
