"""Bad argument types and values, through both layers: a wrong type is a TypeError, a value out
of range an InvalidArgumentError (a ValueError), never a wrapped number and never a crash. The
drop-in modules read the arguments upstream reads with ``int()`` and ``str()`` as upstream does
(test_differential.py compares the tokens with the peers); what upstream refuses, they refuse."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable, List, Tuple, Type

import pytest

import agora_token
from agora_token import RtcTokenBuilder as rtc006
from agora_token import RtcTokenBuilder2 as rtc007
from agora_token import legacy
from helpers import APP_CERTIFICATE, APP_ID

WRONG_TYPES_FOR_INT: List[Any] = ["600", 600.0, None, True, b"600", [600], object()]
OUT_OF_RANGE_U32: List[int] = [-1, -(2**31), 2**32, 2**63, 2**64, 2**200]


def credentials() -> agora_token.Credentials:
    return agora_token.Credentials(APP_ID, APP_CERTIFICATE)


def rtc(**overrides: Any) -> str:
    """An idiomatic RTC build with one argument replaced."""
    builder_args = {"expire": 600, "issued_at": None, "salt": None}
    rtc_args = {"channel_name": "room", "user": 42, "role": agora_token.RtcRole.PUBLISHER, "privilege_expire": 600}
    for key, value in overrides.items():
        (builder_args if key in builder_args else rtc_args)[key] = value
    return agora_token.TokenBuilder(credentials(), **builder_args).rtc(**rtc_args).build()


def dropin(**overrides: Any) -> str:
    """A drop-in RTC build with one argument replaced."""
    args = {"uid": 42, "role": rtc007.Role_Publisher, "token_expire": 600, "privilege_expire": 600}
    extra = {key: overrides.pop(key) for key in ("issued_at", "salt") if key in overrides}
    args.update(overrides)
    return rtc007.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, "room", **args, **extra)


def dropin006(**overrides: Any) -> str:
    args = {"uid": 42, "role": rtc006.Role_Publisher, "privilegeExpiredTs": 1_700_000_000}
    extra = {key: overrides.pop(key) for key in ("expires_at", "salt") if key in overrides}
    args.update(overrides)
    return rtc006.RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, "room", **args, **extra)


# Typed arguments: the idiomatic layer's, and the drop-in modules' own keywords (not upstream's).
INT_ARGUMENTS: List[Tuple[str, Callable[..., str], str]] = [
    ("idiomatic", rtc, "expire"),
    ("idiomatic", rtc, "privilege_expire"),
    ("idiomatic", rtc, "salt"),
    ("idiomatic", rtc, "issued_at"),
    ("drop-in 007", dropin, "salt"),
    ("drop-in 007", dropin, "issued_at"),
    ("drop-in 006", dropin006, "expires_at"),
    ("drop-in 006", dropin006, "salt"),
]
# Upstream's arguments, which upstream packs with int(x): the drop-in modules read them so.
UPSTREAM_INT_ARGUMENTS: List[Tuple[str, Callable[..., str], str]] = [
    ("drop-in 007", dropin, "token_expire"),
    ("drop-in 007", dropin, "privilege_expire"),
    ("drop-in 006", dropin006, "privilegeExpiredTs"),
]


@pytest.mark.parametrize("layer,build,name", INT_ARGUMENTS, ids=[f"{layer}:{name}" for layer, _, name in INT_ARGUMENTS])
def test_int_arguments_refuse_other_types(layer: str, build: Callable[..., str], name: str) -> None:
    for value in WRONG_TYPES_FOR_INT:
        if value is None and name in ("salt", "issued_at", "expires_at", "privilege_expire"):
            continue  # None is their documented "default" value
        with pytest.raises(TypeError):
            build(**{name: value})


@pytest.mark.parametrize("layer,build,name", INT_ARGUMENTS, ids=[f"{layer}:{name}" for layer, _, name in INT_ARGUMENTS])
def test_int_arguments_refuse_values_out_of_range(layer: str, build: Callable[..., str], name: str) -> None:
    for value in OUT_OF_RANGE_U32:
        with pytest.raises(agora_token.InvalidArgumentError) as raised:
            build(**{name: value})
        assert isinstance(raised.value, ValueError)
        assert "out of range" in str(raised.value) or "before 1970" in str(raised.value)


@pytest.mark.parametrize("layer,build,name", UPSTREAM_INT_ARGUMENTS, ids=[f"{layer}:{name}" for layer, _, name in UPSTREAM_INT_ARGUMENTS])
def test_upstream_int_arguments_are_read_with_int_as_upstream_does(layer: str, build: Callable[..., str], name: str) -> None:
    base = {name: 1_700_000_000} if name == "privilegeExpiredTs" else {name: 600}
    fixed = {"salt": 7, **({"expires_at": 1_700_086_400} if build is dropin006 else {"issued_at": 1_700_000_000})}
    expected = build(**base, **fixed)
    number = base[name]
    for value, codes in [
        (str(number), []), (f" {number}\n", []), (float(number), []), (number + 0.9, ["fraction_truncated"]),
        (Decimal(f"{number}.5"), ["fraction_truncated"]), (Fraction(2 * number + 1, 2), ["fraction_truncated"]),
    ]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert build(**{name: value}, **fixed) == expected, value
        assert [getattr(w.message, "code") for w in caught] == codes, value
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build(**{name: True}, **fixed)
    assert [getattr(w.message, "code") for w in caught] == ["not_a_number"] + (["expiry_looks_relative"] if build is dropin006 else [])
    # Where int() raises, upstream raises, and so do we (None is privilege_expire's default here).
    for value in [None, [600], object(), 1 + 0j][name == "privilege_expire":]:
        with pytest.raises(TypeError, match="must be a number"):
            build(**{name: value})
    for value in ["600.5", "abc", "", float("nan"), float("inf")]:
        with pytest.raises(agora_token.InvalidArgumentError, match="not a number int"):
            build(**{name: value})
    for value in OUT_OF_RANGE_U32:
        with pytest.raises(agora_token.InvalidArgumentError, match="outside 0 to 4294967295|out of range"):
            build(**{name: value})


@pytest.mark.parametrize("build", [dropin, dropin006], ids=["drop-in 007", "drop-in 006"])
def test_drop_in_uids_that_are_not_uids_are_written_as_text_as_upstream_does(build: Callable[..., str]) -> None:
    fixed = {"salt": 7, **({"expires_at": 1_700_086_400} if build is dropin006 else {"issued_at": 1_700_000_000})}
    for value, written in [
        (-1, "-1"), (2**32, "4294967296"), (2**200, str(2**200)), (1.5, "1.5"), (1.0, "1.0"), (True, "True"),
        (None, "None"), (b"42", "b'42'"), ([42], "[42]"), (False, ""), (0.0, ""), (Decimal(0), ""),
    ]:
        with pytest.warns(agora_token.AgoraTokenCompatWarning) as caught:
            token = build(uid=value, **fixed)
        assert [getattr(w.message, "code") for w in caught] == ["uid_written_as_text"], value
        assert token == build(uid=written, **fixed), value
    # The edges of the range are uids, a str is an account, and an IntEnum member is its number.
    for value in [0, 2**32 - 1, "-1", agora_token.RtcRole.PUBLISHER]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            build(uid=value, **fixed)
    assert build(uid=agora_token.RtcRole.PUBLISHER, **fixed) == build(uid=1, **fixed)


def test_idiomatic_uids_out_of_range_are_refused_not_wrapped() -> None:
    for value in OUT_OF_RANGE_U32:
        with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
            rtc(user=value)
    for value in [1.5, True, None, b"42", [42], {"uid": 42}]:
        with pytest.raises(TypeError, match="int uid or a str account"):
            rtc(user=value)
    # The edges of the range are fine, and a str is an account.
    assert rtc(user=0) and rtc(user=2**32 - 1) and rtc(user="-1")


def test_roles_the_typed_layer_refuses() -> None:
    for value in [0, 3, 101, -1, 2**70, "admin", "", "PUBLISHERS"]:
        with pytest.raises(agora_token.AgoraTokenError):
            rtc(role=value)
    for value in [1.0, None, True, b"1"]:
        with pytest.raises(TypeError):
            rtc(role=value)


def test_roles_the_drop_in_reads_as_upstream() -> None:
    # Upstream compares with `role == 1`: every value is accepted; the ones equal to 1 publish.
    publisher = dropin(role=1, issued_at=1, salt=1)
    subscriber = dropin(role=2, issued_at=1, salt=1)
    for value, expected in [(True, publisher), (1.0, publisher), (2.0, subscriber), (0, subscriber), ("1", subscriber), (None, subscriber)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", agora_token.AgoraTokenCompatWarning)
            assert dropin(role=value, issued_at=1, salt=1) == expected, value


def test_strings_must_be_strings() -> None:
    with pytest.raises(TypeError):
        agora_token.Credentials(123, APP_CERTIFICATE)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        agora_token.Credentials(APP_ID, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rtc(channel_name=42)
    with pytest.raises(TypeError):
        agora_token.decode_unverified(b"007abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rtc007.RtcTokenBuilder.build_token_with_uid(APP_ID, APP_CERTIFICATE, None, 42, 1, 600)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        agora_token.Rtm2Permissions().add(0, 0, "one-resource-not-a-list")


def test_timedeltas_and_datetimes() -> None:
    with pytest.raises(agora_token.InvalidArgumentError, match="whole number of seconds"):
        rtc(expire=timedelta(milliseconds=1500))
    with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
        rtc(privilege_expire=timedelta(seconds=-1))
    with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
        rtc(expire=timedelta(days=50_000))
    with pytest.raises(agora_token.InvalidArgumentError, match="naive datetime"):
        rtc(issued_at=datetime(2024, 1, 1))
    with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
        rtc(issued_at=datetime(1969, 12, 31, tzinfo=timezone.utc))
    with pytest.raises(agora_token.InvalidArgumentError, match="out of range"):
        rtc(issued_at=datetime(2200, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(TypeError):
        rtc(expire=datetime.now(timezone.utc))
    with pytest.raises(TypeError):
        rtc(issued_at=timedelta(seconds=5))


def test_privilege_maps() -> None:
    with pytest.raises(TypeError, match="mapping"):
        agora_token.RtcService(channel_name="c", user=1, privileges=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(agora_token.InvalidArgumentError):
        agora_token.RtcService(channel_name="c", user=1, privileges={70_000: 600})
    with pytest.raises(agora_token.UnknownPrivilegeError, match="RTC privilege 5"):
        agora_token.RtcService(channel_name="c", user=1, privileges={5: 600})
    with pytest.raises(agora_token.InvalidArgumentError):
        agora_token.RtcService(channel_name="c", user=1, privileges={1: -600})
    with pytest.raises(TypeError):
        agora_token.RtcService(channel_name="c", user=1, privileges={"1": 600})
    with pytest.raises(agora_token.UnknownPrivilegeError):
        agora_token.ConvoAiService(privileges={1: 600})
    with pytest.raises(agora_token.UnknownPrivilegeError):
        legacy.TokenBuilder006(credentials(), channel_name="c", user=1).privilege(13, 0)


def test_keyword_only_arguments_of_the_idiomatic_layer() -> None:
    with pytest.raises(TypeError):
        agora_token.TokenBuilder(credentials(), 600)  # type: ignore[misc]
    builder = agora_token.TokenBuilder(credentials(), expire=600)
    with pytest.raises(TypeError):
        builder.rtc("room", 42, 1, 600)  # type: ignore[misc]
    with pytest.raises(TypeError):
        agora_token.RtcService("room", 42)  # type: ignore[misc]
    with pytest.raises(TypeError):
        agora_token.TokenBuilder(credentials(), expire=600, strict=1)  # type: ignore[arg-type]


ABUSE = """
import agora_token, gc
from agora_token import RtcTokenBuilder2 as b
c = agora_token.Credentials("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b")
values = [None, -1, 2**64, 2**4000, 1e308, float("nan"), "x" * 70000, b"\\xff", object(), [1], {1: 2}, True,
          "\\ud800", "0" * 1_000_000]
errors = 0
for v in values:
    for call in (
        lambda: agora_token.TokenBuilder(c, expire=v).fpa().build(),
        lambda: agora_token.TokenBuilder(c, expire=1).rtc(channel_name=v, user=v, role=v, privilege_expire=v).build(),
        lambda: agora_token.decode_unverified(v),
        lambda: agora_token.explain(v, user=v, now=v),
        lambda: b.RtcTokenBuilder.build_token_with_uid(v, v, v, v, v, v, v),
        lambda: agora_token.RtcService(channel_name="c", user=1, privileges={v: v}),
    ):
        try:
            call()
        except (TypeError, ValueError):
            errors += 1
gc.collect()
print("survived", errors)
"""


def test_garbage_never_crashes_the_interpreter() -> None:
    # In a child process, so a crash (a panic turned abort, a segfault) would show as its exit code.
    result = subprocess.run([sys.executable, "-c", ABUSE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("survived ")
    assert int(result.stdout.split()[1]) >= 14 * 5
