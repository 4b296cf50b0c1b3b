"""Named constants of the token formats besides the services, as ``IntEnum`` so that they are
also plain ints.

The numbers are the wire values; the tests check each against what the core accepts.
``ServiceType`` and the services' privilege enums are generated from the core's table into
``_services.py``.
"""

from enum import IntEnum


class RtcRole(IntEnum):
    """The role of an RTC user in a 007 token."""

    #: Host: may join and publish audio, video and data streams.
    PUBLISHER = 1
    #: Audience: may join only (publishing is refused only where co-host authentication is on).
    SUBSCRIBER = 2


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
