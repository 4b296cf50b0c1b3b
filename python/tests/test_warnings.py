"""AgoraTokenCompatWarning: the drop-in modules build what upstream builds for surprising input and
warn through Python's own warnings machinery (one class, the core's code on each warning, the
core's message, reported at the user's line); the typed API refuses the same input instead.

test_differential.py checks over random inputs that the warnings fire when, and only when, they
should; this file checks each code through each drop-in path, and the warnings machinery."""

from __future__ import annotations

import copy
import pickle
import typing
import warnings
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, List

import pytest

import agora_token
from agora_token import AccessToken as dropin006
from agora_token import AccessToken2 as dropin007
from agora_token import ChatTokenBuilder2, RtcTokenBuilder, RtcTokenBuilder2, RtmTokenBuilder, RtmTokenBuilder2, legacy
from agora_token import apaas_token_builder, convoai_token_builder, stt_token_builder
from helpers import APP_CERTIFICATE, APP_ID, REPO

Rtc = RtcTokenBuilder2.RtcTokenBuilder
FIXED = dict(issued_at=1_700_000_000, salt=7)


def caught(call: Callable[[], Any]) -> List[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        call()
    return records


def codes(call: Callable[[], Any]) -> List[str]:
    return [getattr(record.message, "code") for record in caught(call)]


def access_token2(service: dropin007.Service, expire: int = 600) -> str:
    token = dropin007.AccessToken(APP_ID, APP_CERTIFICATE, expire=expire, **FIXED)
    token.add_service(service)
    return token.build()


def rtc_service(privilege: int, expire: int = 600) -> dropin007.ServiceRtc:
    service = dropin007.ServiceRtc("room", 42)
    service.add_privilege(privilege, expire)
    return service


def access_token006(privilege: int, expire: int, ts: int = 1_700_086_400) -> str:
    token = dropin006.AccessToken(APP_ID, APP_CERTIFICATE, "room", 42)
    token.ts, token.salt = ts, 7
    token.addPrivilege(privilege, expire)
    return token.build()


def _with(service: dropin007.Service, privilege: int) -> dropin007.Service:
    service.add_privilege(privilege, 600)
    return service


def access_token2_issue_ts(issue_ts: Any) -> str:
    token = dropin007.AccessToken(APP_ID, APP_CERTIFICATE, issue_ts, 600, salt=7)
    token.add_service(rtc_service(1))
    return token.build()


def access_token2_salt(salt: Any) -> str:
    token = dropin007.AccessToken(APP_ID, APP_CERTIFICATE, 1_700_000_000, 600, salt=salt)
    token.add_service(rtc_service(1))
    return token.build()


def rtm2_permissions(resource_type: int, permission_type: int) -> dropin007.ServiceRtm2.Permissions:
    permissions = dropin007.ServiceRtm2.Permissions()
    permissions.add(resource_type, permission_type, ["room"])
    return permissions


# Each code through each drop-in path that can raise it.
FIRES = {
    "role_read_as_join_only": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 0, 600, 600, **FIXED),
        lambda: Rtc.build_token_with_user_account(APP_ID, APP_CERTIFICATE, "room", "alice", 101, 600, 600, **FIXED),
        lambda: Rtc.build_token_with_rtm(APP_ID, APP_CERTIFICATE, "room", "alice", "1", 600, 600, **FIXED),
        lambda: Rtc.build_token_with_rtm2(APP_ID, APP_CERTIFICATE, "room", "alice", None, 600, 600, 600, 600, 600, "u", 600, **FIXED),
        lambda: convoai_token_builder.ConvoAITokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "room", "a", 3, 600, 600, 600, 600, 600, "u", 600, **FIXED),
        lambda: stt_token_builder.SttTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "room", "a", 1.5, 600, 600, 600, 600, 600, "u", 600, **FIXED),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 3, 0, salt=7),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithAccount(APP_ID, APP_CERTIFICATE, "room", "a", "0", 0, salt=7),
    ],
    "undefined_privilege": [
        lambda: access_token2(rtc_service(5)),
        lambda: access_token2(rtc_service(0)),
        lambda: access_token2(rtc_service(65_535)),
        lambda: access_token2(_with(dropin007.ServiceConvoAI(), 1)),
        lambda: access_token2(_with(dropin007.ServiceFpa(), 0)),
        lambda: access_token2(_with(dropin007.ServiceStreaming("c", "a"), 100)),
        lambda: access_token006(13, 0),
        lambda: access_token006(0, 0),
    ],
    "expiry_looks_absolute": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 1_700_003_600, 0, **FIXED),
        lambda: Rtc.build_token_with_uid_and_privilege(APP_ID, APP_CERTIFICATE, "room", 42, 600, 600, 600, 600, 2**32 - 1, **FIXED),
        lambda: RtmTokenBuilder2.RtmTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "u", 1_700_003_600, **FIXED),
        lambda: ChatTokenBuilder2.ChatTokenBuilder.build_app_token(APP_ID, APP_CERTIFICATE, 946_684_800, **FIXED),
        lambda: apaas_token_builder.ApaasTokenBuilder.build_app_token(APP_ID, APP_CERTIFICATE, 1_700_003_600, **FIXED),
        lambda: access_token2(rtc_service(1, 1_700_003_600)),
        lambda: access_token2(rtc_service(1), expire=1_700_003_600),
    ],
    "lifetime_over_24h": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 86_401, 0, **FIXED),
        lambda: Rtc.build_token_with_rtm(APP_ID, APP_CERTIFICATE, "room", "a", 1, 600, 7 * 86_400, **FIXED),
        lambda: ChatTokenBuilder2.ChatTokenBuilder.build_user_token(APP_ID, APP_CERTIFICATE, "u", 172_800, **FIXED),
        lambda: access_token2(rtc_service(1, 90_000)),
    ],
    "fraction_truncated": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 600.9, 600, **FIXED),
        lambda: Rtc.build_token_with_user_account_and_privilege(APP_ID, APP_CERTIFICATE, "room", "a", 600, Decimal("0.5"), 0, 0, 0, **FIXED),
        lambda: RtmTokenBuilder2.RtmTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "u", Fraction(1201, 2), **FIXED),
        lambda: apaas_token_builder.ApaasTokenBuilder.build_room_user_token(APP_ID, APP_CERTIFICATE, "r", "u", 1.5, 600, **FIXED),
        lambda: access_token2(rtc_service(1, 599.5)),
        lambda: access_token2(rtc_service(1.5)),
        lambda: access_token2(_with(dropin007.ServiceApaas("r", "u", -1.5), 1)),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 1_700_003_600.5, salt=7),
        lambda: access_token006(1, 0.25),
    ],
    "not_a_number": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, True, 600, **FIXED),
        lambda: ChatTokenBuilder2.ChatTokenBuilder.build_app_token(APP_ID, APP_CERTIFICATE, False, **FIXED),
        lambda: access_token2(rtc_service(True)),
        lambda: access_token2_salt(True),
        lambda: access_token006(1, False),
    ],
    "issue_time_zero_not_now": [
        lambda: access_token2_issue_ts("0"),
        lambda: access_token2_issue_ts(b" 00 "),
    ],
    "uid_written_as_text": [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", -1, 1, 600, 600, **FIXED),
        lambda: Rtc.build_token_with_user_account(APP_ID, APP_CERTIFICATE, "room", None, 1, 600, 600, **FIXED),
        lambda: Rtc.build_token_with_uid_and_privilege(APP_ID, APP_CERTIFICATE, "room", 2**32, 600, 600, 600, 600, 600, **FIXED),
        lambda: Rtc.build_token_with_rtm2(APP_ID, APP_CERTIFICATE, "room", 1.5, 1, 600, 600, 600, 600, 600, "u", 600, **FIXED),
        lambda: convoai_token_builder.ConvoAITokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "room", False, 1, 600, 600, 600, 600, 600, "u", 600, **FIXED),
        lambda: access_token2(_with(dropin007.ServiceStreaming("c", -5), 1)),
        lambda: access_token2(_with(dropin007.ServiceRtc("c", True), 1)),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", -1, 1, 0, salt=7),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithAccount(APP_ID, APP_CERTIFICATE, "room", b"a", 1, 0, salt=7),
    ],
    "undefined_rtm2_type": [
        lambda: access_token2(dropin007.ServiceRtm2("u", rtm2_permissions(5, 0))),
        lambda: access_token2(dropin007.ServiceRtm2("u", rtm2_permissions(0, 2))),
        lambda: RtmTokenBuilder2.RtmTokenBuilder.build_token_with_permissions(APP_ID, APP_CERTIFICATE, "u", rtm2_permissions(65_535, 1), 600, **FIXED),
    ],
    "expiry_looks_relative": [
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 3600, salt=7),
        lambda: RtmTokenBuilder.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, "u", 1, 86_400, salt=7),
        lambda: access_token006(1, 3600),
        lambda: access_token006(1, 0, ts=86_400),
    ],
}


