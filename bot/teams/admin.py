"""Organisers in Teams: the programme settings card, and setting the first organiser.

Who may use `admin …` is decided by bot/services/admin.py, as for Slack. Teams
has no cheap "is this person a tenant admin" check for a bot, so there the
organisers are exactly the Entra object ids listed in the programme's
`organisers` (set with `pairbot teams-organiser`, then the settings card).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core import wording
from bot.services import programmes as progs
from bot.services.context import Services
from bot.teams import cards


@dataclass(frozen=True)
class Organised:
    """A programme the user organises, as the settings card shows it."""

    programme_id: int
    name: str
    settings: progs.ProgrammeSettings


def set_organiser(services: Services, tenant: str, user_id: str, *, programme: str | None = None,
                  remove: bool = False) -> tuple[str, tuple[str, ...]]:
    """Add (or remove) an organiser; the programme's name and its organisers after."""
    with services.unit_of_work() as session:
        workspace = progs.ensure_workspace(session, "teams", tenant, services.now())
        default = progs.default_programme(session, workspace, services.now())
        chosen = default if programme is None else next(
            (p for p in progs.programmes_of(session, workspace.id) if p.name == programme), None)
        if chosen is None:
            raise LookupError(f"tenant {tenant} has no programme called {programme!r}")
        programme_id, settings = chosen.id, progs.settings_of(chosen)
    current = tuple(o for o in settings.organisers if o != user_id)
    organisers = current if remove else (*current, user_id)
    saved = progs.update_settings(services, programme_id, progs.ProgrammeSettings(
        **{**settings.__dict__, "organisers": organisers}), actor="cli")
    return saved.name, tuple(saved.organisers)


def build_settings_card(organised: Organised, *, errors: Mapping[str, str] | None = None,
                        values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The programme's settings as a form whose input ids are the settings keys; `values`
    re-fills it after an error. Saving carries the programme's id."""
    errors = errors or {}
    current: dict[str, Any] = progs.settings_as_text(organised.settings)
    for key in ("professions", "side_a_professions", "side_b_professions"):
        current[key] = current[key].replace("; ", "\n")
    current.update({k: v for k, v in (values or {}).items() if k in current})

    labels = wording.SETTINGS_LABELS

    def field(kind: str, key: str, **extra: Any) -> list[dict[str, Any]]:
        label, hint = labels[key]
        block: dict[str, Any] = {"type": kind, "id": key,
                                 "label": f"{label} ({hint})" if hint else label, **extra}
        value = str(current[key]).strip()
        if kind != "Input.Number":
            block["value"] = value
        elif value.lstrip("-").isdigit():
            block["value"] = int(value)  # Adaptive Cards 1.5: a number input holds a number
        return [block, cards.error_text(errors[key])] if key in errors else [block]

    body: list[dict[str, Any]] = [cards.title(f"Settings: {organised.name}"),
                                  cards.text(wording.SETTINGS_LEAD, isSubtle=True)]
    if errors:
        body.append(cards.text(wording.FORM_CHECK, color="Attention", weight="Bolder"))
    body += [cards.error_text(message) for key, message in errors.items()
             if key not in SETTINGS_INPUTS]
    body += field("Input.Text", "name", maxLength=100)
    body += field("Input.ChoiceSet", "mode", style="compact", choices=[
        {"title": label, "value": value} for value, label in wording.MODE_CHOICES])
    body += field("Input.ChoiceSet", "group_size", style="compact", choices=[
        {"title": label, "value": str(n)} for n, label in wording.SIZE_CHOICES])
    body += field("Input.Text", "cadence")
    body += field("Input.Text", "timezone")
    body += field("Input.Number", "recency", min=0, max=60)
    body += field("Input.Number", "checkin_after", min=1, max=60)
    for key in ("professions", "side_a_professions", "side_b_professions"):
        body += field("Input.Text", key, isMultiline=True)
    body += field("Input.Text", "side_a", maxLength=60)
    body += field("Input.Text", "side_b", maxLength=60)
    body += field("Input.Number", "capacity", min=1, max=8)
    body += field("Input.ChoiceSet", "format", style="compact", choices=[
        {"title": label, "value": value} for value, label in wording.FORMAT_CHOICES])
    body += field("Input.Number", "term_rounds", min=1, max=24)
    body += field("Input.Text", "term_starts", maxLength=300)
    body += field("Input.Text", "journey", isMultiline=True, maxLength=1000)
    body += field("Input.ChoiceSet", "evaluation", style="compact", choices=[
        {"title": label, "value": value} for value, label in wording.EVALUATION_CHOICES])
    # Teams has no people picker for a bot's card: organisers are Entra object ids.
    body += field("Input.Text", "organisers", placeholder="Entra object ids, comma-separated")
    return cards.card(body, [cards.execute(wording.SAVE, cards.VERB_SETTINGS_SAVE,
                                           {"programme_id": organised.programme_id},
                                           style="positive")])


SETTINGS_INPUTS = ("name", "mode", "group_size", "cadence", "timezone", "checkin_after",
                   "recency", "professions", "side_a_professions", "side_b_professions",
                   "side_a", "side_b", "capacity", "format", "term_rounds", "term_starts",
                   "journey", "evaluation", "organisers")


def settings_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's inputs that are settings, as text for `parse_settings`."""
    return {key: str(data[key]) for key in SETTINGS_INPUTS if data.get(key) is not None}
