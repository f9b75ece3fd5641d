"""SIGTERM in the middle of a delivery: the process leaves within its grace period, and
no message is lost, sent twice, or left claimed."""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.core.schedule import WEEKDAYS
from bot.store import migrate
from bot.store.db import make_engine, make_session_factory
from bot.store.models import OutboxMessage
from tests.fakes.slack_api import FakeSlack
from tests.support.proc import Server
from tests.support.seed import programme_with_people

pytestmark = pytest.mark.slow
GROUPS = 60
GRACE = 10


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(OutboxMessage.state, func.count())
                                 .where(OutboxMessage.kind == "intro")
                                 .group_by(OutboxMessage.state)).all())


def test_sigterm_mid_delivery_loses_nothing_doubles_nothing_leaves_nothing_leased(
        database_url, tmp_path):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    due = now - dt.timedelta(days=1)
    cadence = f"weekly {WEEKDAYS[due.weekday()]} {due:%H}:{due:%M}"
    programme_with_people(make_session_factory(engine), name="Stop", people=GROUPS * 2,
                          created=now - dt.timedelta(days=30), cadence=cadence,
                          timezone="UTC")
    # Each Slack call takes 0.1 s: the round's 120 calls take seconds, so the signal
    # arrives while sends are under way.
    with FakeSlack(latency=0.1) as fake:
        for i in range(GROUPS * 2):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.url,
               "PAIRBOT_SLACK_RATE_SCALE": "1000",
               "PAIRBOT_SHUTDOWN_GRACE_SECONDS": str(GRACE)}
        with Server(env=env, cwd=tmp_path) as first:
            first.wait_ready()
            deadline = time.monotonic() + 60
            while counts(engine).get("sent", 0) < 5 and time.monotonic() < deadline:
                time.sleep(0.05)
            first.proc.send_signal(signal.SIGTERM)
            signalled = time.monotonic()
            first.proc.wait(timeout=GRACE + 10)
            took = time.monotonic() - signalled
            stopped_log = first.output()
        at_stop = counts(engine)
        with engine.connect() as conn:
            leased = conn.scalar(select(func.count(OutboxMessage.id)).where(
                OutboxMessage.state == "sending"))
            # A send not begun is handed back once, not claimed and refused over and over.
            most_attempts = conn.scalar(select(func.max(OutboxMessage.attempts)))
        # A second process sends the rest.
        with Server(env=env, cwd=tmp_path) as second:
            second.wait_ready()
            deadline = time.monotonic() + 90
            while counts(engine).get("sent", 0) < GROUPS and time.monotonic() < deadline:
                time.sleep(0.2)
            second_log = second.output()
        keys = Counter(m.get("metadata", {}).get("event_payload", {}).get("key")
                       for m in fake.messages())
    final = counts(engine)
    with engine.connect() as conn:
        errors = conn.execute(select(OutboxMessage.idempotency_key, OutboxMessage.last_error,
                                     OutboxMessage.attempts)
                              .where(OutboxMessage.state != "sent")).all()
    engine.dispose()
    assert took < GRACE, stopped_log
    assert "stopped in" in stopped_log, stopped_log
    # Stopped mid-delivery: some intros sent, the rest handed back, none held.
    assert 0 < at_stop.get("sent", 0) < GROUPS, at_stop
    assert at_stop.get("pending", 0) > 0, at_stop
    assert leased == 0
    assert most_attempts <= 1
    assert final == {"sent": GROUPS}, (errors, stopped_log, second_log)
    intro_keys = [k for k in keys if k and ":intro:" in k]
    assert len(intro_keys) == GROUPS
    assert {k: n for k, n in keys.items() if n > 1} == {}
    assert "Traceback" not in stopped_log + second_log
