"""The outbox sender: claim due rows, send them, record where they landed.

Exactly once: a row is claimed (state 'sending') in its own transaction
before the platform is called, and marked 'sent' with the platform's
reference after. A row found still 'sending' past its lease belonged to a
process that died in between: the platform is asked whether the message
arrived (`Gateway.find_sent`) before it is sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.core import matching
from bot.core.intents import Intent, Intro, Notice, Person, format_day, from_dict
from bot.services import programmes as progs
from bot.services import rounds
from bot.services.context import Services
from bot.services.gateway import (
    Outgoing,
    PermanentFailure,
    SentRef,
    TransientFailure,
)
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


@dataclass
class DeliveryReport:
    """What one pass of the sender did."""

    sent: int = 0
    recovered: int = 0
    failed: int = 0
    retried: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, other: DeliveryReport) -> None:
        """Fold another pass's counts into this one."""
        self.sent += other.sent
        self.recovered += other.recovered
        self.failed += other.failed
        self.retried += other.retried
        for code, n in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + n


@dataclass(frozen=True)
class Claimed:
    id: int
    key: str
    platform: str
    workspace: str
    kind: str
    intent: Intent
    users: tuple[str, ...]
    conversation: str | None
    interrupted: bool
    attempts: int


def _claim(services: Services, limit: int) -> list[Claimed]:
    now = services.now()
    wall = services.wall.now()
    due = or_(
        (OutboxMessage.state == "pending") & (OutboxMessage.not_before <= now),
        (OutboxMessage.state == "sending")
        & (OutboxMessage.claimed_at < wall - services.delivery.lease),
    )
    claimed: list[Claimed] = []
    with services.unit_of_work() as session:
        # Rows for a platform this process has no gateway for wait for one that has.
        query = (select(OutboxMessage).join(Workspace, Workspace.id == OutboxMessage.workspace_id)
                 .where(due, Workspace.platform.in_(list(services.gateways)),
                        Workspace.active.is_(True))
                 .order_by(OutboxMessage.id).limit(limit))
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            rows = list(session.scalars(query.with_for_update(skip_locked=True, of=OutboxMessage)))
        else:
            rows = list(session.scalars(query))
        for row in rows:
            # On SQLite (no row locks) the conditional update is the claim.
            won = session.execute(  # type: ignore[attr-defined]
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, OutboxMessage.state == row.state,
                       OutboxMessage.attempts == row.attempts)
                .values(state="sending", claimed_at=wall, claimed_by=services.worker_id,
                        attempts=row.attempts + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if not won:
                continue
            workspace = session.get_one(Workspace, row.workspace_id)
            claimed.append(Claimed(
                id=row.id, key=row.idempotency_key, platform=workspace.platform,
                workspace=workspace.external_id, kind=row.kind,
                intent=from_dict(row.payload["intent"]), users=tuple(row.payload["users"]),
                conversation=row.payload.get("conversation"),
                interrupted=row.state == "sending", attempts=row.attempts + 1,
            ))
    return claimed


def deliver_due(services: Services, *, limit: int | None = None) -> DeliveryReport:
    """Send every due row, in batches, until none is left (or `limit` rows were tried)."""
    report = DeliveryReport()
    tried = 0
    workers = max(1, services.delivery.workers)
    with ThreadPoolExecutor(workers, thread_name_prefix="outbox") as pool:
        while limit is None or tried < limit:
            batch = _claim(services, min(services.delivery.batch, (limit or 10**9) - tried))
            if not batch:
                break
            tried += len(batch)
            # Several sends in flight: the platform's latency, not its limits, would
            # otherwise set the pace. The gateway's pacers keep the limits.
            for outcome in pool.map(lambda item: _deliver_one(services, item), batch):
                report.add(outcome)
    return report


def _deliver_one(services: Services, item: Claimed) -> DeliveryReport:
    report = DeliveryReport()
    try:
        _deliver(services, item, report)
    except Exception:
        # The row stays 'sending' and is retried after its lease; the batch goes on.
        logger.exception("outbox %s: unexpected error while sending", item.key)
        report.errors["unexpected"] = report.errors.get("unexpected", 0) + 1
    return report


def _deliver(services: Services, item: Claimed, report: DeliveryReport) -> None:
    gateway = services.gateways[item.platform]
    if not _still_ours(services, item):
        return
    message = Outgoing(key=item.key, workspace=item.workspace, intent=item.intent,
                       users=item.users, conversation=item.conversation)
    try:
        ref = gateway.find_sent(message) if item.interrupted else None
        if ref is not None:
            report.recovered += 1
        else:
            ref = gateway.send(message)
    except TransientFailure as exc:
        _retry_later(services, item, exc.code, exc.retry_after, report)
        return
    except PermanentFailure as exc:
        _fail(services, item, exc, report)
        return
    _mark_sent(services, item, ref)
    report.sent += 1


def _still_ours(services: Services, item: Claimed) -> bool:
    """False when the row was cancelled (e.g. re-matched) after this batch claimed it."""
    with services.unit_of_work() as session:
        row = session.get(OutboxMessage, item.id)
        return row is not None and row.state == "sending" and (
            row.claimed_by == services.worker_id)


def _mark_sent(services: Services, item: Claimed, ref: SentRef) -> None:
    with services.unit_of_work() as session:
        row = session.get_one(OutboxMessage, item.id)
        row.state, row.sent_at = "sent", services.now()
        row.ref_channel, row.ref_ts = ref.conversation, ref.message_id
        if row.kind == "intro" and row.match_id and row.recipient_id is None:
            match = session.get_one(Match, row.match_id)
            match.conversation_id = ref.conversation


def _retry_later(services: Services, item: Claimed, code: str, retry_after: float | None,
                 report: DeliveryReport) -> None:
    settings = services.delivery
    with services.unit_of_work() as session:
        row = session.get_one(OutboxMessage, item.id)
        row.last_error = code
        if item.attempts >= settings.max_attempts:
            row.state = "failed"
            report.failed += 1
            logger.error("outbox %s: giving up after %d attempts (%s)", item.key,
                         item.attempts, code)
            return
        delay = retry_after if retry_after is not None else (
            settings.backoff_base * 2 ** (item.attempts - 1))
        row.state = "pending"
        row.not_before = services.now() + dt.timedelta(seconds=delay)
    report.retried += 1
    report.errors[code] = report.errors.get(code, 0) + 1


def _fail(services: Services, item: Claimed, exc: PermanentFailure,
          report: DeliveryReport) -> None:
    report.failed += 1
    report.errors[exc.code] = report.errors.get(exc.code, 0) + 1
    logger.warning("outbox %s: %s%s", item.key, exc.code,
                   f" for {exc.user_id}" if exc.user_id else "")
    with services.unit_of_work() as session:
        row = session.get_one(OutboxMessage, item.id)
        row.state, row.last_error = "failed", exc.code
        if exc.user_id:
            handle_unreachable(services, session, row, exc.user_id, exc.code)


def handle_unreachable(services: Services, session: Session, row: OutboxMessage,
                       user_id: str, code: str) -> None:
    """Deactivate someone the platform cannot reach; tell, and where possible re-match,
    the rest of their group."""
    now = services.now()
    workspace = session.get_one(Workspace, row.workspace_id)
    gone = list(session.scalars(
        select(Participant).join(Programme, Programme.id == Participant.programme_id)
        .where(Programme.workspace_id == workspace.id, Participant.user_id == user_id)))
    for p in gone:
        p.status, p.updated_at = "deactivated", now
    if row.kind != "intro" or row.match_id is None:
        return
    match = session.get_one(Match, row.match_id)
    rnd = session.get_one(Round, match.round_id)
    programme = session.get_one(Programme, rnd.programme_id)
    gone_ids = {p.id for p in gone}
    rest = [session.get_one(Participant, m.participant_id) for m in match.members
            if m.participant_id is not None and m.participant_id not in gone_ids]
    gone_names = ", ".join(p.display_name for p in gone) or "Your partner"
    if len(rest) >= 2 and _still_valid(programme, rest):
        # The others can still meet: introduce them without the missing member.
        intent = from_dict(row.payload["intent"])
        assert isinstance(intent, Intro)
        members = tuple(m for m in intent.members if m.user_id != user_id)
        rounds.enqueue_group(services, session, workspace, f"r{rnd.id}:m{match.id}:reintro",
                             replace(intent, members=members), rest, now,
                             round_id=rnd.id, match_id=match.id)
        return
    for p in rest:
        rematched = (now - rnd.started_at < dt.timedelta(days=3)
                     and rematch(services, session, workspace, programme, rnd, p, now))
        if rematched:
            continue
        p.unpaired_last_round = True
        rounds.enqueue(session, workspace, f"r{rnd.id}:m{match.id}:partner-gone:p{p.id}",
                       Notice(f"Sorry: {gone_names} can no longer be reached on this platform, "
                              "so this round's introduction is off. You'll get priority in the "
                              "next round.", title=programme.name),
                       users=(p.user_id,), now=now, round_id=rnd.id, recipient_id=p.id)


def _still_valid(programme: Programme, people: list[Participant]) -> bool:
    """Whether the remaining members still meet the hard rule among themselves."""
    if programme.mode == "two-sided":
        return {p.side for p in people} == {"A", "B"}
    return len({p.profession for p in people}) == len(people)


def rematch(services: Services, session: Session, workspace: Workspace, programme: Programme,
            rnd: Round, person: Participant, now: dt.datetime) -> bool:
    """Pair `person` with someone left unpaired in this round, if the hard rules allow."""
    unpaired_keys = {
        key: recipient for key, recipient in session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.recipient_id).where(
                OutboxMessage.round_id == rnd.id, OutboxMessage.kind == "unpaired"))
    }
    loaded = [session.get(Participant, pid) for pid in unpaired_keys.values() if pid]
    free = [p for p in loaded if p is not None and p.status == "active"
            and p.unpaired_last_round and p.id != person.id]
    if not free:
        return False
    history = rounds.history_of(session, programme.id)
    config = progs.match_config(programme, rnd.seed)
    people = rounds.candidates_of([person, *free])
    result = matching.match(people, history, config)
    partner_id = next((g.members for g in result.groups if str(person.id) in g.members), None)
    if not partner_id:
        return False
    partners = [p for p in free if str(p.id) in partner_id]
    for p in partners:
        # Claim the partner: a concurrent re-match of someone else may want them too.
        won = session.execute(  # type: ignore[attr-defined]
            update(Participant).where(Participant.id == p.id,
                                      Participant.unpaired_last_round.is_(True))
            .values(unpaired_last_round=False)
            .execution_options(synchronize_session=False)).rowcount
        if not won:
            return False
    members = [person, *partners]
    group = next(g for g in result.groups if str(person.id) in g.members)
    new_match = Match(round_id=rnd.id, score=group.score, reasons=list(group.reasons),
                      icebreakers=[], checkin_due_at=now + dt.timedelta(
                          days=programme.checkin_after_days),
                      reminder_due_at=now + dt.timedelta(days=programme.checkin_after_days)
                      + rounds.REMINDER_AFTER, created_at=now)
    session.add(new_match)
    session.flush()
    chosen = services.bank.choose([p.profession for p in members], seed=rnd.seed + new_match.id)
    new_match.icebreakers = [{"id": q.id, "text": q.text, "theme": q.theme} for q in chosen]
    for position, p in enumerate(members):
        session.add(MatchMember(match_id=new_match.id, participant_id=p.id, position=position,
                                profession=p.profession))
        p.unpaired_last_round = False
    for key, pid in unpaired_keys.items():
        if pid in {p.id for p in partners}:
            session.execute(update(OutboxMessage).where(
                OutboxMessage.idempotency_key == key,
                OutboxMessage.state.in_(("pending", "sending")))
                .values(state="cancelled", last_error="re-matched"))
    intro = Intro(match_id=new_match.id, programme=programme.name,
                  members=tuple(Person(p.user_id, p.display_name, p.profession, p.intro)
                                for p in members),
                  reasons=(*group.reasons, "Your first match could not be reached, so "
                           "pairbot found you a new one."),
                  icebreakers=tuple(q.text for q in chosen),
                  checkin_on=format_day(progs.local_day(programme, new_match.checkin_due_at)))
    rounds.enqueue_group(services, session, workspace, f"r{rnd.id}:m{new_match.id}:intro",
                         intro, members, now, round_id=rnd.id, match_id=new_match.id)
    return True


def release_leases(services: Services) -> int:
    """Expire the leases this process holds (at shutdown), so that another process checks
    those rows with the platform (`find_sent`) and sends them now, not after the lease.
    They stay 'sending': their send may have reached the platform."""
    expired = services.wall.now() - services.delivery.lease - dt.timedelta(seconds=1)
    with services.unit_of_work() as session:
        return int(session.execute(  # type: ignore[attr-defined]
            update(OutboxMessage)
            .where(OutboxMessage.state == "sending",
                   OutboxMessage.claimed_by == services.worker_id)
            .values(claimed_at=expired)
            .execution_options(synchronize_session=False)).rowcount)
