"""The request path under load: signed slash commands and reactions to `pairbot serve`,
and in the same run to a bare Bolt app whose listeners only ack.

Both run as separate processes on loopback behind the same web stack (uvicorn,
FastAPI, Bolt's Starlette adapter, bot/slack/http.py), with tests/fakes/slack_api.py
as the Web API (SLACK_API_URL), so the difference is what pairbot does per request.
Half the requests are `/pair-me status` from a participant, half `reaction_added`
events with ✅ on their group's check-in message (each with a new event id), which
record a check-in answer.

Open loop: request i is sent at start + i / rate whatever the answers do, and its
latency counts from that instant, so a server that falls behind shows it. Each
request has a 10 s timeout. A run is cut into windows (4 of 15 s by default) and the
two servers take turns, window by window, so that a stall now and then shows in its
window instead of vanishing into a whole run's percentiles, and whatever else the
machine does falls on both. Target: pairbot's p99 ≤ 1.5 × the bare app's in every
window, at 50 and 100 requests per second, and 0 errors.

    .venv/bin/python bench/load.py                      # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/load.py --windows 2 --rates 50 --databases sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import hmac
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.core.schedule import WEEKDAYS  # noqa: E402
from bot.runtime import build_services  # noqa: E402
from bot.services import jobs  # noqa: E402
from bot.services.checkins import members_of  # noqa: E402
from bot.services.clock import FixedClock  # noqa: E402
from bot.services.delivery import deliver_due  # noqa: E402
from bot.services.rounds import run_round  # noqa: E402
from bot.slack.gateway import Pacing, SlackGateway, single_token  # noqa: E402
from bot.store import migrate  # noqa: E402
from bot.store.db import make_engine  # noqa: E402
from bot.store.models import CheckinAnswer, Match, OutboxMessage  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402
from tests.support.proc import clean_env, free_port, wait_http  # noqa: E402
from tests.support.seed import programme_with_people  # noqa: E402

SECRET = "load-signing-secret-0123456789abcdef"
TOKEN = "xoxb-test"
PEOPLE = 200
TARGET = 1.5
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


# ------------------------------------------------------------------ the bare app


def bare_app_main(port: int) -> None:
    """A Bolt app with one ack-only listener per request kind, on pairbot's web stack."""
    import logging

    import uvicorn
    from fastapi import FastAPI
    from slack_bolt import App

    from bot.slack.gateway import make_client
    from bot.slack.http import build_router

    logging.basicConfig(level=logging.WARNING)
    bolt = App(signing_secret=SECRET, client=make_client(os.environ["SLACK_API_URL"], TOKEN),
               token_verification_enabled=False, request_verification_enabled=False)

    @bolt.command("/pair-me")
    def command(ack):  # type: ignore[no-untyped-def]
        ack()

    @bolt.event("reaction_added")
    def reaction(ack):  # type: ignore[no-untyped-def]
        ack()

    web = FastAPI()
    web.include_router(build_router(bolt, SECRET))

    @web.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    uvicorn.run(web, host="127.0.0.1", port=port, log_level="warning")


# ------------------------------------------------------------------ set-up


@dataclass(frozen=True)
class Checkin:
    channel: str
    ts: str
    users: tuple[str, ...]


