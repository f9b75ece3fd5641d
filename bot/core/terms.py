"""Term programmes: the same pair or tutorial group meets every round for a term.

A term lasts `term_rounds` rounds, or until one of the programme's term start dates (junior
doctors' programmes align terms with rotation changeovers, e.g. the first Wednesday of
August, December and April). Within a term, groups are kept; newcomers and people whose
partner left are matched at the next round (with each other, or into a kept group with
room); a member who is paused sits the round out and the group meets without them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from bot.core.i18n import _
from bot.core.schedule import ORDINALS, WEEKDAYS, nth_weekday

DEFAULT_TERM_ROUNDS = 6
MAX_TERM_ROUNDS = 24
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_START = re.compile(
    rf"^(?P<ordinal>{'|'.join(ORDINALS)})\s+(?P<weekday>[a-z]+)\s+(?:of\s+)?(?P<month>[a-z]+)$")


class TermError(ValueError):
    """A term setting that cannot be understood; the message says why in one sentence."""


@dataclass(frozen=True)
class TermStart:
    """A yearly term start: the `ordinal` `weekday` of `month` (e.g. first wednesday of
    august)."""

    ordinal: str
    weekday: int
    month: int

    def describe(self) -> str:
        """The start in the words an organiser typed."""
        return f"{self.ordinal} {WEEKDAYS[self.weekday]} of {MONTHS[self.month - 1]}"

    def on(self, year: int) -> dt.date:
        """The start's date in `year`."""
        return nth_weekday(year, self.month, self.weekday, self.ordinal)


def parse_term_starts(text: str) -> tuple[TermStart, ...]:
    """`first wednesday of august; first wednesday of december` as term starts."""
    starts = []
    for part in (p.strip().lower() for p in text.split(";")):
        if not part:
            continue
        found = _START.match(" ".join(part.split()))
        if (not found or found["weekday"] not in WEEKDAYS
                or found["month"] not in MONTHS):
            raise TermError(_(
                "'{part}' is not a term start: write e.g. 'first wednesday of august', "
                "several separated by ';'.").format(part=part))
        starts.append(TermStart(found["ordinal"], WEEKDAYS.index(found["weekday"]),
                                MONTHS.index(found["month"]) + 1))
    return tuple(starts)


def term_start_between(starts: Sequence[TermStart], after: dt.date | None,
                       until: dt.date) -> bool:
    """Whether a term start date falls in (after, until]: the round on `until` opens a new
    term. With no earlier round (`after` None) nothing is crossed."""
    if after is None:
        return False
    for start in starts:
        for year in range(after.year, until.year + 1):
            if after < start.on(year) <= until:
                return True
    return False


@dataclass(frozen=True)
class TermGroup:
    """A group of the current term; `key` is stable for the whole term."""

    key: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class TermState:
    """Where the programme's latest round left its term."""

    term: int
    round_in_term: int
    groups: tuple[TermGroup, ...]


@dataclass(frozen=True)
class TermPlan:
    """What this round does with the term's groups."""

    term: int
    round_in_term: int
    new_term: bool
    # Groups that meet again this round, with the members taking part.
    kept: tuple[TermGroup, ...] = ()
    # People to match this round: newcomers, people whose group broke up, and people
    # whose partners all sit this round out.
    to_match: tuple[str, ...] = ()
    # People whose partner left the programme: they are told so with their new match.
    partner_left: tuple[str, ...] = field(default_factory=tuple)


def plan_round(previous: TermState | None, *, term_rounds: int, term_start_crossed: bool,
               taking_part: Collection[str], in_programme: Collection[str],
               allowed: Callable[[Sequence[str]], bool]) -> TermPlan:
    """Keep the term's groups, or start a new term; say who must be matched this round.

    `taking_part` are the people eligible this round; `in_programme` everyone still in the
    programme (paused included); `allowed` is the matcher's hard rule for a group.
    """
    taking = set(taking_part)
    if (previous is None or previous.round_in_term >= term_rounds or term_start_crossed
            or not previous.groups):
        term = previous.term + 1 if previous else 1
        return TermPlan(term=term, round_in_term=1, new_term=True,
                        to_match=tuple(sorted(taking, key=_order)))
    staying = set(in_programme)
    kept: list[TermGroup] = []
    to_match: set[str] = set()
    partner_left: set[str] = set()
    grouped: set[str] = set()
    for group in previous.groups:
        remaining = tuple(m for m in group.members if m in staying)
        grouped.update(group.members)
        if len(remaining) < len(group.members) and (
                len(remaining) < 2 or not allowed(remaining)):
            # The group cannot go on without who left: its members are matched anew.
            partner_left.update(m for m in remaining if m in taking)
            to_match.update(m for m in remaining if m in taking)
            continue
        meeting = tuple(m for m in remaining if m in taking)
        if len(meeting) >= 2 and allowed(meeting):
            kept.append(TermGroup(group.key, meeting))
        else:
            to_match.update(meeting)
    to_match.update(taking - grouped)
    return TermPlan(term=previous.term, round_in_term=previous.round_in_term + 1,
                    new_term=False, kept=tuple(kept),
                    to_match=tuple(sorted(to_match, key=_order)),
                    partner_left=tuple(sorted(partner_left, key=_order)))


def _order(person: str) -> tuple[int, str]:
    return (int(person), person) if person.isdigit() else (0, person)
