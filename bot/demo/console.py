"""A gateway that prints each message as a participant would read it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core import wording
from bot.core.intents import ANSWERS, Intent
from bot.core.text import (
    Choices,
    Document,
    Facts,
    Heading,
    Inline,
    Items,
    Member,
    Paragraph,
    Quote,
    plain,
)
from bot.services.gateway import Outgoing, SentRef

BUTTON = "[{}]"


def layout(document: Document) -> str:
    """A document as plain text: buttons in brackets, commands as typed in Slack or Teams."""
    lines = [document.title] if document.title.strip() else []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(_inline(block.parts))
        elif isinstance(block, Heading):
            lines.append(f"{block.text}:")
        elif isinstance(block, Items):
            lines += [f"  {n}. {_inline(i.parts)}" if block.numbered else f"  • {_inline(i.parts)}"
                      for n, i in enumerate(block.items, 1)]
        elif isinstance(block, Member):
            intro = f": \"{intent_text(block.intro)}\"" if block.intro else ""
            lines.append(f"  • {block.name}, {block.profession}{intro}")
        elif isinstance(block, Facts):
            lines += [f"  • {f.title}: {f.value}" for f in block.facts]
        elif isinstance(block, Quote):
            lines.append(f"  > {intent_text(block.text)}")
        elif isinstance(block, Choices):
            lines.append("  " + " ".join(BUTTON.format(c.label) for c in block.choices))
        else:
            lines.append(f"  {block.label}: {block.url}")
    return "\n".join(line for line in lines if line.strip())


def _inline(parts: tuple[Inline, ...]) -> str:
    # The grammar also accepts `join` for the profile command.
    return plain(parts, lambda ref: f"`{ref.words() or 'join'}`",
                 lambda answer: f"({ANSWERS[answer].lower()})")


def render_text(intent: Intent) -> str:
    """The intent as plain text."""
    return layout(wording.document(intent))


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
