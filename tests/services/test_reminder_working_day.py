"""A check-in reminder that would fall at a weekend or on a bank holiday of the
programme's nation goes out on the next working day, at the same time of day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from bot.services import jobs, rounds
from bot.store.models import Match, Programme
from tests.services.conftest import ROUND_AT, join

UTC = dt.UTC


def _reminder_due(services, clock, **settings) -> dt.datetime:
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        session.execute(update(Programme).where(Programme.id == pid).values(**settings))
    clock.at = ROUND_AT  # Monday 7 December 2026, 10:00 UTC
    rounds.run_round(services, pid)
    with services.unit_of_work() as session:
        due = session.scalars(select(Match.reminder_due_at)).one()
    return due if due.tzinfo else due.replace(tzinfo=UTC)


@pytest.mark.parametrize(("settings", "expected"), [
    # Check-in on Monday 21 December; a week later is Monday 28 December, the bank holiday
    # for Boxing Day (26 December is a Saturday) in every nation of the UK.
    ({"holidays": "england"}, dt.datetime(2026, 12, 29, 10, 0, tzinfo=UTC)),
    ({"holidays": "scotland"}, dt.datetime(2026, 12, 29, 10, 0, tzinfo=UTC)),
    ({"holidays": "none"}, dt.datetime(2026, 12, 28, 10, 0, tzinfo=UTC)),
    # Check-in after 12 days: Saturday 19 December; a week later is Saturday 26 December,
    # then Sunday, then the bank holiday: Tuesday 29 December.
    ({"holidays": "wales", "checkin_after_days": 12},
     dt.datetime(2026, 12, 29, 10, 0, tzinfo=UTC)),
    # Without bank holidays, a weekend still waits for the Monday.
    ({"holidays": "none", "checkin_after_days": 12},
     dt.datetime(2026, 12, 28, 10, 0, tzinfo=UTC)),
    # A working day stays as it was: check-in Wednesday 16 December, reminder the 23rd.
    ({"holidays": "england", "checkin_after_days": 9},
     dt.datetime(2026, 12, 23, 10, 0, tzinfo=UTC)),
])
def test_the_reminder_waits_for_a_working_day(services, clock, settings, expected):
    assert _reminder_due(services, clock, **settings) == expected


def test_no_reminder_is_sent_on_the_bank_holiday_itself(services, gateway, clock):
    _reminder_due(services, clock, holidays="england")
    jobs.run_due(services)  # the intro goes out
    clock.at = dt.datetime(2026, 12, 28, 12, 0, tzinfo=UTC)  # the bank holiday, noon
    report = jobs.run_due(services)
    assert (report.checkins, report.reminders) == (1, 0)
    clock.at = dt.datetime(2026, 12, 29, 10, 1, tzinfo=UTC)
    assert jobs.run_due(services).reminders == 1
    assert sorted(s.intent.reminder for s in gateway.of_kind("checkin")) == [False, True]
