"""The idiomatic layer: keyword-only builders, enums, seconds as int or timedelta, issue time as
int or datetime, typed decoding, verify, explain, and reprs that never show the certificate."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

import agora_token
from agora_token import AccessToken2 as dropin007
from agora_token import _native, legacy
from agora_token import (
    ApaasPrivilege,
    ChatPrivilege,
    Credentials,
    FcdnPrivilege,
    RtcPrivilege,
    RtcRole,
    Rtm2PermissionType,
    Rtm2Privilege,
    Rtm2ResourceType,
    ServiceType,
    StreamingPrivilege,
    TokenBuilder,
)
from helpers import APP_CERTIFICATE, APP_ID

ISSUED = 1_700_000_000


def builder(expire: int = 3600, **options: object) -> TokenBuilder:
    return TokenBuilder(Credentials(APP_ID, APP_CERTIFICATE), expire=expire, issued_at=ISSUED, salt=7, **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Enums are the core's numbers and names


def _normalized(name: str) -> str:
    return name.upper().replace(" ", "").replace("_", "")


def test_enums_match_the_core_tables() -> None:
    assert {t.value: _normalized(t.name) for t in ServiceType} == {
        code: _normalized(name) for code, name in _native.SERVICE_TYPES.items()
    }
    for service_type, names in _native.PRIVILEGES.items():
        # Each service's class and privilege enum are named after its ServiceType member:
        # CONVO_AI, ConvoAiService; RTC, RtcService and RtcPrivilege.
        prefix = "".join(part.capitalize() for part in ServiceType(service_type).name.split("_"))
        assert hasattr(agora_token, f"{prefix}Service"), prefix
        enum = getattr(agora_token, f"{prefix}Privilege", None)
        # The core's privilege name in upper case is the member's name: join_channel, JOIN_CHANNEL.
        expected = {name.upper(): code for name, code in names.items()}
        actual = {member.name: member.value for member in enum} if enum else {}
        assert actual == expected, ServiceType(service_type)
    # The typed 006 enum names the privileges apps use (not the CDN, request and invite ones).
    for member in legacy.Privilege006:
        assert _native.PRIVILEGES_006[member.name.lower()] == member.value, member


def test_roles_and_rtm2_types_are_what_the_core_accepts() -> None:
    publisher = builder().rtc(channel_name="c", user=1, role=RtcRole.PUBLISHER).build()
    subscriber = builder().rtc(channel_name="c", user=1, role=RtcRole.SUBSCRIBER).build()
    assert sorted(agora_token.decode_unverified(publisher).payload.services[0].privileges) == [1, 2, 3, 4]
    assert sorted(agora_token.decode_unverified(subscriber).payload.services[0].privileges) == [1]
    for name in ["publisher", "host", "Publisher", "1"]:
        assert builder().rtc(channel_name="c", user=1, role=name).build() == publisher
    for name in ["subscriber", "audience", "2"]:
        assert builder().rtc(channel_name="c", user=1, role=name).build() == subscriber
    permissions = agora_token.Rtm2Permissions()
    for resource in Rtm2ResourceType:
        for permission in Rtm2PermissionType:
            permissions.add(resource, permission, [f"{resource.name}-{permission.name}"])
    assert len(permissions) == len(Rtm2ResourceType) * len(Rtm2PermissionType)
    for role in legacy.Role006:
        legacy.TokenBuilder006.rtc(Credentials(APP_ID, APP_CERTIFICATE), channel_name="c", user=1, role=role, privilege_expired_ts=0)
    for privilege in legacy.Privilege006:
        legacy.TokenBuilder006(Credentials(APP_ID, APP_CERTIFICATE), channel_name="c", user=1).privilege(privilege, 0)


# ---------------------------------------------------------------------------------------------
# Building


def test_seconds_as_int_or_timedelta_and_times_as_int_or_datetime() -> None:
    by_int = TokenBuilder(Credentials(APP_ID, APP_CERTIFICATE), expire=3600, issued_at=ISSUED, salt=7)
    by_objects = TokenBuilder(
        Credentials(APP_ID, APP_CERTIFICATE),
        expire=timedelta(hours=1),
        issued_at=datetime.fromtimestamp(ISSUED, timezone(timedelta(hours=-5))),
        salt=7,
    )
    assert by_objects.issued_at == ISSUED and by_objects.expire == 3600
    token = by_int.rtc(channel_name="c", user=1, role=RtcRole.PUBLISHER, privilege_expire=1800).build()
    assert by_objects.rtc(channel_name="c", user=1, role=RtcRole.PUBLISHER, privilege_expire=timedelta(minutes=30)).build() == token
    # Fractions of a second in the issue time are dropped, as upstream's int(time.time()).
    late = datetime.fromtimestamp(ISSUED, timezone.utc) + timedelta(microseconds=999_999)
    assert TokenBuilder(Credentials(APP_ID, APP_CERTIFICATE), expire=1, issued_at=late).issued_at == ISSUED


def test_defaults_are_the_clock_and_a_random_salt() -> None:
    credentials = Credentials(APP_ID, APP_CERTIFICATE)
    before = int(time.time())
    payloads = [agora_token.decode_unverified(TokenBuilder(credentials, expire=600).fpa().build()).payload for _ in range(20)]
    after = int(time.time())
    assert all(before <= p.issued_at <= after for p in payloads)
    assert all(1 <= p.salt <= 99_999_999 for p in payloads)
    assert len({p.salt for p in payloads}) > 1


def test_an_omitted_privilege_expire_is_the_core_default() -> None:
    with_rtm = {"channel_name": "c", "account": "bob", "role": RtcRole.PUBLISHER}
    assert builder(600).rtc_with_rtm(**with_rtm).build() == (
        builder(600).rtc_with_rtm(**with_rtm, privilege_expire=agora_token.DEFAULT_PRIVILEGE_EXPIRE).build()
    )
    payload = agora_token.decode_unverified(builder(600).rtc(channel_name="c", user=1, role=RtcRole.PUBLISHER).build()).payload
    values = {value for service in payload.services for value in service.privileges.values()}
    assert values == {agora_token.DEFAULT_PRIVILEGE_EXPIRE}


def test_builder_methods_equal_the_drop_in_builders() -> None:
    from agora_token import ApaasTokenBuilder, ChatTokenBuilder2, FpaTokenBuilder, RtcTokenBuilder2, RtmTokenBuilder2, convoai_token_builder, stt_token_builder

    fixed = {"issued_at": ISSUED, "salt": 7}
    pairs = [
        (
            builder(600).rtc_with_rtm(channel_name="c", account="bob", role=1, privilege_expire=300),
            RtcTokenBuilder2.RtcTokenBuilder.build_token_with_rtm(APP_ID, APP_CERTIFICATE, "c", "bob", 1, 600, 300, **fixed),
        ),
        (builder(600).rtm(user_id="bob", expire=600), RtmTokenBuilder2.RtmTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, "bob", 600, **fixed)),
        (builder(600).chat_user(user_id="bob", expire=600), ChatTokenBuilder2.ChatTokenBuilder.build_user_token(APP_ID, APP_CERTIFICATE, "bob", 600, **fixed)),
        (builder(agora_token.FPA_TOKEN_EXPIRE).fpa(), FpaTokenBuilder.FpaTokenBuilder.build_token(APP_ID, APP_CERTIFICATE, **fixed)),
        (builder(600).apaas_user(user_uuid="u", expire=600), ApaasTokenBuilder.ApaasTokenBuilder.build_user_token(APP_ID, APP_CERTIFICATE, "u", 600, **fixed)),
    ]
    expiries = {"join_channel": 600, "publish_audio": 500, "publish_video": 400, "publish_data": 300}
    for method, module, cls in [("convo_ai", convoai_token_builder, "ConvoAITokenBuilder"), ("stt", stt_token_builder, "SttTokenBuilder")]:
        pairs.append(
            (
                getattr(builder(600), method)(channel_name="c", account="bob", role=1, rtm_user_id="bob", rtm_expire=600, **expiries),
                getattr(module, cls).build_token(APP_ID, APP_CERTIFICATE, "c", "bob", 1, 600, 600, 500, 400, 300, "bob", 600, **fixed),
            )
        )
    for idiomatic, dropin in pairs:
        assert idiomatic.build() == dropin


def test_rtm2_streaming_fcdn_and_service_objects() -> None:
    permissions = agora_token.Rtm2Permissions()
    permissions.add(Rtm2ResourceType.MESSAGE_CHANNEL, Rtm2PermissionType.WRITE, ["room-b", "room-a", "room-a"])
    permissions.add(Rtm2ResourceType.USER, Rtm2PermissionType.READ, iter(["bob"]))
    token = (
        builder()
        .rtm2(user_id="alice", permissions=permissions, expire=600)
        .streaming(channel_name="live", user=0, privileges=[StreamingPrivilege.PUBLISH_MIX_STREAM], expire=600)
        .fcdn(channel_name="live", user="cdn", privileges=[FcdnPrivilege.PLAY, FcdnPrivilege.PUBLISH], expire=60)
        .service(agora_token.ChatService(user_id="alice", privileges={ChatPrivilege.USER: timedelta(minutes=5)}))
        .build()
    )
    services = agora_token.verify(token, APP_CERTIFICATE).payload.services
    assert [s.service_type for s in services] == [ServiceType.STREAMING, ServiceType.CHAT, ServiceType.FCDN, ServiceType.RTM2]
    streaming, chat, fcdn, rtm2 = services
    assert (streaming.channel_name, streaming.account, streaming.privileges) == ("live", "", {1: 600})
    assert chat == agora_token.ChatService(user_id="alice", privileges={1: 300})
    assert fcdn.privileges == {FcdnPrivilege.PUBLISH: 60, FcdnPrivilege.PLAY: 60}
    assert rtm2.user_id == "alice" and rtm2.privileges == {Rtm2Privilege.LOGIN: 600}
    assert rtm2.permissions == permissions
    assert permissions.items() == [(0, 1, ["room-b", "room-a", "room-a"]), (4, 0, ["bob"])]
    assert "Rtm2Permissions([(0, 1, ['room-b', 'room-a', 'room-a']), (4, 0, ['bob'])])" in repr(rtm2)


def test_apaas_room_user_variants() -> None:
    standard = agora_token.decode_unverified(builder().apaas_room_user(room_uuid="r", user_uuid="u", role=0, expire=600).build())
    node = agora_token.decode_unverified(
        builder().apaas_room_user(room_uuid="r", user_uuid="u", role=0, expire=600, node_compatible=True).build()
    )
    (apaas,) = standard.payload.services_of(ServiceType.APAAS)
    (node_apaas,) = node.payload.services_of(ServiceType.APAAS)
    assert (apaas.role, apaas.privileges) == (0, {ApaasPrivilege.ROOM_USER: 600})
    assert (node_apaas.role, node_apaas.privileges) == (-1, {})


def test_strict_mode_refuses_timestamps_as_expiries() -> None:
    with pytest.raises(agora_token.ExpiryLooksAbsoluteError, match="looks like an absolute Unix timestamp"):
        builder(strict=True).rtc(channel_name="c", user=1, role=1, privilege_expire=int(time.time()) + 3600).build()
    assert builder(strict=True).rtc(channel_name="c", user=1, role=1, privilege_expire=3600).build()


def test_the_builder_lists_its_services_and_keeps_repeats() -> None:
    b = builder().rtc(channel_name="a", user=1, role=2).rtc(channel_name="b", user=2, role=2).fpa()
    assert [type(s).__name__ for s in b.services] == ["RtcService", "RtcService", "FpaService"]
    assert [s.channel_name for s in agora_token.decode_unverified(b.build()).payload.services_of(ServiceType.RTC)] == ["a", "b"]
    assert (b.expire, b.issued_at, b.salt, b.strict) == (3600, ISSUED, 7, False)


# ---------------------------------------------------------------------------------------------
# Decoding, verifying, explaining


def test_decode_verify_and_typed_payload() -> None:
    token = builder(600).rtc(channel_name="room", user=42, role=RtcRole.PUBLISHER, privilege_expire=300).build()
    unverified = agora_token.decode_unverified(token)
    assert isinstance(unverified, agora_token.UnverifiedToken)
    payload = unverified.payload
    assert isinstance(payload, agora_token.Payload)
    assert (payload.app_id, payload.issued_at, payload.expire, payload.expires_at, payload.salt) == (
        APP_ID, ISSUED, 600, ISSUED + 600, 7,
    )
    (rtc,) = payload.services
    assert isinstance(rtc, agora_token.RtcService)
    assert (rtc.channel_name, rtc.uid, rtc.service_type) == ("room", "42", 1)
    assert rtc.privileges[RtcPrivilege.PUBLISH_VIDEO_STREAM] == 300
    assert len(unverified.signature) == 32
    unverified.check_signature(APP_CERTIFICATE)
    unverified.check_signature(Credentials(APP_ID, APP_CERTIFICATE))
    verified = unverified.verify(APP_CERTIFICATE)
    assert isinstance(verified, agora_token.VerifiedToken) and verified.payload == payload
    assert agora_token.verify(token, Credentials(APP_ID, APP_CERTIFICATE)).payload == payload
    with pytest.raises(agora_token.SignatureMismatchError):
        unverified.verify(APP_CERTIFICATE.lower())  # the certificate's letter case matters
    with pytest.raises(agora_token.InvalidAppCertificateError):
        unverified.verify("short")
    with pytest.raises(TypeError):
        unverified.verify(42)  # type: ignore[arg-type]


def test_explain_gives_a_verdict_with_reasons() -> None:
    now = datetime.fromtimestamp(ISSUED + 60, timezone.utc)
    token = builder(600).rtc(channel_name="room", user=42, role=RtcRole.SUBSCRIBER, privilege_expire=600).build()
    explanation = agora_token.explain(token, app_certificate=APP_CERTIFICATE, channel_name="room", user=42, now=now)
    assert (explanation.version, explanation.app_id, explanation.signature) == ("007", APP_ID, "valid")
    assert (explanation.issued_at, explanation.lifetime, explanation.expires_at, explanation.now) == (ISSUED, 600, ISSUED + 600, ISSUED + 60)
    assert explanation.expired is False and explanation.salt == 7
    access = explanation.access
    assert access is not None and access.can_join and not access.can_publish_audio and not access.can_join_and_publish()
    assert {r.code for r in access.reasons} == {"publish_privilege_missing"}
    assert all(str(r) == r.message for r in access.reasons)
    (service,) = explanation.services
    assert (service.name, service.type_code, service.fields) == ("RTC", 1, [("channel", "room"), ("uid", "42")])
    (join,) = service.privileges
    assert (join.code, join.name, join.value, join.expires_at, join.expired) == (1, "join channel", 600, ISSUED + 600, False)
    report = str(explanation)
    assert "signature    valid" in report and "can join     yes" in report and "because" in report
    assert repr(explanation).startswith("<Explanation 007: can join: yes; can publish: no")

    wrong = agora_token.explain(token, app_certificate="0" * 32, channel_name="Room", user="42", now=ISSUED + 700)
    assert wrong.signature == "invalid" and wrong.expired
    assert wrong.access is not None and not wrong.access.can_join
    assert [r.code for r in wrong.access.reasons][:3] == ["wrong_certificate", "token_expired", "channel_mismatch"]
    assert agora_token.explain(token).access is None and agora_token.explain(token).signature == "not_checked"


def test_explain_reads_006_tokens_too() -> None:
    token = legacy.TokenBuilder006.rtc(
        Credentials(APP_ID, APP_CERTIFICATE), channel_name="room", user=42, role=legacy.Role006.PUBLISHER,
        privilege_expired_ts=ISSUED + 3600, expires_at=ISSUED + 86_400, salt=3,
    ).build()
    explanation = agora_token.explain(token, app_certificate=APP_CERTIFICATE, channel_name="room", user=42, now=ISSUED)
    assert explanation.version == "006" and explanation.signature == "valid"
    assert explanation.access is not None and explanation.access.can_join_and_publish()


# ---------------------------------------------------------------------------------------------
# The certificate never shows


def test_the_certificate_never_appears_in_reprs_or_messages() -> None:
    credentials = Credentials(APP_ID, APP_CERTIFICATE)
    assert repr(credentials) == f"Credentials(app_id='{APP_ID}', app_certificate=<redacted>)"
    assert credentials.app_id == APP_ID and not hasattr(credentials, "app_certificate")
    b = TokenBuilder(credentials, expire=600).rtc(channel_name="c", user=1, role=1)
    token = b.build()
    dropin = dropin007.AccessToken(APP_ID, APP_CERTIFICATE)
    dropin.from_string(token)
    objects = [
        credentials, b, agora_token.decode_unverified(token), agora_token.verify(token, credentials),
        agora_token.explain(token, app_certificate=credentials, channel_name="c", user=1),
        legacy.TokenBuilder006(credentials, channel_name="c", user=1), dropin,
    ]
    texts = [repr(o) for o in objects] + [str(o) for o in objects]
    for error_call in [
        lambda: Credentials(APP_ID, APP_CERTIFICATE[:-1] + "Z"),
        lambda: Credentials(APP_ID, APP_CERTIFICATE + "0"),
        lambda: agora_token.verify(token, APP_CERTIFICATE.lower()),
    ]:
        with pytest.raises(agora_token.AgoraTokenError) as raised:
            error_call()
        texts += [str(raised.value), repr(raised.value)]
    for text in texts:
        assert APP_CERTIFICATE not in text and APP_CERTIFICATE.lower() not in text and APP_CERTIFICATE[:10] not in text
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(credentials)
