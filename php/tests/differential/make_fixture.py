#!/usr/bin/env python3
"""The fixture of the PHP drop-in layer's differential test (php/tests/DifferentialTest.php),
made by scripts/test-php.sh with a fixed seed: random inputs over the official builders' whole
input space with what the official packages build from them.

The cases are those of the Kotlin differential test, made by the same generator
(bindings/uniffi/tests/differential/make_fixture.py: PyPI agoraiotools in process, npm
agora-token for ConvoAI, STT, RTM2 and the AccessToken2 services agoraiotools lacks; roles
0..255 and 101, privilege numbers 0..65535, RTM2 types, expiries, uids, issue times and salts
over 0..4294967295, empty, Unicode and 65535-byte strings, repeated and unsorted services).
The official PHP builder is not installable here; upstream PHP builds the same tokens as those
peers (its one deviation, uid 0, is tested on its own).

On top, a third of the builder cases get a "php" variant whose arguments are what PHP code
passes loosely and upstream PHP's pack() reads as the same numbers: numeric strings (query
strings), whole floats, numbers with a fraction (dropped: fraction_truncated), true/false/null
where 0 or 1 is meant (not_a_number; except for the token objects' issue time, salt and 006
expiry, where null means the default here), roles PHP finds equal to the number ("1", 1.0, null
for a 006 attendee), uids as floats or strings, and a null uid for 0 (written as "":
uid_written_as_text). The expected token is the peers' token for the value PHP reads; the
expected warnings gain the reading's own.

usage: make_fixture.py OUT.json [--seed N] [--per-kind N]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "..", "..", "bindings", "uniffi", "tests", "differential")
sys.path.insert(0, BASE)
import make_fixture as base  # noqa: E402  (the shared generator)

U32_MAX = 0xFFFF_FFFF
NUMBERS = {
    "rtc_uid": ["token_expire", "privilege_expire"],
    "rtc_account": ["token_expire", "privilege_expire"],
    "rtc_rtm": ["token_expire", "privilege_expire"],
    "rtc_uid_privileges": ["token_expire", "join", "pub_audio", "pub_video", "pub_data"],
    "rtc_account_privileges": ["token_expire", "join", "pub_audio", "pub_video", "pub_data"],
    "rtc_rtm2": ["token_expire", "join", "pub_audio", "pub_video", "pub_data", "rtm_expire"],
    "convo_ai": ["token_expire", "join", "pub_audio", "pub_video", "pub_data", "rtm_expire"],
    "stt": ["token_expire", "join", "pub_audio", "pub_video", "pub_data", "rtm_expire"],
    "rtm": ["expire"], "rtm2": ["expire"], "chat_user": ["expire"], "chat_app": ["expire"],
    "apaas_room_user": ["expire", "apaas_role"], "apaas_user": ["expire"], "apaas_app": ["expire"],
    "education_room_user": ["expire", "apaas_role"], "education_user": ["expire"], "education_app": ["expire"],
    "legacy_rtc_uid": ["privilege_expired_ts"], "legacy_rtc_account": ["privilege_expired_ts"], "legacy_rtm": ["privilege_expired_ts"],
    "access_token2": ["expire", "issue_ts", "salt"], "access_token006": ["ts", "salt"],
}
ROLES = {"rtc_uid": "role", "rtc_account": "role", "rtc_rtm": "role", "rtc_rtm2": "role", "convo_ai": "role", "stt": "role",
         "legacy_rtc_uid": "role006", "legacy_rtc_account": "role006"}
UIDS = {"rtc_uid": "uid", "rtc_uid_privileges": "uid", "legacy_rtc_uid": "uid"}


def loose_number(value, form, signed=False):
    """A value PHP's pack() reads as `value`, and the warning that reading gives (or None)."""
    if form == 0:
        return str(value), None
    if form == 1:
        return float(value), None
    if form == 2 and (signed or value < U32_MAX) and value >= 0:
        return value + 0.5, "fraction_truncated"  # truncated toward zero: value
    if form == 3:
        return " %d" % value, None  # leading whitespace: still numeric
    if form == 4 and value in (0, 1):
        return (None if value == 0 else True), "not_a_number"
    return "%d.0" % value, None


def loose_role(role, field, form):
    """A role PHP compares equal to `role` as upstream does (`$role == ROLE_PUBLISHER`)."""
    if field == "role006" and role == 0 and form % 2 == 0:
        return None  # null == 0: the 006 attendee, which publishes
    if field == "role" and role == 1 and form % 3 == 0:
        return True  # true == 1: a publisher
    return str(role) if form % 2 else float(role)


def php_variant(case, form):
    kind = case["kind"]
    variant = json.loads(json.dumps(case))
    variant["id"] = case["id"] + "-php"
    extra = []
    for field in NUMBERS.get(kind, []):
        # null issue times, salts and 006 expiries of the token objects mean "the default" here.
        defaults = field in ("issue_ts", "salt", "ts")
        variant[field], warning = loose_number(case[field], 0 if defaults and form == 4 else form, signed=field == "apaas_role")
        extra += [warning] if warning else []
        form = (form + 1) % 6
    if kind == "access_token2":
        for service in variant["services"]:
            service["privileges"] = [[number, str(expire)] for number, expire in service["privileges"]]
    if kind == "access_token006":
        variant["privileges"] = [[number, float(expire)] for number, expire in variant["privileges"]]
    if kind in ROLES:
        field = ROLES[kind]
        variant[field] = loose_role(case[field], field, form)
    if kind in UIDS:
        uid = case["uid"]
        if uid == 0:
            variant["uid"] = None  # written "" as the uid 0 is: the same token, with a warning
            extra.append("uid_written_as_text")
        else:
            variant["uid"] = float(uid) if form % 2 else str(uid)
    variant["warnings"] = sorted(case["warnings"] + extra)
    variant["php_loose"] = True
    return variant


def legacy_expiry_from_a_day(case):
    """The 006 builders here set the token's expiry as an issue time + 24 hours (Options), so
    one before 1970-01-02 cannot be asked for: such a case is rebuilt by the peer with a day
    more. (AccessToken objects, which set the expiry itself, keep the whole range.)"""
    if case["kind"] in base.AGORAIOTOOLS_006 and case["expires_at"] < base.DAY:
        case["expires_at"] += base.DAY
        build = base.AGORAIOTOOLS_006[case["kind"]][1]
        for key in ("token", "error"):
            case.pop(key, None)
        with base.pinned(base.AT006, case["expires_at"] - base.DAY, case["salt"]):
            case.update(base.try_build(lambda: build(case)))


def main():
    out = sys.argv[1]
    rest = sys.argv[2:]
    sys.argv = [sys.argv[0], out, *rest]
    base.main()
    with open(out, encoding="utf-8") as f:
        fixture = json.load(f)
    cases = fixture["cases"]
    for case in cases:
        legacy_expiry_from_a_day(case)
    variants = [php_variant(c, i % 6) for i, c in enumerate(cases) if i % 3 == 0 and "token" in c]
    fixture["cases"] = cases + variants
    with open(out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False)
    print(f"{len(variants)} PHP variants with loosely typed arguments added")


if __name__ == "__main__":
    main()
