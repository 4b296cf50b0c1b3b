"""Drop-in for upstream ``src/AccessToken2.py`` (AgoraIO/Tools, python3) and ``agoraiotools.AccessToken2``.

Same classes, methods and argument order; signing is done by the compiled core. Differences:

* ``build()`` raises (an :class:`agora_token.AgoraTokenError` subclass) where upstream returns
  ``""``: invalid app id or certificate, no service.
* As upstream, ``add_privilege`` takes any privilege number (0 to 65535) and ``build()`` packs it;
  a number the service does not define, and an expiry that looks like a Unix timestamp or
  exceeds 24 hours, warn (:class:`agora_token.AgoraTokenCompatWarning`).
* As upstream, numbers (expiries, ``issue_ts``, the salt, privilege numbers, the APaaS role, RTM2
  types) are read with ``int()``: ``"600"`` is 600 and ``600.9`` packs 600 (with a warning, as
  for ``True``); a uid that is neither an ``int`` from 0 to 2**32-1 nor a ``str`` is written as
  ``str(uid)`` (``-1`` becomes the account ``"-1"``), with a warning; RTM2 resource and permission
  types RTM2 does not define are packed as given, with a warning.
* ``issue_ts=0`` means "now", as upstream (``issue_ts="0"`` packs 1970, as upstream, and warns);
  the extra keyword ``issued_at=`` pins any issue time, 0 included (a parsed token keeps its own).
* ``from_string()`` returns ``False`` for a wrong version like upstream, and raises an
  :class:`agora_token.AgoraTokenError` (a ``ValueError``, as upstream raises) for a corrupt token.
* Service fields are kept as given (``str``/``int``), not as encoded ``bytes``.
* ``AccessToken(..., salt=...)`` is an extra keyword; setting ``token._AccessToken__salt`` as the
  upstream tests do works too.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Union

from . import _native
from ._native import (
    InvalidAppCertificateError,
    InvalidAppIdError,
    SignatureMismatchError,
    WrongVersionError,
    compat_build_007,
    compat_i16,
    compat_rtm2_permissions,
    compat_uid,
    decode_unverified,
)

__all__ = [
    "VERSION_LENGTH",
    "get_version",
    "Service",
    "ServiceRtc",
    "ServiceRtm",
    "ServiceStreaming",
    "ServiceFpa",
    "ServiceChat",
    "ServiceFCdn",
    "ServiceApaas",
    "ServiceEducation",
    "ServiceRtm2",
    "ServiceConvoAI",
    "ServiceStt",
    "AccessToken",
    "AccessToken2",
]

VERSION_LENGTH = 3


def get_version() -> str:
    """Return the AccessToken2 version prefix."""
    return "007"


class Service:
    """A service of the token: a type number and a map of privilege -> expiry (seconds)."""

    def __init__(self, service_type: int) -> None:
        self.__type = service_type
        self.__privileges: Dict[int, int] = {}

    def add_privilege(self, privilege: int, expire: int) -> None:
        """Set the expiry (seconds after the issue time) of a privilege."""
        self.__privileges[privilege] = expire

    def service_type(self) -> int:
        """Return the numeric service type."""
        return self.__type

    def _privileges(self) -> Dict[int, int]:
        return dict(self.__privileges)

    def _to_native(self) -> Any:
        """The native service with this service's fields and no privileges (``build()`` adds them)."""
        raise TypeError(
            "a bare Service cannot be packed; use ServiceRtc, ServiceRtm, ServiceStreaming, ServiceFpa, "
            "ServiceChat, ServiceFCdn, ServiceApaas, ServiceRtm2, ServiceConvoAI or ServiceStt"
        )

    @classmethod
    def _from_native(cls, native: Any) -> "Service":
        raise TypeError("only the Service* subclasses are read from tokens")

    def _with_privileges(self, native: Any) -> "Service":
        for privilege, expire in native.privileges.items():
            self.add_privilege(privilege, expire)
        return self


class ServiceRtc(Service):
    kServiceType = 1

    kPrivilegeJoinChannel = 1
    kPrivilegePublishAudioStream = 2
    kPrivilegePublishVideoStream = 3
    kPrivilegePublishDataStream = 4

    def __init__(self, channel_name: str = "", uid: Union[int, str] = 0) -> None:
        """An RTC service for a channel and a uid (int, 0 = any user) or account (str)."""
        super().__init__(ServiceRtc.kServiceType)
        self.__channel_name = channel_name
        self.__uid = uid

    def _to_native(self) -> Any:
        return _native.RtcService(channel_name=self.__channel_name, user=compat_uid("uid", self.__uid))

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.channel_name, native.uid)._with_privileges(native)


