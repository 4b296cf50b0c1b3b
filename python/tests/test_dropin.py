"""The drop-in layer has the names, argument names, argument order and defaults of the peers it
replaces (agoraiotools and agora-token-builder, read from the installed packages, and the upstream
python3 sources they copy), so that only the import changes; plus the upstream behaviours of
from_string / verify_signature / fromString."""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType
from typing import Any, Callable, Iterator, List, Tuple

import pytest

import agora_token
from agora_token import AccessToken as ours006
from agora_token import AccessToken2 as ours007
from agora_token import _native, legacy
from helpers import APP_CERTIFICATE, APP_ID

# (our module, peer module) for every module a peer ships that we mirror.
MODULE_PAIRS = [
    ("agora_token.AccessToken2", "agoraiotools.AccessToken2"),
    ("agora_token.RtcTokenBuilder2", "agoraiotools.RtcTokenBuilder2"),
    ("agora_token.RtmTokenBuilder2", "agoraiotools.RtmTokenBuilder2"),
    ("agora_token.ChatTokenBuilder2", "agoraiotools.ChatTokenBuilder2"),
    ("agora_token.fpa_token_builder", "agoraiotools.fpa_token_builder"),
    ("agora_token.apaas_token_builder", "agoraiotools.apaas_token_builder"),
    ("agora_token.education_token_builder", "agoraiotools.education_token_builder"),
    ("agora_token.AccessToken", "agoraiotools.AccessToken"),
    ("agora_token.RtcTokenBuilder", "agoraiotools.RtcTokenBuilder"),
    ("agora_token.RtmTokenBuilder", "agoraiotools.RtmTokenBuilder"),
    ("agora_token.DynamicKey", "agoraiotools.DynamicKey"),
    ("agora_token.DynamicKey2", "agoraiotools.DynamicKey2"),
    ("agora_token.DynamicKey3", "agoraiotools.DynamicKey3"),
    ("agora_token.DynamicKey4", "agoraiotools.DynamicKey4"),
    ("agora_token.DynamicKey5", "agoraiotools.DynamicKey5"),
    ("agora_token.SignalingToken", "agoraiotools.SignalingToken"),
    ("agora_token.AccessToken", "agora_token_builder.AccessToken"),
    ("agora_token.RtcTokenBuilder", "agora_token_builder.RtcTokenBuilder"),
    ("agora_token.RtmTokenBuilder", "agora_token_builder.RtmTokenBuilder"),
]

# Peer helpers that are internals of their implementation, not builder API (packing helpers and
# signature steps); everything else a peer module defines must exist in ours.
INTERNALS = {
    "generateSignaure",  # sic: the DynamicKey 1-3 signature helpers
    "generateSignature",
    "ReadByteBuffer",
    "unPackContent",
    "unPackMessages",
    "packUint16",
    "packUint32",
    "packInt32",
    "packString",
    "packMap",
    "packMapUint32",
}
# DynamicKey5.generateDynamicKey(servicetype, ..., extra) takes the raw extra map; the four
# generate*Key functions are the API (DynamicKey4.generateDynamicKey with a service tag is kept).
INTERNALS_PER_MODULE = {"agoraiotools.DynamicKey5": {"generateDynamicKey"}}


def public_names(module: ModuleType) -> Iterator[Tuple[str, Any]]:
    """Classes and functions defined in the module itself, and its int/bytes constants."""
    for name, value in vars(module).items():
        if name.startswith("_") or name in INTERNALS or name in INTERNALS_PER_MODULE.get(module.__name__, set()):
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            if getattr(value, "__module__", None) == module.__name__:
                yield name, value
        elif isinstance(value, (int, bytes)) and not isinstance(value, bool):
            yield name, value


def upstream_parameters(function: Callable[..., Any]) -> List[Tuple[str, Any]]:
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values()]


