// Written by hand next to the uniffi-generated API (same module): the code of each error.
// No Swift compiler runs where this is tested: scripts/test-uniffi.sh parses this file with
// tree-sitter-swift and checks (bindings/uniffi/tests/swift/error_codes_check.py) that the switch
// maps every case of the generated `AgoraTokenError` to the code its documentation gives, the
// same as Kotlin's `AgoraTokenException.code`, whose tests compare it with the core's list.

extension AgoraTokenError {
    /// The core's stable code of this error (`errorCodes()` lists them): the same string as
    /// Python's `AgoraTokenError.code`, Node's `error.code` and Kotlin's `AgoraTokenException.code`,
    /// e.g. `"signature_mismatch"` for `.SignatureMismatch`. `"other"` for a kind added to the
    /// core after this binding was built. The switch has no `default`: a case added to the error
    /// enum does not compile until it has its code here.
    public var code: String {
        switch self {
        case .InvalidAppId: return "invalid_app_id"
        case .InvalidAppCertificate: return "invalid_app_certificate"
        case .FieldTooLong: return "field_too_long"
        case .TooManyEntries: return "too_many_entries"
        case .NoServices: return "no_services"
        case .UnknownRole: return "unknown_role"
        case .UnknownPrivilege: return "unknown_privilege"
        case .UnknownServiceType: return "unknown_service_type"
        case .UnknownRtm2Type: return "unknown_rtm2_type"
        case .ExpiryLooksAbsolute: return "expiry_looks_absolute"
        case .ExpiryLooksRelative: return "expiry_looks_relative"
        case .InvalidArgument: return "invalid_argument"
        case .Clock: return "clock"
        case .Randomness: return "randomness"
        case .WrongVersion: return "wrong_version"
        case .InvalidBase64: return "invalid_base64"
        case .InvalidZlib: return "invalid_zlib"
        case .Truncated: return "truncated"
        case .InvalidUtf8: return "invalid_utf8"
        case .SignatureMismatch: return "signature_mismatch"
        case .Other: return "other"
        }
    }
}
