//! How the official builders read input that the typed API refuses: for drop-in layers only.
//!
//! A drop-in layer (upstream names and argument order) must give the token the official
//! builder gives for every input it accepts, including inputs that are almost certainly
//! mistakes: a 007 role of 0 or 101 (006 numbers), privilege numbers the service does not
//! define, expiries that look like absolute timestamps. Each function here gives upstream's
//! reading of such a value and, when the value is surprising, a [`CompatWarning`] saying
//! what upstream does with it and what to pass instead. The bindings show that warning
//! through their ecosystem's channel (`warnings.warn`, `process.emitWarning`, a Kotlin hook)
//! and never restate the rules.
//!
//! The typed API ([`RtcRole::from_code`], [`Privileges::set_code`](crate::Privileges::set_code),
//! strict mode) keeps refusing the same values with typed errors.

use std::fmt;

use crate::builders::RtcRole;
use crate::clock;
use crate::legacy::{Privilege006, Role006};
use crate::services::ServiceType;

/// The longest lifetime Agora documents for a token or a privilege: 24 hours. Upstream
/// builders accept longer values; drop-in layers warn about them.
pub const MAX_DOCUMENTED_LIFETIME: u32 = 86_400;

/// A surprising input that a drop-in layer accepted as upstream does.
///
/// [`code`](CompatWarning::code) is a stable name (the same string in every binding);
/// the message says what upstream does with the value and what to pass instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompatWarning {
    code: &'static str,
    message: String,
}

impl CompatWarning {
    /// A role number that is neither publisher nor subscriber; read as join only.
    pub const ROLE_READ_AS_JOIN_ONLY: &'static str = "role_read_as_join_only";
    /// A privilege number the service does not define; packed as given.
    pub const UNDEFINED_PRIVILEGE: &'static str = "undefined_privilege";
    /// A 007 expiry that looks like an absolute Unix timestamp.
    pub const EXPIRY_LOOKS_ABSOLUTE: &'static str = "expiry_looks_absolute";
    /// A 006 expiry that looks like a number of seconds.
    pub const EXPIRY_LOOKS_RELATIVE: &'static str = "expiry_looks_relative";
    /// A 007 lifetime over the documented 24 hours.
    pub const LIFETIME_OVER_24H: &'static str = "lifetime_over_24h";

    /// Every warning code, for bindings that export them as a typed union or enum.
    pub const CODES: [&'static str; 5] = [
        CompatWarning::ROLE_READ_AS_JOIN_ONLY,
        CompatWarning::UNDEFINED_PRIVILEGE,
        CompatWarning::EXPIRY_LOOKS_ABSOLUTE,
        CompatWarning::EXPIRY_LOOKS_RELATIVE,
        CompatWarning::LIFETIME_OVER_24H,
    ];

    fn new(code: &'static str, message: String) -> Self {
        CompatWarning { code, message }
    }

    /// The stable name of the warning, one of [`CompatWarning::CODES`].
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// What upstream does with the value and what to pass instead.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CompatWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A value as a drop-in layer received it, for the readings that compare numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamValue<'a> {
    /// A whole number (after the language's own equality rules: Python `True` is 1).
    Integer(i64),
    /// Anything else (a string, a fraction, `null`...), as the caller would print it.
    /// Upstream compares it with the role numbers and finds no match.
    Other(&'a str),
}

impl fmt::Display for UpstreamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpstreamValue::Integer(n) => write!(f, "{n}"),
            UpstreamValue::Other(shown) => f.write_str(shown),
        }
    }
}

/// Upstream's reading of a value, with a warning when the value is surprising.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lenient<T> {
    /// What upstream makes of the value.
    pub value: T,
    /// Set when the value is almost certainly a mistake.
    pub warning: Option<CompatWarning>,
}

impl<T> Lenient<T> {
    fn clean(value: T) -> Self {
        Lenient { value, warning: None }
    }
}

/// Upstream's reading of a 007 RTC role: 1 is a publisher, every other value joins only
/// (as a subscriber does). 2 is read without a warning; anything else warns.
#[must_use]
pub fn rtc_role(role: UpstreamValue<'_>) -> Lenient<RtcRole> {
    match role {
        UpstreamValue::Integer(1) => Lenient::clean(RtcRole::Publisher),
        UpstreamValue::Integer(2) => Lenient::clean(RtcRole::Subscriber),
        other => {
            let hint = match other {
                UpstreamValue::Integer(0 | 101) => {
                    " (0 and 101 are the attendee and admin roles of 006 tokens, which 007 does not have)"
                }
                _ => "",
            };
            Lenient {
                value: RtcRole::Subscriber,
                warning: Some(CompatWarning::new(
                    CompatWarning::ROLE_READ_AS_JOIN_ONLY,
                    format!(
                        "RTC role {other} is neither 1 (publisher) nor 2 (subscriber){hint}: the official builders \
                         grant it join only, like a subscriber; pass 1 to publish or 2 for join only"
                    ),
                )),
            }
        }
    }
}

