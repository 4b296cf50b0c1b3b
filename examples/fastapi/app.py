"""A token server in FastAPI, with the routes of the common token server
(AgoraIO-Community/agora-token-service), signing with agora-token-rs.

    APP_ID=... APP_CERTIFICATE=... uvicorn app:app --port 8080
    curl http://127.0.0.1:8080/rtc/my-channel/publisher/uid/42/?expiry=600

GET /rtc/{channel}/{role}/{tokentype}/{uid}/ returns {"rtcToken": "007..."}; see
examples/flask/app.py for the parameters. Errors are 400 with {"error", "message", "status"}.
"""

import os
import re
from typing import Dict, Optional, Union

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from agora_token import AgoraTokenError, Credentials, TokenBuilder

DEFAULT_EXPIRY = 3600
NO_CACHE = {"Cache-Control": "private, no-cache, no-store, must-revalidate", "Expires": "-1", "Pragma": "no-cache"}


class BadRequest(ValueError):
    """A request the token server refuses with 400."""


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


def create_app(app_id: Optional[str] = None, app_certificate: Optional[str] = None) -> FastAPI:
    """The app; the credentials default to the APP_ID and APP_CERTIFICATE environment variables."""
    credentials = Credentials(
        app_id if app_id is not None else os.environ["APP_ID"],
        app_certificate if app_certificate is not None else os.environ["APP_CERTIFICATE"],
    )
    app = FastAPI(title="Agora token server")

    @app.get("/ping")
    def ping() -> Dict[str, str]:
        return {"message": "pong"}

    # Both spellings are served directly (FastAPI would otherwise redirect one to the other).
    @app.get("/rtc/{channel}/{role}/{tokentype}/{uid}")
    @app.get("/rtc/{channel}/{role}/{tokentype}/{uid}/")
    def rtc_token(channel: str, role: str, tokentype: str, uid: str, expiry: Optional[str] = None) -> JSONResponse:
        try:
            seconds = parse_expiry(expiry)
            user = parse_user(tokentype, uid)
            # The library parses the role name (publisher/host/1, subscriber/audience/2).
            token = (
                TokenBuilder(credentials, expire=seconds)
                .rtc(channel_name=channel, user=user, role=role, privilege_expire=seconds)
                .build()
            )
        except (BadRequest, AgoraTokenError) as error:
            body = {"error": str(error), "message": str(error), "status": 400}
            return JSONResponse(body, status_code=400, headers=NO_CACHE)
        return JSONResponse({"rtcToken": token}, headers=NO_CACHE)

    return app


# `uvicorn app:app` needs a module-level app; it is created on first use of the module's
# `app` attribute so that importing this file does not require the environment variables.
def __getattr__(name: str) -> FastAPI:
    if name == "app":
        return create_app()
    raise AttributeError(name)
