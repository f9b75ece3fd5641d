"""The one parser of when people can meet and when they are away (profile and CSV)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core import availability as av

D = dt.date


def test_windows_are_checked_deduplicated_and_in_the_contracts_order():
    assert av.parse_windows([" Weekend-Night", "weekday-morning", "weekend-night", ""]) == (
        "weekday-morning", "weekend-night")
    assert av.parse_windows([]) == ()
    with pytest.raises(av.AvailabilityError) as refused:
        av.parse_windows(["weekday-lunch"])
    assert str(refused.value) == ("When you can meet: 'weekday-lunch' is not one of the times "
                                  "you can choose.")
    assert (refused.value.kind, refused.value.value) == ("window", "weekday-lunch")


def test_away_dates_read_ranges_and_single_days_both_ends_included():
    ranges = av.parse_away("2027-01-04..2027-01-15; 2027-02-01;\n2027-03-01 .. 2027-03-02")
    assert ranges == ((D(2027, 1, 4), D(2027, 1, 15)), (D(2027, 2, 1), D(2027, 2, 1)),
                      (D(2027, 3, 1), D(2027, 3, 2)))
    assert av.away_text(ranges) == "2027-01-04..2027-01-15;2027-02-01;2027-03-01..2027-03-02"
    assert av.parse_away(av.away_text(ranges)) == ranges
    assert av.parse_away("") == ()


@pytest.mark.parametrize(("typed", "kind", "says"), [
    ("2027-01-15..2027-01-04", "order", "Dates you're away: '2027-01-15..2027-01-04' ends "
                                        "before it starts."),
    ("15/01/2027", "date", "Dates you're away: '15/01/2027' is not a date; write YYYY-MM-DD, "
                           "or YYYY-MM-DD..YYYY-MM-DD for a range."),
    ("2027-02-30", "date", "Dates you're away: '2027-02-30' is not a date"),
    ("2027-01-01..2027-01-02..2027-01-03", "date", "is not a date"),
    (";".join(["2027-01-01"] * 51), "count", "give at most 50 dates or ranges."),
])
def test_unreadable_away_dates_are_refused_in_one_sentence_naming_the_field(typed, kind, says):
    with pytest.raises(av.AvailabilityError) as refused:
        av.parse_away(typed)
    assert refused.value.kind == kind and says in str(refused.value)


def test_stored_values_are_read_leniently_and_worded_for_the_reader():
    assert av.stored_windows("weekday-evening;bogus") == ("weekday-evening",)
    assert av.stored_away("not a date") == ()
    assert av.windows_words(()) == "any time"
    assert av.windows_words(("weekday-evening",)) == "Weekday evenings (5pm to 9pm)"
    assert av.away_words(((D(2027, 1, 4), D(2027, 1, 15)),)) == (
        "Monday 4 January – Friday 15 January")
