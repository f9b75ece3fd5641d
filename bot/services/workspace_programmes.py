"""A workspace and its programmes, found or made: the row for a Slack team or Teams
tenant on first contact, its active programmes, its first (default) programme."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.store.models import Programme, Workspace

DEFAULT_PROGRAMME = "Paired learning"


def ensure_workspace(session: Session, platform: str, external_id: str, now: dt.datetime,
                     name: str = "") -> Workspace:
    """The workspace row for a platform team or tenant, created on first contact."""
    workspace = session.scalar(
        select(Workspace).where(Workspace.platform == platform,
                                Workspace.external_id == external_id))
    if workspace is None:
        workspace = Workspace(platform=platform, external_id=external_id, name=name,
                              created_at=now)
        session.add(workspace)
        session.flush()
    elif not workspace.active:
        workspace.active = True
    return workspace


def programmes_of(session: Session, workspace_id: int) -> list[Programme]:
    """The workspace's active programmes, oldest first."""
    return list(session.scalars(
        select(Programme)
        .where(Programme.workspace_id == workspace_id, Programme.active.is_(True))
        .order_by(Programme.id)
    ))


def default_programme(session: Session, workspace: Workspace, now: dt.datetime) -> Programme:
    """The workspace's first programme, created with sensible defaults if it has none."""
    existing = programmes_of(session, workspace.id)
    if existing:
        return existing[0]
    return create_programme(session, workspace, ProgrammeSettings(name=DEFAULT_PROGRAMME), now)
