//! Explaining 007 (AccessToken2) tokens: one verdict per service the token carries.

use super::{
    check_with_certificates, common_reasons, rtc_verdict, AccessVerdict, ExplainOptions, Explanation, PrivilegeReport,
    PrivilegeStatus, Reason, ServiceReport, ServiceVerdict, Timestamp, WildcardMatch,
};
use crate::access_token2::{Payload, UnverifiedToken};
use crate::clock;
use crate::compat::MAX_DOCUMENTED_LIFETIME;
use crate::credentials::AppId;
use crate::services::{
    FieldRole, RtcPrivilege, RtcService, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Service, ServiceField,
    ServiceType,
};
use crate::wildcard;
use crate::APAAS_NO_ROLE;

/// The question `explain` asks of a service, declared with each service in the service table
/// (`services!` in services.rs): a new service of a kind that exists needs no new arm here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Question {
    /// Join the channel and publish: the RTC access check, which reads RTC's own services (RTC).
    JoinChannel,
    /// Log in (privilege 1) as the user the service names (RTM, RTM2, FPA); `question` replaces
    /// "log in to NAME as USER". A service with RTM2 permissions is also checked for the RTM
    /// channel asked about.
    LogIn { question: Option<&'static str> },
    /// Act as a user (privilege 1), or call the REST API as the app (privilege 2) (Chat).
    Chat,
    /// Enter a room (privilege 1), act as a user (2) or as the app (3) (APaaS); `question` is
    /// asked when no service is for the user or room asked about.
    Classroom { question: &'static str },
    /// Use a channel as an account, with the publish/play privileges the service has
    /// (Streaming, FCDN).
    Media,
    /// Run `who` (an agent, a task), which works with the token's RTC and RTM services
    /// (ConvoAI, STT).
    Agent { who: &'static str },
}

pub(super) fn explain(token: &UnverifiedToken, options: &ExplainOptions<'_>, now: u64) -> Explanation {
    let payload = token.payload();
    let issued = u64::from(payload.issued_at());
    let expires_at = payload.expires_at();
    let (signature, verified_with) =
        check_with_certificates(options, |certificate| token.check_signature(certificate).is_ok());
    let services = payload.services().iter().map(|service| report(service, issued, now)).collect();
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
        verified_with,
        services,
        access: None,
        verdicts: Vec::new(),
        sdk_error: None,
        warnings: warnings(payload, now),
    };
    let common = common_reasons(&explanation, options);
    let rtc = rtc_access(payload, &common, options, now);
    if options.channel_name.is_some() || options.user.is_some() {
        explanation.access = Some(rtc.0.clone());
    }
    explanation.verdicts = verdicts(payload, &common, &rtc, options, now);
    explanation
}

fn report(service: &Service, issued: u64, now: u64) -> ServiceReport {
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
    let declared = service.service_type().declared_fields();
    let mut fields = Vec::new();
    for (name, value) in service.fields() {
        let shown = declared.iter().find(|field| field.name == name).map_or("", |field| field.shown).to_owned();
        match value {
            ServiceField::Text(text) => fields.push((shown, text)),
            ServiceField::Integer(number) => fields.push((shown, number.to_string())),
            // One line per (permission, resource type): "read users: a, b".
            ServiceField::Rtm2Permissions(permissions) => {
                for (resource, permission, list) in permissions.iter() {
                    let resource = Rtm2ResourceType::from_code(resource)
                        .map_or_else(|_| resource.to_string(), |r| r.name().to_owned());
                    let permission = Rtm2PermissionType::from_code(permission)
                        .map_or_else(|_| permission.to_string(), |p| p.name().to_owned());
                    fields.push((format!("{permission} {resource}"), list.join(", ")));
                }
            }
        }
    }
    ServiceReport {
        type_code: service.service_type().code(),
        name: service.service_type().name().to_owned(),
        fields,
        privileges,
    }
}

fn warnings(payload: &Payload, now: u64) -> Vec<String> {
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
    } else if payload.expire() > MAX_DOCUMENTED_LIFETIME {
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

/// The state of one privilege of one service: present without a limit of its own, present
/// until a time, or absent.
fn privilege_status(service: &Service, code: u16, issued: u64, now: u64) -> PrivilegeStatus {
    match service.privilege_map().get(&code) {
        None => PrivilegeStatus::Missing,
        Some(0) => PrivilegeStatus::Active,
        Some(&value) => {
            let at = issued + u64::from(value);
            if now < at {
                PrivilegeStatus::Active
            } else {
                PrivilegeStatus::Expired(Timestamp(at))
            }
        }
    }
}

/// The RTC join/publish verdict and the wildcard patterns that admitted the channel and user.
fn rtc_access(
    payload: &Payload,
    common: &[Reason],
    options: &ExplainOptions<'_>,
    now: u64,
) -> (AccessVerdict, Vec<WildcardMatch>) {
    let mut reasons = common.to_vec();
    let rtc: Vec<&RtcService> =
        payload.services().iter().filter_map(|s| if let Service::Rtc(rtc) = s { Some(rtc) } else { None }).collect();
    let for_channel: Vec<&RtcService> = match options.channel_name {
        Some(channel) => rtc.iter().copied().filter(|s| wildcard::channel_admits(&s.channel_name, channel)).collect(),
        None => rtc.clone(),
    };
    let for_user: Vec<&RtcService> = match &options.user {
        Some(user) => {
            for_channel.iter().copied().filter(|s| wildcard::user_admits(&s.uid, &user.to_wire_string())).collect()
        }
        None => for_channel.clone(),
    };
    if rtc.is_empty() {
        reasons.push(Reason::NoRtcService);
    } else if for_channel.is_empty() {
        reasons.push(Reason::ChannelMismatch { token_channels: rtc.iter().map(|s| s.channel_name.clone()).collect() });
    } else if let (true, Some(user)) = (for_user.is_empty(), &options.user) {
        reasons.push(super::user_mismatch_reason(for_channel.iter().map(|s| s.uid.clone()).collect(), user));
    }
    let mut matches = Vec::new();
    if let Some(service) = for_user.first() {
        if let Some(channel) = options.channel_name {
            if service.channel_name != channel {
                matches.push(WildcardMatch::new("channel", &service.channel_name, channel));
            }
        }
        if let Some(user) = &options.user {
            let wire = user.to_wire_string();
            if service.uid != wire {
                matches.push(WildcardMatch::new("user", &service.uid, &wire));
            }
        }
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
    (rtc_verdict(reasons, !for_user.is_empty(), options, status), matches)
}

fn verdicts(
    payload: &Payload,
    common: &[Reason],
    rtc: &(AccessVerdict, Vec<WildcardMatch>),
    options: &ExplainOptions<'_>,
    now: u64,
) -> Vec<ServiceVerdict> {
    let issued = u64::from(payload.issued_at());
    let mut verdicts = Vec::new();
    let mut seen: Vec<ServiceType> = Vec::new();
    for service in payload.services() {
        let kind = service.service_type();
        if seen.contains(&kind) {
            continue;
        }
        seen.push(kind);
        let same_kind: Vec<&Service> = payload.services().iter().filter(|s| s.service_type() == kind).collect();
        let verdict = match kind.question() {
            Question::JoinChannel => ServiceVerdict::from_rtc(&rtc.0, rtc.1.clone()),
            Question::LogIn { question } => login_verdict(kind, question, &same_kind, common, options, issued, now),
            Question::Chat => chat_verdict(kind, &same_kind, common, options, issued, now),
            Question::Classroom { question } => {
                classroom_verdict(kind, question, &same_kind, common, options, issued, now)
            }
            Question::Media => media_verdict(kind, &same_kind, common, options, issued, now),
            Question::Agent { who } => agent_verdict(kind, who, payload, common, &rtc.0, options, issued, now),
        };
        verdicts.push(verdict);
    }
    verdicts
}

/// The text of a service's field with this role, if the service has one.
fn text_field(service: &Service, role: FieldRole) -> Option<String> {
    match service.field_with_role(role) {
        Some(ServiceField::Text(text)) => Some(text),
        _ => None,
    }
}

/// Who a service is for (its user id, uid or account), if it names one.
fn service_user(service: &Service) -> Option<String> {
    text_field(service, FieldRole::User)
}

/// Adds the reason a privilege's state gives, and says whether it is usable.
fn privilege_usable(reasons: &mut Vec<Reason>, service: &Service, code: u16, issued: u64, now: u64) -> bool {
    let name = service.privilege_name(code).unwrap_or("unknown").to_owned();
    let service_name = service.service_type().name().to_owned();
    match privilege_status(service, code, issued, now) {
        PrivilegeStatus::Active => true,
        PrivilegeStatus::Missing => {
            reasons.push(Reason::PrivilegeMissing { service: service_name, privilege: name });
            false
        }
        PrivilegeStatus::Expired(at) => {
            reasons.push(Reason::PrivilegeExpired { service: service_name, privilege: name, at });
            false
        }
    }
}

/// Picks the services of one kind that are for the user asked about, or reports the mismatch.
fn for_user<'s>(services: &[&'s Service], user_id: Option<&str>, reasons: &mut Vec<Reason>) -> Vec<&'s Service> {
    let Some(user_id) = user_id else { return services.to_vec() };
    let matching: Vec<&Service> =
        services.iter().copied().filter(|s| service_user(s).as_deref() == Some(user_id)).collect();
    if matching.is_empty() {
        let token_users = services.iter().filter_map(|s| service_user(s)).collect();
        reasons.push(Reason::UserMismatch { token_users });
    }
    matching
}

