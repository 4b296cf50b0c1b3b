"""Drop-in for upstream ``src/DynamicKey.py`` and ``agoraiotools.DynamicKey`` (DynamicKey version 1).

``randomInt`` must be 0 to 2**32-1 (upstream wraps other ints silently); credentials must be
32 hexadecimal characters.
"""

from ._native import Credentials, dynamic_key_v1

__all__ = ["generate"]


def generate(appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int) -> str:
    """A version 1 key: no uid, no expiry."""
    return dynamic_key_v1(
        Credentials(appID, appCertificate), channel_name=channelName, unix_ts=unixTs, random_int=randomInt
    )
