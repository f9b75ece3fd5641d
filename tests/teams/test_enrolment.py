"""An import's invitation in Teams: the card's Accept and Decline (Action.Execute), Accept
turning the card into the profile pre-filled with what the import knew."""

from __future__ import annotations

import json

from microsoft_agents.activity import Activity
from sqlalchemy import select

from bot.core.intents import Invitation as InvitationIntent
from bot.services import enrolment
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import Invitation, Participant
from bot.teams import cards
from tests.teams.test_dialogs import TENANT, USER, click, flow, invoke_card, run, text_of

__all__ = ["flow"]  # the fixture, shared with the dialogs' tests

STAFF = (b"email,name,staff_group,site\n"
         b"ann@trust.nhs.uk,Ann Lee,Nursing and Midwifery Registered,QE\n"
         b"bo@trust.nhs.uk,Bo Sam,Administrative and Clerical,RI\n")


def imported(services, tenant: str = TENANT) -> dict[str, int]:
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "teams", tenant, services.now())
        pid = default_programme(session, ws, services.now()).id
    made = enrolment.import_people(services, pid, STAFF, actor="organiser")
    assert isinstance(made, enrolment.Imported)
    with services.unit_of_work() as session:
        return {e: i for i, e in session.execute(select(Invitation.id, Invitation.email))}


def test_the_invitation_card_has_accept_and_decline():
    card = cards.render(InvitationIntent(7, "Paired learning", (("profession", "Nurse"),),
                                         "Monday 14 December", button="7.signed"), "user1")
    actions = [(a["title"], a["verb"], a["data"]) for a in card["actions"]]
    assert actions == [
        ("Accept", "invitation.answer", {"invitation": "7.signed", "answer": "accept"}),
        ("Decline", "invitation.answer", {"invitation": "7.signed", "answer": "decline"})]
    assert "Nurse" in text_of(card) and "by Monday 14 December" in text_of(card)


def test_accept_opens_the_profile_prefilled_and_decline_deletes(flow, services):
    ids = imported(services)

    def press(email: str, answer: str) -> Activity:
        return click("invitation.answer", {
            "invitation": enrolment.button_value(services, ids[email], USER), "answer": answer})

    def profile(reply):
        text = text_of(invoke_card(reply))
        assert '"value": "Nurse"' in text or "\"value\":\"Nurse\"" in text.replace(" ", "")

    def declined(reply):
        assert "You've declined Paired learning" in text_of(invoke_card(reply))

    def closed(reply):
        assert "This invitation is no longer open." in text_of(invoke_card(reply))

    run(flow, lambda f: f
        .send(press("ann@trust.nhs.uk", "accept")).assert_reply(profile)
        .send(press("bo@trust.nhs.uk", "decline")).assert_reply(declined)
        .send(press("bo@trust.nhs.uk", "accept")).assert_reply(closed))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.user_id, person.display_name, person.profession) == (
            USER, "Ann Lee", "Nurse")
        emails = set(session.scalars(select(Invitation.email)))
        assert emails == {"ann@trust.nhs.uk", None}


def _open_invitations(services) -> list[tuple[str | None, str]]:
    with services.unit_of_work() as session:
        return sorted(session.execute(select(Invitation.email, Invitation.status)).tuples())


def test_through_the_bot_connector_a_join_link_and_no_forged_answers(client, connector,
                                                                     services, signing_key):
    """Through the fake Bot Connector and /api/messages: Ann has the app and gets the card;
    Bo has not: the funnel lists him as not reachable with the reason and Teams' link to
    the app; once he adds it, his invitation reaches him. Pressing Ann's button, or a
    guessed number, is refused in one sentence and changes nothing."""
    from bot.services import jobs
    from tests.teams.conftest import Person, post
    from tests.teams.tokens import APP_ID
    from tests.teams.tokens import TENANT as CONNECTED

    ann = Person("ann", "Ann Lee", connector, upn="Ann@Trust.NHS.uk")
    bo = Person("bo", "Bo Sam", connector, upn="bo@trust.nhs.uk")
    assert post(client, signing_key, ann.installs()).status_code == 202
    ids = imported(services, CONNECTED)
    assert jobs.run_due(services).delivery.sent == 1
    (card,) = [c for c in connector.cards(ann.conversation)
               if "You're invited to Paired learning" in text_of(c)]
    ann_accepts = card["actions"][0]["data"]
    assert ann_accepts == {"invitation": enrolment.button_value(
        services, ids["ann@trust.nhs.uk"], ann.aad), "answer": "accept"}
    assert ann_accepts["invitation"].startswith(f"{ids['ann@trust.nhs.uk']}.")

    with services.unit_of_work() as session:
        pid = session.scalar(select(Invitation.programme_id))
    (funnel,) = enrolment.funnels(services, pid)
    link = f"https://teams.microsoft.com/l/app/{APP_ID}?tenantId={CONNECTED}"
    assert funnel.unreachable == (("bo@trust.nhs.uk", enrolment.UNREACHABLE[
        "no_conversation_reference"], link),)

    # Bo follows the link and adds the app: his invitation goes out again, and reaches him.
    assert post(client, signing_key, bo.installs()).status_code == 202
    assert jobs.run_due(services).delivery.sent == 1
    (bo_card,) = [c for c in connector.cards(bo.conversation)
                  if "You're invited to Paired learning" in text_of(c)]
    (funnel,) = enrolment.funnels(services, pid)
    assert funnel.unreachable == () and funnel.sent == 2
    before = _open_invitations(services)

    # Bo presses Ann's Accept (copied from her card), an altered one, a guessed number.
    forged = [ann_accepts,
              {"invitation": f"{ids['ann@trust.nhs.uk']}.{'0' * 32}", "answer": "decline"},
              {"invitation": ids["ann@trust.nhs.uk"], "answer": "accept"},
              {"invitation": f"{ids['ann@trust.nhs.uk']}", "answer": "decline"}]
    for data in forged:
        refused = post(client, signing_key, bo.clicks("invitation.answer", data))
        assert refused.status_code == 200
        body = refused.json()
        assert body["statusCode"] == 400, body
        assert body["value"]["message"] == (
            "This invitation was sent to someone else, so nothing was changed.")
    assert _open_invitations(services) == before
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []

    # His own Accept works, and makes him, not Ann, a participant.
    mine = post(client, signing_key, bo.clicks("invitation.answer", bo_card["actions"][0]["data"]))
    assert mine.status_code == 200 and "profile.save" in json.dumps(mine.json())
    with services.unit_of_work() as session:
        assert [(p.user_id, p.display_name) for p in session.scalars(select(Participant))] == [
            (bo.aad, "Bo Sam")]
