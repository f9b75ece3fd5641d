"""A fake Bot Connector service (and a sliver of Microsoft Graph) on loopback.

Like bolt-python's mock Web API server: a stdlib HTTP server that plays the
service the bot calls and records what it was asked. A conversation
reference whose `serviceUrl` points here sends the bot's proactive cards,
card updates and conversation creation to this server. It also serves the
JSON Web Key Set that the test tokens are signed with (see tokens.py).
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass
class Call:
    method: str
    path: str
    authorization: str | None
    body: Any
    response: Any = None


@dataclass
class FakeConnector:
    """Records sends, updates and created conversations; fails on request."""

    calls: list[Call] = field(default_factory=list)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    # conversation id (or "graph") → responses to give first: (status, headers)
    failures: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    jwks: dict[str, Any] = field(default_factory=lambda: {"keys": []})
    app_catalog: list[dict[str, Any]] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The service URL to put in conversation references."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def graph_url(self) -> str:
        return self.url + "graph/v1.0"

    def start(self) -> FakeConnector:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # What the bot did --------------------------------------------------------------------

    def sent(self, conversation: str | None = None) -> list[dict[str, Any]]:
        """Activities posted (new messages) and accepted, optionally to one conversation."""
        return [c.body for c in self.calls if c.method == "POST" and "/activities" in c.path
                and "id" in (c.response or {})
                and (conversation is None or c.path.split("/")[3] == conversation)]

    def sent_ids(self, conversation: str) -> list[str]:
        """The ids the connector gave the activities posted to a conversation."""
        return [c.response["id"] for c in self.calls if c.method == "POST"
                and c.path == f"/v3/conversations/{conversation}/activities"]

    def cards(self, conversation: str | None = None) -> list[dict[str, Any]]:
        """The Adaptive Cards of the posted activities."""
        return [a["content"] for act in self.sent(conversation)
                for a in act.get("attachments") or []]

    def updates(self) -> list[tuple[str, dict[str, Any]]]:
        """(activity id, activity) of every in-place update."""
        return [(c.path.rsplit("/", 1)[1], c.body) for c in self.calls if c.method == "PUT"]

    def of(self, method: str, prefix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(prefix)]

    # Serving ------------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        with self._lock:
            return f"{prefix}{next(self._ids)}"

    def failure_for(self, key: str) -> tuple[int, dict[str, str]] | None:
        with self._lock:
            queue = self.failures.get(key)
            return queue.pop(0) if queue else None

    def answer(self, method: str, path: str, body: Any) -> tuple[int, dict[str, str], Any]:
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if path == "/keys":
            return 200, {}, self.jwks
        if parts[0] == "graph":
            return self._graph(method, parts[2:], body)
        if parts[:2] != ["v3", "conversations"]:
            return 404, {}, {"error": {"code": "NotFound"}}
        if len(parts) == 2 and method == "POST":
            conversation = self.next_id("a:created-")
            return 201, {}, {"id": conversation, "activityId": self.next_id("act-")}
        conversation = parts[2]
        failed = self.failure_for(conversation)
        if failed:
            status, headers = failed
            return status, headers, {"error": {"code": "Failed", "message": str(status)}}
        if len(parts) == 5 and parts[3] == "members" and method == "GET":
            member = self.members.get(parts[4])
            return (200, {}, member) if member else (404, {}, {"error": {"code": "NotFound"}})
        if parts[3:4] == ["activities"] and method == "POST":
            return 201, {}, {"id": self.next_id("act-")}
        if parts[3:4] == ["activities"] and method == "PUT" and len(parts) == 5:
            return 200, {}, {"id": parts[4]}
        return 404, {}, {"error": {"code": "NotFound"}}

    def _graph(self, method: str, parts: list[str], body: Any) -> tuple[int, dict[str, str], Any]:
        failed = self.failure_for("graph")
        if failed:
            return failed[0], failed[1], {"error": {"code": "Forbidden"}}
        if parts == ["chats"] and method == "POST":
            return 201, {}, {"id": self.next_id("19:chat") + "@thread.v2", "chatType": "group"}
        if parts[:2] == ["appCatalogs", "teamsApps"] and method == "GET":
            return 200, {}, {"value": self.app_catalog}
        if len(parts) == 3 and parts[0] == "chats" and parts[2] == "installedApps":
            return 201, {}, None
        return 404, {}, {"error": {"code": "NotFound"}}


def _handler(fake: FakeConnector) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            path = urlsplit(self.path).path
            call = Call(self.command, path, self.headers.get("Authorization"), body)
            fake.calls.append(call)
            status, headers, payload = fake.answer(self.command, path, body)
            call.response = payload
            data = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return Handler
