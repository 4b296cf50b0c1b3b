"""Builds tokens with the PyPI peers (agoraiotools 0.3.4 for 007 and 006,
agora-token-builder 1.0.0 for 006) for the cases in a JSON file, and prints
[{id, peer, token}|{id, peer, error}] as JSON. Used by crates/agora-token/tests/differential.rs."""
import importlib
import json
import sys
import warnings

with warnings.catch_warnings():
    # agoraiotools warns at import time that its DynamicKey module is deprecated.
    warnings.simplefilter("ignore", DeprecationWarning)
    import agoraiotools
    import agora_token_builder

# At package level these names are the builder classes (star imports shadow the modules).
rtc = agoraiotools.RtcTokenBuilder2
rtm = agoraiotools.RtmTokenBuilder2
chat = importlib.import_module("agoraiotools.ChatTokenBuilder2").ChatTokenBuilder2

AGORAIOTOOLS = {
    "rtc_uid": lambda c: rtc.build_token_with_uid(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["role"], c["token_expire"], c["privilege_expire"]),
    "rtc_account": lambda c: rtc.build_token_with_user_account(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["privilege_expire"]),
    "rtc_uid_privileges": lambda c: rtc.build_token_with_uid_and_privilege(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"]),
    "rtc_account_privileges": lambda c: rtc.build_token_with_user_account_and_privilege(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"]),
    "rtc_rtm": lambda c: rtc.build_token_with_rtm(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["privilege_expire"]),
    "rtc_rtm2": lambda c: rtc.build_token_with_rtm2(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role"], c["token_expire"], c["join"], c["pub_audio"], c["pub_video"], c["pub_data"], c["rtm_user_id"], c["rtm_expire"]),
    "rtm": lambda c: rtm.build_token(c["app_id"], c["app_certificate"], c["user_id"], c["expire"]),
    "chat_user": lambda c: chat.build_user_token(c["app_id"], c["app_certificate"], c["user_id"], c["expire"]),
    "chat_app": lambda c: chat.build_app_token(c["app_id"], c["app_certificate"], c["expire"]),
    "fpa": lambda c: agoraiotools.FpaTokenBuilder.build_token(c["app_id"], c["app_certificate"]),
    "apaas_room_user": lambda c: agoraiotools.ApaasTokenBuilder.build_room_user_token(c["app_id"], c["app_certificate"], c["room_uuid"], c["user_uuid"], c["apaas_role"], c["expire"]),
    "apaas_user": lambda c: agoraiotools.ApaasTokenBuilder.build_user_token(c["app_id"], c["app_certificate"], c["user_uuid"], c["expire"]),
    "apaas_app": lambda c: agoraiotools.ApaasTokenBuilder.build_app_token(c["app_id"], c["app_certificate"], c["expire"]),
    "education_room_user": lambda c: agoraiotools.EducationTokenBuilder.build_room_user_token(c["app_id"], c["app_certificate"], c["room_uuid"], c["user_uuid"], c["apaas_role"], c["expire"]),
    "education_user": lambda c: agoraiotools.EducationTokenBuilder.build_user_token(c["app_id"], c["app_certificate"], c["user_uuid"], c["expire"]),
    "education_app": lambda c: agoraiotools.EducationTokenBuilder.build_app_token(c["app_id"], c["app_certificate"], c["expire"]),
    "legacy_rtc_uid": lambda c: agoraiotools.RtcTokenBuilder.buildTokenWithUid(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["role006"], c["privilege_expired_ts"]),
    "legacy_rtc_account": lambda c: agoraiotools.RtcTokenBuilder.buildTokenWithAccount(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role006"], c["privilege_expired_ts"]),
    "legacy_rtm": lambda c: agoraiotools.RtmTokenBuilder.buildToken(c["app_id"], c["app_certificate"], c["account"], 1, c["privilege_expired_ts"]),
}

AGORA_TOKEN_BUILDER = {
    "legacy_rtc_uid": lambda c: agora_token_builder.RtcTokenBuilder.buildTokenWithUid(c["app_id"], c["app_certificate"], c["channel"], c["uid"], c["role006"], c["privilege_expired_ts"]),
    "legacy_rtc_account": lambda c: agora_token_builder.RtcTokenBuilder.buildTokenWithAccount(c["app_id"], c["app_certificate"], c["channel"], c["account"], c["role006"], c["privilege_expired_ts"]),
    "legacy_rtm": lambda c: agora_token_builder.RtmTokenBuilder.buildToken(c["app_id"], c["app_certificate"], c["account"], 1, c["privilege_expired_ts"]),
}


def run(peer, builders, case):
    build = builders.get(case["builder"])
    if build is None:
        return None
    try:
        return {"id": case["id"], "peer": peer, "token": build(case)}
    except Exception as error:  # a peer failure is a result to compare, not a crash
        return {"id": case["id"], "peer": peer, "error": f"{type(error).__name__}: {error}"}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = []
    for case in cases:
        for peer, builders in (("agoraiotools", AGORAIOTOOLS), ("agora-token-builder", AGORA_TOKEN_BUILDER)):
            result = run(peer, builders, case)
            if result is not None:
                results.append(result)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
