"""The token views. GET /rtc/<channel>/<role>/<tokentype>/<uid>/ returns {"rtcToken": "007..."}:
role "publisher" (also "host", "1") or "subscriber" (also "audience", "2"); tokentype "uid"
(uid 0 = any user) or "userAccount"; ?expiry= seconds (default 3600). Errors are 400 JSON.
"""

import re
from functools import lru_cache
from typing import Optional, Union

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from agora_token import AgoraTokenError, Credentials, TokenBuilder

DEFAULT_EXPIRY = 3600


class BadRequest(ValueError):
    """A request the token server refuses with 400."""


@lru_cache(maxsize=None)
def credentials(app_id: str, app_certificate: str) -> Credentials:
    """Checked once per (app id, certificate): Credentials raises if either is not 32 hex characters."""
    return Credentials(app_id, app_certificate)


def parse_expiry(text: Optional[str]) -> int:
    """?expiry= in seconds; absent means 3600. Range checks are the library's."""
    if text is None or text == "":
        return DEFAULT_EXPIRY
    if not re.fullmatch(r"[0-9]+", text):
        raise BadRequest(f"expiry must be a number of seconds, not {text!r}")
    return int(text)


def parse_user(tokentype: str, uid: str) -> Union[int, str]:
    """tokentype "uid": a numeric uid (0 = any user); "userAccount": the string as is."""
    if tokentype == "uid":
        if not re.fullmatch(r"[0-9]+", uid):
            raise BadRequest(f"uid must be a number with tokentype uid, not {uid!r}; use tokentype userAccount for strings")
        return int(uid)
    if tokentype == "userAccount":
        return uid
    raise BadRequest(f"unknown tokentype {tokentype!r}; use uid or userAccount")


def no_cache(response: JsonResponse) -> JsonResponse:
    """Tokens must never be served from a cache."""
    response["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
    response["Expires"] = "-1"
    response["Pragma"] = "no-cache"
    return response


@require_GET
def ping(request: HttpRequest) -> JsonResponse:
    return no_cache(JsonResponse({"message": "pong"}))


@require_GET
def rtc_token(request: HttpRequest, channel: str, role: str, tokentype: str, uid: str) -> JsonResponse:
    try:
        expiry = parse_expiry(request.GET.get("expiry"))
        user = parse_user(tokentype, uid)
        builder = TokenBuilder(credentials(settings.AGORA_APP_ID, settings.AGORA_APP_CERTIFICATE), expire=expiry)
        # The library parses the role name (publisher/host/1, subscriber/audience/2).
        token = builder.rtc(channel_name=channel, user=user, role=role, privilege_expire=expiry).build()
    except (BadRequest, AgoraTokenError) as error:
        return no_cache(JsonResponse({"error": str(error), "message": str(error), "status": 400}, status=400))
    return no_cache(JsonResponse({"rtcToken": token}))
