"""The scheduler inside `pairbot serve`: each programme's round job follows its settings."""

import dataclasses
import datetime as dt

import pytest

from bot.core.schedule import next_round_at, parse_cadence
from bot.runtime import build_services
from bot.scheduler.runner import Scheduler, cron_trigger
from bot.services.clock import FixedClock
from bot.services.programme_settings import settings_of, update_settings
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import Programme

UTC = dt.UTC


@pytest.mark.parametrize(("cadence", "tz", "after", "expected"), [
    ("monthly first monday 10:00", "Europe/London", dt.datetime(2026, 11, 25, tzinfo=UTC),
     dt.datetime(2026, 12, 7, 10, tzinfo=UTC)),
    ("monthly last friday 14:00", "Europe/London", dt.datetime(2026, 11, 1, tzinfo=UTC),
     dt.datetime(2026, 11, 27, 14, tzinfo=UTC)),
    ("monthly day 15 09:30", "UTC", dt.datetime(2026, 11, 25, tzinfo=UTC),
     dt.datetime(2026, 12, 15, 9, 30, tzinfo=UTC)),
    ("weekly wednesday 12:30", "Europe/London", dt.datetime(2026, 11, 25, 13, tzinfo=UTC),
     dt.datetime(2026, 12, 2, 12, 30, tzinfo=UTC)),
])
def test_cron_triggers_fire_when_the_core_says_the_round_is(cadence, tz, after, expected):
    fire = cron_trigger(cadence, tz).get_next_fire_time(None, after)
    assert fire == expected


@pytest.fixture
def running(engine):
    """A started scheduler over a workspace with its default programme."""
    services = build_services(engine, FixedClock(dt.datetime(2026, 11, 25, tzinfo=UTC)))
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", now)
        programme_id = default_programme(session, ws, now).id
    scheduler = Scheduler(services)
    scheduler.start()
    yield services, scheduler, programme_id
    scheduler.stop()


def test_changed_settings_reschedule_without_a_restart(running):
    services, scheduler, programme_id = running
    job = scheduler._scheduler.get_job(f"round-{programme_id}")
    # APScheduler runs on the wall clock: the job fires when the core says the next
    # round is.
    expected = next_round_at(parse_cadence("monthly first monday 10:00"), "Europe/London",
                             dt.datetime.now(UTC))
    assert job.next_run_time == expected
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, programme_id))
    update_settings(services, programme_id, dataclasses.replace(
        current, cadence="weekly friday 12:30", timezone="UTC"), actor="U1")
    scheduler.sync()
    job = scheduler._scheduler.get_job(f"round-{programme_id}")
    assert str(job.trigger) == str(cron_trigger("weekly friday 12:30", "UTC"))
    assert job.next_run_time == next_round_at(parse_cadence("weekly friday 12:30"), "UTC",
                                              dt.datetime.now(UTC))


def test_a_removed_programme_loses_its_job(running):
    services, scheduler, programme_id = running
    with services.unit_of_work() as session:
        session.get_one(Programme, programme_id).active = False
    scheduler.sync()
    assert scheduler._scheduler.get_job(f"round-{programme_id}") is None


def test_the_sender_waits_while_the_web_app_answers_a_request(engine):
    import threading
    import time

    from fastapi.testclient import TestClient

    from bot.config import load_settings
    from bot.runtime import build_runtime

    runtime = build_runtime(load_settings(DATABASE_URL=str(engine.url)), engine=engine)
    started, release = threading.Event(), threading.Event()

    @runtime.app.get("/slow")
    def slow() -> dict[str, str]:
        started.set()
        release.wait(10)
        return {}

    assert runtime.scheduler is not None
    share = runtime.scheduler.share
    share.patience = 30
    turns: list[float] = []
    try:
        with TestClient(runtime.app) as client:
            request = threading.Thread(target=lambda: client.get("/slow"))
            request.start()
            assert started.wait(10)  # the request is in flight, inside the app
            sender = threading.Thread(target=lambda: (share.wait(), turns.append(
                time.monotonic())))
            sender.start()
            time.sleep(0.3)
            assert turns == []  # the sender's turn waits for the answer
            answered = time.monotonic()
            release.set()
            request.join(10)
            sender.join(10)
            assert turns and turns[0] >= answered
    finally:
        release.set()
        runtime.shutdown()
