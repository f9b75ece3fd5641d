"""Suggested times in the intro, and their calendar files, through the fake Slack and HTTP.

Rounds run across Christmas and Easter Monday with a frozen clock: the intro offers
three times inside the members' common windows, on different working days, none on a
bank holiday or an away day; each time's "Add to calendar" link opens an iCalendar file
that `icalendar` parses, with the same UID on every fetch; a forged or expired link is a
404 that says nothing about the group.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select, update

from bot.core.intents import AutoPaused
from bot.core.slots import bank_holidays
from bot.services import checkins, delivery, jobs, rounds
from bot.services.calendar_links import CalendarLinks
from bot.slack import blocks
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
)
from bot.web.app import create_app
from bot.web.calendar import NOT_FOUND, calendar_router
from tests.slack.support import text_of

LONDON = ZoneInfo("Europe/London")
BASE = "https://pairbot.example.nhs.uk"
LINK = re.compile(r"<(https://pairbot\.example\.nhs\.uk/calendar/([^>|]+)\.ics)\|([^>]+)>")
TIME = re.compile(r"(\w+day \d+ \w+), (\d\d:\d\d) to (\d\d:\d\d)")


def _join(slack, user: str, profession: str, windows: str | None, away: str | None = None):
    slack.command("", user=user)
    slack.submit(slack.opened_view(), user=user, profession=profession, learn=[], intro="")
    with slack.services.unit_of_work() as session:
        session.execute(update(Participant).where(Participant.user_id == user)
                        .values(windows=windows, away=away))


def _intro_after_round(slack, clock, at: dt.datetime):
    clock.at = at
    rounds.run_round(slack.services, slack.programme_id())
    assert jobs.run_due(slack.services).delivery.sent == 1
    [intro] = slack.fake.messages(slack.fake.conversation_id("U1", "U2"))
    return intro


def _times(intro) -> list[tuple[dt.date, str, str, str]]:
    shown = text_of(intro)
    found = []
    for line in shown.splitlines():
        when = TIME.search(line)
        link = LINK.search(line)
        if when:
            day = dt.datetime.strptime(f"{when.group(1)} 2000", "%A %d %B %Y").date()
            found.append((day, when.group(2), when.group(3), link.group(1) if link else ""))
    return found


@pytest.fixture
def linked(slack, engine):
    slack.services.calendar = CalendarLinks("s" * 40, BASE)
    with TestClient(create_app(engine=engine,
                               routers=[calendar_router(slack.services)])) as http:
        yield http


@pytest.mark.parametrize("at, holidays", [
    # The Monday before Christmas: 25 and 28 December and 1 January are bank holidays.
    (dt.datetime(2026, 12, 21, 10, 0, tzinfo=dt.UTC),
     {dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1)}),
    # The week before Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    (dt.datetime(2027, 3, 24, 10, 0, tzinfo=dt.UTC),
     {dt.date(2027, 3, 26), dt.date(2027, 3, 29)}),
])
def test_intro_offers_three_times_in_common_windows_never_on_a_bank_holiday(
        slack, clock, linked, at, holidays):
    assert holidays <= bank_holidays("england", [at.year, at.year + 1])
    _join(slack, "U1", "Nurse", "weekday-morning;weekday-evening", away=None)
    _join(slack, "U2", "Manager", "weekday-morning;weekend-morning",
          away=(at + dt.timedelta(days=2)).date().isoformat())
    intro = _intro_after_round(slack, clock, at)
    assert "Times you could all meet" in text_of(intro)

    times = _times(intro)
    assert len(times) == 3
    first = at.date() + dt.timedelta(days=1)
    away_day = (at + dt.timedelta(days=2)).date()
    days = []
    for shown_day, start, end, url in times:
        # The parsed day has the year 2000: find the real one in the fortnight.
        day = next(first + dt.timedelta(days=x) for x in range(14)
                   if (first + dt.timedelta(days=x)).strftime("%d %B")
                   == shown_day.strftime("%d %B"))
        days.append(day)
        # The one common window is weekday mornings: 08:00 to 12:00 on a working day.
        assert day.weekday() < 5 and day not in holidays and day != away_day
        assert start >= "08:00" and end <= "12:00" and (start, end) == ("10:00", "10:30")
        assert url.startswith(f"{BASE}/calendar/")
    assert len(set(days)) == 3 and days == sorted(days)
    # No person's name, id or words in the link.
    for *_, url in times:
        assert not any(word in url for word in ("U1", "U2", "Ada", "Grace", "Nurse"))

    # Each link opens its time as an iCalendar file, the same UID on every fetch.
    uids = set()
    for (_, start, end, url), day in zip(times, days, strict=True):
        path = url.removeprefix(BASE)
        first_fetch, second_fetch = linked.get(path), linked.get(path)
        assert first_fetch.status_code == 200
        assert first_fetch.headers["content-type"] == "text/calendar; charset=utf-8"
        assert first_fetch.content == second_fetch.content
        calendar = icalendar.Calendar.from_ical(first_fetch.content)
        [event] = calendar.walk("VEVENT")
        [zone] = calendar.walk("VTIMEZONE")
        assert str(zone["TZID"]) == "Europe/London"
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        begins, ends = event.decoded("DTSTART"), event.decoded("DTEND")
        assert begins == dt.datetime.combine(day, dt.time(10, 0), LONDON)
        assert ends - begins == dt.timedelta(minutes=30)
        assert begins.strftime("%H:%M") == start and ends.strftime("%H:%M") == end
        description = str(event["DESCRIPTION"])
        assert "Ada Lovelace" in description and "Grace Hopper" in description
        assert "@" not in description and "ATTENDEE" not in first_fetch.text
        assert str(event["SUMMARY"]).startswith("Paired learning: ")
        uids.add(str(event["UID"]))
    assert len(uids) == 3


@pytest.mark.parametrize("language, summary, with_names", [
    ("cy", "Dysgu mewn parau: ", "Gyda "),
    ("cy+en", "Dysgu mewn parau: ", "With "),
])
def test_the_calendar_file_is_in_the_groups_language(slack, clock, linked, language, summary,
                                                       with_names):
    """A Welsh programme's `.ics` is in Welsh; a bilingual one's in Welsh, then English."""
    _join(slack, "U1", "Nurse", "weekday-morning", away=None)
    _join(slack, "U2", "Manager", "weekday-morning", away=None)
    with slack.services.unit_of_work() as session:
        session.execute(update(Programme).values(language=language))
    intro = _intro_after_round(slack, clock, dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC))
    url = LINK.search(text_of(intro)).group(1)
    fetched = linked.get(url.removeprefix(BASE))
    assert fetched.status_code == 200
    [event] = icalendar.Calendar.from_ical(fetched.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(summary)
    description = str(event["DESCRIPTION"])
    assert description.startswith("Gyda ") and with_names in description
    assert "Ada Lovelace" in description and "Grace Hopper" in description
    if language == "cy":
        assert "Paired learning" not in str(event["SUMMARY"]) and "With " not in description
    else:
        assert " / Paired learning: " in str(event["SUMMARY"])


def test_no_common_window_is_said_plainly_with_each_members_windows(slack, clock):
    _join(slack, "U1", "Nurse", "weekday-night")
    _join(slack, "U2", "Manager", "weekend-morning;weekend-afternoon")
    intro = _intro_after_round(slack, clock, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))
    shown = text_of(intro)
    assert "You don't share a usual time to meet" in shown
    assert "Ada Lovelace: weekday nights" in shown
    assert "Grace Hopper: weekend mornings and weekend afternoons" in shown
    assert "Agree a time here in the chat" in shown
    assert "Times you could all meet" not in shown and "/calendar/" not in shown


def test_without_a_public_url_times_come_without_links(slack, clock):
    _join(slack, "U1", "Nurse", None)
    _join(slack, "U2", "Manager", None)
    intro = _intro_after_round(slack, clock, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))
    times = _times(intro)
    # Nobody gave a window: three times in the working day, no calendar link.
    assert len(times) == 3 and all(url == "" for *_, url in times)
    assert "Add to calendar" not in text_of(intro)


def test_forged_expired_and_erased_links_are_one_sentence_404(slack, clock, linked):
    at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    _join(slack, "U1", "Nurse", None)
    _join(slack, "U2", "Manager", None)
    intro = _intro_after_round(slack, clock, at)
    url = _times(intro)[0][3]
    path = url.removeprefix(BASE)
    assert linked.get(path).status_code == 200

    token = path.removeprefix("/calendar/").removesuffix(".ics")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other_key = CalendarLinks("t" * 40, BASE).url(1, 0, at).removeprefix(BASE)
    for bad in (f"/calendar/{forged}.ics", other_key, "/calendar/nothing.ics",
                path.replace(".ics", "x.ics")):
        answer = linked.get(bad)
        assert (answer.status_code, answer.text) == (404, NOT_FOUND), bad
        assert "Ada" not in answer.text

    # 61 days after the round the same link is gone.
    clock.at = at + dt.timedelta(days=61)
    assert linked.get(path).status_code == 404
    clock.at = at + dt.timedelta(days=59)
    assert linked.get(path).status_code == 200

    # A slot the match does not have, and a match that was deleted (retention).
    with slack.services.unit_of_work() as session:
        match_id = session.query(Match.id).scalar()
    assert linked.get(CalendarLinks("s" * 40, BASE).url(match_id, 7, at)
                      .removeprefix(BASE)).status_code == 404
    with slack.services.unit_of_work() as session:
        session.execute(delete(MatchMember))
        session.execute(delete(Match))
    answer = linked.get(path)
    assert (answer.status_code, answer.text) == (404, NOT_FOUND)


def _checkin(slack, clock):
    """U1 and U2 introduced on 7 December (U2 works weekday afternoons), then the check-in."""
    _join(slack, "U1", "Nurse", None)
    _join(slack, "U2", "Manager", "weekday-afternoon")
    _intro_after_round(slack, clock, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 1
    group = slack.fake.conversation_id("U1", "U2")
    return slack.fake.messages(group)[-1]


def _answers(slack):
    with slack.services.unit_of_work() as session:
        return [(p, a, r) for p, a, r in session.execute(
            select(Participant.user_id, CheckinAnswer.answer, CheckinAnswer.reason)
            .join(Participant, Participant.id == CheckinAnswer.participant_id)
            .order_by(Participant.user_id))]


def test_not_yet_asks_why_and_answers_with_three_new_times(slack, clock):
    checkin = _checkin(slack, clock)
    buttons = {e["action_id"]: e for b in checkin["blocks"] if b["type"] == "actions"
               for e in b["elements"]}
    assert list(buttons) == ["checkin_met", "checkin_scheduled", "checkin_not_yet",
                             "checkin_not_happening"]
    assert ":hourglass_flowing_sand: not yet" in text_of(checkin)
    match = buttons["checkin_not_yet"]["value"]

    slack.click("checkin_not_yet", user="U1", value=match, message=checkin)
    assert _answers(slack) == [("U1", "not_yet", None)]
    # Why? comes to U1 alone, through the outbox, with the four reasons.
    assert jobs.run_due(slack.services).delivery.sent == 1
    ask = slack.dms("U1")[-1]
    assert "What got in the way of meeting for Paired learning?" in text_of(ask)
    reasons = [e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(e["text"]["text"], e["action_id"]) for e in reasons] == [
        ("My rota", "checkin_reason_rota"), ("Leave or sickness", "checkin_reason_leave"),
        ("No reply from my partner", "checkin_reason_no_reply"),
        ("Something else", "checkin_reason_other")]
    assert not [m for m in slack.dms("U2") if "What got in the way" in text_of(m)]

    slack.click("checkin_reason_rota", user="U1", value=reasons[0]["value"], message=ask)
    assert _answers(slack) == [("U1", "not_yet", "rota")]
    reply = text_of(slack.dms("U1")[-1])
    assert reply.startswith("Thank you, noted. Times you could suggest to your group: ")
    times = TIME.findall(reply)
    assert len(times) == 3
    for day, start, end in times:
        year = 2026 if day.endswith("December") else 2027
        when = dt.datetime.strptime(f"{day} {year}", "%A %d %B %Y").date()
        # From tomorrow, inside U2's weekday afternoons (U1 gave none), on working days.
        assert dt.date(2026, 12, 22) <= when <= dt.date(2027, 1, 4) and when.weekday() < 5
        assert when not in bank_holidays("england", [2026, 2027])
        assert (start, end) == ("14:00", "14:30")

    # Someone outside the group, or a reason with no Not yet behind it, is refused.
    slack.click("checkin_reason_leave", user="U2", value=reasons[0]["value"], message=ask)
    assert "Answer Not yet or Not going to happen on the check-in first" in text_of(
        slack.dms("U2")[-1])
    assert _answers(slack) == [("U1", "not_yet", "rota")]


def test_the_hourglass_reaction_is_not_yet_and_not_happening_asks_why_too(slack, clock):
    checkin = _checkin(slack, clock)
    slack.event({"type": "reaction_added", "user": "U2", "reaction": "hourglass_flowing_sand",
                 "item": {"type": "message", "channel": checkin["channel"],
                          "ts": checkin["ts"]}, "item_user": "UBOT", "event_ts": "1.0"})
    assert _answers(slack) == [("U2", "not_yet", None)]
    slack.click("checkin_not_happening", user="U1", value=str(_match_id(slack)),
                message=checkin)
    assert jobs.run_due(slack.services).delivery.sent == 2
    assert "What stopped the meeting" in text_of(slack.dms("U1")[-1])
    ask = slack.dms("U2")[-1]
    assert "What got in the way" in text_of(ask)
    slack.click("checkin_reason_no_reply", user="U1", value=str(_match_id(slack)),
                message=slack.dms("U1")[-1])
    assert _answers(slack) == [("U1", "not_happening", "no_reply"), ("U2", "not_yet", None)]
    # Nobody else is in this round: no new partner, priority next time.
    assert text_of(slack.dms("U1")[-1]) == (
        "Sorry they didn't reply. Nobody else is free this round, so you'll get priority in "
        "the next one.")
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(Participant.unpaired_last_round).where(
            Participant.user_id == "U1")) is True
    slack.click("checkin_reason_other", user="U2", value=str(_match_id(slack)), message=ask)
    assert text_of(slack.dms("U2")[-1]).startswith("Thank you, noted. Times you could")
    # Changing the answer drops the reason given for the old one.
    slack.click("checkin_met", user="U1", value=str(_match_id(slack)), message=checkin)
    assert _answers(slack)[0] == ("U1", "met", None)


def _match_id(slack) -> int:
    with slack.services.unit_of_work() as session:
        return int(session.query(Match.id).scalar())


def _pick(slack, message, user: str, when: dt.datetime):
    """Slack's datetimepicker in the message, set to `when`."""
    block = next(b for b in message["blocks"] if b["type"] == "actions")
    action = {"action_id": "meeting_time_pick", "block_id": block["block_id"],
              "type": "datetimepicker", "selected_date_time": int(when.timestamp()),
              "action_ts": "1.0"}
    return slack.interact({
        "type": "block_actions", "user": slack._user(user), "api_app_id": "A0PAIRBOT01",
        "token": "legacy", "team": {"id": slack.team, "domain": "pairbot-test"},
        "trigger_id": slack.fake.issue_trigger_id(), "actions": [action],
        "container": {"type": "message", "message_ts": message["ts"],
                      "channel_id": message["channel"], "is_ephemeral": False},
        "channel": {"id": message["channel"], "name": "dm"},
        "message": {k: v for k, v in message.items() if k != "channel"},
        "is_enterprise_install": False})


