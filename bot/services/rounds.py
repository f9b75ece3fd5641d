"""Rounds: preview, claim and run one; its matches and messages in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core import matching
from bot.core.intents import Intent, Intro, Person, Unpaired, format_day, to_dict
from bot.observability import metrics
from bot.services import programmes as progs
from bot.services.context import Services
from bot.services.participants import is_active_for
from bot.store.models import (
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    Workspace,
)

logger = logging.getLogger(__name__)
REMINDER_AFTER = dt.timedelta(days=7)
# Left-out notices wait until the intros are out: someone freed by an unreachable
# partner can then be re-matched with them instead of being told "not this time".
UNPAIRED_NOTICE_DELAY = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class PlannedGroup:
    """A group as an organiser previews it."""

    members: tuple[str, ...]
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RoundPlan:
    """What a round would do (preview) or did (run)."""

    programme: str
    period: str
    round_on: str
    eligible: int
    not_taking_part: int
    groups: tuple[PlannedGroup, ...]
    unpaired: tuple[tuple[str, str], ...]
    round_id: int | None = None

    def summary(self) -> str:
        """A few lines an organiser can read."""
        grouped = sum(len(g.members) for g in self.groups)
        lines = [
            f"{self.programme}, round {self.period} ({self.round_on}): "
            f"{self.eligible} taking part, {self.not_taking_part} paused or skipping.",
            f"{len(self.groups)} groups, {grouped} people introduced, "
            f"{len(self.unpaired)} left out.",
        ]
        lines += [f"• {name} is left out: {reason}" for name, reason in self.unpaired]
        return "\n".join(lines)


class RoundTaken(Exception):
    """Another process (or an earlier run) already claimed this programme's period."""


def seed_for(programme_id: int, period: str) -> int:
    """A stable seed per round, so that every replica would compute the same matching."""
    digest = hashlib.sha256(f"{programme_id}:{period}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _eligible(session: Session, programme: Programme, day: dt.date,
              period: str) -> tuple[list[Participant], int]:
    everyone = list(session.scalars(
        select(Participant).where(Participant.programme_id == programme.id)
        .order_by(Participant.id)))
    taking_part = [p for p in everyone if is_active_for(p, day, period)]
    return taking_part, len(everyone) - len(taking_part)


def history_of(session: Session, programme_id: int) -> list[matching.PastGroup]:
    rows = session.execute(
        select(Round.ordinal, MatchMember.match_id, MatchMember.participant_id)
        .join(Match, Match.round_id == Round.id)
        .join(MatchMember, MatchMember.match_id == Match.id)
        .where(Round.programme_id == programme_id, MatchMember.participant_id.is_not(None))
    ).all()
    groups: dict[int, tuple[int, set[str]]] = {}
    for ordinal, match_id, participant_id in rows:
        groups.setdefault(match_id, (ordinal, set()))[1].add(str(participant_id))
    return [matching.PastGroup(round=o, members=frozenset(m)) for o, m in groups.values()]


def candidates_of(people: Sequence[Participant]) -> list[matching.Candidate]:
    return [
        matching.Candidate(
            id=str(p.id), name=p.display_name, profession=p.profession,
            learn=frozenset(p.learn), side=p.side, unpaired_last_round=p.unpaired_last_round,
        )
        for p in people
    ]


def _compute(session: Session, programme: Programme, at: dt.datetime,
             period: str) -> tuple[matching.MatchResult, list[Participant], int]:
    day = progs.local_day(programme, at)
    people, not_taking_part = _eligible(session, programme, day, period)
    config = progs.match_config(programme, seed_for(programme.id, period))
    with metrics.matcher_timer():
        result = matching.match(candidates_of(people), history_of(session, programme.id), config)
    return result, people, not_taking_part


def _plan(programme: Programme, period: str, at: dt.datetime, result: matching.MatchResult,
          people: Sequence[Participant], not_taking_part: int,
          round_id: int | None = None) -> RoundPlan:
    names = {str(p.id): f"{p.display_name} ({p.profession})" for p in people}
    return RoundPlan(
        programme=programme.name, period=period,
        round_on=format_day(progs.local_day(programme, at)),
        eligible=len(people), not_taking_part=not_taking_part,
        groups=tuple(PlannedGroup(tuple(names[m] for m in g.members), g.score, g.reasons)
                     for g in result.groups),
        unpaired=tuple((names[u.id], u.reason) for u in result.unpaired),
        round_id=round_id,
    )


