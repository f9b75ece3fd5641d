"""The HTTP edge: malformed, oversized or unsigned requests get 400/401/413/404 and one log
line, never a 500 or a traceback; the Slack signature is checked before the body is parsed."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import func, select

from bot.store.models import ProcessedEvent, Workspace
from bot.web.guard import RequestGuard
from tests.slack.support import SECRET, sign
from tests.trust.conftest import ADMIN_TOKEN

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def _post(slack, body: bytes, content_type: str = JSON, headers=None):
    all_headers = {"Content-Type": content_type, **(headers or {})}
    return slack.http.post("/slack/events", content=body, headers=all_headers)


def _signed(body: bytes, timestamp=None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                timestamp=ts, body=body.decode("utf-8", "replace"))}


def _refusals(caplog):
    return [r for r in caplog.records if r.name == "bot.web.guard"]


def _no_tracebacks(caplog):
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize("body, content_type, signed, status", [
    (b"{not json", JSON, True, 400),
    (b"[1, 2, 3]", JSON, True, 400),
    (b"\xff\xfe\x00garbage", JSON, False, 400),
    (b"payload=%7Bnot+json", FORM, True, 400),
    (b"payload=%5B1%5D", FORM, True, 400),
    (b"{not json", JSON, False, 401),
    (b"[1, 2, 3]", JSON, False, 401),
    (b'{"type": "event_callback"}', "text/plain", True, 400),
])
def test_malformed_bodies_are_refused_with_one_line(slack, engine, caplog, body, content_type,
                                                     signed, status):
    caplog.set_level(logging.INFO)
    response = _post(slack, body, content_type, _signed(body) if signed else {})
    assert response.status_code == status
    assert len(_refusals(caplog)) == 1
    _no_tracebacks(caplog)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Workspace.__table__)).scalar() == 0


@pytest.mark.parametrize("timestamp", ["abc", "1" * 5000, "-5", "1e9", " 12"])
def test_a_malformed_timestamp_is_401(slack, caplog, timestamp):
    body = b'{"type": "event_callback", "event": {"type": "app_home_opened"}}'
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=abc"}
    response = _post(slack, body, JSON, headers)
    assert response.status_code == 401
    assert len(_refusals(caplog)) == 1
    _no_tracebacks(caplog)


def test_an_old_or_forged_signature_is_401(slack):
    body = b'{"type": "event_callback"}'
    assert _post(slack, body, JSON, _signed(body, timestamp=int(time.time()) - 3600)
                 ).status_code == 401
    headers = _signed(body)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert _post(slack, body, JSON, headers).status_code == 401


def test_an_oversized_body_is_413_without_reading_it_whole(slack, caplog):
    big = b'{"x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    assert _post(slack, big, JSON, _signed(big)).status_code == 413

    # Chunked, no Content-Length: the guard stops reading once past the cap.
    read = 0

    async def receive():
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"a" * (1024 * 1024), "more_body": True}

    sent = []

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):
        raise AssertionError("the app must not see an oversized body")

    scope = {"type": "http", "method": "POST", "path": "/slack/events", "headers": []}
    asyncio.run(RequestGuard(app)(scope, receive, send))
    assert sent[0]["status"] == 413
    assert read == 2
    _no_tracebacks(caplog)


def test_a_signed_slash_command_still_works(slack):
    body = urlencode({"team_id": "T1", "user_id": "U1", "user_name": "u1",
                      "command": "/pair-me", "text": "help", "trigger_id": "1.2.3",
                      "channel_id": "C1", "api_app_id": "A1"})
    response = slack.http.post("/slack/events", content=body.encode(),
                               headers={"Content-Type": FORM, **sign(body)})
    slack.wait()
    assert response.status_code == 200
    assert "pair-me" in response.text


@pytest.fixture
def checked(monkeypatch) -> list[bool]:
    """Every Slack signature check (whoever makes it) and its verdict."""
    verdicts: list[bool] = []
    real = SignatureVerifier.is_valid

    def counting(self, *args, **kwargs):
        verdicts.append(real(self, *args, **kwargs))
        return verdicts[-1]

    monkeypatch.setattr(SignatureVerifier, "is_valid", counting)
    return verdicts


def test_the_signature_is_checked_once_per_request_as_serve_composes_it(engine, fake, clock,
                                                                        checked):
    from fastapi.testclient import TestClient

    from bot.runtime import build_runtime
    from tests.slack.conftest import slack_settings

    runtime = build_runtime(slack_settings(fake), engine=engine, scheduler=False, clock=clock)
    command = urlencode({"team_id": "T1", "user_id": "U1", "user_name": "u1",
                         "command": "/pair-me", "text": "help", "trigger_id": "1.2.3",
                         "channel_id": "C1", "api_app_id": "A1"})
    try:
        with TestClient(runtime.app) as http:
            good = http.post("/slack/events", content=command.encode(),
                             headers={"Content-Type": FORM, **sign(command)})
            assert good.status_code == 200 and "pair-me" in good.text
            assert checked == [True]
            checked.clear()
            bad = http.post("/slack/events", content=command.encode(), headers={
                "Content-Type": FORM, **sign(command), "X-Slack-Signature": "v0=" + "0" * 64})
            assert bad.status_code == 401 and bad.json() == {"error": "invalid Slack signature"}
            assert checked == [False]
    finally:
        runtime.shutdown(grace=5)


def test_a_signed_event_is_processed_once(slack, engine):
    event = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
             "event_id": "Ev1", "event_time": int(time.time()),
             "event": {"type": "app_home_opened", "user": "U1", "tab": "home"}}
    body = json.dumps(event)
    response = slack.http.post("/slack/events", content=body.encode(),
                               headers={"Content-Type": JSON, **sign(body)})
    slack.wait()
    assert response.status_code == 200
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(
            ProcessedEvent.__table__)).scalar() == 1


@pytest.mark.parametrize("path", [
    "/admin/programmes/9223372036854775808/export/matches.csv",
    "/admin/programmes/2147483648/rounds",
    "/admin/programmes/99999999999999999999999999",
    "/admin/api/programmes/1" + "0" * 4999,
])
def test_ids_outside_the_database_range_are_404(slack, path, caplog):
    response = slack.http.get(path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 404
    _no_tracebacks(caplog)


def test_the_largest_id_is_an_ordinary_not_found(slack):
    response = slack.http.get("/admin/programmes/2147483647/export/matches.csv",
                              headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 404