def assert_same_call_shape(ours: Callable[..., Any], theirs: Callable[..., Any], where: str) -> None:
    """Every parameter of theirs, in their order, with their default; ours may add keyword-only ones."""
    their_parameters = upstream_parameters(theirs)
    our_parameters = [
        (p.name, p.default) for p in inspect.signature(ours).parameters.values() if p.kind is not p.KEYWORD_ONLY
    ]
    assert our_parameters == their_parameters, where


@pytest.mark.parametrize("ours_name,theirs_name", MODULE_PAIRS, ids=[t for _, t in MODULE_PAIRS])
def test_every_peer_name_exists_with_the_same_call_shape(ours_name: str, theirs_name: str) -> None:
    ours = importlib.import_module(ours_name)
    theirs = importlib.import_module(theirs_name)
    checked = 0
    for name, their_value in public_names(theirs):
        assert hasattr(ours, name), f"{ours_name} lacks {name} (from {theirs_name})"
        our_value = getattr(ours, name)
        where = f"{ours_name}.{name}"
        if inspect.isclass(their_value):
            for member_name, member in vars(their_value).items():
                if member_name.startswith("_") and member_name != "__init__":
                    continue
                if isinstance(member, (staticmethod, classmethod)) or inspect.isfunction(member):
                    function = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
                    if member_name in ("pack", "unpack"):
                        continue  # wire packing internals of the peer's service classes
                    assert hasattr(our_value, member_name), f"{where} lacks {member_name}"
                    assert_same_call_shape(getattr(our_value, member_name), function, f"{where}.{member_name}")
                elif isinstance(member, (int, str, bytes)):
                    assert getattr(our_value, member_name) == member, f"{where}.{member_name}"
        elif inspect.isfunction(their_value):
            assert_same_call_shape(our_value, their_value, where)
        else:
            assert our_value == their_value, where
        checked += 1
    assert checked > 0


def test_the_upstream_imports_work_by_changing_only_the_package() -> None:
    # The README of upstream python3 and the docs use these imports (with "src." or "agoraiotools.").
    from agora_token.AccessToken import AccessToken, kJoinChannel, kRtmLogin  # noqa: F401
    from agora_token.AccessToken2 import AccessToken as AccessToken2, ServiceChat, ServiceRtc, ServiceRtm  # noqa: F401
    from agora_token.ApaasTokenBuilder import ApaasTokenBuilder  # noqa: F401
    from agora_token.ChatTokenBuilder2 import ChatTokenBuilder  # noqa: F401
    from agora_token.EducationTokenBuilder import EducationTokenBuilder  # noqa: F401
    from agora_token.FpaTokenBuilder import FpaTokenBuilder  # noqa: F401
    from agora_token.RtcTokenBuilder import Role_Attendee, Role_Publisher, RtcTokenBuilder  # noqa: F401
    from agora_token.RtcTokenBuilder2 import Role_Subscriber, RtcTokenBuilder as Rtc2, RtcTokenBuilder2  # noqa: F401
    from agora_token.RtmTokenBuilder import Role_Rtm_User, RtmTokenBuilder  # noqa: F401
    from agora_token.RtmTokenBuilder2 import RtmTokenBuilder as Rtm2, RtmTokenBuilder2, ServiceRtm2  # noqa: F401
    from agora_token.convoai_token_builder import ConvoAITokenBuilder  # noqa: F401
    from agora_token.stt_token_builder import SttTokenBuilder  # noqa: F401

    assert Rtc2 is RtcTokenBuilder2 and Rtm2 is RtmTokenBuilder2


def _service_classes(module: ModuleType) -> dict[str, type]:
    """The ``Service*`` classes a 007 module defines (aliases such as ``ServiceEducation`` once)."""
    found = {name: value for name, value in vars(module).items() if name.startswith("Service") and name != "Service"}
    return {name: cls for name, cls in found.items() if isinstance(cls, type) and cls.__name__ == name}


def _privilege_constants(cls: type) -> dict[str, int]:
    return {name: value for name, value in vars(cls).items() if name.startswith("kPrivilege")}


