"""Named constants of the token formats, as ``IntEnum`` so that they are also plain ints.

The numbers are the wire values. ``tests/test_idiomatic.py`` checks every service and
privilege enum here against the tables the native module reads from the core
(``_native.SERVICE_TYPES`` and ``_native.PRIVILEGES``), so they cannot drift apart.
"""

from enum import IntEnum


class RtcRole(IntEnum):
    """The role of an RTC user in a 007 token."""

    #: Host: may join and publish audio, video and data streams.
    PUBLISHER = 1
    #: Audience: may join only (publishing is refused only where co-host authentication is on).
    SUBSCRIBER = 2


class ServiceType(IntEnum):
    """The service types of the 007 format."""

    RTC = 1
    RTM = 2
    STREAMING = 3
    FPA = 4
    CHAT = 5
    FCDN = 6
    APAAS = 7
    RTM2 = 8
    CONVO_AI = 9
    STT = 10


class RtcPrivilege(IntEnum):
    """Privileges of the RTC service."""

    JOIN_CHANNEL = 1
    PUBLISH_AUDIO_STREAM = 2
    PUBLISH_VIDEO_STREAM = 3
    PUBLISH_DATA_STREAM = 4


class RtmPrivilege(IntEnum):
    """Privileges of the RTM service."""

    LOGIN = 1


class StreamingPrivilege(IntEnum):
    """Privileges of the Streaming service."""

    PUBLISH_MIX_STREAM = 1
    PUBLISH_RAW_STREAM = 2


class FpaPrivilege(IntEnum):
    """Privileges of the FPA service."""

    LOGIN = 1


class ChatPrivilege(IntEnum):
    """Privileges of the Chat service."""

    USER = 1
    APP = 2


class FcdnPrivilege(IntEnum):
    """Privileges of the FCDN service."""

    PUBLISH = 1
    PLAY = 2


class ApaasPrivilege(IntEnum):
    """Privileges of the APaaS / Flexible Classroom (Education) service."""

    ROOM_USER = 1
    USER = 2
    APP = 3


class Rtm2Privilege(IntEnum):
    """Privileges of the RTM2 service."""

    LOGIN = 1


class Rtm2ResourceType(IntEnum):
    """What an RTM2 permission applies to."""

    MESSAGE_CHANNEL = 0
    STREAM_CHANNEL = 1
    GROUP_CHANNEL = 2
    SERVER_GROUP = 3
    USER = 4


class Rtm2PermissionType(IntEnum):
    """What an RTM2 permission allows."""

    READ = 0
    WRITE = 1


class Role006(IntEnum):
    """The roles of the legacy 006 RTC builder."""

    #: Join and publish (deprecated upstream; the same as PUBLISHER).
    ATTENDEE = 0
    PUBLISHER = 1
    #: Join only.
    SUBSCRIBER = 2
    #: Join and publish (deprecated upstream; the same as PUBLISHER).
    ADMIN = 101


class Privilege006(IntEnum):
    """Privileges of a legacy 006 token (values are absolute Unix times there)."""

    JOIN_CHANNEL = 1
    PUBLISH_AUDIO_STREAM = 2
    PUBLISH_VIDEO_STREAM = 3
    PUBLISH_DATA_STREAM = 4
    ADMINISTRATE_CHANNEL = 101
    RTM_LOGIN = 1000
