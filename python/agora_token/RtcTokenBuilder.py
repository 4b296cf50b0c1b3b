"""Drop-in for the legacy 006 RTC builder: upstream ``src/RtcTokenBuilder.py``,
``agoraiotools.RtcTokenBuilder`` and ``agora_token_builder.RtcTokenBuilder``.

``privilegeExpiredTs`` is an absolute Unix time (now + seconds), or 0 for no expiry.
Extra keywords: ``expires_at`` (the token's own expiry, default now + 24 hours) and ``salt``.
Differences: invalid credentials raise instead of producing a token. As upstream, roles 0, 1
and 101 publish and any other role joins only; roles other than 0, 1, 2 and 101, and non-zero
``privilegeExpiredTs`` that look like a number of seconds, build the same token with an
``agora_token.AgoraTokenCompatWarning``.
"""

from __future__ import annotations

from ._native import rtc_token_006_with_account, rtc_token_006_with_uid
from .AccessToken import *  # noqa: F401,F403  (upstream re-exports AccessToken's names here)

Role_Attendee = 0  # deprecated upstream, same as publisher
Role_Publisher = 1  # for live broadcaster
Role_Subscriber = 2  # default, for live audience
Role_Admin = 101  # deprecated upstream, same as publisher


class RtcTokenBuilder:
    # The builders are the native functions themselves (upstream's argument names, order and
    # defaults, typed in _native.pyi), so a call costs no Python frame: 006 tokens take ~2 us.
    # 006 RTC token for a uid (0 = any user) or an account; publishing for roles 0, 1 and 101.
    buildTokenWithUid = staticmethod(rtc_token_006_with_uid)
    buildTokenWithAccount = staticmethod(rtc_token_006_with_account)
