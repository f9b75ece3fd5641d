"""The Slack side of `bot.services.gateway.Gateway`: send, find after a crash, update.

An intro goes to one group DM (`conversations.open` with every member), a
message to one person straight to their DM with the bot, a check-in to the
conversation the intro opened. Every message carries its outbox key as
message metadata, so that `find_sent` can look for it in the conversation's
history when a sender died between Slack's answer and the database.

Slack's rate limits are per app and workspace: `conversations.open` is
Tier 3 (50 a minute) and `chat.postMessage` allows about one message a
second per conversation. The gateway paces itself below them (the rates
are constructor parameters, so a benchmark on a time-compressed fake can
scale them) and obeys `Retry-After` when Slack still says `ratelimited`.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.error import URLError
from urllib.parse import urlencode

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.core.intents import BY_EMAIL, Intent, Invitation
from bot.observability.metrics import instrument_slack_client
from bot.services.gateway import Outgoing, PermanentFailure, SentRef, TransientFailure
from bot.slack.blocks import Message, build_message

logger = logging.getLogger(__name__)

EVENT_TYPE = "pairbot_message"
# The person can never be reached: deactivate them (delivery tells their group).
USER_ERRORS = frozenset({"user_not_found", "account_inactive", "cannot_dm_bot", "user_disabled"})
# Retrying cannot help: the workspace is gone or the message itself is wrong.
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
    "token_revoked", "token_expired", "team_access_revoked", "missing_scope",
    "no_permission", "restricted_action", "too_many_users", "msg_too_long", "no_text",
    "invalid_blocks", "invalid_blocks_format", "invalid_metadata_format",
    "invalid_metadata_schema", "invalid_arguments", "not_installed", "users_list_not_supplied",
    "ekm_access_denied", "org_login_required", "team_not_found",
})


@dataclass(frozen=True)
class Rate:
    """At most `calls` calls in any `per` seconds."""

    calls: int
    per: float


@dataclass(frozen=True)
class Pacing:
    """The gateway's rates, below Slack's: conversations.open per workspace (Tier 3, 50 a
    minute), chat.postMessage per conversation (about one a second), and other Tier 3 calls
    per workspace and method."""

    # Slack's own numbers with 2% to spare: the pacer spaces calls from when they end,
    # so the margin only has to absorb clock and network jitter.
    open: Rate = Rate(50, 61.2)
    post: Rate = Rate(1, 1.02)
    call: Rate = Rate(50, 61.2)

    def compressed(self, factor: float) -> Pacing:
        """The same rates on a fake Slack whose time runs `factor` times faster."""
        return Pacing(*(Rate(r.calls, r.per / factor) for r in (self.open, self.post,
                                                                 self.call)))


class Pacer:
    """Keeps calls that share a key under a rate, across threads: callers wait their turn.

    A call's slot starts when it may begin and, once it is over, moves to when it finished:
    Slack counts a call when it arrives, which is after it began, so spacing the next call
    from the end of this one keeps the rate whatever the latency.
    """

    def __init__(self, rate: Rate, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 sign: Callable[[int, str], str] | None = None) -> None:
        if rate.calls < 1 or rate.per < 0:
            raise ValueError("a rate needs at least one call per non-negative period")
        self.rate = rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[Hashable, list[float]] = {}

    def reserve(self, key: Hashable) -> float:
        """Book the next free slot for `key`; returns when it starts (on the pacer's clock)."""
        calls, per = self.rate.calls, self.rate.per
        with self._lock:
            now = self._clock()
            slots = self._slots.setdefault(key, [])
            del slots[: bisect.bisect_right(slots, now - per)]
            slot = now if len(slots) < calls else max(now, slots[-calls] + per)
            bisect.insort(slots, slot)
            if len(self._slots) > 10_000:
                # Forget idle keys (one per conversation ever written to).
                self._slots = {k: v for k, v in self._slots.items() if v and v[-1] > now - per}
                self._slots.setdefault(key, slots)
        return slot

    def finish(self, key: Hashable, slot: float) -> None:
        """The call booked at `slot` is over: count it from now."""
        with self._lock:
            slots = self._slots.get(key)
            if slots is None or slot not in slots:
                return
            slots.remove(slot)
            bisect.insort(slots, max(slot, self._clock()))

    @contextmanager
    def pace(self, key: Hashable) -> Iterator[float]:
        """Wait for a slot, run the call, and count it from when it finished."""
        slot = self.reserve(key)
        delay = slot - self._clock()
        if delay > 0:
            self._sleep(delay)
        try:
            yield max(delay, 0.0)
        finally:
            self.finish(key, slot)


class BotTokens(Protocol):
    """Where the gateway finds a workspace's bot token."""

    def __call__(self, team_id: str) -> str | None: ...


def single_token(token: str) -> BotTokens:
    """One workspace: always SLACK_BOT_TOKEN."""
    def find(team_id: str) -> str | None:
        return token
    return find


def installation_tokens(store: Any) -> BotTokens:
    """Many workspaces: the bot token the OAuth install stored for the team."""
    def find(team_id: str) -> str | None:
        bot = store.find_bot(enterprise_id=None, team_id=team_id)
        return bot.bot_token if bot is not None else None
    return find


def make_client(api_url: str, token: str | None = None, *, timeout: int = 30) -> WebClient:
    """A WebClient on SLACK_API_URL that retries once on a dropped connection and obeys
    `Retry-After` once when rate limited."""
    return instrument_slack_client(WebClient(
        token=token, base_url=api_url, timeout=timeout, retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=1),
        ]))


