//! The one FFI error type: a variant per kind of core error, carrying the core's message.

use std::fmt;

/// Every failure of the bindings, one variant per [`agora_token::Error::code`].
///
/// Exported as `AgoraTokenError`, which Kotlin turns into the sealed class
/// `AgoraTokenException` (e.g. `AgoraTokenException.InvalidAppId`) and Swift keeps as the
/// enum `AgoraTokenError`. It is a *flat* error: each variant carries only the core's
/// message (`Throwable.message` in Kotlin), which says what to fix and never contains the
/// certificate. Not named `Error` because uniffi would make that `Exception` in Kotlin.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi(flat_error, name = "AgoraTokenError")]
pub enum FfiError {
    /// `invalid_app_id`: the app id is not 32 hexadecimal characters.
    InvalidAppId(String),
    /// `invalid_app_certificate`: the app certificate is not 32 hexadecimal characters.
    InvalidAppCertificate(String),
    /// `field_too_long`: a string is longer than the 65535 bytes a token field holds.
    FieldTooLong(String),
    /// `too_many_entries`: a list or map has more than 65535 entries.
    TooManyEntries(String),
    /// `no_services`: a token was built without any service.
    NoServices(String),
    /// `unknown_role`: a role number or name is not defined.
    UnknownRole(String),
    /// `unknown_privilege`: a privilege number is not defined for the service.
    UnknownPrivilege(String),
    /// `unknown_service_type`: a service type number is not defined.
    UnknownServiceType(String),
    /// `unknown_rtm2_type`: an RTM2 resource or permission type is not defined.
    UnknownRtm2Type(String),
    /// `expiry_looks_absolute`: strict mode refused a 007 expiry that looks like a Unix timestamp.
    ExpiryLooksAbsolute(String),
    /// `expiry_looks_relative`: strict mode refused a 006 expiry that looks like a number of seconds.
    ExpiryLooksRelative(String),
    /// `invalid_argument`: an argument is out of range or malformed.
    InvalidArgument(String),
    /// `clock`: the system clock could not give the issue time.
    Clock(String),
    /// `randomness`: the operating system could not provide a random salt.
    Randomness(String),
    /// `wrong_version`: the token does not start with the expected version prefix.
    WrongVersion(String),
    /// `invalid_base64`: the token body is not valid base64.
    InvalidBase64(String),
    /// `invalid_zlib`: the token body is not a valid zlib stream.
    InvalidZlib(String),
    /// `truncated`: the token ends in the middle of a field.
    Truncated(String),
    /// `invalid_utf8`: a text field of the token is not UTF-8.
    InvalidUtf8(String),
    /// `signature_mismatch`: the signature does not match the certificate.
    SignatureMismatch(String),
    /// An error kind added to the core after this binding was written (the core's error
    /// enum is `#[non_exhaustive]`); the message still says what to fix.
    Other(String),
}

impl FfiError {
    /// The core's stable snake_case code for this variant (`"other"` for [`FfiError::Other`]).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            FfiError::InvalidAppId(_) => "invalid_app_id",
            FfiError::InvalidAppCertificate(_) => "invalid_app_certificate",
            FfiError::FieldTooLong(_) => "field_too_long",
            FfiError::TooManyEntries(_) => "too_many_entries",
            FfiError::NoServices(_) => "no_services",
            FfiError::UnknownRole(_) => "unknown_role",
            FfiError::UnknownPrivilege(_) => "unknown_privilege",
            FfiError::UnknownServiceType(_) => "unknown_service_type",
            FfiError::UnknownRtm2Type(_) => "unknown_rtm2_type",
            FfiError::ExpiryLooksAbsolute(_) => "expiry_looks_absolute",
            FfiError::ExpiryLooksRelative(_) => "expiry_looks_relative",
            FfiError::InvalidArgument(_) => "invalid_argument",
            FfiError::Clock(_) => "clock",
            FfiError::Randomness(_) => "randomness",
            FfiError::WrongVersion(_) => "wrong_version",
            FfiError::InvalidBase64(_) => "invalid_base64",
            FfiError::InvalidZlib(_) => "invalid_zlib",
            FfiError::Truncated(_) => "truncated",
            FfiError::InvalidUtf8(_) => "invalid_utf8",
            FfiError::SignatureMismatch(_) => "signature_mismatch",
            FfiError::Other(_) => "other",
        }
    }

    fn message(&self) -> &str {
        match self {
            FfiError::InvalidAppId(m)
            | FfiError::InvalidAppCertificate(m)
            | FfiError::FieldTooLong(m)
            | FfiError::TooManyEntries(m)
            | FfiError::NoServices(m)
            | FfiError::UnknownRole(m)
            | FfiError::UnknownPrivilege(m)
            | FfiError::UnknownServiceType(m)
            | FfiError::UnknownRtm2Type(m)
            | FfiError::ExpiryLooksAbsolute(m)
            | FfiError::ExpiryLooksRelative(m)
            | FfiError::InvalidArgument(m)
            | FfiError::Clock(m)
            | FfiError::Randomness(m)
            | FfiError::WrongVersion(m)
            | FfiError::InvalidBase64(m)
            | FfiError::InvalidZlib(m)
            | FfiError::Truncated(m)
            | FfiError::InvalidUtf8(m)
            | FfiError::SignatureMismatch(m)
            | FfiError::Other(m) => m,
        }
    }
}

