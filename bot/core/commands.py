"""The text grammar of `/pair-me …` (Slack) and of messages to the bot (Teams).

Both platforms parse with `parse_command`, so they accept exactly the same
words and give exactly the same errors. This module and the platform packages are
the only places that spell a platform's command syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.core.i18n import _
from bot.core.text import CommandRef, Inline, plain
from bot.core.wording import sentence

MAX_PAUSE_DAYS = 366
ADMIN_ACTIONS = ("settings", "preview", "run-now", "stats")


@dataclass(frozen=True)
class Command:
    """A parsed request: `name` is one of the words above; `until` for pause."""

    name: str
    until: dt.date | None = None
    admin_action: str | None = None
    programme: str | None = None


class CommandError(ValueError):
    """The text could not be understood; the message says why in one sentence. `parts` is
    that sentence with the commands it names as CommandRefs, for each platform to write in
    its own syntax; `str()` shows them in backticks, bare."""

    def __init__(self, *parts: Inline) -> None:
        self.parts = parts
        super().__init__(plain(parts, lambda ref: f"`{ref.words()}`"))


_DURATION = re.compile(r"^(\d{1,3})\s*(d|w|m)$")


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def pause_until(words: list[str], today: dt.date) -> dt.date:
    """The last paused day for `pause 2w`, `pause 1m`, `pause 10d` or `pause until DATE`."""
    if not words:
        raise CommandError(*sentence(_("Say how long to pause, e.g. {two_weeks} or {until}."),
                                     two_weeks=CommandRef("pause", "2w"),
                                     until=CommandRef("pause", "until 2027-01-31")))
    if words[0] == "until":
        if len(words) != 2:
            raise CommandError(*sentence(_("Give one date after {pause_until}, like {example}."),
                                         pause_until=CommandRef("pause", "until"),
                                         example=CommandRef("pause", "until 2027-01-31")))
        try:
            until = dt.date.fromisoformat(words[1])
        except ValueError:
            raise CommandError(_(
                "`{text}` is not a date; write it as YYYY-MM-DD, like 2027-01-31."
            ).format(text=words[1])) from None
        if until <= today:
            raise CommandError(_("{date} is not in the future.").format(date=until.isoformat()))
    else:
        found = _DURATION.match(" ".join(words))
        if not found:
            raise CommandError(_(
                "`{text}` is not a pause length; use e.g. `2w`, `1m` or `10d`."
            ).format(text=" ".join(words)))
        count, unit = int(found.group(1)), found.group(2)
        if count == 0:
            raise CommandError(_("A pause must be at least one day long."))
        if unit == "d":
            until = today + dt.timedelta(days=count)
        elif unit == "w":
            until = today + dt.timedelta(weeks=count)
        else:
            until = _add_months(today, count)
    if (until - today).days > MAX_PAUSE_DAYS:
        raise CommandError(*sentence(_("A pause can last a year at most; use {leave} to stop "
                                       "for good."), leave=CommandRef("leave")))
    return until


def parse_command(text: str, today: dt.date) -> Command:
    """Parse what the user typed after `/pair-me` (or to the bot in Teams)."""
    words = text.strip().lower().replace("\u00a0", " ").split()
    if not words or words in (["pair", "me"], ["pair-me"], ["join"], ["profile"], ["edit"]):
        return Command("profile")
    head, rest = words[0], words[1:]
    if head in ("status", "resume", "leave", "my-data", "help", "log", "cpd") and not rest:
        return Command(head)
    if head in ("mydata", "my_data") and not rest:
        return Command("my-data")
    if head == "pause":
        return Command("pause", until=pause_until(rest, today))
    if head == "admin":
        # `admin ACTION [PROGRAMME]`, or `admin PROGRAMME` for its settings. The programme's
        # name keeps the case it was typed in; whether it exists is the services' to say.
        typed = text.split()[1:]
        if rest and rest[0] in ADMIN_ACTIONS:
            return Command("admin", admin_action=rest[0], programme=" ".join(typed[1:]) or None)
        return Command("admin", admin_action="settings", programme=" ".join(typed) or None)
    if head in ("status", "resume", "leave", "my-data", "help", "log", "cpd"):
        raise CommandError(*sentence(_("{command} takes nothing after it."),
                                     command=CommandRef(head)))
    raise CommandError(_("I don't know the command `{text}`.").format(
        text=" ".join(text.split())[:50]))
