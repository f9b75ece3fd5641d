"""A programme's figures as its overview shows them: each round's outcome, who met whom,
what they learned; read, never written."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bot.core.evaluation import MIN_GROUP, DomainChange
from bot.core.intents import format_day
from bot.core.states import Answer, ParticipantStatus, RoundState
from bot.services import (
    evaluation,
    programme_schedule,
    rounds,
    stats,
)
from bot.services import participants as people_service
from bot.services.console.access import Viewer, programme_of, workspace_label
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    RoundSummary,
)

ANSWER_ORDER = ("met", "scheduled", "not_happening")


OUTCOME_LABELS = {"met": "Met", "scheduled": "Scheduled", "not_happening": "Not happening",
                  None: "No answer"}


def shown(people: int) -> bool:
    """THE small-number rule, for every figure about people's answers: it is shown only
    when at least MIN_GROUP people are behind it."""
    return people >= MIN_GROUP


MET_RATE_DEFINITION = ("Met rate: the share of a round's groups introduced in which someone "
                       "answered that they met.")


@dataclass(frozen=True)
class RoundFigures:
    """One round's outcome, counted per group by its best answer."""

    period: str
    day: str
    state: str
    people: int
    groups: int
    met: int
    scheduled: int
    not_happening: int
    no_answer: int
    learning: float | None
    # Whether the round's check-ins have been asked: before that, no rate means anything.
    checkins_due: bool = True
    # How many people gave a learning score (the average is shown for MIN_GROUP or more).
    learning_count: int = 0

    @property
    def label(self) -> str:
        """The round's period in words ("August 2026")."""
        return rounds.period_label(self.period)

    @property
    def shown(self) -> bool:
        """Whether enough people were in the round's groups to show its answers."""
        return shown(self.people)

    @property
    def met_rate(self) -> float | None:
        """Met groups over groups introduced (THE met rate); None when not yet due, with
        no group, or for fewer than MIN_GROUP people."""
        if not self.groups or not self.checkins_due or not self.shown:
            return None
        return 100.0 * self.met / self.groups

    @property
    def answered_rate(self) -> float | None:
        """The share of groups in which anyone answered the check-in (a separate figure)."""
        if not self.groups or not self.checkins_due or not self.shown:
            return None
        return 100.0 * (self.groups - self.no_answer) / self.groups

    @property
    def learning_shown(self) -> float | None:
        """The average learning score, for MIN_GROUP people or more."""
        return self.learning if shown(self.learning_count) else None

    def met_sentence(self) -> str:
        """The round's met rate in words, or why there is none."""
        if not self.groups:
            return "No group was introduced."
        if not self.checkins_due:
            return "Met rate: check-ins not yet due."
        if not self.shown:
            return f"Met rate: not shown for fewer than {MIN_GROUP} people."
        return (f"Met rate: {self.met_rate:.0f}% ({self.met} of {self.groups} groups met); "
                f"{self.answered_rate:.0f}% of groups answered the check-in.")


@dataclass(frozen=True)
class Matrix:
    """Profession × profession counts (symmetric)."""

    professions: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]

    def get(self, a: str, b: str) -> int:
        """The count for a pair in either order."""
        return self.counts.get((min(a, b), max(a, b)), 0)

    @property
    def total(self) -> int:
        """Every pair counted once."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Overview:
    """A programme's page: who takes part, who met, what they learned."""

    id: int
    name: str
    workspace: str
    mode: str
    active: bool
    participants: int
    taking_part: int
    participants_over_time: tuple[tuple[str, int], ...]
    rounds: tuple[RoundFigures, ...]
    met: Matrix
    introduced: Matrix
    not_met_yet: tuple[tuple[str, str], ...]
    next_round: str
    next_round_size: int
    next_round_groups: int
    shared_learnings: tuple[str, ...]
    # The before-and-after evaluation per question (suppressed below 5 people), met rate
    # per theme (theme, groups answered, groups met, people in them) and shared
    # learnings grouped by the theme of the meeting they came from.
    evaluation_on: bool = True
    before_after: tuple[DomainChange, ...] = ()
    met_by_theme: tuple[ThemeFigures, ...] = ()
    learnings_by_theme: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ThemeFigures:
    """How the meetings of one theme went; the rate is shown for 5 people or more."""

    theme: str
    answered: int
    met: int
    people: int

    @property
    def shown(self) -> bool:
        """Whether enough people are behind the figure to show it."""
        return shown(self.people)

    groups: int = 0

    @property
    def met_rate(self) -> float | None:
        """Met groups over groups introduced in the theme's meetings (THE met rate)."""
        return 100.0 * self.met / self.groups if self.groups and self.shown else None