class ServiceRtm(Service):
    kServiceType = 2

    kPrivilegeLogin = 1

    def __init__(self, user_id: str = "") -> None:
        """An RTM service for a user id."""
        super().__init__(ServiceRtm.kServiceType)
        self.__user_id = user_id

    def _to_native(self) -> Any:
        return _native.RtmService(user_id=self.__user_id)

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.user_id)._with_privileges(native)


class ServiceStreaming(Service):
    kServiceType = 3

    kPrivilegePublishMixStream = 1
    kPrivilegePublishRawStream = 2

    def __init__(self, channel_name: str = "", account: Union[int, str] = "") -> None:
        """A Streaming service for a channel and a numeric uid or string account."""
        super().__init__(ServiceStreaming.kServiceType)
        self.__channel_name = channel_name
        self.__account = account

    def _to_native(self) -> Any:
        return _native.StreamingService(channel_name=self.__channel_name, user=compat_uid("account", self.__account))

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.channel_name, native.account)._with_privileges(native)


class ServiceFpa(Service):
    kServiceType = 4

    kPrivilegeLogin = 1

    def __init__(self) -> None:
        """An FPA service."""
        super().__init__(ServiceFpa.kServiceType)

    def _to_native(self) -> Any:
        return _native.FpaService()

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls()._with_privileges(native)


class ServiceChat(Service):
    kServiceType = 5

    kPrivilegeUser = 1
    kPrivilegeApp = 2

    def __init__(self, user_id: str = "") -> None:
        """A Chat service for a user id ("" for app tokens)."""
        super().__init__(ServiceChat.kServiceType)
        self.__user_id = user_id

    def _to_native(self) -> Any:
        return _native.ChatService(user_id=self.__user_id)

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.user_id)._with_privileges(native)


class ServiceFCdn(Service):
    kServiceType = 6

    kPrivilegePublish = 1
    kPrivilegePlay = 2

    def __init__(self, channel_name: str = "", account: Union[int, str] = "") -> None:
        """An FCDN service for a channel and a numeric uid or string account."""
        super().__init__(ServiceFCdn.kServiceType)
        self.__channel_name = channel_name
        self.__account = account

    def _to_native(self) -> Any:
        return _native.FcdnService(channel_name=self.__channel_name, user=compat_uid("account", self.__account))

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.channel_name, native.account)._with_privileges(native)


class ServiceApaas(Service):
    kServiceType = 7

    kPrivilegeRoomUser = 1
    kPrivilegeUser = 2
    kPrivilegeApp = 3

    def __init__(self, room_uuid: str = "", user_uuid: str = "", role: int = -1) -> None:
        """An APaaS service for a room, a user and a role (-1 when unused)."""
        super().__init__(ServiceApaas.kServiceType)
        self.__room_uuid = room_uuid
        self.__user_uuid = user_uuid
        self.__role = role

    def _to_native(self) -> Any:
        return _native.ApaasService(
            room_uuid=self.__room_uuid, user_uuid=self.__user_uuid, role=compat_i16("role", self.__role)
        )

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls(native.room_uuid, native.user_uuid, native.role)._with_privileges(native)


#: The name older upstream versions used for the APaaS service.
ServiceEducation = ServiceApaas


class ServiceRtm2(Service):
    kServiceType = 8

    kPrivilegeLogin = 1

    class Permissions:
        """RTM2 resource permissions: resource type -> permission type -> resource names."""

        kMessageChannels = 0
        kStreamChannels = 1
        kGroupChannels = 2
        kServerGroups = 3
        kUsers = 4

        kRead = 0
        kWrite = 1

        def __init__(self) -> None:
            self.details: Dict[int, Dict[int, List[str]]] = {}

        def add(self, resource_type: int, permission_type: int, resources: Iterable[str]) -> None:
            """Add or replace the resources of a (resource type, permission type) pair."""
            self.details.setdefault(resource_type, {})[permission_type] = list(resources)

        def _to_native(self) -> Any:
            # Packed as upstream packs them: any type number, with a warning for undefined ones.
            return compat_rtm2_permissions(self.details)

    def __init__(self, user_id: str = "", permissions: Optional["ServiceRtm2.Permissions"] = None) -> None:
        """An RTM2 service with resource permissions."""
        super().__init__(ServiceRtm2.kServiceType)
        self.__user_id = user_id
        self.__permissions = permissions if permissions is not None else ServiceRtm2.Permissions()

    def get_user_id(self) -> str:
        """Return the RTM2 user id."""
        return self.__user_id

    def get_permissions(self) -> "ServiceRtm2.Permissions":
        """Return the RTM2 resource permissions."""
        return self.__permissions

    def _to_native(self) -> Any:
        return _native.Rtm2Service(user_id=self.__user_id, permissions=self.__permissions._to_native())

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        permissions = ServiceRtm2.Permissions()
        for resource_type, permission_type, resources in native.permissions.items():
            permissions.add(resource_type, permission_type, resources)
        return cls(native.user_id, permissions)._with_privileges(native)


