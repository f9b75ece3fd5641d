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
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import cast

from sqlalchemy import Table, func, literal_column, select, update
from sqlalchemy.orm import Session

from bot.core import i18n, matching
from bot.core.intents import Intent
from bot.core.states import OutboxState, ParticipantStatus
from bot.services import outbox, rounds
from bot.services.context import Services
from bot.services.foreground import Foreground
from bot.services.gateway import (
    Outgoing,
    PermanentFailure,
    SentRef,
    TransientFailure,
)
from bot.services.programme_schedule import local_day
from bot.services.programme_settings import match_config
from bot.store import bulk
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

    claimed: int = 0
    sent: int = 0
    recovered: int = 0
    failed: int = 0
    retried: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, other: DeliveryReport) -> None:
        """Fold another pass's counts into this one."""
        self.claimed += other.claimed
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
    match_id: int | None = None
    group: bool = False
    locale: str | None = None


@dataclass
class _Known:
    """Workspaces and programmes already read during one delivery pass."""

    workspaces: dict[int, Workspace] = field(default_factory=dict)
    programmes: dict[int, Programme] = field(default_factory=dict)


def _claim(services: Services, limit: int, known: _Known | None = None) -> list[Claimed]:
    """Claim up to `limit` due rows in one statement: pending ones first, then rows whose
    sender died mid-send (their lease ran out); render them from the participants table."""
    known = known or _Known()
    return (_claim_where(services, limit, known, interrupted=False)
            or _claim_where(services, limit, known, interrupted=True))


def _claim_where(services: Services, limit: int, known: _Known, *,
                 interrupted: bool) -> list[Claimed]:
    now = services.now()
    wall = services.wall.now()
    # The states as literals, so that the planner sees each query fits its partial index
    # (ix_outbox_pending_due, ix_outbox_sending_claimed_at): sent rows are never read.
    if interrupted:
        due = ((OutboxMessage.state == literal_column(f"'{OutboxState.SENDING}'"))
               & (OutboxMessage.claimed_at < wall - services.delivery.lease))
    else:
        due = ((OutboxMessage.state == literal_column(f"'{OutboxState.PENDING}'"))
               & (OutboxMessage.not_before <= now))
    with services.unit_of_work() as session:
        # Rows for a platform this process has no gateway for wait for one that has.
        pick = (select(OutboxMessage.id)
                .join(Workspace, Workspace.id == OutboxMessage.workspace_id)
                .where(due, Workspace.platform.in_(list(services.gateways)),
                       Workspace.active.is_(True))
                .order_by(OutboxMessage.not_before, OutboxMessage.id).limit(limit))
        if session.get_bind().dialect.name == "postgresql":
            # Replicas claim disjoint batches; SQLite has one writer at a time anyway.
            pick = pick.with_for_update(skip_locked=True, of=OutboxMessage)
        # Materialized: as a plain IN (subquery) PostgreSQL may run the subquery more
        # than once, and with SKIP LOCKED claim more than `limit` rows.
        picked = pick.cte("picked").prefix_with("MATERIALIZED")
        rows = list(session.connection().execute(
            update(OutboxMessage).where(outbox.in_subquery(session, OutboxMessage.id,
                                                           select(picked.c.id)))
            .values(state=OutboxState.SENDING, claimed_at=wall, claimed_by=services.worker_id,
                    attempts=OutboxMessage.attempts + 1)
            .returning(OutboxMessage.id, OutboxMessage.idempotency_key,
                       OutboxMessage.workspace_id, OutboxMessage.recipient_id,
                       OutboxMessage.match_id, OutboxMessage.kind, OutboxMessage.payload,
                       OutboxMessage.attempts)
            .execution_options(synchronize_session=False)).all())
        if not rows:
            return []
        rows.sort(key=lambda r: r.id)
        missing = {r.workspace_id for r in rows} - known.workspaces.keys()
        if missing:
            known.workspaces.update({w.id: w for w in session.scalars(
                select(Workspace).where(Workspace.id.in_(missing)))})
        workspaces = known.workspaces
        rendered = outbox.resolve(session, [(r.recipient_id, r.payload) for r in rows],
                                  programmes=known.programmes, calendar=services.calendar)
        claimed, nobody = [], []
        for row, message in zip(rows, rendered, strict=True):
            if message is None or not message.users:
                nobody.append(row.id)  # everyone it was for has left, or its match is gone
                continue
            workspace = workspaces[row.workspace_id]
            claimed.append(Claimed(
                id=row.id, key=row.idempotency_key, platform=workspace.platform,
                workspace=workspace.external_id, kind=row.kind, intent=message.intent,
                users=message.users, conversation=message.conversation,
                interrupted=interrupted, attempts=row.attempts, match_id=row.match_id,
                group=row.recipient_id is None, locale=message.locale,
            ))
        if nobody:
            session.execute(
                update(OutboxMessage).where(outbox.among(session, OutboxMessage.id, nobody))
                .values(state=OutboxState.CANCELLED, last_error="nobody left to tell")
                .execution_options(synchronize_session=False))
    return claimed


