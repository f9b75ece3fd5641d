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

from bot.core import settings as table
from bot.core import wording
from bot.core.i18n import _
from bot.services.context import Services
from bot.services.programme_settings import (
    ProgrammeSettings,
    settings_as_text,
    settings_of,
    update_settings,
)
from bot.services.workspace_programmes import default_programme, ensure_workspace, programmes_of
from bot.teams import cards


@dataclass(frozen=True)
class Organised:
    """A programme the user organises, as the settings card shows it."""

    programme_id: int
    name: str
    settings: ProgrammeSettings


def set_organiser(services: Services, tenant: str, user_id: str, *, programme: str | None = None,
                  remove: bool = False) -> tuple[str, tuple[str, ...]]:
    """Add (or remove) an organiser; the programme's name and its organisers after."""
    with services.unit_of_work() as session:
        workspace = ensure_workspace(session, "teams", tenant, services.now())
        default = default_programme(session, workspace, services.now())
        chosen = default if programme is None else next(
            (p for p in programmes_of(session, workspace.id) if p.name == programme), None)
        if chosen is None:
            raise LookupError(f"tenant {tenant} has no programme called {programme!r}")
        programme_id, settings = chosen.id, settings_of(chosen)
    current = tuple(o for o in settings.organisers if o != user_id)
    organisers = current if remove else (*current, user_id)
    saved = update_settings(services, programme_id, ProgrammeSettings(
        **{**settings.__dict__, "organisers": organisers}), actor="cli")
    return saved.name, tuple(saved.organisers)


def _input(setting: table.Setting, text: str) -> dict[str, Any]:
    """One setting's input, the element chosen by its kind; its id is the setting's key."""
    label = f"{setting.title} ({setting.hint})" if setting.help else setting.title
    block: dict[str, Any] = {"id": setting.key, "label": label}
    if setting.options:
        return {**block, "type": "Input.ChoiceSet", "style": "compact", "value": text,
                "choices": [{"title": words, "value": v} for v, words in setting.options]}
    if setting.kind == table.Kind.INT:
        block.update(type="Input.Number", min=setting.low, max=setting.high)
        if text.lstrip("-").isdigit():
            block["value"] = int(text)  # Adaptive Cards 1.5: a number input holds a number
        return block
    block.update(type="Input.Text", value=text)
    if setting.kind in (table.Kind.LIST, table.Kind.PAIRS):
        block.update(isMultiline=True, value="\n".join(
            part.strip() for part in text.split(";") if part.strip()))
    elif setting.multiline:
        block["isMultiline"] = True
    if setting.kind == table.Kind.PEOPLE:
        # Teams has no people picker for a bot's card: organisers are typed as ids.
        block["placeholder"] = table.PEOPLE_TYPED
    if setting.max_length is not None:
        block["maxLength"] = setting.max_length
    return block


def build_settings_card(organised: Organised, *, errors: Mapping[str, str] | None = None,
                        values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The programme's settings as a form whose input ids are the settings keys, under their
    sections; `values` re-fills it after an error. Saving carries the programme's id."""
    errors = errors or {}
    current: dict[str, Any] = settings_as_text(organised.settings)
    current.update({k: str(v) for k, v in (values or {}).items() if k in current})
    body: list[dict[str, Any]] = [cards.title(_("Settings: {programme}").format(
                                      programme=organised.name)),
                                  cards.text(wording.SETTINGS_LEAD, isSubtle=True)]
    if errors:
        body.append(cards.text(wording.FORM_CHECK, color="Attention", weight="Bolder"))
    body += [cards.error_text(message) for key, message in errors.items()
             if key not in SETTINGS_INPUTS]
    for section, offered in table.sections(table.Surface.TEAMS):
        body.append(cards.heading(table.section_title(section)))
        for setting in offered:
            body.append(_input(setting, str(current[setting.key])))
            if setting.key in errors:
                body.append(cards.error_text(errors[setting.key]))
    return cards.card(body, [cards.execute(wording.SAVE, cards.VERB_SETTINGS_SAVE,
                                           {"programme_id": organised.programme_id},
                                           style="positive")])


SETTINGS_INPUTS = tuple(s.key for s in table.for_form(table.Surface.TEAMS))


def settings_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's inputs that are settings, as text for `parse_settings`."""
    return {key: str(data[key]) for key in SETTINGS_INPUTS if data.get(key) is not None}