impl fmt::Display for FfiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for FfiError {}

impl FfiError {
    /// The variant of a core error code (`Other` for a code this binding does not know),
    /// carrying `message`.
    fn from_code(code: &str, message: String) -> FfiError {
        match code {
            "invalid_app_id" => FfiError::InvalidAppId(message),
            "invalid_app_certificate" => FfiError::InvalidAppCertificate(message),
            "field_too_long" => FfiError::FieldTooLong(message),
            "too_many_entries" => FfiError::TooManyEntries(message),
            "no_services" => FfiError::NoServices(message),
            "unknown_role" => FfiError::UnknownRole(message),
            "unknown_privilege" => FfiError::UnknownPrivilege(message),
            "unknown_service_type" => FfiError::UnknownServiceType(message),
            "unknown_rtm2_type" => FfiError::UnknownRtm2Type(message),
            "expiry_looks_absolute" => FfiError::ExpiryLooksAbsolute(message),
            "expiry_looks_relative" => FfiError::ExpiryLooksRelative(message),
            "invalid_argument" => FfiError::InvalidArgument(message),
            "clock" => FfiError::Clock(message),
            "randomness" => FfiError::Randomness(message),
            "wrong_version" => FfiError::WrongVersion(message),
            "invalid_base64" => FfiError::InvalidBase64(message),
            "invalid_zlib" => FfiError::InvalidZlib(message),
            "truncated" => FfiError::Truncated(message),
            "invalid_utf8" => FfiError::InvalidUtf8(message),
            "signature_mismatch" => FfiError::SignatureMismatch(message),
            _ => FfiError::Other(message),
        }
    }
}

impl From<agora_token::Error> for FfiError {
    /// Maps by [`agora_token::Error::code`], never by the message, so a renamed message
    /// cannot change the exception class.
    fn from(error: agora_token::Error) -> Self {
        FfiError::from_code(error.code(), error.to_string())
    }
}

/// Every code of the core's errors (the core's [`agora_token::Error::CODES`]): each is the
/// snake_case name of its `AgoraTokenError` variant (`signature_mismatch` is
/// `AgoraTokenException.SignatureMismatch` in Kotlin, `AgoraTokenError.SignatureMismatch` in
/// Swift), the same strings as the Python and Node error codes.
#[uniffi::export]
#[must_use]
pub fn error_codes() -> Vec<String> {
    agora_token::Error::CODES.iter().map(|&code| code.to_owned()).collect()
}

/// The result type of every fallible export.
pub type FfiResult<T> = Result<T, FfiError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// `InvalidAppId` for `invalid_app_id`: how uniffi's variant names spell the codes.
    fn variant_name(code: &str) -> String {
        code.split('_')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn every_core_code_has_its_own_variant_named_after_it() {
        // Error::CODES is the core's list: a code the core adds fails here (it maps to `Other`)
        // until the enum, and so the Kotlin sealed class and the Swift enum, has its variant.
        for &code in agora_token::Error::CODES {
            let ffi = FfiError::from_code(code, "message".to_owned());
            assert_eq!(ffi.code(), code);
            assert_eq!(format!("{ffi:?}"), format!("{}(\"message\")", variant_name(code)));
            assert_eq!(ffi.to_string(), "message");
        }
        assert_eq!(error_codes(), agora_token::Error::CODES);
    }

    #[test]
    fn a_core_error_keeps_its_code_and_message() {
        let error = agora_token::Error::SignatureMismatch;
        let ffi = FfiError::from(error.clone());
        assert_eq!((ffi.code(), ffi.to_string()), (error.code(), error.to_string()));
    }
}
