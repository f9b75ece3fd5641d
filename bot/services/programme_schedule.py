"""When a programme's rounds fall: the next round, the period a moment belongs to, the
local calendar day (the programme's cadence and time zone, through bot/core/schedule.py)."""

from __future__ import annotations

import datetime as dt

from bot.core import schedule
from bot.store.models import Programme

SATURDAY = 5


def next_round_at(programme: Programme, after: dt.datetime) -> dt.datetime:
    """When the programme's next round starts."""
    return schedule.next_round_at(schedule.parse_cadence(programme.cadence), programme.timezone,
                                  after)


def period_of(programme: Programme, at: dt.datetime) -> str:
    """The period a round at `at` belongs to."""
    return schedule.period_of(schedule.parse_cadence(programme.cadence), programme.timezone, at)


def local_day(programme: Programme, at: dt.datetime) -> dt.date:
    """The calendar day of `at` in the programme's time zone."""
    return at.astimezone(schedule.zone(programme.timezone)).date()


def working_day_from(programme: Programme, at: dt.datetime) -> dt.datetime:
    """`at`, or when it falls at a weekend or on a bank holiday of the programme's nation,
    the same time of day on the next working day, in the programme's time zone (a
    check-in reminder is not sent on Easter Monday)."""
    from bot.core.slots import bank_holidays  # the holidays package, only when asked

    day = at.astimezone(schedule.zone(programme.timezone))
    closed = bank_holidays(programme.holidays or "none", (day.year, day.year + 1))
    while day.weekday() >= SATURDAY or day.date() in closed:
        day += dt.timedelta(days=1)
    return day


def headsup_at(programme: Programme, round_at: dt.datetime) -> dt.datetime:
    """When a round's heads-up is due: the working day before it (Monday to Friday, not a
    bank holiday of the programme's nation), at the round's time of day in its time zone,
    so that nobody is written to at the weekend about a Monday round."""
    from bot.core.slots import bank_holidays  # the holidays package, only when asked

    day = round_at.astimezone(schedule.zone(programme.timezone)) - dt.timedelta(days=1)
    closed = bank_holidays(programme.holidays or "none", (day.year - 1, day.year))
    while day.weekday() >= SATURDAY or day.date() in closed:
        day -= dt.timedelta(days=1)
    return day
