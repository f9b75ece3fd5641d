"""Delivery benchmark: a 1,000-group round through the outbox to a rate-limited fake Slack.

The fake Slack (tests/fakes/slack_api.py) enforces Slack's published
per-method limits with time compressed by --compression (60: Tier 3's 50
calls a minute become 50 a second). The script runs a real round on a
throw-away SQLite database and delivers it with the production sender and
Slack gateway (its pacing scaled by the same factor), then prints the wall
time beside the floor that the limits impose, the 429s received, and
duplicates/lost intros. The baseline in the same run is the same sender
with pacing off, relying on 429 + Retry-After alone.

    .venv/bin/python bench/delivery.py [--groups 1000] [--compression 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants, rounds
from bot.services.clock import FixedClock
from bot.services.delivery import deliver_due
from bot.slack.gateway import Pacing, SlackGateway, single_token
from bot.store import migrate
from bot.store.db import make_engine
from bot.store.models import Programme
from tests.fakes.slack_api import FakeSlack

ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
TARGET = 1.1


def _setup(tmp: Path, groups: int, fake: FakeSlack):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp / 'bench.db'}")
    migrate.upgrade(engine)
    services = build_services(engine, FixedClock(ROUND_AT - dt.timedelta(days=7)))
    with services.unit_of_work() as session:
        session.execute(Programme.__table__.select())  # warm the connection
    for i in range(groups * 2):
        user = f"U{i:05d}"
        fake.add_user(user, name=f"person{i}", real_name=f"Person {i}")
        participants.save_profile(services, "slack", "T1", user, f"Person {i}", None,
                                  ProfileInput("Nurse" if i % 2 else "Manager"))
    services.clock = FixedClock(ROUND_AT)
    with services.unit_of_work() as session:
        programme_id = session.query(Programme.id).scalar()
    plan = rounds.run_round(services, programme_id)
    assert len(plan.groups) == groups, plan.summary()
    return engine, services


def run(groups: int, compression: float, paced: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, FakeSlack(
            rate_limits=True, compression=compression) as fake:
        engine, services = _setup(Path(tmp), groups, fake)
        # The production pacing, on the fake's compressed clock; 1e9: pacing off.
        pacing = Pacing().compressed(compression if paced else 1e9)
        services.gateways["slack"] = SlackGateway(
            api_url=fake.url, tokens=single_token("xoxb-test"), open_rate=pacing.open,
            post_rate=pacing.post, call_rate=pacing.call)
        fake.reset_calls()
        started = time.perf_counter()
        sent = 0
        while True:
            report = deliver_due(services)
            sent += report.sent
            if not report.retried:
                break
            # Rows waiting for Retry-After: let the domain clock catch up with the wall.
            services.clock = FixedClock(services.clock.now() + dt.timedelta(seconds=2))
        wall = time.perf_counter() - started
        keys = Counter(m.get("metadata", {}).get("event_payload", {}).get("key")
                       for m in fake.messages())
        floor = fake.floor_seconds(fake.served_counts())
        result = {
            "wall": wall, "floor": floor, "ratelimited": fake.ratelimited_count,
            "intros": sum(1 for k in keys if k and ":intro:" in k),
            "duplicates": sum(n - 1 for n in keys.values() if n > 1),
            "lost": groups - sum(1 for k in keys if k and ":intro:" in k),
            "sent": sent,
        }
        engine.dispose()
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--compression", type=float, default=60.0)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    rows = [("pairbot (paced)", run(args.groups, args.compression, paced=True))]
    if not args.no_baseline:
        rows.append(("baseline: unpaced, Retry-After only",
                     run(args.groups, args.compression, paced=False)))
    print(f"\nDelivery of a {args.groups}-group round, Slack limits compressed "
          f"{args.compression:g}×\n")
    print(f"{'sender':38} {'wall s':>8} {'floor s':>8} {'× floor':>8} {'429s':>6} "
          f"{'intros':>7} {'dupes':>6} {'lost':>5}")
    for name, r in rows:
        ratio = r["wall"] / r["floor"] if r["floor"] else float("nan")
        print(f"{name:38} {r['wall']:8.2f} {r['floor']:8.2f} {ratio:8.2f} "
              f"{r['ratelimited']:6.0f} {r['intros']:7.0f} {r['duplicates']:6.0f} "
              f"{r['lost']:5.0f}")
    paced = rows[0][1]
    ok = (paced["wall"] <= TARGET * paced["floor"] and paced["duplicates"] == 0
          and paced["lost"] == 0)
    print(f"\ntarget: ≤ {TARGET} × floor, zero duplicates, zero lost: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
