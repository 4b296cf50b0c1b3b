"""Agora access tokens: build, decode, verify and explain AccessToken2 ("007") tokens.

The idiomatic API (this module)::

    from datetime import timedelta
    from agora_token import Credentials, TokenBuilder, RtcRole

    credentials = Credentials(app_id, app_certificate)
    token = (
        TokenBuilder(credentials, expire=timedelta(hours=1))
        .rtc(channel_name="room", user=42, role=RtcRole.PUBLISHER, privilege_expire=3600)
        .build()
    )

The drop-in API mirrors the upstream Python builders module by module, so only the
import changes, e.g. ``from agora_token.RtcTokenBuilder2 import RtcTokenBuilder, Role_Publisher``.
Legacy formats (006, DynamicKey, signaling) are in :mod:`agora_token.legacy`.

Decoding: :func:`verify` decodes and checks the signature; :func:`decode_unverified` only
decodes (for inspection, never for trust).

Every error is an :class:`AgoraTokenError` (a ``ValueError``) of a class per kind; its ``code``
is one of :data:`ERROR_CODES` (typed :data:`ErrorCode`). The drop-in
modules accept what upstream accepts; a value that is almost certainly a mistake (a 007 role
of 0, an undefined privilege number, an expiry that looks like a timestamp) still builds
upstream's token and emits an :class:`AgoraTokenCompatWarning`.
"""

from ._codes import CompatWarningCode, ErrorCode, ReasonCode
from ._enums import (
    ApaasPrivilege,
    ChatPrivilege,
    FcdnPrivilege,
    FpaPrivilege,
    RtcPrivilege,
    RtcRole,
    Rtm2PermissionType,
    Rtm2Privilege,
    Rtm2ResourceType,
    RtmPrivilege,
    ServiceType,
    StreamingPrivilege,
)
from ._warnings import AgoraTokenCompatWarning
from ._native import (
    APAAS_NO_ROLE,
    COMPAT_WARNING_CODES,
    DEFAULT_PRIVILEGE_EXPIRE,
    ERROR_CODES,
    FPA_TOKEN_EXPIRE,
    AccessVerdict,
    AgoraTokenError,
    ApaasService,
    ChatService,
    ClockError,
    ConvoAiService,
    Credentials,
    ExpiryLooksAbsoluteError,
    ExpiryLooksRelativeError,
    Explanation,
    FcdnService,
    FieldTooLongError,
    FpaService,
    InvalidAppCertificateError,
    InvalidAppIdError,
    InvalidArgumentError,
    InvalidBase64Error,
    InvalidUtf8Error,
    InvalidZlibError,
    NoServicesError,
    Payload,
    PrivilegeReport,
    RandomnessError,
    Reason,
    RtcService,
    Rtm2Permissions,
    Rtm2Service,
    RtmService,
    REASON_CODES,
    SDK_ERROR_CODES,
    SdkErrorDiagnosis,
    ServiceReport,
    ServiceVerdict,
    SignatureMismatchError,
    StreamingService,
    SttService,
    TokenBuilder,
    TooManyEntriesError,
    TruncatedError,
    UnknownPrivilegeError,
    UnknownRoleError,
    UnknownRtm2TypeError,
    UnknownServiceTypeError,
    UnverifiedToken,
    VerifiedToken,
    WildcardMatch,
    WrongVersionError,
    __version__,
    decode_unverified,
    explain,
    verify,
)

__all__ = [
    "__version__",
    # Credentials and building
    "Credentials",
    "TokenBuilder",
    "FPA_TOKEN_EXPIRE",
    "DEFAULT_PRIVILEGE_EXPIRE",
    "APAAS_NO_ROLE",
    # Enums
    "RtcRole",
    "ServiceType",
    "RtcPrivilege",
    "RtmPrivilege",
    "StreamingPrivilege",
    "FpaPrivilege",
    "ChatPrivilege",
    "FcdnPrivilege",
    "ApaasPrivilege",
    "Rtm2Privilege",
    "Rtm2ResourceType",
    "Rtm2PermissionType",
    # Services
    "RtcService",
    "RtmService",
    "StreamingService",
    "FpaService",
    "ChatService",
    "FcdnService",
    "ApaasService",
    "Rtm2Service",
    "Rtm2Permissions",
    "ConvoAiService",
    "SttService",
    # Decoding, verifying, explaining
    "verify",
    "decode_unverified",
    "explain",
    "UnverifiedToken",
    "VerifiedToken",
    "Payload",
    "Explanation",
    "AccessVerdict",
    "Reason",
    "ServiceReport",
    "PrivilegeReport",
    "ServiceVerdict",
    "WildcardMatch",
    "SdkErrorDiagnosis",
    "REASON_CODES",
    "ReasonCode",
    "SDK_ERROR_CODES",
    # Errors
    "ERROR_CODES",
    "ErrorCode",
    "AgoraTokenError",
    "InvalidAppIdError",
    "InvalidAppCertificateError",
    "FieldTooLongError",
    "TooManyEntriesError",
    "NoServicesError",
    "UnknownRoleError",
    "UnknownPrivilegeError",
    "UnknownServiceTypeError",
    "UnknownRtm2TypeError",
    "ExpiryLooksAbsoluteError",
    "ExpiryLooksRelativeError",
    "InvalidArgumentError",
    "ClockError",
    "RandomnessError",
    "WrongVersionError",
    "InvalidBase64Error",
    "InvalidZlibError",
    "TruncatedError",
    "InvalidUtf8Error",
    "SignatureMismatchError",
    # Warnings of the drop-in modules
    "AgoraTokenCompatWarning",
    "COMPAT_WARNING_CODES",
    "CompatWarningCode",
]