@pytest.mark.parametrize("code", sorted(FIRES))
def test_each_code_fires_once_at_the_callers_line_with_the_core_message(code: str) -> None:
    for index, call in enumerate(FIRES[code]):
        records = caught(call)
        assert [getattr(r.message, "code") for r in records] == [code], (code, index)
        (record,) = records
        assert record.category is agora_token.AgoraTokenCompatWarning
        # stacklevel: the line is in this file (the lambda), not inside agora_token.
        assert record.filename == __file__, (code, index, record.filename)
        message = str(record.message)
        assert message and "official builders" in message and APP_CERTIFICATE not in message


def test_clean_input_warns_nothing() -> None:
    clean: List[Callable[[], Any]] = [
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 86_400, 0, **FIXED),
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, True, 3600, 3600, **FIXED),
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 2.0, 3600, 3600, **FIXED),
        lambda: Rtc.build_token_with_rtm2(APP_ID, APP_CERTIFICATE, "room", "a", 2, 600, 0, 0, 0, 0, "u", 600, **FIXED),
        lambda: access_token2(rtc_service(4, 86_400)),
        lambda: access_token2(_with(dropin007.ServiceApaas("r", "u", 1), 3)),
        lambda: access_token006(1000, 0),
        lambda: access_token006(101, 1_700_003_600),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 0, 0, salt=7),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 101, 1_700_003_600, salt=7),
        lambda: RtmTokenBuilder.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, "u", None, 0, salt=7),
        # Numbers as query strings and JSON give them, and whole floats: what int() reads exactly.
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, "3600", " 600\n", **FIXED),
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", "42", 1, 3600.0, Decimal(600), **FIXED),
        lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", agora_token.RtcRole.PUBLISHER, 1, 600, 600, **FIXED),
        lambda: access_token2(rtc_service("4", "600")),
        lambda: access_token2_issue_ts("1700000000"),
        lambda: access_token2_salt("12345"),
        lambda: access_token2(dropin007.ServiceRtm2("u", rtm2_permissions(4, 1))),
        lambda: apaas_token_builder.ApaasTokenBuilder.build_room_user_token(APP_ID, APP_CERTIFICATE, "r", "u", "2", "600", **FIXED),
        lambda: RtcTokenBuilder.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 0, 1, "1700003600", salt=7),
    ]
    for index, call in enumerate(clean):
        assert codes(call) == [], index


