"""Suggested meeting times, the iCalendar file and the Teams link, as people get them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.core.calendar import meeting_ics, teams_meeting_link
from bot.core.slots import SlotInputError, suggest

LONDON = ZoneInfo("Europe/London")
CHRISTMAS_2026 = {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)}  # 26th: Sat
EASTER_2027 = {date(2027, 3, 26), date(2027, 3, 29)}  # Good Friday, Easter Monday


def test_weekday_times_across_christmas_avoid_bank_holidays_and_weekends():
    got = suggest(["weekday-morning", "weekday-evening"], date(2026, 12, 21), count=5)
    assert len(got) == 5
    days = [s.start.date() for s in got]
    assert len(set(days)) == 5  # spread over different days
    assert all(date(2026, 12, 21) <= d <= date(2027, 1, 3) for d in days)
    assert not set(days) & CHRISTMAS_2026
    assert all(d.weekday() < 5 for d in days)
    for s in got:
        assert s.start.tzinfo is not None and s.end - s.start == timedelta(minutes=30)
        local = s.start.astimezone(LONDON)
        assert (8 <= local.hour < 12) or (17 <= local.hour < 21)
        assert s.end.astimezone(LONDON).time() <= (
            datetime(2000, 1, 1, 12).time() if local.hour < 12 else datetime(2000, 1, 1, 21).time())
    # Both windows are used, in turn.
    assert {s.window for s in got} == {"weekday-morning", "weekday-evening"}


def test_easter_monday_is_a_bank_holiday_in_england_not_in_scotland():
    first = date(2027, 3, 24)
    england = suggest(["weekday-afternoon"], first, count=5, nation="england")
    scotland = suggest(["weekday-afternoon"], first, count=5, nation="scotland")
    assert not {s.start.date() for s in england} & EASTER_2027
    assert date(2027, 3, 26) not in {s.start.date() for s in scotland}
    # Every working day of the fortnight in Scotland, Easter Monday included, is a
    # possible day: with only the days around Easter open, it is chosen.
    away = [(date(2027, 3, 24), date(2027, 3, 28)), (date(2027, 3, 30), date(2027, 4, 6))]
    assert [s.start.date() for s in suggest(["weekday-afternoon"], first, nation="scotland",
                                            away=away)] == [date(2027, 3, 29)]
    assert suggest(["weekday-afternoon"], first, nation="england", away=away) == []


def test_times_follow_the_clock_change_and_the_programme_time_zone():
    got = suggest(["weekday-morning"], date(2027, 3, 24), count=5)
    offsets = {s.start.date(): s.start.utcoffset() for s in got}
    assert all(off == timedelta(0) for d, off in offsets.items() if d < date(2027, 3, 28))
    assert all(off == timedelta(hours=1) for d, off in offsets.items() if d > date(2027, 3, 28))
    assert any(d > date(2027, 3, 28) for d in offsets)
    tokyo = suggest(["weekday-morning"], date(2027, 3, 24), timezone="Asia/Tokyo")
    assert all(s.start.utcoffset() == timedelta(hours=9) for s in tokyo)


def test_weekend_and_night_windows_and_away_dates():
    got = suggest(["weekend-night"], date(2026, 12, 7), count=5, minutes=60)
    assert got and all(s.start.weekday() >= 5 for s in got)
    assert all(s.start.astimezone(LONDON).hour >= 21 for s in got)
    away = [(date(2026, 12, 7), date(2026, 12, 16))]
    later = suggest(["weekday-morning"], date(2026, 12, 7), away=away, count=5)
    assert later and all(s.start.date() > date(2026, 12, 16) for s in later)
    assert suggest([], date(2026, 12, 7)) == []  # no common window: nothing to suggest
    assert suggest(["weekday-morning"], date(2026, 12, 7), count=0) == []


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [({"timezone": "Mars/Base"}, "not a time zone"), ({"nation": "france"}, "holidays"),
     ({"minutes": 500}, "meeting minutes"), ({"count": 9}, "slots")],
)
def test_bad_settings_are_one_sentence(kwargs, words):
    with pytest.raises(SlotInputError, match=words):
        suggest(["weekday-morning"], date(2026, 12, 7), **kwargs)


def test_calendar_file_parses_with_icalendar():
    slot = suggest(["weekday-evening"], date(2027, 3, 24), count=5)[-1]
    stamp = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
    data = meeting_ics(uid="m42-s2@pairbot", start=slot.start, end=slot.end,
                       timezone="Europe/London", theme="Handovers",
                       names=["Sam", "Priya"], questions=["What surprised you?"], stamp=stamp)
    again = meeting_ics(uid="m42-s2@pairbot", start=slot.start, end=slot.end,
                        timezone="Europe/London", theme="Handovers",
                        names=["Sam", "Priya"], questions=["What surprised you?"], stamp=stamp)
    assert data == again  # the same meeting, the same file
    cal = icalendar.Calendar.from_ical(data)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == "m42-s2@pairbot"
    assert event.decoded("DTSTART") == slot.start
    assert event.decoded("DTEND") == slot.end
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert "Handovers" in str(event["SUMMARY"])
    text = str(event["DESCRIPTION"])
    assert "Sam" in text and "Priya" in text and "What surprised you?" in text
    assert b"mailto:" not in data and b"@" not in data.replace(b"m42-s2@pairbot", b"")


def test_teams_link_carries_every_field_encoded():
    start = datetime(2027, 3, 30, 18, 0, tzinfo=ZoneInfo("Europe/London"))
    link = teams_meeting_link(subject="Paired learning: Nights & days",
                              attendees=["sam@trust.nhs.uk", "priya@trust.nhs.uk"],
                              start=start, end=start + timedelta(minutes=30),
                              content="Theme: handovers? 100% welcome")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "teams.microsoft.com",
                                                         "/l/meeting/new")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Paired learning: Nights & days"]
    assert query["attendees"] == ["sam@trust.nhs.uk,priya@trust.nhs.uk"]
    assert query["startTime"] == ["2027-03-30T18:00:00+01:00"]
    assert query["endTime"] == ["2027-03-30T18:30:00+01:00"]
    assert query["content"] == ["Theme: handovers? 100% welcome"]
    assert " " not in link and "+01:00" not in link  # encoded, not literal