@dataclass
class Figures:
    """Per-match answers, gathered once for a programme."""

    answers: dict[int, list[str]] = field(default_factory=dict)
    learning: dict[int, list[int]] = field(default_factory=dict)

    def outcome(self, match_id: int) -> str | None:
        """The group's best answer: met, else scheduled, else not happening, else None."""
        given = self.answers.get(match_id, [])
        return next((a for a in ANSWER_ORDER if a in given), None)


def rounds_in(session: Session, programme_id: int) -> list[Round]:
    """The programme's rounds, oldest first."""
    return list(session.scalars(select(Round).where(Round.programme_id == programme_id)
                                .order_by(Round.ordinal)))


def match_ids_of(programme_id: int) -> Select[Any]:
    """The programme's match ids as a subquery (a list of thousands would be bound one by one,
    past SQLite's limit of bound parameters)."""
    return select(Match.id).join(Round, Round.id == Match.round_id).where(
        Round.programme_id == programme_id)


def answers_of(session: Session, match_ids: Select[Any]) -> Figures:
    """The check-in answers and learning scores of the given matches."""
    figures = Figures()
    for match_id, answer in session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer)
                                            .where(CheckinAnswer.match_id.in_(match_ids))):
        figures.answers.setdefault(match_id, []).append(answer)
    for match_id, score in session.execute(select(Feedback.match_id, Feedback.learned_score)
                                           .where(Feedback.match_id.in_(match_ids))):
        figures.learning.setdefault(match_id, []).append(score)
    return figures


@dataclass(frozen=True)
class MatchRow:
    # Plain rows, not ORM objects: a big programme has thousands of groups.
    id: int
    reasons: Sequence[str]


def groups_by_round(session: Session, programme_id: int) -> dict[int, list[MatchRow]]:
    """The programme's groups as plain rows, by round."""
    by_round: dict[int, list[MatchRow]] = {}
    for match_id, round_id, reasons in session.execute(
            select(Match.id, Match.round_id, Match.reasons)
            .join(Round, Round.id == Match.round_id)
            .where(Round.programme_id == programme_id).order_by(Match.id)):
        by_round.setdefault(round_id, []).append(MatchRow(match_id, reasons or []))
    return by_round


def round_figures(programme: Programme, rnd: Round, matches: Sequence[MatchRow],
                   figures: Figures, sizes: Mapping[int, int], now: dt.datetime,
                   summary: RoundSummary | None = None) -> RoundFigures:
    """A round's figures from its groups, or from its summary once retention removed them.
    People are the members of its groups (a term's later meetings match nobody anew, so
    the matcher's own count is 0 there)."""
    due = now >= rnd.started_at + dt.timedelta(days=programme.checkin_after_days)
    common: dict[str, Any] = {"period": rnd.period.split("~")[0],
                              "day": format_day(programme_schedule.local_day(programme,
                                                                             rnd.started_at)),
                              "state": rnd.state, "checkins_due": due}
    if not matches and summary is not None:
        return RoundFigures(
            **common, people=int(rnd.stats.get("people", 0) or 0), groups=summary.groups,
            met=summary.met_groups, scheduled=0, not_happening=0,
            no_answer=summary.groups - summary.answered_groups,
            learning=(summary.learning_score_sum / summary.feedback_count
                      if summary.feedback_count else None),
            learning_count=summary.feedback_count)
    outcomes = Counter(figures.outcome(m.id) for m in matches)
    scores = [s for m in matches for s in figures.learning.get(m.id, [])]
    return RoundFigures(
        **common, people=sum(sizes.get(m.id, 0) for m in matches), groups=len(matches),
        met=outcomes["met"], scheduled=outcomes["scheduled"],
        not_happening=outcomes["not_happening"], no_answer=outcomes[None],
        learning=sum(scores) / len(scores) if scores else None, learning_count=len(scores))


def summaries_of(session: Session, programme_id: int) -> dict[int, RoundSummary]:
    """The programme's round summaries, by round id."""
    return {s.round_id: s for s in session.scalars(select(RoundSummary).where(
        RoundSummary.programme_id == programme_id))}


