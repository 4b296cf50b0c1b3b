#!/usr/bin/env python3
"""Random inputs over the official builders' whole input space, with what the official
packages build from them: the fixture of the Kotlin and Java drop-in layers' differential tests
(bindings/uniffi/tests/kotlin/DifferentialTest.kt, bindings/java/.../DifferentialTest.java).
Run by scripts/test-uniffi.sh and scripts/test-java.sh.

Peers:
- PyPI agoraiotools 0.3.4, in process, with its clock and salt pinned per case (so issue
  time 0 and salts 0 and 4294967295 are reachable through the builders too). It compresses
  with stock zlib, so its token strings are the expected ones.
- npm agora-token 2.0.6 for what agoraiotools lacks: the ConvoAI, STT and RTM2 builders
  (scripts/peers/node_peer.js; its own clock and salt, read back from its token) and
  AccessToken2 objects with repeated service types or the Streaming, FCDN, RTM2, ConvoAI and
  STT services (npm_access_token2.js). npm's zlib output differs from stock zlib, so the
  expected string is npm's payload compressed by this Python's zlib (stock, level 6); the
  test compares payloads with npm's own token as well.

Every case also lists the warning codes the Kotlin layer must emit for it. The thresholds
below restate the core's documented ones (agora_token::compat) as the test's oracle.

usage: make_fixture.py OUT.json [--seed N] [--per-kind N]
"""
import argparse
import base64
import contextlib
import importlib
import json
import os
import random
import struct
import subprocess
import sys
import warnings
import zlib

with warnings.catch_warnings():
    # agoraiotools warns at import time that its DynamicKey module is deprecated.
    warnings.simplefilter("ignore", DeprecationWarning)
    import agoraiotools

AT2 = importlib.import_module("agoraiotools.AccessToken2")
AT006 = importlib.import_module("agoraiotools.AccessToken")
# The subclass: agoraiotools 0.3.4 defines the *_and_privilege methods only there.
RTC2 = agoraiotools.RtcTokenBuilder2
RTM2 = importlib.import_module("agoraiotools.RtmTokenBuilder2").RtmTokenBuilder
CHAT = importlib.import_module("agoraiotools.ChatTokenBuilder2").ChatTokenBuilder
FPA = importlib.import_module("agoraiotools.fpa_token_builder").FpaTokenBuilder
APAAS = importlib.import_module("agoraiotools.apaas_token_builder").ApaasTokenBuilder
EDUCATION = importlib.import_module("agoraiotools.education_token_builder").EducationTokenBuilder
RTC006 = importlib.import_module("agoraiotools.RtcTokenBuilder").RtcTokenBuilder
RTM006 = importlib.import_module("agoraiotools.RtmTokenBuilder").RtmTokenBuilder

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_PEER = os.path.join(HERE, "..", "..", "..", "..", "scripts", "peers", "node_peer.js")
NPM_ACCESS_TOKEN2 = os.path.join(HERE, "npm_access_token2.js")

U32_MAX = 0xFFFF_FFFF
# The oracle: the core's documented thresholds (clock::UNIX_TIMESTAMP_THRESHOLD,
# compat::MAX_DOCUMENTED_LIFETIME) and the privilege numbers each service defines.
TIMESTAMP_THRESHOLD = 946_684_800
DAY = 86_400
DEFINED_007 = {1: {1, 2, 3, 4}, 2: {1}, 3: {1, 2}, 4: {1}, 5: {1, 2}, 6: {1, 2}, 7: {1, 2, 3}, 8: {1}, 9: set(), 10: set()}
DEFINED_006 = set(range(1, 13)) | {101, 1000}
AGORAIOTOOLS_SERVICES = {1, 2, 4, 5, 7}


def warn_expire_007(seconds):
    if seconds >= TIMESTAMP_THRESHOLD:
        return ["expiry_looks_absolute"]
    return ["lifetime_over_24h"] if seconds > DAY else []


