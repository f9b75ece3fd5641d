"""The outbox sender: exactly once across crashes, transient and permanent failures."""


from sqlalchemy import select

from bot.services import delivery, rounds
from bot.services.clock import FixedClock
from bot.services.gateway import Outgoing
from bot.store.models import OutboxMessage, Programme
from tests.services.conftest import ROUND_AT, join


def _round(services, clock, people):
    for user, profession in people:
        join(services, user, profession)
    clock.at = ROUND_AT
    with services.unit_of_work() as session:
        programme_id = session.scalars(select(Programme.id)).one()
    return rounds.run_round(services, programme_id)


def test_a_send_interrupted_before_its_commit_is_found_not_repeated(services, gateway, clock):
    _round(services, clock, [("U1", "Nurse"), ("U2", "Manager")])
    services.wall = FixedClock(ROUND_AT)
    claimed = delivery._claim(services, 10)
    assert len(claimed) == 1
    # The platform took the message, then the process died before recording it.
    item = claimed[0]
    gateway.send(Outgoing(item.key, item.workspace, item.intent, item.users))
    assert delivery.deliver_due(services).sent == 0  # still leased to the dead process

    services.wall.advance(seconds=services.delivery.lease.total_seconds() + 1)
    report = delivery.deliver_due(services)
    assert (report.sent, report.recovered) == (1, 1)
    assert len(gateway.of_kind("intro")) == 1
    with services.unit_of_work() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.state, row.ref_ts, row.attempts) == ("sent", "m1", 2)


def test_a_transient_failure_is_retried_later_with_backoff(services, gateway, clock):
    _round(services, clock, [("U1", "Nurse"), ("U2", "Manager")])
    gateway.transient.append("ratelimited")
    report = delivery.deliver_due(services)
    assert (report.sent, report.retried, report.errors) == (0, 1, {"ratelimited": 1})
    assert delivery.deliver_due(services).sent == 0
    with services.unit_of_work() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.state, row.last_error) == ("pending", "ratelimited")
    clock.advance(seconds=4)
    assert delivery.deliver_due(services).sent == 0  # the first backoff is 5 s
    clock.advance(seconds=1)
    assert delivery.deliver_due(services).sent == 1


def test_rows_of_an_unconfigured_platform_wait(services, gateway, clock):
    _round(services, clock, [("U1", "Nurse"), ("U2", "Manager")])
    services.gateways.clear()
    assert delivery.deliver_due(services).sent == 0
    with services.unit_of_work() as session:
        assert session.scalars(select(OutboxMessage.state)).all() == ["pending"]


def test_gives_up_after_the_maximum_attempts(services, gateway, clock):
    _round(services, clock, [("U1", "Nurse"), ("U2", "Manager")])
    services.delivery.max_attempts = 2
    gateway.transient.extend(["internal_error", "internal_error"])
    delivery.deliver_due(services)
    clock.advance(minutes=5)
    report = delivery.deliver_due(services)
    assert report.failed == 1
    with services.unit_of_work() as session:
        assert session.scalars(select(OutboxMessage.state)).all() == ["failed"]


def test_old_event_ids_are_forgotten_after_a_week(services, clock):
    from bot.services import events, jobs

    assert events.record(services, "slack", "Ev1")
    assert events.processed(services, "slack", "Ev1")
    assert not events.record(services, "slack", "Ev1")  # a retry
    clock.advance(days=8)
    jobs.run_due(services)
    assert not events.processed(services, "slack", "Ev1")
    assert events.record(services, "slack", "Ev1")
