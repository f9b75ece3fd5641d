"""A re-import of the staff list updates the line manager of people who have already joined
(the HR record is the source of truth for line management); an empty cell leaves what the
person set; the console's preview says how many will change (issue #26)."""

from __future__ import annotations

import html

from sqlalchemy import select

from bot.services import enrolment, jobs, workspace_programmes
from bot.store.models import AuditEntry, Participant
from tests.slack.conftest import START
from tests.slack.test_meetings_profile import accept, email, participant
from tests.web.console_support import csrf_of, make_client, sign_in

PROFESSIONS = {"U1": "Nurse", "U2": "Manager", "U3": "Pharmacist", "U4": "Physiotherapist",
               "U5": "Midwife", "U6": "Paramedic"}


def staff_file(managers: dict[str, str | None]) -> bytes:
    lines = ["email,name,profession,manager_email"]
    lines += [f"{email(u)},Person {u},{PROFESSIONS[u]},{email(m) if m else ''}"
              for u, m in managers.items()]
    return ("\n".join(lines) + "\n").encode()


def managers_now(slack) -> dict[str, str | None]:
    with slack.services.unit_of_work() as session:
        people = {p.id: p.user_id for p in session.scalars(select(Participant))}
        return {p.user_id: people.get(p.manager_id) if p.manager_id else None
                for p in session.scalars(select(Participant))}


def test_a_reimport_updates_the_line_managers_of_people_who_joined(slack, engine):
    for user in PROFESSIONS:
        slack.fake.add_user(user, real_name=f"Person {user}", email=email(user))
    with slack.services.unit_of_work() as session:
        workspace = workspace_programmes.ensure_workspace(session, "slack", "T1", START)
        pid = workspace_programmes.default_programme(session, workspace, START).id
    first = staff_file({"U1": "U2", "U2": None, "U3": None, "U4": None, "U6": "U2"})
    assert isinstance(enrolment.import_people(slack.services, pid, first, actor="test"),
                      enrolment.Imported)
    jobs.run_due(slack.services)
    for user in ("U1", "U2", "U3", "U4", "U6"):
        accept(slack, user)
    with slack.services.unit_of_work() as session:
        # U3 says in their profile that U4 manages them; the file leaves their cell empty.
        me = session.scalars(select(Participant).where(Participant.user_id == "U3")).one()
        me.manager_id = participant(slack, "U4").id
    assert managers_now(slack) == {"U1": "U2", "U2": None, "U3": "U4", "U4": None,
                                   "U6": "U2"}

    # The new file: U1 and U2 change manager, U4 gains one, U3's cell is empty, and U6's
    # manager is now U5, who has not joined yet: U6 keeps U2 until U5 joins, so that
    # nobody goes unprotected in between.
    second = staff_file({"U1": "U4", "U2": "U3", "U3": None, "U4": "U1", "U5": None,
                         "U6": "U5"})
    console = make_client(engine, slack.services)
    csrf = sign_in(console)
    shown = console.post(f"/admin/programmes/{pid}/people/import", data={"csrf": csrf},
                         files={"file": ("staff.csv", second, "text/csv")})
    assert shown.status_code == 200
    assert ("3 people's line managers will change: the file is the record of line "
            "management (an empty manager cell leaves what the person set).") in html.unescape(
                shown.text)
    assert managers_now(slack)["U1"] == "U2"  # a preview changes nothing
    done = console.post(f"/admin/programmes/{pid}/people/import/confirm", data={
        "csrf": csrf_of(shown.text), "confirm": "yes",
        "upload": shown.text.split('name="upload" value="')[1].split('"')[0],
        "profession_map": ""})
    assert "3 people&#39;s line managers changed." in done.text
    assert managers_now(slack) == {"U1": "U4", "U2": "U3", "U3": "U4", "U4": "U1",
                                   "U6": "U2"}
    with slack.services.unit_of_work() as session:
        [audited] = session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "people.import").order_by(AuditEntry.id.desc()).limit(1))
        assert audited["line managers changed"] == 3

    # U5 joins. What U6 has stays (joining links only people with no manager yet); the
    # next import of the same file, U5 having joined, moves U6 to U5.
    jobs.run_due(slack.services)
    accept(slack, "U5")
    assert managers_now(slack)["U6"] == "U2"
    later = enrolment.preview(slack.services, pid, second)
    assert later.managers == ((participant(slack, "U6").id, participant(slack, "U5").id),)
    enrolment.import_people(slack.services, pid, second, actor="test")
    assert managers_now(slack)["U6"] == "U5"

    # The same file again changes nothing more.
    again = enrolment.preview(slack.services, pid, second)
    assert again.managers == () and again.managers_note == ""
