"""Differential tests against the real peers, installed from PyPI: agoraiotools 0.3.4 (007 and 006)
and agora-token-builder 1.0.0 (006). Both compress with Python's stock zlib, so every builder they
share with us must give the identical string for the same inputs, issue time and salt.

The peers take the issue time from `time.time()` and the salt from `secrets.SystemRandom()`;
the `frozen_peers` fixture (conftest.py) replaces both in their modules. Ours take them as the
`issued_at` / `salt` (007) and `expires_at` / `salt` (006) keywords.
"""

from __future__ import annotations

import importlib
import itertools
from typing import Any, Callable, List, Tuple, Union

import pytest

import agora_token
from agora_token import AccessToken2 as our_access_token2
from agora_token import ApaasTokenBuilder as our_apaas
from agora_token import ChatTokenBuilder2 as our_chat
from agora_token import EducationTokenBuilder as our_education
from agora_token import FpaTokenBuilder as our_fpa
from agora_token import RtcTokenBuilder as our_rtc006
from agora_token import RtcTokenBuilder2 as our_rtc
from agora_token import RtmTokenBuilder as our_rtm006
from agora_token import RtmTokenBuilder2 as our_rtm
from agora_token import legacy
from conftest import FrozenPeers
from helpers import APP_CERTIFICATE, APP_ID, inflate

# Module objects of the peers (agoraiotools' package attributes of the same names are classes).
io_access_token2 = importlib.import_module("agoraiotools.AccessToken2")
io_rtc = importlib.import_module("agoraiotools.RtcTokenBuilder2")
io_rtm = importlib.import_module("agoraiotools.RtmTokenBuilder2")
io_chat = importlib.import_module("agoraiotools.ChatTokenBuilder2")
io_fpa = importlib.import_module("agoraiotools.fpa_token_builder")
io_apaas = importlib.import_module("agoraiotools.apaas_token_builder")
io_education = importlib.import_module("agoraiotools.education_token_builder")
io_rtc006 = importlib.import_module("agoraiotools.RtcTokenBuilder")
io_rtm006 = importlib.import_module("agoraiotools.RtmTokenBuilder")
atb_rtc006 = importlib.import_module("agora_token_builder.RtcTokenBuilder")
atb_rtm006 = importlib.import_module("agora_token_builder.RtmTokenBuilder")

# Issue times and salts: the upstream test values, a current-looking time, and the extremes.
CLOCKS = [(1_111_111, 1), (1_700_000_000, 12_345_678), (4_294_967_295 - 86_400, 99_999_999)]
UIDS: List[Union[int, str]] = [0, 1, 2_882_341_273, 4_294_967_295]
ACCOUNTS = ["alice", "0", "", "user@example.com", "ユーザー"]
CHANNELS = ["7d72365eb983485397e3e3f9d460bdda", "", "*", "room with spaces", "频道-1"]
EXPIRIES = [(600, 600), (3600, 0), (86_400, 3600), (0, 0)]
ROLES = [1, 2]


