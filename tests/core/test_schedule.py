"""Cadences: parsing, the next round, periods, time zones."""

import datetime as dt

import pytest

from bot.core.schedule import CadenceError, next_round_at, parse_cadence, period_of

UTC = dt.UTC


def at(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("cadence", "after", "expected"), [
    # The default: first Monday of the month, 10:00 London (GMT in winter).
    ("monthly first monday 10:00", at(2026, 11, 25), at(2026, 12, 7, 10)),
    ("monthly first monday 10:00", at(2026, 12, 7, 10), at(2027, 1, 4, 10)),
    # British Summer Time: 10:00 London is 09:00 UTC.
    ("monthly first monday 10:00", at(2027, 5, 1), at(2027, 5, 3, 9)),
    ("monthly last friday 14:00", at(2026, 11, 1), at(2026, 11, 27, 14)),
    ("monthly day 15 09:30", at(2026, 11, 15, 9, 31), at(2026, 12, 15, 9, 30)),
    ("weekly wednesday 12:30", at(2026, 11, 25, 12, 29), at(2026, 11, 25, 12, 30)),
    ("weekly wednesday 12:30", at(2026, 11, 25, 12, 30), at(2026, 12, 2, 12, 30)),
    # Fortnights count from Monday 1 January 2024, so every replica agrees.
    ("fortnightly monday 10:00", at(2026, 11, 24), at(2026, 11, 30, 10)),
    ("fortnightly monday 10:00", at(2026, 11, 30, 10), at(2026, 12, 14, 10)),
])
def test_next_round(cadence, after, expected):
    assert next_round_at(parse_cadence(cadence), "Europe/London", after) == expected


def test_time_zones_are_the_programmes():
    cadence = parse_cadence("monthly first monday 10:00")
    assert next_round_at(cadence, "Australia/Sydney", at(2026, 11, 25)) == at(2026, 12, 6, 23)


def test_periods():
    cadence = parse_cadence("monthly first monday 10:00")
    assert period_of(cadence, "Europe/London", at(2026, 12, 7, 10)) == "2026-12"
    weekly = parse_cadence("weekly monday 10:00")
    assert period_of(weekly, "Europe/London", at(2026, 12, 7, 10)) == "2026-W50"


@pytest.mark.parametrize(("text", "message"), [
    ("every full moon", "'every full moon' is not a cadence"),
    ("monthly monday 10:00", "Say which week of the month"),
    ("weekly first monday 10:00", "'first' only goes with 'monthly'."),
    ("monthly day 31 10:00", "The day of the month must be 1 to 28"),
    ("weekly funday 10:00", "'funday' is not a day of the week."),
    ("weekly monday 25:00", "25:00 is not a time of day."),
])
def test_bad_cadences_say_why(text, message):
    with pytest.raises(CadenceError) as caught:
        parse_cadence(text)
    assert str(caught.value).startswith(message)


def test_describe_round_trips():
    for text in ["monthly first monday 10:00", "monthly day 15 09:30",
                 "fortnightly monday 10:00", "weekly wednesday 12:30",
                 "monthly last friday 14:00"]:
        assert parse_cadence(text).describe() == text
