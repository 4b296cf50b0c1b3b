"""Type stubs of the native module ``agora_token._native`` (built from bindings/python).

Import everything from :mod:`agora_token` and :mod:`agora_token.legacy`; this module is private.
These stubs are checked against the built module with ``python -m mypy.stubtest``.

Argument shapes used throughout:

* seconds: an ``int`` or a ``datetime.timedelta`` of whole seconds, 0 to 2**32-1.
* Unix time: an ``int`` or a timezone-aware ``datetime.datetime`` (naive ones are refused).
* user: an ``int`` uid (0 means any user) or a ``str`` account (used verbatim; "0" stays "0").

A wrong type raises ``TypeError``; a value out of range raises :class:`InvalidArgumentError`
(a ``ValueError``); the core's other checks raise the other :class:`AgoraTokenError` subclasses.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, ClassVar, Final, Optional, Union, final

from typing_extensions import Self

from ._codes import CompatWarningCode, ErrorCode, ReasonCode

_Seconds = Union[int, timedelta]
_UnixTime = Union[int, datetime]
_User = Union[int, str]
_Certificate = Union[str, "Credentials"]

__all__ = [
    "__version__",
    "AccessVerdict",
    "AgoraTokenError",
    "APAAS_NO_ROLE",
    "COMPAT_WARNING_CODES",
    "ERROR_CODES",
    "REASON_CODES",
    "SDK_ERROR_CODES",
    "SdkErrorDiagnosis",
    "ServiceVerdict",
    "WildcardMatch",
    "ClockError",
    "compat_build_006",
    "compat_build_007",
    "compat_expire_006",
    "compat_expire_007",
    "compat_i16",
    "compat_role_006",
    "compat_rtc_role",
    "compat_rtm2_permissions",
    "compat_u32",
    "compat_uid",
    "Credentials",
    "decode_unverified",
    "rtc_token_with_uid",
    "rtc_token_with_user_account",
    "decode_006_unverified",
    "dynamic_key5",
    "dynamic_key_v1",
    "dynamic_key_v2",
    "dynamic_key_v3",
    "dynamic_key_v4",
    "ExpiryLooksAbsoluteError",
    "ExpiryLooksRelativeError",
    "explain",
    "Explanation",
    "FieldTooLongError",
    "FPA_TOKEN_EXPIRE",
    "DEFAULT_PRIVILEGE_EXPIRE",
    "InvalidAppCertificateError",
    "InvalidAppIdError",
    "InvalidArgumentError",
    "InvalidBase64Error",
    "InvalidUtf8Error",
    "InvalidZlibError",
    "NoServicesError",
    "Payload",
    "PrivilegeReport",
    "PRIVILEGES",
    "PRIVILEGES_006",
    "RandomnessError",
    "rtc_token_006_with_account",
    "rtc_token_006_with_uid",
    "Reason",
    "Rtm2Permissions",
    "SERVICE_TYPES",
    "ServiceReport",
    "signaling_token",
    "SignatureMismatchError",
    "TokenBuilder",
    "TokenBuilder006",
    "TooManyEntriesError",
    "TruncatedError",
    "UnknownPrivilegeError",
    "UnknownRoleError",
    "UnknownRtm2TypeError",
    "UnknownServiceTypeError",
    "UnverifiedToken",
    "UnverifiedToken006",
    "VerifiedToken",
    "verify",
    "WrongVersionError",
]

__version__: Final[str]
#: The token lifetime every upstream FPA builder uses: 86400 seconds (24 hours).
FPA_TOKEN_EXPIRE: Final[int]
#: The RTC privilege lifetime ``TokenBuilder.rtc`` and ``rtc_with_rtm`` use when none is given: 0,
#: no limit of its own, so the privileges last as long as the token (upstream's default too).
DEFAULT_PRIVILEGE_EXPIRE: Final[int]
#: The APaaS role packed into user and app tokens, which have no room: -1.
APAAS_NO_ROLE: Final[int]
#: The ``code`` of every ``AgoraTokenCompatWarning`` (the core's ``CompatWarning::CODES``).
COMPAT_WARNING_CODES: Final[tuple[CompatWarningCode, ...]]
#: Every ``Reason.code`` explain can give, read from the core (the same strings in every binding).
REASON_CODES: Final[tuple[ReasonCode, ...]]
#: The ``code`` of every ``AgoraTokenError`` subclass (the core's ``Error::CODES``).
ERROR_CODES: Final[tuple[ErrorCode, ...]]
#: Every SDK error code ``explain(sdk_error=...)`` accepts, read from the core.
SDK_ERROR_CODES: Final[tuple[str, ...]]
#: Service type number -> name, read from the core.
SERVICE_TYPES: Final[dict[int, str]]
#: Service type number -> {privilege name -> privilege number}, ascending by number, read from
#: the core (``ServiceType::privileges``): ``PRIVILEGES[1]["join_channel"] == 1``. The drop-in
#: constants (``ServiceRtc.kPrivilegeJoinChannel``) and the enums (``RtcPrivilege.JOIN_CHANNEL``)
#: are tested against it.
PRIVILEGES: Final[dict[int, dict[str, int]]]
#: The 006 privileges, {privilege name -> privilege number}, ascending by number, read from the
#: core (``legacy::Privilege006::NAMES``): ``PRIVILEGES_006["rtm_login"] == 1000``.
PRIVILEGES_006: Final[dict[str, int]]

# ---------------------------------------------------------------------------------------------
# Errors: one class per kind of core error, chosen by its stable code.

class AgoraTokenError(ValueError):
    """Base class of every error raised by agora_token; a ``ValueError``.

    ``code`` is the stable snake_case name of the kind, one of ``ERROR_CODES`` (``None`` on
    this base class); the message says what to fix and never contains the app certificate.
    """

    code: ClassVar[Optional[ErrorCode]]

class InvalidAppIdError(AgoraTokenError):
    """The app id is not 32 hexadecimal characters (code ``invalid_app_id``)."""

class InvalidAppCertificateError(AgoraTokenError):
    """The app certificate is not 32 hexadecimal characters (code ``invalid_app_certificate``)."""

class FieldTooLongError(AgoraTokenError):
    """A string field is longer than the 65535 bytes a token field holds (code ``field_too_long``)."""

class TooManyEntriesError(AgoraTokenError):
    """A list or map has more than 65535 entries (code ``too_many_entries``)."""

class NoServicesError(AgoraTokenError):
    """A token was built without any service (code ``no_services``)."""

class UnknownRoleError(AgoraTokenError):
    """A role number or name is not a role of that token kind (code ``unknown_role``)."""

class UnknownPrivilegeError(AgoraTokenError):
    """A privilege number is not defined for that service (code ``unknown_privilege``)."""

class UnknownServiceTypeError(AgoraTokenError):
    """A service type number is not one the library knows (code ``unknown_service_type``)."""

class UnknownRtm2TypeError(AgoraTokenError):
    """An RTM2 resource or permission type is not defined (code ``unknown_rtm2_type``)."""

class ExpiryLooksAbsoluteError(AgoraTokenError):
    """Strict mode: a 007 expiry looks like an absolute Unix timestamp (code ``expiry_looks_absolute``)."""

class ExpiryLooksRelativeError(AgoraTokenError):
    """Strict mode: a 006 expiry looks like a number of seconds (code ``expiry_looks_relative``)."""

class InvalidArgumentError(AgoraTokenError):
    """An argument is out of range or malformed, e.g. a negative uid (code ``invalid_argument``)."""

class ClockError(AgoraTokenError):
    """The system clock could not give the issue time (code ``clock``)."""

class RandomnessError(AgoraTokenError):
    """The operating system could not provide a random salt (code ``randomness``)."""

class WrongVersionError(AgoraTokenError):
    """The token does not start with the expected version prefix (code ``wrong_version``)."""

class InvalidBase64Error(AgoraTokenError):
    """The token body is not valid base64 (code ``invalid_base64``)."""

class InvalidZlibError(AgoraTokenError):
    """The token payload is not a valid zlib stream (code ``invalid_zlib``)."""

class TruncatedError(AgoraTokenError):
    """The token payload ends in the middle of a field (code ``truncated``)."""

class InvalidUtf8Error(AgoraTokenError):
    """A text field of the token is not UTF-8 (code ``invalid_utf8``)."""

class SignatureMismatchError(AgoraTokenError):
    """The token's signature does not match the certificate (code ``signature_mismatch``)."""

