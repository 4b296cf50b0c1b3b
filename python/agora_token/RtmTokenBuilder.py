"""Drop-in for the legacy 006 RTM builder: upstream ``src/RtmTokenBuilder.py``,
``agoraiotools.RtmTokenBuilder`` and ``agora_token_builder.RtmTokenBuilder``.

``privilegeExpiredTs`` is an absolute Unix time (a non-zero value that looks like a number of
seconds warns, ``AgoraTokenCompatWarning``). ``role`` is accepted and unused, whatever it is,
as upstream (Role_Rtm_User is the only role). Extra keywords: ``expires_at`` and ``salt``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder006, compat_expire_006
from .AccessToken import *  # noqa: F401,F403  (upstream re-exports AccessToken's names here)

Role_Rtm_User = 1

_Time = Optional[Union[int, datetime]]


class RtmTokenBuilder:
    @staticmethod
    def buildToken(
        appId: str,
        appCertificate: str,
        userAccount: str,
        role: int,
        privilegeExpiredTs: Union[int, datetime],
        *,
        expires_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """006 RTM token: login for ``userAccount`` until ``privilegeExpiredTs``."""
        (privilegeExpiredTs,) = compat_expire_006(privilegeExpiredTs=privilegeExpiredTs)
        return TokenBuilder006.rtm(
            Credentials(appId, appCertificate),
            account=userAccount,
            privilege_expired_ts=privilegeExpiredTs,
            expires_at=expires_at,
            salt=salt,
        ).build()
