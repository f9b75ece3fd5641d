"""The agreement at the start of a term in Slack, as its people meet it: a button on the
first intro, a modal of four short answers (an empty or over-long form refused in one
sentence, the form kept), each member's answers posted into the group's conversation, and
organisers seeing counts only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.core import agreement
from bot.services import agreements, jobs
from bot.services.console.access import Viewer
from bot.services.console.csv_exports import export_rows
from bot.store.models import Agreement, OutboxMessage
from tests.slack.conftest import START
from tests.slack.support import SlackHarness, text_of
from tests.term_support import make_term_programme

MONTHS = (dt.datetime(2026, 12, 7, 10, 1, tzinfo=dt.UTC),
          dt.datetime(2027, 1, 4, 10, 1, tzinfo=dt.UTC))
PEOPLE = {"UD1": ("Doctor (junior)", "Dara Doctor"), "UM1": ("Manager", "Mo Manager")}
DARA = {"learn": "How beds are found on a busy night",
        "offer": "What a night shift on the acute medical unit is like",
        "how_often": "fortnightly", "confidential": "Anything about named colleagues"}
MO = {"learn": "What slows a discharge on the ward",
      "offer": "How the bed meeting decides", "how_often": "fortnightly"}


def _buttons(message: dict) -> list[dict]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def _join_term(slack: SlackHarness) -> None:
    make_term_programme(slack.services, "slack", slack.team, capacity=1, at=START)
    for user, (profession, name) in PEOPLE.items():
        slack.fake.add_user(user, real_name=name)
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession)


def test_an_agreement_at_the_start_of_a_term_is_shared_in_the_group_and_counted_only(
        slack, clock):
    _join_term(slack)
    clock.at = MONTHS[0]
    jobs.run_due(slack.services)
    group = slack.fake.conversation_id("UD1", "UM1")
    [intro] = slack.fake.messages(group)
    assert "Before you meet, agree how you'll work together" in text_of(intro)
    [button] = [b for b in _buttons(intro) if b["action_id"] == "agreement_open"]
    assert button["text"]["text"] == "Agree how we'll work"

    # The button opens the modal: four questions, the last optional.
    slack.click("agreement_open", user="UD1", value=button["value"], message=intro)
    view = slack.opened_view()
    assert view["callback_id"] == "agreement"
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["learn", "offer", "how_often", "confidential"]
    assert [inputs[k].get("optional", False) for k in inputs] == [False, False, False, True]
    assert [o["value"] for o in inputs["how_often"]["element"]["options"]] == [
        "weekly", "fortnightly", "monthly", "once"]

    # An empty form, then an over-long answer: one sentence each, nothing stored.
    empty = slack.submit(view, user="UD1", learn="", offer="", how_often=None)
    assert empty.json() == {"response_action": "errors", "errors": {
        "learn": "The form is empty: say what you want to learn, what you can offer and how "
                 "often you will meet."}}
    long = slack.submit(view, user="UD1", **{**DARA, "offer": "x" * (agreement.MAX_TEXT + 1)})
    assert long.json() == {"response_action": "errors", "errors": {
        "offer": "Keep each answer under 1,000 characters."}}
    # Someone outside the group cannot answer for it.
    slack.fake.add_user("UX1", real_name="Xan Outsider")
    outsider = slack.submit(view, user="UX1", **DARA)
    assert outsider.json()["errors"] == {
        "learn": "That group is not one of yours, so its agreement can't be saved."}
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Agreement)).all() == []

    ok = slack.submit(view, user="UD1", **DARA)
    assert ok.status_code == 200 and ok.content in (b"", b"null")
    slack.wait()
    assert text_of(slack.dms("UD1")[-1]) == (
        "Thank you: your answers are saved and shared with your group.")
    # The outbox holds a reference, never the answers.
    with slack.services.unit_of_work() as session:
        rows = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "agreement")).all()
        assert [r.payload["ref"]["kind"] for r in rows] == ["agreement"]
        assert DARA["learn"] not in str(rows[0].payload)
    jobs.run_due(slack.services)
    shared = slack.fake.messages(group)[-1]
    shown = text_of(shared)
    assert "Dara Doctor's agreement" in shown
    assert "Dara Doctor (Doctor (junior)) has answered the agreement" in shown
    for answer in (DARA["learn"], DARA["offer"], DARA["confidential"], "Every two weeks"):
        assert answer in shown

    # The organisers' figures: asked, not yet made (one member has answered).
    pid = slack.programme_id()
    assert agreements.programme_counts(slack.services, pid) == agreements.AgreementCounts(
        asked=1, made=0, started=1)

    # The second member answers from the same intro; the group sees it, and it is made.
    slack.click("agreement_open", user="UM1", value=button["value"], message=intro)
    slack.submit(slack.opened_view(), user="UM1", **MO)
    jobs.run_due(slack.services)
    assert "Mo Manager's agreement" in text_of(slack.fake.messages(group)[-1])
    assert agreements.programme_counts(slack.services, pid) == agreements.AgreementCounts(
        asked=1, made=1, started=1)
    # Opening the form again shows one's own answers, to change them.
    slack.click("agreement_open", user="UD1", value=button["value"], message=intro)
    again = {b["block_id"]: b for b in slack.opened_view()["blocks"] if b["type"] == "input"}
    assert again["learn"]["element"]["initial_value"] == DARA["learn"]

    # Organisers: the evaluation export has the counts and none of the words.
    operator = Viewer("token", "operator")
    table = export_rows(slack.services, operator, pid, "evaluation")
    assert ["agreement", "agreement at the start", "", "", "", "", 1, 1, "100.0"] in table
    flat = repr(table)
    for answer in (*DARA.values(), *MO.values()):
        if answer != "fortnightly":
            assert answer not in flat

    # The term's second meeting keeps the group and does not ask again.
    clock.at = MONTHS[1]
    jobs.run_due(slack.services)
    second = [m for m in slack.fake.messages(group) if "Meeting 2 of 3" in text_of(m)]
    assert second and not [b for b in _buttons(second[0]) if b["action_id"] == "agreement_open"]
