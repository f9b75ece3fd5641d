"""The demo's transcript: a gateway that prints each message as a participant would read
it (the demo's only output; not the web console)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core import text as tm
from bot.core import wording
from bot.core.intents import ANSWERS, Intent
from bot.services.gateway import Outgoing, SentRef

BUTTON = "[{}]"


class _Layout:
    """Each kind of text block as plain lines: buttons in brackets."""

    def heading(self, block: tm.Heading) -> list[str]:
        return [f"{block.text}:"]

    def paragraph(self, block: tm.Paragraph) -> list[str]:
        return [_inline(block.parts)]

    def items(self, block: tm.Items) -> list[str]:
        title = [f"{block.title}:"] if block.title else []
        return [*title, *(f"  {n}. {_inline(i.parts)}" if block.numbered
                          else f"  • {_inline(i.parts)}" for n, i in enumerate(block.items, 1))]

    def quote(self, block: tm.Quote) -> list[str]:
        return [f"  > {intent_text(block.text)}"]

    def facts(self, block: tm.Facts) -> list[str]:
        return [f"  • {f.title}: {f.value}" for f in block.facts]

    def choices(self, block: tm.Choices) -> list[str]:
        return ["  " + " ".join(BUTTON.format(c.label) for c in block.choices)]

    def link(self, block: tm.Link) -> list[str]:
        return [f"  {block.label}: {block.url}"]

    def member(self, block: tm.Member) -> list[str]:
        intro = f": \"{intent_text(block.intro)}\"" if block.intro else ""
        return [f"  • {block.name}, {block.profession}{intro}"]


def layout(document: tm.Document) -> str:
    """A document as plain text."""
    lines = [document.title] if document.title.strip() else []
    lines += tm.lay_out(document.blocks, _Layout())
    return "\n".join(line for line in lines if line.strip())


def _inline(parts: tuple[tm.Inline, ...]) -> str:
    # The grammar also accepts `join` for the profile command.
    return tm.plain(parts, lambda ref: f"`{ref.words() or 'join'}`",
                 lambda answer: f"({ANSWERS[answer].lower()})")


def render_text(intent: Intent) -> str:
    """The intent as plain text."""
    return layout(wording.document(intent))


def intent_text(text: str) -> str:
    """User text on one line."""
    return " ".join(text.split())


@dataclass
class TranscriptGateway:
    """Prints messages; `names` turns user ids into the names shown in the header."""

    names: dict[str, str]
    write: Callable[[str], None] = print
    show: Callable[[Intent], bool] = lambda intent: True
    # Told of every message sent (the demo answers the questionnaires people receive).
    on_send: Callable[[Outgoing], None] = lambda message: None
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
        self.on_send(message)
        conversation = message.conversation or "dm:" + ",".join(sorted(message.users))
        return SentRef(conversation, str(next(self._ids)))

    def find_sent(self, message: Outgoing) -> SentRef | None:
        return None

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        return None