/// RTM, RTM2 and FPA ([`Question::LogIn`]): log in (privilege 1) as the user the service
/// names; RTM2 also grants channels by its permissions.
fn login_verdict(
    kind: ServiceType,
    question: Option<&str>,
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let candidates = for_user(services, options.user_id, &mut reasons);
    let user = candidates.first().and_then(|s| service_user(s)).or(options.user_id.map(str::to_owned));
    let question = match (question, user) {
        (Some(question), _) => question.to_owned(),
        (None, Some(user)) => format!("log in to {} as {user:?}", kind.name()),
        (None, None) => format!("log in to {}", kind.name()),
    };
    let mut grants = Vec::new();
    let mut matches = Vec::new();
    let mut allowed = false;
    if let Some(service) = candidates.first() {
        allowed = privilege_usable(&mut reasons, service, 1, issued, now) && common.is_empty();
        if allowed {
            grants.push("log in".to_owned());
        }
        let permissions = service.field_with_role(FieldRole::Permissions);
        if let (Some(ServiceField::Rtm2Permissions(permissions)), Some(channel)) = (permissions, options.rtm_channel) {
            let granted = rtm2_grants(&permissions, channel, &mut matches);
            if permissions.is_empty() {
                grants.push(format!("any channel, including {channel:?} (the token lists no permissions)"));
            } else if granted.is_empty() {
                reasons.push(Reason::Rtm2PermissionMissing { resource: channel.to_owned() });
                allowed = false;
            } else if allowed {
                grants.extend(granted);
            }
        }
    }
    ServiceVerdict::new(kind, question, allowed, grants, reasons, matches)
}

