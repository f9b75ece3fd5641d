"""An organiser sets, changes or clears a person's line manager from the console.

The manager is a reference to another participant of the same programme (the column the
person's profile and an import also fill), so that the matcher never groups the two and
erasure finds it. The form searches the programme's people by name a page at a time: a
trust of 100,000 is never loaded into one list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.i18n import _
from bot.core.states import InvitationStatus
from bot.services import audit_log
from bot.services.console.access import NotFound, Viewer, programme_of
from bot.services.context import Services
from bot.services.enrolment import email_hash
from bot.store.models import Invitation, Participant

# People the search shows at once; more are counted and the organiser types more letters.
SHOWN = 20
AUDIT_ACTION = "participant.manager"
# The audit entry's field; its values are participant references ("P12"), named when shown.
FIELD = "line manager"


class Refused(Exception):
    """The choice cannot be saved; the message says why in one sentence."""


@dataclass(frozen=True)
class Person:
    """Someone of the programme as the form lists them (no chat ids)."""

    id: int
    name: str
    profession: str


@dataclass(frozen=True)
class ManagerForm:
    """What the line-manager page shows: the person, their manager, the search's people."""

    person: Person
    manager: Person | None
    search: str
    found: tuple[Person, ...]
    matching: int


def _person(p: Participant) -> Person:
    return Person(p.id, p.display_name, p.profession)


def _participant(session: Session, programme_id: int, participant_id: int) -> Participant:
    person = session.get(Participant, participant_id)
    if person is None or person.programme_id != programme_id:
        raise NotFound(_("That person is not in this programme any more."))
    return person


def manager_form(services: Services, viewer: Viewer, programme_id: int, participant_id: int,
                 search: str = "") -> ManagerForm:
    """The person, their current line manager and, when a search is typed, the
    programme's people whose name matches it (never the person themselves)."""
    with services.unit_of_work() as session:
        programme_of(session, viewer, programme_id, act=True)
        person = _participant(session, programme_id, participant_id)
        manager = session.get(Participant, person.manager_id) if person.manager_id else None
        if manager is not None and manager.programme_id != programme_id:
            manager = None
        needle = search.strip().casefold().replace("%", "").replace("_", "")
        found: list[Participant] = []
        matching = 0
        if needle:
            conditions = (Participant.programme_id == programme_id,
                          Participant.id != person.id,
                          func.lower(Participant.display_name).like(f"%{needle}%"))
            matching = session.scalar(select(func.count(Participant.id))
                                      .where(*conditions)) or 0
            found = list(session.scalars(select(Participant).where(*conditions)
                                         .order_by(Participant.display_name, Participant.id)
                                         .limit(SHOWN)))
        return ManagerForm(_person(person), _person(manager) if manager else None,
                           search.strip(), tuple(_person(p) for p in found), matching)


def find_person(services: Services, programme_id: int, reference: str) -> int:
    """The participant a command line names: by the work e-mail address their import gave,
    or by their chat user id (NotFound, in one sentence, otherwise)."""
    given = reference.strip()
    with services.unit_of_work() as session:
        found = None
        if "@" in given:
            found = session.scalar(select(Invitation.participant_id).where(
                Invitation.programme_id == programme_id,
                Invitation.email_hash == email_hash(programme_id, given),
                Invitation.status == InvitationStatus.ACCEPTED))
        elif given:
            found = session.scalar(select(Participant.id).where(
                Participant.programme_id == programme_id, Participant.user_id == given))
        if found is None:
            raise NotFound(_("Nobody in this programme is known as '{reference}': give the "
                             "e-mail address their import used, or their chat user id.")
                           .format(reference=given))
        return int(found)


def set_manager(services: Services, viewer: Viewer, programme_id: int, participant_id: int,
                manager_id: int | None, *, actor: str | None = None) -> str:
    """Set (or, with None, clear) the person's line manager, audited old → new (as `actor`,
    the viewer by default); the sentence to show. Refused when the manager would be the
    person themselves."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        person = _participant(session, programme_id, participant_id)
        if manager_id == person.id:
            raise Refused(_("{name} cannot be their own line manager; choose someone else. "
                            "Nothing was changed.").format(name=person.display_name))
        manager = None
        if manager_id is not None:
            manager = session.get(Participant, manager_id)
            if manager is None or manager.programme_id != programme_id:
                raise Refused(_("That manager is not in this programme any more; search "
                                "again. Nothing was changed."))
        was = person.manager_id
        if was == manager_id:
            return (_("{manager} is already {name}'s line manager.").format(
                        manager=manager.display_name, name=person.display_name)
                    if manager else
                    _("No line manager was set for {name}; nothing was changed.").format(
                        name=person.display_name))
        person.manager_id, person.updated_at = manager_id, now
        audit_log.audit(session, workspace.id, programme.id, actor or viewer.actor, AUDIT_ACTION,
                        {"participant": f"P{person.id}",
                         "changed": {FIELD: f"P{manager_id}" if manager_id else None},
                         "was": {FIELD: f"P{was}" if was else None}}, now)
        if manager is None:
            return _("{name} has no line manager now.").format(name=person.display_name)
        return _("{manager} is now {name}'s line manager: the next rounds will not put them "
                 "in the same group.").format(manager=manager.display_name,
                                             name=person.display_name)
