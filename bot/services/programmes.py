"""Workspaces and programmes: setting them up, their settings, who organises them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import journey as journeys
from bot.core import schedule, terms
from bot.core.hygiene import clean_text
from bot.core.matching import MatchConfig, Weights
from bot.core.profile import DEFAULT_PROFESSIONS, side_of
from bot.core.states import Format, Mode
from bot.services.context import Services
from bot.store.models import AuditEntry, Participant, Programme, Workspace

DEFAULT_PROGRAMME = "Paired learning"


class SettingsError(ValueError):
    """An organiser's setting is invalid; `field` is its key, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


MODES = tuple(Mode)
FORMATS = tuple(Format)
SIDES = ("A", "B")
# The settings keys of the contract (shared/design.md), in the order `programme show` lists them.
SETTINGS_KEYS = (
    "name", "mode", "group_size", "capacity", "cadence", "timezone", "recency",
    "checkin_after", "professions", "side_a", "side_b", "side_a_professions",
    "side_b_professions", "format", "term_rounds", "evaluation", "organisers", "channel",
    "term_starts", "journey",
)
# The columns' sizes (bot/store/models.py): longer text is refused, never cut or lost.
TERM_STARTS_MAX, JOURNEY_MAX = 300, 1000
_ON_OFF = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}
_LIST = re.compile(r"[;\n]")
_IDS = re.compile(r"[;,\s]+")


@dataclass(frozen=True)
class ProgrammeSettings:
    """Everything an organiser can set, validated."""

    name: str
    mode: str = Mode.CROSS
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
    side_names: Mapping[str, str] = field(default_factory=dict)
    format: str = Format.ROTATING
    term_rounds: int = 6
    evaluation: bool = True
    # Yearly term starts (bot/core/terms.py) and the meetings' themes (bot/core/journey.py),
    # as their setting texts; empty: terms follow term_rounds, the default journey.
    term_starts: str = ""
    journey: str = ""


def side_key(side: str) -> str:
    """The settings key of a side's professions: `side_a_professions`."""
    return f"side_{side.lower()}_professions"


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
    """Check every field; raise SettingsError naming the first bad one (by its settings key)."""
    settings = clean_settings(settings)
    if not settings.name.strip() or len(settings.name) > 100:
        raise SettingsError("name", "Give the programme a name of 1 to 100 characters.")
    if settings.mode not in MODES:
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
        raise SettingsError("checkin_after", "The check-in comes 1 to 60 days after the intro.")
    professions = tuple(dict.fromkeys(p.strip() for p in settings.professions if p.strip()))
    if len(professions) < 2:
        raise SettingsError("professions", "List at least two professions.")
    if any(len(p) > 75 for p in professions):
        raise SettingsError("professions", "Keep each profession under 75 characters.")
    if len(professions) > 100:
        raise SettingsError("professions", "A programme can list at most 100 professions.")
    sides = {k: tuple(dict.fromkeys(v)) for k, v in settings.sides.items() if v}
    if settings.mode == Mode.TWO_SIDED:
        for side in SIDES:
            if side not in sides:
                raise SettingsError(side_key(side), "A two-sided programme needs professions "
                                                    "on side A and B.")
        overlap = set(sides["A"]) & set(sides["B"])
        if overlap:
            raise SettingsError("side_b_professions",
                                f"'{sorted(overlap)[0]}' cannot be on both sides.")
        for side in SIDES:
            missing = [p for p in sides[side] if p not in professions]
            if missing:
                raise SettingsError(side_key(side),
                                    f"'{missing[0]}' is not in the list of professions.")
    side_names = {k: str(v).strip() for k, v in settings.side_names.items()
                  if k in SIDES and str(v).strip()}
    if any(len(v) > 60 for v in side_names.values()):
        raise SettingsError("side_a" if len(side_names.get("A", "")) > 60 else "side_b",
                            "Keep a side's name under 60 characters.")
    if settings.format not in FORMATS:
        raise SettingsError("format", "Format is either rotating or term.")
    if not 1 <= settings.term_rounds <= 24:
        raise SettingsError("term_rounds", "A term is 1 to 24 rounds.")
    try:
        starts = terms.parse_term_starts(settings.term_starts)
    except terms.TermError as exc:
        raise SettingsError("term_starts", str(exc)) from None
    try:
        chosen = journeys.parse_journey(settings.journey or None)
    except journeys.JourneyError as exc:
        raise SettingsError("journey", str(exc)) from None
    journey_text = "" if chosen == journeys.DEFAULT_JOURNEY else chosen.to_setting()
    starts_text = "; ".join(dict.fromkeys(start.describe() for start in starts))
    if len(starts_text) > TERM_STARTS_MAX:
        raise SettingsError("term_starts", f"List at most {TERM_STARTS_MAX} characters of "
                                           "term starts (about ten dates).")
    if len(journey_text) > JOURNEY_MAX:
        raise SettingsError("journey", f"Keep the journey under {JOURNEY_MAX} characters; "
                                       "shorten the custom titles.")
    return ProgrammeSettings(
        name=settings.name.strip(), mode=settings.mode, group_size=settings.group_size,
        capacity=settings.capacity, cadence=schedule.parse_cadence(settings.cadence).describe(),
        timezone=settings.timezone, recency=settings.recency,
        checkin_after_days=settings.checkin_after_days, professions=professions, sides=sides,
        organisers=tuple(dict.fromkeys(settings.organisers)), channel_id=settings.channel_id,
        weights=dict(settings.weights), side_names=side_names, format=settings.format,
        term_rounds=settings.term_rounds, evaluation=settings.evaluation,
        term_starts=starts_text, journey=journey_text,
    )


