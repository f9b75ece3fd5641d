"""`pairbot demo`: a term in a sample trust, through the real services, printed."""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `demo`."""
    demo = sub.add_parser(
        "demo",
        help="a term of a bundled sample organisation, end to end, printed",
        description="Runs a sample hospital trust of 150 people in 12 professions through four "
        "monthly rounds of three programmes (cross-profession; junior doctors × managers as a "
        "term of three months with the same partners and tutorial groups; a three-person "
        "pilot where someone is left out) with the real services: opt-ins with the baseline "
        "questions, heads-ups, intros with each month's theme and guide, check-in answers, "
        "feedback, reminders, an auto-pause, the end-of-term questions and the next term. "
        "Each message is printed as a participant would read it, then the statistics and the "
        "before-and-after evaluation. It uses a throw-away SQLite database and needs no "
        "credentials and no network.",
    )
    demo.add_argument("--all", action="store_true",
                      help="print every message (default: the first few of each kind a day)")
    demo.add_argument("--seed", type=int, default=7, help="seed for the simulated answers")
    demo.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    # The demo prints what participants read; the services' own log would interleave.
    logging.getLogger("bot").setLevel(logging.WARNING)
    # Imported here so that other commands start without the whole runtime.
    from bot.demo.runner import Demo
    from bot.store import migrate
    from bot.store.db import make_engine

    with tempfile.TemporaryDirectory(prefix="pairbot-demo-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'demo.db'}")
        migrate.upgrade(engine)
        try:
            Demo(engine, show_all=args.all, seed=args.seed).run()
        finally:
            engine.dispose()
    return 0
