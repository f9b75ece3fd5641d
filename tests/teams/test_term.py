"""A two-sided term programme through three rounds in Teams, over real HTTP: the baseline
card when people join, the same groups each month with a theme and questions for both
sides, the follow-up card at the end of the term, and the organiser's `admin stats` with
the change per domain, suppressed below five people."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.services import jobs
from bot.store.models import EvaluationAnswer
from tests.teams.conftest import START, Person, post
from tests.teams.tokens import TENANT
from tests.term_support import (
    groups_by_round,
    make_term_programme,
    questions_asked,
    stored_answers,
)

MONTHS = tuple(dt.datetime(y, m, d, 10, 1, tzinfo=dt.UTC)
               for y, m, d in ((2026, 12, 7), (2027, 1, 4), (2027, 2, 1)))
BASELINE = {"role": "1", "values": "2", "challenges": "2", "barriers": "1", "confidence": "2"}
FOLLOW_UP = {"role": "3", "values": "3", "challenges": "4", "barriers": "4", "confidence": "3"}


def _texts(card) -> str:
    return json.dumps(card, ensure_ascii=False)


def _card(connector, person: Person, heading: str) -> dict:
    found = [c for c in connector.cards(person.conversation) if heading in _texts(c)]
    assert found, f"no '{heading}' card for {person.name}"
    return found[-1]


def _answer(client, key, person: Person, card: dict, answers: dict[str, str]) -> str:
    """Fill the card's five choice sets and press Send; the card that replaces it, as text."""
    inputs = [b for b in card["body"] if b["type"] == "Input.ChoiceSet"]
    assert [b["id"] for b in inputs] == ["role", "values", "challenges", "barriers",
                                         "confidence"]
    assert not any(b["isRequired"] for b in inputs)
    assert [c["value"] for c in inputs[0]["choices"]] == ["1", "2", "3", "4", "5"]
    send = next(a for a in card["actions"] if a["verb"] == "evaluation.save")
    response = post(client, key, person.clicks("evaluation.save", {**send["data"], **answers}))
    assert response.status_code == 200
    return _texts(response.json()["value"])


def _stats(client, key, connector, organiser: Person) -> str:
    assert post(client, key, organiser.says("admin stats")).status_code == 202
    return str(connector.sent(organiser.conversation)[-1]["text"])


@pytest.mark.parametrize(("capacity", "doctors", "managers"), [(1, 5, 5), (2, 6, 3)])
def test_a_term_in_teams_from_baseline_to_the_change_organisers_see(
        client, connector, services, clock, signing_key, capacity, doctors, managers):
    organiser = Person("org", "Olu Organiser", connector)
    make_term_programme(services, "teams", TENANT, capacity=capacity,
                        organisers=organiser.aad, at=START)
    people = {p: "Doctor (junior)" for p in
              (Person(f"d{i}", f"Doctor {i}", connector) for i in range(doctors))}
    people |= {p: "Manager" for p in
               (Person(f"m{i}", f"Manager {i}", connector) for i in range(managers))}

    # Joining from the profile card: it turns into the baseline questions, each optional.
    everyone = list(people)
    skipper = everyone[0]
    for person, profession in people.items():
        assert post(client, signing_key, person.installs()).status_code == 202
        form = connector.cards(person.conversation)[-1]
        saved = post(client, signing_key, person.clicks("profile.save", {
            "programme_id": form["actions"][0]["data"]["programme_id"],
            "profession": profession})).json()
        card = saved["value"]
        assert "You're in for Junior doctors × Managers" in _texts(card)
        assert "Before your first meeting: five quick questions" in _texts(card)
        assert [a["verb"] for a in card["actions"]] == ["evaluation.save", "evaluation.skip"]
        if person is skipper:
            skipped = post(client, signing_key, skipper.clicks("evaluation.skip", {})).json()
            assert "Nothing was stored" in _texts(skipped["value"])
            continue
        shown = _answer(client, signing_key, person, card, BASELINE)
        assert "your answers to 5 of 5 questions" in shown and "starting point" in shown
        first_card = card
    # A bad answer is one sentence on the card, and nothing is lost.
    refused = _answer(client, signing_key, everyone[-1], first_card, {**BASELINE, "role": "9"})
    assert "The answer to 'role' must be a number from 1 to 5." in refused
    baseline = stored_answers(services, "baseline")
    assert skipper.aad not in baseline and len(baseline) == len(everyone) - 1
    assert baseline[everyone[1].aad] == {k: int(v) for k, v in BASELINE.items()}

    # Three rounds: the same groups, a new theme each, questions aimed at both sides.
    themes = set()
    doctor, manager = everyone[1], everyone[-1]
    for k, at in enumerate(MONTHS):
        clock.at = at
        assert jobs.run_due(services).rounds
        for person in (doctor, manager):
            intro = _texts(_card(connector, person, "This meeting's theme: "))
            assert f"Meeting {k + 1} of 3 of this term" in intro
            theme = intro.split("This meeting's theme: ")[1].split('"')[0]
            themes.add(theme)
            # Who "the host" and "the guests" of the questions are, in a tutorial group.
            if capacity > 1:
                assert ("You are this group's host" in intro) == (person is manager)
                assert (f"{manager.name} is this group's host" in intro) == (person is doctor)
            # A question aimed at the reader says "you", never their own name.
            assert "For you" in intro
            assert f"For {person.name}" not in intro and f"and {person.name}:" not in intro
    assert len(themes) == 3
    groups = groups_by_round(services)
    assert len(groups) == 3 and groups[0] == groups[1] == groups[2]
    assert all(len(g) == capacity + 1 for g in groups[0])
    asked = questions_asked(services)
    assert all(len(ids) == len(set(ids)) == 9 for ids in asked.values())

    # The last meeting's check-in brings the follow-up card to every member.
    clock.at = MONTHS[2] + dt.timedelta(days=14, minutes=5)
    jobs.run_due(services)
    for person in everyone[1:5]:
        shown = _answer(client, signing_key, person, _card(connector, person, "End of term"),
                        FOLLOW_UP)
        assert "end-of-term answers" in shown
    stats = _stats(client, signing_key, connector, organiser)
    assert "Their role: fewer than 5 people answered before and after" in stats
    assert "→" not in stats
    for person in everyone[5:]:
        _answer(client, signing_key, person, _card(connector, person, "End of term"), FOLLOW_UP)
    with services.unit_of_work() as session:
        assert set(session.scalars(select(EvaluationAnswer.term).where(
            EvaluationAnswer.stage == "follow_up"))) == {1}
    stats = _stats(client, signing_key, connector, organiser)
    n = (len(everyone) - 1) // 5 * 5  # whole blocks of five people
    assert f"Their role: 1.0 → 3.0 (+2.0, {n} people)" in stats
    assert f"Barriers between us: 1.0 → 4.0 (+3.0, {n} people)" in stats
    assert "Doctor 1" not in stats