# ---------------------------------------------------------------------------------------------
# Credentials

@final
class Credentials:
    """An app id and its app certificate, both checked to be 32 hexadecimal characters.

    The certificate cannot be read back, is never shown by ``repr()`` and is wiped from the
    library's memory when the object is freed.

    Raises:
        InvalidAppIdError: the app id is not 32 hexadecimal characters.
        InvalidAppCertificateError: the certificate is not (the message never repeats it).
    """

    def __new__(cls, app_id: str, app_certificate: str) -> Self: ...
    @staticmethod
    def from_env() -> Credentials:
        """Reads ``AGORA_APP_ID`` and ``AGORA_APP_CERTIFICATE`` from the environment.

        Raises:
            InvalidArgumentError: a variable is unset or empty (the message names it).
            InvalidAppIdError, InvalidAppCertificateError: a value is malformed.
        """
    @property
    def app_id(self) -> str:
        """The app id, as given (its letter case is kept: it is packed verbatim)."""

# ---------------------------------------------------------------------------------------------
# Services of a 007 token. Privileges map a privilege number (or enum member) to its expiry in
# seconds after the issue time; numbers the service does not define raise UnknownPrivilegeError.

@final
class Rtm2Permissions:
    """RTM2 resource permissions: for each (resource type, permission type) pair a list of
    resource names, kept in order with duplicates. Adding a pair again replaces its list."""

    def __new__(cls) -> Self: ...
    def add(self, resource_type: int, permission_type: int, resources: Iterable[str]) -> None:
        """Sets the resources of a pair (``Rtm2ResourceType``, ``Rtm2PermissionType``).

        Raises:
            UnknownRtm2TypeError: a type number is not defined.
            TypeError: ``resources`` is a single str instead of a list of names.
        """
    def items(self) -> list[tuple[int, int, list[str]]]:
        """Every (resource type, permission type, resources), both types ascending."""
    def __len__(self) -> int:
        """The number of (resource type, permission type) pairs."""

