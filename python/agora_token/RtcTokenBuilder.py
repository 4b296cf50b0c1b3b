"""Drop-in for the legacy 006 RTC builder: upstream ``src/RtcTokenBuilder.py``,
``agoraiotools.RtcTokenBuilder`` and ``agora_token_builder.RtcTokenBuilder``.

``privilegeExpiredTs`` is an absolute Unix time (now + seconds), or 0 for no expiry.
Extra keywords: ``expires_at`` (the token's own expiry, default now + 24 hours) and ``salt``.
Differences: invalid credentials raise instead of producing a token, and roles other than
0, 1, 2 and 101 raise ``UnknownRoleError`` (upstream treats them as subscribers).
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder006
from .AccessToken import *  # noqa: F401,F403  (upstream re-exports AccessToken's names here)

Role_Attendee = 0  # deprecated upstream, same as publisher
Role_Publisher = 1  # for live broadcaster
Role_Subscriber = 2  # default, for live audience
Role_Admin = 101  # deprecated upstream, same as publisher

_Time = Optional[Union[int, datetime]]


class RtcTokenBuilder:
    @staticmethod
    def buildTokenWithUid(
        appId: str,
        appCertificate: str,
        channelName: str,
        uid: Union[int, str],
        role: int,
        privilegeExpiredTs: Union[int, datetime],
        *,
        expires_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """006 RTC token for a uid (0 = any user); publishing for every role except Role_Subscriber."""
        return TokenBuilder006.rtc(
            Credentials(appId, appCertificate),
            channel_name=channelName,
            user=uid,
            role=role,
            privilege_expired_ts=privilegeExpiredTs,
            expires_at=expires_at,
            salt=salt,
        ).build()

    @staticmethod
    def buildTokenWithAccount(
        appId: str,
        appCertificate: str,
        channelName: str,
        account: Union[int, str],
        role: int,
        privilegeExpiredTs: Union[int, datetime],
        *,
        expires_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """006 RTC token for a string account; publishing for every role except Role_Subscriber."""
        return TokenBuilder006.rtc(
            Credentials(appId, appCertificate),
            channel_name=channelName,
            user=account,
            role=role,
            privilege_expired_ts=privilegeExpiredTs,
            expires_at=expires_at,
            salt=salt,
        ).build()
