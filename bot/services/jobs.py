"""Everything that is due at an instant: rounds, heads-ups, check-ins, reminders, delivery.

`run_due` is idempotent: each job writes outbox rows under unique keys and
rounds are claimed under a unique (programme, period), so running it twice
at the same instant, or on two replicas, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.core.intents import AutoPaused
from bot.core.states import OutboxState, ParticipantStatus, RoundState
from bot.services import checkins, enrolment, outbox, retention, rounds
from bot.services.context import Services
from bot.services.delivery import DeliveryReport, deliver_due
from bot.services.programme_schedule import headsup_at, local_day, next_round_at, period_of
from bot.store import bulk
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    ProcessedEvent,
    Programme,
    Round,
    Workspace,
)

logger = logging.getLogger(__name__)

# A round missed by more than this (the bot was down) is skipped, not run late.
CATCH_UP = dt.timedelta(days=3)
# Someone who joins within this of a round was told of it on joining: no heads-up too.
HEADS_UP = dt.timedelta(days=1)
# After the reminder, a further week for answers; then silence counts as ignoring.
CLOSE_AFTER_REMINDER = dt.timedelta(days=7)
IGNORED_INTROS_BEFORE_PAUSE = 3
EVENT_MEMORY = dt.timedelta(days=7)
# Sent payloads emptied per tick (tens of milliseconds); the rest wait for the next tick.
# At a tick a minute that is 720,000 a day, more than a programme of 100,000 sends in a
# month.
PURGE_BATCH = 500
# A tick that took this long (a round, heads-ups, check-ins, closing) ends with a full
# garbage collection (0.1-0.2 s at 100,000 people), so that the quiet ticks after it do
# not pay for it.
COLLECT_AFTER_SECONDS = 1.0


@dataclass
class TickReport:
    """What one tick did."""

    rounds: list[str] = field(default_factory=list)
    headsups: int = 0
    checkins: int = 0
    reminders: int = 0
    auto_paused: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def summary(self) -> str:
        """One line for the log and the CLI."""
        d = self.delivery
        return (f"rounds run: {len(self.rounds)} {self.rounds if self.rounds else ''}; "
                f"heads-ups: {self.headsups}; check-ins: {self.checkins}; "
                f"reminders: {self.reminders}; auto-paused: {self.auto_paused}; "
                f"sent: {d.sent} (recovered {d.recovered}), failed: {d.failed}, "
                f"retrying: {d.retried}")


def round_schedules(services: Services) -> dict[int, tuple[str, str]]:
    """Each active programme's cadence and time zone, for the scheduler's cron jobs."""
    with services.unit_of_work() as session:
        rows = session.execute(select(Programme.id, Programme.cadence, Programme.timezone)
                               .where(Programme.active.is_(True))).all()
    return {pid: (cadence, tz) for pid, cadence, tz in rows}


def run_due(services: Services, *, deliver: bool = True) -> TickReport:
    """Run every job due at the clock's instant; a tick with nothing due is a handful of
    indexed queries whatever the number of participants."""
    report = TickReport()
    started = time.monotonic()
    with services.unit_of_work() as session:
        programme_ids = list(session.scalars(
            select(Programme.id).join(Workspace, Workspace.id == Programme.workspace_id)
            .where(Programme.active.is_(True), Workspace.active.is_(True))
            .order_by(Programme.id)))
    for programme_id in programme_ids:
        due_rounds(services, programme_id, report)
        heads_ups(services, programme_id, report)
    checkins_and_reminders(services, report)
    enrolment.housekeeping(services)
    if deliver:
        report.delivery = deliver_due(services)
    tidy(services)
    if time.monotonic() - started >= COLLECT_AFTER_SECONDS:
        # A busy tick leaves many young objects (the matcher pauses the collector); the
        # first collection after it would otherwise land on a later quiet tick (0.1 s at
        # 10,000 people in bench/scale.py). Paid here, in the tick that made them.
        gc.collect()
    return report


def tidy(services: Services) -> None:
    """Mark rounds whose messages are all out as done; forget old platform event ids;
    empty the payloads of messages sent long enough ago."""
    now = services.now()
    with services.unit_of_work() as session:
        busy = select(OutboxMessage.id).where(
            OutboxMessage.round_id == Round.id,
            OutboxMessage.state.in_((OutboxState.PENDING, OutboxState.SENDING)))
        session.execute(update(Round).where(Round.state == RoundState.DELIVERING, ~busy.exists())
                        .values(state=RoundState.DONE).execution_options(synchronize_session=False))
        # Platforms retry an event for minutes, not days.
        session.execute(delete(ProcessedEvent).where(
            ProcessedEvent.received_at < now - EVENT_MEMORY))
        # Install states and console sessions are timed by the wall clock (slack_sdk and
        # the console write them so), not by the clock `pairbot tick --at` moves.
        retention.expired_sign_ins(session, services.wall.now())
        # At most PURGE_BATCH payloads a tick, walking the partial index of rows still to
        # purge (unsent rows have no purge time). First the earliest purge time, which
        # PostgreSQL and SQLite read from the end of that index whatever their statistics
        # say (planned on stale ones, the batch's own query scanned the whole outbox):
        # a quiet tick reads one index page.
        first = session.scalar(select(func.min(OutboxMessage.payload_purge_at))
                               .where(OutboxMessage.payload_purge_at.is_not(None)))
        if first is None or first > now:
            return
        due = (select(OutboxMessage.id)
               .where(OutboxMessage.payload_purge_at.is_not(None),
                      OutboxMessage.payload_purge_at <= now)
               .order_by(OutboxMessage.payload_purge_at).limit(PURGE_BATCH))
        session.execute(update(OutboxMessage)
                        .where(outbox.in_subquery(session, OutboxMessage.id, due))
                        .values(payload={}, payload_purge_at=None)
                        .execution_options(synchronize_session=False))


def due_rounds(services: Services, programme_id: int, report: TickReport) -> None:
    """Run the programme's latest round if its time has come and nobody ran it."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        latest = next_round_at(programme, now - CATCH_UP)
        if latest > now or latest < programme.created_at:
            return
        period = period_of(programme, latest)
        if rounds.round_exists(session, programme.id, period):
            return
    try:
        plan = rounds.run_round(services, programme_id, at=latest, period=period)
    except rounds.RoundTaken:
        return
    report.rounds.append(f"{plan.programme} {plan.period}")


