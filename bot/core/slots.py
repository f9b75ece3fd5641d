"""Suggested meeting times: inside a group's common windows, in the 14 days from a date.

Pure: the date, the time zone and the bank holidays are given. Windows are those of
docs/development.md, in the programme's time zone: weekday windows fall on working days
(Monday to Friday, not a bank holiday), weekend windows on Saturdays and Sundays, and no
time falls on a bank holiday of the nation or on a day any member is away. The times are
spread over different days, and over the windows the group has in common.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.core.matching.model import WINDOWS

DAYS = 14  # suggestions fall in the 14 days from the first date
DEFAULT_SLOTS = 3
DEFAULT_MINUTES = 30
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_SLOTS = 5
# Where each window starts and ends (hours; night ends the next morning), and the hour a
# suggestion prefers to start at inside it.
HOURS: dict[str, tuple[int, int, int]] = {
    "morning": (8, 12, 10),
    "afternoon": (12, 17, 14),
    "evening": (17, 21, 18),
    "night": (21, 32, 22),
}
# The nations of the `holidays` setting, as the `holidays` package names them.
NATIONS: dict[str, str | None] = {
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern-ireland": "NIR",
    "none": None,
}


class SlotInputError(ValueError):
    """A time zone, nation or number the slots cannot be worked out with."""


@dataclass(frozen=True)
class Slot:
    """One suggested meeting: aware start and end in the programme's time zone."""

    start: datetime
    end: datetime
    window: str


def zone(name: str) -> ZoneInfo:
    """The time zone of this name; SlotInputError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise SlotInputError(f"{name!r} is not a time zone (e.g. Europe/London)") from err


def bank_holidays(nation: str, years: Sequence[int]) -> frozenset[date]:
    """The bank holidays of a nation (a key of NATIONS) in these years."""
    if nation not in NATIONS:
        raise SlotInputError(f"unknown holidays nation {nation!r}: use {', '.join(NATIONS)}")
    code = NATIONS[nation]
    if code is None:
        return frozenset()
    return frozenset().union(*(_bank_holidays_of(code, year) for year in years))


@lru_cache(maxsize=64)
def _bank_holidays_of(code: str, year: int) -> frozenset[date]:
    # Worked out once per nation and year: ~2.5 ms a call, and the scheduler's heads-up
    # and reminder dates ask at every housekeeping tick.
    return frozenset(holidays.country_holidays("GB", subdiv=code, years=[year]))


def suggest(
    windows: Sequence[str],
    first: date,
    *,
    count: int = DEFAULT_SLOTS,
    minutes: int = DEFAULT_MINUTES,
    timezone: str = "Europe/London",
    nation: str = "england",
    away: Sequence[tuple[date, date]] = (),
) -> list[Slot]:
    """Up to `count` meetings of `minutes` in the 14 days from `first`, each on its own
    day, inside `windows` (the group's common windows), avoiding bank holidays of
    `nation` and the `away` ranges (inclusive) of every member. Fewer when the
    fortnight has fewer such days; none without a common window."""
    if not 0 <= count <= MAX_SLOTS:
        raise SlotInputError(f"slots must be between 0 and {MAX_SLOTS}, not {count}")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise SlotInputError(f"meeting minutes must be between {MIN_MINUTES} and "
                             f"{MAX_MINUTES}, not {minutes}")
    for w in windows:
        if w not in WINDOWS:
            raise SlotInputError(f"unknown availability window {w!r}: use {', '.join(WINDOWS)}")
    tz = zone(timezone)
    days = [first + timedelta(days=x) for x in range(DAYS)]
    closed = bank_holidays(nation, sorted({d.year for d in days}))
    # Each open day with the windows the group has on it, in WINDOWS order.
    options: list[tuple[date, list[str]]] = []
    for day in days:
        if day in closed or any(lo <= day <= hi for lo, hi in away):
            continue
        kind = "weekend" if day.weekday() >= 5 else "weekday"
        here = [w for w in WINDOWS if w in windows and w.startswith(kind)]
        fits = [w for w in here if _times(day, w, minutes, tz) is not None]
        if fits:
            options.append((day, fits))
    if not options or not count:
        return []
    # Days spread over the fortnight; windows taken in turn.
    picks = [options[round(x * (len(options) - 1) / max(count - 1, 1))] for x in range(count)]
    seen: set[date] = set()
    out: list[Slot] = []
    for x, (day, fits) in enumerate(picks):
        if day in seen:
            continue
        seen.add(day)
        w = fits[x % len(fits)]
        times = _times(day, w, minutes, tz)
        if times is not None:
            out.append(Slot(start=times[0], end=times[1], window=w))
    return out


def _times(day: date, window: str, minutes: int, tz: ZoneInfo
           ) -> tuple[datetime, datetime] | None:
    """Start and end of a meeting in this window on this day, None if it cannot fit."""
    lo, hi, prefer = HOURS[window.split("-", 1)[1]]
    length = timedelta(minutes=minutes)
    opens = datetime.combine(day, time(lo), tz)
    closes = datetime.combine(day + timedelta(days=hi // 24), time(hi % 24), tz)
    start = min(datetime.combine(day, time(prefer), tz), closes - length)
    if start < opens:
        return None
    return start, start + length
