"""Scale benchmark: a month of ticks for one programme of 1,000 to 100,000 people.

Runs on PostgreSQL (TEST_DATABASE_URL; each size gets a fresh database, dropped
after). People are seeded with bulk inserts; then `jobs.run_due` runs through
a month: every minute from 5 minutes before to 30 after the heads-up, the
round, the check-ins, the reminders and the closing instants, and every six
hours elsewhere. The gateway answers instantly, so the figures are pairbot's
own cost. For each kind of tick it prints the statements (counted with
SQLAlchemy's `before_cursor_execute`), wall seconds, this process's CPU seconds
(`time.process_time`: wall time grows with whatever else runs on the machine,
CPU time much less), database seconds and the messages written and sent; the
matcher's own time is shown apart from the round's writing and delivery; then
the growth from the smallest to the largest size.

Statistics and vacuum: the bench runs ANALYZE once, right after seeding, while
the outbox and matches are still empty, and never VACUUM; autovacuum is left as
the server has it, and the output says whether it was on (on the project's test
server it is off). So the month runs on statistics that say the outbox is empty
and with every dead index entry the sender leaves behind: with autovacuum off,
the figures owe nothing to it.

Untimed before the month: `--history N` earlier monthly rounds through their
check-ins and closing (so that the month's round has a history and each person
past questions), and one quiet tick (a process compiles each statement once).

The baseline is the same script run on the code before this change, from a
checkout given with --baseline (e.g. `git worktree add --detach /tmp/scale-base
920ed24`): it runs in a subprocess that imports `bot` from there.

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--history 2] \\
        [--baseline /tmp/scale-base --baseline-sizes 1000,10000]

Diagnosis: `--profile FILE` runs a round of the first size under cProfile;
SCALE_SLOW_MS=200 prints each statement slower than that, SCALE_EXPLAIN_MS=200
PostgreSQL's plan of each (auto_explain).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HEADS_UP_AT = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)
ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)
# Check-ins after 10 days, so that closing (a fortnight later) falls before the next round.
CHECKIN_AFTER = 10
INSTANTS = {
    "heads-up": HEADS_UP_AT,
    "round": ROUND_AT,
    "check-in": ROUND_AT + dt.timedelta(days=CHECKIN_AFTER),
    "reminder": ROUND_AT + dt.timedelta(days=CHECKIN_AFTER + 7),
    "closing": ROUND_AT + dt.timedelta(days=CHECKIN_AFTER + 14),
}
END = INSTANTS["closing"] + dt.timedelta(days=1)
PROFESSIONS = ["Nurse", "Manager", "Junior doctor", "Pharmacist", "Physiotherapist",
               "Paramedic", "Commissioner", "Radiographer"]
KINDS = ["quiet, day before the round", "heads-up", "round", "quiet, after the round",
         "late notices", "check-in", "quiet, after the check-ins", "reminder", "closing",
         "quiet, elsewhere", "payload purge"]


def ticks(window: int, every: float) -> list[dt.datetime]:
    """Every minute around each instant, every `every` hours elsewhere."""
    out = set()
    at = START
    while at <= END:
        out.add(at)
        at += dt.timedelta(hours=every)
    for instant in INSTANTS.values():
        for minute in range(-5, window + 1):
            out.add(instant + dt.timedelta(minutes=minute))
    return sorted(out)


def history_ticks(services: Any, rounds: int) -> list[dt.datetime]:
    """The ticks of `rounds` monthly rounds before the month (heads-up, round, late
    notices, check-in, reminder, closing), then one quiet tick the day before START."""
    from sqlalchemy import select

    from bot.services.programme_schedule import next_round_at
    from bot.store.models import Programme

    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        out = []
        for k in range(rounds, 0, -1):
            at = next_round_at(programme, START - dt.timedelta(days=35 * k))
            out += [at - dt.timedelta(days=1), at, at + dt.timedelta(minutes=16)]
            out += [at + dt.timedelta(days=d, minutes=1)
                    for d in (CHECKIN_AFTER, CHECKIN_AFTER + 7, CHECKIN_AFTER + 14)]
    return [*out, START - dt.timedelta(days=1)]


def kind_of(at: dt.datetime, messages: int, purged: int = 0) -> str:
    for name, instant in INSTANTS.items():
        if at == instant:
            return name
    if messages:
        return "late notices"
    if purged:
        # Not quiet: sent payloads were due to be emptied (--history's, 30 days on).
        return "payload purge"
    if HEADS_UP_AT < at < ROUND_AT:
        return "quiet, day before the round"
    if ROUND_AT < at < ROUND_AT + dt.timedelta(days=1):
        return "quiet, after the round"
    if INSTANTS["check-in"] < at < INSTANTS["reminder"]:
        return "quiet, after the check-ins"
    return "quiet, elsewhere"


class InstantGateway:
    """A platform that takes every message at once."""

    platform = "slack"

    def __init__(self, group_conversations: bool = True) -> None:
        self.group_conversations = group_conversations
        self.count = 0

    def send(self, message: Any) -> Any:
        from bot.services.gateway import SentRef

        self.count += 1
        conversation = message.conversation or "D" + "-".join(sorted(message.users))[:60]
        return SentRef(conversation, f"{self.count}.000")

    def find_sent(self, message: Any) -> Any:
        return None

    def update(self, workspace: str, ref: Any, intent: Any) -> None:
        return None


@dataclass
class Meter:
    statements: int = 0
    db_seconds: float = 0.0
    matcher_seconds: float = 0.0
    matcher_cpu: float = 0.0
    gc_seconds: float = 0.0
    _started: list[float] = field(default_factory=list)
    on: bool = True
    # Statements slower than this many ms are printed (--slow-ms; 0: none).
    slow_ms: float = float(os.environ.get("SCALE_SLOW_MS", "0"))

    def attach(self, engine: Any) -> None:
        from sqlalchemy import event

        @event.listens_for(engine, "before_cursor_execute")
        def _before(*_: Any) -> None:
            if self.on:
                self.statements += 1
            self._started.append(time.perf_counter())

        @event.listens_for(engine, "after_cursor_execute")
        def _after(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if self._started:
                elapsed = time.perf_counter() - self._started.pop()
                if self.on:
                    self.db_seconds += elapsed
                if self.slow_ms and elapsed * 1000 > self.slow_ms:
                    print(f"  slow statement, {elapsed * 1000:.0f} ms: "
                          f"{' '.join(statement.split())[:160]}", file=sys.stderr)

    def time_gc(self) -> None:
        """Python's garbage collector's pauses (gc.callbacks), apart: a full collection
        of a heap holding scipy, SQLAlchemy and the bank takes ~0.1 s, whatever is due."""
        import gc

        started: list[float] = []

        def _callback(phase: str, _info: dict[str, Any]) -> None:
            if phase == "start":
                started.append(time.perf_counter())
            elif started:
                elapsed = time.perf_counter() - started.pop()
                if self.on:
                    self.gc_seconds += elapsed

        gc.callbacks.append(_callback)

    def time_matcher(self) -> None:
        import bot.core.matching as matching

        original = matching.match

        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.matcher_seconds += time.perf_counter() - started
                self.matcher_cpu += time.process_time() - cpu

        matching.match = timed  # type: ignore[assignment]


def seed(engine: Any, people: int, history: int = 0) -> None:
    """A workspace, a programme and `people` participants, in a few bulk statements."""
    from sqlalchemy import insert

    from bot.store.models import Participant, Programme, Workspace

    created = START - dt.timedelta(days=60 + 35 * history)
    rng = random.Random(people)
    with engine.begin() as conn:
        ws = conn.execute(insert(Workspace).returning(Workspace.id), [
            {"platform": "slack", "external_id": "T1", "name": "Trust", "active": True,
             "created_at": created}]).scalar_one()
        programme = conn.execute(insert(Programme).returning(Programme.id), [
            {"workspace_id": ws, "name": "Paired learning", "professions": PROFESSIONS,
             "checkin_after_days": CHECKIN_AFTER,
             "created_at": created, "updated_at": created}]).scalar_one()
        rows = []
        for i in range(people):
            profession = PROFESSIONS[i % len(PROFESSIONS)]
            rows.append({
                "programme_id": programme, "user_id": f"U{i:06d}",
                "display_name": f"Person {i}", "profession": profession,
                "learn": rng.sample([p for p in PROFESSIONS if p != profession], 2),
                "intro": "", "status": "active", "unresponsive_count": 0,
                "unpaired_last_round": False, "joined_at": created, "updated_at": created,
            })
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Participant), rows[start:start + 5000])


def run_size(admin_url: str, people: int, window: int, every: float, *,
             group_conversations: bool = True, only_round: bool = False,
             profile: Path | None = None, history: int = 0) -> dict[str, Any]:
    from sqlalchemy import create_engine, func, select, text
    from sqlalchemy.engine import make_url

    from bot.core.icebreakers import load_bank
    from bot.services import jobs
    from bot.services.clock import FixedClock
    from bot.services.context import Services
    from bot.store import migrate
    from bot.store.db import make_engine, make_session_factory
    from bot.store.models import OutboxMessage

    name = f"pairbot_scale_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    explain_ms = os.environ.get("SCALE_EXPLAIN_MS")
    if explain_ms:
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _auto_explain(dbapi: Any, _record: Any) -> None:
            # Diagnosis: PostgreSQL's plan of every statement slower than this, printed.
            dbapi.add_notice_handler(lambda d: print("PLAN", d.message_primary, file=sys.stderr))
            with dbapi.cursor() as cur:
                cur.execute("LOAD 'auto_explain'")
                cur.execute(f"SET auto_explain.log_min_duration = {int(explain_ms)}")
                cur.execute("SET auto_explain.log_analyze = on")
                cur.execute("SET client_min_messages = log")
            dbapi.commit()
    try:
        migrate.upgrade(engine)
        seeded = time.perf_counter()
        seed(engine, people, history)
        seed_seconds = time.perf_counter() - seeded
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        # How busy the machine is: the figures below scale with this round trip.
        with engine.connect() as conn:
            trips = []
            for _ in range(200):
                started = time.perf_counter()
                conn.execute(text("SELECT 1"))
                trips.append(time.perf_counter() - started)
        round_trip = statistics.median(trips)
        with engine.connect() as conn:
            autovacuum = str(conn.execute(text("SHOW autovacuum")).scalar_one())
        clock = FixedClock(START)
        services = Services(sessions=make_session_factory(engine), clock=clock,
                            bank=load_bank())
        services.gateways["slack"] = InstantGateway(group_conversations)
        meter = Meter()
        meter.attach(engine)
        meter.time_matcher()
        meter.time_gc()
        meter.on = False
        # Untimed: `history` earlier rounds through their check-ins and closing, so that
        # the month's round has a past (matcher history, each person's questions); and one
        # tick before the month, which a long-running process has long done (SQLAlchemy
        # compiles each statement once per process).
        for at in history_ticks(services, history):
            clock.at = at
            jobs.run_due(services)
        kinds: dict[str, list[dict[str, float]]] = {}
        for at in [START, ROUND_AT] if only_round else ticks(window, every):
            clock.at = at
            meter.on = False
            with services.unit_of_work() as session:
                before = session.scalar(select(func.count(OutboxMessage.id))) or 0
                to_purge = session.scalar(select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.payload_purge_at.is_not(None))) or 0
            meter.on = True
            meter.statements, meter.db_seconds, meter.matcher_seconds = 0, 0.0, 0.0
            meter.matcher_cpu, meter.gc_seconds = 0.0, 0.0
            profiler = None
            if profile is not None and at == ROUND_AT:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            if meter.slow_ms:
                print(f"tick {at:%Y-%m-%d %H:%M}", file=sys.stderr)
            started, cpu = time.perf_counter(), time.process_time()
            report = jobs.run_due(services)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            if profiler is not None and profile is not None:
                profiler.disable()
                profiler.dump_stats(str(profile))
            meter.on = False
            with services.unit_of_work() as session:
                written = (session.scalar(select(func.count(OutboxMessage.id))) or 0) - before
                purged = to_purge + report.delivery.sent - (session.scalar(
                    select(func.count(OutboxMessage.id)).where(
                        OutboxMessage.payload_purge_at.is_not(None))) or 0)
            sent = report.delivery.sent
            kinds.setdefault(kind_of(at, written + sent, purged), []).append({
                "statements": meter.statements, "seconds": wall, "cpu": cpu, "db": meter.db_seconds,
                "matcher": meter.matcher_seconds, "matcher_cpu": meter.matcher_cpu,
                "gc": meter.gc_seconds,
                "at": at.isoformat(), "written": written, "sent": sent, "purged": purged})
        return {"people": people, "seed_seconds": seed_seconds, "round_trip": round_trip,
                "autovacuum": autovacuum, "kinds": kinds}
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def summarise(samples: list[dict[str, float]]) -> dict[str, float]:
    """Worst tick of the kind (statements, seconds), its messages and DB time per message."""
    worst = max(samples, key=lambda s: (s["statements"], s["seconds"]))
    messages = worst["written"] + worst["sent"]
    return {
        "ticks": len(samples), "statements": worst["statements"],
        "seconds": max(s["seconds"] for s in samples),
        "median_seconds": statistics.median(s["seconds"] for s in samples),
        # This process's CPU (time.process_time) in the slowest tick: wall time is
        # inflated by whatever else runs on the machine, CPU time much less.
        "cpu": max(samples, key=lambda s: s["seconds"]).get("cpu", float("nan")),
        "slowest_at": max(samples, key=lambda s: s["seconds"]).get("at", ""),
        "gc": max(samples, key=lambda s: s["seconds"]).get("gc", float("nan")),
        # The slowest tick with the collector's pauses taken out.
        "seconds_without_gc": max(s["seconds"] - s.get("gc", 0.0) for s in samples),
        "matcher_cpu": worst.get("matcher_cpu", float("nan")),
        "db": worst["db"], "matcher": worst["matcher"], "written": worst["written"],
        "sent": worst["sent"],
        "db_ms_per_message": 1000 * worst["db"] / messages if messages else 0.0,
    }


def measure(sizes: list[int], window: int, every: float,
            history: int = 0) -> list[dict[str, Any]]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        raise SystemExit("bench/scale.py: set TEST_DATABASE_URL to a PostgreSQL server")
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    results = []
    for people in sizes:
        print(f"… {people:,} people", file=sys.stderr, flush=True)
        raw = run_size(url, people, window, every, history=history)
        results.append({"people": people, "seed_seconds": raw["seed_seconds"],
                        "round_trip": raw["round_trip"], "autovacuum": raw["autovacuum"],
                        "kinds": {k: summarise(v) for k, v in raw["kinds"].items()}})
    return results


def teams_round(people: int) -> dict[str, float]:
    """A round on a platform without group conversations (Teams): one intro per person."""
    url = os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    print(f"… {people:,} people, 1:1 intros", file=sys.stderr, flush=True)
    raw = run_size(url, people, 0, 24, group_conversations=False, only_round=True)
    return summarise(raw["kinds"]["round"])


def profile_round(people: int, out: Path, history: int = 0) -> int:
    """A round of `people` under cProfile: its figures, then the top functions."""
    import pstats

    url = os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    raw = run_size(url, people, 0, 24, only_round=True, profile=out, history=history)
    r = raw["kinds"]["round"][0]
    print(f"round of {people:,} under cProfile: {r['seconds']:.2f} s wall, {r['cpu']:.2f} s "
          f"CPU, {r['db']:.2f} s DB, matcher {r['matcher']:.2f} s, {r['statements']:,} "
          "statements")
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return 0


def baseline(code: Path, sizes: list[int], window: int, every: float,
             history: int = 0) -> list[dict[str, Any]]:
    """This script on the older code, in a subprocess importing `bot` from `code`."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, __file__, "--code", str(code), "--sizes",
                        ",".join(map(str, sizes)), "--window", str(window), "--every",
                        str(every), "--history", str(history), "--json", out.name],
                       check=True)
        result: list[dict[str, Any]] = json.loads(Path(out.name).read_text())
        return result


