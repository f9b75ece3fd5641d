"""Programme cadences: when rounds happen, and how a round's period is named.

A cadence is a short text an organiser can read and type:

    monthly first monday 10:00     (the default)
    monthly day 15 09:30
    fortnightly monday 10:00
    weekly wednesday 12:30

Times are wall-clock times in the programme's time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.i18n import _

DEFAULT_CADENCE = "monthly first monday 10:00"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = ("first", "second", "third", "fourth", "last")
# Fortnightly rounds count weeks from this Monday so that every replica agrees.
FORTNIGHT_EPOCH = dt.date(2024, 1, 1)

_PATTERN = re.compile(
    r"^(?P<kind>monthly|fortnightly|weekly)\s+"
    r"(?:(?P<ordinal>first|second|third|fourth|last)\s+(?P<mday>[a-z]+)|day\s+(?P<dom>\d{1,2})"
    r"|(?P<wday>[a-z]+))\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})$"
)


class CadenceError(ValueError):
    """A cadence or time zone that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Cadence:
    """A parsed cadence."""

    kind: str
    hour: int
    minute: int
    weekday: int | None = None
    ordinal: str | None = None
    day_of_month: int | None = None

    def describe(self) -> str:
        """The cadence in the words an organiser typed."""
        time = f"{self.hour:02d}:{self.minute:02d}"
        if self.kind == "monthly" and self.day_of_month is not None:
            return f"monthly day {self.day_of_month} {time}"
        assert self.weekday is not None
        day = WEEKDAYS[self.weekday]
        if self.kind == "monthly":
            return f"monthly {self.ordinal} {day} {time}"
        return f"{self.kind} {day} {time}"


def parse_cadence(text: str) -> Cadence:
    """Parse a cadence such as `monthly first monday 10:00`."""
    found = _PATTERN.match(" ".join(text.strip().lower().split()))
    if not found:
        raise CadenceError(_(
            "'{text}' is not a cadence; write e.g. 'monthly first monday 10:00', "
            "'monthly day 15 09:30', 'fortnightly monday 10:00' or 'weekly friday 12:00'."
        ).format(text=text))
    hour, minute = int(found["hour"]), int(found["minute"])
    if hour > 23 or minute > 59:
        raise CadenceError(_("{time} is not a time of day.").format(
            time=f"{found['hour']}:{found['minute']}"))
    kind = found["kind"]
    if found["dom"]:
        if kind != "monthly":
            raise CadenceError(_("A day of the month only goes with 'monthly'."))
        day = int(found["dom"])
        if not 1 <= day <= 28:
            raise CadenceError(_("The day of the month must be 1 to 28, so every month has "
                                 "it."))
        return Cadence(kind, hour, minute, day_of_month=day)
    day_name = found["mday"] or found["wday"]
    if day_name not in WEEKDAYS:
        raise CadenceError(_("'{day}' is not a day of the week.").format(day=day_name))
    if found["ordinal"] and kind != "monthly":
        raise CadenceError(_("'{week}' only goes with 'monthly'.").format(
            week=found["ordinal"]))
    if kind == "monthly" and not found["ordinal"]:
        raise CadenceError(_("Say which week of the month, e.g. 'monthly first monday "
                             "10:00'."))
    return Cadence(kind, hour, minute, weekday=WEEKDAYS.index(day_name), ordinal=found["ordinal"])


def zone(name: str) -> ZoneInfo:
    """The time zone called `name`, or CadenceError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CadenceError(_("'{name}' is not a time zone; use e.g. Europe/London.").format(
            name=name)) from None


def nth_weekday(year: int, month: int, weekday: int, ordinal: str) -> dt.date:
    """The `ordinal` (first…fourth, last) `weekday` of the month."""
    first = dt.date(year, month, 1)
    if ordinal == "last":
        next_month = dt.date(year + month // 12, month % 12 + 1, 1)
        last = next_month - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * ORDINALS.index(ordinal))


def _round_day_in_month(cadence: Cadence, year: int, month: int) -> dt.date:
    if cadence.day_of_month is not None:
        return dt.date(year, month, cadence.day_of_month)
    assert cadence.weekday is not None and cadence.ordinal is not None
    return nth_weekday(year, month, cadence.weekday, cadence.ordinal)


def _days_from(cadence: Cadence, start: dt.date) -> list[dt.date]:
    """Round days on or after `start`, enough to cover two periods."""
    if cadence.kind == "monthly":
        days = []
        for step in range(3):
            month_index = start.month - 1 + step
            year, month = start.year + month_index // 12, month_index % 12 + 1
            days.append(_round_day_in_month(cadence, year, month))
        return [d for d in days if d >= start]
    assert cadence.weekday is not None
    first = start + dt.timedelta(days=(cadence.weekday - start.weekday()) % 7)
    days = [first + dt.timedelta(weeks=w) for w in range(4)]
    if cadence.kind == "fortnightly":
        days = [d for d in days if ((d - FORTNIGHT_EPOCH).days // 7) % 2 == 0]
    return days


def next_round_at(cadence: Cadence, tz: str, after: dt.datetime) -> dt.datetime:
    """The first round instant strictly after `after` (aware), as an aware UTC datetime."""
    local_zone = zone(tz)
    local_after = after.astimezone(local_zone)
    start = local_after.date() - dt.timedelta(days=1)
    while True:
        for day in _days_from(cadence, start):
            at = dt.datetime(day.year, day.month, day.day, cadence.hour, cadence.minute,
                             tzinfo=local_zone)
            if at > local_after:
                return at.astimezone(dt.UTC)
        start += dt.timedelta(days=28)


def period_of(cadence: Cadence, tz: str, at: dt.datetime) -> str:
    """The name of the period a round at `at` belongs to: `2026-12` or `2026-W49`."""
    local = at.astimezone(zone(tz))
    if cadence.kind == "monthly":
        return f"{local.year:04d}-{local.month:02d}"
    year, week, _weekday = local.isocalendar()
    return f"{year:04d}-W{week:02d}"
