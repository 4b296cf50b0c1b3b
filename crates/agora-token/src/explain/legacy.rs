//! Explaining 006 tokens. A 006 token stores only CRC-32s of its channel and uid, so the
//! channel and user are recognised by trying the requested ones and the wildcard forms, and
//! the signature can be checked only with a channel and user that match.

use super::{
    check_with_certificates, common_reasons, rtc_verdict, CertificateSlot, ExplainOptions, Explanation,
    PrivilegeReport, PrivilegeStatus, Reason, ServiceReport, ServiceVerdict, SignatureCheck, Timestamp, WildcardMatch,
};
use crate::clock;
use crate::credentials::AppId;
use crate::legacy::access_token::{Privilege006, UnverifiedAccessToken};
use crate::services::{Privilege, RtcPrivilege, ServiceType, User};

/// The wildcard forms a 006 channel may have been built with, in the order they are tried.
const ANY_CHANNEL: [&str; 2] = ["", "*"];
/// The wildcard forms a 006 uid may have been built with (uid 0 is packed as `""`).
const ANY_USER: [&str; 3] = ["", "0", "*"];

pub(super) fn explain(token: &UnverifiedAccessToken, options: &ExplainOptions<'_>, now: u64) -> Explanation {
    let expires_at = u64::from(token.expires_at());
    let is_rtm = token.privileges().contains_key(&Privilege006::RtmLogin.code());
    // An RTM token holds the RTM user id in its channel field and an empty uid: the user id is
    // asked as `user_id`, or as that raw channel field.
    let rtm_account = options.user_id.or(options.channel_name);
    let (asked_channel, asked_user) = if is_rtm {
        (rtm_account, Some(String::new()))
    } else {
        (options.channel_name, options.user.as_ref().map(User::to_wire_string))
    };
    let channel = match (is_rtm, asked_channel) {
        (true, Some(account)) => Some(account).filter(|account| token.matches_channel(account)),
        (false, Some(asked)) => token_channel(token, asked),
        (_, None) => None,
    };
    let user = asked_user.as_deref().and_then(|user| token_user(token, user));
    let (signature, verified_with) = check_signature(token, options, channel, user);
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
    let mut warnings = Vec::new();
    if signature == SignatureCheck::NotChecked
        && (options.certificate.is_some() || options.secondary_certificate.is_some())
    {
        warnings.push(if is_rtm {
            "006 tokens store only CRCs of the user id; pass the RTM user id with the certificate to check the signature"
                .to_owned()
        } else {
            "006 tokens store only CRCs of the channel and uid; pass both (and the certificate) to check the signature"
                .to_owned()
        });
    }
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
        verified_with,
        services: vec![ServiceReport {
            type_code: 0,
            name: if is_rtm { "RTM AccessToken (006)" } else { "AccessToken (006)" }.to_owned(),
            fields: Vec::new(),
            privileges,
        }],
        access: None,
        verdicts: Vec::new(),
        sdk_error: None,
        warnings,
    };
    let common = common_reasons(&explanation, options);
    let status = |code: u16| -> PrivilegeStatus {
        match token.privileges().get(&code) {
            None => PrivilegeStatus::Missing,
            Some(0) => PrivilegeStatus::Active,
            Some(&at) if now < u64::from(at) => PrivilegeStatus::Active,
            Some(&at) => PrivilegeStatus::Expired(Timestamp(u64::from(at))),
        }
    };
    let mut matches = Vec::new();
    if !is_rtm {
        if let (Some(asked), Some(found)) = (asked_channel, channel) {
            if asked != found {
                matches.push(WildcardMatch::new("channel", found, asked));
            }
        }
        if let (Some(asked), Some(found)) = (asked_user.as_deref(), user) {
            if asked != found {
                matches.push(WildcardMatch::new("user", found, asked));
            }
        }
    }
    if is_rtm {
        let mut reasons = common;
        if let (Some(_), None) = (rtm_account, channel) {
            reasons
                .push(Reason::UserMismatch { token_users: vec!["(another user; 006 stores only its CRC)".to_owned()] });
        }
        let allowed = reasons.is_empty()
            && match status(Privilege006::RtmLogin.code()) {
                PrivilegeStatus::Active => true,
                PrivilegeStatus::Expired(at) => {
                    reasons.push(Reason::PrivilegeExpired {
                        service: "RTM".to_owned(),
                        privilege: "login".to_owned(),
                        at,
                    });
                    false
                }
                PrivilegeStatus::Missing => false,
            };
        let question = match rtm_account {
            Some(user) => format!("log in to RTM as {user:?}"),
            None => "log in to RTM".to_owned(),
        };
        let grants = if allowed { vec!["log in".to_owned()] } else { Vec::new() };
        explanation.verdicts = vec![ServiceVerdict::new(ServiceType::Rtm, question, allowed, grants, reasons, matches)];
        return explanation;
    }
    let mut reasons = common;
    if let (Some(_), None) = (options.channel_name, channel) {
        reasons.push(Reason::ChannelMismatch {
            token_channels: vec!["(another channel; 006 stores only its CRC)".to_owned()],
        });
    }
    if let (Some(_), None) = (&options.user, user) {
        reasons.push(Reason::UserMismatch { token_users: vec!["(another user; 006 stores only its CRC)".to_owned()] });
    }
    let access = rtc_verdict(reasons, true, options, |privilege: RtcPrivilege| status(privilege.code()));
    if options.channel_name.is_some() || options.user.is_some() {
        explanation.access = Some(access.clone());
    }
    explanation.verdicts = vec![ServiceVerdict::from_rtc(&access, matches)];
    explanation
}

/// The channel the token was built for: the one asked about, or a wildcard form.
fn token_channel<'a>(token: &UnverifiedAccessToken, asked: &'a str) -> Option<&'a str> {
    std::iter::once(asked).chain(ANY_CHANNEL).find(|channel| token.matches_channel(channel))
}

/// The uid string the token was built for: the one asked about, or a wildcard form.
fn token_user<'a>(token: &UnverifiedAccessToken, asked: &'a str) -> Option<&'a str> {
    std::iter::once(asked).chain(ANY_USER).find(|user| token.matches_uid(user))
}

fn check_signature(
    token: &UnverifiedAccessToken,
    options: &ExplainOptions<'_>,
    channel: Option<&str>,
    user: Option<&str>,
) -> (SignatureCheck, Option<CertificateSlot>) {
    let (Some(channel), Some(user)) = (channel, user) else { return (SignatureCheck::NotChecked, None) };
    let user = User::Account(user.to_owned());
    check_with_certificates(options, |certificate| token.check_signature(certificate, channel, &user).is_ok())
}
