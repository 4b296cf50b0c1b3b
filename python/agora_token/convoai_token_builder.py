"""Drop-in for upstream ``src/convoai_token_builder.py`` (AgoraIO/Tools, python3)."""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import Credentials, TokenBuilder, compat_expire_007, compat_rtc_role, compat_uid
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)
from .RtcTokenBuilder2 import Role_Publisher  # noqa: F401  (upstream imports it here too)

_Time = Optional[Union[int, datetime]]


class ConvoAITokenBuilder:
    @staticmethod
    def build_token(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        rtc_account: str,
        rtc_role: int,
        rtc_token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        rtm_user_id: str,
        rtm_token_expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """A token with RTC, RTM and ConvoAI services (publishing only for Role_Publisher)."""
        rtc_account = compat_uid("rtc_account", rtc_account)
        rtc_role = compat_rtc_role(rtc_role)
        (
            rtc_token_expire,
            join_channel_privilege_expire,
            pub_audio_privilege_expire,
            pub_video_privilege_expire,
            pub_data_stream_privilege_expire,
            rtm_token_expire,
        ) = compat_expire_007(
            rtc_token_expire=rtc_token_expire,
            join_channel_privilege_expire=join_channel_privilege_expire,
            pub_audio_privilege_expire=pub_audio_privilege_expire,
            pub_video_privilege_expire=pub_video_privilege_expire,
            pub_data_stream_privilege_expire=pub_data_stream_privilege_expire,
            rtm_token_expire=rtm_token_expire,
        )
        builder = TokenBuilder(
            Credentials(app_id, app_certificate), expire=rtc_token_expire, issued_at=issued_at, salt=salt
        )
        return builder.convo_ai(
            channel_name=channel_name,
            account=rtc_account,
            role=rtc_role,
            join_channel=join_channel_privilege_expire,
            publish_audio=pub_audio_privilege_expire,
            publish_video=pub_video_privilege_expire,
            publish_data=pub_data_stream_privilege_expire,
            rtm_user_id=rtm_user_id,
            rtm_expire=rtm_token_expire,
        ).build()
