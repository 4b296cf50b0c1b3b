"""Drop-in for the legacy AccessToken "006": upstream ``src/AccessToken.py``,
``agoraiotools.AccessToken`` and ``agora_token_builder.AccessToken``.

Privilege values are absolute Unix times (0 = no expiry). Differences from upstream:

* ``ts`` (the token's own expiry) and ``salt`` start as ``None``, meaning "now + 24 hours" and
  "random" at ``build()`` time; set them (as the upstream tests do) for reproducible tokens.
* ``build()`` raises an ``agora_token.AgoraTokenError`` subclass for an invalid app id or
  certificate (upstream signs anything).
* As upstream, ``addPrivilege`` takes any privilege number (0 to 65535) and ``build()`` packs it;
  numbers 006 does not define (1-12, 101 and 1000 are defined) and non-zero expiries that look
  like a number of seconds warn (``agora_token.AgoraTokenCompatWarning``).
* ``fromString()`` returns ``False`` for anything it cannot read, like upstream, without printing.
* The uid is kept as given in ``uid`` (upstream derives a ``uidStr``).
"""

from __future__ import annotations

from typing import Dict, Optional, Union

from ._native import AgoraTokenError, compat_build_006, decode_006_unverified

__all__ = [
    "kJoinChannel",
    "kPublishAudioStream",
    "kPublishVideoStream",
    "kPublishDataStream",
    "kPublishAudiocdn",
    "kPublishVideoCdn",
    "kRequestPublishAudioStream",
    "kRequestPublishVideoStream",
    "kRequestPublishDataStream",
    "kInvitePublishAudioStream",
    "kInvitePublishVideoStream",
    "kInvitePublishDataStream",
    "kAdministrateChannel",
    "kRtmLogin",
    "VERSION_LENGTH",
    "APP_ID_LENGTH",
    "getVersion",
    "AccessToken",
]

kJoinChannel = 1
kPublishAudioStream = 2
kPublishVideoStream = 3
kPublishDataStream = 4
kPublishAudiocdn = 5
kPublishVideoCdn = 6
kRequestPublishAudioStream = 7
kRequestPublishVideoStream = 8
kRequestPublishDataStream = 9
kInvitePublishAudioStream = 10
kInvitePublishVideoStream = 11
kInvitePublishDataStream = 12
kAdministrateChannel = 101
kRtmLogin = 1000

VERSION_LENGTH = 3
APP_ID_LENGTH = 32


def getVersion() -> str:
    """Return the AccessToken version prefix."""
    return "006"


class AccessToken:
    """A 006 token for an app, a channel and a uid (int, 0 = any user) or account (str)."""

    def __init__(
        self, appID: str = "", appCertificate: str = "", channelName: str = "", uid: Union[int, str] = ""
    ) -> None:
        self.appID = appID
        self.appCertificate = appCertificate
        self.channelName = channelName
        self.uid = uid
        #: The token's own expiry (absolute Unix time); None = now + 24 hours at build().
        self.ts: Optional[int] = None
        #: None = a random salt at build().
        self.salt: Optional[int] = None
        #: Privilege number -> absolute expiry (0 = none).
        self.messages: Dict[int, int] = {}

    def addPrivilege(self, privilege: int, expireTimestamp: int) -> None:
        """Grant a privilege until an absolute Unix time (0 = no expiry)."""
        self.messages[privilege] = expireTimestamp

    def fromString(self, originToken: str) -> bool:
        """Read salt, ts and privileges from a token; False if it is not a readable 006 token."""
        try:
            token = decode_006_unverified(originToken)
        except AgoraTokenError:
            return False
        self.salt = token.salt
        self.ts = token.expires_at
        self.messages = token.privileges
        return True

    def build(self) -> str:
        """Sign and encode the token."""
        return compat_build_006(
            self.appID,
            self.appCertificate,
            self.channelName,
            self.uid,
            privileges=self.messages,
            expires_at=self.ts,
            salt=self.salt,
        )
