"""Two `pairbot serve` processes on one PostgreSQL database, the same due round:
one round, one message per recipient."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.core.schedule import WEEKDAYS
from bot.store import migrate
from bot.store.db import make_engine, make_session_factory
from bot.store.models import OutboxMessage, Round
from tests.fakes.slack_api import FakeSlack
from tests.support.proc import Server
from tests.support.seed import programme_with_people

pytestmark = pytest.mark.slow
GROUPS = 100


def test_two_replicas_run_one_round_and_send_each_message_once(database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("replicas share a PostgreSQL database")
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    due = now - dt.timedelta(days=1)
    # A weekly round that fell due yesterday: both replicas find it on start.
    cadence = f"weekly {WEEKDAYS[due.weekday()]} {due:%H}:{due:%M}"
    created = now - dt.timedelta(days=30)
    programme_with_people(make_session_factory(engine), name="Replicas", people=GROUPS * 2,
                          created=created, cadence=cadence, timezone="UTC")
    with FakeSlack() as fake:
        for i in range(GROUPS * 2):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.url,
               "PAIRBOT_SLACK_RATE_SCALE": "1000"}
        with Server(env=env, cwd=tmp_path) as one, Server(env=env, cwd=tmp_path) as two:
            one.wait_ready()
            two.wait_ready()
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                with engine.connect() as conn:
                    sent = conn.scalar(select(func.count(OutboxMessage.id)).where(
                        OutboxMessage.state == "sent"))
                if sent == GROUPS:
                    break
                time.sleep(0.5)
            logs = one.output() + two.output()
        keys = Counter(m.get("metadata", {}).get("event_payload", {}).get("key")
                       for m in fake.messages())
    with engine.connect() as conn:
        assert conn.scalar(select(func.count(Round.id))) == 1
        states = dict(conn.execute(select(OutboxMessage.state, func.count())
                                   .group_by(OutboxMessage.state)).all())
    engine.dispose()
    assert states == {"sent": GROUPS}, logs
    assert len([k for k in keys if k and ":intro:" in k]) == GROUPS
    assert {k: n for k, n in keys.items() if n > 1} == {}
    recipients = Counter(u for m in fake.messages() for u in fake.members(m["channel"])
                         if u != "UBOT")
    assert set(recipients.values()) == {1}
    assert "Traceback" not in logs
