"""A programme's settings: parsed, checked, saved (with the audit entry), as text, and
what the matcher makes of them; who may change them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import settings as table
from bot.core.i18n import _
from bot.core.matching import MatchConfig, Weights
from bot.core.profile import side_of
from bot.core.states import Mode
from bot.services.audit_log import audit
from bot.services.context import Services
from bot.store.models import Participant, Programme, Workspace


class SettingsError(ValueError):
    """Organiser settings are invalid: `errors` holds one sentence per bad key, in order;
    `field` and the message are the first of them."""

    def __init__(self, field: str | Mapping[str, str], message: str = "") -> None:
        errors = dict(field) if isinstance(field, Mapping) else {field: message}
        self.field = next(iter(errors))
        self.errors = errors
        super().__init__(errors[self.field])


class NameTaken(SettingsError):
    """Another programme of the workspace already has this name: a refusal, not bad input."""

    def __init__(self, name: str) -> None:
        super().__init__("name", _("Another programme here is already called '{name}'.").format(
            name=name))


def refuse_taken_name(session: Session, workspace_id: int, name: str,
                      programme_id: int | None = None) -> None:
    """Raise NameTaken when another programme of the workspace is called `name`."""
    query = select(Programme.id).where(Programme.workspace_id == workspace_id,
                                       Programme.name == name)
    if programme_id is not None:
        query = query.where(Programme.id != programme_id)
    if session.scalar(query) is not None:
        raise NameTaken(name)


SIDES = table.SIDES
# The settings keys of the contract (docs/development.md), in the order `programme show` lists them.
SETTINGS_KEYS = table.KEYS
side_key = table.side_key
_SIDE_KEYS = frozenset(k for side in SIDES for k in (table.side_key(side),
                                                       table.side_name_key(side)))
_D = table.BY_KEY


@dataclass(frozen=True)
class ProgrammeSettings:
    """Everything an organiser can set, typed (bot/core/settings.py declares each)."""

    name: str
    mode: str = _D["mode"].default
    group_size: int = _D["group_size"].default
    capacity: int = _D["capacity"].default
    cadence: str = _D["cadence"].default
    timezone: str = _D["timezone"].default
    recency: int = _D["recency"].default
    checkin_after_days: int = _D["checkin_after"].default
    professions: tuple[str, ...] = _D["professions"].default
    sides: Mapping[str, Sequence[str]] = field(default_factory=dict)
    organisers: tuple[str, ...] = ()
    channel_id: str | None = None
    weights: Mapping[str, int] = field(default_factory=dict)
    side_names: Mapping[str, str] = field(default_factory=dict)
    format: str = _D["format"].default
    term_rounds: int = _D["term_rounds"].default
    evaluation: bool = _D["evaluation"].default
    # Yearly term starts (bot/core/terms.py) and the meetings' themes (bot/core/journey.py),
    # as their setting texts; empty: terms follow term_rounds, the default journey.
    term_starts: str = ""
    journey: str = ""
    availability: bool = _D["availability"].default
    meeting_minutes: int = _D["meeting_minutes"].default
    slots: int = _D["slots"].default
    holidays: str = _D["holidays"].default
    unmet_counts_as_repeat: bool = _D["unmet_counts_as_repeat"].default
    exclude_same_team: bool = _D["exclude_same_team"].default
    site_preference: bool = _D["site_preference"].default
    profession_map: Mapping[str, str] = field(
        default_factory=lambda: dict(_D["profession_map"].default))
    invite_days: int = _D["invite_days"].default
    agreement: bool = _D["agreement"].default
    certificate_after: int = _D["certificate_after"].default
    instrument: str = _D["instrument"].default
    language: str = _D["language"].default


def settings_values_of(settings: ProgrammeSettings) -> dict[str, Any]:
    """The settings by key, typed (the sides' mappings spread over their four keys)."""
    out = {s.key: getattr(settings, s.column) for s in table.SETTINGS
           if s.key not in _SIDE_KEYS}
    for side in SIDES:
        out[table.side_name_key(side)] = str(settings.side_names.get(side, "") or "")
        out[side_key(side)] = tuple(settings.sides.get(side, ()))
    return out


def _settings(values: Mapping[str, Any], weights: Mapping[str, int]) -> ProgrammeSettings:
    fields = {s.column: values[s.key] for s in table.SETTINGS if s.key not in _SIDE_KEYS}
    return ProgrammeSettings(
        **fields, weights=dict(weights),
        sides={side: values[side_key(side)] for side in SIDES if values[side_key(side)]},
        side_names={side: values[table.side_name_key(side)] for side in SIDES
                    if values[table.side_name_key(side)]})


def _side_errors(values: Mapping[str, Any]) -> dict[str, str]:
    """The rules that tie a two-sided programme's sides to its professions."""
    if values["mode"] != Mode.TWO_SIDED:
        return {}
    sides = {side: values[side_key(side)] for side in SIDES}
    missing_side = [side for side in SIDES if not sides[side]]
    if missing_side:
        return {side_key(missing_side[0]): _("A two-sided programme needs professions on side "
                                             "A and B.")}
    overlap = set(sides["A"]) & set(sides["B"])
    if overlap:
        return {"side_b_professions": _("'{profession}' cannot be on both sides.").format(
            profession=sorted(overlap)[0])}
    errors = {}
    for side in SIDES:
        unknown = [p for p in sides[side] if p not in values["professions"]]
        if unknown:
            errors[side_key(side)] = _("'{profession}' is not in the list of professions."
                                       ).format(profession=unknown[0])
    return errors


def validate_settings(settings: ProgrammeSettings) -> ProgrammeSettings:
    """Every field checked and normalised; raise SettingsError naming every bad one (by its
    settings key)."""
    values, errors = table.check(settings_values_of(settings))
    if "mode" in values and "professions" in values:
        for key, message in _side_errors({**settings_values_of(settings), **values}).items():
            errors.setdefault(key, message)
    if errors:
        raise SettingsError(errors)
    return _settings(values, settings.weights)


def parse_settings(values: Mapping[str, str], *,
                   base: ProgrammeSettings | None = None) -> ProgrammeSettings:
    """Settings from the contract's `key: text` pairs, the rest kept from `base`; validated.

    Lists (`professions`, `side_a_professions`, `side_b_professions`) are `;`-separated
    (a new line separates too); `organisers` may be separated by `;`, `,` or spaces. Side
    professions missing from `professions` are added to it. Raises SettingsError naming
    every unknown or bad key.
    """
    typed, errors = table.parse({k: str(v) for k, v in values.items()})
    merged = {**settings_values_of(base or ProgrammeSettings(name="")), **typed}
    extra = [p for side in SIDES for p in merged[side_key(side)]
             if p not in merged["professions"]]
    merged["professions"] = tuple(dict.fromkeys((*merged["professions"], *extra)))
    try:
        settings = validate_settings(_settings(merged, base.weights if base else {}))
    except SettingsError as exc:
        raise SettingsError({**errors, **{k: v for k, v in exc.errors.items()
                                          if k not in errors}}) from None
    if errors:
        raise SettingsError(errors)
    return settings


def settings_as_text(settings: ProgrammeSettings) -> dict[str, str]:
    """The settings as the contract's `key: text` pairs (the inverse of parse_settings)."""
    return table.as_text(settings_values_of(settings))


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


def _stored(value: Any) -> Any:
    # JSON columns hold lists and dicts; tuples and mappings are turned into them.
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {k: _stored(v) for k, v in value.items()}
    return value


def _apply(programme: Programme, settings: ProgrammeSettings) -> None:
    for s in table.SETTINGS:
        if s.key not in _SIDE_KEYS:
            setattr(programme, s.column, _stored(getattr(settings, s.column)))
    programme.sides = _stored(settings.sides)
    programme.side_names = dict(settings.side_names)
    programme.weights = dict(settings.weights)


def _loaded(setting: table.Setting, value: Any) -> Any:
    if setting.kind in (table.Kind.LIST, table.Kind.PEOPLE):
        return tuple(value or ())
    if setting.kind == table.Kind.PAIRS:
        return dict(value or {})
    if setting.kind == table.Kind.TEXT:
        return value or ""
    return value


def settings_of(programme: Programme) -> ProgrammeSettings:
    """The programme's settings as an organiser edits them."""
    return ProgrammeSettings(
        **{s.column: _loaded(s, getattr(programme, s.column)) for s in table.SETTINGS
           if s.key not in _SIDE_KEYS},
        sides=dict(programme.sides), weights=dict(programme.weights),
        side_names=dict(programme.side_names or {}))


def refuse_unknown_instrument(services: Services, settings: ProgrammeSettings) -> None:
    """The setting `instrument` names one this deployment offers (the bundled ones and
    PAIRBOT_INSTRUMENTS_DIR's), or SettingsError says which are."""
    problem = services.instruments.check(settings.instrument)
    if problem:
        raise SettingsError("instrument", problem)


def update_settings(services: Services, programme_id: int, settings: ProgrammeSettings,
                    *, actor: str) -> Programme:
    """Save new settings (validated) and write the change to the audit log."""
    settings = validate_settings(settings)
    refuse_unknown_instrument(services, settings)
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
    refuse_taken_name(session, programme.workspace_id, name, programme.id)


def check_settings(services: Services, programme_id: int,
                   values: Mapping[str, str]) -> ProgrammeSettings:
    """The programme's settings with these changes, checked but not saved (SettingsError)."""
    with services.unit_of_work() as session:
        programme = session.get(Programme, programme_id)
        if programme is None or not programme.active:
            raise SettingsError("name", "This programme no longer exists.")
        settings = parse_settings(values, base=settings_of(programme))
        _refuse_clash(session, programme, settings.name)
    refuse_unknown_instrument(services, settings)
    return settings


def _as_json(settings: ProgrammeSettings) -> dict[str, Any]:
    out = {s.column: _stored(getattr(settings, s.column)) for s in table.SETTINGS
           if s.key not in _SIDE_KEYS}
    return {**out, "sides": _stored(settings.sides), "side_names": dict(settings.side_names),
            "weights": dict(settings.weights)}


def is_organiser(programme: Programme, user_id: str, *, platform_admin: bool) -> bool:
    """Workspace admins and owners, and the programme's listed organisers."""
    return platform_admin or user_id in programme.organisers


def match_config(programme: Programme, seed: int) -> MatchConfig:
    """The matcher's settings for this programme."""
    weights = Weights(**{k: int(v) for k, v in programme.weights.items()
                         if k in Weights.__dataclass_fields__})
    return MatchConfig(mode=programme.mode, group_size=programme.group_size,
                       capacity=programme.capacity, recency=programme.recency, seed=seed,
                       weights=weights, availability=bool(programme.availability),
                       site_preference=bool(programme.site_preference),
                       exclude_same_team=bool(programme.exclude_same_team),
                       unmet_counts_as_repeat=bool(programme.unmet_counts_as_repeat),
                       side_names=side_names_of(programme))


def side_names_of(programme: Programme) -> tuple[str, str]:
    """How reasons name the two sides: "the Junior doctors side", or "side A"."""
    names = programme.side_names or {}
    return (f"the {names['A']} side" if names.get("A") else "side A",
            f"the {names['B']} side" if names.get("B") else "side B")

