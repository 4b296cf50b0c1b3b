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
//! The same goes for the argument types: the official builders convert numbers with their
//! language's own rules (Python `int(x)`, JavaScript's `Buffer.writeUInt32LE`, Java's `int`
//! bits) and write a uid with `str(uid)` or `` `${uid}` ``. A drop-in layer applies its
//! language's conversion and hands the result to [`u32_number`], [`u16_number`],
//! [`i16_number`], [`issue_time`], [`uid_as_text`] or [`java_u32`], which say what is packed
//! and warn when the conversion lost something (a fraction, a value that is not a number).
//! Numeric text such as `"600"` (a query string) is packed silently, as upstream does.
//!
//! The typed API ([`RtcRole::from_code`], [`Privileges::set_code`](crate::Privileges::set_code),
//! strict mode) keeps refusing the same values with typed errors.
//!
//! [`javascript`] applies JavaScript's conversions for the npm drop-in layers (the native
//! addon and the WebAssembly build share it).

pub mod javascript;

use std::fmt;

use crate::builders::RtcRole;
use crate::clock;
use crate::error::{Error, Result};
use crate::legacy::access_token::{Privilege006, Role006};
use crate::services::{u32_bits_of_signed, Rtm2PermissionType, Rtm2ResourceType, ServiceType, User};

/// The longest lifetime Agora documents for a token or a privilege: 24 hours. Upstream
/// builders accept longer values; drop-in layers warn about them.
pub const MAX_DOCUMENTED_LIFETIME: u32 = 86_400;

/// Upstream's default for an omitted `privilege_expire` (`privilegeExpire`) in every official
/// 007 RTC builder: 0, no limit of its own. Drop-in layers use it so that they keep producing
/// upstream's bytes; the typed layers use [`DEFAULT_PRIVILEGE_EXPIRE`](crate::DEFAULT_PRIVILEGE_EXPIRE).
pub const UPSTREAM_PRIVILEGE_EXPIRE: u32 = 0;

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
    /// A number with a fraction; packed truncated toward zero.
    pub const FRACTION_TRUNCATED: &'static str = "fraction_truncated";
    /// A value that is not a number (`NaN`, `null`, `true`, `""`, `"abc"`...); packed as the
    /// number the language reads it as.
    pub const NOT_A_NUMBER: &'static str = "not_a_number";
    /// An issue time given as text that reads as 0: upstream takes only the number 0 as "now".
    pub const ISSUE_TIME_ZERO_NOT_NOW: &'static str = "issue_time_zero_not_now";
    /// A uid that is neither a whole number from 0 to 4294967295 nor a string; written as text.
    pub const UID_WRITTEN_AS_TEXT: &'static str = "uid_written_as_text";
    /// An RTM2 resource or permission type RTM2 does not define; packed as given.
    pub const UNDEFINED_RTM2_TYPE: &'static str = "undefined_rtm2_type";

    /// Every warning code, for bindings that export them as a typed union or enum.
    pub const CODES: [&'static str; 10] = [
        CompatWarning::ROLE_READ_AS_JOIN_ONLY,
        CompatWarning::UNDEFINED_PRIVILEGE,
        CompatWarning::EXPIRY_LOOKS_ABSOLUTE,
        CompatWarning::EXPIRY_LOOKS_RELATIVE,
        CompatWarning::LIFETIME_OVER_24H,
        CompatWarning::FRACTION_TRUNCATED,
        CompatWarning::NOT_A_NUMBER,
        CompatWarning::ISSUE_TIME_ZERO_NOT_NOW,
        CompatWarning::UID_WRITTEN_AS_TEXT,
        CompatWarning::UNDEFINED_RTM2_TYPE,
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
/// [`AccessToken::privilege_unchecked`](crate::legacy::access_token::AccessToken::privilege_unchecked).
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

/// A warning when a resource type of RTM2 permissions is not defined (0 to 4 are). Upstream
/// packs it as given; build it with
/// [`Rtm2Permissions::add_unchecked`](crate::Rtm2Permissions::add_unchecked).
#[must_use]
pub fn rtm2_resource_type(code: u16) -> Option<CompatWarning> {
    rtm2_type_warning(Rtm2ResourceType::from_code(code).err()?)
}

/// A warning when a permission type of RTM2 permissions is not defined (0 read and 1 write
/// are). Upstream packs it as given; build it with
/// [`Rtm2Permissions::add_unchecked`](crate::Rtm2Permissions::add_unchecked).
#[must_use]
pub fn rtm2_permission_type(code: u16) -> Option<CompatWarning> {
    rtm2_type_warning(Rtm2PermissionType::from_code(code).err()?)
}

fn rtm2_type_warning(error: Error) -> Option<CompatWarning> {
    Some(CompatWarning::new(
        CompatWarning::UNDEFINED_RTM2_TYPE,
        format!("{error}; the official builders pack it as given, but RTM defines no such type, so the entry grants nothing"),
    ))
}

/// How a drop-in layer's language turned an argument into the whole number upstream packs:
/// Python's `int(x)`, JavaScript's `+x` and truncation in `Buffer.writeUInt32LE` (with `NaN`
/// read as 0). `shown` is the argument as the caller would print it (bindings shorten long
/// values, so that a misplaced certificate never shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberReading<'a> {
    /// A number that is whole (`600`, `600.0`): packed silently.
    Whole(i64),
    /// Text that reads as a whole number (`"600"`, as query strings give): packed silently,
    /// except as an issue time of 0 (see [`issue_time`]).
    Text {
        /// The argument as given.
        shown: &'a str,
        /// The number it reads as.
        value: i64,
    },
    /// A number with a fraction (`600.9`): packed truncated toward zero, with a warning.
    Fraction {
        /// The argument as given.
        shown: &'a str,
        /// The number truncated toward zero.
        truncated: i64,
    },
    /// Not a number (`NaN`, `undefined`, `null`, `true`, `""`, `"abc"`): packed as the number
    /// the language reads it as (0, or 1 for `true`), with a warning.
    NotANumber {
        /// The argument as given.
        shown: &'a str,
        /// The number the language reads it as.
        read_as: i64,
    },
}

