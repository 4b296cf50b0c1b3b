"""Drop-in for upstream ``src/DynamicKey2.py`` and ``agoraiotools.DynamicKey2`` (DynamicKey version 2).

``randomInt`` and ``uid`` must be 0 to 2**32-1 (upstream wraps other ints silently).
"""

from ._native import Credentials, dynamic_key_v2

__all__ = ["generate"]


def generate(appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int) -> str:
    """A version 2 key."""
    return dynamic_key_v2(
        Credentials(appID, appCertificate),
        channel_name=channelName,
        unix_ts=unixTs,
        random_int=randomInt,
        uid=uid,
        expired_ts=expiredTs,
    )
