"""An import's invitation in Teams: the card's Accept and Decline (Action.Execute), Accept
turning the card into the profile pre-filled with what the import knew."""

from __future__ import annotations

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
                                         "Monday 14 December"), "user1")
    actions = [(a["title"], a["verb"], a["data"]) for a in card["actions"]]
    assert actions == [
        ("Accept", "invitation.answer", {"invitation_id": 7, "answer": "accept"}),
        ("Decline", "invitation.answer", {"invitation_id": 7, "answer": "decline"})]
    assert "Nurse" in text_of(card) and "by Monday 14 December" in text_of(card)


def test_accept_opens_the_profile_prefilled_and_decline_deletes(flow, services):
    ids = imported(services)

    def profile(reply):
        text = text_of(invoke_card(reply))
        assert '"value": "Nurse"' in text or "\"value\":\"Nurse\"" in text.replace(" ", "")

    def declined(reply):
        assert "You've declined Paired learning" in text_of(invoke_card(reply))

    def closed(reply):
        assert "This invitation is no longer open." in text_of(invoke_card(reply))

    run(flow, lambda f: f
        .send(click("invitation.answer", {"invitation_id": ids["ann@trust.nhs.uk"],
                                          "answer": "accept"})).assert_reply(profile)
        .send(click("invitation.answer", {"invitation_id": ids["bo@trust.nhs.uk"],
                                          "answer": "decline"})).assert_reply(declined)
        .send(click("invitation.answer", {"invitation_id": ids["bo@trust.nhs.uk"],
                                          "answer": "accept"})).assert_reply(closed))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.user_id, person.display_name, person.profession) == (
            USER, "Ann Lee", "Nurse")
        emails = set(session.scalars(select(Invitation.email)))
        assert emails == {"ann@trust.nhs.uk", None}


def test_invitations_through_the_bot_connector_reach_who_has_the_app(teams, connector,
                                                                      services):
    """Through the fake Bot Connector: Ann has the app (her UPN is her work e-mail) and gets
    the card; Bo has not, and the import page says why and what to do."""
    from bot.services import jobs
    from tests.teams.test_gateway import _install
    from tests.teams.tokens import TENANT as CONNECTED

    _install(services, connector, "aad-ann", upn="Ann@Trust.NHS.uk")
    ids = imported(services, CONNECTED)
    assert jobs.run_due(services).delivery.sent == 1
    (card,) = connector.cards("a:personal-ann")
    assert "You're invited to Paired learning" in text_of(card)
    assert [a["data"] for a in card["actions"]] == [
        {"invitation_id": ids["ann@trust.nhs.uk"], "answer": "accept"},
        {"invitation_id": ids["ann@trust.nhs.uk"], "answer": "decline"}]
    with services.unit_of_work() as session:
        pid = session.scalar(select(Invitation.programme_id))
    (funnel,) = enrolment.funnels(services, pid)
    assert funnel.unreachable == (("bo@trust.nhs.uk", enrolment.UNREACHABLE[
        "no_conversation_reference"]),)