impl NumberReading<'_> {
    /// The whole number upstream packs (before its range check).
    #[must_use]
    pub fn value(self) -> i64 {
        match self {
            NumberReading::Whole(value) | NumberReading::Text { value, .. } => value,
            NumberReading::Fraction { truncated, .. } => truncated,
            NumberReading::NotANumber { read_as, .. } => read_as,
        }
    }

    fn warning(self, field: &str) -> Option<CompatWarning> {
        match self {
            NumberReading::Whole(_) | NumberReading::Text { .. } => None,
            NumberReading::Fraction { shown, truncated } => Some(CompatWarning::new(
                CompatWarning::FRACTION_TRUNCATED,
                format!(
                    "{field} is {shown}, which has a fraction: the official builders drop it and pack {truncated}; \
                     pass a whole number"
                ),
            )),
            NumberReading::NotANumber { shown, read_as } => Some(CompatWarning::new(
                CompatWarning::NOT_A_NUMBER,
                format!(
                    "{field} is {shown}, which is not a number: the official builders read it as {read_as} and pack \
                     that; pass a number"
                ),
            )),
        }
    }
}

/// The number packed into a field of type `T`, or the error upstream raises too (Python's
/// `struct.error`, JavaScript's `RangeError`) when it is out of `T`'s range.
fn packed<T: TryFrom<i64>>(field: &str, reading: NumberReading<'_>, range: &str) -> Result<Lenient<T>> {
    let value = reading.value();
    let packed = T::try_from(value).map_err(|_| Error::InvalidArgument {
        field: field.to_owned(),
        reason: format!(
            "{} is outside {range}, the range the token field holds (the official builders raise an error too)",
            match reading {
                NumberReading::Whole(value) => value.to_string(),
                NumberReading::Text { shown, .. }
                | NumberReading::Fraction { shown, .. }
                | NumberReading::NotANumber { shown, .. } => shown.to_owned(),
            }
        ),
    })?;
    Ok(Lenient { value: packed, warning: reading.warning(field) })
}

/// Upstream's reading of a number packed as an unsigned 32-bit field (an expiry, an issue
/// time, a salt): the whole number, with a warning for a dropped fraction or a value that
/// is not a number. Expiry warnings are separate ([`expire_007`], [`expire_006`]).
///
/// # Errors
/// [`Error::InvalidArgument`] outside 0..=4294967295, where upstream raises too.
pub fn u32_number(field: &str, reading: NumberReading<'_>) -> Result<Lenient<u32>> {
    packed(field, reading, "0 to 4294967295")
}

