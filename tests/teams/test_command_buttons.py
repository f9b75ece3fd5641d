"""Buttons beside the commands a message names (issue #21), over real HTTP through the fake
Bot Connector: Edit profile turns the card into the profile form, Status answers what
typing `status` does, Join opens the form for someone who has not joined; the commands
themselves read as commands."""

from __future__ import annotations

from typing import Any

from tests.teams.conftest import Person, post
from tests.teams.reading import read

MESSAGE = "application/vnd.microsoft.activity.message"
CARD = "application/vnd.microsoft.card.adaptive"


def _save(client, key, person: Person, programme_id: int, **answers: str) -> dict[str, Any]:
    response = post(client, key, person.clicks("profile.save", {
        "programme_id": programme_id, "profession": "Nurse", "learn": "", "intro": "",
        **answers}))
    assert response.status_code == 200, response.text
    return response.json()


def _joined(client, key, person: Person) -> int:
    assert post(client, key, person.installs()).status_code == 202
    form = person.connector.cards(person.conversation)[-1]
    programme_id = int(form["actions"][0]["data"]["programme_id"])
    _save(client, key, person, programme_id)
    return programme_id


def test_the_profile_confirmation_offers_edit_profile_and_status(client, connector,
                                                                 signing_key):
    ann = Person("ann", "Ann Jones", connector)
    programme_id = _joined(client, signing_key, ann)
    saved = _save(client, signing_key, ann, programme_id, intro="Nights on ward 7")
    assert saved["type"] == CARD
    card = saved["value"]
    shown = read(card)
    assert "Your profile is updated for Paired learning." in shown
    assert "You can also type `status` or `pair me` any time." in shown
    assert [(a["title"], a["verb"]) for a in card["actions"]] == [
        ("Edit profile", "profile.open"), ("Status", "participation.status")]
    # Each button falls back to an Action.Submit carrying its verb.
    assert [a["fallback"]["data"]["verb"] for a in card["actions"]] == [
        "profile.open", "participation.status"]

    # Edit profile: the card turns into her profile form, as she left it.
    opened = post(client, signing_key, ann.clicks("profile.open", {})).json()
    assert opened["type"] == CARD
    inputs = {b.get("id"): b for b in opened["value"]["body"]}
    assert (inputs["profession"]["value"], inputs["intro"]["value"]) == (
        "Nurse", "Nights on ward 7")
    assert opened["value"]["actions"][0]["verb"] == "profile.save"

    # Status: one sentence on the card, and her status as a message under it.
    before = len(connector.sent(ann.conversation))
    answered = post(client, signing_key, ann.clicks("participation.status", {})).json()
    assert (answered["type"], answered["value"]) == (MESSAGE, "Your status is below.")
    [status] = connector.sent(ann.conversation)[before:]
    assert status["text"].startswith(
        "Paired learning: active. Next round on Monday 7 December.")
    assert "You are a Nurse; you want to learn about anyone." in status["text"]
    assert "Learning log: empty. Type `log` after a meeting to record it." in status["text"]


def test_the_status_button_of_a_client_without_universal_actions(client, connector,
                                                                 signing_key):
    bob = Person("bob", "Bob Smith", connector)
    _joined(client, signing_key, bob)
    before = len(connector.sent(bob.conversation))
    pressed = bob.activity(value={"verb": "participation.status"})
    assert post(client, signing_key, pressed).status_code == 202
    status, note = connector.sent(bob.conversation)[before:]
    assert status["text"].startswith("Paired learning: active.")
    assert read(note["attachments"][0]["content"]) == "Your status is below."


def test_someone_who_has_not_joined_gets_a_join_button_that_opens_the_form(client, connector,
                                                                           signing_key):
    cy = Person("cy", "Cy Patel", connector)
    assert post(client, signing_key, cy.says("help")).status_code == 202  # first contact
    before = len(connector.sent(cy.conversation))
    assert post(client, signing_key, cy.says("status")).status_code == 202
    [reply] = connector.sent(cy.conversation)[before:]
    assert reply["text"] == "You haven't joined yet: type `pair me` to fill in your profile."
    buttons = reply["attachments"][0]["content"]["actions"]
    assert [(a["title"], a["verb"], a.get("style")) for a in buttons] == [
        ("Join", "profile.open", "positive")]
    opened = post(client, signing_key, cy.clicks("profile.open", {})).json()
    inputs = {b.get("id"): b for b in opened["value"]["body"]}
    assert "value" not in inputs["profession"]  # nothing filled in yet
    assert opened["value"]["actions"][0]["verb"] == "profile.save"


def test_take_part_again_before_joining_says_what_to_type_in_full(client, connector,
                                                                  signing_key):
    dee = Person("dee", "Dee Ross", connector)
    pressed = post(client, signing_key, dee.clicks("participation.resume", {})).json()
    assert (pressed["type"], pressed["value"]) == (
        MESSAGE, "You haven't joined yet: type pair me to fill in your profile.")