# <generated by bindings/python/src/services.rs: the service classes>
@final
class RtcService:
    """RTC (type 1): join a channel and publish streams."""

    def __new__(
        cls,
        *,
        channel_name: str,
        user: _User,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 1."""
    @property
    def channel_name(self) -> str:
        """The channel name; "" or "*" means any channel."""
    @property
    def uid(self) -> str:
        """The uid as packed: "" for any user (numeric uid 0), else the decimal uid or the account."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class RtmService:
    """RTM (type 2): log in to real-time messaging."""

    def __new__(
        cls,
        *,
        user_id: str,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 2."""
    @property
    def user_id(self) -> str:
        """The RTM user id."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class StreamingService:
    """Streaming (type 3): publish mixed or raw streams."""

    def __new__(
        cls,
        *,
        channel_name: str,
        user: _User,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 3."""
    @property
    def channel_name(self) -> str:
        """The channel name."""
    @property
    def account(self) -> str:
        """The account as packed ("" for numeric uid 0)."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class FpaService:
    """FPA (type 4)."""

    def __new__(
        cls,
        *,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 4."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class ChatService:
    """Chat (type 5)."""

    def __new__(
        cls,
        *,
        user_id: str,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 5."""
    @property
    def user_id(self) -> str:
        """The chat user id ("" for app tokens)."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class FcdnService:
    """FCDN (type 6)."""

    def __new__(
        cls,
        *,
        channel_name: str,
        user: _User,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 6."""
    @property
    def channel_name(self) -> str:
        """The channel name."""
    @property
    def account(self) -> str:
        """The account as packed ("" for numeric uid 0)."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class ApaasService:
    """APaaS / Flexible Classroom / Education (type 7)."""

    def __new__(
        cls,
        *,
        room_uuid: str = "",
        user_uuid: str = "",
        role: Optional[int] = None,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 7."""
    @property
    def room_uuid(self) -> str:
        """The room uuid ("" for user and app tokens)."""
    @property
    def user_uuid(self) -> str:
        """The user uuid ("" for app tokens)."""
    @property
    def role(self) -> int:
        """The role in the room; -1 when unused."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class Rtm2Service:
    """RTM2 (type 8): RTM login with resource permissions."""

    def __new__(
        cls,
        *,
        user_id: str,
        permissions: Optional[Rtm2Permissions] = None,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 8."""
    @property
    def user_id(self) -> str:
        """The RTM user id."""
    @property
    def permissions(self) -> Rtm2Permissions:
        """A copy of the resource permissions."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry in seconds after the issue time."""

@final
class ConvoAiService:
    """Conversational AI (type 9): no fields, no privileges; its presence is the grant."""

    def __new__(
        cls,
        *,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 9."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry (ConvoAI defines none; a decoded token may still hold some)."""

@final
class SttService:
    """Speech-to-text (type 10): no fields, no privileges; its presence is the grant."""

    def __new__(
        cls,
        *,
        privileges: Optional[Mapping[int, _Seconds]] = None,
    ) -> Self: ...
    @property
    def service_type(self) -> int:
        """The service type number, 10."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> expiry (STT defines none; a decoded token may still hold some)."""

_Service = Union[
    "RtcService",
    "RtmService",
    "StreamingService",
    "FpaService",
    "ChatService",
    "FcdnService",
    "ApaasService",
    "Rtm2Service",
    "ConvoAiService",
    "SttService",
]

__all__ += [
    "RtcService",
    "RtmService",
    "StreamingService",
    "FpaService",
    "ChatService",
    "FcdnService",
    "ApaasService",
    "Rtm2Service",
    "ConvoAiService",
    "SttService",
]
# </generated>

# ---------------------------------------------------------------------------------------------
# Building AccessToken2 ("007")

@final
class TokenBuilder:
    """Builds an AccessToken2 ("007") token (the core's ``AccessToken2``).

    Give the credentials and the token lifetime (seconds after the issue time), optionally the
    issue time (default: the clock at ``build()``) and the salt (default: random), add services
    with the methods named after the upstream builders (each adds exactly what that builder
    adds) or with :meth:`service`, then call :meth:`build`. Methods return the builder::

        token = (
            TokenBuilder(credentials, expire=3600)
            .rtc(channel_name="room", user=42, role=RtcRole.PUBLISHER, privilege_expire=3600)
            .build()
        )

    ``strict=True`` makes ``build()`` refuse expiries that look like absolute Unix timestamps
    (``ExpiryLooksAbsoluteError``), the usual cause of "invalid token" errors.
    """

    def __new__(
        cls,
        credentials: Credentials,
        *,
        expire: _Seconds,
        issued_at: Optional[_UnixTime] = None,
        salt: Optional[int] = None,
        strict: bool = False,
    ) -> Self: ...
    @property
    def expire(self) -> int:
        """The token lifetime in seconds."""
    @property
    def issued_at(self) -> Optional[int]:
        """The issue time (Unix seconds), or None for the clock at build()."""
    @property
    def salt(self) -> Optional[int]:
        """The salt, or None for a random one at build()."""
    @property
    def strict(self) -> bool:
        """Whether build() refuses expiries that look like absolute Unix timestamps."""
    @property
    def services(self) -> list[_Service]:
        """The services added so far, in insertion order."""
    def service(self, service: _Service) -> Self:
        """Adds any service object; services of the same type are all kept, in order."""
    def rtc(self, *, channel_name: str, user: _User, role: Union[int, str], privilege_expire: Optional[_Seconds] = None) -> Self:
        """RTC for a uid or account (upstream ``build_token_with_uid`` / ``build_token_with_user_account``).

        Join until ``privilege_expire`` (default ``DEFAULT_PRIVILEGE_EXPIRE``, 0: no limit of its own,
        the token lifetime applies);
        ``RtcRole.PUBLISHER`` (1, "publisher", "host") also gets publish audio, video and data;
        ``RtcRole.SUBSCRIBER`` (2, "subscriber", "audience") joins only. Other roles raise UnknownRoleError.
        """
    def rtc_with_privileges(
        self,
        *,
        channel_name: str,
        user: _User,
        join_channel: _Seconds,
        publish_audio: _Seconds,
        publish_video: _Seconds,
        publish_data: _Seconds,
    ) -> Self:
        """RTC with an expiry per privilege and no role (upstream ``build_token_with_uid_and_privilege``)."""
    def rtc_with_rtm(
        self, *, channel_name: str, account: str, role: Union[int, str], privilege_expire: Optional[_Seconds] = None
    ) -> Self:
        """RTC for an account plus RTM login for it until the token expires (upstream ``build_token_with_rtm``);
        ``privilege_expire`` as in ``rtc``."""
    def rtc_with_rtm_expiries(
        self,
        *,
        channel_name: str,
        account: str,
        role: Union[int, str],
        join_channel: _Seconds,
        publish_audio: _Seconds,
        publish_video: _Seconds,
        publish_data: _Seconds,
        rtm_user_id: str,
        rtm_expire: _Seconds,
    ) -> Self:
        """RTC for an account with an expiry per privilege (publishing only for a publisher) plus
        RTM login for ``rtm_user_id`` (upstream ``build_token_with_rtm2``)."""
    def convo_ai(
        self,
        *,
        channel_name: str,
        account: str,
        role: Union[int, str],
        join_channel: _Seconds,
        publish_audio: _Seconds,
        publish_video: _Seconds,
        publish_data: _Seconds,
        rtm_user_id: str,
        rtm_expire: _Seconds,
    ) -> Self:
        """As :meth:`rtc_with_rtm_expiries` plus the ConvoAI service (upstream ``ConvoAITokenBuilder.build_token``)."""
    def stt(
        self,
        *,
        channel_name: str,
        account: str,
        role: Union[int, str],
        join_channel: _Seconds,
        publish_audio: _Seconds,
        publish_video: _Seconds,
        publish_data: _Seconds,
        rtm_user_id: str,
        rtm_expire: _Seconds,
    ) -> Self:
        """As :meth:`rtc_with_rtm_expiries` plus the STT service (upstream ``SttTokenBuilder.build_token``)."""
    def rtm(self, *, user_id: str, expire: _Seconds) -> Self:
        """RTM login for a user id until ``expire`` (upstream ``RtmTokenBuilder.build_token``)."""
    def rtm2(self, *, user_id: str, permissions: Rtm2Permissions, expire: _Seconds) -> Self:
        """RTM2 login with resource permissions (upstream ``build_token_with_permissions``)."""
    def chat_user(self, *, user_id: str, expire: _Seconds) -> Self:
        """A Chat user's service (upstream ``ChatTokenBuilder.build_user_token``)."""
    def chat_app(self, *, expire: _Seconds) -> Self:
        """A Chat app token's service (upstream ``ChatTokenBuilder.build_app_token``)."""
    def fpa(self) -> Self:
        """The FPA service as upstream packs it (login privilege 0). Upstream FPA tokens live
        ``FPA_TOKEN_EXPIRE`` (24 hours): pass that as ``expire``."""
    def apaas_room_user(
        self, *, room_uuid: str, user_uuid: str, role: int, expire: _Seconds, node_compatible: bool = False
    ) -> Self:
        """APaaS / Education room-user token (upstream ``build_room_user_token``): APaaS room-user
        privilege, RTM login for the user and Chat for the MD5 of the user uuid, all until ``expire``.
        ``node_compatible=True`` reproduces npm agora-token's variant (no APaaS privilege, role 0 -> -1)."""
    def apaas_user(self, *, user_uuid: str, expire: _Seconds) -> Self:
        """APaaS / Education user token (upstream ``build_user_token``)."""
    def apaas_app(self, *, expire: _Seconds) -> Self:
        """APaaS / Education app token (upstream ``build_app_token``)."""
    def streaming(self, *, channel_name: str, user: _User, privileges: Iterable[int], expire: _Seconds) -> Self:
        """A Streaming service granting ``privileges`` (``StreamingPrivilege``) until ``expire``."""
    def fcdn(self, *, channel_name: str, user: _User, privileges: Iterable[int], expire: _Seconds) -> Self:
        """An FCDN service granting ``privileges`` (``FcdnPrivilege``) until ``expire``."""
    def build(self) -> str:
        """Signs and encodes the token: "007" + base64(zlib level 6(...)), byte-identical with
        the upstream Python, Java, C++, PHP and Ruby builders for the same inputs.

        Raises:
            NoServicesError: no service was added.
            FieldTooLongError, TooManyEntriesError: a field does not fit the format.
            ExpiryLooksAbsoluteError: strict mode, an expiry looks like a Unix timestamp.
            ClockError, RandomnessError: the issue time or salt was not given and cannot be obtained.
        """

# ---------------------------------------------------------------------------------------------
# Decoding and verifying AccessToken2 ("007")

@final
class Payload:
    """What a 007 token says: the fields of its signing info."""

    @property
    def app_id(self) -> str:
        """The app id as packed (not necessarily valid)."""
    @property
    def issued_at(self) -> int:
        """The issue time, Unix seconds."""
    @property
    def expire(self) -> int:
        """The token lifetime in seconds after the issue time."""
    @property
    def expires_at(self) -> int:
        """When the token expires, Unix seconds (issued_at + expire)."""
    @property
    def salt(self) -> int:
        """The salt."""
    @property
    def services(self) -> list[_Service]:
        """The services, in token (packed) order."""
    @property
    def unknown_service_type(self) -> Optional[int]:
        """The type number of a service the library does not know, if the token has one
        (decoding stops there and keeps the services before it, as every upstream parser does)."""
    def services_of(self, service_type: int) -> list[_Service]:
        """The services of one type (a ``ServiceType`` member or number), in token order."""

@final
class UnverifiedToken:
    """A decoded 007 token whose signature has NOT been checked: fine for inspection, not for trust."""

    @property
    def payload(self) -> Payload:
        """What the token says (unverified)."""
    @property
    def signature(self) -> bytes:
        """The signature bytes as found in the token."""
    def check_signature(self, app_certificate: _Certificate) -> None:
        """Checks the signature in constant time.

        Raises:
            SignatureMismatchError: the token was not signed with this certificate, or was modified.
            InvalidAppIdError: the token's app id is not 32 hexadecimal characters.
            InvalidAppCertificateError: the certificate given is not 32 hexadecimal characters.
        """
    def verify(self, app_certificate: _Certificate) -> VerifiedToken:
        """Checks the signature (as :meth:`check_signature`) and returns the token as verified."""

@final
class VerifiedToken:
    """A 007 token whose signature matched the certificate."""

    @property
    def payload(self) -> Payload:
        """What the token says."""

def decode_unverified(token: str) -> UnverifiedToken:
    """Decodes a 007 token without checking its signature (any valid zlib stream is accepted):
    for inspection only. :func:`verify` decodes and checks the signature.

    Raises:
        WrongVersionError: it is not a 007 token (the message says what it is instead).
        InvalidBase64Error, InvalidZlibError, TruncatedError, InvalidUtf8Error: it is corrupt.
    """

def rtc_token_with_uid(
    app_id: str,
    app_certificate: str,
    channel_name: str,
    uid: _User,
    role: int,
    token_expire: _Seconds,
    privilege_expire: Optional[_Seconds] = 0,
    *,
    issued_at: Optional[_UnixTime] = None,
    salt: Optional[int] = None,
) -> str:
    """Upstream ``RtcTokenBuilder.build_token_with_uid`` (``uid`` 0 is any user); the drop-in
    ``agora_token.RtcTokenBuilder2.RtcTokenBuilder.build_token_with_uid`` is this function.

    ``role`` is read as upstream reads it: ``role == 1`` publishes, any other value joins only.
    Roles other than 1 and 2, and expiries that look like Unix timestamps or exceed 24 hours,
    emit an ``AgoraTokenCompatWarning``.

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, FieldTooLongError,
        InvalidArgumentError: as ``TokenBuilder(...).rtc(...).build()``.
    """

def rtc_token_with_user_account(
    app_id: str,
    app_certificate: str,
    channel_name: str,
    account: _User,
    role: int,
    token_expire: _Seconds,
    privilege_expire: Optional[_Seconds] = 0,
    *,
    issued_at: Optional[_UnixTime] = None,
    salt: Optional[int] = None,
) -> str:
    """Upstream ``RtcTokenBuilder.build_token_with_user_account``; the drop-in method of that
    name is this function. ``role`` and expiries are read as in :func:`rtc_token_with_uid`.

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, FieldTooLongError,
        InvalidArgumentError: as ``TokenBuilder(...).rtc(...).build()``.
    """

# ---------------------------------------------------------------------------------------------
# The drop-in modules' reading of loose input (agora_token::compat). Each surprising value
# emits an ``agora_token.AgoraTokenCompatWarning`` with the core's code and message.

def compat_rtc_role(role: object) -> int:
    """Upstream's reading of a 007 RTC role: 1 if ``role == 1`` (publisher), else 2 (join only);
    warns for any value other than 1 and 2."""

def compat_role_006(role: object) -> int:
    """Upstream's reading of a 006 RTC role: 0, 1, 2 or 101 as given, anything else 2 (join
    only, with a warning)."""

def compat_expire_007(**expiries: object) -> tuple[int, ...]:
    """Each 007 expiry (keyword = argument name) as upstream packs it, in keyword order: read
    with ``int()`` (``"600"`` is 600; ``600.9`` packs 600 and ``True`` 1, with a warning; a
    ``timedelta`` is taken too), with a warning when it looks like an absolute Unix timestamp
    or exceeds 24 hours.

    Raises:
        TypeError, InvalidArgumentError: where upstream's ``int()`` or packing raises.
    """

def compat_expire_006(**expiries: object) -> tuple[int, ...]:
    """Each 006 expiry (keyword = argument name) as upstream packs it, in keyword order (as
    ``compat_expire_007``; an aware ``datetime`` is taken too), with a warning for non-zero ones
    that look like a number of seconds instead of a Unix time.

    Raises:
        TypeError, InvalidArgumentError: where upstream's ``int()`` or packing raises.
    """

def compat_uid(field: str, value: object) -> str:
    """A uid or account as upstream's ``ServiceRtc`` writes it (``b'' if uid == 0 else
    str(uid)``): the text packed into the token. An ``int`` from 0 to 2**32-1 and a ``str`` are
    read silently; anything else warns."""

def compat_u32(field: str, value: object) -> int:
    """A number packed as a u32, read with ``int()`` as upstream does (warns for a fraction or a
    bool).

    Raises:
        TypeError, InvalidArgumentError: where upstream's ``int()`` or packing raises.
    """

def compat_i16(field: str, value: object) -> int:
    """A number packed as an i16 (the APaaS role), as ``compat_u32``."""

def compat_rtm2_permissions(details: Mapping[Any, Mapping[Any, Iterable[str]]]) -> Rtm2Permissions:
    """Upstream's ``ServiceRtm2.Permissions.details`` packed as upstream packs it: any type
    number (read with ``int()``), with a warning for types RTM2 does not define."""

def compat_build_007(
    app_id: str,
    app_certificate: str,
    *,
    expire: object,
    issued_at: Optional[object],
    salt: Optional[object],
    services: Iterable[tuple[_Service, Mapping[Any, object]]],
) -> str:
    """The drop-in ``AccessToken2.AccessToken.build()``: each service object (without
    privileges) with its privileges, every number 0 to 65535 packed as given; undefined ones
    and surprising expiries warn.

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, NoServicesError, FieldTooLongError,
        TooManyEntriesError, InvalidArgumentError.
    """

def compat_build_006(
    app_id: str,
    app_certificate: str,
    channel_name: str,
    uid: object,
    *,
    privileges: Mapping[Any, object],
    expires_at: Optional[object],
    salt: Optional[object],
) -> str:
    """The drop-in 006 ``AccessToken.build()``: every privilege number 0 to 65535 packed as
    given; undefined ones and expiries that look like seconds warn.

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, FieldTooLongError, InvalidArgumentError.
    """

def verify(token: str, app_certificate: _Certificate) -> VerifiedToken:
    """Decodes a 007 token and verifies its signature with the certificate (str or Credentials).

    Raises:
        SignatureMismatchError: the signature does not match; or any error of :func:`decode_unverified`.
    """

# ---------------------------------------------------------------------------------------------
# Explaining a token

@final
class PrivilegeReport:
    """One privilege of one service in an explanation."""

    @property
    def code(self) -> int:
        """The privilege number."""
    @property
    def name(self) -> str:
        """Its name, or "unknown"."""
    @property
    def value(self) -> int:
        """The value in the token: seconds after the issue time (007) or a Unix time (006)."""
    @property
    def expires_at(self) -> Optional[int]:
        """When it ends (Unix seconds), or None when it sets no limit of its own."""
    @property
    def expired(self) -> bool:
        """Whether it has ended at the explanation's time."""

@final
class ServiceReport:
    """One service of the explained token."""

    @property
    def type_code(self) -> int:
        """The service type number (0 for the 006 pseudo-service)."""
    @property
    def name(self) -> str:
        """The service name, e.g. "RTC"."""
    @property
    def fields(self) -> list[tuple[str, str]]:
        """Its fields as (name, value) pairs, e.g. ("channel", "room-1")."""
    @property
    def privileges(self) -> list[PrivilegeReport]:
        """Its privileges."""

@final
class Reason:
    """Why a user cannot join or publish with a token."""

    @property
    def code(self) -> ReasonCode:
        """A stable name, e.g. "token_expired", "channel_mismatch", "uid_account_mix",
        "publish_privilege_missing", "wrong_certificate"."""
    @property
    def message(self) -> str:
        """What is wrong and what to do about it (also ``str(reason)``)."""

@final
class AccessVerdict:
    """Whether a user can join a channel with the token now, and publish."""

    @property
    def channel_name(self) -> Optional[str]:
        """The channel asked about."""
    @property
    def user(self) -> Optional[str]:
        """The user asked about, as the token would hold it."""
    @property
    def can_join(self) -> bool:
        """Whether joining is allowed."""
    @property
    def can_publish_audio(self) -> bool:
        """Whether publishing audio is allowed."""
    @property
    def can_publish_video(self) -> bool:
        """Whether publishing video is allowed."""
    @property
    def can_publish_data(self) -> bool:
        """Whether publishing data streams is allowed."""
    @property
    def reasons(self) -> list[Reason]:
        """Every reason something is not allowed, most fundamental first."""
    def can_join_and_publish(self) -> bool:
        """Whether joining and publishing audio and video are all allowed."""

@final
class WildcardMatch:
    """A channel or user admitted by a wildcard pattern in the token, not by its own name."""

    @property
    def field(self) -> str:
        """What matched: "channel", "user" or "RTM channel"."""
    @property
    def pattern(self) -> str:
        """The pattern in the token ("" for uid 0 or the empty channel, which admit anything)."""
    @property
    def value(self) -> str:
        """The value asked about."""

@final
class ServiceVerdict:
    """What the user of one service of the token can do with it now."""

    @property
    def service(self) -> str:
        """The service name, e.g. "RTM"."""
    @property
    def question(self) -> str:
        """What was judged, in words, e.g. 'log in to RTM as "alice"'."""
    @property
    def allowed(self) -> bool:
        """Whether that is allowed now."""
    @property
    def grants(self) -> list[str]:
        """What the token lets its user do now, in words."""
    @property
    def reasons(self) -> list[Reason]:
        """Every reason something is not allowed, most fundamental first."""
    @property
    def wildcard_matches(self) -> list[WildcardMatch]:
        """Channels and users admitted by a wildcard pattern."""

@final
class SdkErrorDiagnosis:
    """What an SDK error means for the explained token."""

    @property
    def code(self) -> str:
        """The error's stable code, e.g. "rtc-110"."""
    @property
    def sdk_name(self) -> str:
        """The SDK's name for it, e.g. "ERR_INVALID_TOKEN (110)"."""
    @property
    def meaning(self) -> str:
        """What the SDK means by it."""
    @property
    def explained_by(self) -> list[Reason]:
        """The reasons found in the token that explain it (empty: the token is not at fault)."""
    @property
    def other_causes(self) -> str:
        """What causes it when the token is not at fault."""
    @property
    def source(self) -> str:
        """Where the SDK documents it."""

@final
class Explanation:
    """Everything a support engineer needs to know about a token. ``str()`` is a readable
    multi-line report; ``repr()`` a one-line summary."""

    @property
    def version(self) -> str:
        """ "007" or "006"."""
    @property
    def app_id(self) -> str:
        """The app id in the token."""
    @property
    def issued_at(self) -> Optional[int]:
        """When the token was issued (Unix seconds; 007 only)."""
    @property
    def lifetime(self) -> Optional[int]:
        """The lifetime in seconds (007 only)."""
    @property
    def expires_at(self) -> int:
        """When the token expires (Unix seconds)."""
    @property
    def salt(self) -> int:
        """The salt."""
    @property
    def now(self) -> int:
        """The time the explanation judges expiry at (Unix seconds)."""
    @property
    def expired(self) -> bool:
        """Whether the token has expired at ``now``."""
    @property
    def signature(self) -> str:
        """The signature check: "valid", "invalid" or "not_checked"."""
    @property
    def verified_with(self) -> Optional[str]:
        """Which certificate verified the signature: "primary", "secondary", or None."""
    @property
    def verdicts(self) -> list[ServiceVerdict]:
        """One verdict per kind of service in the token: what its user can do with it now."""
    @property
    def sdk_error(self) -> Optional[SdkErrorDiagnosis]:
        """What the SDK error passed as ``sdk_error`` means for this token."""
    @property
    def services(self) -> list[ServiceReport]:
        """The services (a 006 token shows as one pseudo-service)."""
    @property
    def access(self) -> Optional[AccessVerdict]:
        """The join/publish verdict, when a channel or a user was given."""
    @property
    def warnings(self) -> list[str]:
        """Things that are legal but likely mistakes (e.g. an expiry that looks like a timestamp)."""
    def summary(self) -> str:
        """A one-line summary, e.g. "can join: yes; can publish: no (...)"."""

def explain(
    token: str,
    *,
    app_certificate: Optional[_Certificate] = None,
    secondary_certificate: Optional[_Certificate] = None,
    expected_app_id: Optional[str] = None,
    channel_name: Optional[str] = None,
    user: Optional[_User] = None,
    user_id: Optional[str] = None,
    rtm_channel: Optional[str] = None,
    room_uuid: Optional[str] = None,
    sdk_error: Optional[str] = None,
    now: Optional[_UnixTime] = None,
) -> Explanation:
    """Explains a 007 or 006 token.

    Every keyword is optional: the certificate (and the project's secondary certificate)
    checks the signature; ``expected_app_id`` checks the token is for the client's project; a
    channel and/or user asks for an RTC join verdict (would this user get in, and publish, and
    if not why); ``user_id``, ``rtm_channel`` and ``room_uuid`` ask about RTM, RTM2, Chat and
    APaaS logins; ``sdk_error`` (one of ``SDK_ERROR_CODES`` or a bare RTC error number such
    as "110") asks which checks explain the error the SDK reported; ``now`` defaults to the
    clock. Every service of the token gets a verdict in ``Explanation.verdicts``.

    Raises:
        WrongVersionError, InvalidBase64Error, InvalidZlibError, TruncatedError: it cannot be decoded.
        InvalidArgumentError: an unknown ``sdk_error``.
    """

# ---------------------------------------------------------------------------------------------
# Legacy: AccessToken "006", DynamicKey 1-5, signaling

def rtc_token_006_with_uid(
    appId: str,
    appCertificate: str,
    channelName: str,
    uid: _User,
    role: int,
    privilegeExpiredTs: _UnixTime,
    *,
    expires_at: Optional[_UnixTime] = None,
    salt: Optional[int] = None,
) -> str:
    """Upstream 006 ``RtcTokenBuilder.buildTokenWithUid`` (``uid`` 0 is any user); the drop-in
    ``agora_token.RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid`` is this function.

    ``role`` is read as upstream reads it: 0, 1 and 101 publish, any other value joins only;
    values other than 0, 1, 2 and 101, and a non-zero ``privilegeExpiredTs`` that looks like a
    number of seconds, emit an ``AgoraTokenCompatWarning``. ``expires_at`` is the token's own
    expiry (default now + 24 hours).

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, FieldTooLongError, InvalidArgumentError.
    """

def rtc_token_006_with_account(
    appId: str,
    appCertificate: str,
    channelName: str,
    account: _User,
    role: int,
    privilegeExpiredTs: _UnixTime,
    *,
    expires_at: Optional[_UnixTime] = None,
    salt: Optional[int] = None,
) -> str:
    """Upstream 006 ``RtcTokenBuilder.buildTokenWithAccount``; the drop-in method of that name is
    this function (see :func:`rtc_token_006_with_uid`).

    Raises:
        InvalidAppIdError, InvalidAppCertificateError, FieldTooLongError, InvalidArgumentError.
    """

@final
class TokenBuilder006:
    """Builds a legacy AccessToken ("006"); privilege expiries are absolute Unix times (0 = none).

    Start from :meth:`rtc` or :meth:`rtm` (the upstream 006 builders), or from an empty token
    for a channel and user and add privileges. ``expires_at`` is the token's own expiry (the
    message's ts, default now + 24 hours); ``salt`` defaults to random. ``strict=True`` refuses
    non-zero privilege expiries that look like a number of seconds (``ExpiryLooksRelativeError``).
    """

    def __new__(
        cls,
        credentials: Credentials,
        *,
        channel_name: str,
        user: _User,
        expires_at: Optional[_UnixTime] = None,
        salt: Optional[int] = None,
        strict: bool = False,
    ) -> Self: ...
    @staticmethod
    def rtc(
        credentials: Credentials,
        *,
        channel_name: str,
        user: _User,
        role: int,
        privilege_expired_ts: _UnixTime,
        expires_at: Optional[_UnixTime] = None,
        salt: Optional[int] = None,
        strict: bool = False,
    ) -> TokenBuilder006:
        """The 006 RTC builder (upstream ``buildTokenWithUid`` / ``buildTokenWithAccount``): join, plus
        publishing for roles 0 (attendee), 1 (publisher) and 101 (admin) but not 2 (subscriber).

        Raises:
            UnknownRoleError: a role other than 0, 1, 2 and 101.
        """
    @staticmethod
    def rtm(
        credentials: Credentials,
        *,
        account: str,
        privilege_expired_ts: _UnixTime,
        expires_at: Optional[_UnixTime] = None,
        salt: Optional[int] = None,
        strict: bool = False,
    ) -> TokenBuilder006:
        """The 006 RTM builder (upstream ``RtmTokenBuilder.buildToken``): RTM login for an account."""
    def privilege(self, privilege: int, expired_ts: _UnixTime) -> Self:
        """Grants a privilege (``Privilege006``) until an absolute Unix time (0 = no expiry).

        Raises:
            UnknownPrivilegeError: not 1-12, 101 or 1000.
        """
    @property
    def expires_at(self) -> Optional[int]:
        """The token's own expiry, or None for now + 24 hours at build()."""
    @property
    def salt(self) -> Optional[int]:
        """The salt, or None for a random one at build()."""
    def build(self) -> str:
        """Signs and encodes the token: "006" + app id + base64(...)."""

@final
class UnverifiedToken006:
    """A decoded 006 token whose signature has NOT been checked. A 006 token stores only CRCs
    of its channel name and uid, so checking the signature needs both."""

    @property
    def app_id(self) -> str:
        """The app id."""
    @property
    def salt(self) -> int:
        """The salt."""
    @property
    def expires_at(self) -> int:
        """The token's expiry, absolute Unix seconds (the message's ts)."""
    @property
    def privileges(self) -> dict[int, int]:
        """Privilege number -> absolute expiry (0 = none)."""
    def matches_channel(self, channel_name: str) -> bool:
        """Whether the token was made for this channel name (by its CRC-32)."""
    def matches_user(self, user: _User) -> bool:
        """Whether the token was made for this user (by its CRC-32)."""
    def check_signature(self, app_certificate: _Certificate, *, channel_name: str, user: _User) -> None:
        """Checks the signature for a channel name and user.

        Raises:
            SignatureMismatchError: the certificate, channel or user differ from the ones signed.
        """

def decode_006_unverified(token: str) -> UnverifiedToken006:
    """Decodes a 006 token without checking its signature.

    Raises:
        WrongVersionError, InvalidBase64Error, TruncatedError: it is not a readable 006 token.
    """

def dynamic_key_v1(credentials: Credentials, *, channel_name: str, unix_ts: _UnixTime, random_int: int) -> str:
    """DynamicKey version 1 (upstream ``DynamicKey.generate``): no uid, no expiry."""

def dynamic_key_v2(
    credentials: Credentials, *, channel_name: str, unix_ts: _UnixTime, random_int: int, uid: int, expired_ts: _UnixTime
) -> str:
    """DynamicKey version 2 (upstream ``DynamicKey2.generate``), without a version prefix."""

def dynamic_key_v3(
    credentials: Credentials, *, channel_name: str, unix_ts: _UnixTime, random_int: int, uid: int, expired_ts: _UnixTime
) -> str:
    """DynamicKey version 3 (upstream ``DynamicKey3.generate``): "003" + the version 2 key."""

def dynamic_key_v4(
    credentials: Credentials,
    *,
    service: str,
    channel_name: str,
    unix_ts: _UnixTime,
    random_int: int,
    uid: int,
    expired_ts: _UnixTime,
) -> str:
    """DynamicKey version 4; ``service`` is "media_channel", "recording" or "public_sharing".

    Raises:
        InvalidArgumentError: another service name.
    """

def dynamic_key5(
    credentials: Credentials,
    *,
    service: str,
    channel_name: str,
    unix_ts: _UnixTime,
    random_int: int,
    uid: int,
    expired_ts: _UnixTime,
    upload_permission: Optional[str] = None,
) -> str:
    """DynamicKey5 ("005"); ``service`` is "media_channel", "recording", "public_sharing" or
    "in_channel_permission" (which needs ``upload_permission`` "no_upload" or "audio_video").

    Raises:
        InvalidArgumentError: another service or permission name.
    """

def signaling_token(credentials: Credentials, *, account: str, expired_ts: _UnixTime) -> str:
    """A signaling token for an account, valid until ``expired_ts`` (absolute Unix seconds)."""
