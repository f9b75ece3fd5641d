"""The agreement at the start of a term in Teams, over real HTTP and the fake Bot
Connector: the intro card's button sends the agreement card, a refusal keeps what was
typed, each member's answers reach the other members' chats, and organisers see counts."""

from __future__ import annotations

import datetime as dt
import json
import time

from sqlalchemy import select

from bot.services import agreements, jobs
from bot.store.models import Programme
from tests.teams.conftest import START, Person, post
from tests.teams.tokens import TENANT
from tests.term_support import make_term_programme

FIRST_MONTH = dt.datetime(2026, 12, 7, 10, 1, tzinfo=dt.UTC)


def _texts(card) -> str:
    return json.dumps(card, ensure_ascii=False)


def test_an_agreement_at_the_start_of_a_term_reaches_the_other_member_in_teams(
        client, connector, services, clock, signing_key):
    make_term_programme(services, "teams", TENANT, capacity=1, at=START)
    dara = Person("d1", "Dara Doctor", connector)
    mo = Person("m1", "Mo Manager", connector)
    for person, profession in ((dara, "Doctor (junior)"), (mo, "Manager")):
        assert post(client, signing_key, person.installs()).status_code == 202
        form = connector.cards(person.conversation)[-1]
        post(client, signing_key, person.clicks("profile.save", {
            "programme_id": form["actions"][0]["data"]["programme_id"],
            "profession": profession}))
    clock.at = FIRST_MONTH
    jobs.run_due(services)

    # Each member's intro card carries the button, beside the links to meet.
    intro = next(c for c in connector.cards(dara.conversation)
                 if "Before you meet, agree how you'll work together" in _texts(c))
    [button] = [a for b in intro["body"] if b["type"] == "ActionSet" for a in b["actions"]
                if a.get("verb") == "agreement.open"]
    assert button["title"] == "Agree how we'll work"
    opened = post(client, signing_key, dara.clicks("agreement.open", button["data"]))
    assert opened.status_code == 200
    form = connector.cards(dara.conversation)[-1]
    inputs = {b["id"]: b for b in form["body"] if "id" in b}
    assert list(inputs) == ["learn", "offer", "how_often", "confidential"]
    [send] = form["actions"]
    assert send["verb"] == "agreement.save"

    # An over-long answer: one sentence, the card shown again as typed.
    typed = {**send["data"], "learn": "How beds are found at night", "offer": "y" * 1001,
             "how_often": "monthly"}
    again = post(client, signing_key, dara.clicks("agreement.save", typed)).json()["value"]
    assert again["body"][-1]["text"] == "Keep each answer under 1,000 characters."
    kept = {b["id"]: b.get("value") for b in again["body"] if "id" in b}
    assert kept["learn"] == "How beds are found at night" and kept["how_often"] == "monthly"
    # An empty card: one sentence too.
    empty = post(client, signing_key, dara.clicks("agreement.save", send["data"])).json()
    assert empty["value"]["body"][-1]["text"].startswith("The form is empty")

    done = post(client, signing_key, dara.clicks("agreement.save", {
        **typed, "offer": "A night on the acute medical unit"})).json()["value"]
    assert "Thank you: your answers are saved and shared with your group." in _texts(done)
    # Saving starts the sender at once, in the background (as `admin run` does): wait for it.
    shared = _arrived(services, connector, mo, "Dara Doctor's agreement")
    # Mo reads Dara's answers in his own chat with the bot (Teams writes to each member).
    assert "Dara Doctor's agreement" in _texts(shared)
    assert "How beds are found at night" in _texts(shared)
    assert "Every month" in _texts(shared)
    assert not any("Dara Doctor's agreement" in _texts(c)
                   for c in connector.cards(dara.conversation))

    counts = agreements.programme_counts(services, _programme_id(services))
    assert counts == agreements.AgreementCounts(asked=1, made=0, started=1)


def _arrived(services, connector, person: Person, words: str) -> dict:
    """The first card in the person's chat that says `words`, once the sender has sent it."""
    deadline = time.monotonic() + 10
    while True:
        jobs.run_due(services)
        found = [c for c in connector.cards(person.conversation) if words in _texts(c)]
        if found or time.monotonic() > deadline:
            assert found, f"no '{words}' for {person.name}"
            return found[0]
        time.sleep(0.05)


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return int(session.scalar(select(Programme.id)))
