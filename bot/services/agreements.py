"""The agreement at the start of a group: the form's starting values, storing a member's
answers and sharing them with the group through the outbox, and the organisers' counts.

The rules (which intros ask, what a valid answer is) are bot/core/agreement.py's; the
platforms only lay out the form. Answers are personal free text: stored once, by
reference to the participant and the match, rendered into the group's conversation when
the outbox row is sent, shown in my-data, erased with the person, emptied by retention
like feedback text. Organisers see counts only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import agreement
from bot.core.i18n import _
from bot.core.states import RoundState
from bot.services import outbox, rounds
from bot.services.context import Services
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import (
    Agreement,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    Workspace,
)


@dataclass(frozen=True)
class AgreementForm:
    """What the form starts with: the person's earlier answers, if any."""

    match_id: int
    programme: str
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class AgreementRefused:
    """Nothing was stored; `message` is one sentence, `field` the form field to mark, and
    `values` what the person typed, so that the form can be shown again as it was."""

    message: str
    field: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)
    match_id: int | None = None


@dataclass(frozen=True)
class Agreed:
    """The answers were stored and will be shared with the group."""

    match_id: int
    revision: int

    def sentence(self) -> str:
        """The confirmation the person reads."""
        if self.revision > 1:
            return _("Thank you: your new answers are saved and shared with your group.")
        return _("Thank you: your answers are saved and shared with your group.")


@dataclass(frozen=True)
class AgreementCounts:
    """What organisers see: how many groups were asked, how many made an agreement (every
    member still in the group answered), and how many have some answers so far."""

    asked: int
    made: int
    started: int


def _not_member() -> str:
    return _("That group is not one of yours, so its agreement can't be saved.")


def _member(session: Session, services: Services, platform: str, workspace: str,
            user_id: str, match_id: int) -> tuple[Participant, Match, Programme] | None:
    """The person's place in the match, if they are in it."""
    ws = ensure_workspace(session, platform, workspace, services.now())
    found = session.execute(
        select(Participant, Match, Programme)
        .join(MatchMember, MatchMember.participant_id == Participant.id)
        .join(Match, Match.id == MatchMember.match_id)
        .join(Programme, Programme.id == Participant.programme_id)
        .where(MatchMember.match_id == match_id, Participant.user_id == user_id,
               Programme.workspace_id == ws.id)).first()
    return (found[0], found[1], found[2]) if found is not None else None


def form(services: Services, platform: str, workspace: str, user_id: str,
         match_id: int) -> AgreementForm | AgreementRefused:
    """The agreement form of a group the person is in, with their earlier answers."""
    with services.unit_of_work() as session:
        found = _member(session, services, platform, workspace, user_id, match_id)
        if found is None:
            return AgreementRefused(_not_member(), match_id=match_id)
        person, _match, programme = found
        row = session.scalar(select(Agreement).where(
            Agreement.match_id == match_id, Agreement.participant_id == person.id))
        values = {"learn": row.learn, "offer": row.offer, "how_often": row.how_often,
                  "confidential": row.confidential} if row is not None else {}
        return AgreementForm(match_id, programme.name, values)


def record(services: Services, platform: str, workspace: str, user_id: str,
           match_id: int | None, values: Mapping[str, object]) -> Agreed | AgreementRefused:
    """Store the person's answers (the last answer wins) and share them with the group;
    a bad field gives one sentence and the form's values back."""
    typed = {key: "" if values.get(key) is None else str(values.get(key))
             for key in ("learn", "offer", "how_often", "confidential")}
    if match_id is None:
        return AgreementRefused(_("This form has expired; use the button on your "
                                  "introduction again."), "learn", typed)
    try:
        terms = agreement.parse(values)
    except agreement.AgreementError as exc:
        return AgreementRefused(str(exc), exc.field, typed, match_id)
    now = services.now()
    with services.unit_of_work() as session:
        found = _member(session, services, platform, workspace, user_id, match_id)
        if found is None:
            return AgreementRefused(_not_member(), "learn", typed, match_id)
        person, match, programme = found
        row = session.scalar(select(Agreement).where(
            Agreement.match_id == match_id, Agreement.participant_id == person.id))
        if row is None:
            row = Agreement(match_id=match_id, participant_id=person.id, revision=1,
                            created_at=now, updated_at=now, learn=terms.learn,
                            offer=terms.offer, how_often=terms.how_often.value,
                            confidential=terms.confidential)
            session.add(row)
        else:
            row.learn, row.offer = terms.learn, terms.offer
            row.how_often, row.confidential = terms.how_often.value, terms.confidential
            row.revision, row.updated_at = row.revision + 1, now
        session.flush()
        ws = session.get_one(Workspace, programme.workspace_id)
        present = list(session.scalars(
            select(Participant).join(MatchMember, MatchMember.participant_id == Participant.id)
            .where(MatchMember.match_id == match_id).order_by(MatchMember.position)))
        group = rounds.group_conversations(services, ws.platform)
        # In a group conversation everyone sees it once; written 1:1 (Teams), the others.
        readers = present if group else [p for p in present if p.id != person.id]
        outbox.add(session, rounds.group_rows(
            services, ws, f"m{match_id}:agreement:p{person.id}:r{row.revision}",
            outbox.agreement_ref(match_id, person.id, row.revision), readers, now,
            round_id=match.round_id, match_id=match_id, conversation=match.conversation_id))
        return Agreed(match_id, row.revision)


def counts(session: Session, programme: Programme) -> AgreementCounts:
    """The programme's agreements as organisers see them: counts, never the answers."""
    is_term = str(programme.format or "rotating") == "term"
    matches = (select(Match.id).join(Round, Round.id == Match.round_id)
               .where(Round.programme_id == programme.id, Round.state != RoundState.CANCELLED))
    answered = select(Agreement.match_id).where(Agreement.match_id.in_(matches)).distinct()
    # Every group's members only where every group may have been asked; otherwise only
    # the groups that gave an agreement (a trust of 100,000 has 1.2 million places).
    asks_all = is_term or bool(programme.agreement)
    members: dict[int, set[int]] = {}
    for match_id, pid in session.execute(
            select(MatchMember.match_id, MatchMember.participant_id)
            .where(MatchMember.match_id.in_(matches if asks_all else answered),
                   MatchMember.participant_id.is_not(None))):
        if pid is not None:
            members.setdefault(match_id, set()).add(pid)
    if is_term:
        # The first meeting of each term, and a later one that someone new joined.
        every = set(session.scalars(matches))
        asked = set(session.scalars(matches.where(Round.round_in_term == 1))) | (
            every - outbox.regrouped(session, {m: set(members.get(m, ())) for m in every})
            if every else set())
    elif programme.agreement:
        # As the intros asked: a group introduced again is not asked again.
        every = set(session.scalars(matches))
        asked = every - outbox.regrouped(session, {m: set(members.get(m, ())) for m in every}
                                         ) if every else set()
    else:
        asked = set()
    asked |= set(session.scalars(answered))
    gave: dict[int, set[int]] = {}
    for match_id, pid in session.execute(
            select(Agreement.match_id, Agreement.participant_id)
            .where(Agreement.match_id.in_(matches))):
        gave.setdefault(match_id, set()).add(pid)
    made = sum(1 for m in asked if members.get(m) and members[m] <= gave.get(m, set()))
    return AgreementCounts(asked=len(asked), made=made, started=len(gave))


def programme_counts(services: Services, programme_id: int) -> AgreementCounts:
    """`counts` of a programme, in its own unit of work (the console's overview)."""
    with services.unit_of_work() as session:
        return counts(session, session.get_one(Programme, programme_id))
