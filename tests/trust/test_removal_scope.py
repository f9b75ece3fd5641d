"""Removal by an organiser stays inside their programme; people who cannot be reached
cannot be resumed and are erased after the grace period (issue 25)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.core.states import ParticipantStatus
from bot.services import participants, retention, workspaces
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.store.models import AuditEntry, Participant, Programme
from tests.web.console_support import make_client, make_services, sign_in


@pytest.fixture
def two_programmes(engine):
    services = make_services(engine)
    # Ann is in the workspace's first programme (A) and in a second one (B).
    participants.save_profile(services, "slack", "T1", "UANN", "Ann Example", None,
                              ProfileInput("Nurse", intro="I run the night ward"))
    participants.save_profile(services, "slack", "T1", "UBOB", "Bob Example", None,
                              ProfileInput("Manager"))
    with services.unit_of_work() as session:
        a = session.scalars(select(Programme)).one()
        b = create_programme(session, a.workspace, ProgrammeSettings(name="Cohort B"),
                                   services.now())
        ids = a.id, b.id
    participants.save_profile(services, "slack", "T1", "UANN", "Ann Example", ids[1],
                              ProfileInput("Nurse", intro="I run the night ward"))
    return services, ids


def _rows(services, user):
    with services.unit_of_work() as session:
        return sorted((p.programme_id, p.status) for p in session.scalars(
            select(Participant).where(Participant.user_id == user)))


def test_console_removal_erases_in_that_programme_only_and_audits_there(engine,
                                                                        two_programmes):
    services, (a, b) = two_programmes
    client = make_client(engine, services)
    csrf = sign_in(client)
    with services.unit_of_work() as session:
        ann_in_a = session.scalar(select(Participant.id).where(
            Participant.user_id == "UANN", Participant.programme_id == a))
    page = client.post(f"/admin/programmes/{a}/participants/{ann_in_a}/remove",
                       data={"csrf": csrf, "confirm": "yes"})
    assert page.status_code == 200
    assert "removed from this programme" in page.text
    # Her membership of B, with her intro, is untouched.
    assert [row[0] for row in _rows(services, "UANN")] == [b]
    with services.unit_of_work() as session:
        intro_b = session.scalar(select(Participant.intro).where(
            Participant.user_id == "UANN", Participant.programme_id == b))
        removals = session.execute(select(AuditEntry.programme_id, AuditEntry.actor).where(
            AuditEntry.action == "participant.remove")).all()
    assert intro_b == "I run the night ward"
    assert removals == [(a, "console:token")]


def test_someone_who_removed_the_app_cannot_be_resumed(engine, two_programmes):
    services, (a, _) = two_programmes
    workspaces.user_deactivated(services, "slack", "T1", "UANN")
    before = _rows(services, "UANN")
    client = make_client(engine, services)
    csrf = sign_in(client)
    with services.unit_of_work() as session:
        ann_in_a = session.scalar(select(Participant.id).where(
            Participant.user_id == "UANN", Participant.programme_id == a))
        audits = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    refused = client.post(f"/admin/programmes/{a}/participants/{ann_in_a}/resume",
                          data={"csrf": csrf})
    assert refused.status_code == 403
    assert "cannot be resumed" in refused.text and "nothing was changed" in refused.text
    assert _rows(services, "UANN") == before
    assert all(status == ParticipantStatus.DEACTIVATED for _, status in before)
    with services.unit_of_work() as session:
        assert session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc())
                              .limit(1)) == audits


def test_unreachable_people_are_erased_after_the_grace_period(engine, two_programmes):
    services, _ = two_programmes
    workspaces.user_deactivated(services, "slack", "T1", "UANN")
    grace = services.retention.uninstalled_grace
    clock = services.clock
    clock.advance(seconds=grace.total_seconds() - 60)
    assert retention.apply(services).unreachable == 0
    assert len(_rows(services, "UANN")) == 2
    clock.advance(minutes=2)
    assert retention.apply(services).unreachable == 2
    assert _rows(services, "UANN") == []
    assert [row[0] for row in _rows(services, "UBOB")]  # others stay
    assert grace > dt.timedelta(0)