def warn_expire_006(unix_seconds):
    return ["expiry_looks_relative"] if 0 < unix_seconds < TIMESTAMP_THRESHOLD else []


def warn_role_007(role):
    return [] if role in (1, 2) else ["role_read_as_join_only"]


def warn_role_006(role):
    return [] if role in (0, 1, 2, 101) else ["role_read_as_join_only"]


def warn_rtm2(permissions):
    """A warning per resource type other than 0..4, and per permission type other than 0..1
    of each resource type (a later entry for the same pair replaces the earlier one)."""
    details = {}
    for resource, permission, _ in permissions:
        details.setdefault(resource, set()).add(permission)
    return ["undefined_rtm2_type" for resource in details if resource > 4] + [
        "undefined_rtm2_type" for by_permission in details.values() for permission in by_permission if permission > 1
    ]


class Inputs:
    """Seeded random values covering the whole range upstream accepts, edges first."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, items):
        return items[self.r.randrange(len(items))]

    def hex32(self):
        return "".join(self.pick("0123456789abcdefABCDEF") for _ in range(32))

    def u32(self):
        return self.pick([0, 1, 2**31 - 1, 2**31, U32_MAX, self.r.randrange(U32_MAX + 1), self.r.randrange(U32_MAX + 1)])

    def uid(self):
        return self.u32()

    def role(self):
        return self.pick([0, 1, 2, 101, self.r.randrange(256), self.r.randrange(256)])

    def expire(self):
        """Seconds for 007 (or absolute times for 006): small, around a day, timestamp-like, extremes."""
        return self.pick([
            0, 1, 600, 3600, DAY, DAY + 1, self.r.randrange(2 * DAY),
            TIMESTAMP_THRESHOLD - 1, TIMESTAMP_THRESHOLD, 1_764_066_022, 2**31 - 1, 2**31, U32_MAX,
            self.r.randrange(U32_MAX + 1),
        ])

    def issue_ts(self):
        return self.pick([0, 1, 1_111_111, 1_764_066_022, U32_MAX, self.r.randrange(U32_MAX + 1)])

    def salt(self):
        return self.pick([0, 1, 99_999_999, U32_MAX, self.r.randrange(U32_MAX + 1)])

    def text(self, max_bytes=65535):
        """Empty, ASCII, the documented channel characters, multi-byte Unicode, or exactly max_bytes bytes."""
        kind = self.r.randrange(100)
        if kind < 8:
            return ""
        if kind < 40:
            return "".join(self.pick("abcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(1 + self.r.randrange(32)))
        if kind < 65:
            chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,"
            return "".join(self.pick(chars) for _ in range(1 + self.r.randrange(64)))
        if kind < 95:
            chars = ["é", "ß", "Ω", "ж", "中", "文", "😀", "🎉", "a", " ", "\u0000", "\"", "\\"]
            return "".join(self.pick(chars) for _ in range(1 + self.r.randrange(24)))
        if kind < 97:
            return "".join(self.pick("abcdefghij") for _ in range(max_bytes))
        if kind < 99:
            return "é" * (max_bytes // 2) + "a" * (max_bytes % 2)  # 2-byte characters, max_bytes bytes
        return "x" * (max_bytes + 1)  # one byte too many: every peer refuses where it is packed

    def apaas_role(self):
        return self.pick([-1, 0, 1, 2, 3, -32768, 32767, self.r.randrange(-32768, 32768)])

    def privileges(self, service_type):
        """(number, expire) pairs: defined numbers, undefined ones over 0..65535, repeats."""
        out = []
        for _ in range(self.r.randrange(5)):
            defined = sorted(DEFINED_007[service_type])
            if defined and self.r.randrange(2):
                number = self.pick(defined)
            else:
                number = self.pick([0, 5, 100, 1000, 32767, 32768, 65535, self.r.randrange(65536)])
            out.append([number, self.expire()])
        if out and self.r.randrange(4) == 0:
            out.append([out[0][0], self.expire()])  # the same number again: the last value wins
        return out

    def rtm2_permissions(self):
        # Now and then types RTM2 does not define, which upstream packs as given. Below 32768:
        # Java and Kotlin keep them as Short keys of a TreeMap, so larger ones sort first there.
        return [
            [
                self.pick([self.r.randrange(5), self.r.randrange(5), 5, 100, 32767, self.r.randrange(32768)]),
                self.pick([0, 1, 0, 1, 2, self.r.randrange(32768)]),
                [self.text(200) for _ in range(self.r.randrange(4))],
            ]
            for _ in range(self.r.randrange(4))
        ]


@contextlib.contextmanager
def pinned(module, now, salt):
    """Makes an agoraiotools module read `now` from its clock and `salt` from its random source."""

    class Clock:
        @staticmethod
        def time():
            return now

    class Secrets:
        @staticmethod
        def SystemRandom():
            return Secrets

        @staticmethod
        def randint(low, high):
            return salt

    saved = module.time, module.secrets
    module.time, module.secrets = Clock, Secrets
    try:
        yield
    finally:
        module.time, module.secrets = saved


def stock_zlib(token):
    """The 007 string stock zlib (level 6) makes from a token's payload."""
    payload = zlib.decompress(base64.b64decode(token[3:]))
    return "007" + base64.b64encode(zlib.compress(payload, 6)).decode("ascii")


