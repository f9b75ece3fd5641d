"""Reading submitted modals (`view.state.values`) back into service inputs.

The block ids are the ones `bot.slack.blocks` builds; service field errors
are keyed by the same names, so they map onto the modal directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from bot.core import settings as table
from bot.core.profile import ProfileInput, language_chosen


def _values(view: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    return (view.get("state") or {}).get("values") or {}


def _element(view: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    block = _values(view).get(block_id) or {}
    return next(iter(block.values()), {}) if block else {}


def selected(view: Mapping[str, Any], block_id: str) -> str | None:
    """The value chosen in a select or radio block."""
    option = _element(view, block_id).get("selected_option") or {}
    value = option.get("value")
    return str(value) if value is not None else None


def selected_many(view: Mapping[str, Any], block_id: str) -> tuple[str, ...]:
    """The values chosen in a multi-select or checkboxes block."""
    options = _element(view, block_id).get("selected_options") or []
    return tuple(str(o["value"]) for o in options if o.get("value") is not None)


def text(view: Mapping[str, Any], block_id: str) -> str:
    """What was typed in a text or number input ('' when empty)."""
    value = _element(view, block_id).get("value")
    return "" if value is None else str(value)


def lines_of(view: Mapping[str, Any], block_id: str) -> tuple[str, ...]:
    """Non-empty lines typed in a list's inputs: `block_id`, `block_id_2`, `block_id_3`…"""
    more = re.compile(re.escape(block_id) + r"_(\d+)")
    ids = sorted((int(found.group(1)), bid) for bid in _values(view)
                 if (found := more.fullmatch(bid)))
    out: list[str] = []
    for bid in (block_id, *(bid for _, bid in ids)):
        out += [line.strip() for line in text(view, bid).splitlines() if line.strip()]
    return tuple(out)


def metadata_id(view: Mapping[str, Any]) -> int | None:
    """The id the modal carries in private_metadata."""
    raw = str(view.get("private_metadata") or "")
    return int(raw) if raw.isdigit() else None


def profile_input(view: Mapping[str, Any]) -> tuple[int | None, ProfileInput]:
    """The programme chosen (or carried) and the profile typed."""
    chosen = selected(view, "programme")
    programme_id = int(chosen) if chosen and chosen.isdigit() else metadata_id(view)
    submitted = _values(view)

    def asked(block_id: str) -> bool:
        return block_id in submitted

    users = _element(view, "avoid").get("selected_users") or ()
    manager = _element(view, "manager").get("selected_user") or ""
    return programme_id, ProfileInput(
        profession=selected(view, "profession"),
        learn=selected_many(view, "learn"),
        intro=text(view, "intro"),
        # A field the modal did not show stays None: what is stored is kept.
        windows=selected_many(view, "windows") if asked("windows") else None,
        away=text(view, "away") if asked("away") else None,
        avoid=tuple(str(u) for u in users) if asked("avoid") else None,
        manager=str(manager) if asked("manager") else None,
        site=text(view, "site") if asked("site") else None,
        team=text(view, "team") if asked("team") else None,
        language=language_chosen(selected(view, "language"), _offered(view, "language")),
    )


def _offered(view: Mapping[str, Any], block_id: str) -> str | None:
    """The option a select or radio block was built with (`initial_option`): the view comes
    back with its blocks as they were sent."""
    for block in view.get("blocks") or []:
        if block.get("block_id") == block_id:
            value = ((block.get("element") or {}).get("initial_option") or {}).get("value")
            return str(value) if value is not None else None
    return None


def feedback_input(view: Mapping[str, Any]) -> tuple[int | None, str, bool]:
    """Score (1–5 or None), what they learned, whether it may be shared."""
    score = selected(view, "learned_score")
    return (int(score) if score and score.isdigit() else None, text(view, "learned_text"),
            "share" in selected_many(view, "share"))


def evaluation_input(view: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The questionnaire's carried programme, stage and term, and the answers chosen (a
    question left blank is left out)."""
    try:
        carried = json.loads(str(view.get("private_metadata") or ""))
    except ValueError:
        carried = {}
    # Every select of the modal is a question (pairbot-5's or the programme's instrument's).
    answers = {block: value for block in _values(view)
               if (value := selected(view, block)) is not None}
    return (carried if isinstance(carried, dict) else {}), answers


def settings_values(view: Mapping[str, Any]) -> dict[str, str]:
    """The settings modal's inputs as settings keys and text, for `parse_settings`.

    A setting is read only when its block was submitted, so a modal opened before a setting
    was added keeps the programme's value.
    """
    submitted = _values(view)
    values: dict[str, str] = {}
    for setting in table.for_form(table.Surface.SLACK):
        key = setting.key
        if key not in submitted:
            continue
        element = _element(view, key)
        if setting.kind in (table.Kind.LIST, table.Kind.PAIRS):
            values[key] = "\n".join(lines_of(view, key))
        elif setting.kind == table.Kind.PEOPLE:
            values[key] = ",".join(element.get("selected_users") or ())
        elif setting.kind == table.Kind.CHANNEL:
            channel = element.get("selected_conversation") or element.get("selected_channel")
            values[key] = str(channel) if channel else ""
        elif setting.options:
            chosen = selected(view, key)
            if chosen is not None:
                values[key] = chosen
        else:
            values[key] = text(view, key)
    return values


# Service field names that have no block of their own in a modal.
_FIELD_BLOCKS = {"capacity": "group_size", "side_a": "side_a_professions",
                 "side_b": "side_b_professions",
                 "learned_score": "learned_score", "side": "profession"}


def view_errors(errors: Mapping[str, str], view: Mapping[str, Any]) -> dict[str, str]:
    """Field errors keyed by block ids that exist in the view (Slack rejects any other)."""
    inputs = [b["block_id"] for b in view.get("blocks") or []
              if b.get("type") == "input" and b.get("block_id")]
    out: dict[str, str] = {}
    for field, message in errors.items():
        block = field if field in inputs else _FIELD_BLOCKS.get(field, "")
        if block not in inputs:
            block = inputs[0] if inputs else field
        out[block] = f"{out[block]} {message}" if block in out else message
    return {k: v[:300] for k, v in out.items()}
