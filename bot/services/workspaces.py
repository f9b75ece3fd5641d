"""A workspace's life on a platform: installed, uninstalled, members leaving or joining."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.core.states import OutboxState, ParticipantStatus
from bot.services import erasure, outbox, rounds
from bot.services.context import Services
from bot.services.participants import memberships
from bot.services.programme_schedule import local_day, next_round_at
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import OutboxMessage, Participant, Programme, Workspace


def installed(services: Services, platform: str, external_id: str, name: str = "") -> None:
    """The app was (re)installed: the workspace takes part again."""
    with services.unit_of_work() as session:
        workspace = ensure_workspace(session, platform, external_id, services.now(), name)
        if name:
            workspace.name = name[:200]


def uninstalled(services: Services, platform: str, external_id: str) -> int:
    """The app was removed: stop sending there; returns how many pending messages were dropped."""
    with services.unit_of_work() as session:
        workspace = session.scalar(select(Workspace).where(
            Workspace.platform == platform, Workspace.external_id == external_id))
        if workspace is None:
            return 0
        workspace.active = False
        erasure.mark_uninstalled(session, workspace, services.now())
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.workspace_id == workspace.id,
                   OutboxMessage.state.in_((OutboxState.PENDING, OutboxState.SENDING)))
            .values(state=OutboxState.CANCELLED, last_error="app uninstalled")
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def user_deactivated(services: Services, platform: str, external_id: str, user_id: str) -> int:
    """A member was removed from the workspace: they are no longer matched."""
    now = services.now()
    with services.unit_of_work() as session:
        workspace = session.scalar(select(Workspace).where(
            Workspace.platform == platform, Workspace.external_id == external_id))
        if workspace is None:
            return 0
        rows = memberships(session, workspace.id, user_id)
        for p in rows:
            p.status, p.updated_at = ParticipantStatus.DEACTIVATED, now
        return len(rows)


def user_deleted(services: Services, platform: str, external_id: str, user_id: str) -> int:
    """A member was deleted from the workspace: their data is erased; returns profiles erased."""
    with services.unit_of_work() as session:
        workspace = session.scalar(select(Workspace).where(
            Workspace.platform == platform, Workspace.external_id == external_id))
        if workspace is None:
            return 0
        return erasure.erase_participant(session, workspace.id, user_id).profiles


def welcome_channel_member(services: Services, platform: str, external_id: str,
                           channel_id: str, user_id: str) -> bool:
    """Someone joined a programme's channel: invite them once, unless they already take part."""
    now = services.now()
    with services.unit_of_work() as session:
        workspace = session.scalar(select(Workspace).where(
            Workspace.platform == platform, Workspace.external_id == external_id,
            Workspace.active.is_(True)))
        if workspace is None:
            return False
        programme = session.scalar(select(Programme).where(
            Programme.workspace_id == workspace.id, Programme.channel_id == channel_id,
            Programme.active.is_(True)).order_by(Programme.id))
        if programme is None:
            return False
        joined = session.scalar(select(Participant.id).where(
            Participant.programme_id == programme.id, Participant.user_id == user_id))
        if joined is not None:
            return False
        next_day = local_day(programme, next_round_at(programme, now))
        return rounds.enqueue(session, workspace, f"p{programme.id}:welcome:{user_id}",
                              outbox.welcome_ref(programme.id, next_day),
                              users=(user_id,), now=now)
