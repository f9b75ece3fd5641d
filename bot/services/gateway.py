"""What services need from a chat platform, and how a platform reports failure.

A gateway sends an intent to people or to a conversation and returns a
reference to what it sent. bot/slack and bot/teams implement it; tests use
the recording fake in tests/, and `pairbot demo` a transcript gateway (bot/demo/transcript.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.intents import Intent


@dataclass(frozen=True)
class Outgoing:
    """One outbox row as a gateway sees it."""

    key: str
    workspace: str
    intent: Intent
    users: tuple[str, ...] = ()
    conversation: str | None = None


@dataclass(frozen=True)
class SentRef:
    """Where a message landed: the conversation and the platform's message id."""

    conversation: str
    message_id: str


class PermanentFailure(Exception):
    """The platform will never take this message (e.g. the user is gone)."""

    def __init__(self, code: str, user_id: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.user_id = user_id


class TransientFailure(Exception):
    """Try again later; `retry_after` seconds when the platform said so."""

    def __init__(self, code: str, retry_after: float | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


class Gateway(Protocol):
    """A chat platform, as services use it."""

    platform: str
    # Slack opens one group DM per match; Teams writes to each member 1:1.
    group_conversations: bool

    def send(self, message: Outgoing) -> SentRef:
        """Deliver the message; raise PermanentFailure or TransientFailure."""
        ...

    def find_sent(self, message: Outgoing) -> SentRef | None:
        """Look on the platform for a message sent under `message.key` before a crash."""
        ...

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        """Replace a sent message in place (e.g. a check-in showing who answered)."""
        ...
