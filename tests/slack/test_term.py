"""A two-sided term programme through three rounds in Slack, as its people meet it: the
baseline questions when they join, the same groups each month with a theme and questions
for both sides, feedback tied to the theme, the follow-up questions at the end of the term,
and the organiser's before-and-after figures, suppressed below five people."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.services import jobs
from bot.store.models import EvaluationAnswer
from tests.slack.conftest import START
from tests.slack.support import SlackHarness, text_of
from tests.term_support import (
    groups_by_round,
    make_term_programme,
    questions_asked,
    stored_answers,
)

MONTHS = (dt.datetime(2026, 12, 7, 10, 1, tzinfo=dt.UTC), dt.datetime(2027, 1, 4, 10, 1,
                                                                       tzinfo=dt.UTC),
          dt.datetime(2027, 2, 1, 10, 1, tzinfo=dt.UTC))
BASELINE = {"role": "2", "values": "1", "challenges": "2", "barriers": "1", "confidence": "3"}
FOLLOW_UP = {"role": "4", "values": "3", "challenges": "4", "barriers": "3", "confidence": "4"}


def _request(slack: SlackHarness, user: str, heading: str) -> dict:
    """The last questionnaire request in the person's DM."""
    found = [m for m in slack.dms(user) if heading in text_of(m)]
    assert found, f"no '{heading}' for {user}"
    return found[-1]


def _answer(slack: SlackHarness, user: str, request: dict, answers: dict[str, str | None]):
    """Click the request's button, then submit the modal it opens."""
    button = next(b for b in request["blocks"] if b["type"] == "actions")["elements"][0]
    assert button["action_id"] == "evaluation_open"
    slack.click(button["action_id"], user=user, value=button["value"], message=request)
    return _submit(slack, user, slack.opened_view(), answers)


def _submit(slack: SlackHarness, user: str, view: dict, answers: dict[str, str | None]):
    """Submit the five questions' modal with these answers."""
    assert view["callback_id"] == "evaluation"
    questions = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in questions] == [
        "role", "values", "challenges", "barriers", "confidence"]
    assert all(b["optional"] for b in questions)
    assert [o["value"] for o in questions[0]["element"]["options"]] == ["1", "2", "3", "4", "5"]
    return slack.submit(view, user=user, **answers)