def _meeting(slack):
    with slack.services.unit_of_work() as session:
        match = session.scalars(select(Match)).one()
        pending = sorted(k for k, in session.execute(
            select(OutboxMessage.idempotency_key).where(
                OutboxMessage.state == "pending",
                OutboxMessage.idempotency_key.like("%:meeting:%"))))
        return match.meeting_at, match.slots, pending


def test_arranged_records_the_time_reminds_that_morning_and_checks_in_the_day_after(
        slack, clock):
    checkin = _checkin(slack, clock)  # 21 December; U2 gave weekday afternoons
    match = str(_match_id(slack))
    slack.click("checkin_scheduled", user="U1", value=match, message=checkin)
    assert jobs.run_due(slack.services).delivery.sent == 1
    ask = slack.dms("U1")[-1]
    assert "When are you meeting?" in text_of(ask)
    [actions] = [b for b in ask["blocks"] if b["type"] == "actions"]
    kinds = [(e["type"], e["action_id"]) for e in actions["elements"]]
    assert kinds == [("button", "meeting_time_0"), ("button", "meeting_time_1"),
                     ("button", "meeting_time_2"), ("datetimepicker", "meeting_time_pick")]
    # The intro's times have passed: new ones from tomorrow, in U2's weekday afternoons.
    values = [e["value"] for e in actions["elements"][:3]]
    assert all(v.startswith(f"{match}|") for v in values)
    first = dt.datetime.fromisoformat(values[1].partition("|")[2])
    assert first > clock.at and first.weekday() < 5 and first.hour == 14
    assert actions["elements"][1]["text"]["text"] == first.strftime("%a %-d %b, 14:00")

    # The second suggestion: recorded, the question becomes the answer, with Cancel.
    slack.click("meeting_time_1", user="U1", value=values[1], message=ask)
    meeting_at, _, pending = _meeting(slack)
    assert meeting_at == first
    stamp = first.strftime("%Y%m%dT%H%M")
    assert pending == sorted([f"m{match}:meeting:{stamp}:checkin:group",
                              *(f"m{match}:meeting:{stamp}:reminder:p{p}" for p in (1, 2))])
    when = first.strftime("%A %-d %B at 14:00")
    assert f"Noted: you're meeting on {when}. I'll remind everyone" in text_of(
        slack.dms("U1")[-1])
    updated = next(m for m in slack.fake.messages(ask["channel"]) if m["ts"] == ask["ts"])
    assert f"You're meeting on {when}." in text_of(updated)
    assert "meeting_time_cancel" in str(updated["blocks"])

    # A time in the past is refused in one sentence; nothing changes.
    _pick(slack, updated, "U1", clock.at - dt.timedelta(days=1))
    assert "Choose a day and a time from now on" in text_of(slack.dms("U1")[-1])
    assert _meeting(slack)[0] == first

    # That morning, each is reminded; the day after, the check-in comes again.
    clock.at = first.replace(hour=8, minute=0).astimezone(dt.UTC) + dt.timedelta(minutes=1)
    assert jobs.run_due(slack.services).delivery.sent == 2
    assert "Reminder: you're meeting Grace Hopper today at 14:00." in text_of(
        slack.dms("U1")[-1])
    assert "Reminder: you're meeting Ada Lovelace today at 14:00." in text_of(
        slack.dms("U2")[-1])
    group = slack.fake.conversation_id("U1", "U2")
    before = len(slack.fake.messages(group))
    clock.at = first + dt.timedelta(days=1, minutes=1)
    jobs.run_due(slack.services)
    assert len(slack.fake.messages(group)) == before + 1
    assert "Did you manage to meet" in text_of(slack.fake.messages(group)[-1])


