"""What a service answers a person: a small union of typed replies.

Services never write platform syntax: a command is a `CommandRef` inside the
text, and what the platform should do next is the reply's type, not a string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.text import Block, Choices, Inline, Paragraph, plain


@dataclass(frozen=True)
class Say:
    """Show this text (`error` when the request was refused or not understood).

    `message` is a run of text parts; a plain string is accepted and kept as one part.
    A blank line ("\\n\\n") inside a string starts a new paragraph.
    """

    message: tuple[Inline, ...] | str
    error: bool = False
    title: str = ""
    # Buttons for what the text says people can type (`resume`: Take part again).
    actions: tuple[Choices, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.message, str):
            object.__setattr__(self, "message", (self.message,))

    @property
    def parts(self) -> tuple[Inline, ...]:
        """The text's parts."""
        return self.message if isinstance(self.message, tuple) else (self.message,)

    @property
    def text(self) -> str:
        """The text without formatting, commands as their bare words (logs, tests)."""
        return plain(self.parts)

    def blocks(self) -> tuple[Block, ...]:
        """The text's paragraphs, then its buttons."""
        return (*self.paragraphs(), *self.actions)

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The text split at blank lines."""
        out: list[list[Inline]] = [[]]
        for part in self.parts:
            if isinstance(part, str):
                chunks = part.split("\n\n")
                out[-1].append(chunks[0])
                out += [[chunk] for chunk in chunks[1:]]
            else:
                out[-1].append(part)
        return tuple(Paragraph(tuple(p for p in chunk if p != "")) for chunk in out
                     if any(p != "" for p in chunk))


@dataclass(frozen=True)
class OpenProfile:
    """Open the profile form (join or edit)."""


@dataclass(frozen=True)
class ConfirmLeave:
    """Ask before erasing the person's data."""


@dataclass(frozen=True)
class SendMyData:
    """Send the person everything stored about them."""

    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenLog:
    """Open the learning-log form (`log`)."""


@dataclass(frozen=True)
class SendCpd:
    """Send the person their learning record as files (`cpd`)."""


@dataclass(frozen=True)
class Organise:
    """An organiser command: `action` of ADMIN_ACTIONS, on the programme named (or theirs)."""

    action: str
    programme: str | None = None


@dataclass(frozen=True)
class ShowHelp:
    """Show everything a person can type (after `lead`, when the text was not understood)."""

    lead: tuple[Inline, ...] = ()
    error: bool = False


Answer = Say | OpenProfile | ConfirmLeave | SendMyData | OpenLog | SendCpd | Organise | ShowHelp
