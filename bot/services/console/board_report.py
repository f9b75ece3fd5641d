"""A programme's report for its board over a chosen period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.core.i18n import _, format_long_day
from bot.services.console.access import Forbidden, Viewer
from bot.services.console.outcomes import LEARNINGS_SHOWN, Overview, overview
from bot.services.context import Services


@dataclass(frozen=True)
class Report:
    """A programme's report for its board over a period: the overview's figures for the
    rounds started in it, with the definitions printed beside them."""

    figures: Overview
    start: dt.date | None
    end: dt.date | None
    made_on: str

    @property
    def period(self) -> str:
        """The period in words."""
        if self.start and self.end:
            return _("{start} to {end}").format(start=format_long_day(self.start),
                                                end=format_long_day(self.end))
        if self.start:
            return _("from {day}").format(day=format_long_day(self.start))
        if self.end:
            return _("up to {day}").format(day=format_long_day(self.end))
        return _("since the programme began")


def report(services: Services, viewer: Viewer, programme_id: int, *,
           start: dt.date | None = None, end: dt.date | None = None) -> Report:
    """The programme's report over the chosen period (the same figures as its overview)."""
    if start and end and start > end:
        raise Forbidden(_("The start date is after the end date; choose a start on or before "
                          "the end."))
    figures = overview(services, viewer, programme_id, start=start, end=end,
                       learnings=LEARNINGS_SHOWN)
    return Report(figures=figures, start=start, end=end,
                  made_on=format_long_day(services.now().date()))
