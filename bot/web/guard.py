"""The HTTP edge: what a request must be before any handler parses it.

`RequestGuard` is an ASGI middleware on the one web app. For the platforms'
webhooks (`bot.web.paths.WEBHOOKS`) it reads the body in chunks and refuses it
with 413 once it passes the cap (Slack's and the Bot Framework's payloads are a
few kilobytes). Everywhere, a path segment that is a number outside the
database's id range gets 404 instead of reaching a query. Each refusal is one
log line without the body; nothing here raises into the server.

The checks of one platform's requests live here too, and its endpoint calls them
before anything parses the body: `slack_problem` (the signature, checked once per
request, then the form), `bearer_refusal` and `activity_refusal` (Teams).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.core.ids import ID_MAX
from bot.web.paths import SLACK_INSTALL, WEBHOOKS

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 1024 * 1024
# Each visit to the Slack install page writes an OAuth state row (deleted by housekeeping
# once expired): a visitor gets a few a minute, everyone together a few a second.
INSTALLS_PER_ADDRESS = 10
INSTALLS_IN_ALL = 300
INSTALL_WINDOW = 60.0
SLASH_COMMAND_FIELDS = ("command", "user_id", "team_id")
INTERACTIONS = ("block_actions", "view_submission", "view_closed", "shortcut",
                "message_action", "block_suggestion")
# Every activity the Bot Connector sends names these, and the SDK relies on them.
ACTIVITY_PARTIES = ("from", "recipient", "conversation")
# A Unix time in seconds has 10 digits until the year 2286.
TIMESTAMP_DIGITS = 12


class Refusal(Exception):
    """A request the guard answers itself: status and a short reason (logged, and sent)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def slack_problem(body: bytes, headers: Mapping[str, str], secret: str | None) -> None:
    """Raise Refusal unless `body` is a correctly signed Slack request of a form Slack sends.

    With no signing secret (Slack off) only the form is checked."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "body is not UTF-8") from None
    if secret:
        timestamp = headers.get("x-slack-request-timestamp", "")
        signature = headers.get("x-slack-signature", "")
        if not (timestamp.isascii() and timestamp.isdigit()
                and len(timestamp) <= TIMESTAMP_DIGITS):
            raise Refusal(401, "missing or malformed X-Slack-Request-Timestamp")
        if not signature.isascii() or not SignatureVerifier(secret).is_valid(
                body=text, timestamp=timestamp, signature=signature):
            raise Refusal(401, "invalid Slack signature")
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        _slack_envelope(_json_object(text, "body"))
    elif content_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        if "payload" in form:
            _slack_envelope(_json_object(form["payload"][0], "payload"))
        elif not all(form.get(key, [""])[0] for key in SLASH_COMMAND_FIELDS):
            raise Refusal(400, "a slash command without " + "/".join(SLASH_COMMAND_FIELDS))
    else:
        raise Refusal(400, f"unsupported content type {content_type or '(none)'}")


def _slack_envelope(body: dict[str, Any]) -> None:
    """The fields every Slack request of its type carries (Slack's own reference), so a
    listener can rely on them; anything else Slack sends is left to Bolt."""
    kind = body.get("type")
    if not isinstance(kind, str) or not kind:
        raise Refusal(400, "no type")
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise Refusal(400, "an event_callback without an event type")
        if not isinstance(body.get("team_id"), str) and not body.get("authorizations"):
            raise Refusal(400, "an event_callback without team_id")
    elif kind in INTERACTIONS:
        user, team = body.get("user"), body.get("team")
        if not (isinstance(user, dict) and isinstance(user.get("id"), str) and user["id"]):
            raise Refusal(400, f"a {kind} without user.id")
        if team is not None and not (isinstance(team, dict) and isinstance(team.get("id"), str)):
            raise Refusal(400, f"a {kind} with a malformed team")
        actions = body.get("actions")
        if kind == "block_actions" and not (
                isinstance(actions, list) and actions
                and all(isinstance(a, dict) and isinstance(a.get("action_id"), str)
                        for a in actions)):
            raise Refusal(400, "block_actions without actions")
        if kind.startswith("view_") and not isinstance(body.get("view"), dict):
            raise Refusal(400, f"a {kind} without a view")


def json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object, or Refusal(400)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "body is not UTF-8") from None
    return _json_object(text, "body")


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Refusal(400, f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise Refusal(400, f"{what} is not a JSON object")
    return value


def oversized_id(path: str, query: bytes = b"") -> bool:
    """True when a path segment or query value is a number no row id can have."""
    values = path.split("/")
    if query:
        try:
            values += [v for vs in parse_qs(query.decode("latin-1")).values() for v in vs]
        except ValueError:
            return False
    return any(v.isascii() and v.isdigit() and (len(v) > len(str(ID_MAX)) or int(v) > ID_MAX)
               for v in values)


class Budget:
    """At most `per_key` uses per key and `in_all` uses altogether in a sliding window."""

    def __init__(self, *, per_key: int, in_all: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_key, self.in_all, self.window, self._clock = per_key, in_all, window, clock
        self._seen: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def spend(self, key: str) -> bool:
        """Count a use; False (and not counted) when the key or everyone is over budget."""
        now = self._clock()
        with self._lock:
            for seen in (self._all, self._seen.get(key, deque())):
                while seen and now - seen[0] > self.window:
                    seen.popleft()
            mine = self._seen.setdefault(key, deque())
            if len(mine) >= self.per_key or len(self._all) >= self.in_all:
                return False
            mine.append(now)
            self._all.append(now)
            if len(self._seen) > 10_000:
                for idle in [k for k, v in self._seen.items() if not v]:
                    del self._seen[idle]
            return True


class RequestGuard:
    """ASGI middleware: the webhooks' body cap, ids out of range refused, the install
    page's writes limited."""

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY,
                 installs: Budget | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.installs = installs or Budget(per_key=INSTALLS_PER_ADDRESS,
                                           in_all=INSTALLS_IN_ALL, window=INSTALL_WINDOW)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = str(scope.get("path", "")), str(scope.get("method", ""))
        try:
            query = scope.get("query_string", b"") if path.startswith("/admin") else b""
            if oversized_id(path, query):
                raise Refusal(404, "id out of range")
            if path == SLACK_INSTALL:
                client = scope.get("client") or ("unknown", 0)
                if not self.installs.spend(str(client[0])):
                    raise Refusal(429, "too many install starts; try again in a minute")
            if method != "POST" or path not in WEBHOOKS:
                await self.app(scope, receive, send)
                return
            headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                       for k, v in scope.get("headers", [])}
            body = await self._read(headers, receive)
            if body is None:
                return  # the client went away
        except Refusal as refusal:
            logger.warning("refused %s %s: %s (%d)", method, path, refusal.reason,
                           refusal.status)
            if (refusal.status == 404 and path.startswith("/admin")
                    and not path.startswith("/admin/api/")):
                await _not_found_page(send)  # a browser gets a page, not JSON
            else:
                await _answer(send, refusal.status, refusal.reason)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, headers: Mapping[str, str], receive: Receive) -> bytes | None:
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or len(declared) > 12
                         or int(declared) > self.max_body):
            raise Refusal(413, "body too large")
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_body:
                raise Refusal(413, "body too large")
            if not message.get("more_body", False):
                return bytes(body)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _not_found_page(send: Send) -> None:
    from html import escape

    from bot.web.console.web import NO_PAGE

    content = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
               f"<title>Not found</title></head><body><main><h1>Not found</h1><p>"
               f'{escape(NO_PAGE)}</p><p><a href="/admin/programmes">Back to the programmes'
               "</a></p></main></body></html>").encode()
    await send({"type": "http.response.start", "status": 404,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(content)).encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"content-security-policy", b"default-src 'none'")]})
    await send({"type": "http.response.body", "body": content})


