"""``AgoraTokenCompatWarning``: what the drop-in modules emit when they accept a value as upstream
does although it is almost certainly a mistake (a 007 role of 0 or 101, a privilege number the
service does not define, an expiry that looks like a Unix timestamp, a fraction dropped by
``int()``, a uid written as text, ...).

The native module calls :func:`_warn` with the core's warning code and message; the typed API
(``TokenBuilder``, the service classes) never warns: it raises instead.
"""

from __future__ import annotations

import sys
import warnings
from types import FrameType
from typing import Any, Optional, Tuple, cast

from ._codes import CompatWarningCode

__all__ = ["AgoraTokenCompatWarning"]


class AgoraTokenCompatWarning(UserWarning):
    """A drop-in builder accepted a value as the official builders do, although it is almost
    certainly a mistake. The message says what upstream does with it and what to pass instead.

    ``code`` is the core's stable name of the case, one of ``agora_token.COMPAT_WARNING_CODES``:
    ``role_read_as_join_only``, ``undefined_privilege``, ``expiry_looks_absolute``,
    ``expiry_looks_relative``, ``lifetime_over_24h``, ``fraction_truncated``, ``not_a_number``,
    ``issue_time_zero_not_now``, ``uid_written_as_text`` or ``undefined_rtm2_type``. Filter them
    as any warning, e.g. turn them into errors with
    ``warnings.simplefilter("error", AgoraTokenCompatWarning)``.
    """

    code: CompatWarningCode

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        # The native module passes only the core's codes (tests/test_codes.py checks the list).
        self.code = cast(CompatWarningCode, code)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.code))


def _in_package(frame: FrameType) -> bool:
    name = frame.f_globals.get("__name__", "")
    return isinstance(name, str) and (name == "agora_token" or name.startswith("agora_token."))


def _warn(code: str, message: str) -> None:
    """Warns at the first frame outside agora_token: the user's call of a drop-in builder."""
    # Level 1 is this function; its caller is native code (no frame), so level 2 is the Python
    # frame that called into the native module, and each drop-in wrapper above it adds one.
    frame: Optional[FrameType] = sys._getframe(1)
    level = 2
    while frame is not None and _in_package(frame):
        frame = frame.f_back
        level += 1
    warnings.warn(AgoraTokenCompatWarning(message, code), stacklevel=level)