def print_teams(r: dict[str, float]) -> None:
    pairbot = r["seconds"] - r["matcher"]
    print(f"\n1:1 intros (Teams): {r['sent']:,.0f} intros written and handed to the gateway "
          f"in {pairbot:.1f} s besides the matcher's {r['matcher']:.1f} s "
          f"({r['sent'] / max(pairbot, 1e-9):,.0f} a second; database "
          f"{r['db_ms_per_message']:.2f} ms per message). At Teams' 50 a second the "
          f"platform needs {r['sent'] / 50:,.0f} s for them.")


def print_table(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> None:
    old_by = {r["people"]: r for r in old}
    print("\nOne programme, a month of ticks, PostgreSQL, an instant gateway. The worst tick "
          "of each kind\n(statements; seconds: the slowest, 'cpu s' this process's CPU and "
          "'gc s' Python's garbage\ncollector in it, 's-gc' the slowest without the "
          "collector's pauses, 'med s' the median of the kind;\n'db s' and 'db ms/msg', "
          "database time in all and per message written or sent).\n")
    head = (f"{'tick':28} {'people':>8} {'stmts':>8} {'s':>8} {'cpu s':>7} {'gc s':>6} "
            f"{'s-gc':>7} {'med s':>7} "
            f"{'db s':>7} {'db ms/msg':>9} {'written':>8} {'sent':>8} | {'base stmts':>10} "
            f"{'base s':>8} {'base cpu':>8}")
    print(head)
    print("-" * len(head))
    for kind in KINDS:
        for result in new:
            k = result["kinds"].get(kind)
            if k is None:
                continue
            base = old_by.get(result["people"], {}).get("kinds", {}).get(kind)
            base_text = (f"{base['statements']:10,.0f} {base['seconds']:8.2f} "
                         f"{base.get('cpu', float('nan')):8.2f}" if base
                         else f"{'not run':>10} {'':>8} {'':>8}")
            print(f"{kind:28} {result['people']:8,} {k['statements']:8,.0f} "
                  f"{k['seconds']:8.3f} {k.get('cpu', float('nan')):7.3f} "
                  f"{k.get('gc', float('nan')):6.3f} "
                  f"{k.get('seconds_without_gc', float('nan')):7.3f} "
                  f"{k['median_seconds']:7.3f} {k['db']:7.3f} "
                  f"{k['db_ms_per_message']:9.3f} {k['written']:8,.0f} "
                  f"{k['sent']:8,.0f} | {base_text}")
    trips = ", ".join(f"{r['people']:,}: {1000 * r.get('round_trip', 0):.2f} ms" for r in new)
    base_trips = ", ".join(f"{r['people']:,}: {1000 * r.get('round_trip', 0):.2f} ms"
                           for r in old)
    print(f"\nA `SELECT 1` round trip in the same runs (how busy the machine was): {trips}"
          + (f"; baseline {base_trips}" if old else ""))
    vacuum = sorted({str(r.get("autovacuum", "?")) for r in [*new, *old]})
    print(f"Server autovacuum: {', '.join(vacuum)}. ANALYZE ran once, on the empty tables "
          "after seeding; no VACUUM.")
    print("\nRound tick: the matcher apart from pairbot's writing and delivery\n")
    print(f"{'people':>8} {'total s':>8} {'cpu s':>7} {'matcher s':>10} {'matcher cpu':>11} "
          f"{'write+deliver s':>16} {'w+d cpu':>8} | {'base total s':>12} {'base cpu':>8} "
          f"{'base matcher s':>14}")
    for result in new:
        r = result["kinds"].get("round")
        if r is None:
            continue
        base = old_by.get(result["people"], {}).get("kinds", {}).get("round")
        base_text = (f"{base['seconds']:12.2f} {base.get('cpu', float('nan')):8.2f} "
                     f"{base['matcher']:14.2f}" if base
                     else f"{'not run':>12} {'':>8} {'':>14}")
        cpu, matcher_cpu = r.get("cpu", float("nan")), r.get("matcher_cpu", float("nan"))
        print(f"{result['people']:8,} {r['seconds']:8.2f} {cpu:7.2f} {r['matcher']:10.2f} "
              f"{matcher_cpu:11.2f} {r['seconds'] - r['matcher']:16.2f} "
              f"{cpu - matcher_cpu:8.2f} | {base_text}")
    if len(new) >= 2:
        small, large = new[0], new[-1]
        factor = large["people"] / small["people"]
        print(f"\nGrowth from {small['people']:,} to {large['people']:,} people "
              f"(×{factor:g}); statements and seconds of the worst tick\n")
        print(f"{'tick':28} {'stmts ×':>9} {'seconds ×':>10}")
        for kind in KINDS:
            a, b = small["kinds"].get(kind), large["kinds"].get(kind)
            if a is None or b is None:
                continue
            print(f"{kind:28} {b['statements'] / max(a['statements'], 1):9.1f} "
                  f"{b['seconds'] / max(a['seconds'], 1e-6):10.1f}")
    print("\nTargets: quiet tick ≤ 20 statements and ≤ 0.05 s at 100,000; heads-up, "
          "check-in and round ticks ≤ 2 ms of DB time per message; a round of 100,000 "
          "≤ 60 s, of 10,000 ≤ 8 s (write + deliver).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--window", type=int, default=30,
                        help="minutes of every-minute ticks after each instant")
    parser.add_argument("--every", type=float, default=6.0,
                        help="hours between sample ticks elsewhere")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code before")
    parser.add_argument("--baseline-sizes", default="1000,10000")
    parser.add_argument("--baseline-window", type=int, default=10,
                        help="the old code is slow: fewer every-minute ticks")
    parser.add_argument("--baseline-every", type=float, default=24.0)
    parser.add_argument("--baseline-json", type=Path,
                        help="the baseline's figures saved by an earlier run (--save)")
    parser.add_argument("--save", type=Path, help="also write this run's figures as JSON")
    parser.add_argument("--teams", type=int, default=10000,
                        help="people in a round with 1:1 intros (Teams); 0: none")
    parser.add_argument("--profile", type=Path,
                        help="only a round of the first size, under cProfile; its stats "
                             "are written to this file and the top functions printed")
    parser.add_argument("--history", type=int, default=0,
                        help="earlier monthly rounds run (untimed) before the month, so "
                             "that its round has each person's past questions to avoid")
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code or REPO))
    import logging

    logging.basicConfig(level=logging.WARNING)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.profile:
        return profile_round(sizes[0], args.profile, args.history)
    if args.json:
        args.json.write_text(json.dumps(measure(sizes, args.window, args.every,
                                                args.history)))
        return 0
    if args.baseline_json:
        old = json.loads(args.baseline_json.read_text())
    elif args.baseline:
        old = baseline(args.baseline, [int(s) for s in args.baseline_sizes.split(",")],
                       args.baseline_window, args.baseline_every, args.history)
    else:
        old = []
    new = measure(sizes, args.window, args.every, args.history)
    if args.save:
        args.save.write_text(json.dumps(new))
    print_table(new, old)
    if args.teams:
        print_teams(teams_round(args.teams))
    return 0


if __name__ == "__main__":
    sys.exit(main())
