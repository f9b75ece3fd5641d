"""Slack as its servers call pairbot: signed HTTP requests, like bolt-python's scenario tests.

`SlackHarness` posts slash commands, interactions and events to `/slack/events`
of the real FastAPI app, signed with the signing secret, and waits for the
listeners Bolt runs after acknowledging. FakeSlack plays the Web API.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from httpx import Response
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import select

from bot.platform import PlatformParts
from bot.services.context import Services
from bot.store.models import Programme
from tests.fakes.slack_api import FakeSlack

SECRET = "test-signing-secret-0123456789abcdef"
_event_ids = itertools.count(1)


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The two headers Slack adds to every request."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


@dataclass
class SlackHarness:
    """pairbot behind HTTP, FakeSlack behind pairbot."""

    http: TestClient
    fake: FakeSlack
    parts: PlatformParts
    services: Services
    team: str = "T1"

    # ------------------------------------------------------------- sending

    def post(self, body: str, content_type: str, *, headers: Mapping[str, str] | None = None,
             signed: bool = True, timestamp: int | None = None, wait: bool = True) -> Response:
        all_headers = {"Content-Type": content_type}
        if signed:
            all_headers.update(sign(body, timestamp))
        all_headers.update(headers or {})
        response = self.http.post("/slack/events", content=body.encode(), headers=all_headers)
        if wait:
            self.wait()
        return response

    def wait(self) -> None:
        """Wait until every listener Bolt started has finished."""
        assert self.parts.wait_idle is not None and self.parts.wait_idle(20)

    def command(self, text: str = "", user: str = "U1", *, trigger_id: str | None = None,
                channel: str = "C0GENERAL", wait: bool = True) -> Response:
        body = urlencode({
            "token": "legacy", "team_id": self.team, "team_domain": "pairbot-test",
            "channel_id": channel, "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": "/pair-me", "text": text,
            "api_app_id": "A0PAIRBOT01", "is_enterprise_install": "false",
            "response_url": "https://hooks.slack.com/commands/T1/1/x",
            "trigger_id": trigger_id or self.fake.issue_trigger_id(),
        })
        return self.post(body, "application/x-www-form-urlencoded", wait=wait)

    def interact(self, payload: Mapping[str, Any]) -> Response:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def event(self, event: Mapping[str, Any], *, event_id: str | None = None,
              retry: int | None = None, team: str | None = None,
              wait: bool = True) -> Response:
        body = json.dumps({
            "token": "legacy", "team_id": team or self.team, "api_app_id": "A0PAIRBOT01",
            "event": dict(event), "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"enterprise_id": None, "team_id": team or self.team,
                                "user_id": "UBOT", "is_bot": True}],
        })
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} \
            if retry else {}
        return self.post(body, "application/json", headers=headers, wait=wait)

    # ------------------------------------------------------ interactions

    def _user(self, user: str) -> dict[str, Any]:
        return {"id": user, "username": user.lower(), "name": user.lower(), "team_id": self.team}

    def click(self, action_id: str, *, user: str = "U1", value: str | None = None,
              selected: str | None = None, message: Mapping[str, Any] | None = None,
              view: Mapping[str, Any] | None = None) -> Response:
        """A block_actions payload: a button (value) or a select (selected) pressed."""
        action: dict[str, Any] = {"action_id": action_id, "block_id": "b",
                                  "action_ts": f"{time.time():.6f}"}
        if selected is not None:
            action.update(type="static_select", selected_option={
                "text": {"type": "plain_text", "text": selected}, "value": selected})
        else:
            action.update(type="button", value=value or "",
                          text={"type": "plain_text", "text": "x"})
        payload: dict[str, Any] = {
            "type": "block_actions", "user": self._user(user), "api_app_id": "A0PAIRBOT01",
            "token": "legacy", "team": {"id": self.team, "domain": "pairbot-test"},
            "trigger_id": self.fake.issue_trigger_id(), "actions": [action],
            "is_enterprise_install": False,
        }
        if message is not None:
            payload["container"] = {"type": "message", "message_ts": message["ts"],
                                    "channel_id": message["channel"], "is_ephemeral": False}
            payload["channel"] = {"id": message["channel"], "name": "mpdm"}
            payload["message"] = {k: v for k, v in message.items() if k != "channel"}
        elif view is not None:
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = dict(view)
        else:
            payload["container"] = {"type": "view", "view_id": "VHOME"}
        return self.interact(payload)

    def submit(self, view: Mapping[str, Any], *, user: str = "U1", **answers: Any) -> Response:
        """A view_submission of `view` (as FakeSlack stored it) with these answers."""
        submitted = dict(view)
        submitted["state"] = {"values": fill(view, answers)}
        return self.interact({
            "type": "view_submission", "team": {"id": self.team, "domain": "pairbot-test"},
            "user": self._user(user), "api_app_id": "A0PAIRBOT01", "token": "legacy",
            "trigger_id": self.fake.issue_trigger_id(), "view": submitted,
            "is_enterprise_install": False,
        })

    # ------------------------------------------------------- what Slack saw

    def opened_view(self) -> dict[str, Any]:
        """The last modal pairbot opened (views.open), as FakeSlack stored it."""
        call = self.fake.calls_to("views.open")[-1]
        assert call.ok, call.response
        view: dict[str, Any] = call.response["view"]
        return view

    def dms(self, user: str) -> list[dict[str, Any]]:
        """Messages in the bot's DM with `user`, oldest first."""
        channel = self.fake.conversation_id(user)
        return [m for m in self.fake.messages() if m["channel"] == channel]

    def programme_id(self) -> int:
        with self.services.unit_of_work() as session:
            return int(session.scalars(select(Programme.id).order_by(Programme.id)).first() or 0)


def fill(view: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """`state.values` for a view: each answer shaped the way Slack sends its element's value."""
    values: dict[str, Any] = {}
    for block in view.get("blocks", []):
        block_id = block.get("block_id")
        if block.get("type") != "input" or block_id not in answers:
            continue
        element = block["element"]
        kind, answer = element["type"], answers[block_id]
        state: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons"):
            state["selected_option"] = None if answer is None else {
                "text": {"type": "plain_text", "text": str(answer)}, "value": str(answer)}
        elif kind in ("multi_static_select", "checkboxes"):
            state["selected_options"] = [
                {"text": {"type": "plain_text", "text": str(a)}, "value": str(a)}
                for a in answer]
        elif kind == "multi_users_select":
            state["selected_users"] = list(answer)
        elif kind == "users_select":
            state["selected_user"] = answer
        elif kind == "conversations_select":
            state["selected_conversation"] = answer
        elif kind == "datepicker":
            state["selected_date"] = answer
        else:
            state["value"] = None if answer is None else str(answer)
        values[block_id] = {element["action_id"]: state}
    return values


def text_of(message: Mapping[str, Any]) -> str:
    """What a person reads in a message or view: its blocks' text (or its text without)."""
    if not message.get("blocks"):
        return str(message.get("text") or "")
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                parts.append(str(node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks", []))
    return "\n".join(parts)