def same(frozen: FrozenPeers, now: int, salt: int, theirs: Callable[[], str], ours: Callable[[], str]) -> str:
    frozen.set(now, salt)
    expected = theirs()
    assert expected.startswith(("006", "007")), "the peer built a token"
    assert ours() == expected
    return expected


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_rtc_with_uid_and_account(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    for uid, channel, (token_expire, privilege_expire), role in itertools.product(UIDS + ACCOUNTS, CHANNELS, EXPIRIES, ROLES):
        theirs_uid = lambda: io_rtc.RtcTokenBuilder.build_token_with_uid(  # noqa: E731
            APP_ID, APP_CERTIFICATE, channel, uid, role, token_expire, privilege_expire
        )
        ours_uid = lambda: our_rtc.RtcTokenBuilder.build_token_with_uid(  # noqa: E731
            APP_ID, APP_CERTIFICATE, channel, uid, role, token_expire, privilege_expire, issued_at=now, salt=salt
        )
        token = same(frozen_peers, now, salt, theirs_uid, ours_uid)
        same(
            frozen_peers, now, salt,
            lambda: io_rtc.RtcTokenBuilder2.build_token_with_user_account(
                APP_ID, APP_CERTIFICATE, channel, uid, role, token_expire, privilege_expire
            ),
            lambda: our_rtc.RtcTokenBuilder2.build_token_with_user_account(
                APP_ID, APP_CERTIFICATE, channel, uid, role, token_expire, privilege_expire, issued_at=now, salt=salt
            ),
        )
        idiomatic = (
            agora_token.TokenBuilder(agora_token.Credentials(APP_ID, APP_CERTIFICATE), expire=token_expire, issued_at=now, salt=salt)
            .rtc(channel_name=channel, user=uid, role=agora_token.Role(role), privilege_expire=privilege_expire)
            .build()
        )
        assert idiomatic == token


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_rtc_with_privileges(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    expiries = [(600, 500, 400, 300), (0, 0, 0, 0), (86_400, 3600, 60, 4_294_967_295)]
    for uid, channel, (join, audio, video, data) in itertools.product(UIDS + ACCOUNTS, CHANNELS[:3], expiries):
        # agoraiotools' build_token_with_uid_and_privilege is broken (see below); upstream's
        # forwards to build_token_with_user_account_and_privilege, so both of ours must equal that.
        for method in ("build_token_with_uid_and_privilege", "build_token_with_user_account_and_privilege"):
            token = same(
                frozen_peers, now, salt,
                lambda: io_rtc.RtcTokenBuilder2.build_token_with_user_account_and_privilege(
                    APP_ID, APP_CERTIFICATE, channel, uid, 3600, join, audio, video, data
                ),
                lambda: getattr(our_rtc.RtcTokenBuilder, method)(
                    APP_ID, APP_CERTIFICATE, channel, uid, 3600, join, audio, video, data, issued_at=now, salt=salt
                ),
            )
        idiomatic = (
            agora_token.TokenBuilder(agora_token.Credentials(APP_ID, APP_CERTIFICATE), expire=3600, issued_at=now, salt=salt)
            .rtc_with_privileges(channel_name=channel, user=uid, join_channel=join, publish_audio=audio, publish_video=video, publish_data=data)
            .build()
        )
        assert idiomatic == token


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_rtc_with_rtm(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    for account, channel, (token_expire, privilege_expire), role in itertools.product(ACCOUNTS, CHANNELS[:3], EXPIRIES, ROLES):
        same(
            frozen_peers, now, salt,
            lambda: io_rtc.RtcTokenBuilder2.build_token_with_rtm(APP_ID, APP_CERTIFICATE, channel, account, role, token_expire, privilege_expire),
            lambda: our_rtc.RtcTokenBuilder.build_token_with_rtm(
                APP_ID, APP_CERTIFICATE, channel, account, role, token_expire, privilege_expire, issued_at=now, salt=salt
            ),
        )
        for rtm_user, rtm_expire in [("rtm-user", 600), (account, 0)]:
            same(
                frozen_peers, now, salt,
                lambda: io_rtc.RtcTokenBuilder2.build_token_with_rtm2(
                    APP_ID, APP_CERTIFICATE, channel, account, role, token_expire, 600, 500, 400, 300, rtm_user, rtm_expire
                ),
                lambda: our_rtc.RtcTokenBuilder.build_token_with_rtm2(
                    APP_ID, APP_CERTIFICATE, channel, account, role, token_expire, 600, 500, 400, 300, rtm_user, rtm_expire,
                    issued_at=now, salt=salt,
                ),
            )


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_rtm_chat_fpa(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    for user, expire in itertools.product(ACCOUNTS + ["2882341273"], [600, 3600, 0]):
        same(
            frozen_peers, now, salt,
            lambda: io_rtm.RtmTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, user, expire),
            lambda: our_rtm.RtmTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, user, expire, issued_at=now, salt=salt),
        )
        same(
            frozen_peers, now, salt,
            lambda: io_chat.ChatTokenBuilder2.build_user_token(APP_ID, APP_CERTIFICATE, user, expire),
            lambda: our_chat.ChatTokenBuilder2.build_user_token(APP_ID, APP_CERTIFICATE, user, expire, issued_at=now, salt=salt),
        )
    for expire in [600, 86_400]:
        same(
            frozen_peers, now, salt,
            lambda: io_chat.ChatTokenBuilder.build_app_token(APP_ID, APP_CERTIFICATE, expire),
            lambda: our_chat.ChatTokenBuilder.build_app_token(APP_ID, APP_CERTIFICATE, expire, issued_at=now, salt=salt),
        )
    same(
        frozen_peers, now, salt,
        lambda: io_fpa.FpaTokenBuilder.build_token(APP_ID, APP_CERTIFICATE),
        lambda: our_fpa.FpaTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, issued_at=now, salt=salt),
    )


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_apaas_and_education(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    pairs: List[Tuple[Any, Any]] = [
        (io_apaas.ApaasTokenBuilder, our_apaas.ApaasTokenBuilder),
        (io_education.EducationTokenBuilder, our_education.EducationTokenBuilder),
    ]
    # "168" has an MD5 with a leading zero (Java upstream drops it; Python keeps it).
    for (theirs, ours), user, role in itertools.product(pairs, ["2882341273", "168", "student-1"], [0, 1, 2, 3, -1]):
        same(
            frozen_peers, now, salt,
            lambda: theirs.build_room_user_token(APP_ID, APP_CERTIFICATE, "room-1", user, role, 600),
            lambda: ours.build_room_user_token(APP_ID, APP_CERTIFICATE, "room-1", user, role, 600, issued_at=now, salt=salt),
        )
        same(
            frozen_peers, now, salt,
            lambda: theirs.build_user_token(APP_ID, APP_CERTIFICATE, user, 600),
            lambda: ours.build_user_token(APP_ID, APP_CERTIFICATE, user, 600, issued_at=now, salt=salt),
        )
    for theirs, ours in pairs:
        same(
            frozen_peers, now, salt,
            lambda: theirs.build_app_token(APP_ID, APP_CERTIFICATE, 600),
            lambda: ours.build_app_token(APP_ID, APP_CERTIFICATE, 600, issued_at=now, salt=salt),
        )


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_access_token2_with_several_services(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    def build(module: Any, add_salt: bool) -> str:
        token = module.AccessToken(APP_ID, APP_CERTIFICATE, issue_ts=now, expire=3600)
        if add_salt:
            token._AccessToken__salt = salt
        # agoraiotools keeps one service per type, so each type appears once here.
        rtc = module.ServiceRtc("room", 42)
        rtc.add_privilege(module.ServiceRtc.kPrivilegeJoinChannel, 3600)
        rtc.add_privilege(module.ServiceRtc.kPrivilegePublishAudioStream, 1800)
        rtm = module.ServiceRtm("alice")
        rtm.add_privilege(module.ServiceRtm.kPrivilegeLogin, 3600)
        fpa = module.ServiceFpa()
        fpa.add_privilege(module.ServiceFpa.kPrivilegeLogin, 0)
        chat = module.ServiceChat("alice")
        chat.add_privilege(module.ServiceChat.kPrivilegeUser, 3600)
        apaas = module.ServiceApaas("room", "alice", 2)
        apaas.add_privilege(module.ServiceApaas.kPrivilegeRoomUser, 3600)
        # Added out of type order: both sort by type when packing.
        for service in (chat, apaas, rtc, fpa, rtm):
            token.add_service(service)
        return str(token.build())

    same(frozen_peers, now, salt, lambda: build(io_access_token2, False), lambda: build(our_access_token2, True))


@pytest.mark.parametrize("now,salt", CLOCKS)
def test_tokens_of_the_peer_decode_and_verify(frozen_peers: FrozenPeers, now: int, salt: int) -> None:
    frozen_peers.set(now, salt)
    token = io_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 600, 300)
    payload = agora_token.verify(token, APP_CERTIFICATE).payload
    assert (payload.app_id, payload.issued_at, payload.expire, payload.salt) == (APP_ID, now, 600, salt)
    assert payload.services == [
        agora_token.RtcService(channel_name="room", user=42, privileges={1: 300, 2: 300, 3: 300, 4: 300})
    ]
    parsed = our_access_token2.AccessToken()
    assert parsed.from_string(token) and parsed.verify_signature(APP_CERTIFICATE)
    # And ours decode in theirs (their parser reads the payload we wrote).
    theirs = io_access_token2.AccessToken()
    ours = our_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 1, 600, 300, issued_at=now, salt=salt)
    assert theirs.from_string(ours) is True
    assert inflate(ours) == inflate(token)


# ---------------------------------------------------------------------------------------------
# 006: agoraiotools and agora-token-builder


PEERS_006 = [(io_rtc006, io_rtm006), (atb_rtc006, atb_rtm006)]


@pytest.mark.parametrize("now,salt", CLOCKS)
@pytest.mark.parametrize("peer_rtc,peer_rtm", PEERS_006, ids=["agoraiotools", "agora-token-builder"])
def test_006_rtc_and_rtm(frozen_peers: FrozenPeers, now: int, salt: int, peer_rtc: Any, peer_rtm: Any) -> None:
    # The peers set the token's own expiry to their clock + 24 hours; ours takes it as expires_at.
    expires_at = now + 86_400
    for uid, channel, role, privilege_ts in itertools.product(
        UIDS + ACCOUNTS, CHANNELS, [0, 1, 2, 101], [0, 1_446_455_471, now + 3600]
    ):
        method = "buildTokenWithUid" if isinstance(uid, int) else "buildTokenWithAccount"
        token = same(
            frozen_peers, now, salt,
            lambda: getattr(peer_rtc.RtcTokenBuilder, method)(APP_ID, APP_CERTIFICATE, channel, uid, role, privilege_ts),
            lambda: getattr(our_rtc006.RtcTokenBuilder, method)(
                APP_ID, APP_CERTIFICATE, channel, uid, role, privilege_ts, expires_at=expires_at, salt=salt
            ),
        )
        idiomatic = legacy.TokenBuilder006.rtc(
            agora_token.Credentials(APP_ID, APP_CERTIFICATE), channel_name=channel, user=uid, role=role,
            privilege_expired_ts=privilege_ts, expires_at=expires_at, salt=salt,
        ).build()
        assert idiomatic == token
    for account in ACCOUNTS:
        same(
            frozen_peers, now, salt,
            lambda: peer_rtm.RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, account, peer_rtm.Role_Rtm_User, now + 3600),
            lambda: our_rtm006.RtmTokenBuilder.buildToken(
                APP_ID, APP_CERTIFICATE, account, our_rtm006.Role_Rtm_User, now + 3600, expires_at=expires_at, salt=salt
            ),
        )


