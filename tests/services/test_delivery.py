"""The outbox sender: exactly once across crashes, transient and permanent failures."""

import datetime as dt
import threading
import time

from sqlalchemy import select

from bot.services import delivery, rounds
from bot.services.clock import FixedClock
from bot.services.foreground import Foreground
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


def test_a_sender_held_to_a_small_cpu_share_still_sends_every_message_once(
        services, gateway, clock):
    people = [(f"U{i}", "Nurse" if i % 2 else "Manager") for i in range(12)]
    _round(services, clock, people)
    share = delivery.CpuShare(0.05, burst=0.001)
    report = delivery.deliver_due(services, share=share)
    assert report.sent == 6
    assert sorted(user for sent in gateway.of_kind("intro") for user in sent.users) == sorted(
        user for user, _ in people)
    with services.unit_of_work() as session:
        assert set(session.scalars(select(OutboxMessage.state))) == {"sent"}


def _burn(seconds: float) -> None:
    started = time.thread_time()
    while time.thread_time() - started < seconds:
        pass


def test_the_cpu_share_makes_the_sender_wait_for_the_cpu_it_used_and_not_once_stopping():
    share = delivery.CpuShare(0.5, burst=0.01)
    with share.turn():
        _burn(0.06)  # 0.05 s over the burst: 0.1 s at half a core's pace
    waited = time.monotonic()
    share.wait()
    assert time.monotonic() - waited >= 0.09

    stopping = threading.Event()
    share = delivery.CpuShare(0.001, burst=0.0, stopping=stopping)
    with share.turn():
        _burn(0.02)  # 20 s of waiting at this share
    stopping.set()
    waited = time.monotonic()
    share.wait()
    assert time.monotonic() - waited < 5


def _states(services):
    with services.unit_of_work() as session:
        return sorted(session.scalars(select(OutboxMessage.state)))


def test_the_sender_starts_no_claim_or_send_while_a_request_is_in_flight(
        services, gateway, clock):
    people = [(f"U{i}", "Nurse" if i % 2 else "Manager") for i in range(6)]
    _round(services, clock, people)
    services.delivery.workers = 1  # one send at a time, so each waits at its checkpoint
    foreground = Foreground()
    share = delivery.CpuShare(1.0, foreground=foreground, patience=30)
    foreground.enter()  # a request is being answered
    reports = []
    sender = threading.Thread(target=lambda: reports.append(
        delivery.deliver_due(services, share=share)))
    sender.start()
    time.sleep(0.3)
    assert gateway.sent == [] and _states(services) == ["pending"] * 3  # not even claimed

    # Answered: the sender goes on. A request that arrives with the first send holds the
    # second until it is answered too.
    answered = []
    send = gateway.send

    def send_while_a_request_arrives(message):
        if not gateway.sent:
            foreground.enter()

            def answer():
                time.sleep(0.3)
                answered.append(time.monotonic())
                foreground.leave()

            threading.Thread(target=answer).start()
        ref = send(message)
        sends.append(time.monotonic())
        return ref

    sends: list[float] = []
    gateway.send = send_while_a_request_arrives
    foreground.leave()
    sender.join(10)
    assert reports[0].sent == 3 and _states(services) == ["sent"] * 3
    assert len(sends) == 3 and sends[1] >= answered[0]


def test_requests_that_never_stop_still_let_the_sender_send_every_message(
        services, gateway, clock):
    people = [(f"U{i}", "Nurse" if i % 2 else "Manager") for i in range(6)]
    _round(services, clock, people)
    foreground = Foreground()
    foreground.enter()  # and never answered
    share = delivery.CpuShare(1.0, foreground=foreground, patience=0.05)
    reports = []
    sender = threading.Thread(target=lambda: reports.append(
        delivery.deliver_due(services, share=share)), daemon=True)
    started = time.monotonic()
    sender.start()
    sender.join(10)
    assert not sender.is_alive(), "the sender waited for the requests to stop"
    # Each unit of work waited its patience: claim, check, sends, record, the last claim.
    assert time.monotonic() - started >= 0.2
    assert reports[0].sent == 3 and _states(services) == ["sent"] * 3
    assert len(gateway.of_kind("intro")) == 3

    stopping = threading.Event()
    share = delivery.CpuShare(1.0, foreground=foreground, patience=30, stopping=stopping)
    stopping.set()
    waited = time.monotonic()
    share.wait()  # a stop does not wait for the requests
    assert time.monotonic() - waited < 1


def test_until_short_leaves_what_falls_due_during_a_pass_to_the_next_pass(
        services, gateway, clock):
    people = [(f"U{i}", "Nurse" if i % 2 else "Manager") for i in range(6)]
    _round(services, clock, people)
    with services.unit_of_work() as session:
        later = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).first()
        later.not_before = clock.now() + dt.timedelta(minutes=1)
    send = gateway.send

    def send_and_a_minute_passes(message):
        clock.at = max(clock.at, ROUND_AT + dt.timedelta(minutes=2))  # `later` falls due
        return send(message)

    gateway.send = send_and_a_minute_passes
    report = delivery.deliver_due(services, until_short=True)
    assert (report.claimed, report.sent) == (2, 2)  # the batch asked for more: short
    with services.unit_of_work() as session:
        assert session.get_one(OutboxMessage, later.id).state == "pending"
    assert delivery.deliver_due(services, until_short=True).sent == 1
    with services.unit_of_work() as session:
        assert set(session.scalars(select(OutboxMessage.state))) == {"sent"}
