"""Archive and duplicate a programme: archiving keeps its figures and stops its rounds;
a duplicate copies the settings, not the people."""

from sqlalchemy import select

from bot.services import jobs, rounds
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
