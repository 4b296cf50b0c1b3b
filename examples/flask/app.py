"""A token server in Flask, with the routes of the common token server
(AgoraIO-Community/agora-token-service), signing with agora-token-rs.

    APP_ID=... APP_CERTIFICATE=... flask --app app run --port 8080
    curl http://127.0.0.1:8080/rtc/my-channel/publisher/uid/42/?expiry=600

GET /rtc/<channel>/<role>/<tokentype>/<uid>/ returns {"rtcToken": "007..."}:
role "publisher" (also "host", "1") or "subscriber" (also "audience", "2"); tokentype "uid"
(uid 0 = any user) or "userAccount"; ?expiry= seconds for the token and its privileges (default
3600). Errors are 400 with {"error", "message", "status"}. GET /ping returns {"message": "pong"}.
"""

import os
import re
from typing import Any, Dict, Optional, Tuple, Union

from flask import Flask, Response, jsonify, request

from agora_token import AgoraTokenError, Credentials, TokenBuilder

DEFAULT_EXPIRY = 3600


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


def create_app(app_id: Optional[str] = None, app_certificate: Optional[str] = None) -> Flask:
    """The app; the credentials default to the APP_ID and APP_CERTIFICATE environment variables."""
    credentials = Credentials(
        app_id if app_id is not None else os.environ["APP_ID"],
        app_certificate if app_certificate is not None else os.environ["APP_CERTIFICATE"],
    )
    app = Flask(__name__)

    def bad_request(message: str) -> Tuple[Response, int]:
        return jsonify({"error": message, "message": message, "status": 400}), 400

    @app.after_request
    def no_cache(response: Response) -> Response:
        # Tokens must never be served from a cache.
        response.headers["Cache-Control"] = "private, no-cache, no-store, must-revalidate"
        response.headers["Expires"] = "-1"
        response.headers["Pragma"] = "no-cache"
        return response

    @app.get("/ping")
    def ping() -> Dict[str, Any]:
        return {"message": "pong"}

    @app.get("/rtc/<channel>/<role>/<tokentype>/<uid>")
    @app.get("/rtc/<channel>/<role>/<tokentype>/<uid>/")
    def rtc_token(channel: str, role: str, tokentype: str, uid: str) -> Any:
        try:
            expiry = parse_expiry(request.args.get("expiry"))
            user = parse_user(tokentype, uid)
            # The role name goes to the library as is: it knows publisher/host/1 and
            # subscriber/audience/2 and refuses anything else (UnknownRoleError).
            token = (
                TokenBuilder(credentials, expire=expiry)
                .rtc(channel_name=channel, user=user, role=role, privilege_expire=expiry)
                .build()
            )
        except (BadRequest, AgoraTokenError) as error:
            return bad_request(str(error))
        return jsonify({"rtcToken": token})

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))
