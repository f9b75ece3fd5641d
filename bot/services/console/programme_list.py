"""The console's list of programmes: each one's status and next round, found by viewer or
by name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core import i18n
from bot.core.intents import format_day
from bot.core.states import ParticipantStatus, RoundState
from bot.services import (
    programme_schedule,
    rounds,
)
from bot.services.console.access import OPERATOR, Viewer, workspace_label
from bot.services.context import Services
from bot.store.models import (
    Participant,
    Programme,
    Round,
    Workspace,
)

MODE_WORDS = {"cross": i18n.N_("Cross-profession"), "two-sided": i18n.N_("Two-sided")}


def mode_words(mode: str) -> str:
    """A programme's mode as an organiser says it, in the reader's language."""
    return i18n._(MODE_WORDS[mode]) if mode in MODE_WORDS else mode


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme in the console's list."""

    id: int
    name: str
    workspace: str
    platform: str
    mode: str
    active: bool
    participants: int
    taking_part: int
    rounds: int
    next_round: str
    archived: bool = False
    # Whether the viewer may act on it (a viewer sees its figures only).
    may_act: bool = True


def programmes_for(services: Services, viewer: Viewer) -> list[ProgrammeRow]:
    """Every programme the viewer organises, with its status and next round."""
    now = services.now()
    with services.unit_of_work() as session:
        pairs = session.execute(select(Programme, Workspace)
                                .join(Workspace, Workspace.id == Programme.workspace_id)
                                .order_by(Programme.id)).all()
        mine = [(p, w) for p, w in pairs if viewer.may_view(p, w)]
        ids = [p.id for p, _ in mine]
        counts = dict(session.execute(select(Participant.programme_id, func.count())
                                      .where(Participant.programme_id.in_(ids))
                                      .group_by(Participant.programme_id)).all())
        active = dict(session.execute(select(Participant.programme_id, func.count())
                                      .where(Participant.programme_id.in_(ids),
                                             Participant.status == ParticipantStatus.ACTIVE)
                                      .group_by(Participant.programme_id)).all())
        done = dict(session.execute(select(Round.programme_id, func.count())
                                    .where(Round.programme_id.in_(ids),
                                           Round.state != RoundState.CANCELLED)
                                    .group_by(Round.programme_id)).all())
        return [ProgrammeRow(
            id=p.id, name=p.name, workspace=workspace_label(w), platform=w.platform, mode=p.mode,
            active=p.active, participants=counts.get(p.id, 0), taking_part=active.get(p.id, 0),
            rounds=done.get(p.id, 0), archived=p.archived_at is not None,
            may_act=viewer.may_organise(p, w),
            next_round="archived" if p.archived_at is not None
            else next_round_day(session, p, now) if p.active else "paused")
            for p, w in mine]


def next_round_day(session: Session, programme: Programme, now: dt.datetime) -> str:
    """The day of the next round that has not run (the period just run is not next)."""
    next_at = rounds.next_round_at(session, programme, now)
    return format_day(programme_schedule.local_day(programme, next_at))


def find_programmes(services: Services, name: str,
                    workspace: str | None = None) -> list[ProgrammeRow]:
    """Programmes called exactly `name` (any characters, case-insensitive), in `workspace`
    (its external id or name) when given."""
    with services.unit_of_work() as session:
        rows = session.execute(select(Programme.id, Workspace.external_id, Workspace.name)
                               .join(Workspace, Workspace.id == Programme.workspace_id)
                               .where(func.lower(Programme.name) == name.strip().lower())).all()
        ids = {pid for pid, external, label in rows
               if workspace is None or workspace in (external, label)}
    return [p for p in programmes_for(services, OPERATOR) if p.id in ids]
