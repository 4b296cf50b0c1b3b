"""Legacy token families: AccessToken "006", DynamicKey 1-5 and the signaling token.

New code should build AccessToken2 ("007") tokens with :class:`agora_token.TokenBuilder`;
these exist for servers that still issue or check the older formats. Unlike 007, 006
privilege expiries are absolute Unix times (0 = no expiry)::

    from agora_token import Credentials
    from agora_token.legacy import TokenBuilder006, Role006

    token = TokenBuilder006.rtc(
        Credentials(app_id, app_certificate),
        channel_name="room", user=42, role=Role006.PUBLISHER,
        privilege_expired_ts=int(time.time()) + 3600,
    ).build()
"""

from ._enums import Privilege006, Role006
from ._native import (
    TokenBuilder006,
    UnverifiedToken006,
    decode_006_unverified,
    dynamic_key5,
    dynamic_key_v1,
    dynamic_key_v2,
    dynamic_key_v3,
    dynamic_key_v4,
    signaling_token,
)

__all__ = [
    "Role006",
    "Privilege006",
    "TokenBuilder006",
    "UnverifiedToken006",
    "decode_006_unverified",
    "dynamic_key_v1",
    "dynamic_key_v2",
    "dynamic_key_v3",
    "dynamic_key_v4",
    "dynamic_key5",
    "signaling_token",
]
