"""Drop-in for upstream ``src/fpa_token_builder.py`` and ``agoraiotools.fpa_token_builder``."""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import FPA_TOKEN_EXPIRE, Credentials, TokenBuilder
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)

_Time = Optional[Union[int, datetime]]


class FpaTokenBuilder:
    @staticmethod
    def build_token(
        app_id: str,
        app_certificate: str,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """FPA token, valid for 24 hours (FPA_TOKEN_EXPIRE) like every upstream FPA builder."""
        builder = TokenBuilder(
            Credentials(app_id, app_certificate), expire=FPA_TOKEN_EXPIRE, issued_at=issued_at, salt=salt
        )
        return builder.fpa().build()
