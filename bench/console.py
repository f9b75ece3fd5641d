"""Console benchmark: how long the organiser console's read models take on a big programme.

Seeds a throw-away SQLite database with PEOPLE participants, runs ROUNDS real rounds
(matcher and outbox included), records check-in answers and feedback for a share of the
groups, then times each page's read model (median of --repeat runs): the overview (charts
and matrices), the participants table, the rounds page and the matches export. The
baseline in the same run is the figures the old dashboard showed for the same programme
(bot.services.stats.programme_stats).

    .venv/bin/python bench/console.py [--people 2000] [--rounds 6] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bot.runtime import build_services
from bot.services import console, rounds, stats
from bot.services.clock import FixedClock
from bot.store import migrate
from bot.store.db import make_engine
from bot.store.models import CheckinAnswer, Feedback, Match, MatchMember
from tests.support.seed import programme_with_people

START = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)


def _answer(services, rnd_id: int, seed: int) -> None:
    """Half the groups answer: 60% met, 25% scheduled, 15% not happening; met ones rate."""
    chance = random.Random(seed)
    with services.unit_of_work() as session:
        for match in session.scalars(select(Match).where(Match.round_id == rnd_id)):
            if chance.random() < 0.5:
                continue
            member = session.scalars(select(MatchMember).where(
                MatchMember.match_id == match.id)).first()
            answer = chance.choices(["met", "scheduled", "not_happening"], [60, 25, 15])[0]
            session.add(CheckinAnswer(match_id=match.id, participant_id=member.participant_id,
                                      answer=answer, source="button", answered_at=START))
            if answer == "met":
                session.add(Feedback(match_id=match.id, participant_id=member.participant_id,
                                     learned_score=chance.randint(2, 5), learned_text="x",
                                     share_anonymously=chance.random() < 0.3,
                                     created_at=START))


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate.upgrade(engine)
        clock = FixedClock(START)
        services = build_services(engine, clock)
        pid = programme_with_people(services.sessions, name="Bench", people=args.people,
                                    created=START)
        began = time.perf_counter()
        for month in range(args.rounds):
            clock.at = START + dt.timedelta(days=31 * month)
            plan = rounds.run_round(services, pid)
            _answer(services, plan.round_id or 0, month)
        seeded = time.perf_counter() - began
        viewer = console.OPERATOR
        figures = {
            "overview": lambda: console.overview(services, viewer, pid),
            "participants": lambda: console.participants_of(services, viewer, pid),
            "rounds": lambda: console.rounds_of(services, viewer, pid),
            "export matches": lambda: console.export_rows(services, viewer, pid, "matches"),
            "baseline: old dashboard figures": lambda: stats.programme_stats(services, pid),
        }
        print(f"{args.people} people, {args.rounds} rounds (seeded in {seeded:.1f} s), "
              f"median of {args.repeat}:")
        for name, fn in figures.items():
            print(f"  {name:34s} {_median(fn, args.repeat) * 1000:8.1f} ms")
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