def _upstream_privilege_constants(service_type: int) -> dict[str, int]:
    """The ``kPrivilege*`` constants upstream names after the core's table: ``join_channel`` is
    ``kPrivilegeJoinChannel``."""
    names = _native.PRIVILEGES[service_type]
    return {"kPrivilege" + "".join(part.capitalize() for part in name.split("_")): code for name, code in names.items()}


def test_upstream_service_and_privilege_constants_are_the_core_tables() -> None:
    # Each Service* class is one service type of the core, named after it (ServiceFCdn: FCDN),
    # with exactly the core's privileges as kPrivilege* constants: a typo, a wrong number, a
    # missing or an extra privilege fails here.
    classes = _service_classes(ours007)
    by_type = {cls.kServiceType: cls for cls in classes.values()}  # type: ignore[attr-defined]
    assert sorted(by_type) == sorted(_native.SERVICE_TYPES) and len(by_type) == len(classes)
    for service_type, cls in by_type.items():
        assert cls.__name__.removeprefix("Service").upper() == _native.SERVICE_TYPES[service_type].upper()
        assert _privilege_constants(cls) == _upstream_privilege_constants(service_type), cls.__name__
        assert cls().service_type() == service_type
    assert ours007.AccessToken.kServices == by_type
    assert ours007.ServiceEducation is ours007.ServiceApaas


def test_the_peer_constants_are_the_core_tables_too() -> None:
    # The official package defines the same constants; the core's table is upstream's.
    peer = importlib.import_module("agoraiotools.AccessToken2")
    classes = _service_classes(peer)
    assert {cls.kServiceType for cls in classes.values()} <= set(_native.SERVICE_TYPES)  # type: ignore[attr-defined]
    for cls in classes.values():
        assert _privilege_constants(cls) == _upstream_privilege_constants(cls.kServiceType), cls.__name__  # type: ignore[attr-defined]


def test_upstream_006_privilege_constants_are_the_core_table() -> None:
    # AccessToken.py's k* privileges are the core's 006 privileges, upstream's spelling of each
    # name (kPublishAudiocdn, sic), none missing, none extra.
    spelled = {"kPublishAudioCdn": "kPublishAudiocdn"}
    expected = {}
    for name, code in _native.PRIVILEGES_006.items():
        constant = "k" + "".join(part.capitalize() for part in name.split("_"))
        expected[spelled.get(constant, constant)] = code
    def constants(module: ModuleType) -> dict[str, int]:
        return {name: value for name, value in vars(module).items() if name.startswith("k") and isinstance(value, int)}

    assert constants(ours006) == expected
    assert {name for name in ours006.__all__ if name.startswith("k")} == set(expected)
    # agoraiotools names fewer of them (upstream python3's AccessToken.py names all 14).
    peer = constants(importlib.import_module("agoraiotools.AccessToken"))
    assert peer and peer == {name: expected.get(name) for name in peer}


def test_upstream_python3_test_flow() -> None:
    # The shape of upstream python3/test/AccessToken2Test.py.
    token = ours007.AccessToken(APP_ID, APP_CERTIFICATE, issue_ts=1111111, expire=600)
    token._AccessToken__salt = 1  # type: ignore[attr-defined]
    service = ours007.ServiceRtc("7d72365eb983485397e3e3f9d460bdda", 2882341273)
    service.add_privilege(ours007.ServiceRtc.kPrivilegeJoinChannel, 600)
    token.add_service(service)
    built = token.build()
    assert built == (
        "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj"
    )
    parsed = ours007.AccessToken()
    assert parsed.from_string(built)
    assert parsed.get_services(ours007.ServiceRtc.kServiceType)[0].service_type() == 1
    assert parsed.get_services(ours007.ServiceRtm.kServiceType) == []
    assert parsed.verify_signature(APP_CERTIFICATE)


