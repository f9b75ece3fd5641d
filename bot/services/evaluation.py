"""The before-and-after evaluation: store each person's self-ratings, and give organisers
only the paired, suppressed aggregates of bot/core/evaluation.py."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.core import evaluation as ev
from bot.core import instruments as inst
from bot.core import outcomes
from bot.core.intents import EvaluationRequest
from bot.core.states import ParticipantStatus
from bot.services import outbox
from bot.services.context import Services
from bot.services.participants import Joined, memberships
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import (
    EvaluationAnswer,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    Workspace,
)


@dataclass(frozen=True)
class Recorded:
    """The answers were stored (`answered` domains; the rest were skipped)."""

    programme: str
    stage: ev.Stage
    answered: tuple[str, ...]
    # How many items a programme's own instrument asked at this stage (None: pairbot-5).
    asked: int | None = None


@dataclass(frozen=True)
class Refused:
    """The answers could not be stored; `message` is one sentence for the person."""

    message: str


_MISSING = ("This programme's evaluation questionnaire is not installed any more, so the "
            "answers were not kept.")


def instrument_id(programme: Programme) -> str:
    """The programme's setting `instrument` (pairbot-5 until it is set)."""
    return programme.instrument or inst.DEFAULT_ID


def instrument_of(services: Services, programme: Programme) -> inst.Instrument | None:
    """The programme's instrument from the deployment's catalogue (None when not offered)."""
    return services.instruments.get(instrument_id(programme))


def evaluation_on(programme: Programme) -> bool:
    """Whether the programme asks the before-and-after questions (on by default)."""
    value = getattr(programme, "evaluation", True)
    return value not in (False, "off", 0)


def record(services: Services, participant_id: int, stage: ev.Stage, values: Mapping[str, object],
           *, term: int = 0) -> Recorded | Refused:
    """Store one questionnaire; answering the same stage again replaces the earlier answers."""
    now = services.now()
    with services.unit_of_work() as session:
        person = session.get(Participant, participant_id)
        if person is None:
            return Refused("You are no longer in this programme, so the answers were not kept.")
        programme = session.get_one(Programme, person.programme_id)
        instrument = instrument_of(services, programme)
        if instrument is None:
            return Refused(_MISSING)
        try:
            scores = instrument.parse(values)
        except inst.InstrumentAnswerError as exc:
            return Refused(str(exc))
        if stage is ev.Stage.BASELINE:
            term = 0
        session.execute(delete(EvaluationAnswer).where(
            EvaluationAnswer.participant_id == person.id, EvaluationAnswer.stage == stage.value,
            EvaluationAnswer.term == term))
        session.add_all(EvaluationAnswer(participant_id=person.id, programme_id=programme.id,
                                         stage=stage.value, term=term, domain=domain,
                                         score=score, answered_at=now)
                        for domain, score in scores.items())
        return Recorded(programme.name, stage,
                        tuple(it.id for it in instrument.items if it.id in scores),
                        None if instrument.id == inst.DEFAULT_ID
                        else len(instrument.form(inst.stage_form(stage.value))))


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


def summary(services: Services, programme_id: int) -> list[str]:
    """`admin stats`' evaluation: the before-and-after lines, then the statistics of the
    programme's instrument (bot/core/outcomes.py), everything suppressed below 5 people."""
    lines = summary_lines(results(services, programme_id))
    figures = outcome_figures(services, programme_id)
    if isinstance(figures, Refused):
        return [*lines, figures.message]
    return [*lines, "Change with its 95 % confidence interval, Wilcoxon signed-rank test and "
            "rank-biserial effect size:", *(f"• {f.describe()}" for f in figures)]


def stage_of(value: object) -> ev.Stage | None:
    """A stage named by a form or card (None when it names none)."""
    try:
        return ev.Stage(str(value))
    except ValueError:
        return None