class CpuShare:
    """Keeps the sender's threads to a share of the CPU, taken in short turns.

    `pairbot serve` runs the sender in the process that answers Slack, and only one thread
    at a time runs Python. While another thread has Python to run, a request thread coming
    back from a PostgreSQL round trip waits for the interpreter, up to
    sys.getswitchinterval() (5 ms) for each such thread: a SELECT 1 took 0.04-0.10 ms
    alone, 5.6-10.5 ms beside one busy thread and 24-104 ms beside four, but 0.04-0.09 ms
    beside threads that ran in 2 ms turns a quarter of the time (bench/gil_convoy.py), and
    a request makes 5 to 10 round trips. (SQLite's calls are mostly too short to lose the
    interpreter.) The sender, four sending threads and its own, spent 0.6-0.9 s of CPU on
    the 180 messages of bench/load.py's first window. Here each turn (a claim, a send, a
    record) waits until the sender has credit, then is charged the CPU time its thread
    used; credit comes back at `share` seconds per second, and at most `burst` of it is
    saved up, so the sender runs in short turns with the interpreter free in between. Only
    CPU is charged: waiting for the platform or the database costs nothing. `wait` returns
    at once when `stopping` is set.

    With `foreground` (the web requests in flight, bot/services/foreground.py), a turn also
    waits until no request is in flight, for at most `patience` seconds: the credit alone
    let the sending threads start their turns while a request's round trips waited for
    the interpreter (bench/load.py's first window on PostgreSQL, a status request 30-60 ms
    against the bare app's 20), and requests that never stop still leave each thread a
    turn every `patience` seconds."""

    def __init__(self, share: float, *, burst: float = 0.01,
                 stopping: threading.Event | None = None,
                 foreground: Foreground | None = None, patience: float = 0.1) -> None:
        self.share = share
        self.burst = burst
        self.foreground = foreground
        self.patience = patience
        self._stopping = stopping or threading.Event()
        self._credit = burst
        self._at = time.monotonic()
        self._lock = threading.Lock()

    def _owed(self, spent: float = 0.0) -> float:
        with self._lock:
            now = time.monotonic()
            self._credit = min(self.burst, self._credit + (now - self._at) * self.share) - spent
            self._at = now
            return -self._credit

    def wait(self) -> None:
        """Block until the sender has credit again and no request is in flight (or it has
        waited `patience` for that, or it is stopping)."""
        if self.share < 1:
            while (owed := self._owed()) > 0 and not self._stopping.wait(owed / self.share):
                pass
        if self.foreground is not None and not self._stopping.is_set():
            self.foreground.wait_idle(self.patience, self._stopping)

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for credit, then charge the CPU this thread uses inside the block."""
        self.wait()
        started = time.thread_time()
        try:
            yield
        finally:
            if self.share < 1:
                self._owed(time.thread_time() - started)


@contextmanager
def _turn(share: CpuShare | None) -> Iterator[None]:
    if share is None:
        yield
    else:
        with share.turn():
            yield


def deliver_due(services: Services, *, limit: int | None = None,
                share: CpuShare | None = None, until_short: bool = False) -> DeliveryReport:
    """Send every due row, in batches, until none is left (or `limit` rows were tried);
    with `share`, each claim, send and record takes a turn of it. With `until_short`, stop
    after a batch smaller than asked for: rows that fall due meanwhile wait for the next
    pass, so that a trickle (a feedback request per ✅ under load) goes out in batches
    instead of a claim and a record, ~5 ms of CPU, for every message or two."""
    report = DeliveryReport()
    tried = 0
    settings = services.delivery
    workers = max(1, settings.workers)
    known = _Known()
    size = max(1, min(settings.batch, settings.max_batch))
    lease = settings.lease.total_seconds()

    def send(item: Claimed) -> _Outcome:
        with _turn(share):
            return _send(services, item)

    with ThreadPoolExecutor(workers, thread_name_prefix="outbox") as pool:
        while limit is None or tried < limit:
            started = time.monotonic()
            wanted = min(size, (limit or 10**9) - tried)
            with _turn(share):
                batch = _claim(services, wanted, known)
            if not batch:
                break
            tried += len(batch)
            report.claimed += len(batch)
            with _turn(share):
                ours = _still_ours(services, batch)
            # Several sends in flight: the platform's latency, not its limits, would
            # otherwise set the pace. The gateway's pacers keep the limits.
            outcomes = list(pool.map(send, [item for item in batch if item.id in ours]))
            with _turn(share):
                _record(services, outcomes, report)
            # A fast platform gets bigger batches (less database work per message); a
            # slow one smaller, so that a claimed row is sent well within its lease.
            elapsed = time.monotonic() - started
            if elapsed < lease / 8:
                size = min(size * 2, settings.max_batch)
            elif elapsed > lease / 3:
                size = max(size // 2, 1)
            if until_short and len(batch) < wanted:
                break
    return report


@dataclass(frozen=True)
class _Outcome:
    item: Claimed
    ref: SentRef | None = None
    recovered: bool = False
    error: Exception | None = None


def _send(services: Services, item: Claimed) -> _Outcome:
    gateway = services.gateways[item.platform]
    message = Outgoing(key=item.key, workspace=item.workspace, intent=item.intent,
                       users=item.users, conversation=item.conversation)
    try:
        ref = gateway.find_sent(message) if item.interrupted else None
        if ref is not None:
            return _Outcome(item, ref, recovered=True)
        # The platform lays the message out in its programme's language.
        with i18n.using(item.locale):
            return _Outcome(item, gateway.send(message))
    except Exception as exc:
        return _Outcome(item, error=exc)


def _record(services: Services, outcomes: list[_Outcome], report: DeliveryReport) -> None:
    """The batch's sent rows marked in one statement; failures one by one (they are rare)."""
    sent = [o for o in outcomes if o.ref is not None]
    if sent:
        now = services.now()
        purge = now + services.delivery.sent_payload_retention
        with services.unit_of_work() as session:
            bulk.update_rows(session, cast(Table, OutboxMessage.__table__), [
                {"id": o.item.id, "ref_channel": o.ref.conversation, "ref_ts": o.ref.message_id}
                for o in sent if o.ref is not None],
                same={"state": OutboxState.SENT, "sent_at": now, "payload_purge_at": purge})
            conversations = {o.item.match_id: o.ref.conversation for o in sent
                             if o.ref is not None and o.item.kind == "intro" and o.item.group
                             and o.item.match_id is not None}
            bulk.update_rows(session, cast(Table, Match.__table__), [
                {"id": match_id, "conversation_id": conversation}
                for match_id, conversation in conversations.items()])
            # The round records that it has sent something: retention deletes these rows.
            session.execute(update(Round).where(
                Round.first_sent_at.is_(None),
                Round.id.in_(select(OutboxMessage.round_id).where(outbox.among(
                    session, OutboxMessage.id, [o.item.id for o in sent])))).values(
                first_sent_at=now).execution_options(synchronize_session=False))
        report.sent += len(sent)
        report.recovered += sum(o.recovered for o in sent)
    for outcome in outcomes:
        if outcome.error is None:
            continue
        item, exc = outcome.item, outcome.error
        try:
            if isinstance(exc, TransientFailure):
                _retry_later(services, item, exc.code, exc.retry_after, report)
            elif isinstance(exc, PermanentFailure):
                _fail(services, item, exc, report)
            else:
                raise exc
        except Exception:
            # The row stays 'sending' and is retried after its lease; the batch goes on.
            logger.exception("outbox %s: unexpected error while sending", item.key)
            report.errors["unexpected"] = report.errors.get("unexpected", 0) + 1


