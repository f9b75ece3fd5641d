"""Workspaces and programmes: setting them up, their settings, who organises them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import schedule
from bot.core.hygiene import clean_text
from bot.core.matching import MatchConfig, Weights
from bot.core.profile import DEFAULT_PROFESSIONS
from bot.services.context import Services
from bot.store.models import AuditEntry, Programme, Workspace

DEFAULT_PROGRAMME = "Paired learning"


class SettingsError(ValueError):
    """An organiser's setting is invalid; the message says which and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ProgrammeSettings:
    """Everything an organiser can set, validated."""

    name: str
    mode: str = "cross"
    group_size: int = 2
    capacity: int = 1
    cadence: str = schedule.DEFAULT_CADENCE
    timezone: str = "Europe/London"
    recency: int = 6
    checkin_after_days: int = 14
    professions: tuple[str, ...] = DEFAULT_PROFESSIONS
    sides: Mapping[str, Sequence[str]] = field(default_factory=dict)
    organisers: tuple[str, ...] = ()
    channel_id: str | None = None
    weights: Mapping[str, int] = field(default_factory=dict)


def clean_settings(settings: ProgrammeSettings) -> ProgrammeSettings:
    """The settings with control characters taken out of every text."""
    def many(values: Sequence[str]) -> tuple[str, ...]:
        return tuple(clean_text(str(v)) for v in values)

    return dataclasses.replace(
        settings, name=clean_text(settings.name), cadence=clean_text(settings.cadence),
        timezone=clean_text(settings.timezone), professions=many(settings.professions),
        sides={clean_text(k): many(v) for k, v in settings.sides.items()},
        organisers=many(settings.organisers),
        channel_id=clean_text(settings.channel_id) if settings.channel_id else None)


def validate_settings(settings: ProgrammeSettings) -> ProgrammeSettings:
    """Check every field; raise SettingsError naming the first bad one."""
    settings = clean_settings(settings)
    if not settings.name.strip() or len(settings.name) > 100:
        raise SettingsError("name", "Give the programme a name of 1 to 100 characters.")
    if settings.mode not in ("cross", "two-sided"):
        raise SettingsError("mode", "Mode is either cross or two-sided.")
    if not 2 <= settings.group_size <= 4:
        raise SettingsError("group_size", "Group size is 2, 3 or 4.")
    if not 1 <= settings.capacity <= 8:
        raise SettingsError("capacity", "Capacity is 1 to 8 side-A partners per side-B member.")
    try:
        schedule.parse_cadence(settings.cadence)
        schedule.zone(settings.timezone)
    except schedule.CadenceError as exc:
        field_name = "timezone" if "time zone" in str(exc) else "cadence"
        raise SettingsError(field_name, str(exc)) from None
    if not 0 <= settings.recency <= 60:
        raise SettingsError("recency", "Recency is 0 to 60 rounds.")
    if not 1 <= settings.checkin_after_days <= 60:
        raise SettingsError("checkin_after_days",
                            "The check-in comes 1 to 60 days after the intro.")
    professions = tuple(dict.fromkeys(p.strip() for p in settings.professions if p.strip()))
    if len(professions) < 2:
        raise SettingsError("professions", "List at least two professions.")
    if any(len(p) > 75 for p in professions):
        raise SettingsError("professions", "Keep each profession under 75 characters.")
    if len(professions) > 100:
        raise SettingsError("professions", "A programme can list at most 100 professions.")
    sides = {k: tuple(v) for k, v in settings.sides.items() if v}
    if settings.mode == "two-sided":
        if set(sides) != {"A", "B"}:
            raise SettingsError("sides", "A two-sided programme needs professions on side A and B.")
        overlap = set(sides["A"]) & set(sides["B"])
        if overlap:
            raise SettingsError("sides", f"'{sorted(overlap)[0]}' cannot be on both sides.")
        missing = [p for p in (*sides["A"], *sides["B"]) if p not in professions]
        if missing:
            raise SettingsError("sides", f"'{missing[0]}' is not in the list of professions.")
    return ProgrammeSettings(
        name=settings.name.strip(), mode=settings.mode, group_size=settings.group_size,
        capacity=settings.capacity, cadence=schedule.parse_cadence(settings.cadence).describe(),
        timezone=settings.timezone, recency=settings.recency,
        checkin_after_days=settings.checkin_after_days, professions=professions, sides=sides,
        organisers=tuple(dict.fromkeys(settings.organisers)), channel_id=settings.channel_id,
        weights=dict(settings.weights),
    )


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


