"""The before-and-after evaluation: store each person's self-ratings, and give organisers
only the paired, suppressed aggregates of bot/core/evaluation.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.core import evaluation as ev
from bot.services.context import Services
from bot.store.models import EvaluationAnswer, Participant, Programme


@dataclass(frozen=True)
class Recorded:
    """The answers were stored (`answered` domains; the rest were skipped)."""

    programme: str
    stage: ev.Stage
    answered: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    """The answers could not be stored; `message` is one sentence for the person."""

    message: str


def evaluation_on(programme: Programme) -> bool:
    """Whether the programme asks the before-and-after questions (on by default)."""
    return str(getattr(programme, "evaluation", "on") or "on") != "off"


def record(services: Services, participant_id: int, stage: ev.Stage, values: Mapping[str, object],
           *, term: int = 0) -> Recorded | Refused:
    """Store one questionnaire; answering the same stage again replaces the earlier answers."""
    try:
        scores = ev.parse_answers(values)
    except ev.EvaluationError as exc:
        return Refused(str(exc))
    now = services.now()
    with services.unit_of_work() as session:
        person = session.get(Participant, participant_id)
        if person is None:
            return Refused("You are no longer in this programme, so the answers were not kept.")
        programme = session.get_one(Programme, person.programme_id)
        if stage is ev.Stage.BASELINE:
            term = 0
        session.execute(delete(EvaluationAnswer).where(
            EvaluationAnswer.participant_id == person.id, EvaluationAnswer.stage == stage.value,
            EvaluationAnswer.term == term))
        session.add_all(EvaluationAnswer(participant_id=person.id, programme_id=programme.id,
                                         stage=stage.value, term=term, domain=domain,
                                         score=score, answered_at=now)
                        for domain, score in scores.items())
        return Recorded(programme.name, stage, tuple(d for d in ev.DOMAINS if d in scores))


def has_baseline(session: Session, participant_id: int) -> bool:
    """Whether the person has answered (any of) the baseline questions."""
    return session.scalar(select(EvaluationAnswer.id).where(
        EvaluationAnswer.participant_id == participant_id,
        EvaluationAnswer.stage == ev.Stage.BASELINE.value).limit(1)) is not None


def results(services: Services, programme_id: int) -> tuple[ev.DomainChange, ...]:
    """Per domain, the change from baseline to the latest follow-up; no individual answers,
    nothing for fewer than five people."""
    with services.unit_of_work() as session:
        rows = session.execute(select(
            EvaluationAnswer.participant_id, EvaluationAnswer.stage, EvaluationAnswer.domain,
            EvaluationAnswer.score, EvaluationAnswer.term).where(
            EvaluationAnswer.programme_id == programme_id)).all()
    return ev.changes(ev.Answer(str(pid), ev.Stage(stage), domain, score, term)
                      for pid, stage, domain, score, term in rows)


def summary_lines(changes: Sequence[ev.DomainChange]) -> list[str]:
    """The evaluation as lines for `admin stats` and the console."""
    return ["Before and after (self-rated, 1-5):", *(f"• {c.describe()}" for c in changes)]