@pytest.mark.parametrize(("capacity", "doctors", "managers"), [(1, 5, 5), (2, 6, 3)])
def test_a_term_in_slack_from_baseline_to_the_change_organisers_see(
        slack, clock, capacity, doctors, managers):
    make_term_programme(slack.services, "slack", slack.team, capacity=capacity, at=START)
    people = {f"UD{i}": ("Doctor (junior)", f"Doctor {i}") for i in range(doctors)}
    people |= {f"UM{i}": ("Manager", f"Manager {i}") for i in range(managers)}
    for user, (_, name) in people.items():
        slack.fake.add_user(user, real_name=name)

    # Joining: the profile modal turns into the baseline questions (closing it skips them).
    skipper = "UD0"
    for user, (profession, _) in people.items():
        slack.command("", user=user)
        joined = slack.submit(slack.opened_view(), user=user, profession=profession).json()
        assert joined["response_action"] == "update"
        form = joined["view"]
        assert "You're in for Junior doctors × Managers" in text_of(form)
        assert "Before your first meeting: five quick questions" in text_of(form)
        assert "You're in for Junior doctors × Managers" in text_of(slack.dms(user)[-1])
        if user == skipper:
            continue  # closed: nothing is stored
        response = _submit(slack, user, form,
                           {**BASELINE, "confidence": "1"} if user == "UM0" else BASELINE)
        assert response.json()["response_action"] == "update"
        assert ("Thank you: your answers to 5 of 5 questions (their role, their values, their "
                "challenges, barriers between us and confidence working together) are stored "
                "as your starting point") in text_of(response.json()["view"])
        first_form = form
    # Answering again replaces; a question left blank is skipped.
    again = _submit(slack, "UM0", first_form, {**BASELINE, "confidence": None})
    assert "4 of 5 questions" in text_of(again.json()["view"])
    # Editing the profile later does not ask again.
    slack.command("", user="UD0")
    assert slack.submit(slack.opened_view(), user="UD0",
                        profession="Doctor (junior)").content.strip(b"null") == b""
    baseline = stored_answers(slack.services, "baseline")
    assert skipper not in baseline and len(baseline) == len(people) - 1
    assert baseline["UM0"] == {"role": 2, "values": 1, "challenges": 2, "barriers": 1}
    assert baseline["UD1"] == {k: int(v) for k, v in BASELINE.items()}

    # Three rounds, a month apart: the same groups, a new theme each, questions for both sides.
    themes = []
    for k, at in enumerate(MONTHS):
        clock.at = at
        before = len(slack.fake.messages())
        report = jobs.run_due(slack.services)
        assert report.rounds == ["Junior doctors × Managers " + at.strftime("%Y-%m")]
        intros = [m for m in slack.fake.messages()[before:]
                  if "This meeting's theme:" in text_of(m)]
        assert len(intros) == doctors // capacity
        for intro in intros:
            shown = text_of(intro)
            themes.append(shown.split("This meeting's theme: ")[1].split("*")[0].split("\n")[0])
            assert f"Meeting {k + 1} of 3 of this term" in shown
            members = [name for _, name in people.values() if name in shown.split("Why")[0]]
            assert len(members) == capacity + 1
            questions = [line for line in shown.splitlines() if line[:2] in
                         {f"{n}." for n in range(1, 4)}]
            for name in members:
                assert any(line.startswith(f"{line[:2]} For ") and name in line
                           for line in questions), (name, questions)
        if k == 0:
            # After the first meeting: the feedback asks what they learned, on its theme.
            clock.at = at + dt.timedelta(days=14, minutes=5)
            jobs.run_due(slack.services)
            checkin = next(m for m in reversed(slack.fake.messages())
                           if "Did you manage to meet" in text_of(m) and "<@UD1>" in text_of(m))
            slack.click("checkin_met", user="UD1", value=next(
                b for b in checkin["blocks"] if b["type"] == "actions")["elements"][0]["value"],
                message=checkin)
            form = slack.opened_view()
            assert form["callback_id"] == "feedback"
            assert "This meeting's theme: Roles: a day in your working life" in text_of(form)
            assert ("What did you learn about their role, values, challenges or barriers?"
                    in text_of(form))
    assert len(set(themes)) == 3
    groups = groups_by_round(slack.services)
    assert len(groups) == 3 and groups[0] == groups[1] == groups[2]
    assert all(len(g) == capacity + 1 for g in groups[0])
    asked = questions_asked(slack.services)
    assert all(len(ids) == len(set(ids)) == 9 for ids in asked.values())

    # The last meeting's check-in brings the follow-up questions, to every member.
    assert not any("End of term" in text_of(m) for m in slack.fake.messages())
    clock.at = MONTHS[2] + dt.timedelta(days=14, minutes=5)
    jobs.run_due(slack.services)
    answering = [u for u in people if u != skipper]
    for user in answering[:4]:
        _answer(slack, user, _request(slack, user, "End of term"), FOLLOW_UP)
    slack.command("admin stats", user="UADMIN")
    stats = text_of(slack.dms("UADMIN")[-1])
    assert ("Their role: fewer than 5 people answered before and after, so no figure is shown."
            in stats)
    assert "→" not in stats
    for user in answering[4:]:
        _answer(slack, user, _request(slack, user, "End of term"), FOLLOW_UP)
    follow_up = stored_answers(slack.services, "follow_up")
    assert follow_up["UD1"] == {k: int(v) for k, v in FOLLOW_UP.items()}
    with slack.services.unit_of_work() as session:
        assert set(session.scalars(select(EvaluationAnswer.term).where(
            EvaluationAnswer.stage == "follow_up"))) == {1}
    slack.command("admin stats", user="UADMIN")
    stats = text_of(slack.dms("UADMIN")[-1])
    n = len(answering)  # shown in whole blocks of five people
    assert f"Their role: 2.0 → 4.0 (+2.0, {n // 5 * 5} people)" in stats
    assert f"Their values: 1.0 → 3.0 (+2.0, {n // 5 * 5} people)" in stats
    # UM0 took back the confidence answer, so one person fewer answered it before and after.
    assert f"Confidence working together: 3.0 → 4.0 (+1.0, {(n - 1) // 5 * 5} people)" in stats
    assert "Met rate by theme: Roles: a day in your working life" in stats
    assert "UD1" not in stats and "Doctor 1" not in stats
