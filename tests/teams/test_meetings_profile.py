"""When people can meet and whom they must not meet, through Teams over real HTTP: the
profile card's windows, away dates, site and private do-not-pair choice, bad input refused
on the card with what was typed kept, `status`, and a round that honours it all."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.services import jobs
from bot.store.models import MatchMember, Participant
from tests.teams.conftest import ROUND_AT, Person, post


def _texts(card) -> str:
    return json.dumps(card, ensure_ascii=False)


def _inputs(card) -> dict[str, dict]:
    return {b["id"]: b for b in card["body"] if b.get("type", "").startswith("Input.")}


def _card(client, key, person) -> dict:
    assert post(client, key, person.installs()).status_code == 202
    return person.connector.cards(person.conversation)[-1]


def _save(client, key, person, card, **answers) -> dict:
    data = {**card["actions"][0]["data"], **answers}
    response = post(client, key, person.clicks("profile.save", data))
    assert response.status_code == 200
    return response.json()["value"]


def _groups(services) -> list[frozenset[str]]:
    with services.unit_of_work() as session:
        rows = session.execute(select(MatchMember.match_id, Participant.user_id).join(
            Participant, Participant.id == MatchMember.participant_id)).all()
    out: dict[int, set[str]] = {}
    for match_id, user in rows:
        out.setdefault(match_id, set()).add(user)
    return [frozenset(g) for g in out.values()]


def test_a_teams_profile_with_times_and_a_private_choice_shapes_the_round(
        client, connector, services, clock, signing_key):
    people = {key: Person(key, name, connector) for key, name in (
        ("bob", "Bob Smith"), ("cy", "Cy Patel"), ("dee", "Dee Okafor"),
        ("eve", "Eve Hughes"), ("ann", "Ann Jones"))}
    plans = {  # profession, windows, site, away
        "bob": ("Manager", "weekday-evening", "Queen Elizabeth", ""),
        "cy": ("Pharmacist", "weekday-morning", "Heartlands", ""),
        "dee": ("Physiotherapist", "weekday-morning", "Heartlands", ""),
        "eve": ("Midwife", "", "", "2026-12-05..2026-12-25"),
        "ann": ("Nurse", "weekday-evening", "Queen Elizabeth", ""),
    }
    cards = {}
    for key, person in people.items():
        cards[key] = _card(client, signing_key, person)
        if key == "ann":
            break
        profession, windows, site, away = plans[key]
        saved = _save(client, signing_key, person, cards[key], profession=profession,
                      windows=windows, away=away, site=site, team="", intro="")
        assert "You're in for" in _texts(saved)

    # Ann's card: eight windows to tick, the programme's people to choose from privately.
    inputs = _inputs(cards["ann"])
    assert [c["value"] for c in inputs["windows"]["choices"]][:2] == [
        "weekday-morning", "weekday-afternoon"]
    assert {c["value"] for c in inputs["avoid"]["choices"]} == {
        "aad-bob", "aad-cy", "aad-dee", "aad-eve"}
    assert "Only you see this list" in _texts(cards["ann"])

    # Bad input: one sentence naming the field, nothing stored, the rest kept on the card.
    refused = _save(client, signing_key, people["ann"], cards["ann"], profession="Nurse",
                    windows="weekday-evening,weekday-lunch", away="2027-01-15..2027-01-04",
                    site="Queen Elizabeth", avoid="aad-bob", intro="Nights on ward 7")
    text = _texts(refused)
    assert "When you can meet: 'weekday-lunch' is not one of the times you can choose." in text
    assert "Dates you're away: '2027-01-15..2027-01-04' ends before it starts." in text
    kept = _inputs(refused)
    assert kept["intro"]["value"] == "Nights on ward 7"
    assert kept["site"]["value"] == "Queen Elizabeth" and kept["avoid"]["value"] == "aad-bob"
    assert kept["away"]["value"] == "2027-01-15..2027-01-04"
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant).where(
            Participant.user_id == "aad-ann")).first() is None

    saved = _save(client, signing_key, people["ann"], refused, profession="Nurse",
                  windows="weekday-evening", away="", site="Queen Elizabeth",
                  avoid="aad-bob", manager="aad-dee", intro="Nights on ward 7")
    assert "You're in for" in _texts(saved)
    with services.unit_of_work() as session:
        ann, dee = (session.scalars(select(Participant).where(
            Participant.user_id == user)).one() for user in ("aad-ann", "aad-dee"))
        assert ann.manager_id == dee.id  # her line manager, chosen on the card

    # `status` shows what she gave; the list only as a count.
    assert post(client, signing_key, people["ann"].says("status")).status_code == 202
    status = _texts(connector.sent(people["ann"].conversation)[-1])
    assert "When you can meet: Weekday evenings (5pm to 9pm)" in status
    assert "Site: Queen Elizabeth" in status
    assert "You'd rather not be paired with 1 person (only you see this)." in status
    assert "Bob Smith" not in status

    # The round: Ann never meets Bob although they share a site and a time (so Cy and
    # Dee, who share theirs, are parted: the most people placed comes first); Eve, away
    # all fortnight, sits out and is told.
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(services)
    groups = _groups(services)
    assert len(groups) == 2 and frozenset({"aad-ann", "aad-bob"}) not in groups
    assert frozenset({"aad-ann", "aad-dee"}) not in groups
    assert not any("aad-eve" in g for g in groups)
    clock.at = ROUND_AT + dt.timedelta(minutes=20)
    jobs.run_due(services)
    told = _texts(connector.sent(people["eve"].conversation)[-1])
    assert "You're away for the whole fortnight after this round" in told
    assert "We'll put you first in the next round, on Monday 4 January." in told
