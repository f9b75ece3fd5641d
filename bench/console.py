"""Console benchmark over HTTP: each page's server time through `pairbot serve`, beside
today's code (the branch's base commit, or --baseline REF) measured in the same run.

Seeds a throw-away PostgreSQL database (or SQLite with --sqlite) with PEOPLE participants,
runs ROUNDS real rounds (matcher and outbox included) and answers half the groups' check-ins;
copies it for the baseline (PostgreSQL: CREATE DATABASE … TEMPLATE, then this code's
migrations down to the baseline's head); starts `pairbot serve --no-scheduler` on each (the
baseline from `git archive REF`, so it is exactly that commit's code); then requests each
page REPEAT times with `Authorization: Bearer PAIRBOT_ADMIN_TOKEN`, alternating the two
servers, and prints the median and p95 of each (CSV exports: to the first byte and whole).

    .venv/bin/python bench/console.py [--people 10000] [--rounds 6] [--repeat 15]
        [--baseline REF] [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
        [--seeded DATABASE]

Seeding 100,000 people and 12 rounds takes about half an hour on two cores: --seeded
DATABASE copies a database seeded earlier (same PostgreSQL server, seeded by this script's
`_seed`, e.g. `python -c "import bench.console as c; c._seed(URL, 100000, 12)"`) instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, delete, insert, select, text

from bot.runtime import build_services
from bot.services import round_tally, rounds
from bot.services.clock import FixedClock
from bot.store import migrate
from bot.store.db import make_engine
from bot.store.models import CheckinAnswer, Feedback, Match, MatchMember, Round, RoundTally
from tests.support.proc import free_port
from tests.support.seed import programme_with_people

REPO = Path(__file__).resolve().parents[1]
START = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
TOKEN = "bench-console-operator-token-0123456789"


def _answer(services, round_id: int, seed: int) -> None:
    """Half the groups answer: 60% met, 25% scheduled, 15% not happening; met ones rate."""
    chance = random.Random(seed)
    with services.unit_of_work() as session:
        firsts = session.execute(select(MatchMember.match_id, MatchMember.participant_id)
                                 .join(Match, Match.id == MatchMember.match_id)
                                 .where(Match.round_id == round_id,
                                        MatchMember.position == 0)).all()
        answers, feedback = [], []
        for match_id, person in firsts:
            if chance.random() < 0.5:
                continue
            answer = chance.choices(["met", "scheduled", "not_happening"], [60, 25, 15])[0]
            answers.append({"match_id": match_id, "participant_id": person, "answer": answer,
                            "source": "button", "answered_at": START})
            if answer == "met":
                feedback.append({"match_id": match_id, "participant_id": person,
                                 "learned_score": chance.randint(2, 5), "learned_text": "x",
                                 "share_anonymously": chance.random() < 0.3,
                                 "created_at": START})
        if answers:
            session.execute(insert(CheckinAnswer), answers)
        if feedback:
            session.execute(insert(Feedback), feedback)
        # Answers inserted in bulk bypass the tally kept as each one arrives: rebuild it,
        # as it stands once they have arrived one by one.
        session.execute(delete(RoundTally).where(RoundTally.round_id == round_id))
        round_tally.build(session, session.get_one(Round, round_id), START)


def _seed(url: str, people: int, rounds_: int) -> tuple[int, float]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    clock = FixedClock(START)
    services = build_services(engine, clock)
    pid = programme_with_people(services.sessions, name="Bench", people=people, created=START)
    began = time.perf_counter()
    for month in range(rounds_):
        clock.at = START + dt.timedelta(days=31 * month)
        plan = rounds.run_round(services, pid)
        _answer(services, plan.round_id or 0, month)
    engine.dispose()
    return pid, time.perf_counter() - began


def _serve(code: Path, url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "PAIRBOT_ADMIN_TOKEN": TOKEN,
           "PAIRBOT_SECRET_KEY": "bench-console-secret-key-0123456789",
           "PYTHONPATH": str(code), "PAIRBOT_LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "-c", "from bot.cli.main import main; main()",
                             "serve", "--no-scheduler", "--port", str(port)],
                            cwd=code, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _wait(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"a server stopped: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"a server did not start: {log.read_text()[-2000:]}")


def _time(client: httpx.Client, path: str) -> tuple[float, float, int]:
    """Seconds to the first byte and to the last, and the status."""
    began = time.perf_counter()
    with client.stream("GET", path) as response:
        first = None
        # As the bytes arrive: iter_raw(65536) would wait for 64 KiB before the first.
        for _ in response.iter_raw():
            first = first or time.perf_counter() - began
        return first or time.perf_counter() - began, time.perf_counter() - began, \
            response.status_code


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--baseline", default="")
    parser.add_argument("--database-url",
                        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--seeded", default="",
                        help="a PostgreSQL database seeded earlier, copied instead of seeding")
    args = parser.parse_args()
    ref = args.baseline or subprocess.run(
        ["git", "-C", str(REPO), "merge-base", "HEAD", "main"], capture_output=True,
        text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-console-") as folder:
        work = Path(folder)
        base_code = work / "baseline"
        base_code.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base_code)], input=archive, check=True)
        tag = f"bench_console_{os.getpid()}"
        if args.sqlite:
            new_url, old_url = f"sqlite:///{work}/new.db", f"sqlite:///{work}/old.db"
        else:
            admin = create_engine(args.database_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {tag}_new"))
            root = args.database_url.rsplit("/", 1)[0]
            new_url, old_url = f"{root}/{tag}_new", f"{root}/{tag}_old"
        try:
            if args.seeded:
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE {tag}_new"))
                    conn.execute(text(f"CREATE DATABASE {tag}_new TEMPLATE {args.seeded}"))
                seeded_engine = make_engine(new_url)
                with seeded_engine.connect() as conn:
                    pid = conn.scalar(text("SELECT min(id) FROM programmes"))
                    # The figures printed are the copied database's, not the options'.
                    args.people = conn.scalar(text(
                        "SELECT count(*) FROM participants WHERE programme_id = :p"), {"p": pid})
                    args.rounds = conn.scalar(text(
                        "SELECT count(*) FROM rounds WHERE programme_id = :p"), {"p": pid})
                seeded_engine.dispose()
                seeded = float("nan")
            else:
                pid, seeded = _seed(new_url, args.people, args.rounds)
            if args.sqlite:
                (work / "old.db").write_bytes((work / "new.db").read_bytes())
            else:
                # As autovacuum would have left a database in service: planner statistics
                # and the visibility map (index-only scans) up to date.
                vacuum = create_engine(new_url, isolation_level="AUTOCOMMIT")
                with vacuum.connect() as conn:
                    conn.execute(text("VACUUM ANALYZE"))
                vacuum.dispose()
                with admin.connect() as conn:
                    conn.execute(text(f"CREATE DATABASE {tag}_old TEMPLATE {tag}_new"))
            # Down to the baseline's own head, which its server's start migrates to.
            baseline_head = ScriptDirectory(str(base_code / "migrations")).get_current_head()
            old_engine = make_engine(old_url)
            migrate.downgrade(old_engine, baseline_head or "base")
            old_engine.dispose()
            ports = free_port(), free_port()
            servers = [_serve(REPO, new_url, ports[0], work / "new.log"),
                       _serve(base_code, old_url, ports[1], work / "old.log")]
            try:
                bases = [f"http://127.0.0.1:{p}" for p in ports]
                for base, proc, name in zip(bases, servers, ("new", "old"), strict=True):
                    _wait(base, proc, work / f"{name}.log")
                _measure(bases, pid, args, seeded, ref)
            finally:
                for proc in servers:
                    proc.terminate()
                    proc.wait(timeout=30)
        finally:
            if not args.sqlite:
                with admin.connect() as conn:
                    for suffix in ("new", "old"):
                        conn.execute(text(f"DROP DATABASE IF EXISTS {tag}_{suffix}"))
                admin.dispose()
    return 0


def _measure(bases: list[str], pid: int, args: argparse.Namespace, seeded: float,
             ref: str) -> None:
    p = f"/admin/programmes/{pid}"
    pages = [("at a glance", "/admin"), ("programmes", "/admin/programmes"),
             ("overview", p), ("needs attention", f"{p}/attention"),
             ("participants", f"{p}/participants"),
             ("participants search", f"{p}/participants?q=person%2012"),
             ("rounds", f"{p}/rounds"), ("audit", f"{p}/audit"), ("report", f"{p}/report"),
             ("export matches.csv", f"{p}/export/matches.csv"),
             ("export participants.csv", f"{p}/export/participants.csv")]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    clients = [httpx.Client(base_url=b, headers=headers, timeout=600) for b in bases]
    results: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    for name, path in pages:
        for client in clients:
            _time(client, path)  # warm up
        for _ in range(args.repeat):
            for i, client in enumerate(clients):
                results.setdefault((name, i), []).append(_time(client, path))
    backend = "SQLite" if args.sqlite else "PostgreSQL"
    how = (f"copied from {args.seeded}" if args.seeded else f"seeded in {seeded:.0f} s")
    print(f"{args.people} people, {args.rounds} rounds on {backend} ({how}); "
          f"server time over HTTP, {args.repeat} requests each; baseline {ref[:10]}")
    print(f"  {'page':26s} {'median':>9s} {'p95':>9s} {'first byte':>11s}   "
          f"{'baseline median':>15s} {'p95':>9s}")
    for name, _ in pages:
        new, old = results[(name, 0)], results[(name, 1)]
        line = (f"  {name:26s} {statistics.median(t for _, t, _ in new) * 1000:7.0f}ms "
                f"{_p95([t for _, t, _ in new]) * 1000:7.0f}ms "
                f"{statistics.median(f for f, _, _ in new) * 1000:9.0f}ms   ")
        if all(s == 200 for _, _, s in old):
            line += (f"{statistics.median(t for _, t, _ in old) * 1000:13.0f}ms "
                     f"{_p95([t for _, t, _ in old]) * 1000:7.0f}ms")
        else:
            line += f"{'(no such page: ' + str(old[0][2]) + ')':>25s}"
        if any(s != 200 for _, _, s in new):
            line += f"  NEW STATUS {new[0][2]}"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
