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

MAX_MINUTES = 1999  # 2,000 minutes (more than a day) is a typing slip, not a session
MAX_REFLECTION = 3000


class ActivityKind(StrEnum):
    """What the pair did."""

    CONVERSATION = "conversation"
    SHADOWING = "shadowing"
    PROJECT = "project"
    TEACHING = "teaching"
    OTHER = "other"


KIND_LABELS: Mapping[ActivityKind, str] = {
    ActivityKind.CONVERSATION: "Conversation",
    ActivityKind.SHADOWING: "Shadowing",
    ActivityKind.PROJECT: "Joint project session",
    ActivityKind.TEACHING: "Teaching session",
    ActivityKind.OTHER: "Other",
}
PARTICIPATORY: frozenset[ActivityKind] = frozenset(
    {ActivityKind.CONVERSATION, ActivityKind.SHADOWING, ActivityKind.PROJECT,
     ActivityKind.TEACHING})
# The prompts of the NMC's reflective accounts form, shown beside each reflection.
NMC_PROMPTS: tuple[str, ...] = (
    "What was the nature of the CPD activity or practice-related feedback or event?",
    "What did you learn from it?",
    "How did you change or improve your practice as a result?",
    "How is this relevant to the Code? (Prioritise people, practise effectively, preserve "
    "safety, promote professionalism and trust.)",
)


# The log form's words, shared by Slack's modal and Teams' card.
FORM_TITLE = "Log an activity"
FORM_SEND = "Log it"
FIELDS: tuple[tuple[str, str], ...] = (
    ("kind", "What did you do?"),
    ("date", "Date"),
    ("minutes", "Minutes"),
    ("learned", "What I learned (optional)"),
    ("differently", "What I will do differently (optional)"),
)
CPD_SENT = ("Here is your learning record as a PDF and a CSV, ready to attach to a CPD log "
            "or an appraisal portfolio.")


class LogError(ValueError):
    """An entry that cannot be stored; the message is one sentence for the person."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


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
        raise LogError("Choose what you did: a conversation, shadowing, a project session, "
                       "a teaching session or other.", "kind") from None
    raw_date = str(values.get("date") or "").strip()
    try:
        on_date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise LogError("Give the date as YYYY-MM-DD, for example "
                       f"{today.isoformat()}.", "date") from None
    if on_date > today:
        raise LogError("The date is in the future; log an activity once it has happened.",
                       "date")
    raw_minutes = str(values.get("minutes") or "").strip()
    if not raw_minutes.isdigit() or not 1 <= int(raw_minutes) <= MAX_MINUTES:
        raise LogError(f"Give the time spent in minutes, from 1 to {MAX_MINUTES:,}.",
                       "minutes")
    learned = str(values.get("learned") or "").strip()
    differently = str(values.get("differently") or "").strip()
    for name, text in (("learned", learned), ("differently", differently)):
        if len(text) > MAX_REFLECTION:
            raise LogError(f"Keep each reflection under {MAX_REFLECTION:,} characters.", name)
    return Entry(kind, on_date, int(raw_minutes), learned, differently)


def log_summary(count: int, minutes: int, participatory: int) -> str:
    """The person's log in one line (App Home, `status`)."""
    if not count:
        return "Learning log: empty. Type `log` after a meeting to record it."
    return (f"Learning log: {count} {'activity' if count == 1 else 'activities'}, "
            f"{hours_text(minutes)} ({hours_text(participatory)} participatory).")


def hours(minutes: int) -> str:
    """Minutes as hours to two decimals at most, e.g. '0.25', '1.5', '2'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def hours_text(minutes: int) -> str:
    """Minutes as hours for people, e.g. '1.5 hours', '1 hour'."""
    return f"{hours(minutes)} hour" + ("" if minutes == 60 else "s")