def preview_round(services: Services, programme_id: int, *, at: dt.datetime | None = None,
                  actor: str | None = None) -> RoundPlan:
    """What the next round would be, sending nothing."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        at = at or progs.next_round_at(programme, now)
        period = progs.period_of(programme, at)
        result, people, skipped = _compute(session, programme, at, period)
        if actor:
            progs.audit(session, programme.workspace_id, programme.id, actor, "round.preview",
                        {"period": period}, now)
        return _plan(programme, period, at, result, people, skipped)


def round_exists(session: Session, programme_id: int, period: str) -> bool:
    """Whether (programme, period) has been claimed."""
    return session.scalar(select(Round.id).where(
        Round.programme_id == programme_id, Round.period == period)) is not None


def group_conversations(services: Services, platform: str) -> bool:
    """Whether the platform introduces a group in one conversation (Slack) or 1:1 (Teams)."""
    gateway = services.gateways.get(platform)
    return gateway.group_conversations if gateway else platform == "slack"


def run_round(services: Services, programme_id: int, *, at: dt.datetime | None = None,
              period: str | None = None, actor: str | None = None) -> RoundPlan:
    """Claim the programme's period and write its matches and messages; RoundTaken if claimed."""
    now = services.now()
    at = at or now
    started = time.perf_counter()
    try:
        with services.unit_of_work() as session:
            programme = session.get_one(Programme, programme_id)
            workspace = session.get_one(Workspace, programme.workspace_id)
            period = period or progs.period_of(programme, at)
            ordinal = (session.scalar(select(func.max(Round.ordinal))
                                      .where(Round.programme_id == programme.id)) or 0) + 1
            rnd = Round(programme_id=programme.id, period=period, ordinal=ordinal,
                        seed=seed_for(programme.id, period), started_at=now)
            session.add(rnd)
            # The claim: the unique (programme, period) lets exactly one process through.
            session.flush()
            result, people, skipped = _compute(session, programme, at, period)
            _write_round(services, session, workspace, programme, rnd, result, people, now)
            rnd.stats = dict(result.stats)
            if actor:
                progs.audit(session, workspace.id, programme.id, actor, "round.run",
                            {"period": period}, now)
            plan = _plan(programme, period, at, result, people, skipped, round_id=rnd.id)
    except IntegrityError:
        raise RoundTaken(f"The {period} round has already run.") from None
    metrics.observe_round(time.perf_counter() - started)
    logger.info("round %s of %s: %d groups, %d unpaired", period, plan.programme,
                len(plan.groups), len(plan.unpaired))
    return plan


def _asked_before(session: Session, programme_id: int, member_ids: Sequence[int]) -> list[str]:
    """Icebreakers already put to two or more of these people together, oldest first."""
    rows = session.execute(
        select(Match.id, Match.icebreakers, MatchMember.participant_id)
        .join(Round, Round.id == Match.round_id)
        .join(MatchMember, MatchMember.match_id == Match.id)
        .where(Round.programme_id == programme_id, MatchMember.participant_id.in_(member_ids))
        .order_by(Match.id)
    ).all()
    overlap: dict[int, int] = {}
    questions: dict[int, list[str]] = {}
    for match_id, icebreakers, _ in rows:
        overlap[match_id] = overlap.get(match_id, 0) + 1
        questions[match_id] = [q["id"] for q in icebreakers]
    return [q for match_id, n in overlap.items() if n >= 2 for q in questions[match_id]]


