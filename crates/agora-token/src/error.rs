//! The one error type of the crate.

/// Everything that can go wrong while building, decoding or verifying a token.
///
/// Each message says what to fix. Messages never contain the app certificate.
/// Use [`Error::code`] for a stable machine-readable name (the bindings map it to
/// exception classes and error codes) and [`Error::category`] to group failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The app id is not 32 hexadecimal characters.
    #[error("app id must be 32 hexadecimal characters (0-9, a-f, A-F), but {problem}; copy the App ID from the Agora console")]
    InvalidAppId {
        /// What is wrong with it, e.g. "it is 31 characters long".
        problem: String,
    },
    /// The app certificate is not 32 hexadecimal characters.
    #[error("app certificate must be 32 hexadecimal characters (0-9, a-f, A-F), but {problem}; copy the primary certificate from the Agora console")]
    InvalidAppCertificate {
        /// What is wrong with it; never the certificate itself.
        problem: String,
    },
    /// A string or byte field is longer than the 16-bit length prefix of the wire format allows.
    #[error("{field} is {len} bytes long, but a token field holds at most 65535 bytes; shorten it")]
    FieldTooLong {
        /// Which field.
        field: &'static str,
        /// Its length in bytes.
        len: usize,
    },
    /// A list or map has more entries than its 16-bit count allows.
    #[error("{what} has {count} entries, but a token holds at most 65535; split it into several tokens")]
    TooManyEntries {
        /// Which list or map.
        what: &'static str,
        /// How many entries it has.
        count: usize,
    },
    /// A token was built without any service.
    #[error("no service added: add at least one service (RTC, RTM, Chat, ...) before building the token")]
    NoServices,
    /// A role number or name is not one of the roles of that token kind.
    #[error("unknown {kind} role {value}: use {expected}")]
    UnknownRole {
        /// Which role set (e.g. "RTC", "006 RTC", "APaaS").
        kind: &'static str,
        /// The value that was given.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A privilege number is not defined for that service.
    #[error("unknown {service} privilege {value}: use {expected}")]
    UnknownPrivilege {
        /// The service (e.g. "RTC").
        service: &'static str,
        /// The privilege number that was given.
        value: u16,
        /// The accepted values.
        expected: &'static str,
    },
    /// A service type number is not one this crate knows.
    #[error("unknown service type {value}: use {}", crate::ServiceType::known_range())]
    UnknownServiceType {
        /// The number that was given.
        value: u16,
    },
    /// An RTM2 resource or permission type is not defined.
    #[error("unknown RTM2 {what} {value}: use {expected}")]
    UnknownRtm2Type {
        /// "resource type" or "permission type".
        what: &'static str,
        /// The number that was given.
        value: u16,
        /// The accepted values.
        expected: &'static str,
    },
    /// Strict mode: a relative expiry looks like an absolute Unix timestamp.
    #[error("{field} is {value}, which looks like an absolute Unix timestamp ({date}); AccessToken2 expiries are seconds from the issue time (e.g. 3600 for one hour)")]
    ExpiryLooksAbsolute {
        /// Which expiry.
        field: String,
        /// The value that was given.
        value: u32,
        /// The value read as a date, for the message.
        date: String,
    },
    /// Strict mode: an absolute expiry (006 family) looks like a number of seconds.
    #[error("{field} is {value}, which looks like a number of seconds; AccessToken (006) privilege expiries are absolute Unix timestamps (now + seconds), or 0 for no expiry")]
    ExpiryLooksRelative {
        /// Which expiry.
        field: String,
        /// The value that was given.
        value: u32,
    },
    /// An argument is out of range or malformed (for inputs checked by the bindings, e.g. a negative uid).
    #[error("invalid {field}: {reason}")]
    InvalidArgument {
        /// Which argument.
        field: String,
        /// What is wrong and what to pass instead.
        reason: String,
    },
    /// The system clock could not give the issue time.
    #[error("cannot read the issue time from the system clock ({detail}); pass the issue time explicitly")]
    Clock {
        /// What went wrong.
        detail: String,
    },
    /// The operating system could not provide a random salt.
    #[error("cannot get a random salt from the operating system ({detail}); pass the salt explicitly")]
    Randomness {
        /// What went wrong.
        detail: String,
    },
    /// The token does not start with the expected version prefix.
    #[error("{}", wrong_version_message(expected, found))]
    WrongVersion {
        /// The prefix this decoder reads, e.g. "007".
        expected: &'static str,
        /// The start of the token that was given (at most 3 characters).
        found: String,
    },
    /// The token body is not valid base64.
    #[error("the token body is not valid standard base64 ({detail}); was the token cut off, URL-encoded or wrapped?")]
    Base64 {
        /// What the base64 decoder reported.
        detail: String,
    },
    /// The token body is not a valid zlib stream.
    #[error("the token payload is not a valid zlib stream ({detail}); the token is corrupt or truncated")]
    Zlib {
        /// What the inflater reported.
        detail: String,
    },
    /// The payload ends in the middle of a field.
    #[error("the token payload ends inside {field}; the token is truncated or corrupt")]
    Truncated {
        /// The field being read.
        field: &'static str,
    },
    /// A text field of the payload is not UTF-8.
    #[error("{field} in the token is not valid UTF-8; the token is corrupt")]
    InvalidUtf8 {
        /// The field being read.
        field: &'static str,
    },
    /// The token's signature does not match the certificate.
    #[error("signature mismatch: the token was not signed with this app certificate, or it was modified")]
    SignatureMismatch,
}

