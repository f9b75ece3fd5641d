"""Rounds as the console sees them: a round's history is never lost to retention, the next
round is the next one that has not run, one round has one date, and a small pilot's empty
rounds move the recency window on."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from bot.services import (
    retention,
    rounds,
)
from bot.services.console import access, commands, csv_exports, outcomes, programme_list, round_log
from bot.services.delivery import deliver_due
from bot.services.programme_settings import settings_of, update_settings
from bot.store.models import Match, OutboxMessage, Programme, Round
from tests.services.conftest import ROUND_AT, join

PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist"),
          ("U5", "Paramedic"), ("U6", "Nurse")]


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def test_a_finished_round_whose_messages_retention_purged_cannot_be_cancelled(
        services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    pid = _programme_id(services)
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    assert deliver_due(services).sent >= 3
    # Four months later: message retention (90 days) has deleted the round's outbox.
    clock.at = ROUND_AT + dt.timedelta(days=120)
    retention.apply(services)
    with services.unit_of_work() as session:
        assert session.scalars(select(OutboxMessage)).all() == []
        round_id = session.scalars(select(Round.id)).one()

    view = round_log.rounds_of(services, access.OPERATOR, pid)[0]
    assert view.cancellable is False and view.sent_ever is True
    with pytest.raises(commands.CannotCancel, match="already sent its messages"):
        commands.cancel_latest(services, pid, actor="test")
    with pytest.raises(access.Forbidden):
        commands.cancel_round(services, access.OPERATOR, pid, round_id)
    with services.unit_of_work() as session:
        rnd = session.get_one(Round, round_id)
        assert rnd.state != "cancelled"
        assert len(session.scalars(select(Match).where(Match.round_id == round_id)).all()) == 3


def test_a_round_that_has_sent_nothing_can_still_be_cancelled(services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    pid = _programme_id(services)
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    assert round_log.rounds_of(services, access.OPERATOR, pid)[0].cancellable is True
    assert "is cancelled" in commands.cancel_latest(services, pid, actor="test")


def test_after_run_now_the_next_round_is_the_next_unrun_period(services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    pid = _programme_id(services)
    # Tuesday 1 December: the cadence's December round would be Monday 7 December.
    clock.at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    [row] = programme_list.programmes_for(services, access.OPERATOR)
    assert row.next_round == "Monday 7 December"
    plan = rounds.run_round(services, pid, actor="test")
    assert plan.period == "2026-12"
    [row] = programme_list.programmes_for(services, access.OPERATOR)
    assert row.next_round == "Monday 4 January"
    assert outcomes.overview(services, access.OPERATOR, pid).next_round == "Monday 4 January"
    assert round_log.this_period(services, access.OPERATOR, pid).next_round == "Monday 4 January"


def test_preview_and_run_give_one_round_one_date(services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    pid = _programme_id(services)
    clock.at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    preview = rounds.preview_round(services, pid)
    ran = rounds.run_round(services, pid)
    assert (preview.period, preview.round_on) == (ran.period, ran.round_on) == (
        "2026-12", "Tuesday 1 December")
    assert "round December 2026 (Tuesday 1 December if run now; scheduled for Monday 7 " \
           "December)" in preview.summary()
    assert "round December 2026 (Tuesday 1 December)" in ran.summary()
    # With December run, the preview is of January on its own day.
    after = rounds.preview_round(services, pid)
    assert (after.period, after.round_on) == ("2027-01", "Monday 4 January")


def test_a_pilot_is_not_stuck_when_its_rounds_group_nobody(services, clock):
    for user, profession in PEOPLE[:3]:
        join(services, user, profession)
    pid = _programme_id(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, pid))
    update_settings(services, pid, dataclasses.replace(current, recency=1), actor="t")
    clock.at = ROUND_AT
    first = rounds.run_round(services, pid)
    assert [len(g.members) for g in first.groups] == [3]
    # January: the three met in December, inside a window of one round; truly so.
    clock.at = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)
    second = rounds.run_round(services, pid)
    assert second.groups == () and len(second.unpaired) == 3
    assert all("within the last round" in reason for _, reason in second.unpaired)
    # February: December is two rounds back, outside the window, though January grouped
    # nobody: the three meet again rather than being left out for ever.
    clock.at = dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)
    third = rounds.run_round(services, pid)
    assert [len(g.members) for g in third.groups] == [3] and third.unpaired == ()


def test_a_term_programme_counts_the_people_of_every_meeting(services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    pid = _programme_id(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, pid))
    update_settings(services, pid, dataclasses.replace(
        current, format="term", term_rounds=3), actor="t")
    for month in (12, 13, 14):
        clock.at = dt.datetime(2026 + (month - 1) // 12, (month - 1) % 12 + 1, 7, 10, 0,
                               tzinfo=dt.UTC)
        rounds.run_round(services, pid)
    figures = outcomes.overview(services, access.OPERATOR, pid)
    assert [r.groups for r in figures.rounds] == [3, 3, 3]
    assert figures.participants_over_time == (
        ("December 2026", 6), ("January 2027", 6), ("February 2027", 6), ("now", 6))
    table = csv_exports.export_rows(services, access.OPERATOR, pid, "evaluation")
    assert [row[2] for row in table if row[0] == "round"] == [6, 6, 6]