def test_the_messages_are_the_cores() -> None:
    (record,) = caught(lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 0, 600, 600, **FIXED))
    assert str(record.message) == (
        "RTC role 0 is neither 1 (publisher) nor 2 (subscriber) (0 and 101 are the attendee and admin roles of 006 "
        "tokens, which 007 does not have): the official builders grant it join only, like a subscriber; pass 1 to "
        "publish or 2 for join only"
    )
    (record,) = caught(lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, "publisher", 600, 600, **FIXED))
    assert str(record.message).startswith("RTC role 'publisher' is neither")
    # A long value (a certificate passed in the wrong place?) is described, never shown.
    (record,) = caught(lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, APP_CERTIFICATE, 600, 600, **FIXED))
    assert str(record.message).startswith("RTC role a str of length 32 is neither") and APP_CERTIFICATE not in str(record.message)
    (record,) = caught(lambda: Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 1_764_066_022, 0, **FIXED))
    assert str(record.message).startswith("token_expire is 1764066022, which looks like an absolute Unix timestamp (2025-11-25")


def test_warnings_can_be_turned_into_errors_or_ignored() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", agora_token.AgoraTokenCompatWarning)
        with pytest.raises(agora_token.AgoraTokenCompatWarning) as raised:
            Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 0, 600, 600, **FIXED)
        assert raised.value.code == "role_read_as_join_only"
        with pytest.raises(agora_token.AgoraTokenCompatWarning):
            access_token2(rtc_service(5))
        # Clean input still builds.
        assert Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 600, 600, **FIXED).startswith("007")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=agora_token.AgoraTokenCompatWarning)
        token = Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 0, 600, 600, **FIXED)
    assert records == []
    assert token == Rtc.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 2, 600, 600, **FIXED)


