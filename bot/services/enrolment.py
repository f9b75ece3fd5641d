"""Enrolment: a staff list imported, its people invited, their answers, the funnel.

An import is previewed first (`preview`: who will be invited, every problem of the
file per row) and then made (`import_people`) in one transaction, all or nothing.
Imported people are invited, not enrolled: each gets an invitation through the outbox
(sent by the usual sender at the platform's pace, never from the request), Accept makes
them a participant with what the import knew (they correct it in the profile that
opens), Decline deletes what the import brought at once. One reminder; an invitation
nobody answers within the programme's `invite_days` lapses and its data is deleted
(`housekeeping`, run every tick).

What the import knew is held once, in the invitation row. A declined, lapsed or left
invitation keeps only a hash of the e-mail address and its outcome, so that the funnel
counts it and a re-import does not invite someone who declined or left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from bot.core import roster as staff_list
from bot.core.i18n import ngettext
from bot.core.ids import valid_id
from bot.core.intents import format_day
from bot.core.profile import side_of
from bot.core.states import InvitationStatus, OutboxState, ParticipantStatus
from bot.core.wording import (
    invitation_accepted,
    invitation_closed,
    invitation_declined,
    invitation_not_theirs,
)
from bot.services import outbox
from bot.services.context import Services
from bot.services.programme_schedule import local_day, next_round_at
from bot.store import bulk
from bot.store.models import (
    AuditEntry,
    Invitation,
    OutboxMessage,
    Participant,
    PeopleImport,
    Programme,
    Workspace,
)

DEFAULT_INVITE_DAYS = 14
INVITE_KEY = "invite:{}"
REMINDER_KEY = "invite:{}:reminder"
# The personal columns of an invitation: emptied when it is declined, lapses or they leave.
PERSONAL = {"email": None, "name": None, "profession": None, "site": None, "team": None,
            "manager_email": None}
# Why the platform could not reach someone (the outbox row's last error), in words.
UNREACHABLE = {
    "users_not_found": "no Slack account uses this e-mail address",
    "user_not_found": "their Slack account was not found",
    "user_deactivated": "their Slack account is deactivated",
    "account_inactive": "their Slack account is deactivated",
    "is_bot": "the address belongs to a bot, not a person",
    "no_conversation_reference": "the bot cannot write first to this person in Teams: send "
                                 "them the join link, so that they add pairbot and the "
                                 "invitation reaches them",
    "not_installed": "pairbot is not installed in this workspace",
}


# Looking 100,000 addresses up on the platform takes hours at its rate limits, so the
# preview does not: the sender does, and the import page lists who it could not reach.
REACH_NOTE = ("Whether the platform can reach each person is checked as the invitations go "
              "out: the import page then lists anyone not reachable, with the reason.")


def profession_map_of(programme: Programme) -> str:
    """The programme's profession map (ESR's staff groups until one is set)."""
    # Stored as a dict by the settings table; empty: ESR's staff groups.
    stored = programme.profession_map
    if not stored:
        return staff_list.DEFAULT_PROFESSION_MAP
    return ";".join(f"{source}={target}" for source, target in stored.items())


def invite_days_of(programme: Programme) -> int:
    """How long an invitation stays open (days)."""
    return programme.invite_days or DEFAULT_INVITE_DAYS


def email_hash(programme_id: int, email: str) -> str:
    """The same person in the same programme, without keeping their address."""
    return hashlib.sha256(f"{programme_id}:{email.strip().lower()}".encode()).hexdigest()


# Reasons a link to the bot helps with: the person exists but the bot cannot write first.
JOIN_LINK_HELPS = frozenset({"no_conversation_reference", "users_not_found", "user_not_found"})


def join_link(services: Services, platform: str, workspace: str) -> str:
    """A link to the bot an organiser can send (a gateway's optional `join_link`); ""
    when the platform offers none."""
    make = getattr(services.gateways.get(platform), "join_link", None)
    return (make(workspace) or "") if make is not None else ""


def unreachable_reason(code: str | None) -> str:
    """The platform's error for an invitation that could not be delivered, in words."""
    return UNREACHABLE.get(code or "", f"the platform refused the message ({code})")


@dataclass(frozen=True)
class Skipped:
    """A row of the file that will not be invited, and why."""

    row: int
    email: str
    reason: str


@dataclass(frozen=True)
class Preview:
    """What an import would do; nothing is written."""

    programme_id: int
    programme: str
    profession_map: str
    roster: staff_list.Roster
    invite: tuple[staff_list.Person, ...] = ()
    update: tuple[staff_list.Person, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    map_error: str = ""
    # People who have joined whose line manager the file changes to someone who has
    # joined too: (participant id, the manager's participant id).
    managers: tuple[tuple[int, int], ...] = ()

    @property
    def ok(self) -> bool:
        """Nothing in the file refuses the import."""
        return self.roster.ok and not self.map_error

    @property
    def problems(self) -> list[str]:
        """Every problem, one sentence each (the file's first, then row by row)."""
        return ([self.map_error] if self.map_error else []) + [
            str(p) for p in self.roster.problems]

    @property
    def managers_note(self) -> str:
        """How many joined people's line managers the file changes, in one sentence."""
        count = len(self.managers)
        if not count:
            return ""
        return ngettext(
            "{count} person's line manager will change: the file is the record of line "
            "management (an empty manager cell leaves what the person set).",
            "{count} people's line managers will change: the file is the record of line "
            "management (an empty manager cell leaves what the person set).",
            count).format(count=count)

    @property
    def notes(self) -> list[str]:
        """What the organiser should know that does not refuse the import."""
        out = [REACH_NOTE]
        rows = self.roster.formula_rows
        if rows:
            listed = ", ".join(str(r) for r in rows[:10])
            more = f" and {len(rows) - 10} more" if len(rows) > 10 else ""
            lead = f"Row {listed} holds" if len(rows) == 1 else f"Rows {listed}{more} hold"
            out.append(f"{lead} cells that start like a formula (= + - @); they are kept "
                       "as text.")
        return out


@dataclass(frozen=True)
class Imported:
    """An import made: its id and how many were invited, updated and skipped."""

    import_id: int
    invited: int
    updated: int
    skipped: int
    managers: int = 0  # joined people whose line manager the file changed


@dataclass(frozen=True)
class Funnel:
    """One import's people, by where they are."""

    import_id: int
    at: dt.datetime
    actor: str
    rows: int
    invited: int = 0
    accepted: int = 0
    declined: int = 0
    no_answer: int = 0
    expired: int = 0
    sent: int = 0
    waiting: int = 0
    # (e-mail, reason, join link or "") of people the platform could not reach (invitation
    # still open): the link is one the organiser can send them, where one can help.
    unreachable: tuple[tuple[str, str, str], ...] = ()
    reasons: dict[str, int] = field(default_factory=dict)


class NotFound(Exception):
    """No such programme."""


def _programme(session: Session, programme_id: int) -> Programme:
    programme = session.get(Programme, programme_id) if valid_id(programme_id) else None
    if programme is None:
        raise NotFound(f"no programme {programme_id}")
    return programme


def _plan(session: Session, programme: Programme, data: bytes,
          profession_map: str | None) -> Preview:
    mapping = profession_map if profession_map is not None else profession_map_of(programme)
    try:
        read = staff_list.read_roster(data, professions=programme.professions,
                                  profession_map=mapping)
    except staff_list.MapError as exc:
        return Preview(programme.id, programme.name, mapping, staff_list.Roster(),
                       map_error=str(exc))
    if not read.ok:
        return Preview(programme.id, programme.name, mapping, read)
    known = {h: (status, left) for h, status, left in session.execute(
        select(Invitation.email_hash, Invitation.status, Invitation.has_left)
        .where(Invitation.programme_id == programme.id))}
    joined = {h: (pid, manager) for h, pid, manager in session.execute(
        select(Invitation.email_hash, Participant.id, Participant.manager_id)
        .join(Participant, Participant.id == Invitation.participant_id)
        .where(Invitation.programme_id == programme.id,
               Invitation.status == InvitationStatus.ACCEPTED))}
    managers: list[tuple[int, int]] = []
    invite, again, skipped = [], [], []
    for person in read.people:
        status, left = known.get(email_hash(programme.id, person.email), (None, False))
        if left:
            skipped.append(Skipped(person.row, person.email,
                                   "left the programme: not invited again"))
        elif status == InvitationStatus.DECLINED:
            skipped.append(Skipped(person.row, person.email,
                                   "declined an earlier invitation: not invited again"))
        elif status in (InvitationStatus.INVITED, InvitationStatus.ACCEPTED):
            again.append(person)
            change = _manager_change(programme.id, person, joined)
            if change is not None:
                managers.append(change)
        else:
            invite.append(person)
    return Preview(programme.id, programme.name, mapping, read, tuple(invite), tuple(again),
                   tuple(skipped), managers=tuple(managers))


def _manager_change(programme_id: int, person: staff_list.Person,
                    joined: dict[str, tuple[int, int | None]]) -> tuple[int, int] | None:
    """A joined person's new line manager when the file names a different one who has
    joined: the HR record is the source of truth for line management. An empty cell
    leaves what they set; a manager who has not joined yet replaces the current one when
    they accept (`link_managers`), so that nobody goes unprotected in between."""
    if not person.manager_email:
        return None
    found = joined.get(email_hash(programme_id, person.email))
    manager = joined.get(email_hash(programme_id, person.manager_email))
    if found is None or manager is None or manager[0] == found[0]:
        return None
    participant_id, current = found
    return (participant_id, manager[0]) if manager[0] != current else None


def current_map(services: Services, programme_id: int) -> str:
    """The programme's profession map, as the import form shows it."""
    with services.unit_of_work() as session:
        return profession_map_of(_programme(session, programme_id))


def preview(services: Services, programme_id: int, data: bytes, *,
            profession_map: str | None = None) -> Preview:
    """What importing `data` would do (the programme's own map unless one is given)."""
    with services.unit_of_work() as session:
        return _plan(session, _programme(session, programme_id), data, profession_map)


def import_people(services: Services, programme_id: int, data: bytes, *, actor: str,
                  profession_map: str | None = None) -> Preview | Imported:
    """Import the file in one transaction and queue the invitations; with any problem,
    nothing is written and the preview (with its problems) is returned."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = _programme(session, programme_id)
        plan = _plan(session, programme, data, profession_map)
        if not plan.ok:
            return plan
        made = PeopleImport(programme_id=programme.id, actor=actor[:64],
                            file_hash=hashlib.sha256(data).hexdigest(),
                            rows=plan.roster.rows, created_at=now)
        session.add(made)
        session.flush()
        days = invite_days_of(programme)
        expires, remind = now + dt.timedelta(days=days), now + dt.timedelta(days=days) / 2
        hashes = {email_hash(programme.id, p.email): p for p in [*plan.invite, *plan.update]}
        existing = {row.email_hash: row for row in session.execute(
            select(Invitation.id, Invitation.email_hash, Invitation.status)
            .where(Invitation.programme_id == programme.id))}
        new_rows: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for h, person in hashes.items():
            # An update leaves the invitation with the import that sent it (its funnel).
            values: dict[str, Any] = {
                "name": person.name, "site": person.site or None, "team": person.team or None,
                "manager_email": person.manager_email or None}
            row = existing.get(h)
            if row is None:
                new_rows.append({**values, "import_id": made.id,
                                 "programme_id": programme.id, "email_hash": h,
                                 "email": person.email, "profession": person.profession,
                                 "status": InvitationStatus.INVITED, "invited_at": now,
                                 "expires_at": expires, "remind_at": remind,
                                 "has_left": False})
            elif row.status == InvitationStatus.EXPIRED:
                changed.append({**values, "id": row.id, "import_id": made.id,
                                "email": person.email,
                                "profession": person.profession,
                                "status": InvitationStatus.INVITED, "invited_at": now,
                                "expires_at": expires, "remind_at": remind,
                                "reminded_at": None})
            elif row.status == InvitationStatus.INVITED:
                changed.append({**values, "id": row.id, "profession": person.profession})
            else:  # accepted: what the import knows is updated, their own profile is theirs
                changed.append({**values, "id": row.id})
        table = cast(Table, Invitation.__table__)
        to_send = [int(i) for i in bulk.insert_rows(session, table, new_rows, returning="id")]
        by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for values in changed:
            by_shape.setdefault(tuple(values), []).append(values)
            if values.get("status") == InvitationStatus.INVITED:
                to_send.append(values["id"])  # a lapsed invitation sent again
        for rows in by_shape.values():
            bulk.update_rows(session, table, rows)
        bulk.update_rows(session, cast(Table, Participant.__table__),
                         [{"id": pid, "manager_id": manager} for pid, manager in plan.managers],
                         same={"updated_at": now})
        outbox.add(session, [outbox.Row(key=INVITE_KEY.format(i),
                                        workspace_id=programme.workspace_id,
                                        ref=outbox.invitation_ref(i), now=now)
                             for i in to_send])
        session.add(AuditEntry(workspace_id=programme.workspace_id, programme_id=programme.id,
                               actor=actor[:64], action="people.import",
                               details={"import_id": made.id, "rows": plan.roster.rows,
                                        "invited": len(plan.invite),
                                        "line managers changed": len(plan.managers)}, at=now))
        return Imported(made.id, len(plan.invite), len(plan.update), len(plan.skipped),
                        len(plan.managers))


@dataclass(frozen=True)
class Answered:
    """What the person sees after answering; `programme_id` set when they accepted (the
    platform then opens their profile in that programme). `refused`: the button was not
    theirs; the message they pressed stays as it was."""

    text: str
    programme_id: int | None = None
    error: bool = False
    refused: bool = False


# What an invitation's buttons carry: its id and a MAC of the id with the person it was sent
# to, so that a guessed number, another person's invitation or someone else pressing is
# refused (the platform signs when it knows who the invitation reaches).
BUTTON_SALT = "pairbot.invitation-button"


def _mac(services: Services, invitation_id: int, user_id: str) -> str:
    message = f"{BUTTON_SALT}:{invitation_id}:{user_id}".encode()
    return hmac.new(services.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def button_value(services: Services, invitation_id: int, user_id: str) -> str:
    """What Accept and Decline carry for the invitation sent to this platform user."""
    return f"{invitation_id}.{_mac(services, invitation_id, user_id)}"


def read_button(services: Services, value: object, user_id: str) -> int | None:
    """The invitation a button names, when it was signed for this user; else None."""
    head, dot, mac = str(value or "").partition(".")
    if not dot or not head.isdigit() or len(head) > 18:
        return None
    if not hmac.compare_digest(mac.encode(), _mac(services, int(head), user_id).encode()):
        return None
    return int(head)


def _open_invitation(session: Session, invitation_id: int, platform: str,
                     workspace: str) -> tuple[Invitation, Programme] | None:
    inv = session.get(Invitation, invitation_id) if valid_id(invitation_id) else None
    if inv is None or inv.status != InvitationStatus.INVITED:
        return None
    programme = session.get_one(Programme, inv.programme_id)
    ws = session.get_one(Workspace, programme.workspace_id)
    if (ws.platform, ws.external_id) != (platform, workspace):
        return None
    return inv, programme


def _cancel_messages(session: Session, invitation_id: int) -> None:
    session.execute(delete(OutboxMessage).where(OutboxMessage.idempotency_key.in_(
        [INVITE_KEY.format(invitation_id), REMINDER_KEY.format(invitation_id)])))


Answer = Callable[[Session, Invitation, Programme, dt.datetime], Answered]


def _answer(services: Services, button: object, platform: str, workspace: str,
            user_id: str, act: Answer) -> Answered:
    """Accept's and Decline's common start: the button must be signed for the person
    pressing it (else nothing changes), and the invitation still open."""
    invitation_id = read_button(services, button, user_id)
    if invitation_id is None:
        return Answered(invitation_not_theirs(), error=True, refused=True)
    now = services.now()
    with services.unit_of_work() as session:
        found = _open_invitation(session, invitation_id, platform, workspace)
        if found is None:
            return Answered(invitation_closed(), error=True)
        return act(session, *found, now)


def accept(services: Services, button: object, platform: str, workspace: str,
           user_id: str, display_name: str) -> Answered:
    """The person accepts: they become a participant with what the import knew."""

    def accepted(session: Session, inv: Invitation, programme: Programme,
                 now: dt.datetime) -> Answered:
        participant = session.scalar(select(Participant).where(
            Participant.programme_id == programme.id, Participant.user_id == user_id))
        if participant is None:
            profession = inv.profession or ""
            participant = Participant(
                programme_id=programme.id, user_id=user_id,
                display_name=(inv.name or display_name or user_id)[:200],
                profession=profession, learn=[], intro="",
                side=side_of(profession, programme.sides), status=ParticipantStatus.ACTIVE,
                joined_at=now, updated_at=now, site=inv.site, team=inv.team)
            session.add(participant)
            session.flush()
        else:
            # What the person set themselves wins over the import.
            participant.site = participant.site or inv.site
            participant.team = participant.team or inv.team
        inv.status, inv.participant_id, inv.answered_at, inv.remind_at = (
            InvitationStatus.ACCEPTED, participant.id, now, None)
        link_managers(session, programme.id, inv, participant)
        session.execute(delete(OutboxMessage).where(
            OutboxMessage.idempotency_key == REMINDER_KEY.format(inv.id),
            OutboxMessage.state == OutboxState.PENDING))
        next_day = format_day(local_day(programme, next_round_at(programme, now)))
        return Answered(invitation_accepted(programme.name, next_day),
                        programme_id=programme.id)

    return _answer(services, button, platform, workspace, user_id, accepted)


def link_managers(session: Session, programme_id: int, inv: Invitation,
                  participant: Participant) -> None:
    """The line manager the import named, by reference: the new participant's manager if
    they have joined, and the new participant as manager of everyone who has joined and
    whose invitation names them."""
    if inv.manager_email and participant.manager_id is None:
        participant.manager_id = session.scalar(select(Invitation.participant_id).where(
            Invitation.programme_id == programme_id,
            Invitation.email_hash == email_hash(programme_id, inv.manager_email),
            Invitation.status == InvitationStatus.ACCEPTED,
            Invitation.participant_id.is_not(None)))
    if not inv.email:
        return
    reports = [pid for pid in session.scalars(select(Invitation.participant_id).where(
        Invitation.programme_id == programme_id,
        Invitation.status == InvitationStatus.ACCEPTED,
        Invitation.participant_id.is_not(None),
        func.lower(func.trim(Invitation.manager_email)) == inv.email.strip().lower()))
        if pid is not None and pid != participant.id]
    for start in range(0, len(reports), 5000):
        session.execute(update(Participant).where(
            Participant.id.in_(reports[start:start + 5000]),
            Participant.manager_id.is_(None)).values(manager_id=participant.id)
            .execution_options(synchronize_session=False))


def decline(services: Services, button: object, platform: str, workspace: str,
            user_id: str) -> Answered:
    """The person declines: what the import brought about them is deleted at once."""

    def declined(session: Session, inv: Invitation, programme: Programme,
                 now: dt.datetime) -> Answered:
        session.execute(update(Invitation).where(Invitation.id == inv.id).values(
            **PERSONAL, status=InvitationStatus.DECLINED, answered_at=now, remind_at=None)
            .execution_options(synchronize_session=False))
        _cancel_messages(session, inv.id)
        return Answered(invitation_declined(programme.name))

    return _answer(services, button, platform, workspace, user_id, declined)


def reachable_now(services: Services, platform: str, workspace: str, email: str) -> int:
    """Someone the bot could not write to has added it (a Teams join link): their open
    invitations whose delivery failed go out again. How many were queued."""
    now = services.now()
    with services.unit_of_work() as session:
        rows = session.execute(
            select(Invitation.id, Programme.workspace_id)
            .join(Programme, Programme.id == Invitation.programme_id)
            .join(Workspace, Workspace.id == Programme.workspace_id)
            .where(Workspace.platform == platform, Workspace.external_id == workspace,
                   Invitation.status == InvitationStatus.INVITED,
                   func.lower(Invitation.email) == email.strip().lower())).all()
        failed = set(session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.idempotency_key.in_([INVITE_KEY.format(r.id) for r in rows]),
            OutboxMessage.state.in_([OutboxState.FAILED, OutboxState.CANCELLED]))))
        again = [r for r in rows if INVITE_KEY.format(r.id) in failed]
        if again:
            session.execute(delete(OutboxMessage).where(
                OutboxMessage.idempotency_key.in_(failed)))
            outbox.add(session, [outbox.Row(key=INVITE_KEY.format(r.id),
                                            workspace_id=r.workspace_id,
                                            ref=outbox.invitation_ref(r.id), now=now)
                                 for r in again])
        return len(again)


def forget_left(session: Session, participant_ids: Sequence[int]) -> None:
    """People who left (bot/services/erasure.py): what their import knew goes with them."""
    if participant_ids:
        session.execute(update(Invitation).where(
            Invitation.participant_id.in_(list(participant_ids)))
            .values(**PERSONAL, has_left=True).execution_options(synchronize_session=False))


def held_about(session: Session, participant_ids: Sequence[int]) -> list[dict[str, Any]]:
    """What imports said about these participants, for their subject access request."""
    if not participant_ids:
        return []
    return [{"email": r.email, "name": r.name, "profession": r.profession, "site": r.site,
             "team": r.team, "manager_email": r.manager_email,
             "invited_at": r.invited_at.isoformat(), "status": str(r.status)}
            for r in session.scalars(select(Invitation).where(
                Invitation.participant_id.in_(list(participant_ids))))]


@dataclass
class Housekeeping:
    """What one run did."""

    reminded: int = 0
    expired: int = 0


def housekeeping(services: Services) -> Housekeeping:
    """Remind open invitations once, half-way; delete what lapsed invitations brought."""
    now = services.now()
    done = Housekeeping()
    with services.unit_of_work() as session:
        lapsed = list(session.scalars(select(Invitation.id).where(
            Invitation.status == InvitationStatus.INVITED, Invitation.expires_at <= now)))
        for chunk in _chunks(lapsed):
            session.execute(update(Invitation).where(Invitation.id.in_(chunk)).values(
                **PERSONAL, status=InvitationStatus.EXPIRED, answered_at=now, remind_at=None)
                .execution_options(synchronize_session=False))
            session.execute(delete(OutboxMessage).where(OutboxMessage.idempotency_key.in_(
                [k.format(i) for i in chunk for k in (INVITE_KEY, REMINDER_KEY)])))
        done.expired = len(lapsed)
        due = session.execute(
            select(Invitation.id, Programme.workspace_id)
            .join(Programme, Programme.id == Invitation.programme_id)
            .where(Invitation.remind_at <= now,
                   Invitation.status == InvitationStatus.INVITED)).all()
        if due:
            states: dict[str, str] = {}
            for chunk in _chunks([c.id for c in due]):
                states.update(session.execute(
                    select(OutboxMessage.idempotency_key, OutboxMessage.state).where(
                        OutboxMessage.idempotency_key.in_([INVITE_KEY.format(i)
                                                           for i in chunk]))).tuples().all())
            # Reminded: people the first invitation reached. Not reminded: those it could
            # not reach (listed as not reachable; a reminder would fail the same way).
            # Still waiting to be sent: asked again at the next tick.
            reached = [c for c in due if states.get(INVITE_KEY.format(c.id)) == OutboxState.SENT]
            settled = [c.id for c in due if states.get(INVITE_KEY.format(c.id)) not in (
                OutboxState.PENDING, OutboxState.SENDING)]
            outbox.add(session, [outbox.Row(key=REMINDER_KEY.format(c.id),
                                            workspace_id=c.workspace_id,
                                            ref=outbox.invitation_ref(c.id, reminder=True),
                                            now=now) for c in reached])
            for chunk in _chunks(settled):
                session.execute(update(Invitation).where(Invitation.id.in_(chunk))
                                .values(remind_at=None)
                                .execution_options(synchronize_session=False))
            for chunk in _chunks([c.id for c in reached]):
                session.execute(update(Invitation).where(Invitation.id.in_(chunk))
                                .values(reminded_at=now)
                                .execution_options(synchronize_session=False))
            done.reminded = len(reached)
    return done


def _chunks(ids: Sequence[int], size: int = 5000) -> list[list[int]]:
    return [list(ids[i:i + size]) for i in range(0, len(ids), size)]


def funnels(services: Services, programme_id: int) -> list[Funnel]:
    """Each import of the programme, newest first, with where its people are."""
    with services.unit_of_work() as session:
        programme = _programme(session, programme_id)
        ws = session.get_one(Workspace, programme.workspace_id)
        platform, workspace = ws.platform, ws.external_id
        imports = list(session.scalars(select(PeopleImport).where(
            PeopleImport.programme_id == programme.id).order_by(PeopleImport.id.desc())))
        deliveries: dict[int, tuple[str, str | None]] = {}
        for key, state, error in session.execute(
                select(OutboxMessage.idempotency_key, OutboxMessage.state,
                       OutboxMessage.last_error)
                .where(OutboxMessage.workspace_id == programme.workspace_id,
                       OutboxMessage.kind == "invitation")):
            head, _, rest = key.partition(":")
            if head == "invite" and rest.isdigit():
                deliveries[int(rest)] = (state, error)
        by_import: dict[int, list[Any]] = {}
        for row in session.execute(
                select(Invitation.id, Invitation.import_id, Invitation.status,
                       Invitation.email).where(Invitation.programme_id == programme.id)):
            by_import.setdefault(row.import_id, []).append(row)
    links: dict[str, str] = {}  # asked of the platform once, outside the transaction

    def link_for(code: str | None) -> str:
        if code not in JOIN_LINK_HELPS:
            return ""
        if "" not in links:
            links[""] = join_link(services, platform, workspace)
        return links[""]

    out = []
    for made in imports:
        rows = by_import.get(made.id, [])
        counts = Counter(r.status for r in rows)
        unreachable, sent, waiting = [], 0, 0
        reasons: Counter[str] = Counter()
        for r in rows:
            if r.status != InvitationStatus.INVITED:
                continue
            state, error = deliveries.get(r.id, (OutboxState.PENDING, None))
            if state == OutboxState.SENT:
                sent += 1
            elif state in (OutboxState.FAILED, OutboxState.CANCELLED):
                reason = unreachable_reason(error)
                unreachable.append((r.email or "", reason, link_for(error)))
                reasons[reason] += 1
            else:
                waiting += 1
        out.append(Funnel(
            import_id=made.id, at=made.created_at, actor=made.actor, rows=made.rows,
            invited=len(rows), accepted=counts[InvitationStatus.ACCEPTED],
            declined=counts[InvitationStatus.DECLINED],
            no_answer=counts[InvitationStatus.INVITED] - len(unreachable),
            expired=counts[InvitationStatus.EXPIRED], sent=sent, waiting=waiting,
            unreachable=tuple(sorted(unreachable)), reasons=dict(reasons)))
    return out
