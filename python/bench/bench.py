"""Tokens per second for RTC 007 and RTC 006 tokens: agora-token-rs (drop-in and idiomatic layers)
against agoraiotools and agora-token-builder, in the same process, with ratios. It only measures
and prints; there is no threshold.

    scripts/test-python.sh                     # builds the wheel into .tools/python-test-venv
    .tools/python-test-venv/bin/python python/bench/bench.py [--seconds 0.3] [--repeats 5]

Every builder runs with the clock and a random salt, as an application calls it. Builders are timed
in turn, round after round, and each keeps its best round (the least disturbed by the rest of the
machine), so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import time
import warnings
from typing import Callable, Dict, List, Optional, Tuple

APP_ID = "970CA35de60c44645bbae8a215061b33"
APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273


def calibrate(build: Callable[[], str], seconds: float) -> int:
    """How many calls take about `seconds`."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            build()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds / 4:
            return max(1, int(loops * seconds / elapsed))
        loops *= 2


def best_rates(entries: Dict[str, Callable[[], str]], seconds: float, repeats: int) -> Dict[str, float]:
    """Best tokens/s of each builder over `repeats` rounds. Each round times every builder once,
    in turn, so that a burst of load from elsewhere on the machine hits all of them alike."""
    loops = {name: calibrate(build, seconds) for name, build in entries.items()}
    best = dict.fromkeys(entries, 0.0)
    for _ in range(repeats):
        for name, build in entries.items():
            start = time.perf_counter()
            for _ in range(loops[name]):
                build()
            best[name] = max(best[name], loops[name] / (time.perf_counter() - start))
    return best


def builders() -> Dict[str, List[Tuple[str, Optional[Callable[[], str]]]]]:
    import agora_token
    from agora_token import RtcTokenBuilder as ours006
    from agora_token import RtcTokenBuilder2 as ours007
    from agora_token import legacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # agoraiotools warns about its DynamicKey modules
        io007 = importlib.import_module("agoraiotools.RtcTokenBuilder2")
        io006 = importlib.import_module("agoraiotools.RtcTokenBuilder")
    atb006 = importlib.import_module("agora_token_builder.RtcTokenBuilder")

    credentials = agora_token.Credentials(APP_ID, APP_CERTIFICATE)
    expiry_006 = int(time.time()) + 3600

    return {
        "RTC 007 (build_token_with_uid, publisher, 3600 s)": [
            ("agora-token-rs drop-in", lambda: ours007.RtcTokenBuilder.build_token_with_uid(
                APP_ID, APP_CERTIFICATE, CHANNEL, UID, ours007.Role_Publisher, 3600, 3600)),
            ("agora-token-rs TokenBuilder", lambda: agora_token.TokenBuilder(credentials, expire=3600)
                .rtc(channel_name=CHANNEL, user=UID, role=agora_token.RtcRole.PUBLISHER, privilege_expire=3600).build()),
            ("agoraiotools", lambda: io007.RtcTokenBuilder.build_token_with_uid(
                APP_ID, APP_CERTIFICATE, CHANNEL, UID, io007.Role_Publisher, 3600, 3600)),
            ("agora-token-builder", None),  # it has no 007 builder
        ],
        "RTC 006 (buildTokenWithUid, publisher)": [
            ("agora-token-rs drop-in", lambda: ours006.RtcTokenBuilder.buildTokenWithUid(
                APP_ID, APP_CERTIFICATE, CHANNEL, UID, ours006.Role_Publisher, expiry_006)),
            ("agora-token-rs TokenBuilder006", lambda: legacy.TokenBuilder006.rtc(
                credentials, channel_name=CHANNEL, user=UID, role=legacy.Role006.PUBLISHER,
                privilege_expired_ts=expiry_006).build()),
            ("agoraiotools", lambda: io006.RtcTokenBuilder.buildTokenWithUid(
                APP_ID, APP_CERTIFICATE, CHANNEL, UID, io006.Role_Publisher, expiry_006)),
            ("agora-token-builder", lambda: atb006.RtcTokenBuilder.buildTokenWithUid(
                APP_ID, APP_CERTIFICATE, CHANNEL, UID, atb006.Role_Publisher, expiry_006)),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=0.3, help="length of one timed run (default 0.3)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per builder; the best counts (default 5)")
    args = parser.parse_args()

    import agora_token

    print(f"agora-token-rs {agora_token.__version__}, Python {platform.python_version()} on {platform.machine()}")
    for title, entries in builders().items():
        print(f"\n{title}")
        runnable = {name: build for name, build in entries if build is not None}
        for name, build in runnable.items():
            token = build()
            assert token[:3] in ("006", "007"), f"{name} built {token!r}"
        rates = best_rates(runnable, args.seconds, args.repeats)
        peers = [peer for peer in ("agoraiotools", "agora-token-builder") if peer in rates]
        for name, _ in entries:
            if name not in rates:
                print(f"  {name:<32} {'n/a (no such builder)':>16}")
                continue
            ratios = "  ".join(f"{rates[name] / rates[peer]:5.2f}x {peer}" for peer in peers)
            print(f"  {name:<32} {rates[name]:>12,.0f} tokens/s  {1e6 / rates[name]:6.2f} us/token  {ratios}")


if __name__ == "__main__":
    main()