/// The broad class of an [`Error`], e.g. for exit codes and HTTP statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// The caller passed something invalid (credentials, arguments, roles, lengths).
    InvalidInput,
    /// A token could not be decoded.
    MalformedToken,
    /// A token decoded but its signature does not match.
    Verification,
    /// The environment failed (clock, randomness).
    Environment,
}

impl Error {
    /// Every error code, in declaration order: the bindings export this list as a typed union
    /// or enum (TypeScript `ErrorCode`, Python `ErrorCode`, the uniffi error's variants), and
    /// their tests compare against it, so a code added here fails a binding that lacks it.
    pub const CODES: &'static [&'static str] = &[
        "invalid_app_id",
        "invalid_app_certificate",
        "field_too_long",
        "too_many_entries",
        "no_services",
        "unknown_role",
        "unknown_privilege",
        "unknown_service_type",
        "unknown_rtm2_type",
        "expiry_looks_absolute",
        "expiry_looks_relative",
        "invalid_argument",
        "clock",
        "randomness",
        "wrong_version",
        "invalid_base64",
        "invalid_zlib",
        "truncated",
        "invalid_utf8",
        "signature_mismatch",
    ];

    /// A stable snake_case name for the kind of error, e.g. `"invalid_app_id"`.
    ///
    /// Bindings use it for exception classes and `code` properties; it never changes for a kind.
    /// One of [`Error::CODES`].
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidAppId { .. } => "invalid_app_id",
            Error::InvalidAppCertificate { .. } => "invalid_app_certificate",
            Error::FieldTooLong { .. } => "field_too_long",
            Error::TooManyEntries { .. } => "too_many_entries",
            Error::NoServices => "no_services",
            Error::UnknownRole { .. } => "unknown_role",
            Error::UnknownPrivilege { .. } => "unknown_privilege",
            Error::UnknownServiceType { .. } => "unknown_service_type",
            Error::UnknownRtm2Type { .. } => "unknown_rtm2_type",
            Error::ExpiryLooksAbsolute { .. } => "expiry_looks_absolute",
            Error::ExpiryLooksRelative { .. } => "expiry_looks_relative",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::Clock { .. } => "clock",
            Error::Randomness { .. } => "randomness",
            Error::WrongVersion { .. } => "wrong_version",
            Error::Base64 { .. } => "invalid_base64",
            Error::Zlib { .. } => "invalid_zlib",
            Error::Truncated { .. } => "truncated",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::SignatureMismatch => "signature_mismatch",
        }
    }

    /// The broad class of this error.
    #[must_use]
    pub fn category(&self) -> ErrorCategory {
        match self {
            Error::InvalidAppId { .. }
            | Error::InvalidAppCertificate { .. }
            | Error::FieldTooLong { .. }
            | Error::TooManyEntries { .. }
            | Error::NoServices
            | Error::UnknownRole { .. }
            | Error::UnknownPrivilege { .. }
            | Error::UnknownServiceType { .. }
            | Error::UnknownRtm2Type { .. }
            | Error::ExpiryLooksAbsolute { .. }
            | Error::ExpiryLooksRelative { .. }
            | Error::InvalidArgument { .. } => ErrorCategory::InvalidInput,
            Error::WrongVersion { .. }
            | Error::Base64 { .. }
            | Error::Zlib { .. }
            | Error::Truncated { .. }
            | Error::InvalidUtf8 { .. } => ErrorCategory::MalformedToken,
            Error::SignatureMismatch => ErrorCategory::Verification,
            Error::Clock { .. } | Error::Randomness { .. } => ErrorCategory::Environment,
        }
    }
}

