"""Erasure: every copy of a person's data goes, in one unit of work.

`erase_participant` is what `leave`, removal by an organiser and a deleted
platform user all call; `erase_workspace` is what the daily job calls for a
workspace uninstalled longer ago than the grace period. What a person leaves
behind is an anonymous placeholder in past matches (their profession, so the
statistics stay true) and nothing that names them.

Copies of a person's words outside their own rows are scrubbed, not trusted to
be absent: the reasons of their matches, the payloads of outbox messages to
their partners (member lists, intros, check-in answers), welcome messages, the
partners' free text about the match, and the audit log's details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, Table, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.core.ids import valid_id
from bot.core.states import OutboxState, ParticipantStatus
from bot.services import enrolment, round_tally
from bot.services.context import Services
from bot.store.models import (
    SLACK_BOTS_TABLE,
    SLACK_INSTALLATIONS_TABLE,
    Agreement,
    AuditEntry,
    Base,
    ConversationRef,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Workspace,
)

PLACEHOLDER = "a former participant"
UNINSTALLED = "workspace.uninstalled"


@dataclass(frozen=True)
class Erasure:
    """What an erasure removed: profiles, and other rows (references, messages)."""

    profiles: int
    other_rows: int


@dataclass(frozen=True)
class Scrub:
    """Takes people out of stored JSON and text: their ids, their names (replaced by the
    placeholder) and their free text (removed)."""

    user_ids: frozenset[str]
    names: tuple[str, ...]
    texts: tuple[str, ...]
    placeholder: str = PLACEHOLDER

    def scrub(self, value: Any) -> Any:
        """A JSON value with the person's ids, names and free text taken out."""
        if isinstance(value, dict):
            if value.get("user_id") in self.user_ids:  # a member as others saw them
                return {**{k: self.scrub(v) for k, v in value.items()},
                        "user_id": "", "name": self.placeholder, "intro": ""}
            return {k: self.scrub(v) for k, v in value.items() if k not in self.user_ids}
        if isinstance(value, list):
            return [self.scrub(v) for v in value if not (isinstance(v, str)
                                                        and v in self.user_ids)]
        if isinstance(value, str):
            return self.scrub_text(value)
        return value

    def scrub_text(self, text: str) -> str:
        """The text without the people's free text and names."""
        for own in self.texts:
            text = text.replace(own, "")
        for name in self.names:
            text = text.replace(name, self.placeholder)
        return text


def erase_participant(session: Session, workspace_id: int, user_id: str, *,
                      programme_id: int | None = None) -> Erasure:
    """Erase the user's profiles in the workspace (or only in one programme) and every copy
    of their name, intro, answers and free text; their places in past matches become
    anonymous placeholders."""
    query = (select(Participant).join(Programme, Programme.id == Participant.programme_id)
             .where(Programme.workspace_id == workspace_id, Participant.user_id == user_id))
    if programme_id is not None:
        query = query.where(Participant.programme_id == programme_id)
    rows = list(session.scalars(query))
    ids = [p.id for p in rows]
    person = Scrub(
        user_ids=frozenset({user_id}),
        # Longest first, so that "Ann Lee" goes before a shorter name inside it.
        names=tuple(sorted({p.display_name for p in rows if p.display_name.strip()},
                           key=len, reverse=True)),
        texts=tuple(sorted({t for p in rows for t in (p.intro,) if t.strip()},
                           key=len, reverse=True)),
    )
    match_ids = list(session.scalars(select(MatchMember.match_id).where(
        MatchMember.participant_id.in_(ids)))) if ids else []
    _scrub_matches(session, person, match_ids)
    other_rows = _scrub_outbox(session, person, workspace_id, match_ids, ids)
    _scrub_partners_feedback(session, person, match_ids, ids)
    _scrub_audit(session, person, workspace_id)
    still_member = programme_id is not None and session.scalar(
        select(Participant.id).join(Programme, Programme.id == Participant.programme_id)
        .where(Programme.workspace_id == workspace_id, Participant.user_id == user_id,
               Participant.programme_id != programme_id)) is not None
    if not still_member:
        other_rows += _rowcount(session.execute(delete(ConversationRef).where(
            ConversationRef.workspace_id == workspace_id, ConversationRef.user_id == user_id)))
    enrolment.forget_left(session, ids)
    _unlink(session, rows)
    # Their places become placeholders: the rounds' counts of who took part follow.
    round_tally.people_leaving(session, ids)
    for p in rows:
        # Check-in answers, feedback and their own messages go with the row (ON DELETE
        # CASCADE); their places in matches keep the profession (ON DELETE SET NULL).
        session.delete(p)
    session.flush()
    return Erasure(profiles=len(rows), other_rows=other_rows)


def _unlink(session: Session, leavers: Collection[Participant]) -> None:
    """Nobody keeps a leaver's id: not as their line manager, not on their do-not-pair
    list (both hold participant ids, with no foreign key: migration 0012)."""
    ids = {p.id for p in leavers}
    if not ids:
        return
    programmes = sorted({p.programme_id for p in leavers})
    session.execute(update(Participant).where(
        Participant.programme_id.in_(programmes), Participant.manager_id.in_(sorted(ids)))
        .values(manager_id=None).execution_options(synchronize_session=False))
    # The text of the JSON list narrows the rows; the list itself decides.
    mentions = [cast(Participant.avoid, String).contains(str(i)) for i in sorted(ids)]
    for other in session.scalars(select(Participant).where(
            Participant.programme_id.in_(programmes), Participant.id.not_in(sorted(ids)),
            or_(*mentions))):
        kept = [i for i in other.avoid or () if i not in ids]
        if len(kept) != len(other.avoid or ()):
            other.avoid = kept


