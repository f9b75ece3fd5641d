"""Commands whose capability arrives in later work: they say so and exit 3."""

from __future__ import annotations

import argparse

from bot.cli.errors import UserError


def _not_yet(what: str):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        raise UserError(f"'{what}' is not available yet in this version of pairbot", exit_code=3)

    return run


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add tick, round and demo."""
    tick = sub.add_parser("tick", help="run every job due at an instant (not available yet)")
    tick.add_argument("--at", help="ISO-8601 instant (default: now)")
    tick.set_defaults(func=_not_yet("pairbot tick"))
    rnd = sub.add_parser("round", help="preview, run or follow a round (not available yet)")
    rnd.add_argument("action", choices=["preview", "run", "status"])
    rnd.add_argument("--programme", required=True)
    rnd.set_defaults(func=_not_yet("pairbot round"))
    demo = sub.add_parser("demo", help="a month of a sample organisation (not available yet)")
    demo.set_defaults(func=_not_yet("pairbot demo"))
