"""When a programme's rounds fall: the next round, the period a moment belongs to, the
local calendar day (the programme's cadence and time zone, through bot/core/schedule.py)."""

from __future__ import annotations

import datetime as dt

from bot.core import schedule
from bot.store.models import Programme


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
