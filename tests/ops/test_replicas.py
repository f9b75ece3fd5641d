"""Three identical `pairbot serve` replicas on one PostgreSQL database: one leads the
scheduler; when it is killed another takes over, and the next round runs exactly once."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select, update

from bot.core.schedule import WEEKDAYS
from bot.store import migrate
from bot.store.db import make_engine, make_session_factory
from bot.store.models import OutboxMessage, Programme, Round
from tests.fakes.slack_api import FakeSlack
from tests.support.proc import Server, get
from tests.support.seed import programme_with_people

pytestmark = pytest.mark.slow
GROUPS = 20
# From moving the round to the kill, a new leader and its scheduler (about a second with
# PAIRBOT_LEADER_RETRY_SECONDS=1; the test fails, not waits, when it takes longer).
TAKEOVER_MARGIN = dt.timedelta(seconds=10)


def weekly_at(at: dt.datetime, zone: str) -> str:
    local = at.astimezone(ZoneInfo(zone))
    return f"weekly {WEEKDAYS[local.weekday()]} {local:%H}:{local:%M}"


def wait_sent(engine: Engine, kind: str, count: int, timeout: float) -> bool:
    """Wait until `count` outbox rows of `kind` are sent (True), at most `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        with engine.connect() as conn:
            sent = conn.scalar(select(func.count(OutboxMessage.id)).where(
                OutboxMessage.state == "sent", OutboxMessage.kind == kind))
        if sent == count or time.monotonic() > deadline:
            return sent == count
        time.sleep(0.25)


def leading(server: Server) -> bool | None:
    """What the replica's /metrics says (None: it does not answer)."""
    try:
        status, body = get(server.url + "/metrics")
    except OSError:
        return None
    if status != 200:
        return None
    for line in body.decode().splitlines():
        if line.startswith("pairbot_scheduler_leader "):
            return float(line.split()[1]) == 1.0
    return None


def leaders(servers: list[Server], timeout: float = 30) -> list[Server]:
    """The replicas that lead, once exactly one does (or whatever is seen at the timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [s for s in servers if leading(s)]
        if len(found) == 1 or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_the_leader_dies_another_takes_over_and_the_round_runs_once(database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("replicas share a PostgreSQL database")
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    # First a round half an hour away: its heads-ups are due at once, the first leader's.
    # It and the round it is moved to below fall in one week (the period the heads-ups
    # are sent for): late on a Sunday in UTC, the programme keeps UTC+12's time.
    zone = "Etc/GMT-12" if now.weekday() == 6 and now.hour >= 22 else "UTC"
    programme_id = programme_with_people(
        make_session_factory(engine), name="Replicas", people=GROUPS * 2,
        created=now - dt.timedelta(days=30),
        cadence=weekly_at(now + dt.timedelta(minutes=30), zone), timezone=zone)
    with FakeSlack() as fake:
        for i in range(GROUPS * 2):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.url,
               "PAIRBOT_SLACK_RATE_SCALE": "1000", "PAIRBOT_LEADER_RETRY_SECONDS": "1"}
        servers = [Server(env=env, cwd=tmp_path) for _ in range(3)]
        try:
            for server in servers:
                server.wait_ready()
            first = leaders(servers)
            assert len(first) == 1, [s.output() for s in servers]
            # The first leader sends the heads-ups before it dies. (Killed mid-send, it
            # would leave rows leased for PAIRBOT_DELIVERY_LEASE_SECONDS, two minutes,
            # past the intros: the check below that everything was sent failed so
            # under load.)
            assert wait_sent(engine, "headsup", GROUPS * 2, timeout=60), first[0].output()
            # Then the round is moved to the first minute boundary at least TAKEOVER_MARGIN
            # from now, and the leader killed: a new leader reads the cadence when it
            # starts its scheduler, and the round falls due after the takeover (asserted
            # below), so it is the second leader's cron job that must run it. Set only
            # now, once the replicas are up, so that their start-up (seconds, more on a
            # loaded machine) needs no margin of its own.
            at = (dt.datetime.now(dt.UTC) + TAKEOVER_MARGIN + dt.timedelta(seconds=59)
                  ).replace(second=0, microsecond=0)
            with engine.begin() as conn:
                conn.execute(update(Programme).where(Programme.id == programme_id)
                             .values(cadence=weekly_at(at, zone)))
            first[0].proc.kill()
            first[0].proc.wait()
            killed_at = time.monotonic()
            rest = [s for s in servers if s is not first[0]]
            second = leaders(rest)
            assert len(second) == 1, [s.output() for s in rest]
            assert time.monotonic() - killed_at < 60
            assert dt.datetime.now(dt.UTC) < at, "the round fell due before the takeover"
            wait_sent(engine, "intro", GROUPS, timeout=180)
            # Both survivors keep running; only one of them leads all along.
            assert [leading(s) for s in rest].count(True) == 1
            logs = "".join(s.output() for s in servers)
            second_log = second[0].output()
        finally:
            for server in servers:
                server.stop()
        keys = Counter(m.get("metadata", {}).get("event_payload", {}).get("key")
                       for m in fake.messages())
    with engine.connect() as conn:
        assert conn.scalar(select(func.count(Round.id))) == 1
        states = dict(conn.execute(select(OutboxMessage.state, func.count())
                                   .group_by(OutboxMessage.state)).all())
    engine.dispose()
    # The intros, and the heads-ups sent the day before (here: at once), each once.
    assert set(states) == {"sent"}, logs
    assert len([k for k in keys if k and ":intro:" in k]) == GROUPS
    assert {k: n for k, n in keys.items() if n > 1} == {}
    assert "Traceback" not in logs
    assert second_log.count("this replica leads") == 1
    # Its cron job ran the round (not the housekeeping that catches up missed rounds).
    assert "round started: " in second_log, second_log
