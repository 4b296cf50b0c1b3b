"""Drop-in for upstream ``src/RtmTokenBuilder2.py`` and ``agoraiotools.RtmTokenBuilder2``.

Expiries are seconds after the issue time; ``issued_at`` and ``salt`` are extra keywords.
Invalid credentials raise an ``agora_token.AgoraTokenError`` subclass instead of returning "";
expiries that look like Unix timestamps or exceed 24 hours warn (``AgoraTokenCompatWarning``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder, compat_expire_007
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)
from .AccessToken2 import ServiceRtm2

_Time = Optional[Union[int, datetime]]


class RtmTokenBuilder:
    @staticmethod
    def build_token(
        app_id: str,
        app_certificate: str,
        user_id: str,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """RTM token: login for ``user_id``; ``expire`` is also the token lifetime."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.rtm(user_id=user_id, expire=expire).build()

    @staticmethod
    def build_token_with_permissions(
        app_id: str,
        app_certificate: str,
        user_id: str,
        permissions: ServiceRtm2.Permissions,
        expire: int = 0,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """RTM2 token: login for ``user_id`` with resource permissions (``ServiceRtm2.Permissions``)."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.rtm2(user_id=user_id, permissions=permissions._to_native(), expire=expire).build()


#: agoraiotools' name for the same builder.
RtmTokenBuilder2 = RtmTokenBuilder
