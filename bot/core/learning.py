"""The learning log: what a pair did together, checked once for every platform.

An activity has a kind, a date, minutes and an optional reflection (what I learned, what I
will do differently). Conversations, shadowing, project and teaching sessions are
*participatory* in the NMC's sense (learning with others); `other` (reading, a course
alone) is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core.hygiene import FieldError, clean_text
from bot.core.i18n import N_, _, ngettext
from bot.core.text import CommandRef, Inline
from bot.core.wording import sentence

MAX_MINUTES = 1999  # 2,000 minutes (more than a day) is a typing slip, not a session
MAX_REFLECTION = 3000


class ActivityKind(StrEnum):
    """What the pair did."""

    CONVERSATION = "conversation"
    SHADOWING = "shadowing"
    PROJECT = "project"
    TEACHING = "teaching"
    OTHER = "other"


# Words are marked for the catalogue here and translated where they are read (the
# module's __getattr__ below), so that each reader gets their own language.
_KIND_LABELS: Mapping[ActivityKind, str] = {
    ActivityKind.CONVERSATION: N_("Conversation"),
    ActivityKind.SHADOWING: N_("Shadowing"),
    ActivityKind.PROJECT: N_("Joint project session"),
    ActivityKind.TEACHING: N_("Teaching session"),
    ActivityKind.OTHER: N_("Other"),
}
PARTICIPATORY: frozenset[ActivityKind] = frozenset(
    {ActivityKind.CONVERSATION, ActivityKind.SHADOWING, ActivityKind.PROJECT,
     ActivityKind.TEACHING})
# The prompts of the NMC's reflective accounts form, shown beside each reflection.
_NMC_PROMPTS: tuple[str, ...] = (
    N_("What was the nature of the CPD activity or practice-related feedback or event?"),
    N_("What did you learn from it?"),
    N_("How did you change or improve your practice as a result?"),
    N_("How is this relevant to the Code? (Prioritise people, practise effectively, preserve "
       "safety, promote professionalism and trust.)"),
)
# The log form's words, shared by Slack's modal and Teams' card.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", N_("What did you do?")),
    ("date", N_("Date")),
    ("minutes", N_("Minutes")),
    ("learned", N_("What I learned (optional)")),
    ("differently", N_("What I will do differently (optional)")),
)
_TEXTS: dict[str, str] = {
    "FORM_TITLE": N_("Log an activity"),
    "FORM_SEND": N_("Log it"),
    "CPD_SENT": N_("Here is your learning record as a PDF and a CSV, ready to attach to a "
                   "CPD log or an appraisal portfolio."),
}


def __getattr__(name: str) -> Any:
    """`learning.FORM_TITLE`, `KIND_LABELS`, `FIELDS`… in the current reader's language."""
    if name in _TEXTS:
        return _(_TEXTS[name])
    if name == "KIND_LABELS":
        return {kind: _(label) for kind, label in _KIND_LABELS.items()}
    if name == "FIELDS":
        return tuple((key, _(label)) for key, label in _FIELDS)
    if name == "NMC_PROMPTS":
        return tuple(_(prompt) for prompt in _NMC_PROMPTS)
    raise AttributeError(name)


class LogError(FieldError):
    """An entry that cannot be stored."""


@dataclass(frozen=True)
class Entry:
    """A checked activity, ready to store."""

    kind: ActivityKind
    on_date: dt.date
    minutes: int
    learned: str = ""
    differently: str = ""

    @property
    def participatory(self) -> bool:
        """Whether the NMC would count it as participatory."""
        return self.kind in PARTICIPATORY

    @property
    def hours(self) -> float:
        """The minutes as hours (for CPD logs, which count hours)."""
        return self.minutes / 60


def parse_entry(values: Mapping[str, object], today: dt.date) -> Entry:
    """An activity from a form's values (`kind`, `date` as YYYY-MM-DD, `minutes`, optional
    `learned` and `differently`); anything wrong raises LogError naming the field."""
    raw_kind = str(values.get("kind") or "").strip().lower()
    try:
        kind = ActivityKind(raw_kind)
    except ValueError:
        raise LogError(_("Choose what you did: a conversation, shadowing, a project session, "
                         "a teaching session or other."), "kind") from None
    raw_date = str(values.get("date") or "").strip()
    try:
        on_date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise LogError(_("Give the date as YYYY-MM-DD, for example {today}.").format(
            today=today.isoformat()), "date") from None
    if on_date > today:
        raise LogError(_("The date is in the future; log an activity once it has happened."),
                       "date")
    raw_minutes = str(values.get("minutes") or "").strip()
    if not raw_minutes.isdigit() or not 1 <= int(raw_minutes) <= MAX_MINUTES:
        raise LogError(_("Give the time spent in minutes, from 1 to {most}.").format(
            most=f"{MAX_MINUTES:,}"), "minutes")
    # No NUL or control characters reach the database (PostgreSQL refuses NUL in text).
    learned = clean_text(str(values.get("learned") or ""), multiline=True).strip()
    differently = clean_text(str(values.get("differently") or ""), multiline=True).strip()
    for name, text in (("learned", learned), ("differently", differently)):
        if len(text) > MAX_REFLECTION:
            raise LogError(_("Keep each reflection under {most} characters.").format(
                most=f"{MAX_REFLECTION:,}"), name)
    return Entry(kind, on_date, int(raw_minutes), learned, differently)


def log_summary(count: int, minutes: int, participatory: int) -> tuple[Inline, ...]:
    """The person's log in one line (App Home, `status`), the command to type in it."""
    if not count:
        return sentence(_("Learning log: empty. Type {log} after a meeting to record it."),
                        log=CommandRef("log"))
    return (ngettext("Learning log: {count} activity, {hours} ({participatory} participatory).",
                    "Learning log: {count} activities, {hours} ({participatory} "
                    "participatory).", count).format(
        count=count, hours=hours_text(minutes), participatory=hours_text(participatory)),)


def hours(minutes: int) -> str:
    """Minutes as hours to two decimals at most, e.g. '0.25', '1.5', '2'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def hours_text(minutes: int) -> str:
    """Minutes as hours for people, e.g. '1.5 hours', '1 hour'."""
    if minutes == 60:
        return _("1 hour")
    return _("{hours} hours").format(hours=hours(minutes))