def _scrub_matches(session: Session, person: Scrub, match_ids: Collection[int]) -> None:
    for match in session.scalars(select(Match).where(Match.id.in_(match_ids))):
        match.reasons = person.scrub(list(match.reasons))


def _scrub_outbox(session: Session, person: Scrub, workspace_id: int,
                  match_ids: Collection[int], participant_ids: Collection[int]) -> int:
    """Group messages of their matches: not sent if still pending, scrubbed in any case;
    messages addressed to them (welcome, notices) deleted."""
    removed = 0
    # A welcome's key holds the user id, and its payload is emptied 30 days after sending.
    mentions = [cast(OutboxMessage.payload, String).contains(f'"{uid}"')
                for uid in person.user_ids] + [
        OutboxMessage.idempotency_key.endswith(f":welcome:{uid}") for uid in person.user_ids]
    rows = session.scalars(select(OutboxMessage).where(
        OutboxMessage.workspace_id == workspace_id,
        or_(OutboxMessage.match_id.in_(match_ids), OutboxMessage.recipient_id.in_(
            participant_ids), *mentions)))
    for row in rows:
        users = set(row.payload.get("users") or ())
        if row.recipient_id in participant_ids or (users and users <= person.user_ids) or any(
                row.idempotency_key.endswith(f":welcome:{uid}") for uid in person.user_ids):
            session.delete(row)
            removed += 1
            continue
        if (row.state == OutboxState.PENDING and row.match_id in match_ids
                and row.recipient_id is None):
            row.state, row.last_error = OutboxState.CANCELLED, "a member left"
        row.payload = person.scrub(dict(row.payload))
    return removed


def _scrub_partners_feedback(session: Session, person: Scrub, match_ids: Collection[int],
                             participant_ids: Collection[int]) -> None:
    """What partners wrote about the match may name the person who left."""
    if not person.names:
        return
    for row in session.scalars(select(Feedback).where(
            Feedback.match_id.in_(match_ids), Feedback.participant_id.not_in(participant_ids))):
        row.learned_text = person.scrub_text(row.learned_text)
    # So may their agreements at the start of the group.
    for agreed in session.scalars(select(Agreement).where(
            Agreement.match_id.in_(match_ids), Agreement.participant_id.not_in(participant_ids))):
        agreed.learn = person.scrub_text(agreed.learn)
        agreed.offer = person.scrub_text(agreed.offer)
        agreed.confidential = person.scrub_text(agreed.confidential)


def _scrub_audit(session: Session, person: Scrub, workspace_id: int) -> None:
    for entry in session.scalars(select(AuditEntry).where(
            AuditEntry.workspace_id == workspace_id)):
        scrubbed = person.scrub(dict(entry.details))
        if scrubbed != entry.details:
            entry.details = scrubbed


def remove_by_organiser(services: Services, programme_id: int, user_id: str, *,
                        actor: str) -> bool:
    """An organiser removes someone from a programme: their data in it is erased (audited,
    without naming them); False when they were not in it."""
    if not valid_id(programme_id):
        return False
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get(Programme, programme_id)
        if programme is None:
            return False
        erased = erase_participant(session, programme.workspace_id, user_id,
                                   programme_id=programme_id)
        if erased.profiles:
            session.add(AuditEntry(workspace_id=programme.workspace_id,
                                   programme_id=programme_id, actor=actor,
                                   action="participant.remove", details={}, at=now))
        return bool(erased.profiles)


def mark_uninstalled(session: Session, workspace: Workspace, now: dt.datetime) -> None:
    """Record when the app was removed; `erase_uninstalled` counts the grace period from it."""
    session.add(AuditEntry(workspace_id=workspace.id, programme_id=None, actor="platform",
                           action=UNINSTALLED, details={}, at=now))


def erase_uninstalled(session: Session, now: dt.datetime, grace: dt.timedelta) -> int:
    """Erase every workspace uninstalled (and not reinstalled) longer ago than `grace`."""
    erased = 0
    for workspace in list(session.scalars(select(Workspace).where(Workspace.active.is_(False)))):
        since = session.scalar(select(AuditEntry.at).where(
            AuditEntry.workspace_id == workspace.id, AuditEntry.action == UNINSTALLED)
            .order_by(AuditEntry.at.desc()).limit(1))
        if since is not None and since <= now - grace:
            erase_workspace(session, workspace)
            erased += 1
    return erased


def erase_unreachable(session: Session, now: dt.datetime, grace: dt.timedelta) -> int:
    """Erase the memberships of people the platform can no longer reach (they removed the
    app, or were deactivated) once `grace` has passed since then; the number erased."""

    rows = session.execute(
        select(Participant.programme_id, Participant.user_id, Programme.workspace_id)
        .join(Programme, Programme.id == Participant.programme_id)
        .where(Participant.status == ParticipantStatus.DEACTIVATED,
               Participant.updated_at <= now - grace)).all()
    return sum(erase_participant(session, workspace_id, user_id,
                                 programme_id=programme_id).profiles
               for programme_id, user_id, workspace_id in rows)


def erase_workspace(session: Session, workspace: Workspace) -> None:
    """Delete the workspace and everything in it, its Slack install tokens included."""
    if workspace.platform == "slack":
        for name in (SLACK_INSTALLATIONS_TABLE, SLACK_BOTS_TABLE):
            table: Table = Base.metadata.tables[name]
            session.execute(delete(table).where(table.c.team_id == workspace.external_id))
    session.execute(delete(Workspace).where(Workspace.id == workspace.id))
    session.expunge(workspace)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