/// What RTM2 permissions grant on a channel, in words ("read message channels \"x\"").
fn rtm2_grants(permissions: &Rtm2Permissions, channel: &str, matches: &mut Vec<WildcardMatch>) -> Vec<String> {
    let mut grants = Vec::new();
    for (resource, permission, list) in permissions.iter() {
        let (Ok(resource), Ok(permission)) =
            (Rtm2ResourceType::from_code(resource), Rtm2PermissionType::from_code(permission))
        else {
            continue;
        };
        if !matches!(resource, Rtm2ResourceType::MessageChannel | Rtm2ResourceType::StreamChannel) {
            continue;
        }
        if let Some(pattern) = list.iter().find(|pattern| wildcard::glob_match(pattern, channel)) {
            if pattern != channel {
                matches.push(WildcardMatch::new("RTM channel", pattern, channel));
            }
            grants.push(format!("{} {} {channel:?}", permission.name(), resource.name()));
        }
    }
    grants
}

/// Chat ([`Question::Chat`]): a user token (privilege 1) acts as its user; an app token
/// (privilege 2) calls the Chat REST API as the app and cannot log a user in.
fn chat_verdict(
    kind: ServiceType,
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let has_user_privilege = services.iter().any(|s| s.privilege_map().contains_key(&1));
    let mut grants = Vec::new();
    let mut allowed = false;
    let name = kind.name();
    let question = if let (Some(user), false) = (options.user_id, has_user_privilege) {
        let privilege = kind.privilege_name(1).unwrap_or("unknown").to_owned();
        reasons.push(Reason::PrivilegeMissing { service: name.to_owned(), privilege });
        format!("use {name} as user {user:?}")
    } else if options.user_id.is_some() || has_user_privilege {
        let candidates = for_user(services, options.user_id, &mut reasons);
        let user = candidates.first().and_then(|s| service_user(s)).or(options.user_id.map(str::to_owned));
        let user = user.unwrap_or_default();
        if let Some(service) = candidates.first() {
            allowed = privilege_usable(&mut reasons, service, 1, issued, now) && common.is_empty();
            if allowed {
                grants.push(format!("use {name} as user {user:?}"));
            }
        }
        format!("use {name} as user {user:?}")
    } else {
        let question = format!("call the {name} REST API as the app");
        if let Some(service) = services.first() {
            allowed = privilege_usable(&mut reasons, service, 2, issued, now) && common.is_empty();
            if allowed {
                grants.push(question.clone());
            }
        }
        question
    };
    ServiceVerdict::new(kind, question, allowed, grants, reasons, Vec::new())
}