def create_programme(session: Session, workspace: Workspace, settings: ProgrammeSettings,
                     now: dt.datetime) -> Programme:
    """Add a programme to the workspace."""
    settings = validate_settings(settings)
    programme = Programme(workspace_id=workspace.id, name=settings.name, created_at=now,
                          updated_at=now)
    _apply(programme, settings)
    session.add(programme)
    session.flush()
    return programme


def _apply(programme: Programme, settings: ProgrammeSettings) -> None:
    programme.name = settings.name
    programme.mode = settings.mode
    programme.group_size = settings.group_size
    programme.capacity = settings.capacity
    programme.cadence = settings.cadence
    programme.timezone = settings.timezone
    programme.recency = settings.recency
    programme.checkin_after_days = settings.checkin_after_days
    programme.professions = list(settings.professions)
    programme.sides = {k: list(v) for k, v in settings.sides.items()}
    programme.organisers = list(settings.organisers)
    programme.channel_id = settings.channel_id
    programme.weights = dict(settings.weights)


def settings_of(programme: Programme) -> ProgrammeSettings:
    """The programme's settings as an organiser edits them."""
    return ProgrammeSettings(
        name=programme.name, mode=programme.mode, group_size=programme.group_size,
        capacity=programme.capacity, cadence=programme.cadence, timezone=programme.timezone,
        recency=programme.recency, checkin_after_days=programme.checkin_after_days,
        professions=tuple(programme.professions), sides=dict(programme.sides),
        organisers=tuple(programme.organisers), channel_id=programme.channel_id,
        weights=dict(programme.weights),
    )


def update_settings(services: Services, programme_id: int, settings: ProgrammeSettings,
                    *, actor: str) -> Programme:
    """Save new settings (validated) and write the change to the audit log."""
    settings = validate_settings(settings)
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        clash = session.scalar(select(Programme.id).where(
            Programme.workspace_id == programme.workspace_id, Programme.name == settings.name,
            Programme.id != programme.id))
        if clash is not None:
            raise SettingsError("name", f"Another programme here is already called "
                                        f"'{settings.name}'.")
        before = settings_of(programme)
        _apply(programme, settings)
        programme.updated_at = now
        changed = {
            key: value for key, value in _as_json(settings).items()
            if _as_json(before).get(key) != value
        }
        audit(session, programme.workspace_id, programme.id, actor, "settings.update",
              {"changed": changed}, now)
    return programme


def _as_json(settings: ProgrammeSettings) -> dict[str, Any]:
    return {
        "name": settings.name, "mode": settings.mode, "group_size": settings.group_size,
        "capacity": settings.capacity, "cadence": settings.cadence,
        "timezone": settings.timezone, "recency": settings.recency,
        "checkin_after_days": settings.checkin_after_days,
        "professions": list(settings.professions),
        "sides": {k: list(v) for k, v in settings.sides.items()},
        "organisers": list(settings.organisers), "channel_id": settings.channel_id,
        "weights": dict(settings.weights),
    }


def is_organiser(programme: Programme, user_id: str, *, platform_admin: bool) -> bool:
    """Workspace admins and owners, and the programme's listed organisers."""
    return platform_admin or user_id in programme.organisers


def audit(session: Session, workspace_id: int, programme_id: int | None, actor: str,
          action: str, details: Mapping[str, Any], now: dt.datetime) -> None:
    """Record an organiser action."""
    session.add(AuditEntry(workspace_id=workspace_id, programme_id=programme_id, actor=actor,
                           action=action, details=dict(details), at=now))


def match_config(programme: Programme, seed: int) -> MatchConfig:
    """The matcher's settings for this programme."""
    weights = Weights(**{k: int(v) for k, v in programme.weights.items()
                         if k in Weights.__dataclass_fields__})
    return MatchConfig(mode=programme.mode, group_size=programme.group_size,
                       capacity=programme.capacity, recency=programme.recency, seed=seed,
                       weights=weights)


def next_round_at(programme: Programme, after: dt.datetime) -> dt.datetime:
    """When the programme's next round starts."""
    return schedule.next_round_at(schedule.parse_cadence(programme.cadence), programme.timezone,
                                  after)


def period_of(programme: Programme, at: dt.datetime) -> str:
    """The period a round at `at` belongs to."""
    return schedule.period_of(schedule.parse_cadence(programme.cadence), programme.timezone, at)


def local_day(programme: Programme, at: dt.datetime) -> dt.date:
    """The calendar day of `at` in the programme's time zone."""
    return at.astimezone(schedule.zone(programme.timezone)).date()
