"""`pairbot serve` runs its scheduler in a process of its own (bot/worker.py): the round
and its sends happen there, /metrics still shows them, a scheduler process that dies is
started again, and it never outlives the web process."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.store import migrate
from bot.store.db import make_engine, make_session_factory
from bot.store.models import OutboxMessage
from tests.fakes.slack_api import FakeSlack
from tests.ops.test_metrics import sample
from tests.ops.test_replicas import weekly_at
from tests.slack.test_serve import eventually
from tests.support.proc import Server, get
from tests.support.seed import programme_with_people

pytestmark = pytest.mark.slow
GROUPS = 4


def children(pid: int) -> list[int]:
    """The processes `pid` started, from any of its threads."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def scheduler_pid(server: Server, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while True:
        found = [c for c in children(server.proc.pid) if "bot.worker" in command_line(c)]
        if found or time.monotonic() > deadline:
            assert len(found) == 1, (found, server.output())
            return found[0]
        time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes (its parent has not reaped it yet).
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def metrics(server: Server) -> str:
    status, body = get(server.url + "/metrics")
    assert status == 200
    return body.decode()


def sent(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.kind == "intro", OutboxMessage.state == "sent"))


def test_the_scheduler_process_runs_the_round_and_its_figures_reach_metrics(
        database_url, tmp_path):
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    now = dt.datetime.now(dt.UTC)
    due = now - dt.timedelta(days=1)
    programme_with_people(make_session_factory(engine), name="Process", people=GROUPS * 2,
                          created=now - dt.timedelta(days=30),
                          cadence=weekly_at(due, "UTC"),
                          timezone="UTC")
    with FakeSlack() as fake:
        for i in range(GROUPS * 2):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": fake.url,
               "PAIRBOT_SLACK_RATE_SCALE": "1000", "PAIRBOT_LEADER_RETRY_SECONDS": "1"}
        with Server(env=env, cwd=tmp_path) as server:
            server.wait_ready()
            worker = scheduler_pid(server)
            # The missed round runs at the scheduler's start, and its intros are sent.
            assert eventually(lambda: sent(engine) == GROUPS, 60), server.output()
            # Sent by the scheduler's process, counted in the web process's /metrics.
            body = eventually(lambda: (lambda b: b if sample(
                b, "pairbot_platform_api_calls_total", platform="slack",
                method="chat.postMessage", outcome="ok") else None)(metrics(server)), 60)
            assert body, server.output()
            assert sample(body, "pairbot_platform_api_calls_total", platform="slack",
                          method="chat.postMessage", outcome="ok") >= GROUPS
            assert sample(body, "pairbot_round_duration_seconds_count") == 1
            assert sample(body, "pairbot_scheduler_leader") == 1
            assert sample(body, "pairbot_http_requests_total", route="/healthz",
                          status="200") >= 1
            # Each metric family once: the two processes' figures are added up.
            families = [line.split()[2] for line in body.splitlines()
                        if line.startswith("# TYPE")]
            assert len(families) == len(set(families))

            # Killed, the scheduler's process is started again and leads again.
            os.kill(worker, signal.SIGKILL)
            assert eventually(lambda: not alive(worker), 10)
            restarted = eventually(lambda: [c for c in children(server.proc.pid)
                                            if "bot.worker" in command_line(c)], 30)
            assert restarted and restarted != [worker], server.output()
            assert eventually(lambda: sample(metrics(server),
                                             "pairbot_scheduler_leader") == 1, 30)
            # The dead process's counts are kept: totals never go down.
            assert sample(metrics(server), "pairbot_round_duration_seconds_count") == 1
            log = server.output()
        engine.dispose()
    assert "its process ended on its own (exit code -9); starting it again" in log
    assert log.count("scheduler: running in a process of its own") == 2
    assert "Traceback" not in log


def test_the_scheduler_process_stops_when_the_web_process_is_killed(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    with Server(env=env, cwd=tmp_path) as server:
        server.wait_ready()
        worker = scheduler_pid(server)
        assert alive(worker)
        server.proc.kill()
        server.proc.wait()
        # Its standard input was the dead process's pipe: it stops on its own, and the
        # leadership it held is free for another replica.
        assert eventually(lambda: not alive(worker), 20), server.output()
        log = server.output()
    assert "scheduler: the web process has gone; stopping" in log
    assert "scheduler: stopped in" in log


def test_no_scheduler_starts_no_scheduler_process(database_url, tmp_path):
    with Server("--no-scheduler", env={"DATABASE_URL": database_url}, cwd=tmp_path) as server:
        server.wait_ready()
        time.sleep(1)
        assert [c for c in children(server.proc.pid) if "bot.worker" in command_line(c)] == []
        assert sample(metrics(server), "pairbot_scheduler_leader") == 0
