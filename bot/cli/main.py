"""The `pairbot` command: one argparse parser, one module per subcommand."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence

from bot import __version__
from bot.cli import errors
from bot.cli.errors import Parser
from bot.core import i18n
from bot.core.i18n import _


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every subcommand registered."""
    from bot.cli import demo, match, people_cmd, programme_cmd, rounds_cmd, serve, teams_cmd

    parser: argparse.ArgumentParser = Parser(
        prog="pairbot",
        description=_("pairbot introduces people from different professions to each other, "
                      "monthly, in Slack and Microsoft Teams."),
    )
    parser.add_argument("--version", action="version", version=f"pairbot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log debug details"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    serve.register(sub)
    match.register(sub)
    rounds_cmd.register(sub)
    demo.register(sub)
    teams_cmd.register(sub)
    programme_cmd.register(sub)
    people_cmd.register(sub)
    return parser


def terminal_language(environ: Mapping[str, str]) -> str | None:
    """The language the terminal asks for, as gettext reads it (LANGUAGE, then LC_ALL,
    LC_MESSAGES, LANG: `cy_GB.UTF-8` gives `cy`), when pairbot has a catalogue for it;
    None: English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            language = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].lower()
            return language if language in i18n.available() and language != "en" else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pairbot` console script."""
    # The terminal's own language, not a pairbot setting (bot/config.py): read before the
    # parser is built, so that --help speaks it, and without importing the settings.
    i18n.choose(terminal_language(os.environ))
    parser = build_parser()
    args = parser.parse_args(argv)
    from bot.observability import logs  # after parsing: --version and --help need no logging

    logs.configure(
        # serve is a long-running process that logs its work; other commands print
        # their result and log only problems.
        level=logging.DEBUG if args.verbose else (
            logging.INFO if args.command == "serve" else logging.WARNING),
    )
    # Alembic logs every connection it inspects; only problems matter here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except errors.UserError as exc:
        print(f"pairbot: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