def _asked(slack, group: str) -> int:
    return sum("Did you manage to meet" in text_of(m) for m in slack.fake.messages(group))


def test_a_time_arranged_before_the_checkin_replaces_its_day(slack, clock):
    _join(slack, "U1", "Nurse", None)
    _join(slack, "U2", "Manager", "weekday-afternoon")
    intro = _intro_after_round(slack, clock, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))
    group = slack.fake.conversation_id("U1", "U2")
    # "We've arranged it" the same day, then when.
    clock.at = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
    slack.click("checkin_scheduled", user="U1", value=str(_match_id(slack)), message=intro)
    assert jobs.run_due(slack.services).delivery.sent == 1
    ask = slack.dms("U1")[-1]
    first = next(e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"])
    slack.click("meeting_time_0", user="U1", value=first["value"], message=ask)
    meeting_at, _, pending = _meeting(slack)
    assert meeting_at == dt.datetime(2026, 12, 8, 14, 0, tzinfo=LONDON)
    # No second check-in is queued: the match's own check-in moves to the day after.
    assert [k for k in pending if k.endswith(":checkin:group")] == []

    clock.at = dt.datetime(2026, 12, 9, 13, 59, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 0
    clock.at = dt.datetime(2026, 12, 9, 14, 1, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 1
    assert _asked(slack, group) == 1
    # Fourteen days after the intro (checkin_after), nothing more is asked.
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 0
    assert _asked(slack, group) == 1


def test_a_time_arranged_then_cancelled_keeps_the_checkin_on_its_day(slack, clock):
    _join(slack, "U1", "Nurse", None)
    _join(slack, "U2", "Manager", None)
    _intro_after_round(slack, clock, dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC))
    group = slack.fake.conversation_id("U1", "U2")
    match = str(_match_id(slack))
    slack.click("checkin_scheduled", user="U2", value=match)
    jobs.run_due(slack.services)
    ask = slack.dms("U2")[-1]
    _pick(slack, ask, "U2", dt.datetime(2026, 12, 30, 9, 0, tzinfo=LONDON))
    # Moved past the fortnight: nothing on 21 December.
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 0
    # Cancelled: the check-in is back on its own day (passed, so at once), once.
    slack.click("meeting_time_cancel", user="U2", value=match, message=ask)
    assert jobs.run_due(slack.services).checkins == 1
    clock.at = dt.datetime(2026, 12, 31, 10, 0, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    assert _asked(slack, group) == 1


def test_a_time_arranged_after_the_checkin_asks_again_once(slack, clock):
    checkin = _checkin(slack, clock)
    group = slack.fake.conversation_id("U1", "U2")
    match = str(_match_id(slack))
    slack.click("checkin_scheduled", user="U1", value=match, message=checkin)
    jobs.run_due(slack.services)
    ask = slack.dms("U1")[-1]
    _pick(slack, ask, "U1", dt.datetime(2026, 12, 23, 14, 0, tzinfo=LONDON))
    _pick(slack, ask, "U1", dt.datetime(2026, 12, 24, 14, 0, tzinfo=LONDON))  # moved
    clock.at = dt.datetime(2026, 12, 26, 10, 0, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    assert _asked(slack, group) == 2  # the check-in, and once the day after the meeting


def test_moving_or_cancelling_the_meeting_replaces_its_reminders(slack, clock):
    checkin = _checkin(slack, clock)
    match = str(_match_id(slack))
    slack.click("checkin_scheduled", user="U2", value=match, message=checkin)
    jobs.run_due(slack.services)
    ask = slack.dms("U2")[-1]
    first = next(e for b in ask["blocks"] if b["type"] == "actions" for e in b["elements"])
    slack.click("meeting_time_0", user="U2", value=first["value"], message=ask)
    assert _meeting(slack)[0] is not None
    moved = dt.datetime(2027, 1, 6, 7, 30, tzinfo=LONDON)  # before a day shift
    _pick(slack, ask, "U2", moved)
    meeting_at, _, pending = _meeting(slack)
    assert meeting_at == moved
    assert pending == sorted([f"m{match}:meeting:20270106T0730:checkin:group",
                              *(f"m{match}:meeting:20270106T0730:reminder:p{p}"
                                for p in (1, 2))])
    with slack.services.unit_of_work() as session:
        due = session.scalar(select(OutboxMessage.not_before).where(
            OutboxMessage.idempotency_key == f"m{match}:meeting:20270106T0730:reminder:p1"))
    assert due == moved - dt.timedelta(hours=1)  # an early meeting: an hour before

    slack.click("meeting_time_cancel", user="U2", value=match, message=ask)
    assert _meeting(slack)[0] is None and _meeting(slack)[2] == []
    assert "Cancelled: no reminder will be sent." in text_of(slack.dms("U2")[-1])


def test_no_reply_from_my_partner_finds_a_new_partner_once_a_round(slack, clock):
    # One nurse, three managers: two managers are left out (they cannot meet each other).
    _join(slack, "U1", "Nurse", None)
    for user in ("U2", "U3", "U4"):
        _join(slack, user, "Manager", None)
    clock.at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(slack.services, slack.programme_id())
    jobs.run_due(slack.services)
    with slack.services.unit_of_work() as session:
        [first] = session.scalars(select(Match.id)).all()
        partner = session.scalar(select(Participant.user_id).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == first, Participant.user_id != "U1"))
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    checkin = slack.fake.messages(slack.fake.conversation_id("U1", partner))[-1]
    slack.click("checkin_not_yet", user="U1", value=str(first), message=checkin)
    jobs.run_due(slack.services)
    slack.click("checkin_reason_no_reply", user="U1", value=str(first),
                message=slack.dms("U1")[-1])
    assert "pairbot has found you someone else who is free this round" in text_of(
        slack.dms("U1")[-1])

    # The new partner is one of the managers left out; their intro goes out.
    with slack.services.unit_of_work() as session:
        second = session.scalar(select(Match.id).where(Match.id != first))
        new = session.scalar(select(Participant.user_id).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == second, Participant.user_id != "U1"))
    assert new in {"U2", "U3", "U4"} - {partner}
    jobs.run_due(slack.services)
    [intro] = slack.fake.messages(slack.fake.conversation_id("U1", new))
    assert "Meet" in text_of(intro)

    # The organiser's needs-attention list shows the group (no names), and a second
    # "no reply" this round finds nobody new.
    assert checkins.needs_attention(slack.services, slack.programme_id()) == [
        checkins.Rescue(first, "2026-12", "no_reply")]
    slack.click("checkin_not_happening", user="U1", value=str(first), message=checkin)
    jobs.run_due(slack.services)
    slack.click("checkin_reason_no_reply", user="U1", value=str(first),
                message=slack.dms("U1")[-1])
    assert "You've already had a new partner this round" in text_of(slack.dms("U1")[-1])
    with slack.services.unit_of_work() as session:
        assert len(session.scalars(select(Match.id)).all()) == 2
    # Two weeks after the new intro with no answer from anyone, it is listed too.
    clock.at += dt.timedelta(days=15)
    assert checkins.Rescue(second, "2026-12", "no_answer") in checkins.needs_attention(
        slack.services, slack.programme_id())


def test_the_auto_pause_notice_has_a_take_part_again_button(slack, clock):
    _join(slack, "U1", "Nurse", None)
    with slack.services.unit_of_work() as session:
        session.execute(update(Participant).values(status="paused"))
    notice = blocks.build_message(AutoPaused("Paired learning", 3))
    [button] = [e for b in notice.block_dicts() if b["type"] == "actions"
                for e in b["elements"]]
    assert (button["text"]["text"], button["action_id"]) == ("Take part again", "resume")
    slack.click(button["action_id"], user="U1", value=button["value"])
    assert "Welcome back!" in text_of(slack.dms("U1")[-1])
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(Participant.status)) == "active"


def _group_of(slack, user: str) -> tuple[int, str]:
    """The user's latest match and the other member's user id."""
    with slack.services.unit_of_work() as session:
        match = session.scalar(select(MatchMember.match_id).join(
            Participant, Participant.id == MatchMember.participant_id).where(
            Participant.user_id == user).order_by(MatchMember.match_id.desc()).limit(1))
        other = session.scalar(select(Participant.user_id).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == match, Participant.user_id != user))
    return match, other