async def _answer(send: Send, status: int, reason: str) -> None:
    content = json.dumps({"error": reason}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(content)).encode())]})
    await send({"type": "http.response.body", "body": content})


# What the Bot Connector and Entra sign with; never "none", never a shared-secret HMAC.
TOKEN_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                              "ES256", "ES384", "ES512"})


def bearer_refusal(header: str | None) -> Refusal | None:
    """A Bot Framework bearer token the SDK cannot even begin to check (not a JWT, no key id,
    `alg: none` or a shared-secret algorithm): Refusal(401) here, in one log line, rather
    than an exception inside the SDK. None when the SDK may validate it (or there is none)."""
    import jwt

    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Refusal(401, "Authorization is not a Bearer token")
    try:
        head = jwt.get_unverified_header(token.strip())
    except (jwt.PyJWTError, ValueError, TypeError):
        return Refusal(401, "the token is not a JWT")
    if not isinstance(head.get("kid"), str) or not head["kid"]:
        return Refusal(401, "the token names no signing key (kid)")
    if head.get("alg") not in TOKEN_ALGORITHMS:
        return Refusal(401, f"the token's algorithm is not accepted ({str(head.get('alg'))[:16]})")
    return None


def refused(path: str, refusal: Refusal) -> JSONResponse:
    """Log a refusal in one line and answer it as JSON."""
    logger.warning("refused POST %s: %s (%d)", path, refusal.reason, refusal.status)
    return JSONResponse({"error": refusal.reason}, status_code=refusal.status)


