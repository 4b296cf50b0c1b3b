// Written by hand next to the uniffi-generated API (same package): the code of each error.
package io.github.agoratokenrs

/**
 * The core's stable code of this error (`errorCodes()` lists them): the same string as
 * Python's `AgoraTokenError.code` and Node's `error.code`, e.g. `"signature_mismatch"` for
 * [AgoraTokenException.SignatureMismatch]. `"other"` for a kind added to the core after this
 * binding was built. The `when` has no `else`: a variant added to the error enum does not
 * compile until it has its code here.
 */
val AgoraTokenException.code: String
    get() = when (this) {
        is AgoraTokenException.InvalidAppId -> "invalid_app_id"
        is AgoraTokenException.InvalidAppCertificate -> "invalid_app_certificate"
        is AgoraTokenException.FieldTooLong -> "field_too_long"
        is AgoraTokenException.TooManyEntries -> "too_many_entries"
        is AgoraTokenException.NoServices -> "no_services"
        is AgoraTokenException.UnknownRole -> "unknown_role"
        is AgoraTokenException.UnknownPrivilege -> "unknown_privilege"
        is AgoraTokenException.UnknownServiceType -> "unknown_service_type"
        is AgoraTokenException.UnknownRtm2Type -> "unknown_rtm2_type"
        is AgoraTokenException.ExpiryLooksAbsolute -> "expiry_looks_absolute"
        is AgoraTokenException.ExpiryLooksRelative -> "expiry_looks_relative"
        is AgoraTokenException.InvalidArgument -> "invalid_argument"
        is AgoraTokenException.Clock -> "clock"
        is AgoraTokenException.Randomness -> "randomness"
        is AgoraTokenException.WrongVersion -> "wrong_version"
        is AgoraTokenException.InvalidBase64 -> "invalid_base64"
        is AgoraTokenException.InvalidZlib -> "invalid_zlib"
        is AgoraTokenException.Truncated -> "truncated"
        is AgoraTokenException.InvalidUtf8 -> "invalid_utf8"
        is AgoraTokenException.SignatureMismatch -> "signature_mismatch"
        is AgoraTokenException.Other -> "other"
    }