def profession_pairs(professions: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Each pair of different professions in a group, in alphabetical order."""
    listed = list(professions)
    for i, a in enumerate(listed):
        for b in listed[i + 1:]:
            if a != b:
                yield (min(a, b), max(a, b))


def overview(services: Services, viewer: Viewer, programme_id: int, *,
             start: dt.date | None = None, end: dt.date | None = None) -> Overview:
    """The programme's figures for its overview page; with `start`/`end` (both included),
    the rounds, matrices and learnings of rounds started in that range only."""
    found = _overview(services, viewer, programme_id, start, end)
    figures = stats.programme_stats(services, programme_id)
    return replace(
        found, before_after=evaluation.results(services, programme_id),
        met_by_theme=tuple(ThemeFigures(theme=theme, answered=answered, met=met, people=people,
                                        groups=groups)
                           for theme, answered, met, people, groups in figures.met_by_theme),
        learnings_by_theme=figures.learnings_by_theme if found.shared_learnings else ())


def _overview(services: Services, viewer: Viewer, programme_id: int,
              start: dt.date | None = None, end: dt.date | None = None) -> Overview:
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id)
        everyone = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id)))
        all_rounds = [r for r in rounds_in(session, programme_id) if r.state != RoundState.CANCELLED
                      and within(programme_schedule.local_day(programme, r.started_at), start, end)]
        by_round = groups_by_round(session, programme_id)
        match_list = [m for r in all_rounds for m in by_round.get(r.id, [])]
        ids = match_ids_of(programme_id)
        figures = answers_of(session, ids)
        professions_of: dict[int, list[str]] = {}
        for match_id, profession in session.execute(
                select(MatchMember.match_id, MatchMember.profession)
                .where(MatchMember.match_id.in_(ids)).order_by(MatchMember.position)):
            professions_of.setdefault(match_id, []).append(profession)
        met: Counter[tuple[str, str]] = Counter()
        introduced: Counter[tuple[str, str]] = Counter()
        for match in match_list:
            pairs = list(profession_pairs(professions_of.get(match.id, [])))
            introduced.update(pairs)
            if figures.outcome(match.id) == Answer.MET:
                met.update(pairs)
        listed = tuple(programme.professions)
        present = tuple(p for p in listed if any(x.profession == p for x in everyone))
        extra = sorted({x.profession for x in everyone} - set(listed))
        axis = present + tuple(extra)
        not_met = tuple(pair for pair in possible_pairs(programme, axis) if pair not in met)
        next_at = rounds.next_round_at(session, programme, now)
        day = programme_schedule.local_day(programme, next_at)
        period = programme_schedule.period_of(programme, next_at)
        size = sum(people_service.is_active_for(p, day, period) for p in everyone)
        sizes = {m: len(p) for m, p in professions_of.items()}
        summaries = summaries_of(session, programme_id)
        per_round = tuple(round_figures(programme, r, by_round.get(r.id, []), figures,
                                        sizes, now, summaries.get(r.id))
                          for r in all_rounds)
        over_time = (*((f.label, f.people) for f in per_round), ("now", len(everyone)))
        # Shared learnings are answers too: shown only when MIN_GROUP people gave one.
        shared: tuple[str, ...] = ()
        in_range = {m.id for m in match_list}
        if shown(sum(len(v) for m, v in figures.learning.items() if m in in_range)):
            shared = tuple(text for text, match_id in session.execute(select(
                Feedback.learned_text, Feedback.match_id).where(
                Feedback.match_id.in_(ids),
                Feedback.share_anonymously.is_(True), Feedback.learned_text != "")
                .order_by(Feedback.id)) if match_id in in_range)
        return Overview(
            id=programme.id, name=programme.name, workspace=workspace_label(workspace),
            mode=programme.mode, active=programme.active, participants=len(everyone),
            taking_part=sum(p.status == ParticipantStatus.ACTIVE for p in everyone),
            participants_over_time=over_time,
            rounds=per_round,
            met=Matrix(axis, dict(met)), introduced=Matrix(axis, dict(introduced)),
            not_met_yet=not_met,
            next_round=format_day(day) if programme.active else "paused",
            next_round_size=size, next_round_groups=size // programme.group_size,
            shared_learnings=shared, evaluation_on=bool(programme.evaluation))


def within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a day falls in the range (an open end includes everything)."""
    return (start is None or day >= start) and (end is None or day <= end)


def possible_pairs(programme: Programme, professions: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of professions the programme's rules allow to meet."""
    if programme.mode == "two-sided":
        side_a = set(programme.sides.get("A", []))
        side_b = set(programme.sides.get("B", []))
        return sorted({(min(a, b), max(a, b)) for a in professions for b in professions
                       if a in side_a and b in side_b})
    return sorted(set(profession_pairs(professions)))


def answer_counts(given: Sequence[str | None]) -> str:
    """`1 met, 1 no answer`: each answer counted, in the order of OUTCOME_LABELS."""
    counts = Counter(given)
    return ", ".join(f"{counts[key]} {label.lower()}" for key, label in OUTCOME_LABELS.items()
                     if counts[key])


def shown_mean(values: Sequence[int]) -> float | None:
    """The average of people's answers, under the one small-number rule."""
    return sum(values) / len(values) if values and shown(len(values)) else None
