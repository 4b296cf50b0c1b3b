"""Errors: one class per kind of core error, all AgoraTokenError(ValueError), chosen by the core's
code and carrying the core's message, which never contains the certificate."""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Callable, Dict, Type, get_args

import pytest

import agora_token
from agora_token import legacy
from helpers import APP_CERTIFICATE, APP_ID

# The codes the core documents for `Error::code()` and the class each maps to.
CODES: Dict[str, Type[agora_token.AgoraTokenError]] = {
    "invalid_app_id": agora_token.InvalidAppIdError,
    "invalid_app_certificate": agora_token.InvalidAppCertificateError,
    "field_too_long": agora_token.FieldTooLongError,
    "too_many_entries": agora_token.TooManyEntriesError,
    "no_services": agora_token.NoServicesError,
    "unknown_role": agora_token.UnknownRoleError,
    "unknown_privilege": agora_token.UnknownPrivilegeError,
    "unknown_service_type": agora_token.UnknownServiceTypeError,
    "unknown_rtm2_type": agora_token.UnknownRtm2TypeError,
    "expiry_looks_absolute": agora_token.ExpiryLooksAbsoluteError,
    "expiry_looks_relative": agora_token.ExpiryLooksRelativeError,
    "invalid_argument": agora_token.InvalidArgumentError,
    "clock": agora_token.ClockError,
    "randomness": agora_token.RandomnessError,
    "wrong_version": agora_token.WrongVersionError,
    "invalid_base64": agora_token.InvalidBase64Error,
    "invalid_zlib": agora_token.InvalidZlibError,
    "truncated": agora_token.TruncatedError,
    "invalid_utf8": agora_token.InvalidUtf8Error,
    "signature_mismatch": agora_token.SignatureMismatchError,
}


def test_every_core_code_has_its_own_subclass_of_value_error() -> None:
    assert issubclass(agora_token.AgoraTokenError, ValueError)
    assert agora_token.AgoraTokenError.code is None
    for code, cls in CODES.items():
        assert issubclass(cls, agora_token.AgoraTokenError)
        assert cls.code == code
        assert cls.__doc__
    assert len(set(CODES.values())) == len(CODES)
    # Every exported error class is one of them (none forgotten in the table above).
    exported = {getattr(agora_token, name) for name in agora_token.__all__ if name.endswith("Error")}
    assert exported == set(CODES.values()) | {agora_token.AgoraTokenError}


def test_the_code_list_and_its_literal_type_are_the_core_list() -> None:
    # ERROR_CODES is read from the core (Error::CODES): a code the core adds fails here until
    # the ErrorCode Literal and a subclass (the table above) carry it.
    assert agora_token.ERROR_CODES == get_args(agora_token.ErrorCode)
    assert set(agora_token.ERROR_CODES) == set(CODES)


def _credentials() -> agora_token.Credentials:
    return agora_token.Credentials(APP_ID, APP_CERTIFICATE)


def _builder(**options: object) -> agora_token.TokenBuilder:
    return agora_token.TokenBuilder(_credentials(), expire=600, **options)  # type: ignore[arg-type]


def _token_with_payload(payload: bytes) -> str:
    return "007" + base64.b64encode(zlib.compress(payload)).decode()


def _signing_info_with_app_id(app_id: bytes) -> bytes:
    """A payload: an empty signature, then an app id field holding `app_id` and nothing else."""
    return struct.pack("<H", 0) + struct.pack("<H", len(app_id)) + app_id