def _items(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _LIST.split(text) if p.strip())


def _whole(key: str, text: str) -> int:
    # Teams' number inputs may send "14.0"; anything else that is not an integer is refused.
    if not text:
        raise SettingsError(key, "Enter a whole number.")
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise SettingsError(key, f"'{text[:40]}' is not a whole number.")
    return int(number)


def parse_settings(values: Mapping[str, str], *,
                   base: ProgrammeSettings | None = None) -> ProgrammeSettings:
    """Settings from the contract's `key: text` pairs, the rest kept from `base`; validated.

    Lists (`professions`, `side_a_professions`, `side_b_professions`) are `;`-separated
    (a new line separates too); `organisers` may be separated by `;`, `,` or spaces. Side
    professions missing from `professions` are added to it. Raises SettingsError naming
    the key of the first unknown or bad value.
    """
    unknown = [k for k in values if k not in SETTINGS_KEYS]
    if unknown:
        raise SettingsError(unknown[0], f"'{unknown[0]}' is not a setting; the settings are "
                                        f"{', '.join(SETTINGS_KEYS)}.")
    given = {k: str(v).strip() for k, v in values.items()}
    if base is None:
        base = ProgrammeSettings(name=given.get("name", ""))
    changes: dict[str, Any] = {}
    if "name" in given:
        changes["name"] = given["name"]
    if "mode" in given:
        changes["mode"] = given["mode"].lower()
    for key, attribute in (("group_size", "group_size"), ("capacity", "capacity"),
                           ("recency", "recency"), ("checkin_after", "checkin_after_days"),
                           ("term_rounds", "term_rounds")):
        if key in given:
            changes[attribute] = _whole(key, given[key])
    if "cadence" in given:
        changes["cadence"] = " ".join(given["cadence"].lower().split())
    if "timezone" in given:
        changes["timezone"] = given["timezone"]
    if "format" in given:
        changes["format"] = given["format"].lower()
    if "evaluation" in given:
        if given["evaluation"].lower() not in _ON_OFF:
            raise SettingsError("evaluation", "Evaluation is either on or off.")
        changes["evaluation"] = _ON_OFF[given["evaluation"].lower()]
    if "organisers" in given:
        changes["organisers"] = tuple(o for o in _IDS.split(given["organisers"]) if o)
    if "channel" in given:
        changes["channel_id"] = given["channel"] or None
    for key in ("term_starts", "journey"):
        if key in given:
            changes[key] = given[key]
    names = dict(base.side_names)
    sides = {k: tuple(v) for k, v in base.sides.items()}
    for side in SIDES:
        if f"side_{side.lower()}" in given:
            names[side] = given[f"side_{side.lower()}"]
        if side_key(side) in given:
            sides[side] = _items(given[side_key(side)])
    changes["side_names"] = {k: v for k, v in names.items() if v}
    changes["sides"] = {k: v for k, v in sides.items() if v}
    professions = _items(given["professions"]) if "professions" in given else base.professions
    extra = [p for v in changes["sides"].values() for p in v if p not in professions]
    changes["professions"] = tuple(dict.fromkeys((*professions, *extra)))
    return validate_settings(replace(base, **changes))


