//! Status codes: one stable number per core `Error::code()` string, and the functions that
//! name them and free what the library returns.

use std::ffi::{c_char, CStr, CString};

use agora_token::Error;

/// The result of every fallible function. `AGORA_TOKEN_STATUS_OK` (0) is success; every other
/// value is the core error of the same name (`agora_token_status_code` gives its code string,
/// e.g. `"invalid_app_id"`). The numbers never change; new kinds get new numbers.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgoraTokenStatus {
    /// Success.
    Ok = 0,
    /// `invalid_app_id`: the app id is not 32 hexadecimal characters.
    InvalidAppId = 1,
    /// `invalid_app_certificate`: the app certificate is not 32 hexadecimal characters.
    InvalidAppCertificate = 2,
    /// `field_too_long`: a field is longer than the 65535 bytes a token field holds.
    FieldTooLong = 3,
    /// `too_many_entries`: a list has more than 65535 entries.
    TooManyEntries = 4,
    /// `no_services`: a token without any service.
    NoServices = 5,
    /// `unknown_role`: a role number the token kind does not define (strict mode).
    UnknownRole = 6,
    /// `unknown_privilege`: a privilege number the service does not define.
    UnknownPrivilege = 7,
    /// `unknown_service_type`: a service type outside 1..=10.
    UnknownServiceType = 8,
    /// `unknown_rtm2_type`: an RTM2 resource or permission type that is not defined.
    UnknownRtm2Type = 9,
    /// `expiry_looks_absolute`: strict mode refused a 007 expiry that looks like a Unix timestamp.
    ExpiryLooksAbsolute = 10,
    /// `expiry_looks_relative`: strict mode refused a 006 expiry that looks like a number of seconds.
    ExpiryLooksRelative = 11,
    /// `invalid_argument`: a NULL pointer, bad UTF-8, an index out of range, ...
    InvalidArgument = 12,
    /// `clock`: the system clock could not give the issue time.
    Clock = 13,
    /// `randomness`: the operating system could not give a random salt.
    Randomness = 14,
    /// `wrong_version`: the token does not start with the expected version prefix.
    WrongVersion = 15,
    /// `invalid_base64`: the token body is not valid base64.
    InvalidBase64 = 16,
    /// `invalid_zlib`: the token payload is not a valid zlib stream.
    InvalidZlib = 17,
    /// `truncated`: the payload ends inside a field.
    Truncated = 18,
    /// `invalid_utf8`: a text field of the token is not UTF-8.
    InvalidUtf8 = 19,
    /// `signature_mismatch`: the signature does not match the certificate.
    SignatureMismatch = 20,
    /// `internal`: a bug in the library (a caught panic, or a core error this version of the C
    /// layer does not know). Never returned for bad input.
    Internal = 255,
}

