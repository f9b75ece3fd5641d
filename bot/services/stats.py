"""The numbers organisers watch: who takes part, who met, what they learned."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.services import retention
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    Participant,
    Programme,
    Round,
    RoundSummary,
)


@dataclass(frozen=True)
class ProgrammeStats:
    """A programme's figures."""

    programme: str
    participants: int
    active: int
    by_profession: tuple[tuple[str, int], ...]
    rounds: int
    matches: int
    answered_matches: int
    met_matches: int
    average_learning: float | None
    meetings: tuple[tuple[str, str, int], ...]
    shared_learnings: tuple[str, ...]

    @property
    def met_percent(self) -> float | None:
        """Share of matches where anyone answered *Met*, among matches with an answer."""
        if not self.answered_matches:
            return None
        return 100.0 * self.met_matches / self.answered_matches

    def summary(self) -> str:
        """The figures as a few readable lines."""
        met = f"{self.met_percent:.0f}%" if self.met_percent is not None else "no answers yet"
        learning = (f"{self.average_learning:.1f} / 5" if self.average_learning is not None
                    else "no feedback yet")
        lines = [
            f"{self.programme}: {self.participants} participants ({self.active} active), "
            f"{self.rounds} rounds, {self.matches} introductions.",
            f"Met: {met} of answered check-ins. Average learning about the other's role: "
            f"{learning}.",
            "By profession: " + (", ".join(f"{p} {n}" for p, n in self.by_profession) or "none"),
        ]
        if self.meetings:
            lines.append("Professions that met: " + "; ".join(
                f"{a} × {b}: {n}" for a, b, n in self.meetings[:15]))
        return "\n".join(lines)


def programme_stats(services: Services, programme_id: int) -> ProgrammeStats:
    """Compute the programme's figures."""
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        people = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id)))
        rounds = session.scalar(select(func.count(Round.id)).where(
            Round.programme_id == programme_id)) or 0
        all_match_ids = select(Match.id).join(Round, Round.id == Match.round_id).where(
            Round.programme_id == programme_id)
        # A round whose details retention has removed counts from its summary instead.
        summaries = list(session.scalars(select(RoundSummary).where(
            RoundSummary.programme_id == programme_id)))
        match_ids = all_match_ids.where(Round.id.not_in([s.round_id for s in summaries]))
        matches = session.scalar(select(func.count()).select_from(match_ids.subquery())) or 0
        answers = session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer).where(
            CheckinAnswer.match_id.in_(match_ids))).all()
        answered = len({m for m, _ in answers}) + sum(s.answered_groups for s in summaries)
        met = len({m for m, a in answers if a == "met"}) + sum(s.met_groups for s in summaries)
        scored, score_sum = session.execute(select(
            func.count(Feedback.id), func.coalesce(func.sum(Feedback.learned_score), 0)).where(
            Feedback.match_id.in_(match_ids))).one()
        scored += sum(s.feedback_count for s in summaries)
        score_sum += sum(s.learning_score_sum for s in summaries)
        shared = tuple(session.scalars(select(Feedback.learned_text).where(
            Feedback.match_id.in_(all_match_ids), Feedback.share_anonymously.is_(True),
            Feedback.learned_text != "").order_by(Feedback.id)))
        pairs = retention.meetings(session, match_ids)
        for summary in summaries:
            for a, b, n in summary.meetings:
                pairs[(a, b)] += n
        by_profession = Counter(p.profession for p in people)
        return ProgrammeStats(
            programme=programme.name, participants=len(people),
            active=sum(p.status == "active" for p in people),
            by_profession=tuple(sorted(by_profession.items(), key=lambda kv: (-kv[1], kv[0]))),
            rounds=rounds, matches=matches + sum(s.groups for s in summaries),
            answered_matches=answered, met_matches=met,
            average_learning=score_sum / scored if scored else None,
            meetings=tuple((a, b, n) for (a, b), n in sorted(
                pairs.items(), key=lambda kv: (-kv[1], kv[0]))),
            shared_learnings=shared,
        )


def operational_counts(services: Services) -> dict[str, dict[str, int]]:
    """Counts for /metrics: outbox rows by state, participants by status, rounds by state."""
    from bot.store.models import OutboxMessage

    with services.unit_of_work() as session:
        outbox = dict(session.execute(select(OutboxMessage.state, func.count(OutboxMessage.id))
                                      .group_by(OutboxMessage.state)).all())
        people = dict(session.execute(select(Participant.status, func.count(Participant.id))
                                      .group_by(Participant.status)).all())
        rounds = dict(session.execute(select(Round.state, func.count(Round.id))
                                      .group_by(Round.state)).all())
    # Every known state is reported, zero included, so that dashboards see the series.
    return {
        "pairbot_outbox_messages": {k: outbox.get(k, 0) for k in (
            "pending", "sending", "sent", "failed", "cancelled")},
        "pairbot_participants": {k: people.get(k, 0) for k in (
            "active", "paused", "deactivated")},
        "pairbot_rounds": {k: rounds.get(k, 0) for k in ("delivering", "done", "cancelled")},
    }


def prometheus_text(services: Services) -> str:
    """The counts in Prometheus' text format."""
    labels = {"pairbot_outbox_messages": "state", "pairbot_participants": "status",
              "pairbot_rounds": "state"}
    lines = []
    for name, values in operational_counts(services).items():
        lines.append(f"# TYPE {name} gauge")
        lines += [f'{name}{{{labels[name]}="{k}"}} {v}' for k, v in sorted(values.items())]
    return "\n".join(lines) + "\n"
