"""Everything that is due at an instant: rounds, heads-ups, check-ins, reminders, delivery.

`run_due` is idempotent: each job writes outbox rows under unique keys and
rounds are claimed under a unique (programme, period), so running it twice
at the same instant, or on two replicas, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.core.intents import AutoPaused, HeadsUp, format_day
from bot.services import programmes as progs
from bot.services import rounds
from bot.services.checkins import checkin_intent, members_of
from bot.services.context import Services
from bot.services.delivery import DeliveryReport, deliver_due
from bot.store.models import (
    CheckinAnswer,
    Match,
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
HEADS_UP = dt.timedelta(days=1)
# After the reminder, a further week for answers; then silence counts as ignoring.
CLOSE_AFTER_REMINDER = dt.timedelta(days=7)
IGNORED_INTROS_BEFORE_PAUSE = 3
EVENT_MEMORY = dt.timedelta(days=7)


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


def run_due(services: Services, *, deliver: bool = True) -> TickReport:
    """Run every job due at the clock's instant."""
    report = TickReport()
    with services.unit_of_work() as session:
        programme_ids = list(session.scalars(
            select(Programme.id).join(Workspace, Workspace.id == Programme.workspace_id)
            .where(Programme.active.is_(True), Workspace.active.is_(True))
            .order_by(Programme.id)))
    for programme_id in programme_ids:
        due_rounds(services, programme_id, report)
        heads_ups(services, programme_id, report)
    checkins_and_reminders(services, report)
    if deliver:
        report.delivery = deliver_due(services)
    tidy(services)
    return report


def tidy(services: Services) -> None:
    """Mark rounds whose messages are all out as done; forget old platform event ids."""
    now = services.now()
    with services.unit_of_work() as session:
        busy = select(OutboxMessage.round_id).where(
            OutboxMessage.round_id == Round.id,
            OutboxMessage.state.in_(("pending", "sending")))
        session.execute(update(Round).where(Round.state == "delivering", ~busy.exists())
                        .values(state="done").execution_options(synchronize_session=False))
        # Platforms retry an event for minutes, not days.
        session.execute(delete(ProcessedEvent).where(
            ProcessedEvent.received_at < now - EVENT_MEMORY))


def due_rounds(services: Services, programme_id: int, report: TickReport) -> None:
    """Run the programme's latest round if its time has come and nobody ran it."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        latest = progs.next_round_at(programme, now - CATCH_UP)
        if latest > now or latest < programme.created_at:
            return
        period = progs.period_of(programme, latest)
        if rounds.round_exists(session, programme.id, period):
            return
    try:
        plan = rounds.run_round(services, programme_id, at=latest, period=period)
    except rounds.RoundTaken:
        return
    report.rounds.append(f"{plan.programme} {plan.period}")


def heads_ups(services: Services, programme_id: int, report: TickReport) -> None:
    """A day before a round, tell each participant, with a one-click skip."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        upcoming = progs.next_round_at(programme, now)
        if upcoming - now > HEADS_UP:
            return
        period = progs.period_of(programme, upcoming)
        if rounds.round_exists(session, programme.id, period):
            return
        workspace = session.get_one(Workspace, programme.workspace_id)
        day = progs.local_day(programme, upcoming)
        intent = HeadsUp(programme_id=programme.id, programme=programme.name,
                         round_on=format_day(day), period=period)
        for p in session.scalars(select(Participant).where(
                Participant.programme_id == programme.id, Participant.status == "active",
                Participant.joined_at < upcoming - HEADS_UP)):
            if rounds.enqueue(session, workspace, f"p{programme.id}:{period}:headsup:p{p.id}",
                              intent, users=(p.user_id,), now=now, recipient_id=p.id):
                report.headsups += 1


def checkins_and_reminders(services: Services, report: TickReport) -> None:
    """Check-ins when due, one reminder a week later, and closing silent matches."""
    now = services.now()
    with services.unit_of_work() as session:
        due = list(session.scalars(select(Match).where(
            Match.checkin_due_at <= now, Match.closed_at.is_(None)).order_by(Match.id)))
        for match in due:
            rnd = session.get_one(Round, match.round_id)
            programme = session.get_one(Programme, rnd.programme_id)
            workspace = session.get_one(Workspace, programme.workspace_id)
            members = members_of(session, match)
            if len(members) < 2:
                match.closed_at = now
                continue
            answered = set(session.scalars(select(CheckinAnswer.participant_id).where(
                CheckinAnswer.match_id == match.id)))
            group = rounds.group_conversations(services, workspace.platform)
            if group and match.conversation_id is None:
                continue  # the intro has not arrived yet; check in after it does
            if rounds.enqueue_checkin(services, session, workspace, match,
                                      checkin_intent(session, match), members, now, "checkin"):
                report.checkins += 1
            remind = match.reminder_due_at <= now and not answered
            if remind and rounds.enqueue_checkin(services, session, workspace, match,
                                                 checkin_intent(session, match, reminder=True),
                                                 members, now, "reminder"):
                report.reminders += 1
            if match.reminder_due_at + CLOSE_AFTER_REMINDER <= now:
                match.closed_at = now
                report.auto_paused += _count_ignored(session, workspace, programme, members,
                                                     answered, match, now)


def _count_ignored(session: Session, workspace: Workspace, programme: Programme,
                   members: list[Participant], answered: set[int], match: Match,
                   now: dt.datetime) -> int:
    paused = 0
    for p in members:
        if p.id in answered:
            continue
        p.unresponsive_count += 1
        if p.unresponsive_count >= IGNORED_INTROS_BEFORE_PAUSE and p.status == "active":
            p.status, p.paused_until = "paused", None
            paused += 1
            rounds.enqueue(
                session, workspace, f"m{match.id}:autopause:p{p.id}",
                AutoPaused(programme.name, IGNORED_INTROS_BEFORE_PAUSE),
                users=(p.user_id,), now=now, recipient_id=p.id)
    return paused