/// APaaS/Education ([`Question::Classroom`]): room user (1) for a room and user, user (2),
/// app (3).
fn classroom_verdict(
    kind: ServiceType,
    question: &str,
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let mut candidates = for_user(services, options.user_id, &mut reasons);
    let room_of = |s: &Service| text_field(s, FieldRole::Room);
    if let Some(room) = options.room_uuid {
        let before: Vec<String> = candidates.iter().filter_map(|s| room_of(s)).collect();
        candidates.retain(|s| room_of(s).as_deref() == Some(room));
        if candidates.is_empty() && !before.is_empty() {
            reasons.push(Reason::RoomMismatch { token_rooms: before });
        }
    }
    let mut grants = Vec::new();
    let mut allowed = false;
    let mut question = question.to_owned();
    if let Some(&service) = candidates.first() {
        let room = room_of(service).unwrap_or_default();
        let user = service_user(service).unwrap_or_default();
        let role = match service.field_with_role(FieldRole::RoomRole) {
            Some(ServiceField::Integer(role)) => role,
            _ => APAAS_NO_ROLE,
        };
        let code = if options.room_uuid.is_some() || !room.is_empty() {
            question = format!("enter room {room:?} as user {user:?} (role {role})");
            1
        } else if !user.is_empty() {
            question = format!("act as user {user:?}");
            2
        } else {
            question = format!("call the {} API as the app", kind.name());
            3
        };
        allowed = privilege_usable(&mut reasons, service, code, issued, now) && common.is_empty();
        if allowed {
            grants.push(question.clone());
        }
    }
    ServiceVerdict::new(kind, question, allowed, grants, reasons, Vec::new())
}

