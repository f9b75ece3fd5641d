"""A programme's audit log in words: actions, old and new values, times with their zone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from bot.core import schedule
from bot.core.i18n import N_, _, format_long_day, format_time
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


# Each action in words (marked for the catalogue, translated where the page shows them:
# entries store the action's key, so old entries read in the console's language too).
ACTION_WORDS = {
    "programme.create": N_("Created the programme"),
    "programme.pause": N_("Paused the programme"),
    "programme.resume": N_("Resumed the programme"),
    "programme.archive": N_("Archived the programme"),
    "programme.duplicate": N_("Duplicated the programme"),
    "settings.update": N_("Changed settings"),
    "round.preview": N_("Previewed a round"), "round.run": N_("Ran a round"),
    "round.cancel": N_("Cancelled a round"), "stats.view": N_("Looked at the figures"),
    "participant.pause": N_("Paused someone"), "participant.resume": N_("Resumed someone"),
    "participant.remove": N_("Removed someone"),
    "participant.manager": N_("Set someone's line manager"),
    "wording.changed": N_("Changed the wording"), "wording.reset": N_("Reset the wording"),
    "group.rematch": N_("Re-matched someone"),
    "group.end": N_("Ended a term partnership early"),
    "group.join": N_("Added a late joiner to a group"),
    "access.grant": N_("Gave someone a role"), "access.revoke": N_("Took someone's role away"),
}

# Audited fields whose values are participant references ("P12"), not words.
PERSON_FIELDS = frozenset({"line manager"})
# Audited fields named in words (a setting is named by its key, the same in every surface).
FIELD_WORDS = {"line manager": N_("line manager")}


def _field(key: str) -> str:
    return _(FIELD_WORDS[key]) if key in FIELD_WORDS else key


def audit_of(services: Services, viewer: Viewer, programme_id: int,
             limit: int = 500) -> list[AuditRow]:
    """The programme's audit log, newest first, from chat and the console: actions and
    changes (old → new) in words, times with their time zone, repeated previews folded
    into one row, people named while they are in the programme."""
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id)
        entries = list(session.scalars(select(AuditEntry).where(
            AuditEntry.programme_id == programme_id).order_by(AuditEntry.id.desc())
            .limit(limit)))
        # Only the people the entries name (a trust of 100,000 is not read to name a few).
        ids, users = _named(entries)
        people = session.execute(select(Participant.id, Participant.user_id,
                                        Participant.display_name).where(
            Participant.programme_id == programme_id,
            or_(Participant.id.in_(ids), Participant.user_id.in_(users)))).all() \
            if ids or users else []
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
            action = _(ACTION_WORDS[e.action]) if e.action in ACTION_WORDS else e.action
            if folded:
                action = _("{action} ({count} times)").format(action=action, count=folded + 1)
                folded = 0
            local = e.at.astimezone(zone)
            # Babel's month names, in the console's language; the zone's abbreviation (GMT,
            # BST) as the time zone database writes it.
            out.append(AuditRow(at=_("{day}, {time} {zone}").format(
                day=format_long_day(local.date()), time=format_time(local),
                zone=local.strftime("%Z")),
                                actor=_actor_words(e.actor, by_user), action=action,
                                details=_details(e.details, by_id)))
        return out


def _named(entries: Sequence[AuditEntry]) -> tuple[list[int], list[str]]:
    """The participant ids ("P12") and chat user ids the entries may name: in `participant`
    and the person fields of their details, and as actors."""
    ids: set[int] = set()
    users: set[str] = set()
    for e in entries:
        details = e.details or {}
        refs = [details.get("participant")]
        for key in ("changed", "was"):
            values = details.get(key)
            if isinstance(values, dict):
                refs += [v for k, v in values.items() if k in PERSON_FIELDS]
        ids.update(int(r[1:]) for r in map(str, refs) if r[:1] == "P" and r[1:].isdigit())
        if e.actor not in ("console:token", "token", "cli"):
            users.add(e.actor.rsplit(":", 1)[-1])
    return sorted(ids), sorted(users)


def _actor_words(actor: str, by_user: Mapping[str, str]) -> str:
    """Who acted, by name while they are in the programme."""
    if actor in ("console:token", "token"):
        return _("The operator (token)")
    if actor == "cli":
        return _("The command line")
    user = actor.rsplit(":", 1)[-1]
    name = by_user.get(user)
    if actor.startswith("console:"):
        return (_("{name} (console)").format(name=name) if name
                else _("An organiser ({user}, console)").format(user=user))
    return _("{name} (chat)").format(name=name) if name else actor


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or _("none")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in sorted(value.items())) or _("none")
    return _("none") if value in (None, "") else str(value)


def _details(details: Mapping[str, Any], by_id: Mapping[str, str] | None = None) -> str:
    names = by_id or {}
    changed = details.get("changed")
    if isinstance(changed, dict):
        was = details.get("was")
        if not changed:
            return _("no change")

        def shown(key: str, value: Any) -> str:
            # A field that holds a person holds their reference, named while they are in
            # the programme (the entry keeps no name of its own).
            if key in PERSON_FIELDS and value:
                return names.get(str(value), _("someone who has left"))
            return _value(value)

        whose = (names.get(str(details["participant"]), _("someone who has left")) + ": "
                 if "participant" in details else "")
        if isinstance(was, dict):
            return whose + "; ".join(f"{_field(k)}: {shown(k, was.get(k))} → {shown(k, v)}"
                                     for k, v in sorted(changed.items()))
        return whose + "; ".join(f"{_field(k)} → {shown(k, v)}"
                                 for k, v in sorted(changed.items()))
    parts = []
    for key, value in sorted(details.items()):
        if key == "period":
            parts.append(_("round {round}").format(round=rounds.period_label(str(value))))
        elif key == "participant":
            parts.append(names.get(str(value), _("someone who has left")))
        else:
            parts.append(f"{key}: {_value(value)}")
    return ", ".join(parts)
