"""The times a group is offered to meet, worked out and shown.

A match's suggested times are worked out once, when the match is made, from its members'
windows and away dates (bot/core/slots.py), and stored on the match as times only
(`matches.slots`: start, end and window key, no person in them), so that the intro, its
calendar links and the `.ics` they open always agree, whatever a member changes later.
The links' tokens are bot/services/calendar_links.py's; the files bot/services/meetings.py's.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from bot.core import slots
from bot.core.matching.model import WINDOWS
from bot.core.matching.rules import ANY_TIME, window_mask
from bot.services.calendar_links import CalendarLinks
from bot.store.models import Programme

logger = logging.getLogger(__name__)

# Where a group none of whose members gave a window is offered times: the working day.
WORKING_DAY = ("weekday-morning", "weekday-afternoon")


def windows_of(text: str | None) -> tuple[str, ...]:
    """A stored `windows` value (keys separated by `;`) as keys in WINDOWS order; keys that
    are not windows are ignored (the profile refuses them when they are typed)."""
    given = {part.strip() for part in (text or "").split(";")}
    return tuple(w for w in WINDOWS if w in given)


def away_of(text: str | None) -> tuple[tuple[dt.date, dt.date], ...]:
    """A stored `away` value (`YYYY-MM-DD..YYYY-MM-DD` or one day, separated by `;`) as
    inclusive ranges; an unreadable range is ignored (the profile refuses it when typed)."""
    out = []
    for part in (text or "").split(";"):
        first, _, last = part.strip().partition("..")
        try:
            begin = dt.date.fromisoformat(first.strip())
            end = dt.date.fromisoformat(last.strip()) if last.strip() else begin
        except ValueError:
            continue
        if begin <= end:
            out.append((begin, end))
    return tuple(out)


def common_windows(windows: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """The windows every member can meet in; a member who gave none can meet in any."""
    mask = ANY_TIME
    for keys in windows:
        mask &= window_mask(keys)
    return tuple(w for x, w in enumerate(WINDOWS) if mask >> x & 1)


def plan(programme: Programme, members: Sequence[Any], first: dt.date) -> list[dict[str, str]]:
    """The group's suggested times in the 14 days from `first`, as stored on the match:
    `[{"start": ISO-8601 with offset, "end": …, "window": key}]`; empty when the members
    share no window (or the programme offers none)."""
    given = [windows_of(getattr(p, "windows", None)) for p in members]
    shared = common_windows(given) if any(given) else WORKING_DAY
    if not shared or not programme.slots:
        return []
    away = tuple(sorted(r for p in members for r in away_of(getattr(p, "away", None))))
    try:
        found = _suggest(shared, first, programme.slots, programme.meeting_minutes,
                         programme.timezone, programme.holidays, away)
    except slots.SlotInputError:
        # Settings are checked when saved; a value saved before that check offers no times.
        logger.warning("meetings: programme %s has settings the slots cannot use",
                       programme.id)
        return []
    return [{"start": s.start.isoformat(), "end": s.end.isoformat(), "window": s.window}
            for s in found]


@functools.lru_cache(maxsize=4096)
def _suggest(shared: tuple[str, ...], first: dt.date, count: int, minutes: int, timezone: str,
             nation: str, away: tuple[tuple[dt.date, dt.date], ...]) -> tuple[slots.Slot, ...]:
    # A round of 100,000 has 50,000 groups but few distinct (windows, away) among them.
    return tuple(slots.suggest(shared, first, count=count, minutes=minutes, timezone=timezone,
                               nation=nation, away=away))


def times(links: CalendarLinks | None, match_id: int, stored: Sequence[Any],
          round_started: dt.datetime) -> tuple[tuple[str, str, str], ...]:
    """A match's stored slots as an intro shows them: start, end and calendar link."""
    out = []
    for index, slot in enumerate(stored or ()):
        if not isinstance(slot, dict) or "start" not in slot or "end" not in slot:
            continue
        url = links.url(match_id, index, round_started) if links is not None else ""
        out.append((str(slot["start"]), str(slot["end"]), url))
    return tuple(out)