def settings_as_text(settings: ProgrammeSettings) -> dict[str, str]:
    """The settings as the contract's `key: text` pairs (the inverse of parse_settings)."""
    return {
        "name": settings.name, "mode": settings.mode, "group_size": str(settings.group_size),
        "capacity": str(settings.capacity), "cadence": settings.cadence,
        "timezone": settings.timezone, "recency": str(settings.recency),
        "checkin_after": str(settings.checkin_after_days),
        "professions": "; ".join(settings.professions),
        "side_a": settings.side_names.get("A", ""), "side_b": settings.side_names.get("B", ""),
        "side_a_professions": "; ".join(settings.sides.get("A", ())),
        "side_b_professions": "; ".join(settings.sides.get("B", ())),
        "format": settings.format, "term_rounds": str(settings.term_rounds),
        "evaluation": "on" if settings.evaluation else "off",
        "organisers": ", ".join(settings.organisers), "channel": settings.channel_id or "",
        "term_starts": settings.term_starts,
        "journey": settings.journey or journeys.DEFAULT_JOURNEY.to_setting(),
    }


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
    programme.side_names = dict(settings.side_names)
    programme.format = settings.format
    programme.term_rounds = settings.term_rounds
    programme.evaluation = settings.evaluation
    programme.term_starts = settings.term_starts
    programme.journey = settings.journey


def settings_of(programme: Programme) -> ProgrammeSettings:
    """The programme's settings as an organiser edits them."""
    return ProgrammeSettings(
        name=programme.name, mode=programme.mode, group_size=programme.group_size,
        capacity=programme.capacity, cadence=programme.cadence, timezone=programme.timezone,
        recency=programme.recency, checkin_after_days=programme.checkin_after_days,
        professions=tuple(programme.professions), sides=dict(programme.sides),
        organisers=tuple(programme.organisers), channel_id=programme.channel_id,
        weights=dict(programme.weights), side_names=dict(programme.side_names or {}),
        format=programme.format, term_rounds=programme.term_rounds,
        evaluation=programme.evaluation, term_starts=programme.term_starts or "",
        journey=programme.journey or "",
    )


def update_settings(services: Services, programme_id: int, settings: ProgrammeSettings,
                    *, actor: str) -> Programme:
    """Save new settings (validated) and write the change to the audit log."""
    settings = validate_settings(settings)
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        _refuse_clash(session, programme, settings.name)
        before = settings_of(programme)
        _apply(programme, settings)
        programme.updated_at = now
        if dict(before.sides) != dict(settings.sides):
            # People who joined before the sides changed take the side of their profession,
            # so that a two-sided round never meets someone without one.
            for person in session.scalars(select(Participant).where(
                    Participant.programme_id == programme.id)):
                person.side = side_of(person.profession, settings.sides)
        changed = {
            key: value for key, value in _as_json(settings).items()
            if _as_json(before).get(key) != value
        }
        # The old values beside the new, so that the log reads "cadence: A → B".
        was = {key: _as_json(before).get(key) for key in changed}
        audit(session, programme.workspace_id, programme.id, actor, "settings.update",
              {"changed": changed, "was": was}, now)
    return programme


def _refuse_clash(session: Session, programme: Programme, name: str) -> None:
    clash = session.scalar(select(Programme.id).where(
        Programme.workspace_id == programme.workspace_id, Programme.name == name,
        Programme.id != programme.id))
    if clash is not None:
        raise SettingsError("name", f"Another programme here is already called '{name}'.")


def check_settings(services: Services, programme_id: int,
                   values: Mapping[str, str]) -> ProgrammeSettings:
    """The programme's settings with these changes, checked but not saved (SettingsError)."""
    with services.unit_of_work() as session:
        programme = session.get(Programme, programme_id)
        if programme is None or not programme.active:
            raise SettingsError("name", "This programme no longer exists.")
        settings = parse_settings(values, base=settings_of(programme))
        _refuse_clash(session, programme, settings.name)
        return settings


def _as_json(settings: ProgrammeSettings) -> dict[str, Any]:
    return {
        "name": settings.name, "mode": settings.mode, "group_size": settings.group_size,
        "capacity": settings.capacity, "cadence": settings.cadence,
        "timezone": settings.timezone, "recency": settings.recency,
        "checkin_after_days": settings.checkin_after_days,
        "professions": list(settings.professions),
        "sides": {k: list(v) for k, v in settings.sides.items()},
        "organisers": list(settings.organisers), "channel_id": settings.channel_id,
        "weights": dict(settings.weights), "side_names": dict(settings.side_names),
        "format": settings.format, "term_rounds": settings.term_rounds,
        "evaluation": settings.evaluation, "term_starts": settings.term_starts,
        "journey": settings.journey,
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
