"""Suggested times on the Teams intro card, and its "Schedule a meeting" deep link filled in
for the group, through the fake Bot Connector over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select, update

from bot.core.intents import AutoPaused
from bot.services import jobs
from bot.services.calendar_links import CalendarLinks
from bot.store.models import CheckinAnswer, Match, Participant
from bot.teams import cards
from tests.teams.conftest import ROUND_AT, Person, post

BASE = "https://pairbot.example.nhs.uk"


def _action(card, title):
    """The URL of the button with this title, wherever the card puts it."""
    return next(a["url"] for b in card["body"] if b["type"] == "ActionSet"
                for a in b["actions"] if a["title"] == title)


def _join(client, key, person, profession):
    assert post(client, key, person.installs()).status_code == 202
    form = person.connector.cards(person.conversation)[-1]
    programme_id = form["actions"][0]["data"]["programme_id"]
    assert post(client, key, person.clicks("profile.save", {
        "programme_id": programme_id, "profession": profession, "learn": "",
        "intro": ""})).status_code == 200


def test_the_intro_card_offers_times_and_a_filled_in_teams_meeting(
        client, connector, services, clock, signing_key):
    services.calendar = CalendarLinks("k" * 40, BASE)
    ann = Person("ann", "Ann Jones", connector, upn="ann.jones@trust.example")
    bob = Person("bob", "Bob Smith", connector, upn="bob.smith@trust.example")
    _join(client, signing_key, ann, "Nurse")
    _join(client, signing_key, bob, "Manager")
    with services.unit_of_work() as session:
        session.execute(update(Participant).values(windows="weekday-afternoon"))

    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    assert jobs.run_due(services).delivery.sent == 2
    intro = connector.cards(ann.conversation)[-1]
    with services.unit_of_work() as session:
        [slots] = session.scalars(select(Match.slots)).all()
    assert len(slots) == 3 and all(s["window"] == "weekday-afternoon" for s in slots)

    # The times, each with its calendar link, in the card's text.
    text = json.dumps(intro, ensure_ascii=False)
    assert "Times you could all meet" in text
    assert text.count(f"[Add to calendar]({BASE}/calendar/") == 3
    first = dt.datetime.fromisoformat(slots[0]["start"])
    assert first.strftime("%A %-d %B, 14:00 to 14:30") in text

    # Schedule a meeting: Teams' own form, everyone invited, the first time, the theme.
    link = _action(intro, "Schedule a meeting")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://teams.microsoft.com/l/meeting/new")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert sorted(query["attendees"].split(",")) == ["ann.jones@trust.example",
                                                     "bob.smith@trust.example"]
    assert dt.datetime.fromisoformat(query["startTime"]) == first
    assert dt.datetime.fromisoformat(query["endTime"]) - first == dt.timedelta(minutes=30)
    assert query["subject"] == "pairbot: Roles: a day in your working life"
    assert query["content"].startswith("Theme: Roles: a day in your working life. ")
    # Bob's card invites the same two people at the same time.
    bobs = connector.cards(bob.conversation)[-1]
    bob_link = _action(bobs, "Schedule a meeting")
    assert parse_qs(urlsplit(bob_link).query)["startTime"] == [query["startTime"]]


def test_not_yet_on_the_teams_checkin_asks_why_and_answers_with_new_times(
        client, connector, services, clock, signing_key):
    ann = Person("ann", "Ann Jones", connector, upn="ann.jones@trust.example")
    bob = Person("bob", "Bob Smith", connector, upn="bob.smith@trust.example")
    _join(client, signing_key, ann, "Nurse")
    _join(client, signing_key, bob, "Manager")
    with services.unit_of_work() as session:
        session.execute(update(Participant).values(windows="weekday-morning"))
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(services)
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=2)
    assert jobs.run_due(services).checkins == 1
    checkin = connector.cards(ann.conversation)[-1]
    not_yet = next(a for a in cards.all_actions(checkin) if a["title"] == "Not yet")
    assert not_yet["fallback"]["data"]["verb"] == "checkin.answer"
    answered = post(client, signing_key, ann.clicks("checkin.answer", not_yet["data"])).json()
    assert "Thanks, recorded: Not yet." in json.dumps(answered)

    # Why? arrives in Ann's chat as a card of four reasons, one to a row.
    assert jobs.run_due(services).delivery.sent == 1
    ask = connector.cards(ann.conversation)[-1]
    assert "What got in the way of meeting for Paired learning?" in json.dumps(ask)
    reasons = cards.all_actions(ask)
    assert [a["title"] for a in reasons] == ["My rota", "Leave or sickness",
                                             "No reply from my partner", "Something else"]
    assert all(b["type"] != "ActionSet" or len(b["actions"]) == 1 for b in ask["body"])
    leave = next(a for a in reasons if a["data"]["reason"] == "leave")
    reply = json.dumps(post(client, signing_key, ann.clicks("checkin.reason",
                                                            leave["data"])).json())
    assert "Thank you, noted. Times you could suggest to your group: " in reply
    assert reply.count("10:00 to 10:30") == 3
    with services.unit_of_work() as session:
        assert session.execute(select(CheckinAnswer.answer, CheckinAnswer.reason)).all() == [
            ("not_yet", "leave")]


def test_arranged_in_teams_takes_a_day_and_time_from_the_card(
        client, connector, services, clock, signing_key):
    ann = Person("ann", "Ann Jones", connector, upn="ann.jones@trust.example")
    bob = Person("bob", "Bob Smith", connector, upn="bob.smith@trust.example")
    _join(client, signing_key, ann, "Nurse")
    _join(client, signing_key, bob, "Manager")
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(services)
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=2)
    jobs.run_due(services)
    checkin = connector.cards(bob.conversation)[-1]
    scheduled = next(a for a in cards.all_actions(checkin) if a["title"] == "We've arranged it")
    post(client, signing_key, bob.clicks("checkin.answer", scheduled["data"]))
    assert jobs.run_due(services).delivery.sent == 1
    ask = connector.cards(bob.conversation)[-1]
    inputs = {b["id"]: b["type"] for b in ask["body"] if b["type"].startswith("Input.")}
    assert inputs == {"day": "Input.Date", "time": "Input.Time"}
    save = next(a for a in cards.all_actions(ask) if a["title"] == "Save this time")
    assert len([a for a in cards.all_actions(ask) if a["data"].get("slot", "")[:1].isdigit()
                ]) == 3

    # A day that is not a date: one sentence, the card (and what was typed) stays.
    bad = post(client, signing_key, bob.clicks("meeting.time", {
        **save["data"], "day": "31/12/2026", "time": "09:30"})).json()
    assert "Choose a day and a time from now on" in json.dumps(bad)
    assert bad["type"] == "application/vnd.microsoft.activity.message"
    with services.unit_of_work() as session:
        assert session.scalar(select(Match.meeting_at)) is None

    done = post(client, signing_key, bob.clicks("meeting.time", {
        **save["data"], "day": "2026-12-30", "time": "07:45"})).json()
    shown = json.dumps(done["value"], ensure_ascii=False)
    assert "Noted: you're meeting on Wednesday 30 December at 07:45." in shown
    assert "Cancel the meeting" in shown
    with services.unit_of_work() as session:
        assert session.scalar(select(Match.meeting_at)) == dt.datetime(
            2026, 12, 30, 7, 45, tzinfo=dt.UTC)


def test_the_auto_pause_card_has_a_take_part_again_button(client, connector, services,
                                                          signing_key):
    ann = Person("ann", "Ann Jones", connector, upn="ann.jones@trust.example")
    _join(client, signing_key, ann, "Nurse")
    with services.unit_of_work() as session:
        session.execute(update(Participant).values(status="paused"))
    [button] = cards.all_actions(cards.render(AutoPaused("Paired learning", 3), None))
    assert (button["title"], button["verb"]) == ("Take part again", "participation.resume")
    answer = post(client, signing_key, ann.clicks(button["verb"], button["data"])).json()
    assert "Welcome back!" in json.dumps(answer)
    with services.unit_of_work() as session:
        assert session.scalar(select(Participant.status)) == "active"