@pytest.mark.parametrize("peer", ["agoraiotools.AccessToken", "agora_token_builder.AccessToken"])
def test_006_tokens_of_the_peers_decode(frozen_peers: FrozenPeers, peer: str) -> None:
    module = importlib.import_module(peer)
    frozen_peers.set(1_700_000_000, 4242)
    token = module.AccessToken(APP_ID, APP_CERTIFICATE, "room", 42)
    token.addPrivilege(module.kJoinChannel, 1_700_003_600)
    token.addPrivilege(module.kRtmLogin, 0)
    built = token.build()
    decoded = legacy.decode_006(built)
    assert (decoded.salt, decoded.expires_at, decoded.privileges) == (4242, 1_700_086_400, {1: 1_700_003_600, 1000: 0})
    decoded.check_signature(APP_CERTIFICATE, channel_name="room", user=42)
    parsed = module.AccessToken()
    ours = legacy.TokenBuilder006(
        agora_token.Credentials(APP_ID, APP_CERTIFICATE), channel_name="room", user=42, expires_at=1_700_086_400, salt=4242
    ).privilege(1, 1_700_003_600).privilege(1000, 0).build()
    assert ours == built
    assert parsed.fromString(ours) is True
    assert (parsed.salt, parsed.ts, dict(parsed.messages)) == (4242, 1_700_086_400, {1: 1_700_003_600, 1000: 0})