/// Streaming and FCDN ([`Question::Media`]): a channel and an account, with publish/play
/// privileges.
fn media_verdict(
    kind: ServiceType,
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let channel_of = |s: &Service| text_field(s, FieldRole::Channel).unwrap_or_default();
    let account_of = |s: &Service| service_user(s).unwrap_or_default();
    let mut candidates: Vec<&Service> = services.to_vec();
    let mut matches = Vec::new();
    if let Some(channel) = options.channel_name {
        let token_channels: Vec<String> = candidates.iter().map(|s| channel_of(s)).collect();
        candidates.retain(|s| wildcard::channel_admits(&channel_of(s), channel));
        if candidates.is_empty() {
            reasons.push(Reason::ChannelMismatch { token_channels });
        } else if let Some(first) = candidates.first() {
            if channel_of(first) != channel {
                matches.push(WildcardMatch::new("channel", &channel_of(first), channel));
            }
        }
    }
    if let (Some(user), false) = (&options.user, candidates.is_empty()) {
        let wire = user.to_wire_string();
        let token_users: Vec<String> = candidates.iter().map(|s| account_of(s)).collect();
        candidates.retain(|s| wildcard::user_admits(&account_of(s), &wire));
        if candidates.is_empty() {
            reasons.push(Reason::UserMismatch { token_users });
        }
    }
    let mut grants = Vec::new();
    let mut allowed = false;
    if let Some(service) = candidates.first() {
        let mut privilege_reasons = Vec::new();
        for &code in service.privilege_map().keys() {
            if privilege_usable(&mut privilege_reasons, service, code, issued, now) && common.is_empty() {
                grants.push(service.privilege_name(code).unwrap_or("unknown").to_owned());
            }
        }
        if service.privilege_map().is_empty() {
            privilege_usable(&mut privilege_reasons, service, 1, issued, now);
        }
        allowed = !grants.is_empty();
        if !allowed {
            reasons.extend(privilege_reasons);
        }
    }
    let question = match options.channel_name {
        Some(channel) => format!("use {} for channel {channel:?}", kind.name()),
        None => format!("use {}", kind.name()),
    };
    ServiceVerdict::new(kind, question, allowed, grants, reasons, matches)
}

/// ConvoAI and STT ([`Question::Agent`]) carry no privileges of their own: the agent or task
/// (`who`) works with the token's RTC service (joining the channel, publishing for an agent that
/// speaks) and logs in to RTM with its RTM service. RTC and RTM are named here because they are
/// the services an agent uses, whatever the agent.
// Every argument is one the verdict reads; a struct for them would only rename them.
#[allow(clippy::too_many_arguments)]
fn agent_verdict(
    kind: ServiceType,
    who: &str,
    payload: &Payload,
    common: &[Reason],
    rtc: &AccessVerdict,
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let mut grants = Vec::new();
    let has_rtc = payload.services().iter().any(|s| matches!(s, Service::Rtc(_)));
    if has_rtc {
        for reason in &rtc.reasons {
            if !reasons.contains(reason) {
                reasons.push(reason.clone());
            }
        }
        if rtc.can_join {
            grants.push(format!("{who} joins the channel"));
        }
        if rtc.can_publish_audio {
            grants.push(format!("{who} publishes audio"));
        }
        if rtc.can_publish_data {
            grants.push(format!("{who} publishes data streams"));
        }
    } else {
        reasons.push(Reason::ServiceMissing { service: ServiceType::Rtc.name().to_owned() });
    }
    let rtm: Vec<&Service> =
        payload.services().iter().filter(|s| matches!(s, Service::Rtm(_) | Service::Rtm2(_))).collect();
    if let Some(service) = rtm.first() {
        let mut rtm_reasons = Vec::new();
        if privilege_usable(&mut rtm_reasons, service, 1, issued, now) && common.is_empty() {
            grants.push(format!("{who} logs in to RTM as {:?}", service_user(service).unwrap_or_default()));
        }
        reasons.extend(rtm_reasons);
    }
    let question = match options.channel_name {
        Some(channel) => format!("run {who} in channel {channel:?}"),
        None => format!("run {who}"),
    };
    let allowed = has_rtc && rtc.can_join;
    ServiceVerdict::new(kind, question, allowed, grants, reasons, Vec::new())
}
