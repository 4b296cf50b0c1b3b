"""Drop-in for upstream ``src/apaas_token_builder.py`` and ``agoraiotools.apaas_token_builder``.

The room-user token carries the APaaS room-user privilege, RTM login for the user and Chat
for the MD5 of the user uuid, as Python, Go, C++, PHP and the other majority languages do
(npm's different variant is ``TokenBuilder.apaas_room_user(..., node_compatible=True)``).
Expiries that look like Unix timestamps or exceed 24 hours warn (``AgoraTokenCompatWarning``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder, compat_expire_007, compat_i16
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)

_Time = Optional[Union[int, datetime]]


class ApaasTokenBuilder:
    @staticmethod
    def build_room_user_token(
        app_id: str,
        app_certificate: str,
        room_uuid: str,
        user_uuid: str,
        role: int,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """Token for a user in one room (role e.g. 1 teacher, 2 student); ``expire`` is also the lifetime."""
        role = compat_i16("role", role)
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.apaas_room_user(room_uuid=room_uuid, user_uuid=user_uuid, role=role, expire=expire).build()

    @staticmethod
    def build_user_token(
        app_id: str,
        app_certificate: str,
        user_uuid: str,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """Token for a user in any room."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.apaas_user(user_uuid=user_uuid, expire=expire).build()

    @staticmethod
    def build_app_token(
        app_id: str,
        app_certificate: str,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """Token for the app (REST calls)."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.apaas_app(expire=expire).build()
