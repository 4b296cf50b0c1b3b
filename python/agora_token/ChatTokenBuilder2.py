"""Drop-in for upstream ``src/ChatTokenBuilder2.py`` and ``agoraiotools.ChatTokenBuilder2``.

Expiries are seconds after the issue time; ``issued_at`` and ``salt`` are extra keywords.
Invalid credentials raise an ``agora_token.AgoraTokenError`` subclass instead of returning "";
expiries that look like Unix timestamps or exceed 24 hours warn (``AgoraTokenCompatWarning``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder, compat_expire_007
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)

_Time = Optional[Union[int, datetime]]


class ChatTokenBuilder:
    @staticmethod
    def build_user_token(
        app_id: str,
        app_certificate: str,
        user_id: str,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """Chat token for a user; ``expire`` is also the token lifetime."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.chat_user(user_id=user_id, expire=expire).build()

    @staticmethod
    def build_app_token(
        app_id: str,
        app_certificate: str,
        expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """Chat token for the app (REST calls); ``expire`` is also the token lifetime."""
        (expire,) = compat_expire_007(expire=expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=expire, issued_at=issued_at, salt=salt)
        return builder.chat_app(expire=expire).build()


#: agoraiotools' name for the same builder.
ChatTokenBuilder2 = ChatTokenBuilder
