"""SIGKILL at random moments while a 200-group round (and its check-ins) is delivered.

A phase is one delivery: the intros of a new 400-person programme (`pairbot tick`
at the round's instant), or their check-ins fourteen days later. In each phase
the tick is killed with SIGKILL at several random points of its progress, each
time restarted, and finally left to finish. Twenty kills in all (a trial each),
at random moments from just before Slack's answer to just after the commit:
every intro and every check-in arrives at the (fake) Slack exactly once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import signal
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from bot.store import migrate
from bot.store.db import make_engine, make_session_factory
from bot.store.models import OutboxMessage
from tests.fakes.slack_api import FakeSlack
from tests.support.forked import Forked, Forker
from tests.support.proc import clean_env
from tests.support.seed import programme_with_people

# Fifteen `pairbot tick` processes (forked from one that imported pairbot once, so they
# do not each pay the runtime's imports); PAIRBOT_CRASH_TRIALS=100 makes a hundred and
# twenty-five, past the suite's 300 s timeout on a loaded machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

GROUPS = 200
# Twelve kills in three phases in the suite; PAIRBOT_CRASH_TRIALS=100 for a long run.
TRIALS = int(os.environ.get("PAIRBOT_CRASH_TRIALS", "12"))
KILLS_PER_PHASE = 4
ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
PAST = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _run(forker: Forker, at: dt.datetime) -> Forked:
    return forker.run("tick", "--at", at.isoformat())


def _kill_at(forker, at, fake: FakeSlack, target: int, rng: random.Random) -> bool:
    """Start a tick and SIGKILL it once Slack has had `target` posts in all."""
    proc = _run(forker, at)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        # Woken by Slack's recording of each post (it records before it answers).
        if fake.wait_for_calls("chat.postMessage", target, timeout=0.05):
            # A little later still, so the kill falls anywhere from Slack's answer
            # to the commit that records it.
            time.sleep(rng.uniform(0, 0.02))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            assert len(fake.calls_to("chat.postMessage")) >= target
            return True
    proc.wait()
    return False


def _phase(forker, at, fake, rng, kills: int) -> int:
    """Deliver one phase, killed at `kills` random points of its progress, then finished."""
    start = len(fake.calls_to("chat.postMessage"))
    killed = 0
    for target in sorted(rng.sample(range(1, GROUPS), kills)):
        killed += _kill_at(forker, at, fake, start + target, rng)
    # The last restart finishes the work: it starts once the killed tick's leases (0.2 s)
    # have run out, else it would leave their rows to the next tick (as it says it does).
    time.sleep(0.5)
    proc = _run(forker, at)
    assert proc.wait(timeout=300) == 0, proc.stderr()
    return killed


def test_sigkill_during_delivery_never_duplicates_or_loses(database_url, tmp_path):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    rng = random.Random(20261207)
    with FakeSlack() as fake, contextlib.ExitStack() as stack:
        for i in range(GROUPS * 2):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        env = clean_env({
            "DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.url,
            "PAIRBOT_SLACK_RATE_SCALE": "1000", "PAIRBOT_DELIVERY_LEASE_SECONDS": "0.2",
        })
        # Each tick is a process of its own, forked from one that imported pairbot once.
        forker = stack.enter_context(Forker(env, tmp_path, cwd=tmp_path))
        kills = 0
        phases = -(-TRIALS // KILLS_PER_PHASE)
        programmes = []
        for phase in range(phases):
            kills_here = min(KILLS_PER_PHASE, TRIALS - kills)
            if phase % 2 == 0:
                programmes.append(programme_with_people(
                    sessions, name=f"Trial {phase // 2}", people=GROUPS * 2, created=PAST))
                at = ROUND_AT + dt.timedelta(seconds=30)
            else:
                at = ROUND_AT + dt.timedelta(days=14, minutes=1)
            kills += _phase(forker, at, fake, rng, kills_here)
            with sessions() as session:
                left = session.execute(
                    select(OutboxMessage.kind, OutboxMessage.state, func.count())
                    .where(OutboxMessage.state != "sent")
                    .group_by(OutboxMessage.kind, OutboxMessage.state)).all()
            assert left == [], f"phase {phase}: undelivered rows {left}"
        keys = Counter(m.get("metadata", {}).get("event_payload", {}).get("key")
                       for m in fake.messages())
    engine.dispose()
    intros = [k for k in keys if k and ":intro:" in k]
    checkins = [k for k in keys if k and ":checkin:" in k]
    assert len(intros) == GROUPS * len(programmes)
    assert len(checkins) == GROUPS * (phases // 2)
    assert {k: n for k, n in keys.items() if n > 1} == {}
    assert kills == TRIALS  # every kill landed mid-delivery