async def activity_refusal(request: Request, identity: Any) -> Response | None:
    """A Bot Framework activity that is no JSON object (400), or whose serviceUrl is not the
    one its token was issued for (401): the bot would send its replies, with its own bearer
    token, to that host. None when the activity may go on to the SDK."""
    from microsoft_agents.activity import Activity  # only loaded when Teams is on
    from pydantic import ValidationError

    try:
        activity = json_object(await request.body())
        _quiet_sdk_validation()
        try:
            Activity.model_validate(activity)
        except ValidationError as exc:
            raise Refusal(400, f"not a Bot Framework activity ({exc.error_count()} errors)"
                          ) from None
        for field in ACTIVITY_PARTIES:
            party = activity.get(field)
            if not (isinstance(party, dict) and isinstance(party.get("id"), str) and party["id"]):
                raise Refusal(400, f"an activity without {field}.id")
        for field in ("type", "channelId", "serviceUrl"):
            if not (isinstance(activity.get(field), str) and activity[field]):
                raise Refusal(400, f"an activity without {field}")
        given = activity.get("serviceUrl")
        scheme, host, _ = _origin(str(given))
        if scheme not in ("http", "https") or not host:
            # The SDK builds its reply client from it and fails on anything else.
            raise Refusal(400, "serviceUrl is not an absolute http(s) URL")
        claimed = _claim(identity, "serviceurl")
        if claimed and (not isinstance(given, str) or _origin(given) != _origin(claimed)):
            raise Refusal(401, "serviceUrl is not the one in the token")
    except Refusal as refusal:
        return refused(request.url.path, refusal)
    return None


class _SdkValidationLog(logging.Filter):
    """The SDK logs a rejected activity with a full traceback; ours is one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Validation error for Activity")


def _quiet_sdk_validation() -> None:
    sdk = logging.getLogger("microsoft_agents.activity.activity")
    if not any(isinstance(f, _SdkValidationLog) for f in sdk.filters):
        sdk.addFilter(_SdkValidationLog())


def _claim(identity: Any, name: str) -> str:
    claims = getattr(identity, "claims", None) or {}
    value = claims.get(name) if isinstance(claims, Mapping) else None
    return value if isinstance(value, str) else ""


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return ("", "", None)