def _header(response: Any, name: str) -> str | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == name.lower():
            return str(value[0] if isinstance(value, list) else value)
    return None


class SlackGateway:
    """Delivers intents to Slack for the outbox sender and the check-in updates."""

    platform = "slack"
    group_conversations = True

    def __init__(self, *, api_url: str, tokens: BotTokens, timeout: int = 30,
                 open_rate: Rate = Pacing.open, post_rate: Rate = Pacing.post,
                 call_rate: Rate = Pacing.call, history_pages: int = 2,
                 sleep: Callable[[float], None] = time.sleep,
                 sign: Callable[[int, str], str] | None = None) -> None:
        """`open_rate` paces conversations.open per workspace, `post_rate` chat.postMessage
        per conversation, `call_rate` other Tier 3 calls (chat.update, conversations.history,
        users.info) per workspace and method. Divide each `per` by a fake's compression
        (`Pacing.compressed`). `sign` signs an invitation's buttons for the user it
        reaches (bot/services/enrolment.py, `button_value`)."""
        self.api_url = api_url
        self._sign = sign
        self._bot_users: dict[str, str] = {}
        self._tokens = tokens
        self._timeout = timeout
        self._opens = Pacer(open_rate, sleep=sleep)
        self._posts = Pacer(post_rate, sleep=sleep)
        self._calls = Pacer(call_rate, sleep=sleep)
        self._history_pages = history_pages
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ Gateway

    def send(self, message: Outgoing) -> SentRef:
        """Post the message (opening the group DM first); raise Permanent/TransientFailure."""
        team = message.workspace
        client = self.client(team)
        users = self._by_email(client, team, tuple(message.users))
        intent = message.intent
        if isinstance(intent, Invitation) and self._sign is not None and len(users) == 1:
            intent = replace(intent, button=self._sign(intent.invitation_id, users[0]))
        rendered = build_message(intent)
        if message.conversation:
            channel = message.conversation
        elif len(users) == 1:
            channel = users[0]  # Slack posts to the bot's DM with that person
        else:
            channel = self._open(client, team, users)
        try:
            return self._post(client, team, channel, rendered, message.key)
        except SlackApiError as exc:
            failure = self._failure(exc, client, team, users, channel)
            if isinstance(failure, TransientFailure) and failure.code.startswith("http_"):
                found = self._find_quietly(message)
                if found is not None:
                    return found
            raise failure from None
        except (TimeoutError, URLError, OSError) as exc:
            # The post may have reached Slack before the connection failed: look first.
            found = self._find_quietly(message)
            if found is not None:
                return found
            raise TransientFailure(_network_code(exc)) from None

    def find_sent(self, message: Outgoing) -> SentRef | None:
        """The message posted under `message.key`, from the conversation's recent history."""
        team = message.workspace
        client = self.client(team)
        users = self._by_email(client, team, tuple(message.users))
        channel = message.conversation or self._open(client, team, users)
        cursor = None
        for _ in range(self._history_pages):
            try:
                with self._calls.pace((team, "conversations.history")):
                    page = client.conversations_history(
                        channel=channel, include_all_metadata=True, limit=100, cursor=cursor)
            except SlackApiError as exc:
                raise self._failure(exc, client, team, users, channel) from None
            except (TimeoutError, URLError, OSError) as exc:
                raise TransientFailure(_network_code(exc)) from None
            for item in page.get("messages") or []:
                metadata = item.get("metadata") or {}
                if (metadata.get("event_type") == EVENT_TYPE
                        and (metadata.get("event_payload") or {}).get("key") == message.key):
                    return SentRef(page.get("channel") or channel, str(item["ts"]))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                break
        return None

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        """Replace a sent message (a check-in showing who answered); failures are logged."""
        rendered = build_message(intent)
        try:
            client = self.client(workspace)
            with self._calls.pace((workspace, "chat.update")):
                client.chat_update(channel=ref.conversation, ts=ref.message_id,
                                   text=rendered.text, blocks=rendered.block_dicts())
        except (SlackApiError, PermanentFailure, TimeoutError, URLError, OSError) as exc:
            # The answer is stored; only the message shows it late. Not worth failing for.
            logger.warning("slack: could not update %s/%s in %s: %s", ref.conversation,
                           ref.message_id, workspace, exc)

    def is_workspace_admin(self, team: str, user: str) -> bool:
        """users.info through the workspace's bot token: is this user an admin or owner?
        (The console's sign-in asks; not knowing counts as no.)"""
        try:
            info = self.client(team).users_info(user=user)
        except Exception:  # not installed there (PermanentFailure), or Slack unreachable
            logger.warning("console: could not check whether %s is an admin of %s", user, team)
            return False
        member = info.get("user") or {}
        return bool(member.get("is_admin") or member.get("is_owner"))

    def join_link(self, team: str) -> str | None:
        """A link an organiser can send to someone the bot could not write to: it opens
        the bot's direct messages in this workspace (Slack's app_redirect)."""
        bot_user = self._bot_users.get(team)
        if bot_user is None:
            try:
                with self._calls.pace((team, "auth.test")):
                    bot_user = str(self.client(team).auth_test()["user_id"])
            except (PermanentFailure, SlackApiError, TimeoutError, URLError, OSError):
                logger.warning("slack: no join link for %s (auth.test failed)", team)
                return None
            self._bot_users[team] = bot_user
        return f"https://slack.com/app_redirect?{urlencode({'team': team, 'channel': bot_user})}"

    # ------------------------------------------------------------ helpers

    def client(self, team_id: str) -> WebClient:
        """The workspace's WebClient; PermanentFailure('not_installed') without a token."""
        token = self._tokens(team_id)
        if not token:
            raise PermanentFailure("not_installed")
        with self._lock:
            client = self._clients.get(token)
            if client is None:
                client = make_client(self.api_url, token, timeout=self._timeout)
                self._clients[token] = client
            return client

    def _by_email(self, client: WebClient, team: str,
                  users: tuple[str, ...]) -> tuple[str, ...]:
        """Recipients known only by e-mail (invitations) as Slack user ids, found with
        users.lookupByEmail; PermanentFailure names why someone cannot be reached."""
        if not any(u.startswith(BY_EMAIL) for u in users):
            return users
        out = []
        for user in users:
            if not user.startswith(BY_EMAIL):
                out.append(user)
                continue
            try:
                with self._calls.pace((team, "users.lookupByEmail")):
                    found = client.users_lookupByEmail(
                        email=user.removeprefix(BY_EMAIL))["user"]
            except SlackApiError as exc:
                if exc.response.get("error") == "users_not_found":
                    raise PermanentFailure("users_not_found") from None
                raise self._failure(exc, client, team, (), None) from None
            except (TimeoutError, URLError, OSError) as exc:
                raise TransientFailure(_network_code(exc)) from None
            if found.get("deleted"):
                raise PermanentFailure("user_deactivated")
            if found.get("is_bot"):
                raise PermanentFailure("is_bot")
            out.append(str(found["id"]))
        return tuple(out)

    def _open(self, client: WebClient, team: str, users: Sequence[str]) -> str:
        try:
            with self._opens.pace(team):
                opened = client.conversations_open(users=",".join(users))
        except SlackApiError as exc:
            raise self._failure(exc, client, team, users, None) from None
        except (TimeoutError, URLError, OSError) as exc:
            raise TransientFailure(_network_code(exc)) from None
        return str(opened["channel"]["id"])

    def _post(self, client: WebClient, team: str, channel: str, rendered: Message,
              key: str) -> SentRef:
        with self._posts.pace((team, channel)):
            posted = client.chat_postMessage(
                channel=channel, text=rendered.text, blocks=rendered.block_dicts(),
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
                unfurl_links=False, unfurl_media=False)
        return SentRef(str(posted["channel"]), str(posted["ts"]))

    def _find_quietly(self, message: Outgoing) -> SentRef | None:
        try:
            return self.find_sent(message)
        except (PermanentFailure, TransientFailure):
            return None

    def _failure(self, exc: SlackApiError, client: WebClient, team: str,
                 users: Sequence[str], channel: str | None) -> Exception:
        response = exc.response
        status = getattr(response, "status_code", 200)
        error = str(response.get("error") or "unknown_error")
        if status == 429 or error == "ratelimited":
            retry_after = _header(response, "Retry-After")
            try:
                seconds = float(retry_after) if retry_after else None
            except ValueError:
                seconds = None
            return TransientFailure("ratelimited", retry_after=seconds)
        if status >= 500:
            return TransientFailure(f"http_{status}")
        if error in USER_ERRORS:
            return PermanentFailure(error, self._unreachable(client, team, users))
        if error == "channel_not_found" and channel is not None and channel in users:
            # Posting to a person's id: Slack says the DM does not exist, i.e. no such person.
            return PermanentFailure("user_not_found", channel)
        if error in PERMANENT_ERRORS:
            logger.error("slack: %s in %s (permanent)", error, team)
            return PermanentFailure(error)
        return TransientFailure(error)

    def _unreachable(self, client: WebClient, team: str, users: Sequence[str]) -> str | None:
        """Which of the people cannot be written to (Slack names the error, not the person)."""
        if len(users) == 1:
            return users[0]
        for user in users:
            try:
                with self._calls.pace((team, "users.info")):
                    info = client.users_info(user=user)["user"]
            except SlackApiError as exc:
                if exc.response.get("error") in ("user_not_found", "account_inactive"):
                    return user
                continue
            except (TimeoutError, URLError, OSError):
                continue
            if info.get("deleted") or info.get("is_bot"):
                return user
        return None


def _network_code(exc: BaseException) -> str:
    return "timeout" if isinstance(exc, TimeoutError) or "timed out" in str(exc) else (
        "connection_error")
