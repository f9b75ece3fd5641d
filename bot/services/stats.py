"""The numbers organisers watch: who takes part, who met, what they learned."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.core.states import Answer, ParticipantStatus
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
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
        match_ids = select(Match.id).join(Round, Round.id == Match.round_id).where(
            Round.programme_id == programme_id)
        matches = session.scalar(select(func.count()).select_from(match_ids.subquery())) or 0
        answers = session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer).where(
            CheckinAnswer.match_id.in_(match_ids))).all()
        answered = {m for m, _ in answers}
        met = {m for m, a in answers if a == Answer.MET}
        average = session.scalar(select(func.avg(Feedback.learned_score)).where(
            Feedback.match_id.in_(match_ids)))
        shared = tuple(session.scalars(select(Feedback.learned_text).where(
            Feedback.match_id.in_(match_ids), Feedback.share_anonymously.is_(True),
            Feedback.learned_text != "").order_by(Feedback.id)))
        pairs: Counter[tuple[str, str]] = Counter()
        by_match: dict[int, list[str]] = {}
        for match_id, profession in session.execute(select(
                MatchMember.match_id, MatchMember.profession).where(
                MatchMember.match_id.in_(match_ids))):
            by_match.setdefault(match_id, []).append(profession)
        for professions in by_match.values():
            for i, a in enumerate(professions):
                for b in professions[i + 1:]:
                    if a != b:  # two members of one side of a tutorial group
                        pairs[(min(a, b), max(a, b))] += 1
        by_profession = Counter(p.profession for p in people)
        return ProgrammeStats(
            programme=programme.name, participants=len(people),
            active=sum(p.status == ParticipantStatus.ACTIVE for p in people),
            by_profession=tuple(sorted(by_profession.items(), key=lambda kv: (-kv[1], kv[0]))),
            rounds=rounds, matches=matches, answered_matches=len(answered),
            met_matches=len(met), average_learning=float(average) if average else None,
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
