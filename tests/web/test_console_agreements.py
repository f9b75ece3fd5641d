"""The console's overview shows whether groups made an agreement at the start, as counts,
never what they agreed."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import agreements, participants, rounds
from bot.store.models import Match, Participant, Programme
from tests.web.console_support import make_client, make_services, sign_in

SECRET_WORDS = "The ward's staffing worries"


def test_the_overview_counts_agreements_and_shows_none_of_their_words(engine):
    services = make_services(engine)
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
                             ("U4", "Physiotherapist")):
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.agreement = True
        pid = programme.id
    rounds.run_round(services, pid, period="2026-12")
    with services.unit_of_work() as session:
        [first, _] = session.scalars(select(Match).order_by(Match.id)).all()
        user_ids = [session.get_one(Participant, m.participant_id).user_id
                    for m in first.members]
        match_id = first.id
    for user in user_ids:
        done = agreements.record(services, "slack", "T1", user, match_id, {
            "learn": "Rotas", "offer": "Budgets", "how_often": "monthly",
            "confidential": SECRET_WORDS})
        assert isinstance(done, agreements.Agreed)
    client = make_client(engine, services)
    sign_in(client)
    page = client.get(f"/admin/programmes/{pid}")
    assert page.status_code == 200
    assert "1</span> of 2 groups made an agreement at the start" in page.text
    assert SECRET_WORDS not in page.text and "Rotas" not in page.text
