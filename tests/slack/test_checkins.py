"""Check-ins in the group DM: buttons and emoji reactions count the same; feedback after Met."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.services import jobs
from bot.store.models import CheckinAnswer, Feedback
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of
from tests.slack.test_commands import joined


def introduce(slack, clock):
    """U1 (Nurse) and U2 (Manager) introduced in a group DM, then asked to check in."""
    joined(slack, user="U1", profession="Nurse", learn=["Manager"])
    joined(slack, user="U2", profession="Manager", learn=[])
    clock.at = ROUND_AT
    assert jobs.run_due(slack.services).delivery.sent == 1
    group = slack.fake.conversation_id("U1", "U2")
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    assert jobs.run_due(slack.services).delivery.sent == 1
    intro, checkin = slack.fake.messages(group)
    return group, intro, checkin


def answers(slack):
    with slack.services.unit_of_work() as session:
        rows = session.scalars(select(CheckinAnswer).order_by(CheckinAnswer.id)).all()
        return [(r.participant_id, r.answer, r.source) for r in rows]


def current(slack, checkin):
    return next(m for m in slack.fake.messages(checkin["channel"]) if m["ts"] == checkin["ts"])


def test_the_checkin_asks_in_the_intro_group_dm_with_three_buttons(slack, clock):
    group, _, checkin = introduce(slack, clock)
    assert slack.fake.members(group) == ["U1", "U2", "UBOT"]
    shown = text_of(checkin)
    assert "Did you manage to meet for Paired learning?" in shown
    assert "<@U1>: no answer yet" in shown and "<@U2>: no answer yet" in shown
    buttons = [e for b in checkin["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Met", "We've arranged it", "Not yet",
                                                    "Not going to happen"]
    assert checkin["metadata"]["event_type"] == "pairbot_message"


def test_a_button_answers_updates_the_message_and_opens_feedback_after_met(slack, clock):
    _, _, checkin = introduce(slack, clock)
    slack.click("checkin_scheduled", user="U2", value=_match(checkin), message=checkin)
    assert [a[1:] for a in answers(slack)] == [("scheduled", "button")]
    assert "<@U2>: :calendar: We've arranged it" in text_of(current(slack, checkin))
    assert slack.opened_view()["callback_id"] == "profile"  # no feedback form for Scheduled

    slack.click("checkin_met", user="U1", value=_match(checkin), message=checkin)
    feedback = slack.opened_view()
    assert feedback["callback_id"] == "feedback"
    shown = text_of(current(slack, checkin))
    assert "<@U1>: :white_check_mark: Met" in shown
    assert "<@U2>: :calendar: We've arranged it" in shown

    updates = len(slack.fake.calls_to("chat.update"))
    slack.click("checkin_met", user="U1", value=_match(checkin), message=checkin)
    assert len(slack.fake.calls_to("chat.update")) == updates  # a repeated click changes nothing
    assert len(answers(slack)) == 2


def test_someone_outside_the_group_is_told_only_members_answer(slack, clock):
    _, _, checkin = introduce(slack, clock)
    slack.click("checkin_met", user="U3", value=_match(checkin), message=checkin)
    assert answers(slack) == []
    assert text_of(slack.dms("U3")[-1]) == (
        "Only the people in this group can answer its check-in.")


@pytest.mark.parametrize(("emoji", "answer"), [
    ("white_check_mark", "met"), ("calendar", "scheduled"),
    ("spiral_calendar_pad", "scheduled"), ("x", "not_happening"),
    ("hourglass_flowing_sand", "not_yet"),
])
def test_a_reaction_counts_like_the_button_and_removing_it_withdraws(slack, clock, emoji,
                                                                      answer):
    group, _, checkin = introduce(slack, clock)
    item = {"type": "message", "channel": group, "ts": checkin["ts"]}
    slack.event({"type": "reaction_added", "user": "U2", "reaction": emoji, "item": item,
                 "item_user": "UBOT", "event_ts": "1.0"})
    assert [a[1:] for a in answers(slack)] == [(answer, "reaction")]
    assert "<@U2>: " + {"met": ":white_check_mark: Met",
                        "scheduled": ":calendar: We've arranged it",
                        "not_happening": ":x: Not going to happen",
                        "not_yet": ":hourglass_flowing_sand: Not yet"}[answer] in text_of(
        current(slack, checkin))
    slack.event({"type": "reaction_removed", "user": "U2", "reaction": emoji, "item": item,
                 "item_user": "UBOT", "event_ts": "2.0"})
    assert answers(slack) == []
    assert "<@U2>: no answer yet" in text_of(current(slack, checkin))


def test_reactions_elsewhere_or_other_emoji_change_nothing(slack, clock):
    group, intro, checkin = introduce(slack, clock)
    slack.event({"type": "reaction_added", "user": "U2", "reaction": "tada",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]}})
    slack.event({"type": "reaction_added", "user": "U2", "reaction": "white_check_mark",
                 "item": {"type": "message", "channel": group, "ts": intro["ts"]}})
    slack.event({"type": "reaction_added", "user": "U2", "reaction": "+1::skin-tone-3",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]}})
    assert answers(slack) == []
    assert slack.fake.calls_to("chat.update") == []


def test_met_by_reaction_asks_for_feedback_in_a_dm_then_the_form_saves_it(slack, clock):
    group, _, checkin = introduce(slack, clock)
    slack.event({"type": "reaction_added", "user": "U1",
                 "reaction": "white_check_mark::skin-tone-2",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]}})
    # The request goes through the outbox (once per match and person), sent by the sender.
    assert jobs.run_due(slack.services).delivery.sent == 1
    request = slack.dms("U1")[-1]
    assert "Glad you met Grace Hopper!" in text_of(request)
    button = next(b for b in request["blocks"] if b["type"] == "actions")["elements"][0]
    slack.click(button["action_id"], user="U1", value=button["value"], message=request)
    form = slack.opened_view()
    assert form["callback_id"] == "feedback"

    empty = slack.submit(form, user="U1", learned_text="rotas")
    assert empty.json() == {"response_action": "errors", "errors": {
        "learned_score": "Choose how much you learned, from 1 to 5."}}
    saved = slack.submit(form, user="U1", learned_score="4",
                         learned_text="How <b>rotas</b> are built", share=["share"])
    assert saved.json()["response_action"] == "update"
    assert "Thank you!" in text_of(saved.json()["view"])
    with slack.services.unit_of_work() as session:
        row = session.scalars(select(Feedback)).one()
        assert (row.learned_score, row.learned_text, row.share_anonymously) == (
            4, "How <b>rotas</b> are built", True)

    other = slack.submit(form, user="U3", learned_score="5")
    assert "not one of yours" in text_of(other.json()["view"])


def _match(checkin) -> str:
    button = next(e for b in checkin["blocks"] if b["type"] == "actions" for e in b["elements"])
    return button["value"]
