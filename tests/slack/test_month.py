"""A participant's whole month in Slack: join by modal, intro, check-in by reaction,
feedback, and the App Home showing it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.services import jobs
from bot.store.models import CheckinAnswer, Feedback
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of


def test_a_month_from_joining_to_feedback(slack, clock):
    # Day 0: two people join through the modal.
    for user, profession, learn, intro in (
            ("U1", "Nurse", ["Manager"], "Ward 7 nights. Curious how budgets get set."),
            ("U2", "Manager", ["Nurse"], "I run the surgical division's rotas.")):
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession, learn=learn,
                     intro=intro)
    assert "You're in for Paired learning" in text_of(slack.dms("U1")[-1])

    # The day before: a heads-up. Then the round, on the first Monday of December.
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    assert jobs.run_due(slack.services).headsups == 2
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    report = jobs.run_due(slack.services)
    assert report.rounds == ["Paired learning 2026-12"] and report.delivery.sent == 1

    group = slack.fake.conversation_id("U1", "U2")
    [intro] = slack.fake.messages(group)
    shown = text_of(intro)
    for expected in ("Ada Lovelace", "Grace Hopper", "Nurse", "Manager",
                     "Ward 7 nights. Curious how budgets get set.",
                     "Why you were matched", "Questions for this meeting",
                     "Try to meet within two weeks", "I'll check in here on Monday 21 December"):
        assert expected in shown, expected
    questions = next(b for b in intro["blocks"]
                     if "Questions for this meeting" in b["text"]["text"])
    assert len(questions["text"]["text"].splitlines()) == 4  # the title and three questions

    # Two weeks later: the check-in, in the same group DM; Ada answers with a reaction.
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=5)
    assert jobs.run_due(slack.services).checkins == 1
    checkin = slack.fake.messages(group)[-1]
    assert "Did you manage to meet" in text_of(checkin)
    slack.event({"type": "reaction_added", "user": "U1", "reaction": "white_check_mark",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]},
                 "item_user": "UBOT", "event_ts": "1.0"})
    updated = next(m for m in slack.fake.messages(group) if m["ts"] == checkin["ts"])
    assert "<@U1>: :white_check_mark: Met" in text_of(updated)

    # The feedback request arrives as a DM, through the outbox; its button opens the form.
    assert jobs.run_due(slack.services).delivery.sent == 1
    request = slack.dms("U1")[-1]
    button = next(b for b in request["blocks"] if b["type"] == "actions")["elements"][0]
    slack.click(button["action_id"], user="U1", value=button["value"], message=request)
    slack.submit(slack.opened_view(), user="U1", learned_score="5",
                 learned_text="Budgets are set a year ahead.", share=["share"])
    with slack.services.unit_of_work() as session:
        assert [(a.answer, a.source) for a in session.scalars(select(CheckinAnswer))] == [
            ("met", "reaction")]
        feedback = session.scalars(select(Feedback)).one()
        assert (feedback.learned_score, feedback.share_anonymously) == (5, True)

    # Ada opens the App Home: her profile, and the match with its outcome.
    slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    home = text_of(slack.fake.home_view("U1"))
    assert "Profession: Nurse" in home
    assert "Next round: Monday 4 January" in home
    assert "Monday 7 December: with Grace Hopper (Manager) · Met" in home

    # An organiser sees it in the figures.
    slack.command("admin stats", user="UADMIN")
    stats = text_of(slack.dms("UADMIN")[-1])
    # Two people: no figure about their answers (fewer than 5 behind it).
    assert "Met rate: not shown for fewer than 5 people" in stats and "5.0 / 5" not in stats