def seed(url: str, fake: FakeSlack) -> list[Checkin]:
    """A programme of PEOPLE, its round sent, and the check-ins sent two weeks later."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    services = build_services(engine, FixedClock(now))
    programme = programme_with_people(services.sessions, name="Load", people=PEOPLE,
                                      created=now - dt.timedelta(days=30))
    for i in range(PEOPLE):
        fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
    pacing = Pacing().compressed(1e6)
    services.gateways["slack"] = SlackGateway(api_url=fake.url, tokens=single_token(TOKEN),
                                              open_rate=pacing.open, post_rate=pacing.post,
                                              call_rate=pacing.call)
    run_round(services, programme)
    deliver_due(services)
    services.clock = FixedClock(now + dt.timedelta(days=15))
    jobs.checkins_and_reminders(services, jobs.TickReport())
    deliver_due(services)
    with services.unit_of_work() as session:
        rows = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "checkin", OutboxMessage.state == "sent"))
        checkins = [Checkin(r.ref_channel or "", r.ref_ts or "", tuple(
            p.user_id for p in members_of(session, session.get_one(Match, r.match_id))))
            for r in rows]
    engine.dispose()
    assert len(checkins) == PEOPLE // 2, len(checkins)
    return checkins


class Process:
    """A server process on a free loopback port."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, name: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(cwd / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([*argv, str(self.port)] if name == "bare" else argv,
                                     env=clean_env({**env, "PORT": str(self.port)}), cwd=cwd,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_http(self.url + "/healthz", timeout=60)
        except OSError:
            self.stop()
            sys.exit(f"load: the {name} server did not start; its log:\n"
                     + (cwd / f"{name}.log").read_text()[-3000:])

    def cpu(self) -> float:
        """CPU seconds the process and the processes it started (pairbot's scheduler
        process) have used (user + system), from /proc; NaN elsewhere."""
        total, pids = 0.0, [self.proc.pid]
        while pids:
            pid = pids.pop()
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                # Started by any of its threads (a restarted scheduler: by a watcher's).
                children = [c for task in Path(f"/proc/{pid}/task").iterdir()
                            for c in (task / "children").read_text().split()]
            except OSError:
                if pid == self.proc.pid:
                    return float("nan")
                continue  # a child that has just ended
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            pids.extend(int(child) for child in children)
        return total

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# ------------------------------------------------------------------ load


def signed(body: str, content_type: str) -> dict[str, str]:
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={mac}"}


MIX = {"both": 2, "commands": 1, "reactions": 1}


