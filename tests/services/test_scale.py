"""Housekeeping costs what is due: statement counts at 2,000 people, bulk writes, batches.

Counting statements (SQLAlchemy's before_cursor_execute) is deterministic, so these
are tests; time is left to bench/scale.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func, select

from bot.services import delivery, jobs, rounds
from bot.store.models import Match, MatchMember, OutboxMessage, Programme
from tests.services.conftest import ROUND_AT
from tests.support.seed import programme_with_people

PEOPLE = 2000
PAST = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


class Statements:
    def __init__(self) -> None:
        self.sql: list[str] = []

    def __len__(self) -> int:
        return len(self.sql)

    def matching(self, text: str) -> int:
        return sum(text in s for s in self.sql)


@contextmanager
def counted(engine) -> Iterator[Statements]:
    found = Statements()

    def record(conn, cursor, statement, parameters, context, executemany):
        found.sql.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _programme(services, people=PEOPLE) -> int:
    return programme_with_people(services.sessions, name="Big", people=people, created=PAST)


def test_quiet_ticks_are_a_handful_of_statements_whatever_is_open(services, engine, clock):
    _programme(services)
    clock.at = ROUND_AT - dt.timedelta(hours=23)
    assert jobs.run_due(services).headsups == PEOPLE
    clock.advance(minutes=1)
    with counted(engine) as quiet_after_headsups:
        report = jobs.run_due(services)
    assert (report.headsups, report.delivery.sent) == (0, 0)
    assert len(quiet_after_headsups) <= 20, quiet_after_headsups.sql

    clock.at = ROUND_AT
    jobs.run_due(services)
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    assert jobs.run_due(services).checkins == PEOPLE // 2
    clock.advance(minutes=1)
    with counted(engine) as quiet_after_checkins:
        report = jobs.run_due(services)
    assert (report.checkins, report.reminders, report.delivery.sent) == (0, 0, 0)
    assert len(quiet_after_checkins) <= 20, quiet_after_checkins.sql


def test_heads_ups_are_written_once_per_period_in_a_few_statements(services, engine, clock):
    programme_id = _programme(services)
    clock.at = ROUND_AT - dt.timedelta(hours=23)
    with counted(engine) as statements:
        report = jobs.run_due(services, deliver=False)
    assert report.headsups == PEOPLE
    # PostgreSQL: one INSERT … SELECT FROM unnest of every row; SQLite: multi-row
    # statements of a thousand rows each. Never one per person.
    expected = 1 if engine.dialect.name == "postgresql" else PEOPLE // 1000
    assert statements.matching("INSERT INTO outbox") == expected
    # A constant, whatever the size: the tick's reads, this insert, and housekeeping's few
    # indexed statements (invitations due, expired install states and console sessions).
    assert len(statements) <= 18
    with services.unit_of_work() as session:
        assert session.get_one(Programme, programme_id).headsup_period == "2026-12"
        assert session.scalar(select(func.count(OutboxMessage.id))) == PEOPLE
    clock.advance(hours=1)
    assert jobs.run_due(services, deliver=False).headsups == 0  # the marker holds


def test_a_round_is_written_in_bulk(services, engine, clock):
    programme_id = _programme(services)
    clock.at = ROUND_AT
    with counted(engine) as statements:
        plan = rounds.run_round(services, programme_id)
    assert len(plan.groups) == PEOPLE // 2
    assert statements.matching("INSERT INTO matches") == 1
    assert statements.matching("INSERT INTO match_members") <= PEOPLE // 1000
    assert statements.matching("INSERT INTO outbox") == 1
    # Everyone's latest round (participants.last_round_id) in one statement, not one each.
    assert statements.matching("UPDATE participants SET last_round_id") == 1
    # PostgreSQL: the column's planner statistics refreshed once (services/placed.py).
    analysed = statements.matching("ANALYZE participants")
    assert analysed == (engine.dialect.name == "postgresql")
    assert len(statements) <= 21 + analysed, statements.sql
    with services.unit_of_work() as session:
        assert session.scalar(select(func.count(MatchMember.id))) == PEOPLE
        # Matches and their intros went in together, one intro per group.
        assert session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.kind == "intro")) == PEOPLE // 2
        assert session.scalar(select(func.count(Match.id)).where(
            Match.next_due_at == Match.checkin_due_at)) == PEOPLE // 2


def test_the_outbox_is_claimed_and_marked_sent_per_batch(services, engine, clock, gateway):
    programme_id = _programme(services, people=240)
    clock.at = ROUND_AT
    rounds.run_round(services, programme_id)
    services.delivery.batch = services.delivery.max_batch = 50
    with counted(engine) as statements:
        report = delivery.deliver_due(services)
    assert report.sent == 120 and len(gateway.of_kind("intro")) == 120
    # Three batches (50, 50, 20), then one empty look for pending and one for stale rows.
    assert statements.matching("WITH picked") == 5
    assert statements.matching("UPDATE outbox SET") - statements.matching("WITH picked") == 3
    with services.unit_of_work() as session:
        assert set(session.scalars(select(OutboxMessage.state))) == {"sent"}
        assert session.scalar(select(func.count(Match.id)).where(
            Match.conversation_id.is_(None))) == 0


def test_batches_grow_while_the_platform_is_fast(services, engine, clock, gateway):
    programme_id = _programme(services, people=700)
    clock.at = ROUND_AT
    rounds.run_round(services, programme_id)
    services.delivery.batch, services.delivery.max_batch = 50, 200
    with counted(engine) as statements:
        assert delivery.deliver_due(services).sent == 350
    # Batches of 50, 100 and 200 (the most), far quicker than the lease; then one look
    # for pending and one for stale rows, both empty.
    assert statements.matching("WITH picked") == 3 + 2


def test_due_matches_move_through_checkin_reminder_and_closing(services, clock):
    _programme(services, people=4)
    clock.at = ROUND_AT
    jobs.run_due(services)
    with services.unit_of_work() as session:
        first = session.scalars(select(Match).order_by(Match.id)).first()
        assert first.next_due_at == first.checkin_due_at and first.checkin_sent_at is None
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    jobs.run_due(services)
    with services.unit_of_work() as session:
        first = session.get_one(Match, first.id)
        assert first.checkin_sent_at == clock.at and first.next_due_at == first.reminder_due_at
    # 28 December 2026 is a bank holiday (Boxing Day's substitute): the reminder waits
    # for the next working day, the 29th.
    clock.at = ROUND_AT + dt.timedelta(days=21, minutes=1)
    assert jobs.run_due(services).reminders == 0
    clock.at = ROUND_AT + dt.timedelta(days=22, minutes=1)
    assert jobs.run_due(services).reminders == 2
    clock.at = ROUND_AT + dt.timedelta(days=29, minutes=1)
    jobs.run_due(services)  # also January's round: its matches start their own steps
    with services.unit_of_work() as session:
        states = session.execute(select(Match.closed_at, Match.next_due_at).where(
            Match.round_id == first.round_id)).all()
        assert states == [(clock.at, None)] * 2


def test_a_match_whose_intro_never_arrived_waits_then_closes(services, clock):
    _programme(services, people=2)
    clock.at = ROUND_AT
    services.gateways.clear()  # Slack is down: the intro stays pending
    jobs.run_due(services)
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    assert jobs.run_due(services).checkins == 0
    with services.unit_of_work() as session:
        match = session.scalars(select(Match)).one()
        assert match.next_due_at == clock.at + jobs.WAIT_FOR_INTRO
    # A week after the reminder would have gone (29 December: the 28th is a bank holiday).
    clock.at = ROUND_AT + dt.timedelta(days=29, minutes=1)
    jobs.run_due(services)
    with services.unit_of_work() as session:
        match = session.scalars(select(Match)).one()
        assert (match.closed_at, match.next_due_at, match.checkin_sent_at) == (
            clock.at, None, None)


def test_a_round_tick_collects_its_garbage_and_a_quiet_tick_does_not(services, clock,
                                                                     monkeypatch):
    collections: list[int] = []
    monkeypatch.setattr(jobs.gc, "collect", lambda *a: collections.append(1) or 0)
    _programme(services)
    clock.at = ROUND_AT
    # The round takes a fraction of a second here: any tick of 10 ms or more counts as busy.
    monkeypatch.setattr(jobs, "COLLECT_AFTER_SECONDS", 0.01)
    assert jobs.run_due(services).rounds  # the round ran: its garbage is collected here
    assert collections == [1]
    clock.advance(minutes=1)
    monkeypatch.setattr(jobs, "COLLECT_AFTER_SECONDS", 1.0)
    jobs.run_due(services)  # quiet: no full collection of its own
    assert collections == [1]
