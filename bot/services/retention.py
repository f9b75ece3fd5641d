"""Retention: the daily job that deletes what is kept no longer than the settings allow.

Ages count from the round a record belongs to (`rounds.started_at`), and for
outbox messages from when they were written. Before a round loses any detail
its figures are written to `round_summaries` (groups, answers, met, learning
scores, professions that met), and `stats` reads a summarised round from there,
so the statistics stay true after the details are gone.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.core.states import Answer, OutboxState
from bot.services import console_sessions, erasure, placed, round_tally
from bot.services.context import Retention, Services
from bot.store.models import (
    SLACK_OAUTH_STATES_TABLE,
    Agreement,
    Base,
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Round,
    RoundSummary,
)

logger = logging.getLogger(__name__)
FINISHED = (OutboxState.SENT, OutboxState.FAILED, OutboxState.CANCELLED)


def retention_of(settings: Settings) -> Retention:
    """The retention periods the settings ask for."""
    days = dt.timedelta(days=1)
    return Retention(matches=settings.retain_matches_days * days,
                     answers=settings.retain_answers_days * days,
                     learnings=settings.retain_learnings_days * days,
                     messages=settings.retain_messages_days * days,
                     uninstalled_grace=settings.erase_uninstalled_after_days * days)


@dataclass
class RetentionReport:
    """What one pass removed."""

    summarised_rounds: int = 0
    answers: int = 0
    learnings: int = 0
    matches: int = 0
    messages: int = 0
    workspaces: int = 0
    unreachable: int = 0

    def summary(self) -> str:
        """One line for the log."""
        return (f"rounds summarised: {self.summarised_rounds}; answers deleted: {self.answers}; "
                f"learnings deleted: {self.learnings}; matches deleted: {self.matches}; "
                f"messages deleted: {self.messages}; workspaces erased: {self.workspaces}; "
                f"unreachable people erased: {self.unreachable}")


def apply(services: Services) -> RetentionReport:
    """Apply the retention periods at the clock's instant; idempotent."""
    now, keep = services.now(), services.retention
    report = RetentionReport()
    with services.unit_of_work() as session:
        earliest = now - min(keep.matches, keep.answers, keep.learnings)
        for rnd in session.scalars(select(Round).where(Round.started_at < earliest)):
            report.summarised_rounds += summarise(session, rnd, now)
        report.answers = _delete_answers(session, now - keep.answers)
        report.learnings = _clear_learnings(session, now - keep.learnings)
        thinned = list(session.scalars(select(Round.id).where(
            Round.started_at < now - keep.matches,
            select(Match.id).where(Match.round_id == Round.id).exists())))
        round_tally.details_removed(session, thinned, now)
        placed.details_removed(session, thinned)
        report.matches = _count(session.execute(delete(Match).where(
            Match.round_id.in_(_rounds_before(now - keep.matches)))))
        report.messages = _count(session.execute(delete(OutboxMessage).where(
            OutboxMessage.state.in_(FINISHED), OutboxMessage.created_at < now - keep.messages)))
        report.workspaces = erasure.erase_uninstalled(session, now, keep.uninstalled_grace)
        report.unreachable = erasure.erase_unreachable(session, now, keep.uninstalled_grace)
    if any(vars(report).values()):
        logger.info("retention: %s", report.summary())
    return report


def expired_sign_ins(session: Session, now: dt.datetime) -> int:
    """Delete Slack OAuth states and console sessions past their expiry (housekeeping, every
    minute): anyone can cause them, so they must not pile up. The number deleted."""
    states = Base.metadata.tables[SLACK_OAUTH_STATES_TABLE]
    # slack_sdk writes expire_at as naive UTC.
    removed = _count(session.execute(delete(states).where(
        states.c.expire_at < now.astimezone(dt.UTC).replace(tzinfo=None))))
    return removed + console_sessions.purge_expired(session, now)


def daily(services: Services) -> None:
    """The scheduler's daily job."""
    apply(services)


def _rounds_before(cutoff: dt.datetime):  # type: ignore[no-untyped-def]
    return select(Round.id).where(Round.started_at < cutoff)


def _delete_answers(session: Session, cutoff: dt.datetime) -> int:
    matches = select(Match.id).where(Match.round_id.in_(_rounds_before(cutoff)))
    answers = _count(session.execute(delete(CheckinAnswer).where(
        CheckinAnswer.match_id.in_(matches))))
    return answers + _count(session.execute(delete(Feedback).where(
        Feedback.match_id.in_(matches))))


def _clear_learnings(session: Session, cutoff: dt.datetime) -> int:
    matches = select(Match.id).where(Match.round_id.in_(_rounds_before(cutoff)))
    cleared = _count(session.execute(
        update(Feedback).where(Feedback.match_id.in_(matches), Feedback.learned_text != "")
        .values(learned_text="").execution_options(synchronize_session=False)))
    # Agreements' texts go as feedback text does; the rows stay with their match, so the
    # organisers' count of agreements made does not change by itself.
    return cleared + _count(session.execute(
        update(Agreement).where(Agreement.match_id.in_(matches),
                                (Agreement.learn != "") | (Agreement.offer != "")
                                | (Agreement.confidential != ""))
        .values(learn="", offer="", confidential="")
        .execution_options(synchronize_session=False)))


def summarise(session: Session, rnd: Round, now: dt.datetime) -> int:
    """Write the round's figures once, from its details as they are now; 1 if written."""
    if session.scalar(select(RoundSummary.id).where(RoundSummary.round_id == rnd.id)):
        return 0
    match_ids = select(Match.id).where(Match.round_id == rnd.id)
    groups = session.scalar(select(func.count()).select_from(match_ids.subquery())) or 0
    answers = session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer).where(
        CheckinAnswer.match_id.in_(match_ids))).all()
    feedback_count, score_sum = session.execute(select(
        func.count(Feedback.id), func.coalesce(func.sum(Feedback.learned_score), 0)).where(
        Feedback.match_id.in_(match_ids))).one()
    session.add(RoundSummary(
        round_id=rnd.id, programme_id=rnd.programme_id, groups=groups,
        answered_groups=len({m for m, _ in answers}),
        met_groups=len({m for m, a in answers if a == Answer.MET}),
        feedback_count=int(feedback_count), learning_score_sum=int(score_sum),
        meetings=[[a, b, n] for (a, b), n in sorted(meetings(
            session, sorted({m for m, a in answers if a == Answer.MET})).items())],
        created_at=now))
    session.flush()
    return 1


def meetings(session: Session, match_ids: object) -> Counter[tuple[str, str]]:
    """How often each pair of (different) professions is together in these matches
    (callers pass the matches whose check-in says they met)."""
    pairs: Counter[tuple[str, str]] = Counter()
    by_match: dict[int, list[str]] = {}
    for match_id, profession in session.execute(select(
            MatchMember.match_id, MatchMember.profession).where(
            MatchMember.match_id.in_(match_ids))):  # type: ignore[arg-type]
        by_match.setdefault(match_id, []).append(profession)
    for professions in by_match.values():
        for i, a in enumerate(professions):
            for b in professions[i + 1:]:
                if a != b:  # two members of one side of a tutorial group
                    pairs[(min(a, b), max(a, b))] += 1
    return pairs


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
