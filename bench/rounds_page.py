"""The rounds page in-process, statement by statement: what its request spends in SQL.

Runs the two services the page calls (round_log.rounds_of and group_actions.late_joiners)
REPEAT times on an existing database (e.g. a copy of one seeded by bench/console.py's
`_seed`, migrated to the code's head), times every statement, and prints the median of
each statement's time and of the whole, the slowest statements first. Run it with the code
to measure on PYTHONPATH (this tree, or a `git archive` of the baseline):

    PYTHONPATH=. .venv/bin/python bench/rounds_page.py URL [--repeat 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

sys.path.insert(0, str(Path.cwd()))

from bot.runtime import build_services
from bot.services.clock import FixedClock
from bot.services.console import access, group_actions, round_log
from bot.store.db import make_engine


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    engine = make_engine(args.url)
    services = build_services(engine, FixedClock(dt.datetime.now(dt.UTC)))
    with engine.connect() as conn:
        pid = conn.scalar(text("SELECT min(id) FROM programmes"))
    timings: dict[str, list[float]] = defaultdict(list)
    current: dict[str, Any] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        current["at"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        current.setdefault("run", []).append(
            (" ".join(statement.split())[:150], time.perf_counter() - current["at"]))

    whole, sql = [], []
    for i in range(args.repeat + 1):
        current["run"] = []
        began = time.perf_counter()
        rounds = round_log.rounds_of(services, access.OPERATOR, pid)
        joiners = group_actions.late_joiners(services, access.OPERATOR, pid)
        took = time.perf_counter() - began
        if i == 0:
            print(f"{len(rounds)} rounds, {len(joiners.people)} late joiners shown, "
                  f"{len(joiners.groups)} groups with room; {len(current['run'])} statements")
            continue  # warm-up
        whole.append(took)
        sql.append(sum(t for _, t in current["run"]))
        seen: dict[str, int] = defaultdict(int)
        for statement, t in current["run"]:
            seen[statement] += 1
            timings[f"{statement} #{seen[statement]}"].append(t)
    print(f"whole: median {statistics.median(whole) * 1000:.0f} ms "
          f"(min {min(whole) * 1000:.0f}, max {max(whole) * 1000:.0f}); SQL: median "
          f"{statistics.median(sql) * 1000:.0f} ms")
    ranked = sorted(timings.items(), key=lambda kv: -statistics.median(kv[1]))
    for statement, times in ranked[:8]:
        print(f"  {statistics.median(times) * 1000:7.1f} ms  {statement}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