/// Upstream's reading of a number packed as an unsigned 16-bit field (a privilege number,
/// an RTM2 type), as [`u32_number`].
///
/// # Errors
/// [`Error::InvalidArgument`] outside 0..=65535, where upstream raises too.
pub fn u16_number(field: &str, reading: NumberReading<'_>) -> Result<Lenient<u16>> {
    packed(field, reading, "0 to 65535")
}

/// Upstream's reading of a number packed as a signed 16-bit field (the APaaS role), as
/// [`u32_number`].
///
/// # Errors
/// [`Error::InvalidArgument`] outside -32768..=32767, where upstream raises too.
pub fn i16_number(field: &str, reading: NumberReading<'_>) -> Result<Lenient<i16>> {
    packed(field, reading, "-32768 to 32767")
}

/// Upstream's reading of an explicit issue time, as [`u32_number`]; the drop-in layer has
/// already read the number 0 (and what the language finds equal to it) as "now". Text that
/// reads as 0 (`"0"`) is not the number 0 there, so upstream packs the issue time 0
/// (1970-01-01): the token expired long ago. That warns.
///
/// # Errors
/// As [`u32_number`].
pub fn issue_time(field: &str, reading: NumberReading<'_>) -> Result<Lenient<u32>> {
    let mut lenient = u32_number(field, reading)?;
    if let NumberReading::Text { shown, value: 0 } = reading {
        lenient.warning = Some(CompatWarning::new(
            CompatWarning::ISSUE_TIME_ZERO_NOT_NOW,
            format!(
                "{field} is {shown}, text that reads as 0: the official builders take only the number 0 as \"now\", \
                 so they pack the issue time 0 (1970-01-01T00:00:00Z) and the token expired long ago; pass the \
                 number 0 for now, or a Unix time"
            ),
        ));
    }
    Ok(lenient)
}

/// Text longer than this is described in messages, not quoted.
const QUOTED_TEXT_CHARS: usize = 24;

/// Upstream's reading of a uid (RTC uid, Streaming/FCDN account, 006 uid) that is neither a
/// whole number from 0 to 4294967295 nor a string (`-1`, `2**32`, `1.5`, `None`, `true`...):
/// the official builders write `str(uid)` (Python) or `` `${uid}` `` (JavaScript) into the
/// token, so it becomes a user account; a value the language finds equal to 0 becomes `""`
/// (any user). `written` is that text, `shown` the value as the caller would print it. The
/// drop-in layer handles whole numbers in range (uids) and strings (accounts) itself, silently.
#[must_use]
pub fn uid_as_text(field: &str, shown: &str, written: &str) -> Lenient<User> {
    let written_as = if written.is_empty() {
        "the empty string (an RTC uid of \"\" means any user)".to_owned()
    } else if written.chars().count() <= QUOTED_TEXT_CHARS {
        format!("the user account \"{written}\"")
    } else {
        format!("a user account of {} characters", written.chars().count())
    };
    // A negative Java int uid from a client is the same 32 bits read unsigned.
    let sdk_note = match written.parse::<i32>() {
        Ok(negative) if negative < 0 => format!(
            ", which a client joining with the int uid {negative} does not match (the SDKs read it as uid {})",
            u32::from_ne_bytes(negative.to_ne_bytes())
        ),
        _ => String::new(),
    };
    Lenient {
        value: User::Account(written.to_owned()),
        warning: Some(CompatWarning::new(
            CompatWarning::UID_WRITTEN_AS_TEXT,
            format!(
                "{field} {shown} is neither a uid (a whole number from 0 to 4294967295) nor a string: the official \
                 builders write it as {written_as}{sdk_note}; pass a uid from 0 to 4294967295, or a string account"
            ),
        )),
    }
}

