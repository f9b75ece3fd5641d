"""The one exception a command raises to stop with a clear line and an exit code, and the
parser whose usage errors are one line too."""

from __future__ import annotations

import argparse
from typing import NoReturn

from bot.core.i18n import _


class UserError(Exception):
    """A failure the user can fix: printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} " + _("(see {command})").format(
            command=f"{self.prog} --help") + "\n")
