"""A Teams participant's whole month over real HTTP: install, profile, intro, check-in by
reaction, feedback. The fake Bot Connector records every card the bot sends or updates."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from bot.services import jobs
from bot.store.models import CheckinAnswer, ConversationRef, Feedback, Participant
from bot.teams import cards
from tests.teams.conftest import ROUND_AT, Person, post
from tests.teams.tokens import APP_ID


def _texts(card):
    """Every text on a card, flattened."""
    return json.dumps(card, ensure_ascii=False)


def _join(client, key, person, profession, learn="", intro=""):
    assert post(client, key, person.installs()).status_code == 202
    form = person.connector.cards(person.conversation)[-1]
    inputs = {b.get("id"): b for b in form["body"] if b["type"].startswith("Input.")}
    assert inputs["profession"]["type"] == "Input.ChoiceSet"
    assert inputs["learn"]["isMultiSelect"] is True
    assert inputs["intro"]["maxLength"] == 280
    programme_id = form["actions"][0]["data"]["programme_id"]
    response = post(client, key, person.clicks("profile.save", {
        "programme_id": programme_id, "profession": profession, "learn": learn,
        "intro": intro}))
    assert response.status_code == 200
    return response.json()


def test_a_month_in_teams(client, connector, services, clock, signing_key, engine):
    ann = Person("ann", "Ann Jones", connector, upn="ann.jones@trust.example")
    bob = Person("bob", "Bob Smith", connector, upn="bob.smith@trust.example")

    # Install: a welcome and the profile form, once, though Teams sends two events.
    assert post(client, signing_key, ann.activity(
        "conversationUpdate", membersAdded=[{"id": f"28:{APP_ID}"}])
    ).status_code == 202
    saved = _join(client, signing_key, ann, "Nurse", learn="Manager",
                  intro="Ward 7 nights; curious how budgets are set")
    assert saved["type"] == "application/vnd.microsoft.card.adaptive"
    assert "You're in for Paired learning" in _texts(saved["value"])
    assert len([c for c in connector.cards(ann.conversation)
                if "Your profile" in _texts(c)]) == 1

    # A bad profile comes back on the card with the reason.
    bad = post(client, signing_key, bob.installs())
    assert bad.status_code == 202
    refused = post(client, signing_key, bob.clicks("profile.save", {
        "profession": "Manager", "learn": "Manager", "intro": "x" * 10})).json()
    assert "Choose professions other than your own to learn about." in _texts(refused["value"])
    _join(client, signing_key, bob, "Manager", learn="Nurse", intro="Finance lead")

    with services.unit_of_work() as session:
        people = {p.user_id: p for p in session.scalars(select(Participant))}
        refs = {r.user_id: r.reference for r in session.scalars(select(ConversationRef))}
    assert people["aad-ann"].display_name == "Ann Jones"
    assert refs["aad-ann"]["upn"] == "ann.jones@trust.example"
    assert refs["aad-ann"]["reference"]["serviceUrl"] == connector.url

    # The round: each gets a proactive 1:1 intro card about the other.
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    report = jobs.run_due(services)
    assert report.rounds and report.delivery.sent == 2
    intro = connector.cards(ann.conversation)[-1]
    text = _texts(intro)
    assert "Meet Bob Smith" in text and "Manager" in text and "Finance lead" in text
    assert "Why you were matched" in text and "Questions for this meeting" in text
    # In her own terms: "you", never her own name (issue #21).
    assert "You want to learn about Manager" in text and "Ann Jones" not in text
    assert "Bob Smith wants to learn about Nurse" in text
    links = {a["title"]: a["url"] for b in intro["body"] if b["type"] == "ActionSet"
             for a in b["actions"]}
    assert links["Chat with Bob"] == (
        "https://teams.microsoft.com/l/chat/0/0?users=bob.smith@trust.example")
    invited = parse_qs(urlsplit(links["Schedule a meeting"]).query)["attendees"][0]
    assert "bob.smith@trust.example" in invited.split(",")
    sent = connector.sent(ann.conversation)[-1]
    assert sent["channelData"]["pairbot"]["key"].endswith(":intro:p1")
    assert connector.calls[-1].authorization == "Bearer token-for-api.botframework.com"
    assert "Meet Ann Jones" in _texts(connector.cards(bob.conversation)[-1])

    # Two weeks later: a check-in card each.
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=2)
    assert jobs.run_due(services).checkins == 1
    checkin = connector.cards(ann.conversation)[-1]
    assert "Did you manage to meet for Paired learning?" in _texts(checkin)
    assert [a["title"] for a in cards.all_actions(checkin)] == [
        "Met", "We've arranged it", "Not yet", "Not going to happen"]
    sent_before = len(connector.sent())
    ann_card_id = connector.sent_ids(ann.conversation)[-1]

    # Ann reacts 👍 to her check-in card: it counts as Met, both cards show it, and she is
    # asked what she learned.
    before = len(connector.updates())
    assert post(client, signing_key, ann.reacts(ann_card_id, "like")).status_code == 202
    updates = connector.updates()[before:]
    assert len(updates) == 2
    assert all("Ann Jones" in _texts(u) and "Met" in _texts(u) for _, u in updates)
    # Then what she learned, and an offer to log the meeting for her CPD record.
    feedback, offer = connector.cards(ann.conversation)[-2:]
    assert "What did you learn?" in _texts(feedback)
    assert "What I will do differently (optional)" in _texts(offer)
    assert len(connector.sent()) == sent_before + 2
    with services.unit_of_work() as session:
        answers = [(a.answer, a.source) for a in session.scalars(select(CheckinAnswer))]
    assert answers == [("met", "reaction")]

    # The feedback form: saved, and the card says thank you.
    data = feedback["actions"][0]["data"]
    thanks = post(client, signing_key, ann.clicks("feedback.save", {
        **data, "learned_score": "4", "learned_text": "How budgets are set",
        "share": "true"})).json()
    assert "Thank you" in _texts(thanks["value"])
    with services.unit_of_work() as session:
        row = session.scalars(select(Feedback)).one()
        assert (row.learned_score, row.share_anonymously) == (4, True)

    # Taking the reaction back withdraws the answer.
    post(client, signing_key, ann.reacts(ann_card_id, "like", removed=True))
    with services.unit_of_work() as session:
        assert session.scalars(select(CheckinAnswer)).all() == []
    assert '"value": "no answer yet"' in _texts(connector.updates()[-1][1])

