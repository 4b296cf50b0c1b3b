"""Drop-in for upstream ``src/RtcTokenBuilder2.py`` and ``agoraiotools.RtcTokenBuilder2``.

``from src.RtcTokenBuilder2 import RtcTokenBuilder, Role_Publisher`` becomes
``from agora_token.RtcTokenBuilder2 import RtcTokenBuilder, Role_Publisher``; agoraiotools'
``RtcTokenBuilder2`` class is the same class. Expiries are seconds after the issue time.

Every builder also takes the keyword-only ``issued_at`` (Unix seconds or aware datetime) and
``salt`` for reproducible tokens. Where upstream returns ``""`` (invalid app id or
certificate), these raise an ``agora_token.AgoraTokenError`` subclass.

As upstream, ``role == 1`` publishes and any other role joins only; roles other than 1 and 2,
and expiries that look like Unix timestamps or exceed 24 hours, build the same token with an
``agora_token.AgoraTokenCompatWarning``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from ._native import (
    Credentials,
    TokenBuilder,
    compat_expire_007,
    compat_rtc_role,
    compat_uid,
    rtc_token_with_uid,
    rtc_token_with_user_account,
)
from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)

# RECOMMENDED for calls and live broadcasts unless co-host authentication is enabled.
Role_Publisher = 1
# Only restricts publishing where co-host authentication is enabled for the project.
Role_Subscriber = 2

_Time = Optional[Union[int, datetime]]


class RtcTokenBuilder:
    # The two builders most servers call are the native functions themselves (same argument
    # names, order and defaults as upstream, typed in _native.pyi): a Python-level wrapper would
    # add a frame to every token. RTC token for a uid (0 = any user) or a string account: join
    # until ``privilege_expire``, plus publishing for Role_Publisher.
    build_token_with_uid = staticmethod(rtc_token_with_uid)
    build_token_with_user_account = staticmethod(rtc_token_with_user_account)

    @staticmethod
    def build_token_with_uid_and_privilege(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        uid: Union[int, str],
        token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """RTC token for a uid with its own expiry (seconds) for each of the four privileges."""
        return RtcTokenBuilder.build_token_with_user_account_and_privilege(
            app_id,
            app_certificate,
            channel_name,
            uid,
            token_expire,
            join_channel_privilege_expire,
            pub_audio_privilege_expire,
            pub_video_privilege_expire,
            pub_data_stream_privilege_expire,
            issued_at=issued_at,
            salt=salt,
        )

    @staticmethod
    def build_token_with_user_account_and_privilege(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        account: Union[int, str],
        token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """RTC token for an account with its own expiry (seconds) for each of the four privileges."""
        account = compat_uid("account", account)
        (
            token_expire,
            join_channel_privilege_expire,
            pub_audio_privilege_expire,
            pub_video_privilege_expire,
            pub_data_stream_privilege_expire,
        ) = compat_expire_007(
            token_expire=token_expire,
            join_channel_privilege_expire=join_channel_privilege_expire,
            pub_audio_privilege_expire=pub_audio_privilege_expire,
            pub_video_privilege_expire=pub_video_privilege_expire,
            pub_data_stream_privilege_expire=pub_data_stream_privilege_expire,
        )
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=token_expire, issued_at=issued_at, salt=salt)
        return builder.rtc_with_privileges(
            channel_name=channel_name,
            user=account,
            join_channel=join_channel_privilege_expire,
            publish_audio=pub_audio_privilege_expire,
            publish_video=pub_video_privilege_expire,
            publish_data=pub_data_stream_privilege_expire,
        ).build()

    @staticmethod
    def build_token_with_rtm(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        account: str,
        role: int,
        token_expire: int,
        privilege_expire: int = 0,
        *,
        issued_at: _Time = None,
        salt: Optional[int] = None,
    ) -> str:
        """RTC token for an account plus RTM login for the same account until the token expires."""
        role = compat_rtc_role(role)
        token_expire, privilege_expire = compat_expire_007(token_expire=token_expire, privilege_expire=privilege_expire)
        builder = TokenBuilder(Credentials(app_id, app_certificate), expire=token_expire, issued_at=issued_at, salt=salt)
        return builder.rtc_with_rtm(
            channel_name=channel_name, account=account, role=role, privilege_expire=privilege_expire
        ).build()

    @staticmethod
    def build_token_with_rtm2(
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
        """RTC token for an account (publishing only for Role_Publisher) plus RTM login for ``rtm_user_id``."""
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
        return builder.rtc_with_rtm_expiries(
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


#: agoraiotools' name for the same builder.
RtcTokenBuilder2 = RtcTokenBuilder