/// Upstream Java and Kotlin hold expiries, issue times and salts in an `int` and pack its 32
/// bits, so a negative value is packed as its unsigned 32-bit value (-1 as 4294967295). A
/// drop-in layer taking a `long` accepts `-2147483648..=4294967295` and packs the same bits.
/// No warning here: a wrapped expiry is huge, and [`expire_007`] warns about it; negative
/// salts are what Java draws half of the time, and issue times past 2038 are negative `int`s.
///
/// # Errors
/// [`Error::InvalidArgument`] outside that range, which no Java `int` holds.
pub fn java_u32(field: &str, value: i64) -> Result<u32> {
    u32_bits_of_signed(value).ok_or_else(|| Error::InvalidArgument {
        field: field.to_owned(),
        reason: format!(
            "{value} is outside -2147483648..=4294967295: tokens hold 32 bits, given as a Java int \
             (negative values are packed as their unsigned 32 bits, as upstream does) or 0 to 4294967295"
        ),
    })
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
        let token = AccessToken2::new(600).issued(1, 2).service(service).build(&creds).unwrap();
        let decoded = UnverifiedToken::parse(&token).unwrap();
        let map = decoded.payload().services()[0].privilege_map().clone();
        assert_eq!(map.into_iter().collect::<Vec<_>>(), vec![(0, 9), (65_535, 7)]);
    }

    #[test]
    fn numbers_pack_as_upstream_converts_them_and_warn_only_when_something_was_lost() {
        assert_eq!(u32_number("expire", NumberReading::Whole(600)).unwrap(), Lenient::clean(600));
        // Numeric text (a query string) is normal.
        let text = NumberReading::Text { shown: "'600'", value: 600 };
        assert_eq!(u32_number("expire", text).unwrap(), Lenient::clean(600));
        let fraction = u32_number("expire", NumberReading::Fraction { shown: "600.9", truncated: 600 }).unwrap();
        assert_eq!(fraction.value, 600);
        let warning = fraction.warning.unwrap();
        assert_eq!(warning.code(), CompatWarning::FRACTION_TRUNCATED);
        assert_eq!(
            warning.message(),
            "expire is 600.9, which has a fraction: the official builders drop it and pack 600; pass a whole number"
        );
        let nan = u32_number("tokenExpire", NumberReading::NotANumber { shown: "NaN", read_as: 0 }).unwrap();
        assert_eq!(nan.value, 0);
        assert_eq!(nan.warning.unwrap().code(), CompatWarning::NOT_A_NUMBER);
        let truthy = i16_number("role", NumberReading::NotANumber { shown: "true", read_as: 1 }).unwrap();
        assert_eq!(truthy.value, 1);
        assert!(truthy.warning.unwrap().message().contains("read it as 1"));
    }

    #[test]
    fn numbers_out_of_the_fields_range_are_refused_as_upstream_refuses_them() {
        let error = u32_number("expire", NumberReading::Whole(-1)).unwrap_err();
        assert_eq!(error.code(), "invalid_argument");
        assert!(error.to_string().contains("-1 is outside 0 to 4294967295"), "{error}");
        assert!(u32_number("expire", NumberReading::Whole(4_294_967_296)).is_err());
        assert_eq!(u32_number("expire", NumberReading::Whole(4_294_967_295)).unwrap().value, u32::MAX);
        assert!(u16_number("privilege", NumberReading::Whole(65_536)).is_err());
        assert_eq!(u16_number("privilege", NumberReading::Whole(65_535)).unwrap().value, 65_535);
        let text = NumberReading::Text { shown: "'40000'", value: 40_000 };
        assert!(i16_number("role", text).unwrap_err().to_string().contains("'40000' is outside -32768 to 32767"));
        assert_eq!(i16_number("role", NumberReading::Whole(-32_768)).unwrap().value, -32_768);
    }

    #[test]
    fn an_issue_time_of_text_zero_is_1970_not_now() {
        let zero = issue_time("issue_ts", NumberReading::Text { shown: "'0'", value: 0 }).unwrap();
        assert_eq!(zero.value, 0);
        let warning = zero.warning.unwrap();
        assert_eq!(warning.code(), CompatWarning::ISSUE_TIME_ZERO_NOT_NOW);
        assert!(warning.message().starts_with("issue_ts is '0', text that reads as 0"), "{warning}");
        assert_eq!(issue_time("issue_ts", NumberReading::Whole(0)).unwrap(), Lenient::clean(0));
        let text = NumberReading::Text { shown: "'1700000000'", value: 1_700_000_000 };
        assert_eq!(issue_time("issue_ts", text).unwrap(), Lenient::clean(1_700_000_000));
        let nan = issue_time("issueTs", NumberReading::NotANumber { shown: "'abc'", read_as: 0 }).unwrap();
        assert_eq!(nan.warning.unwrap().code(), CompatWarning::NOT_A_NUMBER);
    }

    #[test]
    fn uids_that_are_not_uids_are_written_as_text() {
        let negative = uid_as_text("uid", "-1", "-1");
        assert_eq!(negative.value, User::Account("-1".to_owned()));
        let warning = negative.warning.unwrap();
        assert_eq!(warning.code(), CompatWarning::UID_WRITTEN_AS_TEXT);
        assert!(warning.message().contains("the user account \"-1\""), "{warning}");
        assert!(warning.message().contains("the SDKs read it as uid 4294967295"), "{warning}");
        let falsy = uid_as_text("uid", "False", "");
        assert_eq!(falsy.value.to_wire_string(), "");
        assert!(falsy.warning.unwrap().message().contains("the empty string (an RTC uid"));
        let fraction = uid_as_text("uid", "1.5", "1.5").warning.unwrap();
        assert!(!fraction.message().contains("SDKs"), "{fraction}");
        let long = uid_as_text("uid", "a bytes of length 40", &"x".repeat(40)).warning.unwrap();
        assert!(long.message().contains("a user account of 40 characters") && !long.message().contains("xxxx"));
    }

    #[test]
    fn undefined_rtm2_types_warn_and_are_packed_unchecked() {
        assert_eq!(rtm2_resource_type(4), None);
        assert_eq!(rtm2_permission_type(1), None);
        let resource = rtm2_resource_type(5).unwrap();
        assert_eq!(resource.code(), CompatWarning::UNDEFINED_RTM2_TYPE);
        assert!(resource.message().starts_with("unknown RTM2 resource type 5: use 0 (message channels)"), "{resource}");
        assert!(rtm2_permission_type(65_535).unwrap().message().contains("permission type 65535"));

        let mut permissions = crate::Rtm2Permissions::new();
        permissions.add_unchecked(9, 7, ["b", "a"]).add_unchecked(0, 0, ["x"]).add_unchecked(9, 7, ["c"]);
        let listed: Vec<_> = permissions.iter().map(|(r, p, l)| (r, p, l.to_vec())).collect();
        assert_eq!(listed, vec![(0, 0, vec!["x".to_owned()]), (9, 7, vec!["c".to_owned()])]);
    }

    #[test]
    fn java_ints_pack_their_32_bits() {
        assert_eq!(java_u32("expire", -1).unwrap(), u32::MAX);
        assert_eq!(java_u32("salt", -2_147_483_648).unwrap(), 2_147_483_648);
        assert_eq!(java_u32("expire", 4_294_967_295).unwrap(), u32::MAX);
        assert_eq!(java_u32("expire", 600).unwrap(), 600);
        let error = java_u32("issueTs", 4_294_967_296).unwrap_err();
        assert!(error.to_string().starts_with("invalid issueTs: 4294967296 is outside"), "{error}");
        assert!(java_u32("issueTs", -2_147_483_649).is_err());
        // The wrapped expiry is huge, so the expiry warning fires.
        assert_eq!(
            expire_007("expire", java_u32("expire", -1).unwrap()).unwrap().code(),
            CompatWarning::EXPIRY_LOOKS_ABSOLUTE
        );
    }

    #[test]
    fn every_code_is_listed() {
        for code in [
            rtc_role(UpstreamValue::Integer(0)).warning.unwrap().code(),
            privilege(ServiceType::Rtm, 5).unwrap().code(),
            expire_007("x", 2_000_000_000).unwrap().code(),
            expire_007("x", 100_000).unwrap().code(),
            expire_006("x", 5).unwrap().code(),
            u32_number("x", NumberReading::Fraction { shown: "1.5", truncated: 1 }).unwrap().warning.unwrap().code(),
            u32_number("x", NumberReading::NotANumber { shown: "NaN", read_as: 0 }).unwrap().warning.unwrap().code(),
            issue_time("x", NumberReading::Text { shown: "'0'", value: 0 }).unwrap().warning.unwrap().code(),
            uid_as_text("x", "-1", "-1").warning.unwrap().code(),
            rtm2_resource_type(5).unwrap().code(),
        ] {
            assert!(CompatWarning::CODES.contains(&code), "{code}");
        }
        let mut unique = CompatWarning::CODES.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), CompatWarning::CODES.len());
    }
}
