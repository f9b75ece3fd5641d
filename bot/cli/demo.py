"""`pairbot demo`: a term in a sample trust, through the real services, printed."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path

from bot.cli.errors import UserError
from bot.core.i18n import N_, _

# The README's quick start says the same (tests/cli/test_rounds_cli.py checks it).
WHAT_IT_SHOWS = N_(
    "A sample hospital trust of 150 people in 12 professions, in three programmes "
    "(everyone across professions; junior doctors × managers, a term of three months with "
    "the same partners; a three-person night-shift pilot where someone is left out), "
    "through three monthly rounds and the first round of the next term, with the real "
    "services. It prints what each person reads, day by day (questionnaires, heads-ups, "
    "introductions, left-out notices, check-ins, reminders, the end-of-term questions), "
    "then the organisers' figures and the before-and-after evaluation.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `demo`."""
    demo = sub.add_parser(
        "demo",
        help=_("a term of a bundled sample organisation, end to end, printed"),
        description=_(WHAT_IT_SHOWS) + " " + _(
            "It needs no credentials and no network, and uses a throw-away SQLite database, "
            "unless --keep writes it to a file (dated so that the term lies in the past) to "
            "open the organiser console on."),
    )
    demo.add_argument("--all", action="store_true",
                      help=_("print every message (default: the first few of each kind a "
                             "day)"))
    demo.add_argument("--seed", type=int, default=7, help=_("seed for the simulated answers"))
    demo.add_argument("--keep", metavar="PATH",
                      help=_("write the sample trust's history to the new SQLite file PATH, "
                             "its term ending last month, and print how to open the console "
                             "on it"))
    demo.set_defaults(func=run_demo)


def _first_round_in_the_past(today: dt.date) -> dt.date:
    """The month whose first round begins a term that has ended (the next term's first
    round falls last month): four months back."""
    month = today.month - 4
    return dt.date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def run_demo(args: argparse.Namespace) -> int:
    import secrets
    import tempfile

    # The demo prints what participants read; the services' own log would interleave.
    logging.getLogger("bot").setLevel(logging.WARNING)
    # Imported here so that other commands start without the whole runtime.
    from bot.demo.runner import Demo
    from bot.store import migrate
    from bot.store.db import make_engine

    if args.keep:
        path = Path(args.keep).expanduser().resolve()
        if path.exists():
            raise UserError(_("--keep: {path} exists; give the name of a new file").format(
                path=args.keep), exit_code=1)
        if not path.parent.is_dir():
            raise UserError(_("--keep: {path} is not a folder").format(path=path.parent))
        engine = make_engine(f"sqlite:///{path}")
        migrate.upgrade(engine)
        try:
            Demo(engine, show_all=args.all, seed=args.seed,
                 first_round=_first_round_in_the_past(dt.datetime.now(dt.UTC).date())).run()
        finally:
            engine.dispose()
        token, key = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        command = (f"DATABASE_URL=sqlite:///{path} PAIRBOT_ADMIN_TOKEN={token} "
                   f"PAIRBOT_SECRET_KEY={key} pairbot serve")
        print("\n" + _("The sample trust's term is in {path}. To open the organiser console "
                       "on it:").format(path=path) + f"\n  {command}\n"
              + _("then sign in at {url} with the PAIRBOT_ADMIN_TOKEN above.").format(
                  url="http://localhost:3000/admin"))
        return 0
    with tempfile.TemporaryDirectory(prefix="pairbot-demo-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'demo.db'}")
        migrate.upgrade(engine)
        try:
            Demo(engine, show_all=args.all, seed=args.seed).run()
        finally:
            engine.dispose()
    return 0
