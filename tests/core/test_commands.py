"""The `/pair-me` grammar, shared by Slack and Teams."""

import datetime as dt

import pytest

from bot.core.commands import Command, CommandError, parse_command

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(("text", "expected"), [
    ("", Command("profile")),
    ("pair me", Command("profile")),
    ("  STATUS ", Command("status")),
    ("resume", Command("resume")),
    ("leave", Command("leave")),
    ("my-data", Command("my-data")),
    ("help", Command("help")),
    ("pause 2w", Command("pause", until=dt.date(2026, 12, 9))),
    ("pause 1m", Command("pause", until=dt.date(2026, 12, 25))),
    ("pause 10d", Command("pause", until=dt.date(2026, 12, 5))),
    ("pause until 2027-01-31", Command("pause", until=dt.date(2027, 1, 31))),
    ("admin", Command("admin", admin_action="settings")),
    ("admin run-now", Command("admin", admin_action="run-now")),
    ("admin stats Cohort B", Command("admin", admin_action="stats", programme="Cohort B")),
    ("admin Cohort B", Command("admin", admin_action="settings", programme="Cohort B")),
    ("admin settings Cohort B", Command("admin", admin_action="settings", programme="Cohort B")),
])
def test_commands(text, expected):
    assert parse_command(text, TODAY) == expected


def test_a_month_from_the_31st_ends_on_the_last_day():
    assert parse_command("pause 1m", dt.date(2027, 1, 31)).until == dt.date(2027, 2, 28)


@pytest.mark.parametrize(("text", "message"), [
    ("dance", "I don't know the command `dance`."),
    ("pause", "Say how long to pause, e.g. `pause 2w` or `pause until 2027-01-31`."),
    ("pause until tomorrow", "`tomorrow` is not a date; write it as YYYY-MM-DD, like 2027-01-31."),
    ("pause until 2026-11-25", "2026-11-25 is not in the future."),
    ("pause 0d", "A pause must be at least one day long."),
    ("pause 2y", "`2y` is not a pause length; use e.g. `2w`, `1m` or `10d`."),
    ("pause 20m", "A pause can last a year at most; use `leave` to stop for good."),
    ("status please", "`status` takes nothing after it."),
])
def test_errors_are_one_sentence(text, message):
    with pytest.raises(CommandError) as caught:
        parse_command(text, TODAY)
    assert str(caught.value) == message