fn wrong_version_message(expected: &str, found: &str) -> String {
    let hint = match found {
        "" => "the token is empty".to_owned(),
        "007" => "it is an AccessToken2 (007); decode it with the AccessToken2 decoder".to_owned(),
        "006" => "it is a legacy AccessToken (006); decode it with the 006 decoder".to_owned(),
        "005" | "004" | "003" => {
            format!("it is a legacy DynamicKey ({found}); it cannot be decoded as this kind")
        }
        _ if found.len() < 3 => format!("it is only {} characters long", found.len()),
        _ => format!("it starts with {found:?}; check that the whole token was copied"),
    };
    format!("not a {expected} token: {hint}")
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_version_messages_point_at_the_right_decoder() {
        let err = Error::WrongVersion { expected: "007", found: "006".into() };
        assert!(err.to_string().contains("006 decoder"), "{err}");
        let err = Error::WrongVersion { expected: "007", found: "00".into() };
        assert!(err.to_string().contains("2 characters"), "{err}");
        let err = Error::WrongVersion { expected: "007", found: String::new() };
        assert!(err.to_string().contains("empty"), "{err}");
    }

    /// One error of every kind. The match makes a new kind a compile error here until it is
    /// added to the list (and so to the comparison with `Error::CODES` below).
    fn one_of_each_kind() -> Vec<Error> {
        let all = vec![
            Error::InvalidAppId { problem: String::new() },
            Error::InvalidAppCertificate { problem: String::new() },
            Error::FieldTooLong { field: "f", len: 1 },
            Error::TooManyEntries { what: "w", count: 1 },
            Error::NoServices,
            Error::UnknownRole { kind: "k", value: String::new(), expected: "e" },
            Error::UnknownPrivilege { service: "s", value: 9, expected: "e" },
            Error::UnknownServiceType { value: 11 },
            Error::UnknownRtm2Type { what: "w", value: 9, expected: "e" },
            Error::ExpiryLooksAbsolute { field: String::new(), value: 1, date: String::new() },
            Error::ExpiryLooksRelative { field: String::new(), value: 1 },
            Error::InvalidArgument { field: String::new(), reason: String::new() },
            Error::Clock { detail: String::new() },
            Error::Randomness { detail: String::new() },
            Error::WrongVersion { expected: "007", found: String::new() },
            Error::Base64 { detail: String::new() },
            Error::Zlib { detail: String::new() },
            Error::Truncated { field: "f" },
            Error::InvalidUtf8 { field: "f" },
            Error::SignatureMismatch,
        ];
        for error in &all {
            match error {
                Error::InvalidAppId { .. }
                | Error::InvalidAppCertificate { .. }
                | Error::FieldTooLong { .. }
                | Error::TooManyEntries { .. }
                | Error::NoServices
                | Error::UnknownRole { .. }
                | Error::UnknownPrivilege { .. }
                | Error::UnknownServiceType { .. }
                | Error::UnknownRtm2Type { .. }
                | Error::ExpiryLooksAbsolute { .. }
                | Error::ExpiryLooksRelative { .. }
                | Error::InvalidArgument { .. }
                | Error::Clock { .. }
                | Error::Randomness { .. }
                | Error::WrongVersion { .. }
                | Error::Base64 { .. }
                | Error::Zlib { .. }
                | Error::Truncated { .. }
                | Error::InvalidUtf8 { .. }
                | Error::SignatureMismatch => {}
            }
        }
        all
    }

    #[test]
    fn codes_lists_every_kind_once_in_declaration_order() {
        let codes: Vec<&str> = one_of_each_kind().iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len());
    }

    #[test]
    fn codes_are_distinct_per_kind() {
        let samples = [
            Error::NoServices,
            Error::SignatureMismatch,
            Error::Truncated { field: "salt" },
            Error::Zlib { detail: String::new() },
        ];
        let codes: std::collections::HashSet<_> = samples.iter().map(Error::code).collect();
        assert_eq!(codes.len(), samples.len());
        assert_eq!(Error::SignatureMismatch.category(), ErrorCategory::Verification);
    }
}
