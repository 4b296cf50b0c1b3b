"""Drop-in for upstream ``src/DynamicKey4.py`` and ``agoraiotools.DynamicKey4`` (DynamicKey version 4).

``randomInt`` and ``uid`` must be 0 to 2**32-1 (upstream wraps other ints silently).
"""

from ._native import Credentials, dynamic_key_v4

__all__ = ["generatePublicSharingKey", "generateRecordingKey", "generateMediaChannelKey", "generateDynamicKey"]

# The service tags upstream signs, and the names the core uses for them.
_SERVICES = {"APSS": "public_sharing", "ARS": "recording", "ACS": "media_channel"}


def generateDynamicKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int, servicetype: str
) -> str:
    """A version 4 key for a service tag: "APSS" (public sharing), "ARS" (recording) or "ACS" (media channel)."""
    return dynamic_key_v4(
        Credentials(appID, appCertificate),
        service=_SERVICES.get(servicetype, servicetype),
        channel_name=channelName,
        unix_ts=unixTs,
        random_int=randomInt,
        uid=uid,
        expired_ts=expiredTs,
    )


def generatePublicSharingKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A version 4 public sharing key."""
    return generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, "APSS")


def generateRecordingKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A version 4 recording key."""
    return generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, "ARS")


def generateMediaChannelKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A version 4 media channel key."""
    return generateDynamicKey(appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, "ACS")