# ---------------------------------------------------------------------------------------------
# The documented differences: where the peers return "" or guess, we raise.


def test_invalid_credentials_give_an_empty_string_there_and_an_error_here(frozen_peers: FrozenPeers) -> None:
    for app_id, certificate, error in [
        ("abc", APP_CERTIFICATE, agora_token.InvalidAppIdError),
        (APP_ID, "not-a-certificate", agora_token.InvalidAppCertificateError),
    ]:
        assert io_rtc.RtcTokenBuilder.build_token_with_uid(app_id, certificate, "room", 42, 1, 600, 600) == ""
        with pytest.raises(error):
            our_rtc.RtcTokenBuilder.build_token_with_uid(app_id, certificate, "room", 42, 1, 600, 600)
        assert io_chat.ChatTokenBuilder.build_app_token(app_id, certificate, 600) == ""
        with pytest.raises(error):
            our_chat.ChatTokenBuilder.build_app_token(app_id, certificate, 600)


def test_unknown_roles_make_a_subscriber_there_and_an_error_here(frozen_peers: FrozenPeers) -> None:
    subscriber = io_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 2, 600, 600)
    assert io_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 3, 600, 600) == subscriber
    with pytest.raises(agora_token.UnknownRoleError, match="unknown RTC role 3"):
        our_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", 42, 3, 600, 600)
    with pytest.raises(agora_token.UnknownRoleError):
        our_rtc006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", 42, 3, 1_446_455_471)


def test_negative_uids_wrap_or_leak_there_and_are_refused_here(frozen_peers: FrozenPeers) -> None:
    # The peer packs str(-1) = "-1" as if it were an account.
    token = io_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", -1, 1, 600, 600)
    assert agora_token.decode(token).payload.services[0].uid == "-1"
    with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
        our_rtc.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", -1, 1, 600, 600)


def test_build_token_with_uid_and_privilege_works_here_but_not_in_agoraiotools(frozen_peers: FrozenPeers) -> None:
    # agoraiotools 0.3.4 forwards to a method its base class does not have.
    with pytest.raises(AttributeError, match="build_token_with_user_account_and_privilege"):
        io_rtc.RtcTokenBuilder2.build_token_with_uid_and_privilege(APP_ID, APP_CERTIFICATE, "room", 42, 600, 600, 600, 600, 600)
    token = our_rtc.RtcTokenBuilder2.build_token_with_uid_and_privilege(APP_ID, APP_CERTIFICATE, "room", 42, 600, 600, 600, 600, 600)
    assert agora_token.verify(token, APP_CERTIFICATE).payload.services[0].privileges == {1: 600, 2: 600, 3: 600, 4: 600}