/// Upstream's reading of a 006 RTC role (Go, Python, Node, C++, C#, PHP): 0 (attendee),
/// 1 (publisher) and 101 (admin) publish, 2 (subscriber) joins only, and every other value
/// joins only too, with a warning.
#[must_use]
pub fn role_006(role: UpstreamValue<'_>) -> Lenient<Role006> {
    let known = match role {
        UpstreamValue::Integer(code) => Role006::from_code(code).ok(),
        UpstreamValue::Other(_) => None,
    };
    match known {
        Some(role) => Lenient::clean(role),
        None => Lenient {
            value: Role006::Subscriber,
            warning: Some(CompatWarning::new(
                CompatWarning::ROLE_READ_AS_JOIN_ONLY,
                format!(
                    "006 RTC role {role} is not 0 (attendee), 1 (publisher), 2 (subscriber) or 101 (admin): the \
                     official builders grant it join only; pass 1 to publish or 2 for join only"
                ),
            )),
        },
    }
}

/// A warning when a 007 service does not define a privilege number. Upstream packs the
/// number as given and the service ignores it, so the token grants nothing by it; build it
/// with [`Service::add_privilege_unchecked`](crate::Service::add_privilege_unchecked).
#[must_use]
pub fn privilege(service: ServiceType, code: u16) -> Option<CompatWarning> {
    let error = service.privilege_name(code).err()?;
    Some(CompatWarning::new(
        CompatWarning::UNDEFINED_PRIVILEGE,
        format!("{error}; the official builders pack it as given, but the service defines no such privilege, so it grants nothing"),
    ))
}

/// A warning when a 006 privilege number is not defined (1-12, 101 and 1000 are). Upstream
/// packs it as given; build it with
/// [`AccessToken::privilege_unchecked`](crate::legacy::AccessToken::privilege_unchecked).
#[must_use]
pub fn privilege_006(code: u16) -> Option<CompatWarning> {
    let error = Privilege006::from_code(code).err()?;
    Some(CompatWarning::new(
        CompatWarning::UNDEFINED_PRIVILEGE,
        format!("{error}; the official builders pack it as given, but the service defines no such privilege, so it grants nothing"),
    ))
}

/// A warning when a 007 lifetime or privilege expiry (seconds after the issue time) looks
/// like an absolute Unix timestamp, or is longer than the documented 24 hours. Upstream
/// packs the value as given. `field` names the argument, e.g. `"token_expire"`.
#[must_use]
pub fn expire_007(field: &str, seconds: u32) -> Option<CompatWarning> {
    if clock::looks_like_unix_timestamp(seconds) {
        return Some(CompatWarning::new(
            CompatWarning::EXPIRY_LOOKS_ABSOLUTE,
            format!(
                "{field} is {seconds}, which looks like an absolute Unix timestamp ({}): AccessToken2 expiries are \
                 seconds after the issue time, so the official builders make it last {} years; pass a number of \
                 seconds such as 3600 for one hour",
                clock::format_utc(u64::from(seconds)),
                seconds / 31_557_600,
            ),
        ));
    }
    if seconds > MAX_DOCUMENTED_LIFETIME {
        return Some(CompatWarning::new(
            CompatWarning::LIFETIME_OVER_24H,
            format!(
                "{field} is {seconds} seconds ({}), over the 24 hours Agora documents as the maximum: the official \
                 builders pack it as given; pass at most 86400 and renew the token before it expires",
                clock::format_duration(u64::from(seconds)),
            ),
        ));
    }
    None
}