def request(i: int, checkins: list[Checkin], response_url: str,
            mix: str = "both") -> tuple[str, str, dict[str, str]]:
    """(kind, body, signed headers) of request i."""
    checkin = checkins[(i // MIX[mix]) % len(checkins)]
    user = checkin.users[(i // (MIX[mix] * len(checkins))) % len(checkin.users)]
    if mix == "commands" or (mix == "both" and i % 2 == 0):
        body = urlencode({
            "token": "legacy", "team_id": "T1", "team_domain": "load", "channel_id": "C0LOAD",
            "channel_name": "general", "user_id": user, "user_name": user.lower(),
            "command": "/pair-me", "text": "status", "api_app_id": "A0PAIRBOT01",
            "response_url": response_url, "trigger_id": f"{i}.{i}.load"})
        return "command", body, signed(body, "application/x-www-form-urlencoded")
    body = json.dumps({
        "token": "legacy", "team_id": "T1", "api_app_id": "A0PAIRBOT01",
        "type": "event_callback", "event_id": f"Ev{uuid.uuid4().hex[:16].upper()}",
        "event_time": int(time.time()),
        "event": {"type": "reaction_added", "user": user, "reaction": "white_check_mark",
                  "item": {"type": "message", "channel": checkin.channel, "ts": checkin.ts},
                  "item_user": "UBOT", "event_ts": f"{time.time():.6f}"}})
    return "reaction", body, signed(body, "application/json")


async def load(url: str, rate: int, seconds: float, checkins: list[Checkin],
               response_url: str, mix: str = "both", first: int = 0,
               trace: list[tuple[float, float, str]] | None = None,
               lag: list[float] | None = None,
               ) -> tuple[list[float], Counter[str]]:
    """Latencies (s) of the answered requests, and the count of errors. Requests are
    numbered from `first` (so that consecutive windows send different people and events);
    with `trace`, each answered request adds (wall-clock time it was due, latency, kind);
    with `lag`, how late (s) the client's own event loop woke from 5 ms sleeps, which counts
    in every latency it measures."""
    total = int(rate * seconds)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    # aiohttp rather than httpx: httpx's pool spends its time on its own bookkeeping
    # once a few hundred requests are outstanding, and the client would be what is slow.
    connector = aiohttp.TCPConnector(limit=512)
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
        async def one(i: int, due: float) -> None:
            kind, body, headers = request(first + i, checkins, response_url, mix)
            try:
                async with client.post(url + "/slack/events", data=body.encode(),
                                       headers=headers) as response:
                    await response.read()
                    outcome = "ok" if response.status == 200 else f"HTTP {response.status}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                outcome = type(exc).__name__
            if outcome == "ok":
                latencies.append(time.perf_counter() - due)
                if trace is not None:
                    trace.append((wall + (due - start), latencies[-1], kind))
            else:
                errors[f"{kind}: {outcome}"] += 1

        async def watch() -> None:
            while True:
                asleep = time.perf_counter()
                await asyncio.sleep(0.005)
                if lag is not None:
                    lag.append(time.perf_counter() - asleep - 0.005)

        watcher = asyncio.create_task(watch())
        start, wall = time.perf_counter(), time.time()
        tasks = []
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, due)))
        await asyncio.gather(*tasks)
        watcher.cancel()
    return latencies, errors


def client_window(url: str, rate: int, seconds: float, checkins: list[Checkin],
                  response_url: str, mix: str, first: int,
                  ) -> tuple[list[float], Counter[str], list[tuple[float, float, str]],
                             list[float]]:
    """One window of `load`, with its trace and the client's loop lag (for a process of
    its own)."""
    trace: list[tuple[float, float, str]] = []
    lag: list[float] = []
    latencies, errors = asyncio.run(load(url, rate, seconds, checkins, response_url, mix,
                                         first=first, trace=trace, lag=lag))
    return latencies, errors, trace, lag


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# ------------------------------------------------------------------ the run


def database(kind: str, tmp: Path) -> tuple[str, object]:
    """A fresh database URL and what drops it afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'load.db'}", lambda: None
    name = f"pairbot_load_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False), drop


def round_day(url: str, fake: FakeSlack, people: int, window: float) -> float:
    """A second programme of `people` whose round falls due at a minute boundary at least
    40 s from now (the scheduler reads new programmes every 30 s); when to start the
    windows so that the round begins a second into pairbot's first window."""
    now = dt.datetime.now(dt.UTC)
    due = (now + dt.timedelta(seconds=100)).replace(second=0, microsecond=0)
    engine = make_engine(url)
    programme_with_people(build_services(engine, FixedClock(now)).sessions, name="Round day",
                          people=people, created=now - dt.timedelta(days=30),
                          cadence=f"weekly {WEEKDAYS[due.weekday()]} {due:%H}:{due:%M}",
                          timezone="UTC")
    engine.dispose()
    for i in range(PEOPLE, people):
        fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
    print(f"  round day: {people} people, round due at {due:%H:%M:%S} UTC", file=sys.stderr)
    # The bare app's first window comes first, then pairbot's.
    return due.timestamp() - window - 1


def run_database(kind: str, rates: list[int], windows: int, window: float, mix: str = "both",
                 trace: Path | None = None, probe: bool = False,
                 keep: Path | None = None, separate_client: bool = True,
                 round_people: int = 0) -> list[dict[str, object]]:
    """One row per (rate, window, target): the two servers take turns, window by window
    (bare first in even windows, pairbot first in odd ones), so that whatever else the
    machine is doing falls on both. With `probe`, pairbot's rows also hold what
    bench/probe/ saw in the server during the window (garbage collections, scheduler jobs).
    With `keep`, the servers' logs (and the probe's file) are copied to KEEP/KIND-*."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp_name, FakeSlack() as fake:
        tmp = Path(tmp_name)
        probed = {"PYTHONPATH": f"{REPO / 'bench' / 'probe'}{os.pathsep}{REPO}",
                  "BENCH_PROBE_FILE": str(tmp / "probe.json"),
                  **{k: v for k, v in os.environ.items() if k in EXPERIMENTS}} if probe else {}
        url, drop = database(kind, tmp)
        try:
            checkins = seed(url, fake)
            # PYTHONPATH: the servers import this checkout's bot, not an installed one.
            env = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
                   "SLACK_API_URL": fake.url, "PAIRBOT_SLACK_RATE_SCALE": "1000",
                   "PAIRBOT_LOG_LEVEL": "WARNING", "PYTHONPATH": str(REPO)}
            python = sys.executable
            servers = {
                "bare Bolt app": Process([python, __file__, "--bare"], env, tmp, "bare"),
                "pairbot serve": Process([python, "-m", "bot.cli.main", "serve", "--host",
                                          "127.0.0.1"], {**env, **probed}, tmp, "pairbot"),
            }
            names = list(servers)
            sent = 0
            try:
                response_url = fake.url + "response"
                for server in servers.values():  # warm up: imports, connections, caches
                    asyncio.run(load(server.url, 20, 2, checkins, response_url))
                # The client runs in a process of its own (forked now, so without the fake
                # Slack's threads): in this one, the fake's threads answering pairbot's calls
                # (~400 sends and redraws in the first window) held its interpreter, and the
                # client's event loop woke up to 130 ms late, which counted in pairbot's
                # latencies and in none of the bare app's, which calls nothing.
                client = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) \
                    if separate_client else None
                if round_people:
                    start = round_day(url, fake, round_people, window)
                    time.sleep(max(0.0, start - time.time()))
                for rate in rates:
                    for w in range(windows):
                        for name in names if w % 2 == 0 else names[::-1]:
                            cpu, began = servers[name].cpu(), time.time()
                            job = (servers[name].url, rate, window, checkins, response_url, mix,
                                   sent)
                            latencies, errors, traced, lag = (
                                client.submit(client_window, *job).result() if client
                                else client_window(*job))
                            sent += int(rate * window)
                            rows.append({"db": kind, "rate": rate, "window": w + 1,
                                         "target": name, "latencies": latencies,
                                         "errors": sum(errors.values()), "kinds": dict(errors),
                                         "cpu": (servers[name].cpu() - cpu) / (rate * window),
                                         "lag": lag, "span": (began, time.time())})
                            if trace is not None:
                                with (trace / f"{kind}-{rate}.jsonl").open("a") as out:
                                    for due, latency, what in traced:
                                        out.write(json.dumps({"target": name, "due": due,
                                                              "latency": latency,
                                                              "kind": what}) + "\n")
                        print(f"  {kind:10} {rate:4d} rps  window {w + 1} done",
                              file=sys.stderr)
                if client is not None:
                    client.shutdown()
                if probe:
                    time.sleep(6)  # the probe writes its file every 5 s
                    seen = [json.loads(line)
                            for line in (tmp / "probe.json").read_text().splitlines()]
                    said = {e["what"]: e for e in seen}
                    switch, share = said.get("switch interval"), said.get("sender share")
                    patience = said.get("foreground patience")
                    interval = f"{1000 * switch['seconds']:g} ms" if switch else "unchanged"
                    print(f"  pairbot: switch interval {interval}, "
                          f"sender's CPU share {share['share'] if share else 'unknown'}, "
                          f"ping after {os.environ.get('BENCH_PING_IDLE', 'default')} s idle, "
                          f"waits for requests up to "
                          f"{patience['patience'] if patience else 'unknown'} s",
                          file=sys.stderr)
                    for row in rows:
                        if row["target"] == "pairbot serve":
                            row["probe"] = probe_summary(  # type: ignore[arg-type]
                                seen, row["span"], int(row["rate"]) * window)  # type: ignore[call-overload]
                # The reactions did their work: answers are in the database.
                engine = make_engine(url)
                with engine.connect() as conn:
                    answers = conn.scalar(select(func.count(CheckinAnswer.id)))
                engine.dispose()
                print(f"  {kind}: {answers} check-in answers recorded by pairbot",
                      file=sys.stderr)
            finally:
                for server in servers.values():
                    server.stop()
                log = (tmp / "pairbot.log").read_text()
                if "Traceback" in log:
                    print(log[-4000:], file=sys.stderr)
                if keep is not None:
                    for name in ("pairbot.log", "bare.log", "probe.json"):
                        if (tmp / name).exists():
                            shutil.copyfile(tmp / name, keep / f"{kind}-{name}")
        finally:
            drop()  # type: ignore[operator]
    return rows


# What --switch-interval, --sender-share, --ping-idle and --foreground-patience set in pairbot
# (through the probe).
EXPERIMENTS = ("BENCH_SWITCH_INTERVAL", "BENCH_SENDER_SHARE", "BENCH_PING_IDLE",
               "BENCH_FOREGROUND_PATIENCE", "BENCH_EVENTS_PATIENCE")


def probe_summary(events: list[dict[str, object]], span: tuple[float, float],
                  requests: float) -> str:
    """What the probe saw in pairbot during one window: SQL statements per request (by
    listeners, web workers, scheduler; sampled each second), full collections and the longest
    pause of each kind (wall ms; on a busy machine a pause includes waiting for a core)."""
    inside = [e for e in events if span[0] <= float(e["at"]) <= span[1]]  # type: ignore[arg-type]
    full = [float(e["wall"]) for e in inside if e["what"] == "gc2"]  # type: ignore[arg-type]
    young = [float(e["wall"]) for e in inside if e["what"] in ("gc0", "gc1")]  # type: ignore[arg-type]
    jobs: dict[str, float] = {}
    for e in inside:
        if not str(e["what"]).startswith(("gc", "heap", "db connect", "statements", "send",
                                          "foreground", "events", "claim", "record", "gil",
                                          "switch")):
            jobs[str(e["what"])] = max(jobs.get(str(e["what"]), 0.0), float(e["wall"]))  # type: ignore[arg-type]
    walked = [int(e["walked"]) for e in events if e["what"] == "heap"]  # type: ignore[call-overload]
    longest = sorted(jobs.items(), key=lambda kv: -kv[1])[:2]
    connects = sum(e["what"] == "db connect" for e in inside)
    # Running counts, one series per process (the web server, the scheduler's process).
    per = {"listener": 0.0, "web": 0.0, "other": 0.0}
    for pid in {e.get("pid") for e in events if e["what"] == "statements"}:
        counts = [e for e in events if e["what"] == "statements" and e.get("pid") == pid]
        before = [e["count"] for e in counts if float(e["at"]) <= span[0]]  # type: ignore[arg-type]
        after = [e["count"] for e in counts if float(e["at"]) >= span[1]]  # type: ignore[arg-type]
        first, last = (before[-1] if before else {}), (after[0] if after else counts[-1]["count"])
        for kind in per:
            per[kind] += (int(last.get(kind, 0)) - int(first.get(kind, 0))) / requests  # type: ignore[union-attr]
    # The sender's CPU: its own thread (claim, render, record) and the sending threads.
    sender = sum(float(e["cpu"]) for e in inside if e["what"] in ("deliver", "send"))  # type: ignore[arg-type]
    sends = sum(e["what"] == "send" for e in inside)
    claims = [float(e["cpu"]) for e in inside if e["what"] == "claim"]  # type: ignore[arg-type]
    waits = [e for e in inside if e["what"] == "gil"]
    samples = sum(int(e["n"]) for e in waits)  # type: ignore[call-overload]
    gil = (f"GIL wait mean {1000 * sum(float(e['gil_sum']) for e in waits) / samples:.2f} ms, "  # type: ignore[arg-type]
           f"worst second's p99 {1000 * max(float(e['gil_p99']) for e in waits):.1f}, "  # type: ignore[arg-type]
           f"max {1000 * max(float(e['gil_max']) for e in waits):.0f} "  # type: ignore[arg-type]
           f"(core wait mean {1000 * sum(float(e['core_sum']) for e in waits) / samples:.2f}); "  # type: ignore[arg-type]
           if samples else "")
    return (f"{gil}sender {sends} sent, {1000 * sender:.0f} ms CPU (longest claim "
            f"{1000 * max(claims, default=0):.0f}); "
            f"SQL/request listeners {per['listener']:.1f}, web {per['web']:.1f}, "
            f"scheduler {per['other']:.1f}; "
            f"{connects} new database connections; full GC ×{len(full)} "
            f"(max {1000 * max(full, default=0):.0f} ms, heap walked "
            f"{walked[-1] if walked else 0:,}), younger max {1000 * max(young, default=0):.0f} ms; "
            + ", ".join(f"{name} {1000 * wall:.0f} ms" for name, wall in longest))


def postgres_reachable() -> bool:
    try:
        engine = create_engine(PG_ADMIN, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def ms(values: list[float], p: float) -> str:
    return f"{1000 * percentile(values, p):7.1f}"


def report(rows: list[dict[str, object]], window: float) -> bool:
    """Print each window of each run, pairbot beside the bare app; True when every window
    is within the target and nothing failed."""
    print(f"{'database':10} {'rps':>4} {'window':>6}   {'bare p50':>8} {'p95':>7} {'p99':>7}"
          f"   {'pairbot p50':>11} {'p95':>7} {'p99':>7} {'errors':>6}  {'p99 ×bare':>9}"
          f"  {'CPU ms/request bare, pairbot':>28}  {'client lag p99 bare, pairbot':>28}")
    ok = True
    runs: dict[tuple[object, object, object], dict[str, dict[str, object]]] = {}
    for row in rows:
        runs.setdefault((row["db"], row["rate"], row["window"]), {})[str(row["target"])] = row
    whole: dict[tuple[object, object], dict[str, list[float]]] = {}
    worst: dict[tuple[object, object], float] = {}
    for (db, rate, w), pair in runs.items():
        bare, ours = pair["bare Bolt app"], pair["pairbot serve"]
        b, o = bare["latencies"], ours["latencies"]
        assert isinstance(b, list) and isinstance(o, list)
        for name, values in (("bare", b), ("pairbot", o)):
            whole.setdefault((db, rate), {}).setdefault(name, []).extend(values)
        factor = percentile(o, 99) / percentile(b, 99)
        worst[(db, rate)] = max(worst.get((db, rate), 0.0), factor)
        errors = int(ours["errors"]) + int(bare["errors"])  # type: ignore[call-overload]
        ok = ok and factor <= TARGET and errors == 0
        print(f"{db!s:10} {rate!s:>4} {w!s:>6}   {ms(b, 50):>8} {ms(b, 95)} {ms(b, 99)}"
              f"   {ms(o, 50):>11} {ms(o, 95)} {ms(o, 99)} {errors:6d}  {factor:9.2f}"
              f"  {1000 * float(bare['cpu']):19.2f}, {1000 * float(ours['cpu']):6.2f}"  # type: ignore[arg-type]
              f"  {ms(bare['lag'], 99):>19}, {ms(ours['lag'], 99).strip():>6}"  # type: ignore[arg-type]
              f"{'' if factor <= TARGET else '  over'}")
    print(f"\nwhole runs ({window:g} s windows put together)")
    for (db, rate), both in whole.items():
        b, o = both["bare"], both["pairbot"]
        print(f"{db!s:10} {rate!s:>4} {'all':>6}   {ms(b, 50):>8} {ms(b, 95)} {ms(b, 99)}"
              f"   {ms(o, 50):>11} {ms(o, 95)} {ms(o, 99)} {'':6}  "
              f"{percentile(o, 99) / percentile(b, 99):9.2f}   worst window "
              f"{worst[(db, rate)]:.2f}")
    probed = [row for row in rows if "probe" in row]
    if probed:
        print("\nwhat the probe saw in pairbot, per window (longest jobs, wall time)")
        for row in probed:
            print(f"{row['db']!s:10} {row['rate']!s:>4} {row['window']!s:>6}   {row['probe']}")
    for row in rows:
        if row["kinds"]:
            print(f"errors, {row['db']} {row['rate']} rps window {row['window']} "
                  f"{row['target']}: {row['kinds']}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", type=int, default=4,
                        help="windows per rate and server (default 4)")
    parser.add_argument("--window", type=float, default=15.0,
                        help="seconds per window (default 15)")
    parser.add_argument("--rates", default="50,100")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--mix", choices=sorted(MIX), default="both",
                        help="what to send (default: half commands, half reactions)")
    parser.add_argument("--trace", type=Path, metavar="DIR",
                        help="write each answered request (when due, latency) to DIR/*.jsonl")
    parser.add_argument("--probe", action="store_true",
                        help="load bench/probe/ into pairbot serve and print, per window, its "
                        "garbage collections and scheduler jobs")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="copy the servers' logs (and the probe's file) to DIR/DATABASE-*")
    parser.add_argument("--switch-interval", type=float, metavar="MS",
                        help="with --probe: sys.setswitchinterval in pairbot, in ms")
    parser.add_argument("--sender-share", type=float, metavar="SHARE",
                        help="with --probe: the outbox sender's CPU share in pairbot (1: none)")
    parser.add_argument("--ping-idle", type=float, metavar="SECONDS",
                        help="with --probe: ping pooled connections idle this long (0: always)")
    parser.add_argument("--foreground-patience", type=float, metavar="SECONDS",
                        help="with --probe: how long the sender waits for no request in "
                        "flight before each turn (0: it does not wait)")
    parser.add_argument("--events-patience", type=float, metavar="SECONDS",
                        help="with --probe: acknowledged event work waits up to SECONDS for "
                        "no request in flight (an experiment; pairbot does not)")
    parser.add_argument("--client-with-fake", action="store_true",
                        help="run the client in the process of the fake Slack API, as this "
                        "script first did (its loop lag then counts in pairbot's latencies)")
    parser.add_argument("--round-people", type=int, default=0, metavar="N",
                        help="round day: a second programme of N people whose round falls "
                        "due a second into pairbot's first window (the bare app runs no "
                        "round, so its first window is the same as ever)")
    parser.add_argument("--bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_app_main(args.bare)
        return 0
    for name, value in zip(EXPERIMENTS, (args.switch_interval, args.sender_share,
                                         args.ping_idle, args.foreground_patience,
                                         args.events_patience),
                           strict=True):
        if value is not None:
            if not args.probe:
                parser.error("--switch-interval, --sender-share, --ping-idle, "
                             "--foreground-patience and --events-patience need --probe")
            os.environ[name] = str(value)
    rates = [int(r) for r in args.rates.split(",")]
    kinds = args.databases.split(",")
    if "postgresql" in kinds and not postgres_reachable():
        print("PostgreSQL is not reachable on 127.0.0.1:5432; SQLite only", file=sys.stderr)
        kinds = [k for k in kinds if k != "postgresql"]
    for folder in (args.trace, args.keep):
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
    rows = [row for kind in kinds for row in run_database(
        kind, rates, args.windows, args.window, args.mix, args.trace, args.probe, args.keep,
        not args.client_with_fake, args.round_people)]

    sent = {"both": "half `/pair-me status`, half ✅ reactions on check-ins",
            "commands": "`/pair-me status` only", "reactions": "✅ reactions on check-ins only"}
    print(f"\nSlack request path, open loop, {args.windows} windows of {args.window:g} s per "
          f"rate and server, taking turns; {sent[args.mix]}; latencies in ms\n")
    ok = report(rows, args.window)
    print(f"\ntarget: pairbot's p99 ≤ {TARGET} × the bare app's in every window, 0 errors: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
