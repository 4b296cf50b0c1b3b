"""Shared fixtures: credentials, and frozen clocks
and salts for the peer packages (agoraiotools, agora-token-builder) we compare with."""

from __future__ import annotations

import importlib
import pathlib
import sysconfig
from typing import Iterator

import pytest

import agora_token

from helpers import APP_CERTIFICATE, APP_ID


def pytest_sessionstart(session: pytest.Session) -> None:
    # The tests must exercise the installed wheel, not a copy of agora_token/ from the source tree.
    site_packages = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
    location = pathlib.Path(agora_token.__file__).resolve()
    if site_packages not in location.parents:
        raise pytest.UsageError(f"agora_token was imported from {location}, not from the installed wheel in {site_packages}")


class _FrozenTime:
    def __init__(self, now: int) -> None:
        self.now = now

    def time(self) -> float:
        return float(self.now)


class _FrozenRandom:
    def __init__(self, salt: int) -> None:
        self.salt = salt

    def randint(self, low: int, high: int) -> int:
        # Any u32 is returned, also outside the peer's own range (1..99999999): a salt is packed
        # as a u32, and the differential tests cover 0 and 2**32-1 too.
        return self.salt


class _FrozenSecrets:
    def __init__(self, salt: int) -> None:
        self.salt = salt

    def SystemRandom(self) -> _FrozenRandom:  # noqa: N802 (the name the peers call)
        return _FrozenRandom(self.salt)


class FrozenPeers:
    """Fixes the issue time and salt of the peer packages by replacing the `time` and `secrets`
    modules their token modules use (they offer no parameter for either)."""

    # Every peer module that reads the clock or draws a salt.
    MODULES = ("agoraiotools.AccessToken2", "agoraiotools.AccessToken", "agora_token_builder.AccessToken")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.now = 0
        self.salt = 0

    def set(self, now: int, salt: int) -> None:
        self.now, self.salt = now, salt
        for name in self.MODULES:
            module = importlib.import_module(name)
            self._monkeypatch.setattr(module, "time", _FrozenTime(now))
            self._monkeypatch.setattr(module, "secrets", _FrozenSecrets(salt))


@pytest.fixture
def frozen_peers(monkeypatch: pytest.MonkeyPatch) -> Iterator[FrozenPeers]:
    peers = FrozenPeers(monkeypatch)
    peers.set(1_700_000_000, 12_345_678)
    yield peers


@pytest.fixture
def credentials() -> agora_token.Credentials:
    return agora_token.Credentials(APP_ID, APP_CERTIFICATE)