def request_for(services: Services, programme_id: int, stage: str, term: int = 0
                ) -> EvaluationRequest:
    """The questionnaire of a programme's stage, with its instrument's questions when the
    programme does not use the bundled pairbot-5."""
    with services.unit_of_work() as session:
        programme = session.get(Programme, programme_id)
        if programme is None:  # a stale form: answering it says the form has expired
            return EvaluationRequest(programme_id, "", stage, term)
        return _request(services, programme, stage, term)


def _request(services: Services, programme: Programme, stage: str, term: int = 0
             ) -> EvaluationRequest:
    instrument = instrument_of(services, programme)
    if instrument is None or instrument.id == inst.DEFAULT_ID:
        return EvaluationRequest(programme.id, programme.name, stage, term)
    return EvaluationRequest(
        programme.id, programme.name, stage, term,
        questions=tuple((it.id, it.text) for it in instrument.form(inst.stage_form(stage))),
        scale=instrument.scale.choices(), instrument=instrument.name)


def baseline_requests(services: Services, saved: object) -> tuple[EvaluationRequest, ...]:
    """Right after joining (`saved` is save_profile's answer): the baseline questionnaire,
    when the programme has evaluation on and the person has not answered it; nothing after
    a profile edit."""
    if not isinstance(saved, Joined):
        return ()
    with services.unit_of_work() as session:
        programme = session.get(Programme, saved.programme_id)
        if programme is None or not evaluation_on(programme):
            return ()
        return (_request(services, programme, ev.Stage.BASELINE.value),)


def answer(services: Services, platform: str, workspace: str, user_id: str,
           programme_id: int | None, stage: ev.Stage | None, values: Mapping[str, object],
           *, term: int = 0) -> Recorded | Refused:
    """A questionnaire submitted from a platform's form: stored through `record`; all
    questions skipped stores (and replaces) nothing."""
    if programme_id is None or stage is None:
        return Refused("This form has expired, so nothing was stored.")
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        person = next((p for p in memberships(session, ws.id, user_id)
                       if p.programme_id == programme_id), None)
        if person is None:
            return Refused("You are not in this programme, so the answers were not kept.")
        programme = session.get_one(Programme, programme_id)
        person_id, name = person.id, programme.name
        instrument = instrument_of(services, programme)
    if instrument is None:
        return Refused(_MISSING)
    try:
        skipped = not instrument.parse(values)
    except inst.InstrumentAnswerError as exc:
        return Refused(str(exc))
    if skipped:
        return Recorded(name, stage, ())
    return record(services, person_id, stage, values, term=term)


def ask_follow_ups(session: Session, workspace: Workspace, programme: Programme, rnd: Round,
                   now: dt.datetime, *, term_rounds: int | None = None,
                   services: Services | None = None) -> int:
    """After a round's intros: when the round ends a term (or a block of rounds in a
    rotating programme), one follow-up questionnaire per member, by reference, sent with
    the meeting's check-in (after the last meeting); returns how many were added.
    `term_rounds` is the length of this term when it differs from the programme's setting
    (terms on set dates)."""
    term_format = str(programme.format) == "term"
    if not evaluation_on(programme) or not ev.follow_up_due(
            term_format=term_format, round_in_term=rnd.round_in_term or 0,
            term_rounds=term_rounds or programme.term_rounds, ordinal=rnd.ordinal):
        return 0
    term = (rnd.term or 0) if term_format else rnd.ordinal // ev.ROTATING_FOLLOW_UP_EVERY
    members = sorted({pid for pid in session.scalars(
        select(MatchMember.participant_id).join(Match, Match.id == MatchMember.match_id)
        .join(Participant, Participant.id == MatchMember.participant_id)
        .where(Match.round_id == rnd.id, Participant.status != ParticipantStatus.DEACTIVATED))
        if pid is not None})
    # With the services, the request carries a non-default instrument's questions.
    ref = outbox.ref_of(
        _request(services, programme, ev.Stage.FOLLOW_UP.value, term) if services is not None
        else EvaluationRequest(programme.id, programme.name, ev.Stage.FOLLOW_UP.value, term))
    return len(outbox.add(session, [
        outbox.Row(key=f"r{rnd.id}:evaluation:p{pid}", workspace_id=workspace.id, ref=ref,
                   now=now, round_id=rnd.id, recipient_id=pid,
                   not_before=now + dt.timedelta(days=programme.checkin_after_days))
        for pid in members]))