/// A warning when a 006 privilege expiry (an absolute Unix time; 0 = no expiry) looks like a
/// number of seconds: upstream packs it as given and the privilege expired in 1970.
#[must_use]
pub fn expire_006(field: &str, unix_seconds: u32) -> Option<CompatWarning> {
    if unix_seconds == 0 || clock::looks_like_unix_timestamp(unix_seconds) {
        return None;
    }
    Some(CompatWarning::new(
        CompatWarning::EXPIRY_LOOKS_RELATIVE,
        format!(
            "{field} is {unix_seconds}, which looks like a number of seconds: AccessToken (006) expiries are absolute \
             Unix timestamps, so the official builders make it expire at {}; pass the current Unix time plus the \
             seconds, or 0 for no expiry",
            clock::format_utc(u64::from(unix_seconds)),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessToken2, Credentials, RtcService, Service, UnverifiedToken};

    #[test]
    fn any_007_role_but_1_joins_only_and_only_unknown_numbers_warn() {
        assert_eq!(rtc_role(UpstreamValue::Integer(1)), Lenient::clean(RtcRole::Publisher));
        assert_eq!(rtc_role(UpstreamValue::Integer(2)), Lenient::clean(RtcRole::Subscriber));
        for role in [UpstreamValue::Integer(0), UpstreamValue::Integer(101), UpstreamValue::Integer(-1)] {
            let reading = rtc_role(role);
            assert_eq!(reading.value, RtcRole::Subscriber);
            let warning = reading.warning.unwrap();
            assert_eq!(warning.code(), CompatWarning::ROLE_READ_AS_JOIN_ONLY);
            assert!(warning.message().contains(&format!("RTC role {role}")), "{warning}");
        }
        assert!(rtc_role(UpstreamValue::Integer(0)).warning.unwrap().message().contains("006"));
        let text = rtc_role(UpstreamValue::Other("'1'"));
        assert_eq!(text.value, RtcRole::Subscriber);
        assert!(text.warning.unwrap().message().contains("RTC role '1'"));
    }

    #[test]
    fn roles_006_follow_the_majority_and_unknown_numbers_join_only() {
        for (code, role) in
            [(0, Role006::Attendee), (1, Role006::Publisher), (2, Role006::Subscriber), (101, Role006::Admin)]
        {
            assert_eq!(role_006(UpstreamValue::Integer(code)), Lenient::clean(role));
        }
        let reading = role_006(UpstreamValue::Integer(3));
        assert!(!reading.value.publishes());
        assert_eq!(reading.warning.unwrap().code(), CompatWarning::ROLE_READ_AS_JOIN_ONLY);
    }

    #[test]
    fn undefined_privileges_warn_and_name_the_defined_ones() {
        assert_eq!(privilege(ServiceType::Rtc, 4), None);
        let warning = privilege(ServiceType::Rtc, 5).unwrap();
        assert_eq!(warning.code(), CompatWarning::UNDEFINED_PRIVILEGE);
        assert!(warning.message().contains("RTC privilege 5") && warning.message().contains("4 (publish data"));
        assert!(privilege(ServiceType::ConvoAi, 1).unwrap().message().contains("ConvoAI has none"));
        assert!(privilege(ServiceType::Fpa, 0).is_some());
        assert_eq!(privilege(ServiceType::Apaas, 3), None);
        assert_eq!(privilege_006(1000), None);
        assert_eq!(privilege_006(13).unwrap().code(), CompatWarning::UNDEFINED_PRIVILEGE);
    }

    #[test]
    fn expiries_warn_for_timestamps_and_over_a_day() {
        assert_eq!(expire_007("token_expire", 0), None);
        assert_eq!(expire_007("token_expire", 86_400), None);
        assert_eq!(expire_007("token_expire", 86_401).unwrap().code(), CompatWarning::LIFETIME_OVER_24H);
        let absolute = expire_007("privilege_expire", 1_764_066_022).unwrap();
        assert_eq!(absolute.code(), CompatWarning::EXPIRY_LOOKS_ABSOLUTE);
        assert!(absolute.message().contains("2025-11-25") && absolute.message().contains("55 years"), "{absolute}");
        assert_eq!(expire_006("privilege_expired_ts", 0), None);
        assert_eq!(expire_006("privilege_expired_ts", 1_764_066_022), None);
        assert_eq!(expire_006("privilege_expired_ts", 3600).unwrap().code(), CompatWarning::EXPIRY_LOOKS_RELATIVE);
    }

    #[test]
    fn unchecked_privileges_are_packed_as_given() {
        let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        let mut rtc = RtcService::new("c", 1);
        rtc.add_privilege_unchecked(65_535, 7);
        let mut service = Service::from(rtc);
        service.add_privilege_unchecked(0, 9);
        let token = AccessToken2::new(&creds, 600).issued_at(1).salt(2).service(service).build().unwrap();
        let decoded = UnverifiedToken::parse(&token).unwrap();
        let map = decoded.payload().services()[0].privilege_map().clone();
        assert_eq!(map.into_iter().collect::<Vec<_>>(), vec![(0, 9), (65_535, 7)]);
    }

    #[test]
    fn every_code_is_listed() {
        for code in [
            rtc_role(UpstreamValue::Integer(0)).warning.unwrap().code(),
            privilege(ServiceType::Rtm, 5).unwrap().code(),
            expire_007("x", 2_000_000_000).unwrap().code(),
            expire_007("x", 100_000).unwrap().code(),
            expire_006("x", 5).unwrap().code(),
        ] {
            assert!(CompatWarning::CODES.contains(&code), "{code}");
        }
    }
}