def issue_ts_and_salt(token):
    """Reads the issue time and salt from a 007 token (signature and app id skipped)."""
    payload = zlib.decompress(base64.b64decode(token[3:]))
    at = 2 + struct.unpack_from("<H", payload, 0)[0]
    at += 2 + struct.unpack_from("<H", payload, at)[0]
    issue_ts, _expire, salt = struct.unpack_from("<III", payload, at)
    return issue_ts, salt


def try_build(build):
    try:
        return {"token": build()}
    except Exception as error:  # a refusal is a result to compare, not a crash
        return {"error": f"{type(error).__name__}: {error}"}


# ---------------------------------------------------------------- builder cases

def rtc_rtm2_inputs(g):
    return dict(
        channel=g.text(), account=g.text(), role=g.role(), token_expire=g.expire(), join=g.expire(),
        pub_audio=g.expire(), pub_video=g.expire(), pub_data=g.expire(), rtm_user_id=g.text(), rtm_expire=g.expire(),
    )


def rtc_rtm2_warnings(c):
    return warn_role_007(c["role"]) + sum(
        (warn_expire_007(c[k]) for k in ("token_expire", "join", "pub_audio", "pub_video", "pub_data", "rtm_expire")), [],
    )


def privileges_inputs(g, user_key, user):
    return {"channel": g.text(), user_key: user, "token_expire": g.expire(), "join": g.expire(),
            "pub_audio": g.expire(), "pub_video": g.expire(), "pub_data": g.expire()}


def privileges_warnings(c):
    return sum((warn_expire_007(c[k]) for k in ("token_expire", "join", "pub_audio", "pub_video", "pub_data")), [])


def role_warnings(c):
    return warn_role_007(c["role"]) + warn_expire_007(c["token_expire"]) + warn_expire_007(c["privilege_expire"])


