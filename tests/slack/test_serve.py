"""`pairbot serve` as a real process, Slack over real HTTP, FakeSlack as the Web API."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from bot.store.db import make_engine
from bot.store.models import Participant
from tests.fakes.slack_api import FakeSlack
from tests.slack.support import SECRET, sign
from tests.support.proc import Server

pytestmark = pytest.mark.slow


def post(server: Server, body: str, content_type: str,
         headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(server.url + "/slack/events", data=body.encode(),
                                     headers={"Content-Type": content_type, **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def command(server: Server, fake: FakeSlack, text: str, user: str = "U1") -> tuple[int, bytes]:
    body = urlencode({"team_id": "T1", "user_id": user, "user_name": "ada", "command": "/pair-me",
                      "text": text, "trigger_id": fake.issue_trigger_id(),
                      "channel_id": "C0GENERAL", "api_app_id": "A0PAIRBOT01",
                      "response_url": "https://hooks.slack.com/commands/T1/1/x"})
    return post(server, body, "application/x-www-form-urlencoded", sign(body))


def eventually(check, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def test_serve_answers_slack_over_http(database_url, tmp_path):
    with FakeSlack() as fake:
        fake.add_user("U1", real_name="Ada Lovelace")
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": FakeSlack.DEFAULT_TOKEN,
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.url}
        with Server(env=env, cwd=tmp_path) as server:
            server.wait_ready()
            status, body = command(server, fake, "help")
            assert status == 200 and b"pause 2w" in body

            assert command(server, fake, "")[0] == 200
            opened = eventually(lambda: fake.calls_to("views.open"))
            assert opened and opened[0].ok, server.output()
            view = opened[0].response["view"]

            view["state"] = {"values": {
                "profession": {"profession": {"type": "static_select",
                                              "selected_option": {"value": "Nurse"}}},
                "learn": {"learn": {"type": "multi_static_select", "selected_options": []}},
                "intro": {"intro": {"type": "plain_text_input", "value": "Hello"}}}}
            payload = urlencode({"payload": json.dumps({
                "type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U1"},
                "view": view, "api_app_id": "A0PAIRBOT01"})})
            status, _ = post(server, payload, "application/x-www-form-urlencoded",
                             sign(payload))
            assert status == 200
            confirmed = eventually(lambda: [m for m in fake.messages()
                                            if "You're in" in m.get("text", "")])
            assert confirmed, server.output()

            forged = urlencode({"team_id": "T1", "user_id": "U1", "command": "/pair-me",
                                "text": "leave"})
            assert post(server, forged, "application/x-www-form-urlencoded",
                        {**sign(forged), "X-Slack-Signature": "v0=" + "f" * 64})[0] == 401
            log = server.output()
    assert "Slack: on, one workspace, HTTP at /slack/events" in log
    assert "Traceback" not in log
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Participant.user_id, Participant.profession)).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("U1", "Nurse")]