def test_every_code_is_exported_and_fired_here() -> None:
    assert "COMPAT_WARNING_CODES" in agora_token.__all__
    assert sorted(agora_token.COMPAT_WARNING_CODES) == sorted(FIRES)
    # Read from the core: a warning the core adds fails here until CompatWarningCode lists it.
    assert agora_token.COMPAT_WARNING_CODES == typing.get_args(agora_token.CompatWarningCode)


def test_the_warning_class() -> None:
    assert "AgoraTokenCompatWarning" in agora_token.__all__
    assert issubclass(agora_token.AgoraTokenCompatWarning, UserWarning)
    assert not issubclass(agora_token.AgoraTokenCompatWarning, agora_token.AgoraTokenError)
    warning = agora_token.AgoraTokenCompatWarning("a message", "undefined_privilege")
    for copied in (pickle.loads(pickle.dumps(warning)), copy.copy(warning)):
        assert (str(copied), copied.code) == ("a message", "undefined_privilege")


def test_the_typed_layer_refuses_what_the_drop_in_accepts_with_a_warning() -> None:
    credentials = agora_token.Credentials(APP_ID, APP_CERTIFICATE)
    with pytest.raises(agora_token.UnknownRoleError):
        agora_token.TokenBuilder(credentials, expire=600).rtc(channel_name="room", user=42, role=0)
    with pytest.raises(agora_token.UnknownPrivilegeError):
        agora_token.RtcService(channel_name="room", user=42, privileges={5: 600})
    with pytest.raises(agora_token.ExpiryLooksAbsoluteError):
        agora_token.TokenBuilder(credentials, expire=1_700_003_600, strict=True).fpa().build()
    with pytest.raises(agora_token.UnknownRoleError):
        legacy.TokenBuilder006.rtc(credentials, channel_name="room", user=42, role=3, privilege_expired_ts=0)
    with pytest.raises(agora_token.UnknownPrivilegeError):
        legacy.TokenBuilder006(credentials, channel_name="room", user=42).privilege(13, 0)
    with pytest.raises(agora_token.ExpiryLooksRelativeError):
        legacy.TokenBuilder006.rtc(credentials, channel_name="room", user=42, role=1, privilege_expired_ts=3600, strict=True).build()


def test_access_token2_pins_any_issue_time_and_keeps_upstreams_default() -> None:
    service = rtc_service(1)
    pinned = dropin007.AccessToken(APP_ID, APP_CERTIFICATE, expire=600, issued_at=0, salt=0)
    pinned.add_service(service)
    payload = agora_token.decode_unverified(pinned.build()).payload
    assert (payload.issued_at, payload.salt) == (0, 0)
    # issue_ts=0 keeps upstream's meaning: now.
    default = dropin007.AccessToken(APP_ID, APP_CERTIFICATE, issue_ts=0, expire=600, salt=0)
    default.add_service(service)
    assert agora_token.decode_unverified(default.build()).payload.issued_at > 1_600_000_000
    # A parsed token keeps its own issue time, 0 included, so it rebuilds to the same string.
    parsed = dropin007.AccessToken()
    assert parsed.from_string(pinned.build())
    parsed._AccessToken__app_cert = APP_CERTIFICATE  # type: ignore[attr-defined]
    assert parsed.build() == pinned.build()


def test_the_readme_example_runs() -> None:
    readme = (REPO / "python" / "README.md").read_text(encoding="utf-8")
    (block,) = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:] if "AgoraTokenCompatWarning" in b.split("```", 1)[0]]
    namespace: dict = {}
    with warnings.catch_warnings():
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 (our own README)
    assert namespace["token"].startswith("007")