/// A static C string from a NUL-terminated literal. (Not `c"..."` literals: the cbindgen of
/// Debian 12, which the test script uses, cannot parse them.)
const fn name(bytes: &'static [u8]) -> &'static CStr {
    match CStr::from_bytes_with_nul(bytes) {
        Ok(name) => name,
        // Only ever evaluated in constants: a malformed literal fails the build, never a call.
        #[allow(clippy::panic)]
        Err(_) => panic!("a status name must end with its only NUL"),
    }
}

/// The name of numbers that are not a status.
const UNKNOWN: &CStr = name(b"unknown\0");

/// Every status with its code string, in number order (the one table both directions use).
const CODES: [(AgoraTokenStatus, &CStr); 22] = [
    (AgoraTokenStatus::Ok, name(b"ok\0")),
    (AgoraTokenStatus::InvalidAppId, name(b"invalid_app_id\0")),
    (AgoraTokenStatus::InvalidAppCertificate, name(b"invalid_app_certificate\0")),
    (AgoraTokenStatus::FieldTooLong, name(b"field_too_long\0")),
    (AgoraTokenStatus::TooManyEntries, name(b"too_many_entries\0")),
    (AgoraTokenStatus::NoServices, name(b"no_services\0")),
    (AgoraTokenStatus::UnknownRole, name(b"unknown_role\0")),
    (AgoraTokenStatus::UnknownPrivilege, name(b"unknown_privilege\0")),
    (AgoraTokenStatus::UnknownServiceType, name(b"unknown_service_type\0")),
    (AgoraTokenStatus::UnknownRtm2Type, name(b"unknown_rtm2_type\0")),
    (AgoraTokenStatus::ExpiryLooksAbsolute, name(b"expiry_looks_absolute\0")),
    (AgoraTokenStatus::ExpiryLooksRelative, name(b"expiry_looks_relative\0")),
    (AgoraTokenStatus::InvalidArgument, name(b"invalid_argument\0")),
    (AgoraTokenStatus::Clock, name(b"clock\0")),
    (AgoraTokenStatus::Randomness, name(b"randomness\0")),
    (AgoraTokenStatus::WrongVersion, name(b"wrong_version\0")),
    (AgoraTokenStatus::InvalidBase64, name(b"invalid_base64\0")),
    (AgoraTokenStatus::InvalidZlib, name(b"invalid_zlib\0")),
    (AgoraTokenStatus::Truncated, name(b"truncated\0")),
    (AgoraTokenStatus::InvalidUtf8, name(b"invalid_utf8\0")),
    (AgoraTokenStatus::SignatureMismatch, name(b"signature_mismatch\0")),
    (AgoraTokenStatus::Internal, name(b"internal\0")),
];

impl AgoraTokenStatus {
    /// The status of a core error, found by its code string.
    pub(crate) fn from_error(error: &Error) -> Self {
        let code = error.code().as_bytes();
        CODES.iter().find(|(_, name)| name.to_bytes() == code).map_or(AgoraTokenStatus::Internal, |(status, _)| *status)
    }
}

/// The stable code string of a status, e.g. `"invalid_app_id"` for 1: the same string as the
/// core's `Error::code()` and the `code` of every other binding's errors. `"ok"` for 0,
/// `"unknown"` for a number that is not a status. Static: never freed.
#[no_mangle]
pub extern "C" fn agora_token_status_code(status: i32) -> *const c_char {
    CODES.iter().find(|(known, _)| *known as i32 == status).map_or(UNKNOWN, |(_, name)| name).as_ptr()
}

/// Frees a string this library returned (a token, JSON, or an error message). NULL is ignored.
///
/// # Safety
/// `string` must be NULL or a pointer returned by this library that was not freed yet.
#[no_mangle]
pub unsafe extern "C" fn agora_token_free(string: *mut c_char) {
    if !string.is_null() {
        // SAFETY: by contract, a pointer from `CString::into_raw` in this library, freed once.
        drop(unsafe { CString::from_raw(string) });
    }
}

/// The library version, e.g. `"0.1.0"`. Static: never freed.
#[no_mangle]
pub extern "C" fn agora_token_version() -> *const c_char {
    const VERSION: &CStr = name(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes());
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every kind the core has today.
    fn every_core_error() -> Vec<Error> {
        vec![
            Error::InvalidAppId { problem: String::new() },
            Error::InvalidAppCertificate { problem: String::new() },
            Error::FieldTooLong { field: "f", len: 0 },
            Error::TooManyEntries { what: "w", count: 0 },
            Error::NoServices,
            Error::UnknownRole { kind: "k", value: String::new(), expected: "e" },
            Error::UnknownPrivilege { service: "s", value: 0, expected: "e" },
            Error::UnknownServiceType { value: 0 },
            Error::UnknownRtm2Type { what: "w", value: 0, expected: "e" },
            Error::ExpiryLooksAbsolute { field: String::new(), value: 0, date: String::new() },
            Error::ExpiryLooksRelative { field: String::new(), value: 0 },
            Error::InvalidArgument { field: String::new(), reason: String::new() },
            Error::Clock { detail: String::new() },
            Error::Randomness { detail: String::new() },
            Error::WrongVersion { expected: "007", found: String::new() },
            Error::Base64 { detail: String::new() },
            Error::Zlib { detail: String::new() },
            Error::Truncated { field: "f" },
            Error::InvalidUtf8 { field: "f" },
            Error::SignatureMismatch,
        ]
    }

    #[test]
    fn every_core_code_has_its_own_status_and_the_same_string() {
        let errors = every_core_error();
        let mut seen = std::collections::HashSet::new();
        for error in &errors {
            let status = AgoraTokenStatus::from_error(error);
            assert_ne!(status, AgoraTokenStatus::Internal, "{}", error.code());
            assert!(seen.insert(status as i32), "{} shares a number", error.code());
            // SAFETY: the function returns a static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(agora_token_status_code(status as i32)) };
            assert_eq!(name.to_str().unwrap(), error.code());
        }
        assert_eq!(seen.len() + 2, CODES.len(), "ok and internal are the only statuses without a core error");
    }

    #[test]
    fn numbers_are_stable_and_unknown_numbers_are_named_so() {
        for (index, (status, _)) in CODES.iter().enumerate().take(21) {
            assert_eq!(*status as i32, i32::try_from(index).unwrap());
        }
        // SAFETY: static strings.
        let (internal, unknown) =
            unsafe { (CStr::from_ptr(agora_token_status_code(255)), CStr::from_ptr(agora_token_status_code(21))) };
        assert_eq!(internal.to_str().unwrap(), "internal");
        assert_eq!(unknown.to_str().unwrap(), "unknown");
    }
}