TRIGGERS: Dict[str, Callable[[], object]] = {
    "invalid_app_id": lambda: agora_token.Credentials("abc", APP_CERTIFICATE),
    "invalid_app_certificate": lambda: agora_token.Credentials(APP_ID, APP_CERTIFICATE[:-1] + "Z"),
    "field_too_long": lambda: _builder().rtc(channel_name="c" * 70_000, user=1, role=1).build(),
    "too_many_entries": lambda: _builder().rtm2(user_id="u", permissions=_many_resources(), expire=600).build(),
    "no_services": lambda: _builder().build(),
    "unknown_role": lambda: _builder().rtc(channel_name="c", user=1, role=3),
    "unknown_privilege": lambda: agora_token.RtcService(channel_name="c", user=1, privileges={9: 600}),
    "unknown_service_type": lambda: agora_token.decode_unverified(_builder().fpa().build()).payload.services_of(11),
    "unknown_rtm2_type": lambda: agora_token.Rtm2Permissions().add(5, 0, ["x"]),
    "expiry_looks_absolute": lambda: agora_token.TokenBuilder(_credentials(), expire=1_700_000_000, strict=True).fpa().build(),
    "expiry_looks_relative": lambda: legacy.TokenBuilder006.rtc(
        _credentials(), channel_name="c", user=1, role=1, privilege_expired_ts=3600, strict=True
    ).build(),
    "invalid_argument": lambda: _builder().rtc(channel_name="c", user=-1, role=1),
    "wrong_version": lambda: agora_token.decode_unverified("006" + APP_ID + "IACV0fZUBw"),
    "invalid_base64": lambda: agora_token.decode_unverified("007@@@@"),
    "invalid_zlib": lambda: agora_token.decode_unverified("007aW52YWxpZA=="),
    "truncated": lambda: agora_token.decode_unverified(_token_with_payload(struct.pack("<H", 32) + b"\x00" * 10)),
    "invalid_utf8": lambda: agora_token.decode_unverified(_token_with_payload(_signing_info_with_app_id(b"\xff\xfe"))),
    "signature_mismatch": lambda: agora_token.verify(_builder().fpa().build(), "0" * 32),
}


def _many_resources() -> agora_token.Rtm2Permissions:
    permissions = agora_token.Rtm2Permissions()
    permissions.add(agora_token.Rtm2ResourceType.USER, agora_token.Rtm2PermissionType.READ, ["u"] * 70_000)
    return permissions


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_each_kind_raises_its_class_with_the_core_message(code: str) -> None:
    with pytest.raises(agora_token.AgoraTokenError) as raised:
        TRIGGERS[code]()
    error = raised.value
    assert type(error) is CODES[code]
    assert error.code == code
    assert isinstance(error, ValueError)
    message = str(error)
    assert message and APP_CERTIFICATE not in message and APP_CERTIFICATE[:8] not in message


def test_kinds_that_cannot_be_triggered_here_are_still_mapped() -> None:
    # The clock and the OS random source do not fail on this machine; their classes exist and
    # carry their codes (checked above); no test can make the kernel refuse randomness.
    assert set(CODES) - set(TRIGGERS) == {"clock", "randomness"}


def test_messages_are_the_core_messages() -> None:
    # The exact text the core crate documents (crates/agora-token/README.md).
    with pytest.raises(agora_token.InvalidAppIdError) as raised:
        agora_token.Credentials("abc", APP_CERTIFICATE)
    assert str(raised.value) == (
        "app id must be 32 hexadecimal characters (0-9, a-f, A-F), but it is 3 characters long; "
        "copy the App ID from the Agora console"
    )
    with pytest.raises(agora_token.InvalidAppCertificateError) as cert_error:
        agora_token.Credentials(APP_ID, APP_CERTIFICATE[:-1] + "Z")
    assert "non-hexadecimal character at byte 31" in str(cert_error.value)
    with pytest.raises(agora_token.WrongVersionError, match="legacy AccessToken \\(006\\)"):
        agora_token.decode_unverified("006" + APP_ID + "IACV0fZUBw")
    with pytest.raises(agora_token.UnknownRoleError, match="unknown RTC role 3"):
        _builder().rtc(channel_name="c", user=1, role=3)
    with pytest.raises(agora_token.InvalidBase64Error, match="space, probably a '\\+' turned into a space"):
        agora_token.decode_unverified(_builder().fpa().build().replace("+", " ").replace("J", " "))


def test_errors_can_be_caught_as_value_error_or_by_kind() -> None:
    with pytest.raises(ValueError):
        agora_token.decode_unverified("nonsense")
    try:
        agora_token.verify(_builder().fpa().build(), "0" * 32)
    except agora_token.SignatureMismatchError as error:
        assert error.code == "signature_mismatch"
    else:
        raise AssertionError("verify accepted the wrong certificate")