class ServiceConvoAI(Service):
    kServiceType = 9

    def __init__(self) -> None:
        """A Conversational AI service (no fields, no privileges)."""
        super().__init__(ServiceConvoAI.kServiceType)

    def _to_native(self) -> Any:
        return _native.ConvoAiService()

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls()._with_privileges(native)


class ServiceStt(Service):
    kServiceType = 10

    def __init__(self) -> None:
        """A speech-to-text service (no fields, no privileges)."""
        super().__init__(ServiceStt.kServiceType)

    def _to_native(self) -> Any:
        return _native.SttService()

    @classmethod
    def _from_native(cls, native: Any) -> Service:
        return cls()._with_privileges(native)


class AccessToken:
    """An AccessToken2 ("007") builder, or a parser with ``from_string`` and ``verify_signature``."""

    kServices: Dict[int, "type[Service]"] = {
        ServiceRtc.kServiceType: ServiceRtc,
        ServiceRtm.kServiceType: ServiceRtm,
        ServiceStreaming.kServiceType: ServiceStreaming,
        ServiceFpa.kServiceType: ServiceFpa,
        ServiceChat.kServiceType: ServiceChat,
        ServiceFCdn.kServiceType: ServiceFCdn,
        ServiceApaas.kServiceType: ServiceApaas,
        ServiceRtm2.kServiceType: ServiceRtm2,
        ServiceConvoAI.kServiceType: ServiceConvoAI,
        ServiceStt.kServiceType: ServiceStt,
    }

    def __init__(
        self,
        app_id: str = "",
        app_certificate: str = "",
        issue_ts: int = 0,
        expire: int = 900,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> None:
        """A token for an app that expires ``expire`` seconds after ``issue_ts`` (0 = now, at build).

        ``issued_at`` pins the issue time to any value, 0 included (it overrides ``issue_ts``).
        ``salt`` defaults to a random value drawn at build time.
        """
        self.__app_id = app_id
        self.__app_cert = app_certificate
        self.__issue_ts = issue_ts if issued_at is None else issued_at
        # Upstream reads issue_ts 0 as "now"; a pinned (or parsed) issue time is taken as it is.
        self.__issue_ts_pinned = issued_at is not None
        self.__expire = expire
        self.__salt = salt
        self.services: List[Service] = []
        self.__parsed: Optional[Any] = None

    def add_service(self, service: Service) -> None:
        """Add a service; services of the same type are all kept."""
        self.services.append(service)

    def get_services(self, service_type: int) -> List[Service]:
        """Return the services of a type, in insertion (or token) order."""
        return [service for service in self.services if service.service_type() == service_type]

    def build(self) -> str:
        """Build the token. Raises an AgoraTokenError subclass where upstream returns ""."""
        pinned = self.__issue_ts_pinned or self.__issue_ts != 0
        return compat_build_007(
            self.__app_id,
            self.__app_cert,
            expire=self.__expire,
            issued_at=self.__issue_ts if pinned else None,
            salt=self.__salt,
            services=[(service._to_native(), service._privileges()) for service in self.services],
        )

    def from_string(self, origin_token: str) -> bool:
        """Parse a token: False if it is not a 007 token; raises (a ValueError) if it is corrupt."""
        # Clear the previous state so that a failed parse cannot reuse it.
        self.__app_id = ""
        self.__issue_ts = 0
        self.__issue_ts_pinned = False
        self.__expire = 0
        self.__salt = 0
        self.services = []
        self.__parsed = None
        try:
            token = decode_unverified(origin_token)
        except WrongVersionError:
            return False
        payload = token.payload
        self.__app_id = payload.app_id
        self.__issue_ts = payload.issued_at
        self.__issue_ts_pinned = True
        self.__expire = payload.expire
        self.__salt = payload.salt
        self.services = [AccessToken.kServices[s.service_type]._from_native(s) for s in payload.services]
        self.__parsed = token
        return True

    def verify_signature(self, app_certificate: str) -> bool:
        """Whether a parsed token was signed with this certificate (constant-time check)."""
        if self.__parsed is None:
            return False
        try:
            self.__parsed.check_signature(app_certificate)
        except (SignatureMismatchError, InvalidAppCertificateError, InvalidAppIdError):
            return False
        return True


#: The name agoraiotools gives the same class.
AccessToken2 = AccessToken