def _write_round(services: Services, session: Session, workspace: Workspace,
                 programme: Programme, rnd: Round, result: matching.MatchResult,
                 people: Sequence[Participant], now: dt.datetime) -> None:
    by_id = {str(p.id): p for p in people}
    checkin_due = now + dt.timedelta(days=programme.checkin_after_days)
    grouped_ids: set[str] = set()
    for index, group in enumerate(result.groups):
        members = [by_id[m] for m in group.members]
        grouped_ids.update(group.members)
        asked = _asked_before(session, programme.id, [p.id for p in members])
        chosen = services.bank.choose([p.profession for p in members], already_asked=asked,
                                      seed=rnd.seed + index)
        match = Match(round_id=rnd.id, score=group.score, reasons=list(group.reasons),
                      icebreakers=[{"id": q.id, "text": q.text, "theme": q.theme}
                                   for q in chosen],
                      checkin_due_at=checkin_due, reminder_due_at=checkin_due + REMINDER_AFTER,
                      created_at=now)
        session.add(match)
        session.flush()
        for position, p in enumerate(members):
            session.add(MatchMember(match_id=match.id, participant_id=p.id, position=position,
                                    profession=p.profession))
        intro = Intro(
            match_id=match.id, programme=programme.name,
            members=tuple(Person(p.user_id, p.display_name, p.profession, p.intro)
                          for p in members),
            reasons=tuple(group.reasons), icebreakers=tuple(q.text for q in chosen),
            checkin_on=format_day(progs.local_day(programme, checkin_due)),
        )
        enqueue_group(services, session, workspace, f"r{rnd.id}:m{match.id}:intro", intro,
                      members, now, round_id=rnd.id, match_id=match.id)
    next_day = format_day(progs.local_day(programme, progs.next_round_at(programme, now)))
    for unpaired in result.unpaired:
        p = by_id[unpaired.id]
        enqueue(session, workspace, f"r{rnd.id}:unpaired:p{p.id}",
                Unpaired(programme=programme.name, reason=unpaired.reason, next_round=next_day),
                users=(p.user_id,), now=now, round_id=rnd.id, recipient_id=p.id,
                not_before=now + UNPAIRED_NOTICE_DELAY)
    for p in people:
        p.unpaired_last_round = str(p.id) not in grouped_ids
        if p.status == "paused":
            # The pause has ended (is_active_for let them in): they are active again.
            p.status, p.paused_until = "active", None
        p.skip_period = None


def enqueue_group(services: Services, session: Session, workspace: Workspace, key: str,
                  intent: Intent, members: Sequence[Participant], now: dt.datetime, *,
                  round_id: int | None = None, match_id: int | None = None,
                  conversation: str | None = None) -> int:
    """One message to a group conversation, or one per member where the platform has none;
    returns how many rows were added (0 when they exist already)."""
    if group_conversations(services, workspace.platform):
        return int(enqueue(session, workspace, f"{key}:group", intent,
                           users=tuple(p.user_id for p in members), now=now,
                           round_id=round_id, match_id=match_id, conversation=conversation))
    return sum(enqueue(session, workspace, f"{key}:p{p.id}", intent, users=(p.user_id,),
                       now=now, round_id=round_id, match_id=match_id, recipient_id=p.id)
               for p in members)


def enqueue_checkin(services: Services, session: Session, workspace: Workspace, match: Match,
                    intent: Intent, members: Sequence[Participant], now: dt.datetime,
                    label: str) -> bool:
    """The check-in (or its reminder) in the intro's conversation, once per match."""
    return enqueue_group(services, session, workspace, f"m{match.id}:{label}", intent,
                         members, now, round_id=match.round_id, match_id=match.id,
                         conversation=match.conversation_id) > 0


def enqueue(session: Session, workspace: Workspace, key: str, intent: Intent, *,
            users: Sequence[str], now: dt.datetime, round_id: int | None = None,
            match_id: int | None = None, recipient_id: int | None = None,
            conversation: str | None = None, not_before: dt.datetime | None = None) -> bool:
    """Add an outbox row unless one with the same key exists; True if added."""
    exists = session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key))
    if exists is not None:
        return False
    row = OutboxMessage(
        idempotency_key=key, workspace_id=workspace.id, round_id=round_id, match_id=match_id,
        recipient_id=recipient_id, kind=intent.kind,
        payload={"intent": to_dict(intent), "users": list(users), "conversation": conversation},
        not_before=not_before or now, created_at=now,
    )
    try:
        # A savepoint: a concurrent insert of the same key loses only this row.
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True
