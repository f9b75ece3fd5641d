"""Roles: an organiser adds another organiser or a viewer by name from the workspace's
people (never by typing an id); a viewer sees the figures, and every form they send is
refused in one sentence, with the buttons hidden. Signed in through the fake Slack."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.services.console import access, audit_log, roles
from bot.store.models import Participant, Programme
from tests.fakes.slack_api import FakeSlack
from tests.services.conftest import join
from tests.web.console_support import csrf_of, make_services
from tests.web.test_console_signin import _slack_client, _through_slack


@pytest.fixture
def slack():
    with FakeSlack(client_id="111.222", client_secret="slack-secret") as fake:
        fake.add_user("U1", real_name="Ada Organiser")
        fake.add_user("U3", real_name="Cy Member")
        yield fake


def _programme(services) -> int:
    for user, profession in (("U3", "Nurse"), ("U4", "Pharmacist"), ("U5", "Manager")):
        join(services, user, profession)
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.organisers = ["U1"]
        return programme.id


def _person(services, user: str) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Participant.id).where(Participant.user_id == user)).one()


def test_an_organiser_adds_a_viewer_by_name_who_sees_figures_and_cannot_act(engine, slack):
    services = make_services(engine)
    pid = _programme(services)
    organiser = _slack_client(engine, services, slack)
    _through_slack(organiser, slack, "U1")
    page = organiser.get(f"/admin/programmes/{pid}/access")
    assert page.status_code == 200
    # The choice is by name, from the people the bot knows in the workspace.
    assert "Name U3 (Nurse)" in page.text and 'name="person"' in page.text
    added = organiser.post(f"/admin/programmes/{pid}/access", data={
        "csrf": csrf_of(page.text), "person": str(_person(services, "U3")), "role": "viewer"})
    assert added.status_code == 200
    assert "Name U3 can now see the figures of" in added.text
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, pid)
        assert programme.viewers == ["U3"] and programme.organisers == ["U1"]
    log = audit_log.audit_of(services, access.OPERATOR, pid)
    assert (log[0].action, log[0].details) == ("Gave someone a role", "Name U3, role: viewer")

    viewer = _slack_client(engine, services, slack)
    _through_slack(viewer, slack, "U3")
    listing = viewer.get("/admin/programmes")
    assert "Viewer: figures only" in listing.text and "Archive" not in listing.text
    for path in ("", "/rounds", "/participants", "/settings", "/audit", "/access"):
        shown = viewer.get(f"/admin/programmes/{pid}{path}")
        assert shown.status_code == 200, path
        assert "Run round" not in shown.text and "Save settings" not in shown.text
        assert "Remove<span" not in shown.text and "Invite people" not in shown.text
    csrf = csrf_of(viewer.get(f"/admin/programmes/{pid}/rounds").text)
    for path, data in (("/rounds/run", {"confirm": "yes"}), ("/pause", {}),
                       ("/settings", {"name": "Renamed"}),
                       ("/access", {"person": str(_person(services, "U3")), "role": "organiser"}),
                       (f"/participants/{_person(services, 'U4')}/pause", {})):
        refused = viewer.post(f"/admin/programmes/{pid}{path}", data={"csrf": csrf, **data})
        assert refused.status_code == 403, path
        assert "You can see" in refused.text and "but not change anything" in refused.text
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, pid)
        assert programme.active and programme.viewers == ["U3"]


def test_roles_are_changed_and_taken_away_and_the_last_organiser_stays(engine):
    services = make_services(engine)
    pid = _programme(services)
    organiser = access.Viewer(kind="slack", name="Ada", platform="slack", workspace="T1",
                              user_id="U1")
    said = roles.grant(services, organiser, pid, _person(services, "U4"), "organiser")
    assert said.startswith("Name U4 now organises")
    found = roles.roles_of(services, organiser, pid)
    assert [(h.user_id, h.role) for h in found.holders] == [("U1", "organiser"),
                                                            ("U4", "organiser")]
    assert [c.name for c in found.candidates] == ["Name U3", "Name U5"]
    assert roles.revoke(services, organiser, pid, "U4").startswith("Name U4 no longer")
    try:
        roles.revoke(services, organiser, pid, "U1")
    except access.Forbidden as exc:
        assert "add another organiser before removing the last one" in str(exc)
    else:
        raise AssertionError("the last organiser was removed")
    try:
        roles.grant(services, organiser, pid, 10_000, "viewer")
    except access.NotFound as exc:
        assert "not known in this programme's workspace" in str(exc)
    else:
        raise AssertionError("an unknown person was given a role")
    try:
        roles.grant(services, organiser, pid, _person(services, "U3"), "boss")
    except access.Forbidden as exc:
        assert "Choose whether they organise" in str(exc)
    else:
        raise AssertionError("a made-up role was given")
