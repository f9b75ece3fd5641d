"""A fake Slack Web API on loopback, for tests and benchmarks.

``FakeSlack`` is a small ``http.server`` that answers the Web API methods
pairbot uses, the way Slack answers them, and records every request. Point
the real ``slack_sdk.WebClient(base_url=fake.url)`` (or Bolt, or
``SLACK_API_URL``) at it; nothing reaches the internet. The shape follows
slackapi/bolt-python's ``tests/mock_web_api_server``, with state: messages
are stored and come back from ``conversations.history``, DMs have stable ids,
views are kept, tokens are checked.

    with FakeSlack() as slack:
        slack.add_user("U1", real_name="Ada")
        client = WebClient(token="xoxb-test", base_url=slack.url)
        dm = client.conversations_open(users="U1")["channel"]["id"]
        client.chat_postMessage(channel=dm, text="hi")
        assert slack.messages(dm)[0]["text"] == "hi"

What is modelled
----------------
* Requests: ``GET`` or ``POST`` to ``/api/<method>``; query string, form
  (``application/x-www-form-urlencoded``) and JSON bodies; the token from
  ``Authorization: Bearer``, or a ``token`` form/query field (never from a
  JSON body, as on Slack). Replies are ``application/json`` with HTTP 200,
  errors included, except 429 (rate limited), injected statuses, 404 off
  ``/api/`` and 500 ``fake_slack_error`` when the fake itself (or a test's
  ``when=``) raised. Unknown methods answer ``unknown_method``.
* Auth: no token -> ``not_authed``; unknown token -> ``invalid_auth``; a
  revoked token (``revoke_token``, ``apps.uninstall``) -> ``token_revoked``.
  ``xoxb-test`` (team ``T1``, bot user ``UBOT``) exists from the start.
* Conversations: ``conversations.open`` gives the same id for the same set of
  people in any order: ``D…`` for one user, ``G…`` for a group DM (the bot is
  a member of both). The id is a hash of team, bot and users, so it does not
  depend on call order; ``conversation_id(...)`` computes it for assertions.
  A user id as ``chat.postMessage``'s channel posts to the bot's DM with that
  user, as on Slack. Unknown channel -> ``channel_not_found``; a channel added
  with ``add_channel`` that the bot is not in -> ``not_in_channel``.
* People: unknown user -> ``user_not_found``; a bot -> ``cannot_dm_bot``;
  a deleted (deactivated) user -> ``user_disabled``, which is what Slack's
  reference lists for ``conversations.open`` (``account_inactive`` there
  means the *token's* user or workspace is gone). ``deleted_user_error=``
  changes it.
* Messages: ``ts`` values are unique and strictly increasing, microsecond
  strings like ``"1700000000.000100"``; by default they follow the wall clock
  (so ``oldest=<a real time>`` works), ``ts_base=1700000000.0`` makes them
  deterministic (``ts_base + n * 0.0001``). ``conversations.history`` returns
  newest first, honours ``limit`` / ``oldest`` / ``latest`` / ``inclusive`` /
  ``cursor``, leaves thread replies out, and includes ``metadata`` only when
  ``include_all_metadata`` is true. Validation as Slack: ``no_text``,
  ``msg_too_long`` (> 40 000 chars), ``invalid_blocks`` (not a list, > 50),
  ``invalid_metadata_format`` / ``invalid_metadata_schema``.
* Views: ``views.open`` / ``push`` / ``update`` / ``publish`` store the view;
  ``hash`` mismatches give ``hash_conflict``; ``home_view(user)`` is the latest
  published Home tab. Trigger ids from ``issue_trigger_id()`` are single use
  (``exchanged_trigger_id``) and expire after 3 s (``expired_trigger_id``);
  other trigger ids are accepted, so hand-written payloads work.
* Files (``files.uploadV2`` as slack_sdk's ``files_upload_v2`` does it):
  ``files.getUploadURLExternal`` (``filename``, ``length`` required) gives a
  file id and an upload URL on this server (``/upload/v1/<id>``, no token, as
  on Slack); POSTing the bytes there answers ``OK - <length>``; then
  ``files.completeUploadExternal`` (``files`` JSON, ``channel_id``) shares
  the uploaded files: unknown or not-uploaded id -> ``file_not_found``, and a
  message with ``files`` and the ``initial_comment`` text appears in the
  channel. ``uploaded_files(channel)`` returns what was shared, content too.
* OAuth: ``oauth.v2.access`` exchanges a code registered with
  ``add_oauth_code`` for Slack's v2 install payload (client id/secret from
  HTTP Basic auth or the form, checked when the fake was given them), once
  (reuse -> ``invalid_code``), and makes the bot token valid.
* Sign in with Slack (OpenID Connect): ``GET /openid/connect/authorize`` signs
  in whoever ``sign_in_as(user_id)`` names (no consent page) and redirects to
  ``redirect_uri`` with a one-time ``code`` and the ``state`` (nobody set:
  ``error=access_denied``); ``openid.connect.token`` exchanges the code (client
  credentials checked as above, ``redirect_uri`` must match) for a user token
  and an ``id_token`` (HS256 with the client secret, carrying the nonce);
  ``openid.connect.userInfo`` with that token gives ``sub``, the
  ``https://slack.com/user_id`` / ``team_id`` claims, name and email.

Rate limits (``rate_limits=True``)
----------------------------------
Slack limits each method per app per workspace, in tiers of N calls per
minute (https://docs.slack.dev/apis/web-api/rate-limits): Tier 1 = 1,
Tier 2 = 20, Tier 3 = 50, Tier 4 = 100; ``METHOD_TIERS`` gives each method's
tier as Slack's reference lists it. ``chat.postMessage`` is "special": one
message per second per channel (Slack's undisclosed workspace-wide cap is not
modelled). The fake keys a bucket by (token, method), or (token, method,
channel) for ``chat.postMessage``, and keeps a sliding-window log: a call is
admitted if fewer than N admitted calls of its bucket arrived in the last
``60 s / compression`` (``1 s / compression`` for the per-channel rule).
Otherwise it answers HTTP 429, ``{"ok": false, "error": "ratelimited"}`` and
``Retry-After`` = the seconds until the oldest call in the window leaves it;
rejected calls do not use up the window. ``compression`` shrinks time: with
``compression=60`` a Tier 3 method allows 50 calls per second.

``Retry-After`` is an integer, rounded up and at least 1, as Slack sends it:
slack_sdk's ``RateLimitErrorRetryHandler`` does ``int(header)`` and sleeps
that plus up to 1 s of jitter, and would crash on ``"0.25"``. With
``fractional_retry_after=True`` the header carries the exact compressed wait
(``"0.250"``), for a client of our own that reads it with ``float()``.
Under compression the integer header overstates the real wait (a 0.1 s wait
says 1), so a client obeying it runs slower than ``floor_seconds`` predicts.

``floor_seconds(counts)`` is the least wall time the configured limits allow
for making ``counts[method]`` calls, with unlimited concurrency and no
latency: for a bucket of n calls at N per window W it is
``((n - 1) // N) * W``; buckets run in parallel, so the floor is the largest.
``served_counts()`` gives the counts of what the fake actually admitted.
``method_limits={"conversations.history": 1}`` overrides a method's calls per
minute (that one is what Slack imposes since 2025 on commercially distributed
non-Marketplace apps; internal apps keep Tier 3).

Test helpers
------------
Recording (``calls``, ``calls_to``, ``wait_for_calls``, ``messages``, ``reset_calls``,
``home_view``, ``ratelimited_count``), failure injection (``fail``), blocking
(``hold``, for "Slack did it but the reply was lost" tests) and ``latency``.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import hmac
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND",
    "METHOD_TIERS",
    "TIER_CALLS_PER_MINUTE",
    "Call",
    "FakeSlack",
]

TIER_CALLS_PER_MINUTE: Mapping[int, int] = {1: 1, 2: 20, 3: 50, 4: 100}

# Tiers from Slack's method reference. auth.test is "special" (hundreds per
# minute) and is approximated by Tier 4.
METHOD_TIERS: Mapping[str, int] = {
    "apps.uninstall": 1,
    "auth.test": 4,
    "chat.delete": 3,
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "conversations.history": 3,
    "conversations.members": 4,
    "conversations.open": 3,
    "files.completeUploadExternal": 4,
    "files.getUploadURLExternal": 4,
    "oauth.v2.access": 4,
    "reactions.get": 3,
    "team.info": 3,
    "users.info": 4,
    "users.list": 2,
    "users.lookupByEmail": 3,
    "views.open": 4,
    "views.publish": 4,
    "views.push": 4,
    "views.update": 4,
}
CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND = 1

TRIGGER_ID_LIFETIME_SECONDS = 3.0
MAX_TEXT_CHARS = 40_000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_GROUP_DM_USERS = 8

_TZ_LABELS = {
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "UTC": "Coordinated Universal Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
}


@dataclass(frozen=True)
class Call:
    """One request the fake received, whatever it answered."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived (after ``latency``)
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def error(self) -> str | None:
        return self.response.get("error")


