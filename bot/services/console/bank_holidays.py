"""A warning when a programme's cadence lands a round on a bank holiday of its nation
(25 December, Easter Monday…): few people answer an introduction sent that day."""

from __future__ import annotations

from dataclasses import dataclass

import holidays

from bot.core import settings as table
from bot.core import slots
from bot.core.i18n import _
from bot.core.intents import format_day
from bot.services import programme_schedule
from bot.services.console.access import Viewer, programme_of
from bot.services.context import Services

# How far ahead the warning looks, in rounds.
ROUNDS_AHEAD = 12


@dataclass(frozen=True)
class HolidayRound:
    """A coming round that falls on a bank holiday."""

    day: str
    holiday: str
    nation: str


def holiday_rounds(services: Services, viewer: Viewer, programme_id: int,
                   ahead: int = ROUNDS_AHEAD) -> tuple[HolidayRound, ...]:
    """The next `ahead` rounds that fall on a bank holiday of the programme's nation
    (its `holidays` setting; none for "none")."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = programme_of(session, viewer, programme_id)[0]
        code = slots.NATIONS.get(programme.holidays)
        if code is None or not programme.active:
            return ()
        nation = dict(table.HOLIDAY_CHOICES).get(programme.holidays, programme.holidays)
        days = []
        at = now
        for _ in range(ahead):
            at = programme_schedule.next_round_at(programme, at)
            days.append(programme_schedule.local_day(programme, at))
    names = holidays.country_holidays("GB", subdiv=code,
                                      years=sorted({d.year for d in days}))
    return tuple(HolidayRound(day=f"{format_day(d)} {d.year}", holiday=str(names[d]),
                              nation=nation)
                 for d in days if d in names)


def warning(found: tuple[HolidayRound, ...]) -> str:
    """The warning in one sentence ("" when no round falls on a bank holiday)."""
    if not found:
        return ""
    listed = "; ".join(f"{h.day} ({h.holiday})" for h in found)
    return _("A coming round falls on a bank holiday in {nation}: {days}. Few people read "
             "messages that day; consider another day in the cadence.").format(
        nation=found[0].nation, days=listed)

