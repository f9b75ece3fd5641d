"""A recording gateway: what services would have sent, without any platform.

Like zulip_bots' StubBotHandler: it keeps every message and lets a test make
the "platform" fail for a recipient.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.core.intents import Intent
from bot.services.gateway import Outgoing, PermanentFailure, SentRef, TransientFailure


@dataclass
class Sent:
    key: str
    workspace: str
    users: tuple[str, ...]
    conversation: str
    intent: Intent
    ref: SentRef


@dataclass
class RecordingGateway:
    platform: str = "slack"
    group_conversations: bool = True
    sent: list[Sent] = field(default_factory=list)
    updates: list[tuple[SentRef, Intent]] = field(default_factory=list)
    unreachable: dict[str, str] = field(default_factory=dict)
    transient: list[str] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _conversation(self, message: Outgoing) -> str:
        if message.conversation:
            return message.conversation
        return "conv:" + ",".join(sorted(message.users))

    def send(self, message: Outgoing) -> SentRef:
        for user in message.users:
            if user in self.unreachable:
                raise PermanentFailure(self.unreachable[user], user_id=user)
        if self.transient:
            raise TransientFailure(self.transient.pop(0))
        ref = SentRef(self._conversation(message), f"m{next(self._ids)}")
        self.sent.append(Sent(message.key, message.workspace, message.users, ref.conversation,
                              message.intent, ref))
        return ref

    def find_sent(self, message: Outgoing) -> SentRef | None:
        return next((s.ref for s in self.sent if s.key == message.key), None)

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        self.updates.append((ref, intent))

    def of_kind(self, kind: str) -> list[Sent]:
        return [s for s in self.sent if s.intent.kind == kind]

    def to(self, user: str) -> list[Sent]:
        return [s for s in self.sent if user in s.users]
