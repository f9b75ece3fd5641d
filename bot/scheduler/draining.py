"""Sends that have not begun when the process is asked to stop are handed back.

The outbox sender claims a batch, then sends its rows a few at a time. On
SIGTERM the sends already under way finish; the rest are refused here with a
`TransientFailure` (retry in two seconds), which the sender turns back into
'pending' rows that another replica, or this one after its restart, sends. The
refusal counts as one of the row's attempts.
"""

from __future__ import annotations

import threading
from typing import Any

from bot.core.intents import Intent
from bot.services.context import Services
from bot.services.gateway import Gateway, Outgoing, SentRef, TransientFailure

STOPPING = "shutting_down"
# A handed-back row is due again this much later: not at once, or the sender that is
# stopping would claim it again in the same pass; soon, for the replica that takes over.
HAND_BACK_SECONDS = 2.0


class _Draining:
    """A gateway that refuses to begin a send once `stopping` is set."""

    def __init__(self, inner: Gateway, stopping: threading.Event) -> None:
        self.inner = inner
        self._stopping = stopping
        self.platform = inner.platform
        self.group_conversations = inner.group_conversations

    def _refuse_if_stopping(self) -> None:
        if self._stopping.is_set():
            raise TransientFailure(STOPPING, retry_after=HAND_BACK_SECONDS)

    def send(self, message: Outgoing) -> SentRef:
        self._refuse_if_stopping()
        return self.inner.send(message)

    def find_sent(self, message: Outgoing) -> SentRef | None:
        self._refuse_if_stopping()
        return self.inner.find_sent(message)

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        self.inner.update(workspace, ref, intent)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class Draining:
    """Wraps the services' gateways so that a stop refuses sends not yet begun."""

    def __init__(self, services: Services, stopping: threading.Event) -> None:
        self.services = services
        self.stopping = stopping

    def install(self) -> None:
        """Wrap every registered gateway (once)."""
        for name, gateway in list(self.services.gateways.items()):
            if not isinstance(gateway, _Draining):
                self.services.gateways[name] = _Draining(gateway, self.stopping)
