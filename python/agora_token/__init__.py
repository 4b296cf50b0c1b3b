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

from . import _services
from ._codes import CompatWarningCode, ErrorCode, ReasonCode
from ._enums import RtcRole, Rtm2PermissionType, Rtm2ResourceType
# Generated from the core's service table: ServiceType, every service class (RtcService, ...) and
# every service's privilege enum (RtcPrivilege, ...); its __all__ is added to this one below.
from ._services import *  # noqa: F403
from ._warnings import AgoraTokenCompatWarning
from ._native import (
    APAAS_NO_ROLE,
    COMPAT_WARNING_CODES,
    DEFAULT_PRIVILEGE_EXPIRE,
    ERROR_CODES,
    FPA_TOKEN_EXPIRE,
    AccessVerdict,
    AgoraTokenError,
    ClockError,
    Credentials,
    ExpiryLooksAbsoluteError,
    ExpiryLooksRelativeError,
    Explanation,
    FieldTooLongError,
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
    Rtm2Permissions,
    REASON_CODES,
    SDK_ERROR_CODES,
    SdkErrorDiagnosis,
    ServiceReport,
    ServiceVerdict,
    SignatureMismatchError,
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
    # Enums and services besides the generated ones (see the end)
    "RtcRole",
    "Rtm2ResourceType",
    "Rtm2PermissionType",
    "Rtm2Permissions",
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
# ServiceType, the service classes and their privilege enums, generated (see _services.py).
__all__ += _services.__all__
