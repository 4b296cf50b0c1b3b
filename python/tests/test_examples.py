"""The example apps in examples/ (Flask, Django, FastAPI), through each framework's test client:
the token-server route /rtc/<channel>/<role>/<tokentype>/<uid>/ of agora-token-service."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from types import ModuleType
from typing import Any, Callable, Dict, Iterator, Tuple

import pytest

import agora_token
from helpers import APP_CERTIFICATE, APP_ID, REPO

EXAMPLES = REPO / "examples"

# A client call: path -> (status, JSON body, headers).
Get = Callable[[str], Tuple[int, Dict[str, Any], Dict[str, str]]]


def load(path: str, name: str) -> ModuleType:
    """Imports an example file by path, without putting examples/ on sys.path."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def flask_client() -> Get:
    app = load("flask/app.py", "flask_example").create_app(APP_ID, APP_CERTIFICATE)
    client = app.test_client()

    def get(path: str) -> Tuple[int, Dict[str, Any], Dict[str, str]]:
        response = client.get(path)
        return response.status_code, response.get_json(), dict(response.headers)

    return get


def fastapi_client() -> Get:
    from fastapi.testclient import TestClient

    client = TestClient(load("fastapi/app.py", "fastapi_example").create_app(APP_ID, APP_CERTIFICATE))

    def get(path: str) -> Tuple[int, Dict[str, Any], Dict[str, str]]:
        response = client.get(path, follow_redirects=False)
        return response.status_code, response.json(), dict(response.headers)

    return get


def django_client() -> Get:
    # Django reads its settings module once per process; the example's settings read APP_ID
    # and APP_CERTIFICATE from the environment at import.
    os.environ["APP_ID"], os.environ["APP_CERTIFICATE"] = APP_ID, APP_CERTIFICATE
    os.environ["DJANGO_SETTINGS_MODULE"] = "tokenserver.settings"
    project = str(EXAMPLES / "django")
    if project not in sys.path:
        sys.path.insert(0, project)
    import django
    from django.test import Client

    django.setup()
    client = Client()

    def get(path: str) -> Tuple[int, Dict[str, Any], Dict[str, str]]:
        response = client.get(path)
        return response.status_code, response.json(), dict(response.headers)

    return get


CLIENTS = {"flask": flask_client, "django": django_client, "fastapi": fastapi_client}


@pytest.fixture(params=sorted(CLIENTS))
def get(request: pytest.FixtureRequest) -> Iterator[Get]:
    yield CLIENTS[request.param]()


def verified(token: str) -> agora_token.Payload:
    return agora_token.verify(token, APP_CERTIFICATE).payload


def test_ping(get: Get) -> None:
    assert get("/ping")[:2] == (200, {"message": "pong"})


def test_rtc_publisher_by_uid(get: Get) -> None:
    before = int(time.time())
    status, body, headers = get("/rtc/my-channel/publisher/uid/42/?expiry=600")
    assert status == 200 and set(body) == {"rtcToken"}
    assert "no-store" in headers.get("Cache-Control", headers.get("cache-control", ""))
    payload = verified(body["rtcToken"])
    assert payload.app_id == APP_ID and payload.expire == 600 and before <= payload.issued_at <= int(time.time())
    assert payload.services == [
        agora_token.RtcService(channel_name="my-channel", user=42, privileges={1: 600, 2: 600, 3: 600, 4: 600})
    ]


def test_rtc_subscriber_by_account_without_trailing_slash(get: Get) -> None:
    status, body, _ = get("/rtc/room%20one/subscriber/userAccount/alice")
    assert status == 200
    (rtc,) = verified(body["rtcToken"]).services
    assert (rtc.channel_name, rtc.uid, rtc.privileges) == ("room one", "alice", {1: 3600})


def test_rtc_uid_zero_is_any_user_but_account_zero_is_literal(get: Get) -> None:
    assert verified(get("/rtc/c/publisher/uid/0/")[1]["rtcToken"]).services[0].uid == ""
    assert verified(get("/rtc/c/publisher/userAccount/0/")[1]["rtcToken"]).services[0].uid == "0"


def test_role_names_the_library_knows(get: Get) -> None:
    for role, privileges in [("host", 4), ("1", 4), ("audience", 1), ("2", 1)]:
        status, body, _ = get(f"/rtc/c/{role}/uid/7/")
        assert status == 200 and len(verified(body["rtcToken"]).services[0].privileges) == privileges, role


@pytest.mark.parametrize(
    "path,fragment",
    [
        ("/rtc/c/admin/uid/7/", "unknown RTC role"),
        ("/rtc/c/publisher/uid/abc/", "uid must be a number"),
        ("/rtc/c/publisher/uid/4294967296/", "out of range"),
        ("/rtc/c/publisher/uid/-5/", "uid must be a number"),
        ("/rtc/c/publisher/nickname/7/", "unknown tokentype"),
        ("/rtc/c/publisher/uid/7/?expiry=soon", "expiry must be a number"),
        ("/rtc/c/publisher/uid/7/?expiry=99999999999", "out of range"),
    ],
)
def test_bad_requests_are_400_with_error_and_message(get: Get, path: str, fragment: str) -> None:
    status, body, _ = get(path)
    assert status == 400
    assert body["status"] == 400 and body["error"] == body["message"] and fragment in body["error"]
    assert APP_CERTIFICATE not in str(body)