def _still_ours(services: Services, batch: list[Claimed]) -> set[int]:
    """The batch's rows still claimed by us: a row cancelled (e.g. re-matched) after the
    claim is not sent."""
    with services.unit_of_work() as session:
        return set(session.scalars(select(OutboxMessage.id).where(
            outbox.among(session, OutboxMessage.id, [item.id for item in batch]),
            OutboxMessage.state == OutboxState.SENDING,
            OutboxMessage.claimed_by == services.worker_id)))


def _retry_later(services: Services, item: Claimed, code: str, retry_after: float | None,
                 report: DeliveryReport) -> None:
    settings = services.delivery
    with services.unit_of_work() as session:
        row = session.get_one(OutboxMessage, item.id)
        row.last_error = code
        if item.attempts >= settings.max_attempts:
            row.state = OutboxState.FAILED
            report.failed += 1
            logger.error("outbox %s: giving up after %d attempts (%s)", item.key,
                         item.attempts, code)
            return
        delay = retry_after if retry_after is not None else (
            settings.backoff_base * 2 ** (item.attempts - 1))
        row.state = OutboxState.PENDING
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
        row.state, row.last_error = OutboxState.FAILED, exc.code
        if exc.user_id:
            handle_unreachable(services, session, row, exc.user_id, exc.code)


