"""Who may see or run a programme besides its workspace's admins: organisers (act) and
viewers (see the figures, cannot act), chosen by name from the people the bot knows in
the programme's workspace, never by typing a Slack or Entra id. Audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.i18n import _
from bot.services import audit_log
from bot.services.console.access import Forbidden, NotFound, Viewer, programme_of
from bot.services.context import Services
from bot.store.models import Participant, Programme

ROLES = ("organiser", "viewer")


@dataclass(frozen=True)
class Holder:
    """Someone who holds a role on the programme."""

    user_id: str
    name: str
    role: str


@dataclass(frozen=True)
class Candidate:
    """Someone the bot knows in the workspace, who could be given a role."""

    participant_id: int
    name: str
    profession: str


@dataclass(frozen=True)
class Roles:
    """The programme's organisers and viewers, and whom else they could add."""

    programme: str
    holders: tuple[Holder, ...]
    candidates: tuple[Candidate, ...]


def _people(session: Session, workspace_id: int) -> list[tuple[int, str, str, str]]:
    """(participant id, user id, name, profession) of everyone the bot knows in the
    workspace, once per person, by name."""
    rows = session.execute(
        select(Participant.id, Participant.user_id, Participant.display_name,
               Participant.profession)
        .join(Programme, Programme.id == Participant.programme_id)
        .where(Programme.workspace_id == workspace_id)
        .order_by(Participant.display_name, Participant.id)).all()
    seen: set[str] = set()
    out = []
    for pid, user, name, profession in rows:
        if user not in seen:
            seen.add(user)
            out.append((pid, user, name, profession))
    return out


def roles_of(services: Services, viewer: Viewer, programme_id: int) -> Roles:
    """The programme's organisers and viewers by name, and the workspace's other people."""
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id)
        people = _people(session, workspace.id)
        names = {user: name for _, user, name, _ in people}
        holders = tuple(
            Holder(user, names.get(user, "someone not in any programme here"), role)
            for role, users in (("organiser", programme.organisers),
                                ("viewer", programme.viewers or []))
            for user in users)
        taken = {h.user_id for h in holders}
        return Roles(programme=programme.name, holders=holders, candidates=tuple(
            Candidate(pid, name, profession) for pid, user, name, profession in people
            if user not in taken))


def grant(services: Services, viewer: Viewer, programme_id: int, participant_id: int,
          role: str) -> str:
    """Make someone of the workspace an organiser or a viewer (audited); the sentence."""
    if role not in ROLES:
        raise Forbidden(_("Choose whether they organise the programme or only see its "
                          "figures; nothing was changed."))
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        person = session.get(Participant, participant_id)
        known = person is not None and session.get_one(
            Programme, person.programme_id).workspace_id == workspace.id
        if person is None or not known:
            raise NotFound(_("That person is not known in this programme's workspace; choose "
                             "someone from the list."))
        user, name = person.user_id, person.display_name
        organisers = [u for u in programme.organisers if u != user]
        viewers = [u for u in (programme.viewers or []) if u != user]
        (organisers if role == "organiser" else viewers).append(user)
        programme.organisers, programme.viewers, programme.updated_at = organisers, viewers, now
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "access.grant",
                    {"participant": f"P{participant_id}", "role": role}, now)
        if role == "organiser":
            return _("{name} now organises {programme}.").format(name=name,
                                                                 programme=programme.name)
        return _("{name} can now see the figures of {programme}, without changing "
                 "anything.").format(name=name, programme=programme.name)


def revoke(services: Services, viewer: Viewer, programme_id: int, user_id: str) -> str:
    """Take someone's role away (audited); the sentence."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        people = {user: (pid, name) for pid, user, name, _ in _people(session, workspace.id)}
        if user_id not in programme.organisers and user_id not in (programme.viewers or []):
            raise NotFound(_("That person has no role on this programme any more; nothing was "
                             "changed."))
        organisers = [u for u in programme.organisers if u != user_id]
        if not organisers and programme.organisers and not (
                viewer.everything or viewer.platform_admin):
            raise Forbidden(_("A programme needs an organiser: add another organiser before "
                              "removing the last one; nothing was changed."))
        role = "organiser" if user_id in programme.organisers else "viewer"
        programme.organisers = organisers
        programme.viewers = [u for u in (programme.viewers or []) if u != user_id]
        programme.updated_at = now
        pid, name = people.get(user_id, (None, _("Someone")))
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "access.revoke",
                    {"participant": f"P{pid}" if pid else "", "role": role}, now)
        return _("{name} no longer has a role on {programme}.").format(
            name=name, programme=programme.name)