def test_from_string_and_verify_signature_follow_upstream() -> None:
    parsed = ours007.AccessToken()
    assert parsed.verify_signature(APP_CERTIFICATE) is False  # nothing parsed yet
    assert parsed.from_string("006" + APP_ID + "IACV0fZUBw") is False  # wrong version: False
    with pytest.raises(ValueError):  # corrupt: raises, as upstream (an AgoraTokenError here)
        parsed.from_string("007aW52YWxpZA==")
    assert parsed.verify_signature(APP_CERTIFICATE) is False  # a failed parse clears the state
    built = agora_token.TokenBuilder(agora_token.Credentials(APP_ID, APP_CERTIFICATE), expire=60).fpa().build()
    assert parsed.from_string(built) and parsed.verify_signature(APP_CERTIFICATE)
    assert parsed.verify_signature("0" * 32) is False
    assert parsed.verify_signature("") is False


def test_rtm2_permissions_and_repeated_services() -> None:
    from agora_token import RtmTokenBuilder2

    permissions = ours007.ServiceRtm2.Permissions()
    permissions.add(ours007.ServiceRtm2.Permissions.kMessageChannels, ours007.ServiceRtm2.Permissions.kRead, ["a", "b"])
    token = RtmTokenBuilder2.RtmTokenBuilder.build_token_with_permissions(APP_ID, APP_CERTIFICATE, "u", permissions, 600)
    parsed = ours007.AccessToken()
    assert parsed.from_string(token)
    (rtm2,) = parsed.get_services(ours007.ServiceRtm2.kServiceType)
    assert isinstance(rtm2, ours007.ServiceRtm2)
    assert rtm2.get_user_id() == "u" and rtm2.get_permissions().details == {0: {0: ["a", "b"]}}
    # Upstream (unlike agoraiotools) keeps repeated services of one type.
    token2 = ours007.AccessToken(APP_ID, APP_CERTIFICATE, expire=600)
    for channel in ("a", "b"):
        rtc = ours007.ServiceRtc(channel, 1)
        rtc.add_privilege(ours007.ServiceRtc.kPrivilegeJoinChannel, 600)
        token2.add_service(rtc)
    decoded = agora_token.decode_unverified(token2.build()).payload.services
    assert [s.channel_name for s in decoded] == ["a", "b"]
    with pytest.raises(TypeError, match="bare Service"):
        bare = ours007.AccessToken(APP_ID, APP_CERTIFICATE)
        bare.add_service(ours007.Service(1))
        bare.build()


def test_006_access_token_object() -> None:
    token = ours006.AccessToken(APP_ID, APP_CERTIFICATE, "room", 42)
    token.salt, token.ts = 5, 1_700_086_400
    token.addPrivilege(ours006.kJoinChannel, 1_700_003_600)
    token.addPrivilege(ours006.kAdministrateChannel, 0)
    built = token.build()
    parsed = ours006.AccessToken()
    assert parsed.fromString(built) is True
    assert (parsed.salt, parsed.ts, parsed.messages) == (5, 1_700_086_400, {1: 1_700_003_600, 101: 0})
    assert parsed.fromString("garbage") is False
    token.addPrivilege(ours006.kPublishAudiocdn, 0)
    assert legacy.decode_006_unverified(token.build()).privileges[ours006.kPublishAudiocdn] == 0
    # Undefined numbers are packed as upstream packs them, with a warning.
    token.addPrivilege(13, 0)
    with pytest.warns(agora_token.AgoraTokenCompatWarning, match="13"):
        assert legacy.decode_006_unverified(token.build()).privileges[13] == 0
    # ts and salt default to now + 24 hours and a random salt at build time.
    fresh = ours006.AccessToken(APP_ID, APP_CERTIFICATE, "room", 0)
    fresh.addPrivilege(ours006.kJoinChannel, 0)
    decoded = legacy.decode_006_unverified(fresh.build())
    import time

    assert abs(decoded.expires_at - (int(time.time()) + 86_400)) <= 5
