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
    ApaasService, ChatService, RtcPrivilege, RtcService, Rtm2PermissionType, Rtm2ResourceType, Rtm2Service, Service,
    ServiceField, ServiceType,
};
use crate::wildcard;

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
    let mut fields = Vec::new();
    for (name, value) in service.fields() {
        let shown = service.shown_field_name(name).to_owned();
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
        let verdict = match service {
            Service::Rtc(_) => ServiceVerdict::from_rtc(&rtc.0, rtc.1.clone()),
            Service::Rtm(_) | Service::Rtm2(_) | Service::Fpa(_) => {
                login_verdict(&same_kind, common, options, issued, now)
            }
            Service::Chat(_) => chat_verdict(&same_kind, common, options, issued, now),
            Service::Apaas(_) => apaas_verdict(&same_kind, common, options, issued, now),
            Service::Streaming(_) | Service::Fcdn(_) => media_verdict(&same_kind, common, options, issued, now),
            Service::ConvoAi(_) | Service::Stt(_) => agent_verdict(kind, payload, common, &rtc.0, options, issued, now),
        };
        verdicts.push(verdict);
    }
    verdicts
}

/// The user id a service is for, if it names one.
fn service_user(service: &Service) -> Option<&str> {
    match service {
        Service::Rtm(s) => Some(&s.user_id),
        Service::Rtm2(s) => Some(&s.user_id),
        Service::Chat(ChatService { user_id, .. }) => Some(user_id),
        Service::Apaas(ApaasService { user_uuid, .. }) => Some(user_uuid),
        _ => None,
    }
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
    let matching: Vec<&Service> = services.iter().copied().filter(|s| service_user(s) == Some(user_id)).collect();
    if matching.is_empty() {
        let token_users = services.iter().filter_map(|s| service_user(s)).map(str::to_owned).collect();
        reasons.push(Reason::UserMismatch { token_users });
    }
    matching
}

/// RTM, RTM2 and FPA: log in (privilege 1) as the user the service names; RTM2 also grants
/// channels by its permissions.
fn login_verdict(
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let kind = services.first().map_or(ServiceType::Rtm, |s| s.service_type());
    let mut reasons = common.to_vec();
    let candidates = for_user(services, options.user_id, &mut reasons);
    let user = candidates.first().and_then(|s| service_user(s)).or(options.user_id);
    let question = match (kind, user) {
        (ServiceType::Fpa, _) => "connect through FPA (log in)".to_owned(),
        (_, Some(user)) => format!("log in to {} as {user:?}", kind.name()),
        (_, None) => format!("log in to {}", kind.name()),
    };
    let mut grants = Vec::new();
    let mut matches = Vec::new();
    let mut allowed = false;
    if let Some(service) = candidates.first() {
        allowed = privilege_usable(&mut reasons, service, 1, issued, now) && common.is_empty();
        if allowed {
            grants.push("log in".to_owned());
        }
        if let (Service::Rtm2(rtm2), Some(channel)) = (service, options.rtm_channel) {
            let granted = rtm2_grants(rtm2, channel, &mut matches);
            if rtm2.permissions.is_empty() {
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

/// What an RTM2 service's permissions grant on a channel, in words ("read message channels \"x\"").
fn rtm2_grants(service: &Rtm2Service, channel: &str, matches: &mut Vec<WildcardMatch>) -> Vec<String> {
    let mut grants = Vec::new();
    for (resource, permission, list) in service.permissions.iter() {
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

/// Chat: a user token (privilege 1) acts as its user; an app token (privilege 2) calls the
/// Chat REST API as the app and cannot log a user in.
fn chat_verdict(
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
    let question = if let (Some(user), false) = (options.user_id, has_user_privilege) {
        reasons.push(Reason::PrivilegeMissing { service: "Chat".to_owned(), privilege: "user".to_owned() });
        format!("use Chat as user {user:?}")
    } else if options.user_id.is_some() || has_user_privilege {
        let candidates = for_user(services, options.user_id, &mut reasons);
        let user = candidates.first().and_then(|s| service_user(s)).or(options.user_id).unwrap_or_default().to_owned();
        if let Some(service) = candidates.first() {
            allowed = privilege_usable(&mut reasons, service, 1, issued, now) && common.is_empty();
            if allowed {
                grants.push(format!("use Chat as user {user:?}"));
            }
        }
        format!("use Chat as user {user:?}")
    } else {
        if let Some(service) = services.first() {
            allowed = privilege_usable(&mut reasons, service, 2, issued, now) && common.is_empty();
            if allowed {
                grants.push("call the Chat REST API as the app".to_owned());
            }
        }
        "call the Chat REST API as the app".to_owned()
    };
    ServiceVerdict::new(ServiceType::Chat, question, allowed, grants, reasons, Vec::new())
}

/// APaaS/Education: room user (1) for a room and user, user (2), app (3).
fn apaas_verdict(
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let mut candidates = for_user(services, options.user_id, &mut reasons);
    if let Some(room) = options.room_uuid {
        let before: Vec<String> = candidates
            .iter()
            .filter_map(|s| if let Service::Apaas(a) = s { Some(a.room_uuid.clone()) } else { None })
            .collect();
        candidates.retain(|s| matches!(s, Service::Apaas(a) if a.room_uuid == room));
        if candidates.is_empty() && !before.is_empty() {
            reasons.push(Reason::RoomMismatch { token_rooms: before });
        }
    }
    let mut grants = Vec::new();
    let mut allowed = false;
    let mut question = "use APaaS/Education".to_owned();
    if let Some(Service::Apaas(apaas)) = candidates.first() {
        let service = candidates.first().copied();
        let code = if options.room_uuid.is_some() || !apaas.room_uuid.is_empty() {
            question = format!("enter room {:?} as user {:?} (role {})", apaas.room_uuid, apaas.user_uuid, apaas.role);
            1
        } else if !apaas.user_uuid.is_empty() {
            question = format!("act as user {:?}", apaas.user_uuid);
            2
        } else {
            question = "call the APaaS API as the app".to_owned();
            3
        };
        if let Some(service) = service {
            allowed = privilege_usable(&mut reasons, service, code, issued, now) && common.is_empty();
        }
        if allowed {
            grants.push(question.clone());
        }
    }
    ServiceVerdict::new(ServiceType::Apaas, question, allowed, grants, reasons, Vec::new())
}

/// Streaming and FCDN: a channel and an account, with publish/play privileges.
fn media_verdict(
    services: &[&Service],
    common: &[Reason],
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let kind = services.first().map_or(ServiceType::Streaming, |s| s.service_type());
    let mut reasons = common.to_vec();
    let channel_of = |s: &Service| match s {
        Service::Streaming(s) => s.channel_name.clone(),
        Service::Fcdn(s) => s.channel_name.clone(),
        _ => String::new(),
    };
    let account_of = |s: &Service| match s {
        Service::Streaming(s) => s.account.clone(),
        Service::Fcdn(s) => s.account.clone(),
        _ => String::new(),
    };
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

/// ConvoAI and STT carry no privileges of their own: the agent or task works with the
/// token's RTC service (joining the channel, publishing for an agent that speaks) and logs
/// in to RTM with its RTM service.
fn agent_verdict(
    kind: ServiceType,
    payload: &Payload,
    common: &[Reason],
    rtc: &AccessVerdict,
    options: &ExplainOptions<'_>,
    issued: u64,
    now: u64,
) -> ServiceVerdict {
    let mut reasons = common.to_vec();
    let mut grants = Vec::new();
    let who = if kind == ServiceType::ConvoAi { "the agent" } else { "the STT task" };
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
