"""A gateway that prints each message as a participant would read it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.intents import (
    ANSWERS,
    CheckIn,
    FeedbackRequest,
    HeadsUp,
    Intent,
    Intro,
    Notice,
    Unpaired,
)
from bot.services.gateway import Outgoing, SentRef


def render_text(intent: Intent) -> str:
    """The intent as plain text."""
    if isinstance(intent, Intro):
        lines = [f"{intent.programme}: meet each other!"]
        for m in intent.members:
            intro = f": \"{intent_text(m.intro)}\"" if m.intro else ""
            lines.append(f"  • {m.name}, {m.profession}{intro}")
        lines.append("Why you were matched:")
        lines += [f"  – {r}" for r in intent.reasons]
        lines.append("Three questions to start with:")
        lines += [f"  {i}. {q}" for i, q in enumerate(intent.icebreakers, 1)]
        lines.append(f"Try to meet within {intent.meet_within_days} days; "
                     f"we'll check in on {intent.checkin_on}.")
        return "\n".join(lines)
    if isinstance(intent, CheckIn):
        head = "Reminder: did you meet?" if intent.reminder else "Did you meet?"
        lines = [f"{intent.programme}: {head}  [Met] [Scheduled] [Not going to happen]"]
        for m in intent.members:
            answer = intent.answers.get(m.user_id)
            lines.append(f"  • {m.name}: {ANSWERS[answer] if answer else 'no answer yet'}")
        return "\n".join(lines)
    if isinstance(intent, Unpaired):
        nxt = f" The next round is on {intent.next_round}." if intent.next_round else ""
        return (f"{intent.programme}: no introduction for you this round. {intent.reason} "
                f"You'll get priority next time.{nxt}")
    if isinstance(intent, HeadsUp):
        return (f"{intent.programme}: a new round starts on {intent.round_on}. "
                "[Skip this round]")
    if isinstance(intent, FeedbackRequest):
        names = ", ".join(m.name for m in intent.others)
        return f"{intent.programme}: how much did you learn about {names}'s role? [1–5]"
    assert isinstance(intent, Notice)
    return f"{intent.title + ': ' if intent.title else ''}{intent.text}"


def intent_text(text: str) -> str:
    """User text on one line."""
    return " ".join(text.split())


@dataclass
class ConsoleGateway:
    """Prints messages; `names` turns user ids into the names shown in the header."""

    names: dict[str, str]
    write: Callable[[str], None] = print
    show: Callable[[Intent], bool] = lambda intent: True
    platform: str = "demo"
    group_conversations: bool = True
    counts: dict[str, int] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def send(self, message: Outgoing) -> SentRef:
        kind = message.intent.kind
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.show(message.intent):
            to = " & ".join(self.names.get(u, u) for u in message.users)
            self.write(f"\n── to {to} · {kind} ──\n{render_text(message.intent)}")
        conversation = message.conversation or "dm:" + ",".join(sorted(message.users))
        return SentRef(conversation, str(next(self._ids)))

    def find_sent(self, message: Outgoing) -> SentRef | None:
        return None

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        return None
