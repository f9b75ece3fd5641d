"""The structured text model: what pairbot says, before any platform lays it out.

Words are written once (bot/core/wording.py) as a `Document` of blocks
(headings, paragraphs, lists, facts, quotes, choices, links). Block Kit,
Adaptive Cards, the demo's transcript and the web console only lay a document out;
none of them adds words of its own. Plain strings are literal text: a renderer
escapes them for its own markup, so user text can never inject any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.core.i18n import format_list


@dataclass(frozen=True)
class CommandRef:
    """A command a person can type, named neutrally: `CommandRef("pause", "2w")`.

    `name` is a word of the grammar in bot/core/commands.py ("" is the join/profile
    command itself); each platform renders it in its own syntax (after Slack's slash
    command, or as the bare words in Teams).
    """

    name: str = ""
    args: str = ""

    def words(self) -> str:
        """The words after the platform's prefix: `pause 2w`."""
        return " ".join(w for w in (self.name, self.args) if w)


@dataclass(frozen=True)
class Strong:
    """Text shown in bold."""

    text: str


@dataclass(frozen=True)
class Reaction:
    """The reaction that answers a check-in with `answer`, in the platform's own emoji."""

    answer: str


@dataclass(frozen=True)
class Href:
    """A link inside a line of text (a suggested time's "Add to calendar")."""

    label: str
    url: str


Inline = str | CommandRef | Strong | Reaction | Href


@dataclass(frozen=True)
class Paragraph:
    """A run of text; `subtle` for asides (the small print under a message); `literal` for
    text an organiser wrote (bot/core/editable.py), which a platform shows as typed, with
    no markup at all where it can (Slack's plain text)."""

    parts: tuple[Inline, ...]
    subtle: bool = False
    literal: bool = False


@dataclass(frozen=True)
class Heading:
    """A section heading inside a message."""

    text: str


@dataclass(frozen=True)
class Items:
    """A bulleted (or numbered) list, with its title if it has one."""

    items: tuple[Paragraph, ...]
    numbered: bool = False
    title: str = ""


@dataclass(frozen=True)
class Quote:
    """Something a person wrote (an intro), shown as a quotation."""

    text: str


@dataclass(frozen=True)
class Fact:
    """One `title: value` pair; `who` is the user id when the title is a person, `answer`
    the check-in answer the value stands for (a platform may show its reaction)."""

    title: str
    value: str
    who: str = ""
    answer: str = ""


@dataclass(frozen=True)
class Facts:
    """Pairs shown side by side (who answered what)."""

    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Choice:
    """One button: its label, the value it sends, and its emphasis."""

    label: str
    value: str
    style: str | None = None  # "primary" or "danger"


@dataclass(frozen=True)
class Choices:
    """Buttons for one neutral action (CHECKIN, SKIP_ROUND… below); `data` rides along."""

    action: str
    choices: tuple[Choice, ...]
    data: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Link:
    """A link to open."""

    label: str
    url: str


@dataclass(frozen=True)
class Member:
    """A member of a group as the others see them: name, profession, their own intro."""

    user_id: str
    name: str
    profession: str
    intro: str = ""


Block = Heading | Paragraph | Items | Quote | Facts | Choices | Link | Member


@dataclass(frozen=True)
class Document:
    """A whole message: a title, its blocks and the notification text (`summary`)."""

    title: str
    blocks: tuple[Block, ...]
    summary: str = ""


# The neutral actions a Choices block can carry; each platform maps them to its ids.
CHECKIN = "checkin"
FEEDBACK_OPEN = "feedback_open"
SKIP_ROUND = "skip_round"
LEAVE_CONFIRM = "leave_confirm"
LEAVE_CANCEL = "leave_cancel"
EVALUATION_OPEN = "evaluation_open"
INVITATION = "invitation"  # choices "accept" and "decline", data invitation_id
AGREEMENT_OPEN = "agreement_open"  # one choice, its value the match id
CHECKIN_REASON = "checkin_reason"  # choices the reasons, data match_id
# choices a suggested time's start (ISO-8601) or MEETING_CANCEL, data match_id; the platform adds a
# date and time picker for another time
MEETING_TIME = "meeting_time"
MEETING_CANCEL = "cancel"
RESUME = "resume"  # one choice: take part again (what typing `resume` does)
# Buttons each doing what typing a command does; a choice's value names the command.
COMMAND = "command"
COMMAND_PROFILE = "profile"  # open the profile form to join or edit (the join command)
COMMAND_STATUS = "status"  # the person's status, as typing `status` answers it
COMMAND_CPD = "cpd"  # the learning record's files again, as typing `cpd` sends them
COMMAND_MY_DATA = "my-data"  # the subject-access file again, as typing `my-data` sends it


T = TypeVar("T")


class Layout(Protocol[T]):
    """What a renderer provides to lay a document out: one method per kind of block, each
    returning the platform's pieces for it (Block Kit blocks, card elements, lines)."""

    def heading(self, block: Heading) -> list[T]: ...
    def paragraph(self, block: Paragraph) -> list[T]: ...
    def items(self, block: Items) -> list[T]: ...
    def quote(self, block: Quote) -> list[T]: ...
    def facts(self, block: Facts) -> list[T]: ...
    def choices(self, block: Choices) -> list[T]: ...
    def link(self, block: Link) -> list[T]: ...
    def member(self, block: Member) -> list[T]: ...


def lay_out(blocks: Iterable[Block], layout: Layout[T]) -> list[T]:
    """Every block through the renderer's method for its kind, in order."""
    out: list[T] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += layout.heading(block)
        elif isinstance(block, Paragraph):
            out += layout.paragraph(block)
        elif isinstance(block, Items):
            out += layout.items(block)
        elif isinstance(block, Quote):
            out += layout.quote(block)
        elif isinstance(block, Facts):
            out += layout.facts(block)
        elif isinstance(block, Choices):
            out += layout.choices(block)
        elif isinstance(block, Link):
            out += layout.link(block)
        else:
            out += layout.member(block)
    return out


def para(*parts: Inline, subtle: bool = False, literal: bool = False) -> Paragraph:
    """A paragraph of these parts."""
    return Paragraph(tuple(p for p in parts if p != ""), subtle=subtle, literal=literal)


def plain(parts: Iterable[Inline], command: Callable[[CommandRef], str] | None = None,
          reaction: Callable[[str], str] | None = None) -> str:
    """The parts as unformatted text; commands as `command` renders them (bare words)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, CommandRef):
            out.append(command(part) if command else part.words())
        elif isinstance(part, Strong):
            out.append(part.text)
        elif isinstance(part, Href):
            out.append(part.label)
        else:
            out.append(reaction(part.answer) if reaction else "")
    return "".join(out)


def names(people: Iterable[str]) -> str:
    """`Ann`, `Ann and Bo`, `Ann, Bo and Cy` (in the reader's language)."""
    return format_list(list(people))


def summary_of(document: Document, command: Callable[[CommandRef], str] | None = None) -> str:
    """Everything a document says in words, as one line of plain text."""
    out = [document.title]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.append(plain(block.parts, command))
        elif isinstance(block, Items):
            out += [block.title, *(plain(i.parts, command) for i in block.items)]
        elif isinstance(block, Heading):
            out.append(block.text)
    return " ".join(p for p in out if p.strip())
