"""Drop-in for upstream ``src/DynamicKey5.py`` and ``agoraiotools.DynamicKey5`` (DynamicKey "005").

``randomInt`` and ``uid`` must be 0 to 2**32-1 (upstream wraps other ints silently).
"""

from typing import Optional, Union

from ._native import Credentials, dynamic_key5

__all__ = [
    "MEDIA_CHANNEL_SERVICE",
    "RECORDING_SERVICE",
    "PUBLIC_SHARING_SERVICE",
    "IN_CHANNEL_PERMISSION",
    "ALLOW_UPLOAD_IN_CHANNEL",
    "NoUpload",
    "AudioVideoUpload",
    "generatePublicSharingKey",
    "generateRecordingKey",
    "generateMediaChannelKey",
    "generateInChannelPermissionKey",
]

# service type
MEDIA_CHANNEL_SERVICE = 1
RECORDING_SERVICE = 2
PUBLIC_SHARING_SERVICE = 3
IN_CHANNEL_PERMISSION = 4

# extra key
ALLOW_UPLOAD_IN_CHANNEL = 1

# permission
NoUpload = b"0"
AudioVideoUpload = b"3"

_PERMISSIONS = {b"0": "no_upload", "0": "no_upload", b"3": "audio_video", "3": "audio_video"}


def _key(
    service: str, appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int, permission: Optional[str] = None
) -> str:
    return dynamic_key5(
        Credentials(appID, appCertificate),
        service=service,
        channel_name=channelName,
        unix_ts=unixTs,
        random_int=randomInt,
        uid=uid,
        expired_ts=expiredTs,
        upload_permission=permission,
    )


def generatePublicSharingKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A public sharing key."""
    return _key("public_sharing", appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)


def generateRecordingKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A recording key."""
    return _key("recording", appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)


def generateMediaChannelKey(
    appID: str, appCertificate: str, channelName: str, unixTs: int, randomInt: int, uid: int, expiredTs: int
) -> str:
    """A media channel key."""
    return _key("media_channel", appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs)


def generateInChannelPermissionKey(
    appID: str,
    appCertificate: str,
    channelName: str,
    unixTs: int,
    randomInt: int,
    uid: int,
    expiredTs: int,
    permission: Union[bytes, str],
) -> str:
    """An in-channel permission key; ``permission`` is NoUpload (b"0") or AudioVideoUpload (b"3")."""
    name = _PERMISSIONS.get(permission, repr(permission))
    return _key("in_channel_permission", appID, appCertificate, channelName, unixTs, randomInt, uid, expiredTs, name)
