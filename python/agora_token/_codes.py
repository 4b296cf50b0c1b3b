"""The code strings of errors, explain reasons and compat warnings as ``Literal`` types.

The same strings in every binding (they are the core's ``Error::CODES``, ``Reason::CODES`` and
``CompatWarning::CODES``); ``tests/test_codes.py`` compares each type with the tuple the native
module reads from the core (``ERROR_CODES``, ``REASON_CODES``, ``COMPAT_WARNING_CODES``), so a
code the core adds fails the tests until it is listed here.
"""

from typing import Literal

__all__ = ["ErrorCode", "ReasonCode", "CompatWarningCode"]

#: ``AgoraTokenError.code``: the kind of error (one subclass of ``AgoraTokenError`` per code).
ErrorCode = Literal[
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
]

#: ``Reason.code``: why ``explain`` says a user cannot join or publish.
ReasonCode = Literal[
    "wrong_certificate",
    "invalid_app_id",
    "app_id_mismatch",
    "token_expired",
    "no_rtc_service",
    "channel_mismatch",
    "user_mismatch",
    "uid_account_mix",
    "random_uid_against_fixed_token",
    "join_privilege_missing",
    "join_privilege_expired",
    "publish_privilege_missing",
    "publish_privilege_expired",
    "service_missing",
    "privilege_missing",
    "privilege_expired",
    "rtm2_permission_missing",
    "room_mismatch",
    "expires_soon",
]

#: ``AgoraTokenCompatWarning.code``: what a drop-in module accepted as upstream does.
CompatWarningCode = Literal[
    "role_read_as_join_only",
    "undefined_privilege",
    "expiry_looks_absolute",
    "expiry_looks_relative",
    "lifetime_over_24h",
    "fraction_truncated",
    "not_a_number",
    "issue_time_zero_not_now",
    "uid_written_as_text",
    "undefined_rtm2_type",
]