def _answers_by_person(session: Session, programme_id: int
                       ) -> dict[int, tuple[dict[str, int], dict[str, int], int | None]]:
    """Per participant: baseline answers, latest follow-up answers and that follow-up's term."""
    people: dict[int, tuple[dict[str, int], dict[str, int], int | None]] = {}
    rows = session.execute(select(
        EvaluationAnswer.participant_id, EvaluationAnswer.stage, EvaluationAnswer.term,
        EvaluationAnswer.domain, EvaluationAnswer.score).where(
        EvaluationAnswer.programme_id == programme_id)
        .order_by(EvaluationAnswer.participant_id, EvaluationAnswer.term)).all()
    for pid, stage, term, domain, score in rows:
        before, after, latest = people.setdefault(pid, ({}, {}, None))
        if stage == ev.Stage.BASELINE.value:
            before[domain] = score
            continue
        if latest is None or term > latest:
            after = {}
            latest = term
        after[domain] = score
        people[pid] = (before, after, latest)
    return people


def outcome_figures(services: Services, programme_id: int
                    ) -> tuple[outcomes.Figure, ...] | Refused:
    """The organiser's figures for the programme's instrument (bot/core/outcomes.py):
    per item, subscale and whole scale; nothing for fewer than five people."""
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        instrument = instrument_of(services, programme)
        people = _answers_by_person(session, programme_id)
    if instrument is None:
        return Refused(f"The evaluation instrument '{instrument_id(programme)}' is not "
                       "installed here, so no figures can be given.")
    paired = [outcomes.Paired(str(pid), instrument.score(before), instrument.score(after))
              for pid, (before, after, _) in people.items() if before and after]
    return outcomes.figures(instrument, paired)


SUPPRESSED = "suppressed"


def research_rows(services: Services, programme_id: int,
                  rng: random.Random | None = None) -> list[list[object]]:
    """The anonymised research export, header first: one row per person who answered, in a
    random order, with a random id (new in every export), the profession group, side, term
    of the follow-up, and the answers before and after item by item. No names, professions
    or free text; a profession group or side with fewer than five people is shown as
    'suppressed', and a programme with fewer than five people exports the header only."""
    rng = rng or random.SystemRandom()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        instrument = instrument_of(services, programme)
        people = _answers_by_person(session, programme_id)
        who = {p.id: (p.profession, p.side) for p in session.scalars(
            select(Participant).where(Participant.id.in_(list(people))))}
    if instrument is None:
        return [["The evaluation instrument is not installed here."]]
    ids = [it.id for it in instrument.items]
    header: list[object] = ["research_id", "profession_group", "side", "term",
                            *(f"before_{i}" for i in ids), *(f"after_{i}" for i in ids)]
    rows = [pid for pid in people if pid in who]
    if len(rows) < outcomes.MIN_PEOPLE:
        return [header]
    groups = {pid: services.bank.group_of(who[pid][0]) or "other" for pid in rows}
    group_sizes = Counter(groups.values())
    side_sizes = Counter(who[pid][1] for pid in rows)
    labels = rng.sample(range(10_000, 100_000), len(rows))
    rng.shuffle(rows)
    table: list[list[object]] = [header]
    for pid, label in zip(rows, labels, strict=True):
        before, after, term = people[pid]
        group, side = groups[pid], who[pid][1]
        table.append([
            f"R{label}",
            group if group_sizes[group] >= outcomes.MIN_PEOPLE else SUPPRESSED,
            (side or "") if side_sizes[side] >= outcomes.MIN_PEOPLE else SUPPRESSED,
            "" if term is None else term,
            *(before.get(i, "") for i in ids), *(after.get(i, "") for i in ids)])
    return table