class _ApiError(Exception):
    def __init__(
        self,
        error: str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


@dataclass
class _Failure:
    method: str
    error: str
    remaining: int | None
    status: int
    retry_after: float | None
    when: Callable[[dict[str, Any]], bool] | None


@dataclass
class _Hold:
    method: str
    release: threading.Event
    arrived: threading.Event
    when: Callable[[dict[str, Any]], bool] | None
    before: bool
    taken: bool = False


@dataclass
class _Token:
    token: str
    team_id: str
    bot_user_id: str
    bot_id: str
    scope: str
    revoked: bool = False


@dataclass
class _Channel:
    id: str
    team_id: str
    kind: str  # "im", "mpim" or "channel"
    members: list[str]
    name: str
    created: int
    is_private: bool = False


@dataclass
class _Ctx:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    token: _Token | None
    at: float


def _hs256(claims: dict[str, Any], secret: str) -> str:
    """A JWT signed with HMAC-SHA256 (the fake's id_token; stdlib only)."""
    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    header = part(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = part(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{part(signature)}"


def _slack_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode()).digest()
    return prefix + base64.b32encode(digest).decode()[:10]


def _ts_to_us(value: Any, error: str = "invalid_arguments") -> int:
    try:
        return int(Decimal(str(value)) * 1_000_000)
    except (InvalidOperation, ValueError) as exc:
        raise _ApiError(error) from exc


def _us_to_ts(us: int) -> str:
    return f"{us // 1_000_000}.{us % 1_000_000:06d}"


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _json_arg(value: Any, error: str) -> Any:
    """Slack accepts structured arguments as JSON text (form) or as JSON (body)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise _ApiError(error) from exc
    return value


def _int_arg(value: Any, default: int, *, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError) as exc:
        raise _ApiError("invalid_limit") from exc


class _SlidingWindow:
    """Per-bucket log of admitted call times."""

    def __init__(self) -> None:
        self._hits: dict[tuple[str, ...], deque[float]] = {}

    def admit(self, key: tuple[str, ...], limit: int, window: float, now: float) -> float | None:
        """Record the call and return None, or return how long until it would fit."""
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return hits[len(hits) - limit] + window - now
        hits.append(now)
        return None

    def clear(self) -> None:
        self._hits.clear()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default 5 drops bursts of connections (1 s SYN retry)
    fake: FakeSlack


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        self.server.fake._serve(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FakeSlack:
    """Slack's Web API on 127.0.0.1, with state, recording and failure injection."""

    DEFAULT_TOKEN = "xoxb-test"
    DEFAULT_TEAM = "T1"
    DEFAULT_BOT_USER = "UBOT"

    def __init__(
        self,
        *,
        rate_limits: bool = False,
        compression: float = 1.0,
        fractional_retry_after: bool = False,
        method_limits: Mapping[str, int] | None = None,
        latency: float = 0.0,
        ts_base: float | None = None,
        deleted_user_error: str = "user_disabled",
        client_id: str | None = None,
        client_secret: str | None = None,
        app_id: str = "A0PAIRBOT01",
    ) -> None:
        if compression <= 0:
            raise ValueError("compression must be positive")
        self.rate_limits = rate_limits
        self.compression = compression
        self.fractional_retry_after = fractional_retry_after
        self.method_limits = dict(method_limits or {})
        self.latency = latency
        self.deleted_user_error = deleted_user_error
        self.client_id = client_id
        self.client_secret = client_secret
        self.app_id = app_id

        self._lock = threading.RLock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._calls: list[Call] = []
        # Calls recorded per method, and a condition notified at each, for wait_for_calls.
        self._counts: dict[str, int] = {}
        self._recorded = threading.Condition(self._lock)
        self._ratelimited = 0
        self._failures: list[_Failure] = []
        self._holds: list[_Hold] = []
        self._window = _SlidingWindow()
        self._served: dict[str, int] = {}
        self._teams: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, _Token] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, _Channel] = {}
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._ephemeral: list[dict[str, Any]] = []
        self._views: dict[str, dict[str, Any]] = {}
        self._home: dict[str, dict[str, Any]] = {}
        self._triggers: dict[str, tuple[float, bool]] = {}
        self._oauth_codes: dict[str, dict[str, Any]] = {}
        self._oidc_user: str | None = None
        self._oidc_codes: dict[str, dict[str, Any]] = {}
        self._oidc_tokens: dict[str, str] = {}
        self._files: dict[str, dict[str, Any]] = {}
        self._ts_base_us = None if ts_base is None else int(Decimal(str(ts_base)) * 1_000_000)
        self._last_ts_us = 0
        self._counter = 0
        self._handlers = self._method_table()

        self.add_team(self.DEFAULT_TEAM, name="Pairbot Test", domain="pairbot-test")
        self.add_token(self.DEFAULT_TOKEN)

    # ------------------------------------------------------------------ life

    def start(self) -> FakeSlack:
        """Listen on an ephemeral loopback port, serving from a daemon thread."""
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="fake-slack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; releases any held request first."""
        with self._lock:
            for hold in self._holds:
                hold.release.set()
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL for ``WebClient(base_url=...)``, ending in ``/api/``."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/"

    # ----------------------------------------------------------------- seeds

    def add_team(
        self,
        team_id: str,
        *,
        name: str | None = None,
        domain: str | None = None,
        enterprise_id: str | None = None,
    ) -> None:
        with self._lock:
            self._teams[team_id] = {
                "id": team_id,
                "name": name or f"Team {team_id}",
                "domain": domain or team_id.lower(),
                "enterprise_id": enterprise_id,
            }

    def add_token(
        self,
        token: str,
        *,
        team_id: str = DEFAULT_TEAM,
        bot_user_id: str = DEFAULT_BOT_USER,
        bot_id: str | None = None,
        scope: str = "chat:write,commands,im:write,im:history,mpim:write,mpim:history,users:read",
    ) -> None:
        """Make a bot token valid; its bot user is added to the workspace if missing."""
        with self._lock:
            if team_id not in self._teams:
                self.add_team(team_id)
            self._tokens[token] = _Token(
                token=token,
                team_id=team_id,
                bot_user_id=bot_user_id,
                bot_id=bot_id or _slack_id("B", team_id, bot_user_id),
                scope=scope,
            )
            if bot_user_id not in self._users:
                self.add_user(
                    bot_user_id, name="pairbot", real_name="Pairbot", is_bot=True, team_id=team_id
                )

    def revoke_token(self, token: str) -> None:
        """Later calls with this token answer ``token_revoked``."""
        with self._lock:
            self._tokens[token].revoked = True

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        email: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        deleted: bool = False,
        is_bot: bool = False,
        team_id: str = DEFAULT_TEAM,
        tz: str = "Europe/London",
        locale: str = "en-GB",
    ) -> None:
        """Add or replace a workspace member; `locale` is their Slack's language, given by
        users.info and users.list with `include_locale`."""
        with self._lock:
            if team_id not in self._teams:
                self.add_team(team_id)
            self._users[user_id] = {
                "id": user_id,
                "name": name or user_id.lower(),
                "real_name": real_name or name or user_id,
                "email": email,
                "is_admin": is_admin,
                "is_owner": is_owner,
                "deleted": deleted,
                "is_bot": is_bot,
                "team_id": team_id,
                "tz": tz,
                "locale": locale,
                "updated": int(time.time()),
            }

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        members: Iterable[str] = (DEFAULT_BOT_USER,),
        team_id: str = DEFAULT_TEAM,
        is_private: bool = False,
    ) -> None:
        """Add a channel; the bot can post in it only if its user is a member."""
        with self._lock:
            self._channels[channel_id] = _Channel(
                id=channel_id,
                team_id=team_id,
                kind="channel",
                members=list(members),
                name=name or channel_id.lower(),
                created=int(time.time()),
                is_private=is_private,
            )
            self._messages.setdefault(channel_id, [])

    def add_message(
        self,
        channel: str,
        *,
        user: str,
        text: str = "",
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> str:
        """Store a message as if a person had posted it; returns its ``ts``."""
        with self._lock:
            if channel not in self._channels:
                raise KeyError(f"unknown channel {channel}; open or add it first")
            message: dict[str, Any] = {
                "type": "message",
                "user": user,
                "text": text,
                "ts": self._next_ts(),
                "team": self._channels[channel].team_id,
            }
            if blocks:
                message["blocks"] = copy.deepcopy(blocks)
            if thread_ts:
                message["thread_ts"] = thread_ts
            self._messages[channel].append(message)
            return message["ts"]

    def add_reaction(self, channel: str, ts: str, name: str, user: str) -> None:
        """Record that ``user`` reacted with ``:name:`` (seen by ``reactions.get``)."""
        with self._lock:
            message = self._find_message(channel, ts)
            if message is None:
                raise KeyError(f"no message {channel}/{ts}")
            reactions = message.setdefault("reactions", [])
            for reaction in reactions:
                if reaction["name"] == name:
                    if user not in reaction["users"]:
                        reaction["users"].append(user)
                        reaction["count"] += 1
                    return
            reactions.append({"name": name, "users": [user], "count": 1})

    def add_oauth_code(
        self,
        code: str,
        *,
        team_id: str,
        bot_token: str,
        bot_user_id: str = DEFAULT_BOT_USER,
        team_name: str | None = None,
        installer_user_id: str = "UINSTALLER",
        scope: str = "chat:write,commands,im:write,im:history,mpim:write,mpim:history,users:read",
        user_token: str | None = None,
        user_scope: str = "",
        enterprise_id: str | None = None,
        redirect_uri: str | None = None,
    ) -> None:
        """Register a one-time code that ``oauth.v2.access`` exchanges for an install."""
        with self._lock:
            self._oauth_codes[code] = {
                "team_id": team_id,
                "team_name": team_name,
                "bot_token": bot_token,
                "bot_user_id": bot_user_id,
                "installer_user_id": installer_user_id,
                "scope": scope,
                "user_token": user_token,
                "user_scope": user_scope,
                "enterprise_id": enterprise_id,
                "redirect_uri": redirect_uri,
                "used": False,
            }

    def sign_in_as(self, user_id: str | None) -> None:
        """Who the next ``/openid/connect/authorize`` signs in (None: the user cancels)."""
        with self._lock:
            self._oidc_user = user_id

    def issue_trigger_id(self) -> str:
        """A trigger id as Slack puts in an interaction: valid once, for 3 s."""
        with self._lock:
            self._counter += 1
            digest = hashlib.sha1(str(self._counter).encode()).hexdigest()[:32]
            trigger = f"{self._counter}.{int(time.time())}.{digest}"
            self._triggers[trigger] = (time.monotonic(), False)
            return trigger

    def conversation_id(self, *user_ids: str, token: str = DEFAULT_TOKEN) -> str:
        """The id ``conversations.open(users=...)`` gives these users, for assertions."""
        with self._lock:
            return self._conversation_id(self._tokens[token], list(user_ids))

    # ------------------------------------------------------------- recording

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def wait_for_calls(self, method: str, count: int, timeout: float) -> bool:
        """Wait until `count` calls to `method` are recorded (True), at most `timeout`
        seconds (False): woken by each call, not polling."""
        with self._recorded:
            return self._recorded.wait_for(lambda: self._counts.get(method, 0) >= count,
                                           timeout)

    @property
    def ratelimited_count(self) -> int:
        """How many HTTP 429 replies were sent (enforced or injected)."""
        with self._lock:
            return self._ratelimited

    def reset_calls(self) -> None:
        """Forget recorded calls, the 429 count and ``served_counts`` (not the state)."""
        with self._lock:
            self._calls.clear()
            self._counts.clear()
            self._ratelimited = 0
            self._served.clear()

    def reset_rate_limits(self) -> None:
        """Empty every rate-limit window."""
        with self._lock:
            self._window.clear()

    def messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Stored messages (posted and seeded, not deleted), oldest first, with ``channel``."""
        with self._lock:
            channels = [channel] if channel is not None else list(self._messages)
            out = [
                {**copy.deepcopy(m), "channel": ch}
                for ch in channels
                for m in self._messages.get(ch, [])
            ]
            return sorted(out, key=lambda m: _ts_to_us(m["ts"]))

    def ephemeral_messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                copy.deepcopy(m)
                for m in self._ephemeral
                if channel is None or m["channel"] == channel
            ]

    def members(self, channel: str) -> list[str]:
        with self._lock:
            return list(self._channels[channel].members)

    def uploaded_files(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Files shared with files.completeUploadExternal (in `channel`), content included."""
        with self._lock:
            return [copy.deepcopy(f) for f in self._files.values()
                    if f["channel"] is not None and channel in (None, f["channel"])]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The Home tab last published for ``user_id``, as Slack stored it."""
        with self._lock:
            view = self._home.get(user_id)
            return copy.deepcopy(view) if view is not None else None

    def view(self, view_id: str) -> dict[str, Any] | None:
        with self._lock:
            view = self._views.get(view_id)
            return copy.deepcopy(view) if view is not None else None

    # ----------------------------------------------------- failure injection

    def fail(
        self,
        method: str,
        error: str,
        times: int | None = 1,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (matching ``when``) fail.

        ``times=None`` fails every matching call. ``status`` defaults to 429
        for ``ratelimited`` (with ``Retry-After: 1`` unless ``retry_after`` is
        given) and 200 otherwise, as Slack sends errors; pass 500 or 503 to
        imitate an outage. Injected failures win over every other check.
        """
        if status is None:
            status = 429 if error == "ratelimited" else 200
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            self._failures.append(_Failure(method, error, times, status, retry_after, when))

    def clear_failures(self) -> None:
        with self._lock:
            self._failures.clear()

    def hold(
        self,
        method: str,
        release: threading.Event,
        *,
        when: Callable[[dict[str, Any]], bool] | None = None,
        before: bool = False,
    ) -> threading.Event:
        """Block the next matching call until ``release`` is set.

        By default the call takes effect first and only its reply waits (the
        "Slack posted it but we crashed before hearing back" case); with
        ``before=True`` nothing happens until release. Returns an event set
        when the call has arrived. ``stop()`` releases held calls.
        """
        arrived = threading.Event()
        with self._lock:
            self._holds.append(_Hold(method, release, arrived, when, before))
        return arrived

    # ----------------------------------------------------------- rate limits

    def limit_for(self, method: str) -> int:
        """Calls per minute allowed for ``method`` (before compression)."""
        if method in self.method_limits:
            return self.method_limits[method]
        return TIER_CALLS_PER_MINUTE[METHOD_TIERS.get(method, 3)]

    def served_counts(self) -> dict[str, int]:
        """Admitted calls per rate-limit bucket: method, or ``chat.postMessage:<channel>``."""
        with self._lock:
            return dict(self._served)

    def floor_seconds(self, method_counts: Mapping[str, int]) -> float:
        """Least wall time the configured limits impose on making these calls.

        Keys are method names; ``chat.postMessage:<channel>`` counts messages
        to one channel, while a bare ``chat.postMessage`` count is taken as
        spread over distinct channels (no per-channel wait). Assumes unlimited
        concurrency and zero latency, so it is a lower bound; 0.0 when rate
        limits are off.
        """
        if not self.rate_limits:
            return 0.0
        floor = 0.0
        for key, n in method_counts.items():
            if n <= 0:
                continue
            limit, window = self._bucket_limit(key)
            if limit is None:
                continue
            floor = max(floor, ((n - 1) // limit) * window)
        return floor

    def _bucket_limit(self, key: str) -> tuple[int | None, float]:
        method, _, channel = key.partition(":")
        if method == "chat.postMessage":
            if not channel:
                return None, 0.0
            return CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND, 1.0 / self.compression
        return self.limit_for(method), 60.0 / self.compression

    def _retry_after_header(self, seconds: float) -> str:
        if self.fractional_retry_after:
            return f"{max(seconds, 0.001):.3f}"
        return str(max(1, math.ceil(seconds)))

    # ----------------------------------------------------------------- HTTP

    def _serve(self, request: _Handler) -> None:
        split = urlsplit(request.path)
        params: dict[str, Any] = dict(parse_qsl(split.query, keep_blank_values=True))
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k: v for k, v in request.headers.items()}
        if self.latency:
            time.sleep(self.latency)
        at = time.monotonic()

        if split.path == "/openid/connect/authorize":
            self._oidc_authorize(request, params)
            return
        if split.path.startswith("/upload/v1/"):
            self._receive_upload(request, split.path[len("/upload/v1/"):], body)
            return
        if not split.path.startswith("/api/"):
            self._send(request, 404, {"ok": False, "error": "invalid_url"}, {})
            return
        method = split.path[len("/api/") :]
        content_type = (request.headers.get("Content-Type") or "").lower()
        body_error = None
        if body and content_type.startswith("application/json"):
            try:
                parsed = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError):
                parsed, body_error = None, "invalid_json"
            if isinstance(parsed, dict):
                params.update(parsed)
            elif body_error is None:
                body_error = "json_not_object"
        elif body:
            params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))

        hold = self._take_hold(method, params)
        if hold is not None and hold.before:
            hold.arrived.set()
            hold.release.wait()
        status, payload, extra_headers = self._dispatch(method, params, headers, at, body_error)
        if hold is not None and not hold.before:
            hold.arrived.set()
            hold.release.wait()
        self._send(request, status, payload, extra_headers)

    @staticmethod
    def _send(
        request: _Handler, status: int, payload: dict[str, Any], headers: Mapping[str, str]
    ) -> None:
        data = json.dumps(payload).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json; charset=utf-8")
            request.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, crash test); Slack would not notice either

    def _receive_upload(self, request: _Handler, file_id: str, body: bytes) -> None:
        with self._lock:
            entry = self._files.get(file_id)
            if entry is not None:
                entry["content"] = body
        status, text = (200, f"OK - {len(body)}") if entry is not None else (404, "Not Found")
        data = text.encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "text/plain; charset=utf-8")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _take_hold(self, method: str, params: dict[str, Any]) -> _Hold | None:
        with self._lock:
            for hold in self._holds:
                if hold.taken or hold.method != method:
                    continue
                if hold.when is None or hold.when(params):
                    hold.taken = True
                    return hold
        return None

    def _dispatch(
        self,
        method: str,
        params: dict[str, Any],
        headers: dict[str, str],
        at: float,
        body_error: str | None,
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            try:
                handler = self._handlers.get(method)
                if handler is None:
                    raise _ApiError("unknown_method", extra={"req_method": method})
                self._inject_failure(method, params)
                if body_error:
                    raise _ApiError(body_error)
                token = None if method in self._UNAUTHENTICATED else self._authenticate(
                    params, headers)
                self._enforce_rate_limit(method, params, headers, token, at)
                payload = {"ok": True, **handler(_Ctx(method, params, headers, token, at))}
                status, extra_headers = 200, {}
            except _ApiError as exc:
                status, extra_headers = exc.status, exc.headers
                payload = {"ok": False, "error": exc.error, **exc.extra}
            except Exception as exc:  # a bug in the fake or in a test's `when`: say so
                status, extra_headers = 500, {}
                payload = {"ok": False, "error": "fake_slack_error", "detail": repr(exc)}
            if status == 429:
                self._ratelimited += 1
            self._record(Call(method, dict(params), headers, at, status, copy.deepcopy(payload)))
            return status, payload, extra_headers

    def _record(self, call: Call) -> None:
        with self._recorded:
            self._calls.append(call)
            self._counts[call.method] = self._counts.get(call.method, 0) + 1
            self._recorded.notify_all()

    def _inject_failure(self, method: str, params: dict[str, Any]) -> None:
        for failure in self._failures:
            if failure.method != method or (failure.when and not failure.when(params)):
                continue
            if failure.remaining is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = (
                    f"{failure.retry_after:g}"
                    if self.fractional_retry_after
                    else str(math.ceil(failure.retry_after))
                )
            raise _ApiError(failure.error, status=failure.status, headers=headers)

    def _authenticate(self, params: dict[str, Any], headers: dict[str, str]) -> _Token:
        value = None
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        if auth.lower().startswith("bearer "):
            value = auth[len("bearer ") :].strip()
        value = value or params.pop("token", None)
        if not value:
            raise _ApiError("not_authed")
        token = self._tokens.get(value)
        if token is None:
            raise _ApiError("invalid_auth")
        if token.revoked:
            raise _ApiError("token_revoked")
        return token

    def _enforce_rate_limit(
        self,
        method: str,
        params: dict[str, Any],
        headers: dict[str, str],
        token: _Token | None,
        at: float,
    ) -> None:
        who = token.token if token else self._basic_auth(headers)[0] or params.get("client_id", "")
        if method == "chat.postMessage":
            channel = str(params.get("channel", ""))
            if token is not None and channel[:1] in ("U", "W"):
                channel = self._conversation_id(token, [channel])
            bucket = f"{method}:{channel}"
        else:
            bucket = method
        if self.rate_limits:
            limit, window = self._bucket_limit(bucket)
            assert limit is not None
            wait = self._window.admit((who, bucket), limit, window, at)
            if wait is not None:
                raise _ApiError(
                    "ratelimited",
                    status=429,
                    headers={"Retry-After": self._retry_after_header(wait)},
                )
        self._served[bucket] = self._served.get(bucket, 0) + 1

    # ---------------------------------------------------------------- state

    def _next_ts(self) -> str:
        if self._ts_base_us is None:
            us = max(time.time_ns() // 1000, self._last_ts_us + 1)
        else:
            us = max(self._ts_base_us, self._last_ts_us) + 100
        self._last_ts_us = us
        return _us_to_ts(us)

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:08X}"

    def _conversation_id(self, token: _Token, user_ids: list[str]) -> str:
        people = sorted({*user_ids, token.bot_user_id})
        prefix = "D" if len(people) <= 2 else "G"
        return _slack_id(prefix, token.team_id, *people)

    def _find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        for message in self._messages.get(channel, []):
            if message["ts"] == ts:
                return message
        return None

    def _user(self, token: _Token, user_id: str) -> dict[str, Any]:
        user = self._users.get(user_id)
        if user is None or user["team_id"] != token.team_id:
            raise _ApiError("user_not_found")
        return user

    def _readable_channel(self, token: _Token, channel_id: Any) -> _Channel:
        if not channel_id:
            raise _ApiError("channel_not_found")
        channel_id = str(channel_id)
        if channel_id[:1] in ("U", "W"):
            channel_id = self._open(token, [channel_id], post=True).id
        channel = self._channels.get(channel_id)
        if channel is None or channel.team_id != token.team_id:
            raise _ApiError("channel_not_found")
        if token.bot_user_id not in channel.members:
            raise _ApiError("not_in_channel")
        return channel

    def _open(self, token: _Token, user_ids: list[str], *, post: bool = False) -> _Channel:
        people = [u for u in dict.fromkeys(user_ids) if u != token.bot_user_id]
        if not people:
            raise _ApiError("cannot_dm_bot")
        if len(people) > MAX_GROUP_DM_USERS:
            raise _ApiError("too_many_users")
        for user_id in people:
            try:
                user = self._user(token, user_id)
            except _ApiError:
                raise _ApiError("channel_not_found" if post else "user_not_found") from None
            if user["is_bot"]:
                raise _ApiError("cannot_dm_bot")
            if user["deleted"]:
                raise _ApiError(self.deleted_user_error)
        channel_id = self._conversation_id(token, people)
        channel = self._channels.get(channel_id)
        if channel is None:
            kind = "im" if len(people) == 1 else "mpim"
            names = sorted(self._users[u]["name"] for u in [*people, token.bot_user_id])
            channel = _Channel(
                id=channel_id,
                team_id=token.team_id,
                kind=kind,
                members=[*people, token.bot_user_id],
                name=people[0] if kind == "im" else "mpdm-" + "--".join(names) + "-1",
                created=int(time.time()),
                is_private=True,
            )
            self._channels[channel_id] = channel
            self._messages[channel_id] = []
        return channel

    # -------------------------------------------------------------- payloads

    def _user_json(self, user: dict[str, Any], *, include_locale: bool = False) -> dict[str, Any]:
        try:
            zone = ZoneInfo(user["tz"])
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        now = datetime.now(zone)
        offset = now.utcoffset()
        abbreviation = now.tzname() or "UTC"
        profile: dict[str, Any] = {
            "real_name": user["real_name"],
            "real_name_normalized": user["real_name"],
            "display_name": user["name"],
            "display_name_normalized": user["name"],
            "status_text": "",
            "status_emoji": "",
            "avatar_hash": hashlib.md5(user["id"].encode()).hexdigest()[:12],
            "image_48": f"https://avatars.slack-edge.com/{user['id']}_48.png",
            "image_192": f"https://avatars.slack-edge.com/{user['id']}_192.png",
            "team": user["team_id"],
        }
        if user["email"]:
            profile["email"] = user["email"]
        out: dict[str, Any] = {
            "id": user["id"],
            "team_id": user["team_id"],
            "name": user["name"],
            "deleted": user["deleted"],
            "color": hashlib.md5(user["id"].encode()).hexdigest()[:6],
            "real_name": user["real_name"],
            "tz": user["tz"],
            "tz_label": _TZ_LABELS.get(abbreviation, abbreviation),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": profile,
            "is_admin": user["is_admin"],
            "is_owner": user["is_owner"],
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": user["is_bot"],
            "is_app_user": False,
            "updated": user["updated"],
        }
        if user["is_bot"]:
            bot = next((t for t in self._tokens.values() if t.bot_user_id == user["id"]), None)
            if bot is not None:
                profile["bot_id"] = bot.bot_id
                profile["api_app_id"] = self.app_id
        if include_locale:
            out["locale"] = user.get("locale") or "en-GB"
        return out

    def _bot_profile(self, token: _Token) -> dict[str, Any]:
        return {
            "id": token.bot_id,
            "app_id": self.app_id,
            "name": self._users.get(token.bot_user_id, {}).get("real_name", "Pairbot"),
            "deleted": False,
            "team_id": token.team_id,
            "updated": 1700000000,
            "icons": {"image_48": "https://a.slack-edge.com/80588/img/plugins/app/bot_48.png"},
        }

    def _message_args(self, params: dict[str, Any], *, require_content: bool = True) -> dict:
        text = params.get("text")
        blocks = params.get("blocks")
        if blocks not in (None, ""):
            blocks = _json_arg(blocks, "invalid_blocks_format")
            if not isinstance(blocks, list) or len(blocks) > MAX_MESSAGE_BLOCKS:
                raise _ApiError("invalid_blocks")
            if not all(isinstance(b, dict) and "type" in b for b in blocks):
                raise _ApiError("invalid_blocks")
        else:
            blocks = None
        if require_content and not text and not blocks and not params.get("attachments"):
            raise _ApiError("no_text")
        if text and len(str(text)) > MAX_TEXT_CHARS:
            raise _ApiError("msg_too_long")
        metadata = params.get("metadata")
        if metadata not in (None, ""):
            metadata = _json_arg(metadata, "invalid_metadata_format")
            if not isinstance(metadata, dict):
                raise _ApiError("invalid_metadata_format")
            if not isinstance(metadata.get("event_type"), str) or not isinstance(
                metadata.get("event_payload", {}), dict
            ):
                raise _ApiError("invalid_metadata_schema")
            metadata = {
                "event_type": metadata["event_type"],
                "event_payload": metadata.get("event_payload", {}),
            }
        else:
            metadata = None
        return {"text": "" if text is None else str(text), "blocks": blocks, "metadata": metadata}

    def _message_view(self, message: dict[str, Any], *, with_metadata: bool) -> dict[str, Any]:
        out = copy.deepcopy(message)
        if not with_metadata:
            out.pop("metadata", None)
        return out

    def _view_json(
        self, token: _Token, view: Any, *, view_id: str, previous: str | None, root: str
    ) -> dict[str, Any]:
        view = _json_arg(view, "invalid_arguments")
        if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
            raise _ApiError(
                "invalid_arguments",
                extra={"response_metadata": {"messages": ["[ERROR] invalid `view.type`"]}},
            )
        blocks = view.get("blocks", [])
        if not isinstance(blocks, list) or len(blocks) > MAX_VIEW_BLOCKS:
            raise _ApiError("invalid_arguments")
        if view["type"] == "modal" and not view.get("title"):
            raise _ApiError(
                "invalid_arguments",
                extra={
                    "response_metadata": {"messages": ["[ERROR] missing required field: title"]}
                },
            )
        self._counter += 1
        return {
            "id": view_id,
            "team_id": token.team_id,
            "type": view["type"],
            "blocks": copy.deepcopy(blocks),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{self._counter:08x}",
            "title": view.get("title"),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": previous,
            "root_view_id": root,
            "app_id": self.app_id,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": token.team_id,
            "bot_id": token.bot_id,
        }

    def _use_trigger(self, params: dict[str, Any]) -> None:
        trigger = params.get("trigger_id") or params.get("interactivity_pointer")
        if not trigger:
            raise _ApiError("invalid_arguments")
        issued = self._triggers.get(str(trigger))
        if issued is None:
            return
        at, used = issued
        if used:
            raise _ApiError("exchanged_trigger_id")
        if time.monotonic() - at > TRIGGER_ID_LIFETIME_SECONDS:
            raise _ApiError("expired_trigger_id")
        self._triggers[str(trigger)] = (at, True)

    def _check_external_id(self, view: dict[str, Any], view_id: str) -> None:
        external = view["external_id"]
        if external and any(
            v["external_id"] == external and v["id"] != view_id for v in self._views.values()
        ):
            raise _ApiError("duplicate_external_id")

    @staticmethod
    def _basic_auth(headers: dict[str, str]) -> tuple[str | None, str | None]:
        auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
        if not auth.lower().startswith("basic "):
            return None, None
        try:
            decoded = base64.b64decode(auth[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        client_id, _, secret = decoded.partition(":")
        return client_id, secret

    # --------------------------------------------------------------- methods

    def _method_table(self) -> dict[str, Callable[[_Ctx], dict[str, Any]]]:
        return {
            "apps.uninstall": self._apps_uninstall,
            "auth.test": self._auth_test,
            "chat.delete": self._chat_delete,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "conversations.history": self._conversations_history,
            "conversations.members": self._conversations_members,
            "conversations.open": self._conversations_open,
            "files.completeUploadExternal": self._files_complete_upload_external,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "oauth.v2.access": self._oauth_v2_access,
            "openid.connect.token": self._openid_token,
            "openid.connect.userInfo": self._openid_user_info,
            "reactions.get": self._reactions_get,
            "team.info": self._team_info,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "users.lookupByEmail": self._users_lookup_by_email,
            "views.open": self._views_open,
            "views.publish": self._views_publish,
            "views.push": self._views_push,
            "views.update": self._views_update,
        }

    def _auth_test(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        team = self._teams[token.team_id]
        return {
            "url": f"https://{team['domain']}.slack.com/",
            "team": team["name"],
            "user": self._users.get(token.bot_user_id, {}).get("name", "pairbot"),
            "team_id": token.team_id,
            "user_id": token.bot_user_id,
            "bot_id": token.bot_id,
            "app_id": self.app_id,
            "enterprise_id": team["enterprise_id"],
            "is_enterprise_install": False,
        }

    def _users_info(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        user = self._user(ctx.token, str(ctx.params.get("user", "")))
        return {
            "user": self._user_json(user, include_locale=_truthy(ctx.params.get("include_locale")))
        }

    def _users_lookup_by_email(self, ctx: _Ctx) -> dict[str, Any]:
        # Slack: {"ok": true, "user": {...}} (a deactivated account comes back with
        # "deleted": true), or {"ok": false, "error": "users_not_found"}.
        assert ctx.token is not None
        email = str(ctx.params.get("email") or "").strip().lower()
        if not email:
            raise _ApiError("invalid_email")
        user = next((u for u in self._users.values() if u["team_id"] == ctx.token.team_id
                     and (u["email"] or "").lower() == email), None)
        if user is None:
            raise _ApiError("users_not_found")
        return {"user": self._user_json(user)}

    def _users_list(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        team_id = ctx.token.team_id
        users = sorted(
            (u for u in self._users.values() if u["team_id"] == team_id), key=lambda u: u["id"]
        )
        limit = _int_arg(ctx.params.get("limit"), 0, low=0, high=1000) or len(users) or 1
        start = 0
        cursor = ctx.params.get("cursor")
        if cursor:
            try:
                after = base64.b64decode(str(cursor)).decode().removeprefix("user:")
            except (binascii.Error, UnicodeDecodeError) as exc:
                raise _ApiError("invalid_cursor") from exc
            start = next((i for i, u in enumerate(users) if u["id"] == after), len(users))
        page = users[start : start + limit]
        rest = users[start + limit :]
        next_cursor = base64.b64encode(f"user:{rest[0]['id']}".encode()).decode() if rest else ""
        locale = _truthy(ctx.params.get("include_locale"))
        return {
            "members": [self._user_json(u, include_locale=locale) for u in page],
            "cache_ts": int(time.time()),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _team_info(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        team = self._teams.get(str(ctx.params.get("team") or ctx.token.team_id))
        if team is None:
            raise _ApiError("team_not_found")
        return {
            "team": {
                "id": team["id"],
                "name": team["name"],
                "url": f"https://{team['domain']}.slack.com/",
                "domain": team["domain"],
                "email_domain": "",
                "icon": {
                    "image_default": True,
                    "image_34": "https://a.slack-edge.com/default_34.png",
                },
                "avatar_base_url": "https://ca.slack-edge.com/",
                "is_verified": False,
                "enterprise_id": team["enterprise_id"],
            }
        }

    def _conversations_open(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        if ctx.params.get("channel"):
            channel = self._channels.get(str(ctx.params["channel"]))
            if channel is None or channel.kind == "channel" or channel.team_id != token.team_id:
                raise _ApiError("channel_not_found")
            return {"no_op": True, "already_open": True, "channel": {"id": channel.id}}
        users = ctx.params.get("users")
        if isinstance(users, list):
            users = ",".join(users)
        ids = [u.strip() for u in str(users or "").split(",") if u.strip()]
        if not ids:
            raise _ApiError("users_list_not_supplied")
        existed = self._conversation_id(token, ids) in self._channels
        channel = self._open(token, ids)
        body: dict[str, Any] = {"id": channel.id}
        if channel.kind == "mpim":
            body.update(
                name=channel.name,
                is_mpim=True,
                is_group=False,
                is_private=True,
                created=channel.created,
                is_archived=False,
            )
        elif _truthy(ctx.params.get("return_im")):
            body.update(
                created=channel.created,
                is_im=True,
                is_org_shared=False,
                user=channel.members[0],
                is_user_deleted=False,
                priority=0,
            )
        result: dict[str, Any] = {"channel": body}
        if existed:
            result = {"no_op": True, "already_open": True, **result}
        return result

    def _conversations_members(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        channel = self._readable_channel(ctx.token, ctx.params.get("channel"))
        limit = _int_arg(ctx.params.get("limit"), 100, low=1, high=1000)
        cursor = ctx.params.get("cursor")
        start = self._decode_offset(cursor) if cursor else 0
        page = channel.members[start : start + limit]
        more = start + limit < len(channel.members)
        next_cursor = base64.b64encode(f"offset:{start + limit}".encode()).decode() if more else ""
        return {"members": page, "response_metadata": {"next_cursor": next_cursor}}

    @staticmethod
    def _decode_offset(cursor: Any) -> int:
        try:
            return int(base64.b64decode(str(cursor)).decode().removeprefix("offset:"))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise _ApiError("invalid_cursor") from exc

    def _files_get_upload_url_external(self, ctx: _Ctx) -> dict[str, Any]:
        filename = str(ctx.params.get("filename") or "")
        length = _int_arg(ctx.params.get("length"), -1, low=-1, high=1_000_000_000)
        if not filename or length < 0:
            raise _ApiError("invalid_arguments")
        file_id = self._next_id("F")
        self._files[file_id] = {"id": file_id, "name": filename, "length": length,
                                "content": None, "channel": None, "title": filename}
        upload_url = self.url.removesuffix("api/") + f"upload/v1/{file_id}"
        return {"file_id": file_id, "upload_url": upload_url}

    def _files_complete_upload_external(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        files = _json_arg(ctx.params.get("files"), "invalid_arguments")
        if not isinstance(files, list) or not files:
            raise _ApiError("invalid_arguments")
        entries = []
        for item in files:
            entry = self._files.get(str((item or {}).get("id")))
            if entry is None or entry["content"] is None:
                raise _ApiError("file_not_found")
            entry["title"] = item.get("title") or entry["name"]
            entries.append(entry)
        channel_id = ctx.params.get("channel_id")
        if channel_id:
            channel = self._readable_channel(token, channel_id)
            for entry in entries:
                entry["channel"] = channel.id
            self._messages[channel.id].append({
                "user": token.bot_user_id, "type": "message", "ts": self._next_ts(),
                "bot_id": token.bot_id, "text": str(ctx.params.get("initial_comment") or ""),
                "files": [{"id": e["id"], "name": e["name"], "title": e["title"]}
                          for e in entries], "team": token.team_id})
        return {"files": [{"id": e["id"], "name": e["name"], "title": e["title"],
                           "size": len(e["content"])} for e in entries]}

    def _chat_post_message(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        channel = self._readable_channel(token, ctx.params.get("channel"))
        args = self._message_args(ctx.params)
        message: dict[str, Any] = {
            "user": token.bot_user_id,
            "type": "message",
            "ts": self._next_ts(),
            "bot_id": token.bot_id,
            "app_id": self.app_id,
            "text": args["text"],
            "team": token.team_id,
            "bot_profile": self._bot_profile(token),
        }
        if args["blocks"] is not None:
            message["blocks"] = copy.deepcopy(args["blocks"])
        if args["metadata"] is not None:
            message["metadata"] = args["metadata"]
        thread_ts = ctx.params.get("thread_ts")
        if thread_ts:
            parent = self._find_message(channel.id, str(thread_ts))
            if parent is None:
                raise _ApiError("thread_not_found")
            message["thread_ts"] = str(thread_ts)
            parent.setdefault("thread_ts", parent["ts"])
            parent["reply_count"] = parent.get("reply_count", 0) + 1
            parent["latest_reply"] = message["ts"]
            if _truthy(ctx.params.get("reply_broadcast")):
                message["subtype"] = "thread_broadcast"
        self._messages[channel.id].append(message)
        return {"channel": channel.id, "ts": message["ts"], "message": copy.deepcopy(message)}

    def _chat_update(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        channel = self._readable_channel(token, ctx.params.get("channel"))
        ts = str(ctx.params.get("ts", ""))
        message = self._find_message(channel.id, ts)
        if message is None:
            raise _ApiError("message_not_found")
        if message.get("bot_id") != token.bot_id:
            raise _ApiError("cant_update_message")
        args = self._message_args(ctx.params, require_content=False)
        if "text" in ctx.params:
            message["text"] = args["text"]
        if "blocks" in ctx.params:
            if args["blocks"]:
                message["blocks"] = copy.deepcopy(args["blocks"])
            else:
                message.pop("blocks", None)
        if args["metadata"] is not None:
            message["metadata"] = args["metadata"]
        message["edited"] = {"user": token.bot_user_id, "ts": self._next_ts()}
        return {
            "channel": channel.id,
            "ts": ts,
            "text": message["text"],
            "message": self._message_view(message, with_metadata=True),
        }

    def _chat_delete(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        channel = self._readable_channel(token, ctx.params.get("channel"))
        ts = str(ctx.params.get("ts", ""))
        message = self._find_message(channel.id, ts)
        if message is None:
            raise _ApiError("message_not_found")
        if message.get("bot_id") != token.bot_id:
            raise _ApiError("cant_delete_message")
        self._messages[channel.id].remove(message)
        return {"channel": channel.id, "ts": ts}

    def _chat_post_ephemeral(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        channel = self._readable_channel(token, ctx.params.get("channel"))
        user_id = str(ctx.params.get("user", ""))
        self._user(token, user_id)
        if user_id not in channel.members:
            raise _ApiError("user_not_in_channel")
        args = self._message_args(ctx.params)
        ts = self._next_ts()
        self._ephemeral.append(
            {"channel": channel.id, "user": user_id, "ts": ts, **copy.deepcopy(args)}
        )
        return {"message_ts": ts}

    def _conversations_history(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        channel = self._readable_channel(ctx.token, ctx.params.get("channel"))
        limit = _int_arg(ctx.params.get("limit"), 100, low=1, high=999)
        oldest = _ts_to_us(ctx.params.get("oldest") or "0", "invalid_ts_oldest")
        latest_arg = ctx.params.get("latest")
        latest = _ts_to_us(latest_arg, "invalid_ts_latest") if latest_arg else None
        inclusive = _truthy(ctx.params.get("inclusive"))
        with_metadata = _truthy(ctx.params.get("include_all_metadata"))
        cursor = ctx.params.get("cursor")
        before = None
        if cursor:
            try:
                before = int(base64.b64decode(str(cursor)).decode().removeprefix("next_ts:"))
            except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
                raise _ApiError("invalid_cursor") from exc

        def wanted(message: dict[str, Any]) -> bool:
            if (
                message.get("thread_ts") not in (None, message["ts"])
                and message.get("subtype") != "thread_broadcast"
            ):
                return False
            us = _ts_to_us(message["ts"])
            if before is not None and us > before:
                return False
            if us < oldest or (us == oldest and not inclusive):
                return False
            return latest is None or us < latest or (us == latest and inclusive)

        matching = [m for m in reversed(self._messages[channel.id]) if wanted(m)]
        page, rest = matching[:limit], matching[limit:]
        next_cursor = (
            base64.b64encode(f"next_ts:{_ts_to_us(rest[0]['ts'])}".encode()).decode()
            if rest
            else ""
        )
        return {
            "messages": [self._message_view(m, with_metadata=with_metadata) for m in page],
            "has_more": bool(rest),
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _reactions_get(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        if not ctx.params.get("timestamp") and not ctx.params.get("file"):
            raise _ApiError("no_item_specified")
        channel = self._readable_channel(ctx.token, ctx.params.get("channel"))
        message = self._find_message(channel.id, str(ctx.params.get("timestamp")))
        if message is None:
            raise _ApiError("message_not_found")
        return {
            "type": "message",
            "channel": channel.id,
            "message": self._message_view(message, with_metadata=False),
        }

    def _views_open(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        view_id = self._next_id("V")
        view = self._view_json(
            ctx.token, ctx.params.get("view"), view_id=view_id, previous=None, root=view_id
        )
        self._use_trigger(ctx.params)
        self._check_external_id(view, view_id)
        self._views[view_id] = view
        return {"view": copy.deepcopy(view)}

    def _views_push(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        view_id = self._next_id("V")
        view = self._view_json(
            ctx.token, ctx.params.get("view"), view_id=view_id, previous=None, root=view_id
        )
        self._use_trigger(ctx.params)
        self._check_external_id(view, view_id)
        self._views[view_id] = view
        return {"view": copy.deepcopy(view)}

    def _views_update(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        view_id = ctx.params.get("view_id")
        external_id = ctx.params.get("external_id")
        if view_id:
            current = self._views.get(str(view_id))
        elif external_id:
            current = next(
                (v for v in self._views.values() if v["external_id"] == external_id), None
            )
        else:
            raise _ApiError("invalid_arguments")
        if current is None:
            raise _ApiError("not_found")
        if ctx.params.get("hash") and ctx.params["hash"] != current["hash"]:
            raise _ApiError("hash_conflict")
        view = self._view_json(
            ctx.token,
            ctx.params.get("view"),
            view_id=current["id"],
            previous=current["previous_view_id"],
            root=current["root_view_id"],
        )
        self._check_external_id(view, current["id"])
        self._views[current["id"]] = view
        if view["type"] == "home":
            for user_id, home in self._home.items():
                if home["id"] == current["id"]:
                    self._home[user_id] = view
        return {"view": copy.deepcopy(view)}

    def _views_publish(self, ctx: _Ctx) -> dict[str, Any]:
        assert ctx.token is not None
        user_id = str(ctx.params.get("user_id", ""))
        self._user(ctx.token, user_id)
        current = self._home.get(user_id)
        if ctx.params.get("hash") and (current is None or ctx.params["hash"] != current["hash"]):
            raise _ApiError("hash_conflict")
        view_id = current["id"] if current else self._next_id("V")
        view = self._view_json(
            ctx.token, ctx.params.get("view"), view_id=view_id, previous=None, root=view_id
        )
        if view["type"] != "home":
            raise _ApiError("invalid_arguments")
        self._views[view_id] = view
        self._home[user_id] = view
        return {"view": copy.deepcopy(view)}

    def _oauth_v2_access(self, ctx: _Ctx) -> dict[str, Any]:
        client_id, secret = self._basic_auth(ctx.headers)
        client_id = client_id or ctx.params.get("client_id")
        secret = secret or ctx.params.get("client_secret")
        if not client_id:
            raise _ApiError("invalid_client_id")
        if self.client_id is not None and client_id != self.client_id:
            raise _ApiError("invalid_client_id")
        if self.client_secret is not None and secret != self.client_secret:
            raise _ApiError("bad_client_secret")
        code = self._oauth_codes.get(str(ctx.params.get("code", "")))
        if code is None or code["used"]:
            raise _ApiError("invalid_code")
        if code["redirect_uri"] and ctx.params.get("redirect_uri") != code["redirect_uri"]:
            raise _ApiError("bad_redirect_uri")
        code["used"] = True
        if code["team_id"] not in self._teams or code["team_name"]:
            self.add_team(
                code["team_id"], name=code["team_name"], enterprise_id=code["enterprise_id"]
            )
        self.add_token(
            code["bot_token"],
            team_id=code["team_id"],
            bot_user_id=code["bot_user_id"],
            scope=code["scope"],
        )
        team = self._teams[code["team_id"]]
        authed_user: dict[str, Any] = {"id": code["installer_user_id"]}
        if code["user_token"]:
            authed_user.update(
                scope=code["user_scope"], access_token=code["user_token"], token_type="user"
            )
        return {
            "app_id": self.app_id,
            "authed_user": authed_user,
            "scope": code["scope"],
            "token_type": "bot",
            "access_token": code["bot_token"],
            "bot_user_id": code["bot_user_id"],
            "team": {"id": team["id"], "name": team["name"]},
            "enterprise": (
                {"id": code["enterprise_id"], "name": f"Enterprise {code['enterprise_id']}"}
                if code["enterprise_id"]
                else None
            ),
            "is_enterprise_install": False,
        }

    # Client credentials, or the user token of Sign in with Slack, instead of a bot token.
    _UNAUTHENTICATED = ("oauth.v2.access", "openid.connect.token", "openid.connect.userInfo")

    def _oidc_authorize(self, request: _Handler, params: dict[str, Any]) -> None:
        redirect = str(params.get("redirect_uri", ""))
        with self._lock:
            self._record(Call("openid.connect.authorize", dict(params), {}, time.monotonic(),
                              302, {}))
            if not redirect or (self.client_id and params.get("client_id") != self.client_id):
                self._send(request, 400, {"ok": False, "error": "invalid_client_id"}, {})
                return
            user = self._users.get(self._oidc_user or "")
            if user is None:
                answer = {"error": "access_denied", "state": params.get("state", "")}
            else:
                code = f"oidc-{self._next_id('C')}"
                self._oidc_codes[code] = {"user": user["id"], "team": user["team_id"],
                                          "redirect_uri": redirect,
                                          "nonce": params.get("nonce")}
                answer = {"code": code, "state": params.get("state", "")}
        location = f"{redirect}{'&' if '?' in redirect else '?'}{urlencode(answer)}"
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _openid_token(self, ctx: _Ctx) -> dict[str, Any]:
        client_id, secret = self._basic_auth(ctx.headers)
        client_id = client_id or ctx.params.get("client_id")
        secret = secret or ctx.params.get("client_secret")
        if not client_id or (self.client_id is not None and client_id != self.client_id):
            raise _ApiError("invalid_client_id")
        if self.client_secret is not None and secret != self.client_secret:
            raise _ApiError("bad_client_secret")
        grant = self._oidc_codes.pop(str(ctx.params.get("code", "")), None)
        if grant is None:
            raise _ApiError("invalid_code")
        if ctx.params.get("redirect_uri") != grant["redirect_uri"]:
            raise _ApiError("bad_redirect_uri")
        token = f"xoxp-oidc-{self._next_id('T')}"
        self._oidc_tokens[token] = grant["user"]
        user = self._users[grant["user"]]
        now = int(time.time())
        claims = {"iss": "https://slack.com", "sub": user["id"], "aud": client_id,
                  "exp": now + 3600, "iat": now, "https://slack.com/user_id": user["id"],
                  "https://slack.com/team_id": user["team_id"], "name": user["real_name"]}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        return {"access_token": token, "token_type": "Bearer",
                "id_token": _hs256(claims, str(secret or "fake"))}

    def _openid_user_info(self, ctx: _Ctx) -> dict[str, Any]:
        auth = next((v for k, v in ctx.headers.items() if k.lower() == "authorization"), "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ctx.params.get(
            "token", "")
        user_id = self._oidc_tokens.get(str(token))
        if user_id is None:
            raise _ApiError("invalid_auth")
        user = self._users[user_id]
        team = self._teams[user["team_id"]]
        return {"sub": user_id, "https://slack.com/user_id": user_id,
                "https://slack.com/team_id": team["id"], "https://slack.com/team_name":
                team["name"], "email": user["email"] or f"{user['name']}@example.org",
                "email_verified": True, "name": user["real_name"], "locale": "en-GB"}

    def _apps_uninstall(self, ctx: _Ctx) -> dict[str, Any]:
        token = ctx.token
        assert token is not None
        if not ctx.params.get("client_id"):
            raise _ApiError("invalid_client_id")
        if self.client_id is not None and ctx.params["client_id"] != self.client_id:
            raise _ApiError("invalid_client_id")
        if self.client_secret is not None and ctx.params.get("client_secret") != self.client_secret:
            raise _ApiError("bad_client_secret")
        for other in self._tokens.values():
            if other.team_id == token.team_id:
                other.revoked = True
        return {}
