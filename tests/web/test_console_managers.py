"""An organiser sets, changes or clears a person's line manager in the console, choosing
them by name from the programme's people: audited by name, never themselves, shown in the
person's profile, honoured by the next round; a viewer is refused in one sentence."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from bot.services import participants, rounds
from bot.services.console import access, audit_log, commands
from bot.store.models import Participant, Programme
from tests.fakes.slack_api import FakeSlack
from tests.services.conftest import join
from tests.web.console_support import csrf_of, make_client, make_services, sign_in
from tests.web.test_console_signin import _slack_client, _through_slack


def _people(services) -> tuple[int, dict[str, int]]:
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        ids = dict(session.execute(select(Participant.user_id, Participant.id)).all())
    return pid, ids


def _manager_of(services, participant_id: int) -> int | None:
    with services.unit_of_work() as session:
        return session.get_one(Participant, participant_id).manager_id


def test_an_organiser_sets_a_line_manager_by_name_and_the_next_round_honours_it(engine):
    services = make_services(engine)
    pid, ids = _people(services)
    before = commands.preview(services, access.OPERATOR, pid)
    assert [sorted(g.members) for g in before.groups] == [["Name U1 (Nurse)",
                                                           "Name U2 (Manager)"]]
    console = make_client(engine, services)
    sign_in(console)
    listing = console.get(f"/admin/programmes/{pid}/participants").text
    path = f"/admin/programmes/{pid}/participants/{ids['U1']}/manager"
    assert f'href="{path}"' in listing

    page = console.get(path)
    assert page.status_code == 200
    assert "No line manager is set for Name U1." in page.text
    found = console.get(path, params={"q": "name"})
    # The person themselves is never offered; the others are, by name and profession.
    assert "Name U2 (Manager)" in found.text and "Name U1 (Nurse)" not in found.text
    saved = console.post(path, data={"csrf": csrf_of(found.text), "q": "name",
                                     "manager": str(ids["U2"])})
    assert saved.status_code == 200  # after the redirect
    text = html.unescape(saved.text)
    assert "Name U2 is now Name U1's line manager" in text
    assert "Name U2 (Manager) is Name U1's line manager." in text
    assert _manager_of(services, ids["U1"]) == ids["U2"]
    assert "Name U2<br>" in console.get(f"/admin/programmes/{pid}/participants").text
    api = console.get(f"/admin/api/programmes/{pid}/participants").json()
    assert {r["name"]: r["manager"] for r in api} == {"Name U1": "Name U2", "Name U2": ""}

    # The person's profile shows the manager the organiser set: the same stored reference.
    form = participants.profile_form(services, "slack", "T1", "U1", pid)
    assert form.current is not None and form.current.manager == "U2"

    [entry] = [r for r in audit_log.audit_of(services, access.OPERATOR, pid)
               if r.action == "Set someone's line manager"]
    assert entry.details == "Name U1: line manager: none → Name U2"

    plan = rounds.run_round(services, pid)
    assert plan.groups == ()
    assert len(plan.unpaired) == 2

    cleared = console.post(path, data={"csrf": csrf_of(saved.text), "action": "clear"})
    assert "Name U1 has no line manager now." in html.unescape(cleared.text)
    assert _manager_of(services, ids["U1"]) is None
    entries = [r.details for r in audit_log.audit_of(services, access.OPERATOR, pid)
               if r.action == "Set someone's line manager"]
    assert entries[0] == "Name U1: line manager: Name U2 → none"


def test_nobody_is_their_own_manager_and_a_choice_is_needed(engine):
    services = make_services(engine)
    pid, ids = _people(services)
    console = make_client(engine, services)
    csrf = sign_in(console)
    path = f"/admin/programmes/{pid}/participants/{ids['U1']}/manager"
    itself = console.post(path, data={"csrf": csrf, "manager": str(ids["U1"])})
    assert itself.status_code == 400
    assert ("Name U1 cannot be their own line manager; choose someone else. Nothing was "
            "changed.") in html.unescape(itself.text)
    nothing = console.post(path, data={"csrf": csrf, "q": "name"})
    assert nothing.status_code == 400
    assert "Choose a person from the search results; nothing was changed." in nothing.text
    assert "Name U2 (Manager)" in nothing.text  # the search is kept
    elsewhere = console.post(path, data={"csrf": csrf, "manager": "999999"})
    assert elsewhere.status_code == 400
    assert "That manager is not in this programme any more" in elsewhere.text
    gone = console.get(f"/admin/programmes/{pid}/participants/999999/manager")
    assert gone.status_code == 404
    assert "That person is not in this programme any more." in gone.text
    forged = console.post(path, data={"manager": str(ids["U2"])})
    assert forged.status_code == 403
    assert _manager_of(services, ids["U1"]) is None


@pytest.fixture
def slack():
    with FakeSlack(client_id="111.222", client_secret="slack-secret") as fake:
        fake.add_user("U9", real_name="Vi Viewer")
        yield fake


def test_a_viewer_cannot_set_a_line_manager(engine, slack):
    services = make_services(engine)
    pid, ids = _people(services)
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, pid)
        programme.organisers, programme.viewers = ["U5"], ["U9"]
    viewer = _slack_client(engine, services, slack)
    _through_slack(viewer, slack, "U9")
    listing = viewer.get(f"/admin/programmes/{pid}/participants")
    assert listing.status_code == 200 and "/manager" not in listing.text
    path = f"/admin/programmes/{pid}/participants/{ids['U1']}/manager"
    assert viewer.get(path).status_code == 403
    refused = viewer.post(path, data={"csrf": csrf_of(listing.text),
                                      "manager": str(ids["U2"])})
    assert refused.status_code == 403
    assert "You can see" in refused.text and "but not change anything" in refused.text
    assert _manager_of(services, ids["U1"]) is None
