"""explain() for every service and its support questions: RTM and RTM2 logins, Chat, APaaS, the
expected App ID, the secondary certificate, wildcard matches and SDK errors. The verdicts are the
core's; these tests check that Python passes them through with the same codes."""

from __future__ import annotations

import pathlib
import typing

import pytest

import agora_token
from agora_token import Credentials, RtcRole, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, TokenBuilder
from helpers import APP_CERTIFICATE, APP_ID

ISSUED = 1_700_000_000
OTHER_CERTIFICATE = "0" * 32


def builder(expire: int = 600) -> TokenBuilder:
    return TokenBuilder(Credentials(APP_ID, APP_CERTIFICATE), expire=expire, issued_at=ISSUED, salt=7)


def verdict(explanation: agora_token.Explanation, service: str) -> agora_token.ServiceVerdict:
    (found,) = [v for v in explanation.verdicts if v.service == service]
    return found


def test_rtc_and_rtm_get_one_verdict_each() -> None:
    token = builder().rtc_with_rtm(channel_name="room", account="alice", role=RtcRole.PUBLISHER).build()
    explanation = agora_token.explain(token, user_id="alice", now=ISSUED + 1)
    assert [v.service for v in explanation.verdicts] == ["RTC", "RTM"]
    rtm = verdict(explanation, "RTM")
    assert rtm.allowed and rtm.grants == ["log in"] and rtm.question == 'log in to RTM as "alice"'
    wrong = verdict(agora_token.explain(token, user_id="bob", now=ISSUED + 1), "RTM")
    assert not wrong.allowed and [r.code for r in wrong.reasons] == ["user_mismatch"]
    assert "not this one" in str(wrong.reasons[0])


def test_rtm2_permissions_and_wildcards() -> None:
    permissions = Rtm2Permissions()
    permissions.add(Rtm2ResourceType.MESSAGE_CHANNEL, Rtm2PermissionType.READ, ["news-*"])
    token = builder().rtm2(user_id="alice", permissions=permissions, expire=0).build()
    news = verdict(agora_token.explain(token, rtm_channel="news-1", now=ISSUED + 1), "RTM2")
    assert news.allowed and news.grants == ["log in", 'read message channels "news-1"']
    (matched,) = news.wildcard_matches
    assert (matched.field, matched.pattern, matched.value) == ("RTM channel", "news-*", "news-1")
    secret = verdict(agora_token.explain(token, rtm_channel="secret", now=ISSUED + 1), "RTM2")
    assert [r.code for r in secret.reasons] == ["rtm2_permission_missing"]


def test_chat_app_token_used_for_a_user() -> None:
    token = builder().chat_app(expire=600).build()
    chat = verdict(agora_token.explain(token, user_id="bob", now=ISSUED + 1), "Chat")
    assert not chat.allowed and [r.code for r in chat.reasons] == ["privilege_missing"]
    assert "Chat app token" in chat.reasons[0].message


def test_apaas_room_mismatch() -> None:
    token = builder().apaas_room_user(room_uuid="room-1", user_uuid="u-1", role=1, expire=600).build()
    assert verdict(agora_token.explain(token, room_uuid="room-1", now=ISSUED + 1), "APaaS").allowed
    other = verdict(agora_token.explain(token, room_uuid="room-2", now=ISSUED + 1), "APaaS")
    assert [r.code for r in other.reasons] == ["room_mismatch"]


def test_expected_app_id_secondary_certificate_and_sdk_errors() -> None:
    token = builder().rtc(channel_name="room", user=42, role=RtcRole.PUBLISHER).build()
    rotated = agora_token.explain(
        token, app_certificate=OTHER_CERTIFICATE, secondary_certificate=APP_CERTIFICATE, now=ISSUED + 1
    )
    assert (rotated.signature, rotated.verified_with) == ("valid", "secondary")
    assert agora_token.explain(token, app_certificate=APP_CERTIFICATE, now=ISSUED + 1).verified_with == "primary"

    explanation = agora_token.explain(
        token, expected_app_id="f" * 32, channel_name="room", user=42, sdk_error="110", now=ISSUED + 1
    )
    diagnosis = explanation.sdk_error
    assert diagnosis is not None and diagnosis.code == "rtc-110" and diagnosis.sdk_name == "ERR_INVALID_TOKEN (110)"
    assert [r.code for r in diagnosis.explained_by] == ["app_id_mismatch"]
    assert diagnosis.source.startswith("https://docs.agora.io/")
    expired = agora_token.explain(token, sdk_error="rtc-109", now=ISSUED + 601).sdk_error
    assert expired is not None and [r.code for r in expired.explained_by] == ["token_expired"]
    with pytest.raises(agora_token.InvalidArgumentError, match="rtm-login-5"):
        agora_token.explain(token, sdk_error="rtc-17")


def test_codes_are_the_core_lists() -> None:
    assert "app_id_mismatch" in agora_token.REASON_CODES and "rtm2_permission_missing" in agora_token.REASON_CODES
    assert agora_token.SDK_ERROR_CODES[:3] == ("rtc-101", "rtc-109", "rtc-110")
    assert len(set(agora_token.REASON_CODES)) == len(agora_token.REASON_CODES)
    # REASON_CODES is read from the core: a reason the core adds fails here until the
    # ReasonCode Literal (Reason.code's type) lists it.
    assert agora_token.REASON_CODES == typing.get_args(agora_token.ReasonCode)


def test_credentials_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGORA_APP_ID", APP_ID)
    monkeypatch.setenv("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)
    credentials = Credentials.from_env()
    assert credentials.app_id == APP_ID and APP_CERTIFICATE not in repr(credentials)
    monkeypatch.delenv("AGORA_APP_CERTIFICATE")
    with pytest.raises(agora_token.InvalidArgumentError, match="AGORA_APP_CERTIFICATE is not set"):
        Credentials.from_env()


def test_the_readme_example_runs() -> None:
    readme = (pathlib.Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (block,) = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:] if "sdk_error=" in b.split("```", 1)[0]]
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 (our own README)
    assert namespace["report"].sdk_error.code == "rtm-login-5"
