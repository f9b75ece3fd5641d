"""A programme's audit log in words: actions, old and new values, times with their zone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.core import schedule
from bot.services import rounds
from bot.services.console.access import Viewer, programme_of
from bot.services.context import Services
from bot.store.models import (
    AuditEntry,
    Participant,
)


@dataclass(frozen=True)
class AuditRow:
    """One entry of the audit log."""

    at: str
    actor: str
    action: str
    details: str


ACTION_WORDS = {
    "programme.create": "Created the programme", "programme.pause": "Paused the programme",
    "programme.resume": "Resumed the programme", "programme.archive": "Archived the programme",
    "programme.duplicate": "Duplicated the programme", "settings.update": "Changed settings",
    "round.preview": "Previewed a round", "round.run": "Ran a round",
    "round.cancel": "Cancelled a round", "stats.view": "Looked at the figures",
    "participant.pause": "Paused someone", "participant.resume": "Resumed someone",
    "participant.remove": "Removed someone",
    "participant.manager": "Set someone's line manager",
    "wording.changed": "Changed the wording", "wording.reset": "Reset the wording",
    "group.rematch": "Re-matched someone", "group.end": "Ended a term partnership early",
    "group.join": "Added a late joiner to a group",
    "access.grant": "Gave someone a role", "access.revoke": "Took someone's role away",
}

# Audited fields whose values are participant references ("P12"), not words.
PERSON_FIELDS = frozenset({"line manager"})


def audit_of(services: Services, viewer: Viewer, programme_id: int,
             limit: int = 500) -> list[AuditRow]:
    """The programme's audit log, newest first, from chat and the console: actions and
    changes (old → new) in words, times with their time zone, repeated previews folded
    into one row, people named while they are in the programme."""
    with services.unit_of_work() as session:
        programme, _ = programme_of(session, viewer, programme_id)
        entries = list(session.scalars(select(AuditEntry).where(
            AuditEntry.programme_id == programme_id).order_by(AuditEntry.id.desc())
            .limit(limit)))
        people = session.execute(select(Participant.id, Participant.user_id,
                                        Participant.display_name).where(
            Participant.programme_id == programme_id)).all()
        by_id = {f"P{pid}": name for pid, _, name in people}
        by_user = {user: name for _, user, name in people}
        zone = schedule.zone(programme.timezone)
        out: list[AuditRow] = []
        folded = 0
        for i, e in enumerate(entries):
            following = entries[i + 1] if i + 1 < len(entries) else None
            if (e.action == "round.preview" and following is not None
                    and (following.action, following.actor, following.details)
                    == (e.action, e.actor, e.details)):
                folded += 1
                continue
            action = ACTION_WORDS.get(e.action, e.action)
            if folded:
                action += f" ({folded + 1} times)"
                folded = 0
            out.append(AuditRow(at=e.at.astimezone(zone).strftime("%-d %B %Y, %H:%M %Z"),
                                actor=_actor_words(e.actor, by_user), action=action,
                                details=_details(e.details, by_id)))
        return out


def _actor_words(actor: str, by_user: Mapping[str, str]) -> str:
    """Who acted, by name while they are in the programme."""
    if actor in ("console:token", "token"):
        return "The operator (token)"
    if actor == "cli":
        return "The command line"
    user = actor.rsplit(":", 1)[-1]
    name = by_user.get(user)
    if actor.startswith("console:"):
        return f"{name} (console)" if name else f"An organiser ({user}, console)"
    return f"{name} (chat)" if name else actor


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in sorted(value.items())) or "none"
    return "none" if value in (None, "") else str(value)


def _details(details: Mapping[str, Any], by_id: Mapping[str, str] | None = None) -> str:
    names = by_id or {}
    changed = details.get("changed")
    if isinstance(changed, dict):
        was = details.get("was")
        if not changed:
            return "no change"

        def shown(key: str, value: Any) -> str:
            # A field that holds a person holds their reference, named while they are in
            # the programme (the entry keeps no name of its own).
            if key in PERSON_FIELDS and value:
                return names.get(str(value), "someone who has left")
            return _value(value)

        whose = (f"{names.get(str(details['participant']), 'someone who has left')}: "
                 if "participant" in details else "")
        if isinstance(was, dict):
            return whose + "; ".join(f"{k}: {shown(k, was.get(k))} → {shown(k, v)}"
                                     for k, v in sorted(changed.items()))
        return whose + "; ".join(f"{k} → {shown(k, v)}" for k, v in sorted(changed.items()))
    parts = []
    for key, value in sorted(details.items()):
        if key == "period":
            parts.append(f"round {rounds.period_label(str(value))}")
        elif key == "participant":
            parts.append(names.get(str(value), "someone who has left"))
        else:
            parts.append(f"{key}: {_value(value)}")
    return ", ".join(parts)
