"""Archive and duplicate a programme: archiving keeps its figures and stops its rounds;
a duplicate copies the settings and the edited wording, not the people."""

from sqlalchemy import select

from bot.core import wording
from bot.core.i18n import using
from bot.core.intents import Intro
from bot.core.profile import ProfileInput
from bot.services import delivery, jobs, participants, rounds, wording_edits
from bot.services.console import access, audit_log, outcomes, programme_list
from bot.services.programme_settings import settings_of
from bot.store.models import Participant, Programme, Round
from tests.services.conftest import ROUND_AT, join
from tests.web.console_support import TOKEN, csrf_of, make_client

PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Paramedic")]


def test_archive_keeps_figures_and_stops_rounds_and_duplicate_copies_settings(
        engine, services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    http = make_client(engine, services)
    page = http.get("/admin/login")
    http.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.text)})
    csrf = csrf_of(http.get("/admin/programmes").text)

    unticked = http.post(f"/admin/programmes/{pid}/archive", data={"csrf": csrf})
    assert unticked.status_code == 400
    done = http.post(f"/admin/programmes/{pid}/archive", data={"csrf": csrf, "confirm": "yes"})
    assert "is archived: its figures and reports stay" in done.text
    [row] = programme_list.programmes_for(services, access.OPERATOR)
    assert row.archived and row.next_round == "archived" and row.rounds == 1
    assert len(outcomes.overview(services, access.OPERATOR, pid).rounds) == 1
    clock.at = ROUND_AT.replace(month=1, year=2027, day=4)
    jobs.run_due(services)
    with services.unit_of_work() as session:
        assert len(session.scalars(select(Round)).all()) == 1  # no January round
    refused = http.post(f"/admin/programmes/{pid}/resume", data={"csrf": csrf})
    assert refused.status_code == 403 and "duplicate it to run it again" in refused.text

    copied = http.post(f"/admin/programmes/{pid}/duplicate", data={"csrf": csrf})
    assert "same settings and no participants" in copied.text
    with services.unit_of_work() as session:
        copy = session.scalars(select(Programme).where(Programme.id != pid)).one()
        original = session.get_one(Programme, pid)
        assert copy.name == "Paired learning (copy)" and copy.archived_at is None
        assert settings_of(copy).cadence == settings_of(original).cadence
        assert session.scalars(select(Participant).where(
            Participant.programme_id == copy.id)).all() == []
    audit = [r.action for r in audit_log.audit_of(services, access.OPERATOR, pid)]
    assert "Archived the programme" in audit and "Duplicated the programme" in audit


def test_a_duplicate_copies_the_edited_wording_in_every_language(engine, services, clock,
                                                                  gateway):
    join(services, "U0", "Nurse")
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    wording_edits.save(services, access.OPERATOR, pid, "intro", "en",
                       "Welcome to {programme}, {partner_names}: bring a question.")
    wording_edits.save(services, access.OPERATOR, pid, "intro", "cy",
                       "Croeso i {programme}, {partner_names}: dewch â chwestiwn.")
    http = make_client(engine, services)
    page = http.get("/admin/login")
    http.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.text)})
    csrf = csrf_of(http.get("/admin/programmes").text)
    http.post(f"/admin/programmes/{pid}/duplicate", data={"csrf": csrf})
    with services.unit_of_work() as session:
        copy_id = session.scalars(select(Programme.id).where(Programme.id != pid)).one()
    # The copy's wording page shows the edited words as its own.
    shown = http.get(f"/admin/programmes/{copy_id}/wording?language=cy").text
    assert "Croeso i {programme}, {partner_names}: dewch â chwestiwn.</textarea>" in shown

    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        participants.save_profile(services, "slack", "T1", user, f"Name {user}", copy_id,
                                  ProfileInput(profession))
    clock.at = ROUND_AT
    rounds.run_round(services, copy_id)
    delivery.deliver_due(services)
    [intro] = [s.intent for s in gateway.sent if isinstance(s.intent, Intro)]
    with using("en"):
        english = wording.intro(intro, "U1")
    with using("cy"):
        welsh = wording.intro(intro, "U1")
    assert "Welcome to Paired learning (copy), Name U2: bring a question." in str(english)
    assert "Croeso i Paired learning (copy), Name U2: dewch â chwestiwn." in str(welsh)
    # The copy's edits are rows of its own: resetting them leaves the original's.
    wording_edits.reset(services, access.OPERATOR, copy_id, "intro", "en")
    with services.unit_of_work() as session:
        assert dict(wording_edits.edits_of(session, pid, "intro"))["en"].startswith("Welcome")
        assert "en" not in dict(wording_edits.edits_of(session, copy_id, "intro"))