def heads_ups(services: Services, programme_id: int, report: TickReport) -> None:
    """The working day before a round (`headsup_at`), tell each participant, with a
    one-click skip; once per period (the programme records it), so the later ticks stay
    quiet."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        upcoming = next_round_at(programme, now)
        if now < headsup_at(programme, upcoming):
            return
        period = period_of(programme, upcoming)
        if programme.headsup_period == period or rounds.round_exists(
                session, programme.id, period):
            return
        # The claim: one process (and one tick) writes this period's heads-ups.
        won = session.execute(  # type: ignore[attr-defined]
            update(Programme).where(Programme.id == programme.id, or_(
                Programme.headsup_period.is_(None), Programme.headsup_period != period))
            .values(headsup_period=period).execution_options(synchronize_session=False)
        ).rowcount
        if not won:
            return
        ref = outbox.headsup_ref(programme.id, local_day(programme, upcoming),
                                 period)
        people = session.scalars(select(Participant.id).where(
            Participant.programme_id == programme.id,
            Participant.status == ParticipantStatus.ACTIVE,
            Participant.joined_at < upcoming - HEADS_UP)).all()
        report.headsups += len(outbox.add(session, [
            outbox.Row(key=f"p{programme.id}:{period}:headsup:p{pid}",
                       workspace_id=programme.workspace_id, ref=ref, now=now, recipient_id=pid)
            for pid in people]))


# Matches looked at per transaction by the check-in job.
MATCH_BATCH = 2000
# An intro not yet out (group platforms check in in its conversation): look again later.
WAIT_FOR_INTRO = dt.timedelta(hours=1)


def checkins_and_reminders(services: Services, report: TickReport) -> None:
    """Check-ins when due, one reminder a week later, and closing silent matches: only
    matches whose next step is due are read, in batches."""
    now = services.now()
    while True:
        with services.unit_of_work() as session:
            done = _due_matches(services, session, now, report)
        if done < MATCH_BATCH:
            return


def _due_matches(services: Services, session: Session, now: dt.datetime,
                 report: TickReport) -> int:
    query = (select(Match.id, Match.round_id, Match.conversation_id, Match.checkin_sent_at,
                    Match.reminder_sent_at, Match.reminder_due_at, Match.created_at)
             .where(Match.next_due_at <= now).order_by(Match.next_due_at, Match.id)
             .limit(MATCH_BATCH))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Match)
    due = session.execute(query).all()
    if not due:
        return 0
    ids = [m.id for m in due]
    places = session.execute(
        select(Round.id, Programme, Workspace)
        .join(Programme, Programme.id == Round.programme_id)
        .join(Workspace, Workspace.id == Programme.workspace_id)
        .where(Round.id.in_({m.round_id for m in due}))).all()
    where = {round_id: (programme, workspace) for round_id, programme, workspace in places}
    members: dict[int, list[Any]] = {}
    for row in session.execute(
            select(MatchMember.match_id, Participant.id, Participant.status,
                   Participant.unresponsive_count)
            .join(Participant, Participant.id == MatchMember.participant_id)
            .where(outbox.among(session, MatchMember.match_id, ids))
            .order_by(MatchMember.position)):
        members.setdefault(row.match_id, []).append(row)
    answered: dict[int, set[int]] = {}
    for match_id, participant_id in session.execute(
            select(CheckinAnswer.match_id, CheckinAnswer.participant_id)
            .where(outbox.among(session, CheckinAnswer.match_id, ids))):
        answered.setdefault(match_id, set()).add(participant_id)

    rows: list[outbox.Row] = []
    changes: list[dict[str, Any]] = []
    closing: list[tuple[Any, Programme, Workspace]] = []
    for match in due:
        programme, workspace = where[match.round_id]
        present = members.get(match.id, [])
        change: dict[str, Any] = {"id": match.id}
        changes.append(change)
        if len(present) < 2:
            change.update(closed_at=now, next_due_at=None)
            continue
        group = rounds.group_conversations(services, workspace.platform)
        if group and match.conversation_id is None:
            if match.reminder_due_at + CLOSE_AFTER_REMINDER <= now:
                change.update(closed_at=now, next_due_at=None)  # the intro never arrived
            else:
                # The intro has not arrived yet: check in after it does.
                change["next_due_at"] = now + WAIT_FOR_INTRO
            continue
        if match.checkin_sent_at is None:
            rows += rounds.group_rows(
                services, workspace, f"m{match.id}:checkin", outbox.checkin_ref(match.id),
                present, now, round_id=match.round_id, match_id=match.id,
                conversation=match.conversation_id)
            change["checkin_sent_at"] = now
            report.checkins += 1
        change["next_due_at"] = match.reminder_due_at
        if match.reminder_due_at > now:
            continue
        if match.reminder_sent_at is None:
            if not answered.get(match.id):
                rows += rounds.group_rows(
                    services, workspace, f"m{match.id}:reminder",
                    outbox.checkin_ref(match.id, reminder=True), present, now,
                    round_id=match.round_id, match_id=match.id,
                    conversation=match.conversation_id)
                report.reminders += 1
            change["reminder_sent_at"] = now
        if not answered.get(match.id) and now - match.created_at >= checkins.RESCUE_AFTER:
            # Nobody has answered two weeks after the intro: when the check-in's reminder
            # (or, if that came sooner, its closing) is due, each is offered a new
            # partner, once (checkins.record_reason).
            rows += [outbox.Row(
                key=f"m{match.id}:rescue-offer:p{p.id}", workspace_id=workspace.id,
                ref=outbox.rescue_offer_ref(match.id), now=now, round_id=match.round_id,
                match_id=match.id, recipient_id=p.id) for p in present]
        change["next_due_at"] = match.reminder_due_at + CLOSE_AFTER_REMINDER
        if change["next_due_at"] > now:
            continue
        change.update(closed_at=now, next_due_at=None)
        closing.append((match, programme, workspace))
    outbox.add(session, rows)
    # One statement per kind of step (check-in, reminder, closing…), not one per match.
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for change in changes:
        by_columns.setdefault(tuple(sorted(change)), []).append(change)
    for same_columns in by_columns.values():
        bulk.update_rows(session, cast(Table, Match.__table__), same_columns)
    ignored = [(p, programme, workspace, match) for match, programme, workspace in closing
               for p in members[match.id] if p.id not in answered.get(match.id, set())]
    report.auto_paused += _count_ignored(session, ignored, now)
    return len(due)


def _count_ignored(session: Session, ignored: list[tuple[Any, Programme, Workspace, Any]],
                   now: dt.datetime) -> int:
    """One more ignored intro for each; pause those who reached the limit, and tell them."""
    if not ignored:
        return 0
    times = Counter(p.id for p, *_ in ignored)
    for n in set(times.values()):
        rounds._update(session, [pid for pid, k in times.items() if k == n],
                       unresponsive_count=Participant.unresponsive_count + n)
    paused = {p.id for p, *_ in ignored
              if p.status == ParticipantStatus.ACTIVE
              and p.unresponsive_count + times[p.id] >= IGNORED_INTROS_BEFORE_PAUSE}
    rounds._update(session, sorted(paused), status=ParticipantStatus.PAUSED, paused_until=None)
    notices, told = [], set()
    for p, programme, workspace, match in ignored:
        if p.id not in paused or p.id in told:
            continue
        told.add(p.id)
        notices.append(outbox.Row(
            key=f"m{match.id}:autopause:p{p.id}", workspace_id=workspace.id, now=now,
            recipient_id=p.id,
            ref=outbox.ref_of(AutoPaused(programme.name, IGNORED_INTROS_BEFORE_PAUSE))))
    outbox.add(session, notices)
    return len(paused)