def test_nobody_answering_two_weeks_on_offers_each_a_new_partner_once(slack, clock):
    # Two nurses and three managers: one manager is left out of the round.
    slack.fake.add_user("U5", real_name="Florence Nightingale")
    for user in ("U1", "U2"):
        _join(slack, user, "Nurse", None)
    for user in ("U3", "U4", "U5"):
        _join(slack, user, "Manager", None)
    clock.at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(slack.services, slack.programme_id())
    jobs.run_due(slack.services)
    first, partner = _group_of(slack, "U1")
    _, other = _group_of(slack, "U2")
    [left_out] = {"U3", "U4", "U5"} - {partner, other}
    # U2's group answers its check-in; U1's says nothing.
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    assert jobs.run_due(slack.services).checkins == 2
    checkin = slack.fake.messages(slack.fake.conversation_id("U2", other))[-1]
    slack.click("checkin_met", user="U2", value=str(_group_of(slack, "U2")[0]),
                message=checkin)
    before = {u: len(slack.dms(u)) for u in ("U1", partner, "U2", other)}
    # A week after the check-in, with still no answer from U1's group: each of them is
    # offered a new partner by DM, beside the check-in's reminder; U2's group is not.
    # The reminder falls on Monday 28 December, a bank holiday, so it waits for the 29th.
    clock.at = dt.datetime(2026, 12, 28, 10, 2, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    assert [len(slack.dms(u)) for u in ("U1", partner)] == [before["U1"], before[partner]]
    clock.at = dt.datetime(2026, 12, 29, 10, 2, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    for user in ("U1", partner):
        offer = slack.dms(user)[-1]
        assert len(slack.dms(user)) == before[user] + 1
        assert "Nobody in your Paired learning group has said yet" in text_of(offer)
        [button] = [e for b in offer["blocks"] if b["type"] == "actions"
                    for e in b["elements"]]
        assert (button["text"]["text"], button["action_id"], button["value"]) == (
            "Find me a new partner", "checkin_reason_no_reply", str(first))
    assert [len(slack.dms(u)) for u in ("U2", other)] == [before["U2"], before[other]]
    # The next day's tick offers nothing more.
    clock.at += dt.timedelta(days=1)
    jobs.run_due(slack.services)
    assert len(slack.dms("U1")) == before["U1"] + 1

    # U1 takes it: the manager left out of the round is their new partner.
    slack.click("checkin_reason_no_reply", user="U1", value=str(first),
                message=slack.dms("U1")[-1])
    assert "pairbot has found you someone else who is free this round" in text_of(
        slack.dms("U1")[-1])
    assert _group_of(slack, "U1")[1] == left_out
    assert _answers(slack)[:1] == [("U1", "not_happening", "no_reply")]
    # U1's old partner takes it too: U1 has gone, and nobody else is free.
    slack.click("checkin_reason_no_reply", user=partner, value=str(first),
                message=slack.dms(partner)[-1])
    assert "Nobody else is free this round" in text_of(slack.dms(partner)[-1])
    # Only once a round, and only for the group that was offered it.
    slack.click("checkin_reason_no_reply", user="U1", value=str(first))
    assert "You've already had a new partner this round" in text_of(slack.dms("U1")[-1])
    slack.click("checkin_reason_no_reply", user="U2",
                value=str(_group_of(slack, "U2")[0]))
    assert _group_of(slack, "U2")[1] == other


def test_a_new_partner_can_be_someone_whose_own_partner_has_gone(slack, clock):
    # Two nurses, two managers: everybody is placed; nobody is left out.
    for user in ("U1", "U2"):
        _join(slack, user, "Nurse", None)
    for user in ("U3", "U4"):
        _join(slack, user, "Manager", None)
    clock.at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(slack.services, slack.programme_id())
    jobs.run_due(slack.services)
    first, partner = _group_of(slack, "U1")
    _, stranded = _group_of(slack, "U2")
    clock.at = dt.datetime(2026, 12, 21, 10, 1, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    checkin = slack.fake.messages(slack.fake.conversation_id("U1", partner))[-1]
    slack.click("checkin_not_yet", user="U1", value=str(first), message=checkin)
    jobs.run_due(slack.services)
    ask = slack.dms("U1")[-1]
    # While U2 is still in their group, nobody is free.
    slack.click("checkin_reason_no_reply", user="U1", value=str(first), message=ask)
    assert "Nobody else is free this round" in text_of(slack.dms("U1")[-1])
    # U2 leaves pairbot (their place in the group becomes an empty member): their
    # manager is free, and is U1's new partner. A nurse is never offered (hard rule).
    slack.command("leave", user="U2")
    slack.click("leave_confirm", user="U2", value="leave")
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(MatchMember).where(
            MatchMember.participant_id.is_(None))) == 1
    slack.click("checkin_reason_no_reply", user="U1", value=str(first), message=ask)
    assert "pairbot has found you someone else who is free this round" in text_of(
        slack.dms("U1")[-1])
    assert _group_of(slack, "U1")[1] == stranded
    jobs.run_due(slack.services)
    [intro] = slack.fake.messages(slack.fake.conversation_id("U1", stranded))
    assert "Meet" in text_of(intro)
    # U1's first partner, left behind, is free for someone else now, never for U1 again.
    with slack.services.unit_of_work() as session:
        rnd = session.get_one(Round, session.get_one(Match, first).round_id)
        u1, someone = (session.scalars(select(Participant).where(
            Participant.user_id == user)).one() for user in ("U1", stranded))
        assert [p.user_id for p in delivery.stranded(session, rnd, someone)] == [partner]
        assert delivery.stranded(session, rnd, u1) == []
