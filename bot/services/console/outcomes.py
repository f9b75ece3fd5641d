"""A programme's figures as its overview shows them: each round's outcome, who met whom,
what they learned; read, never written."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.core.evaluation import MIN_GROUP, DomainChange
from bot.core.i18n import N_, _
from bot.core.intents import format_day
from bot.core.states import ParticipantStatus, RoundState
from bot.core.wording import bank_text
from bot.services import (
    evaluation,
    programme_schedule,
    round_tally,
    rounds,
)
from bot.services import participants as people_service
from bot.services.console.access import Viewer, programme_of, workspace_label
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    Participant,
    Programme,
    Round,
    RoundTally,
)

ANSWER_ORDER = round_tally.OUTCOME_ORDER


# A group's outcome in words (marked for the catalogue: the console translates them where
# it shows them, the CSV exports keep them in English).
OUTCOME_LABELS = {"met": N_("Met"), "scheduled": N_("Scheduled"), "not_yet": N_("Not yet"),
                  "not_happening": N_("Not happening"), None: N_("No answer")}
# The same answers counted inside a sentence ("1 met, 1 no answer").
ANSWER_WORDS = {"met": N_("met"), "scheduled": N_("scheduled"), "not_yet": N_("not yet"),
                "not_happening": N_("not happening"), None: N_("no answer")}


def shown(people: int) -> bool:
    """THE small-number rule, for every figure about people's answers: it is shown only
    when at least MIN_GROUP people are behind it."""
    return people >= MIN_GROUP


MET_RATE_DEFINITION = N_("Met rate: the share of a round's groups introduced in which "
                         "someone answered that they met.")


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
    # Groups that said "not yet", and every outcome as the tally holds it (any answer).
    not_yet: int = 0
    outcomes: tuple[tuple[str, int], ...] = ()
    # The reasons given, (answer, reason, how many people), and the met groups' days from
    # the introduction to the first "met".
    reasons: tuple[tuple[str, str, int], ...] = ()
    days_to_meet: tuple[tuple[int, int], ...] = ()

    @property
    def reasons_shown(self) -> tuple[tuple[str, str, int], ...]:
        """The reasons given by MIN_GROUP people or more (fewer are not shown)."""
        return tuple(r for r in self.reasons if shown(r[2]))

    @property
    def reasons_hidden(self) -> int:
        """How many reasons were given by fewer than MIN_GROUP people each."""
        return sum(n for _, _, n in self.reasons if not shown(n))

    @property
    def median_days(self) -> float | None:
        """The median days from the introduction to the meeting, over the met groups
        (shown when MIN_GROUP groups or more met)."""
        values = sorted(d for d, n in self.days_to_meet for _ in range(n))
        if not shown(len(values)):
            return None
        middle = len(values) // 2
        return float(values[middle]) if len(values) % 2 else (
            values[middle - 1] + values[middle]) / 2

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
            return _("No group was introduced.")
        if not self.checkins_due:
            return _("Met rate: check-ins not yet due.")
        if not self.shown:
            return _("Met rate: not shown for fewer than {count} people.").format(
                count=MIN_GROUP)
        return _("Met rate: {rate}% ({met} of {groups} groups met); {answered}% of groups "
                 "answered the check-in.").format(
            rate=f"{self.met_rate:.0f}", met=self.met, groups=self.groups,
            answered=f"{self.answered_rate:.0f}")


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
    # Whether there are more shared learnings than the page was given (`learnings`).
    more_learnings: bool = False


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


def round_figures(programme: Programme, rnd: Round, tally: RoundTally,
                  now: dt.datetime) -> RoundFigures:
    """A round's figures from its tally (kept as answers arrive; services/round_tally.py).
    People are the members of its groups (a term's later meetings match nobody anew, so
    the matcher's own count is 0 there)."""
    due = now >= rnd.started_at + dt.timedelta(days=programme.checkin_after_days)
    outcomes = {k: int(v) for k, v in tally.outcomes.items()}
    answered = sum(outcomes.values())
    order = [*ANSWER_ORDER, *sorted(set(outcomes) - set(ANSWER_ORDER))]
    return RoundFigures(
        period=rnd.period.split("~")[0],
        day=format_day(programme_schedule.local_day(programme, rnd.started_at)), state=rnd.state,
        checkins_due=due, people=tally.people, groups=tally.groups,
        met=outcomes.get("met", 0), scheduled=outcomes.get("scheduled", 0),
        not_yet=outcomes.get("not_yet", 0), not_happening=outcomes.get("not_happening", 0),
        no_answer=max(0, tally.groups - answered),
        outcomes=tuple((k, outcomes[k]) for k in order if outcomes.get(k)),
        learning=tally.learning_sum / tally.learning_count if tally.learning_count else None,
        learning_count=tally.learning_count,
        reasons=tuple(sorted(((answer, reason, int(n)) for answer, given in tally.reasons.items()
                              for reason, n in given.items()), key=lambda r: (r[0], -r[2], r[1]))),
        days_to_meet=tuple(sorted((int(d), int(n)) for d, n in tally.days_to_meet.items())))


def tallies_of(session: Session, programme: Programme, chosen: Sequence[Round],
               now: dt.datetime) -> dict[int, RoundTally]:
    """The chosen rounds' tallies (built once for a round that has none yet)."""
    return round_tally.tallies(session, chosen, now)


def profession_pairs(professions: Iterable[str]) -> Iterable[tuple[str, str]]:
    """Each pair of different professions in a group, in alphabetical order."""
    listed = list(professions)
    for i, a in enumerate(listed):
        for b in listed[i + 1:]:
            if a != b:
                yield (min(a, b), max(a, b))


# Shared learnings a page lists at most, the first ones given (the learnings export has
# them all: a programme of 100,000 has tens of thousands).
LEARNINGS_SHOWN = 100


def overview(services: Services, viewer: Viewer, programme_id: int, *,
             start: dt.date | None = None, end: dt.date | None = None,
             learnings: int | None = None) -> Overview:
    """The programme's figures for its overview page; with `start`/`end` (both included),
    the rounds, matrices and learnings of rounds started in that range only; with
    `learnings`, only the first that many shared learnings. Per-round figures come from
    the rounds' tallies, never from rescanning every match."""
    found = _overview(services, viewer, programme_id, start, end, learnings)
    return replace(found, before_after=evaluation.results(services, programme_id))


def _overview(services: Services, viewer: Viewer, programme_id: int,
              start: dt.date | None = None, end: dt.date | None = None,
              learnings: int | None = None) -> Overview:
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id)
        mine = Participant.programme_id == programme_id
        next_at = rounds.next_round_at(session, programme, now)
        day = programme_schedule.local_day(programme, next_at)
        period = programme_schedule.period_of(programme, next_at)
        # One pass over the programme's people, counted in the database (the next round's
        # size by the rule of participants.is_active_for, as a condition).
        everyone, taking_part, size = (int(n or 0) for n in session.execute(select(
            func.count(Participant.id),
            func.count(Participant.id).filter(Participant.status == ParticipantStatus.ACTIVE),
            func.count(Participant.id).filter(people_service.active_for_clause(day, period)))
            .where(mine)).one())
        all_rounds = [r for r in rounds_in(session, programme_id)
                      if r.state != RoundState.CANCELLED
                      and within(programme_schedule.local_day(programme, r.started_at), start, end)]
        tallies = tallies_of(session, programme, all_rounds, now)
        met: Counter[tuple[str, str]] = Counter()
        introduced: Counter[tuple[str, str]] = Counter()
        for rnd in all_rounds:
            tally = tallies[rnd.id]
            introduced.update({(a, b): n for a, b, n in tally.introduced})
            met.update({(a, b): n for a, b, n in tally.met_pairs})
        professions = set(session.scalars(select(Participant.profession).where(mine)
                                          .distinct()))
        listed = tuple(programme.professions)
        present = tuple(p for p in listed if p in professions)
        extra = sorted(professions - set(listed))
        axis = present + tuple(extra)
        not_met = tuple(pair for pair in possible_pairs(programme, axis) if pair not in met)
        per_round = tuple(round_figures(programme, r, tallies[r.id], now) for r in all_rounds)
        over_time = (*((f.label, f.people) for f in per_round), (_("now"), everyone))
        # Shared learnings are answers too: shown only when MIN_GROUP people gave one.
        shared_rows: list[tuple[str, int]] = []
        more = False
        if shown(sum(tallies[r.id].learning_count for r in all_rounds)):
            in_range = [r.id for r in all_rounds]
            query = (select(Feedback.learned_text, Match.round_id)
                     .join(Match, Match.id == Feedback.match_id)
                     .where(Match.round_id.in_(in_range), Feedback.share_anonymously.is_(True),
                            Feedback.learned_text != "").order_by(Feedback.id))
            if learnings is not None:
                query = query.limit(learnings + 1)
            shared_rows = [(text, round_id) for text, round_id in session.execute(query)]
            if learnings is not None and len(shared_rows) > learnings:
                shared_rows, more = shared_rows[:learnings], True
        # A theme's title in the reader's language (an organiser's own title as written).
        themes = {r.id: bank_text(rounds.round_theme(programme, r).title)
                  for r in all_rounds if r.theme}
        theme_order = list(dict.fromkeys(themes[r.id] for r in all_rounds if r.id in themes))
        by_theme: dict[str, list[str]] = {}
        for text, round_id in shared_rows:
            by_theme.setdefault(themes.get(round_id, _("No theme")), []).append(text)
        met_by_theme = tuple(ThemeFigures(
            theme=theme,
            answered=sum(f.groups - f.no_answer for r, f in zip(all_rounds, per_round,
                                                               strict=True)
                         if themes.get(r.id) == theme),
            met=sum(f.met for r, f in zip(all_rounds, per_round, strict=True)
                    if themes.get(r.id) == theme),
            people=sum(f.people for r, f in zip(all_rounds, per_round, strict=True)
                       if themes.get(r.id) == theme),
            groups=sum(f.groups for r, f in zip(all_rounds, per_round, strict=True)
                       if themes.get(r.id) == theme))
            for theme in theme_order)
        return Overview(
            id=programme.id, name=programme.name, workspace=workspace_label(workspace),
            mode=programme.mode, active=programme.active, participants=everyone,
            taking_part=taking_part,
            participants_over_time=over_time,
            rounds=per_round,
            met=Matrix(axis, dict(met)), introduced=Matrix(axis, dict(introduced)),
            not_met_yet=not_met,
            next_round=format_day(day) if programme.active else _("paused"),
            next_round_size=size, next_round_groups=size // programme.group_size,
            shared_learnings=tuple(text for text, _ in shared_rows), more_learnings=more,
            evaluation_on=bool(programme.evaluation), met_by_theme=met_by_theme,
            learnings_by_theme=tuple((theme, tuple(by_theme[theme])) for theme in sorted(
                by_theme, key=lambda x: theme_order.index(x) if x in theme_order
                else len(theme_order))))


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


def answer_counts(given: Sequence[str | None], *, translated: bool = False) -> str:
    """`1 met, 1 no answer`: each answer counted, in the order of OUTCOME_LABELS (in the
    reader's language when `translated`, else in English, as the exports write it)."""
    counts = Counter(given)
    return ", ".join(f"{counts[key]} {_(word) if translated else word}"
                     for key, word in ANSWER_WORDS.items() if counts[key])


def outcome_label(outcome: str | None) -> str:
    """A group's outcome in the reader's language (`Other` for an answer not listed)."""
    return _(OUTCOME_LABELS.get(outcome, N_("Other")))


def shown_mean(values: Sequence[int]) -> float | None:
    """The average of people's answers, under the one small-number rule."""
    return sum(values) / len(values) if values and shown(len(values)) else None
