"""CPU per request in the service layer: `/pair-me status` and a check-in reaction given
again, beside one `SELECT 1` in a unit of work (the floor of any statement) in the same run.

The two requests bench/load.py sends, called the way the Slack listeners call them
(the reader's language found as `in_language` finds it, then the service), in one
process on one thread, so that the figure is the service layer's own: no HTTP, no Bolt,
no other thread. Each is run REPEAT times over load.py's 200 people, in turn (interleaved, so
the machine's load falls on all three alike), and the figure is process CPU time per
call, the median of ROUNDS rounds.

    .venv/bin/python bench/request_cpu.py                          # SQLite file
    .venv/bin/python bench/request_cpu.py --database postgresql     # the local server

Against an older checkout: copy this file into it and run it there with this venv.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load  # noqa: E402
from bot.core import i18n  # noqa: E402
from bot.runtime import build_services  # noqa: E402
from bot.services import checkins, languages, participants  # noqa: E402
from bot.services.clock import FixedClock  # noqa: E402
from bot.services.context import Services  # noqa: E402
from bot.services.gateway import SentRef  # noqa: E402
from bot.store.db import make_engine  # noqa: E402
from tests.fakes.slack_api import FakeSlack  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "pairbot_request_cpu"


def _seed(url: str) -> tuple[Services, list[tuple[str, SentRef]]]:
    """bench/load.py's programme (its round, its check-ins sent), each check-in answered
    once by its first member; the (person, check-in message) pairs to react on again."""
    fake = FakeSlack().start()
    try:
        sent = load.seed(url, fake)
    finally:
        fake.stop()
    services = build_services(make_engine(url), FixedClock(dt.datetime.now(dt.UTC)))
    reactions = [(checkin.users[0], SentRef(checkin.channel, checkin.ts)) for checkin in sent]
    for user, ref in reactions:  # no gateway: nothing is redrawn
        checkins.record_checkin(services, "slack", "T1", user, answer="met",
                                source="reaction", message=ref)
    return services, reactions


def _status(services: Services, i: int) -> None:
    user = f"U{i % load.PEOPLE:04d}"
    if not hasattr(i18n, "using_when_needed"):  # a checkout before 2026-12-07, to compare
        with i18n.using(languages.of_person(services, "slack", "T1", user)):
            participants.handle_command(services, "slack", "T1", user, "status")
        return
    with i18n.using_when_needed(lambda: languages.of_person(services, "slack", "T1", user)):
        participants.handle_command(services, "slack", "T1", user, "status")


def _reaction_again(services: Services, reactions: list[tuple[str, SentRef]], i: int
                    ) -> None:
    user, ref = reactions[i % len(reactions)]
    result = checkins.record_checkin(services, "slack", "T1", user, answer="met",
                                     source="reaction", message=ref)
    assert not result.changed


def _floor(services: Services, _i: int) -> None:
    with services.unit_of_work() as session:
        session.execute(text("SELECT 1"))


def _cpu_ms(call: Callable[[int], None], repeat: int) -> float:
    started = time.process_time()
    for i in range(repeat):
        call(i)
    return 1000 * (time.process_time() - started) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=1000, help="calls per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.database == "postgresql":
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE}"))
                conn.execute(text(f"CREATE DATABASE {PG_DATABASE}"))
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_DATABASE}"
        else:
            url = f"sqlite:///{tmp}/request_cpu.db"
        services, reactions = _seed(url)
        calls: dict[str, Callable[[int], None]] = {
            "SELECT 1 in a unit of work (baseline)": lambda i: _floor(services, i),
            "/pair-me status": lambda i: _status(services, i),
            "a reaction given again": lambda i: _reaction_again(services, reactions, i),
        }
        for call in calls.values():  # warm the statement caches
            _cpu_ms(call, 50)
        figures: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(args.rounds):
            for name, call in calls.items():
                figures[name].append(_cpu_ms(call, args.repeat))
        services.sessions.kw["bind"].dispose()
    print(f"CPU per call in the service layer, {args.database}, median of {args.rounds} "
          f"rounds of {args.repeat} (ms)")
    floor = statistics.median(figures["SELECT 1 in a unit of work (baseline)"])
    for name, values in figures.items():
        median = statistics.median(values)
        print(f"  {name:40} {median:6.2f}   x{median / floor:4.1f} the baseline   "
              f"(rounds {min(values):.2f}-{max(values):.2f})")
    if args.database == "postgresql":
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DATABASE}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