# Kept in English in the outbox and translated as each reader's message is written.
REMATCHED = i18n.N_("Your first match could not be reached, so pairbot found you a new one.")
PARTNER_GONE = i18n.N_("Sorry: {people} can no longer be reached on this platform, so this "
                       "round's introduction is off. You'll get priority in the next round.")


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
        p.status, p.updated_at = ParticipantStatus.DEACTIVATED, now
    if row.kind != "intro" or row.match_id is None:
        return
    match = session.get_one(Match, row.match_id)
    rnd = session.get_one(Round, match.round_id)
    programme = session.get_one(Programme, rnd.programme_id)
    gone_ids = {p.id for p in gone}
    staying = [m for m in match.members
               if m.participant_id is not None and m.participant_id not in gone_ids]
    rest = [session.get_one(Participant, m.participant_id) for m in staying]
    if len(rest) >= 2 and _still_valid(programme, rest):
        # The others can still meet: introduce them without the missing member.
        ref = outbox.intro_ref(match.id, [m.position for m in staying])
        outbox.add(session, rounds.group_rows(
            services, workspace, f"r{rnd.id}:m{match.id}:reintro", ref, rest, now,
            round_id=rnd.id, match_id=match.id))
        return
    for p in rest:
        rematched = (now - rnd.started_at < dt.timedelta(days=3)
                     and rematch(services, session, workspace, programme, rnd, p, now))
        if rematched:
            continue
        p.unpaired_last_round = True
        rounds.enqueue(session, workspace, f"r{rnd.id}:m{match.id}:partner-gone:p{p.id}",
                       outbox.notice_ref(PARTNER_GONE, programme.name, sorted(gone_ids)),
                       now=now, round_id=rnd.id, recipient_id=p.id)


def _still_valid(programme: Programme, people: list[Participant]) -> bool:
    """Whether the remaining members still meet the matcher's hard rule among themselves
    (their history was checked when they were matched; this round's own group would
    count against them, so none is given)."""
    return matching.group_allowed(rounds.candidates_of(people), (),
                                  match_config(programme, 0))


def stranded(session: Session, rnd: Round, person: Participant) -> list[Participant]:
    """Active people of this round, other than `person` and their groups, whose every
    partner has gone: left the group (its place kept by an empty member), no longer
    active, or re-matched into another group this round. Each has one group this round
    (a re-match is once a round)."""
    rows = session.execute(
        select(MatchMember.match_id, MatchMember.participant_id, Participant.status)
        .join(Match, Match.id == MatchMember.match_id)
        .outerjoin(Participant, Participant.id == MatchMember.participant_id)
        .where(Match.round_id == rnd.id)).all()
    groups: dict[int, list[tuple[int | None, str | None]]] = {}
    for match_id, pid, status in rows:
        groups.setdefault(match_id, []).append((pid, status))
    times = Counter(pid for _, pid, _ in rows if pid is not None)
    mine = {pid for members in groups.values() if any(p == person.id for p, _ in members)
            for pid, _ in members}

    def gone(pid: int | None, status: str | None) -> bool:
        return pid is None or status != ParticipantStatus.ACTIVE or times[pid] > 1

    found = sorted({pid for members in groups.values() for pid, status in members
                    if pid is not None and pid not in mine and not gone(pid, status)
                    and all(gone(o, s) for o, s in members if o != pid)})
    return [session.get_one(Participant, pid) for pid in found]