# kind -> (inputs, agoraiotools call, expected warnings)
AGORAIOTOOLS_007 = {
    "rtc_uid": (
        lambda g: dict(channel=g.text(), uid=g.uid(), role=g.role(), token_expire=g.expire(), privilege_expire=g.expire()),
        lambda c: RTC2.build_token_with_uid(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["role"], c["token_expire"], c["privilege_expire"]),
        role_warnings,
    ),
    "rtc_account": (
        lambda g: dict(channel=g.text(), account=g.text(), role=g.role(), token_expire=g.expire(), privilege_expire=g.expire()),
        lambda c: RTC2.build_token_with_user_account(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["privilege_expire"]),
        role_warnings,
    ),
    "rtc_uid_privileges": (
        lambda g: privileges_inputs(g, "uid", g.uid()),
        # agoraiotools' build_token_with_uid_and_privilege calls a method its base class lacks; the
        # account variant it delegates to packs a numeric uid as every builder does (0 -> "").
        lambda c: RTC2.build_token_with_user_account_and_privilege(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"]),
        privileges_warnings,
    ),
    "rtc_account_privileges": (
        lambda g: privileges_inputs(g, "account", g.text()),
        lambda c: RTC2.build_token_with_user_account_and_privilege(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"]),
        privileges_warnings,
    ),
    "rtc_rtm": (
        lambda g: dict(channel=g.text(), account=g.text(), role=g.role(), token_expire=g.expire(), privilege_expire=g.expire()),
        lambda c: RTC2.build_token_with_rtm(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["privilege_expire"]),
        role_warnings,
    ),
    "rtc_rtm2": (
        rtc_rtm2_inputs,
        lambda c: RTC2.build_token_with_rtm2(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"], c["rtm_user_id"], c["rtm_expire"]),
        rtc_rtm2_warnings,
    ),
    "rtm": (
        lambda g: dict(user_id=g.text(), expire=g.expire()),
        lambda c: RTM2.build_token(c["app_id"], c["app_certificate"], c["user_id"], c["expire"]),
        lambda c: warn_expire_007(c["expire"]),
    ),
    "chat_user": (
        lambda g: dict(user_id=g.text(), expire=g.expire()),
        lambda c: CHAT.build_user_token(c["app_id"], c["app_certificate"], c["user_id"], c["expire"]),
        lambda c: warn_expire_007(c["expire"]),
    ),
    "chat_app": (
        lambda g: dict(expire=g.expire()),
        lambda c: CHAT.build_app_token(c["app_id"], c["app_certificate"], c["expire"]),
        lambda c: warn_expire_007(c["expire"]),
    ),
    "fpa": (
        lambda g: {},
        lambda c: FPA.build_token(c["app_id"], c["app_certificate"]),
        lambda c: [],
    ),
}
for name, builder in (("apaas", APAAS), ("education", EDUCATION)):
    AGORAIOTOOLS_007.update({
        f"{name}_room_user": (
            lambda g: dict(room_uuid=g.text(), user_uuid=g.text(), apaas_role=g.apaas_role(), expire=g.expire()),
            lambda c, b=builder: b.build_room_user_token(c["app_id"], c["app_certificate"], c["room_uuid"], c["user_uuid"], c["apaas_role"], c["expire"]),
            lambda c: warn_expire_007(c["expire"]),
        ),
        f"{name}_user": (
            lambda g: dict(user_uuid=g.text(), expire=g.expire()),
            lambda c, b=builder: b.build_user_token(c["app_id"], c["app_certificate"], c["user_uuid"], c["expire"]),
            lambda c: warn_expire_007(c["expire"]),
        ),
        f"{name}_app": (
            lambda g: dict(expire=g.expire()),
            lambda c, b=builder: b.build_app_token(c["app_id"], c["app_certificate"], c["expire"]),
            lambda c: warn_expire_007(c["expire"]),
        ),
    })

# Built by npm through scripts/peers/node_peer.js (its argument names).
NPM_007 = {
    "convo_ai": (rtc_rtm2_inputs, rtc_rtm2_warnings),
    "stt": (rtc_rtm2_inputs, rtc_rtm2_warnings),
    "rtm2": (
        lambda g: dict(user_id=g.text(), permissions=g.rtm2_permissions(), expire=g.expire()),
        lambda c: warn_expire_007(c["expire"]) + warn_rtm2(c["permissions"]),
    ),
}

AGORAIOTOOLS_006 = {
    "legacy_rtc_uid": (
        lambda g: dict(channel=g.text(), uid=g.uid(), role006=g.role(), privilege_expired_ts=g.expire()),
        lambda c: RTC006.buildTokenWithUid(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["role006"], c["privilege_expired_ts"]),
        lambda c: warn_role_006(c["role006"]) + warn_expire_006(c["privilege_expired_ts"]),
    ),
    "legacy_rtc_account": (
        lambda g: dict(channel=g.text(), account=g.text(), role006=g.role(), privilege_expired_ts=g.expire()),
        lambda c: RTC006.buildTokenWithAccount(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role006"], c["privilege_expired_ts"]),
        lambda c: warn_role_006(c["role006"]) + warn_expire_006(c["privilege_expired_ts"]),
    ),
    "legacy_rtm": (
        lambda g: dict(account=g.text(), privilege_expired_ts=g.expire()),
        lambda c: RTM006.buildToken(c["app_id"], c["app_certificate"], c["account"], 1, c["privilege_expired_ts"]),
        lambda c: warn_expire_006(c["privilege_expired_ts"]),
    ),
}


# ---------------------------------------------------------------- AccessToken objects

def service_inputs(g, service_type):
    s = {"type": service_type, "privileges": g.privileges(service_type)}
    if service_type in (1,):
        s.update(channel_name=g.text(), uid=g.pick(["", str(g.uid()), g.text()]))
    elif service_type in (2, 5, 8):
        s["user_id"] = g.text()
    elif service_type in (3, 6):
        s.update(channel_name=g.text(), account=g.pick(["", str(g.uid()), g.text()]))
    elif service_type == 7:
        s.update(room_uuid=g.text(), user_uuid=g.text(), role=g.apaas_role())
    if service_type == 8:
        s["permissions"] = g.rtm2_permissions()
    return s


def access_token2_inputs(g):
    types = [g.pick(range(1, 11)) for _ in range(1 + g.r.randrange(4))]
    if g.r.randrange(3) == 0:
        types = [g.pick([1, 2, 4, 5, 7]) for _ in range(1 + g.r.randrange(4))]  # agoraiotools can build these
    services = [service_inputs(g, t) for t in types]
    return dict(expire=g.expire(), issue_ts=g.issue_ts(), salt=g.salt(), services=services)


def last_values(pairs):
    """A privilege list as a map: the last value of a repeated number wins."""
    return dict((number, expire) for number, expire in pairs)


def access_token2_warnings(c):
    out = warn_expire_007(c["expire"])
    for s in c["services"]:
        out += warn_rtm2(s.get("permissions", []))
        for number, expire in last_values(s["privileges"]).items():
            if number not in DEFINED_007[s["type"]]:
                out.append("undefined_privilege")
            out += warn_expire_007(expire)
    return out


def agoraiotools_access_token2(c):
    with pinned(AT2, c["issue_ts"], c["salt"]):
        token = AT2.AccessToken(c["app_id"], c["app_certificate"], expire=c["expire"])
    for s in c["services"]:
        service = {
            1: lambda: AT2.ServiceRtc(s["channel_name"], s["uid"]),
            2: lambda: AT2.ServiceRtm(s["user_id"]),
            4: lambda: AT2.ServiceFpa(),
            5: lambda: AT2.ServiceChat(s["user_id"]),
            7: lambda: AT2.ServiceApaas(s["room_uuid"], s["user_uuid"], s["role"]),
        }[s["type"]]()
        for number, expire in s["privileges"]:
            service.add_privilege(number, expire)
        token.add_service(service)
    return token.build()


def access_token006_inputs(g):
    privileges = []
    for _ in range(g.r.randrange(6)):
        number = g.pick([1, 2, 3, 4, 1000, 101, 5, 12, 0, 13, 999, 65535, g.r.randrange(65536)])
        privileges.append([number, g.expire()])
    return dict(channel=g.text(), uid=g.pick(["", "0", str(g.uid()), g.text()]), ts=g.u32(), salt=g.salt(), privileges=privileges)


def access_token006_warnings(c):
    out = []
    for number, expire in last_values(c["privileges"]).items():
        if number not in DEFINED_006:
            out.append("undefined_privilege")
        out += warn_expire_006(expire)
    return out


def agoraiotools_access_token006(c):
    token = AT006.AccessToken(c["app_id"], c["app_certificate"], c["channel"], c["uid"])
    token.ts, token.salt = c["ts"], c["salt"]
    for number, expire in c["privileges"]:
        token.addPrivilege(number, expire)
    return token.build()


# ---------------------------------------------------------------- main

def run_node(script, cases, tmp):
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False)
    out = subprocess.run(["node", script, tmp], check=True, capture_output=True, text=True, encoding="utf-8").stdout
    os.remove(tmp)
    return {r["id"]: r for r in json.loads(out)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-kind", type=int, default=30)
    args = parser.parse_args()
    g = Inputs(args.seed)
    n = args.per_kind
    cases = []

    def new_case(kind, i, inputs, expected_warnings):
        c = {"id": f"{kind}-{i}", "kind": kind, "app_id": g.hex32(), "app_certificate": g.hex32(), **inputs}
        c["warnings"] = sorted(expected_warnings(c))
        cases.append(c)
        return c

    for kind, (make, build, expected_warnings) in AGORAIOTOOLS_007.items():
        for i in range(n):
            c = new_case(kind, i, make(g), expected_warnings)
            c.update(issue_ts=g.issue_ts(), salt=g.salt(), peer="agoraiotools")
            with pinned(AT2, c["issue_ts"], c["salt"]):
                c.update(try_build(lambda: build(c)))
    for kind, (make, build, expected_warnings) in AGORAIOTOOLS_006.items():
        for i in range(n):
            c = new_case(kind, i, make(g), expected_warnings)
            c.update(expires_at=g.u32(), salt=g.salt(), peer="agoraiotools")
            with pinned(AT006, c["expires_at"] - DAY, c["salt"]):
                c.update(try_build(lambda: build(c)))
    for i in range(3 * n):
        c = new_case("access_token006", i, access_token006_inputs(g), access_token006_warnings)
        c.update(peer="agoraiotools", **try_build(lambda: agoraiotools_access_token006(c)))

    npm_builders = []
    for kind, (make, expected_warnings) in NPM_007.items():
        for i in range(n):
            c = new_case(kind, i, make(g), expected_warnings)
            c.update(builder=kind, peer="agora-token")
            npm_builders.append(c)
    npm_objects = []
    for i in range(8 * n):
        c = new_case("access_token2", i, access_token2_inputs(g), access_token2_warnings)
        types = [s["type"] for s in c["services"]]
        if set(types) <= AGORAIOTOOLS_SERVICES and len(set(types)) == len(types):
            c.update(peer="agoraiotools", **try_build(lambda: agoraiotools_access_token2(c)))
        else:
            for s in c["services"]:
                if s["type"] == 7 and s["role"] == 0:
                    s["role"] = -1  # npm's ServiceApaas turns role 0 into -1; Java and Kotlin keep 0
            c["peer"] = "agora-token"
            npm_objects.append(c)

    tmp = args.out + ".tmp"
    for script, batch in ((NODE_PEER, npm_builders), (NPM_ACCESS_TOKEN2, npm_objects)):
        results = run_node(script, batch, tmp)
        for c in batch:
            result = results[c["id"]]
            if "token" in result:
                c["peer_token"] = result["token"]
                c["token"] = stock_zlib(result["token"])
                if c["kind"] != "access_token2":
                    c["issue_ts"], c["salt"] = issue_ts_and_salt(result["token"])
            else:
                c["error"] = result["error"]

    for c in cases:
        if "token" not in c and "error" not in c:
            sys.exit(f"no result for {c['id']}")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "cases": cases}, f, ensure_ascii=False)
    errors = sum("error" in c for c in cases)
    print(f"{len(cases)} cases ({errors} refused by the peers) written to {args.out}")


if __name__ == "__main__":
    main()