def rematch(services: Services, session: Session, workspace: Workspace, programme: Programme,
            rnd: Round, person: Participant, now: dt.datetime, *,
            also: Sequence[Participant] = (), reason: str = REMATCHED) -> bool:
    """Pair `person` with someone free in this round, if the matcher's hard rules allow:
    someone left unpaired, someone whose own partner has gone (`stranded`), or one of
    `also` (people the console found stranded in it)."""
    unpaired_keys = {
        key: recipient for key, recipient in session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.recipient_id).where(
                OutboxMessage.round_id == rnd.id, OutboxMessage.kind == "unpaired"))
    }
    loaded = [session.get(Participant, pid) for pid in unpaired_keys.values() if pid]
    free = [p for p in loaded if p is not None and p.status == ParticipantStatus.ACTIVE
            and p.unpaired_last_round and p.id != person.id]
    alone = [p for p in stranded(session, rnd, person) if p not in free]
    free += alone
    free += [p for p in also if p.id != person.id and p.status == ParticipantStatus.ACTIVE
             and p not in free]
    if not free:
        return False
    history = rounds.load_history(session, programme.id)
    # Nobody away for the round's fortnight is re-matched (they were told they sit out).
    config = replace(match_config(programme, rnd.seed),
                     round_date=local_day(programme, rnd.started_at))
    people = rounds.candidates_of([person, *free])
    result = matching.match(people, history.past_groups(), config)
    group = next((g for g in result.groups if str(person.id) in g.members), None)
    if group is None:
        return False
    partners = [p for p in free if str(p.id) in group.members]
    for p in partners:
        if p in also:
            continue  # stranded in a group of this round, not left out: nobody else claims them
        if p in alone:
            # Claimed by locking them and checking they still have one group this round.
            if not _claim_stranded(session, rnd, p):
                return False
            continue
        # Claim the partner: a concurrent re-match of someone else may want them too.
        won = session.execute(  # type: ignore[attr-defined]
            update(Participant).where(Participant.id == p.id,
                                      Participant.unpaired_last_round.is_(True))
            .values(unpaired_last_round=False)
            .execution_options(synchronize_session=False)).rowcount
        if not won:
            return False
    members = [person, *partners]
    rounds.create_matches(services, session, workspace, programme, rnd, [rounds.NewMatch(
        members=tuple(members), score=group.score,
        reasons=rounds.stored_reasons(group),
        seed=rnd.seed + person.id, extra_reasons=(reason,))], now, history)
    for p in members:
        p.unpaired_last_round = False
    partner_ids = {p.id for p in partners}
    cancel = [key for key, pid in unpaired_keys.items() if pid in partner_ids]
    session.execute(update(OutboxMessage).where(
        OutboxMessage.idempotency_key.in_(cancel),
        OutboxMessage.state.in_((OutboxState.PENDING, OutboxState.SENDING)))
        .values(state=OutboxState.CANCELLED, last_error="re-matched")
        .execution_options(synchronize_session=False))
    return True


def _claim_stranded(session: Session, rnd: Round, p: Participant) -> bool:
    """Lock a stranded partner's row (PostgreSQL; SQLite writes one at a time) and check
    that no concurrent re-match has placed them in a second group this round."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Participant.id).where(Participant.id == p.id).with_for_update())
    groups = session.scalar(
        select(func.count(MatchMember.id)).join(Match, Match.id == MatchMember.match_id)
        .where(Match.round_id == rnd.id, MatchMember.participant_id == p.id)) or 0
    return groups == 1


def release_leases(services: Services) -> int:
    """Expire the leases this process holds (at shutdown), so that another process checks
    those rows with the platform (`find_sent`) and sends them now, not after the lease.
    They stay 'sending': their send may have reached the platform."""
    expired = services.wall.now() - services.delivery.lease - dt.timedelta(seconds=1)
    with services.unit_of_work() as session:
        return int(session.execute(  # type: ignore[attr-defined]
            update(OutboxMessage)
            .where(OutboxMessage.state == OutboxState.SENDING,
                   OutboxMessage.claimed_by == services.worker_id)
            .values(claimed_at=expired)
            .execution_options(synchronize_session=False)).rowcount)
