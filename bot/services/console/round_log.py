"""A programme's rounds as the console shows them: groups, answers and delivery, newest
first, and what "run now" would run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.i18n import _
from bot.core.intents import format_day
from bot.core.matching.explain import certificate, for_reader
from bot.core.states import OutboxState, ParticipantStatus, RoundState
from bot.services import (
    programme_schedule,
    round_tally,
    rounds,
    terms,
)
from bot.services.console.access import Viewer, programme_of
from bot.services.console.outcomes import (
    OUTCOME_LABELS,
    RoundFigures,
    answer_counts,
    outcome_label,
    round_figures,
    rounds_in,
    shown_mean,
)
from bot.services.console.programme_list import next_round_day
from bot.services.context import Services
from bot.services.outbox import among
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    RoundDelivery,
)


@dataclass(frozen=True)
class MemberView:
    """A place in a group: the person (or a placeholder). Who answered what is never shown
    to organisers, only the group's outcome and the count of each answer."""

    name: str
    profession: str


@dataclass(frozen=True)
class GroupView:
    """A group of a round with its answers and outcome."""

    number: int
    members: tuple[MemberView, ...]
    outcome: str
    reasons: tuple[str, ...]
    # "1 met, 1 no answer": the group's answers counted, not attributed to anyone.
    answers: str = ""
    # The group's average learning score, for the pseudonymous matches export only.
    learning: float | None = None
    match_id: int = 0
    # Members whose partner left or never answered (the latest round only): an organiser
    # may re-match them, as (participant id, name).
    rematchable: tuple[tuple[int, str], ...] = ()
    # A term's group that an organiser may end early (the latest round of a term only).
    may_end: bool = False
    # The group's best answer and each member's answer (None: none yet), as keys: the
    # page words them in the reader's language, the exports in English.
    best: str | None = None
    given: tuple[str | None, ...] = ()

    @property
    def outcome_words(self) -> str:
        """The group's outcome in the reader's language."""
        return outcome_label(self.best)

    @property
    def answers_words(self) -> str:
        """The group's answers counted, in the reader's language ("" for none)."""
        return answer_counts(self.given, translated=True)


@dataclass(frozen=True)
class RoundView:
    """A round with its groups and delivery."""

    id: int
    period: str
    day: str
    state: str
    groups: tuple[GroupView, ...]
    group_count: int
    sent: int
    pending: int
    failed: int
    cancellable: bool
    figures: RoundFigures
    # Whether the round ever sent a message (its own record; outbox rows are purged).
    sent_ever: bool = False

    @property
    def label(self) -> str:
        """The round's period in words ("August 2026")."""
        return rounds.period_label(self.period)

    @property
    def state_words(self) -> str:
        """The round's state as an organiser says it."""
        if self.state == RoundState.CANCELLED:
            return _("cancelled")
        if self.pending:
            return _("sending introductions")
        return _("introductions sent") if self.sent_ever else _("nothing sent yet")
    quality: str = ""  # the matcher's certificate, from the round record


@dataclass(frozen=True)
class _MemberRow:
    participant_id: int | None
    profession: str


# A round's groups listed on its page at most (the matches export has them all).
GROUPS_SHOWN = 300


def rounds_of(services: Services, viewer: Viewer, programme_id: int, *,
              show: int | None = None, every: bool = False) -> list[RoundView]:
    """Every round, newest first, with its figures (from its tally) and delivery; the
    groups and answers of one round only (`show`, else the newest; `every`: all rounds,
    every group), so that the page costs the same however long the history."""
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id)
        all_rounds = rounds_in(session, programme_id)
        now = services.now()
        tallies = round_tally.tallies(session, all_rounds, now)
        wanted = {r.id for r in all_rounds} if every else {
            show if show in {r.id for r in all_rounds} else
            (all_rounds[-1].id if all_rounds else 0)}
        latest = next((r.id for r in reversed(all_rounds)
                       if r.state != RoundState.CANCELLED
                       and group_window_open(programme, r, now)), None)
        terms = {r.id for r in all_rounds if r.term is not None}
        groups_of = {round_id: _groups(session, round_id, None if every else GROUPS_SHOWN,
                                       now if round_id == latest and not every else None,
                                       term=round_id in terms)
                     for round_id in wanted}
        delivery = _delivery(session, [r.id for r in all_rounds])
        out = []
        for rnd in reversed(all_rounds):
            counts = delivery.get(rnd.id, Counter())
            figures = round_figures(programme, rnd, tallies[rnd.id], now)
            out.append(RoundView(
                id=rnd.id, period=rnd.period.split("~")[0],
                day=format_day(programme_schedule.local_day(programme, rnd.started_at)),
                state=rnd.state,
                groups=groups_of.get(rnd.id, ()), group_count=figures.groups,
                sent=counts["sent"], pending=counts["pending"],
                failed=counts["failed"],
                cancellable=never_sent(rnd) and not counts["sent"] and not counts["sending"],
                sent_ever=rnd.first_sent_at is not None, figures=figures,
                quality=certificate(rnd.stats or {})))
        return out


def _groups(session: Session, round_id: int, limit: int | None,
            now: dt.datetime | None = None, *, term: bool = False) -> tuple[GroupView, ...]:
    """A round's groups (the first `limit`), their members by name and answers counted;
    with `now`, who may be re-matched (their partner left or never answered)."""
    query = select(Match.id, Match.reasons, Match.checkin_due_at, Match.ended_early_at).where(
        Match.round_id == round_id).order_by(Match.id)
    matches = session.execute(query.limit(limit) if limit else query).all()
    match_ids = [m for m, _, _, _ in matches]
    # Bound as one array on PostgreSQL (outbox.among): every group of a round of 100,000
    # people is 50,000 ids, over the 65,535 values one statement may bind.
    members: dict[int, list[_MemberRow]] = {}
    for match_id, participant_id, profession in session.execute(
            select(MatchMember.match_id, MatchMember.participant_id, MatchMember.profession)
            .where(among(session, MatchMember.match_id, match_ids))
            .order_by(MatchMember.position)):
        members.setdefault(match_id, []).append(_MemberRow(participant_id, profession))
    people = {mm.participant_id for group in members.values() for mm in group
              if mm.participant_id is not None}
    names, status = {}, {}
    for pid, name, state in session.execute(select(
            Participant.id, Participant.display_name, Participant.status).where(
            among(session, Participant.id, people))):
        names[pid], status[pid] = name, state
    answers = {(m, p): a for m, p, a in session.execute(select(
        CheckinAnswer.match_id, CheckinAnswer.participant_id, CheckinAnswer.answer)
        .where(among(session, CheckinAnswer.match_id, match_ids)))}
    scores = {(m, p): s for m, p, s in session.execute(select(
        Feedback.match_id, Feedback.participant_id, Feedback.learned_score)
        .where(among(session, Feedback.match_id, match_ids)))}
    given: dict[int, list[str]] = {}
    given_by: dict[int, set[int]] = {}
    for (m, who), a in answers.items():
        given.setdefault(m, []).append(a)
        given_by.setdefault(m, set()).add(who)
    return tuple(GroupView(
        number=i + 1,
        members=tuple(MemberView(name=names.get(mm.participant_id or 0, _("someone who left")),
                                 profession=mm.profession)
                      for mm in members.get(match_id, [])),
        outcome=OUTCOME_LABELS.get(round_tally.best(given.get(match_id, [])), "Other"),
        reasons=_worded(reasons or [], names),
        answers=answer_counts([answers.get((match_id, mm.participant_id or 0))
                               for mm in members.get(match_id, [])]),
        best=round_tally.best(given.get(match_id, [])),
        given=tuple(answers.get((match_id, mm.participant_id or 0))
                    for mm in members.get(match_id, [])),
        learning=shown_mean([scores[(match_id, mm.participant_id or 0)]
                             for mm in members.get(match_id, [])
                             if (match_id, mm.participant_id or 0) in scores]),
        match_id=match_id,
        rematchable=_rematchable(members.get(match_id, []), given_by.get(match_id, set()),
                                 status, due, now, names)
        if now is not None and not set(given.get(match_id, [])) & {"met", "scheduled"}
        else (),
        may_end=term and now is not None and ended is None)
        for i, (match_id, reasons, due, ended) in enumerate(matches))


def _worded(reasons: Sequence[Any], names: Mapping[int, str]) -> tuple[str, ...]:
    """A group's stored reasons in the console's language, with the people's names (someone
    who left by a placeholder); reasons stored as text as written."""
    out = []
    for reason in reasons:
        if not isinstance(reason, Mapping):
            out.append(str(reason))
            continue
        shown = [names.get(int(p), _("someone who left")) if str(p).isdigit()
                 else _("someone who left") for p in reason.get("people", ())]
        out.append(str(for_reader(reason, shown, None, terms.YOU_FORMS)))
    return tuple(out)


def _rematchable(members: Sequence[_MemberRow], answered: set[int], status: Mapping[int, str],
                 due: dt.datetime, now: dt.datetime,
                 names: Mapping[int, str]) -> tuple[tuple[int, str], ...]:
    """Members taking part whose partners all left, or none of whom answered a due
    check-in (the rule of group_actions.stranded, from rows already read)."""
    out = []
    for me in members:
        pid = me.participant_id
        if pid is None or status.get(pid) != ParticipantStatus.ACTIVE:
            continue
        others = [m.participant_id for m in members if m is not me]
        here = [o for o in others if o is not None
                and status.get(o) != ParticipantStatus.DEACTIVATED]
        if others and (not here or (due <= now and not answered & set(others))):
            out.append((pid, names.get(pid, "")))
    return tuple(out)


def _delivery(session: Session, round_ids: Sequence[int]) -> dict[int, Counter[str]]:
    out: dict[int, Counter[str]] = {}
    if not round_ids:
        return out
    # Kept by the database as the outbox changes (migration 0021): a few rows a round,
    # not its messages; messages retention deleted stay counted. "pending" counts the rows
    # being sent too.
    for round_id, state, count in session.execute(
            select(RoundDelivery.round_id, RoundDelivery.state, RoundDelivery.messages)
            .where(RoundDelivery.round_id.in_(round_ids))):
        out.setdefault(round_id, Counter())[state] += count
    # The rows being sent now (a batch or two), on the (round_id, state) index.
    for sending_in, count in session.execute(
            select(OutboxMessage.round_id, func.count())
            .where(OutboxMessage.round_id.in_(round_ids),
                   OutboxMessage.state == OutboxState.SENDING)
            .group_by(OutboxMessage.round_id)):
        if sending_in is not None:
            out.setdefault(sending_in, Counter())["sending"] += count
    return out


@dataclass(frozen=True)
class PeriodState:
    """What "run now" would run: this period, and whether it has run already."""

    period: str
    ran: bool
    next_round: str

    @property
    def label(self) -> str:
        """The period in words."""
        return rounds.period_label(self.period)


def this_period(services: Services, viewer: Viewer, programme_id: int) -> PeriodState:
    """The period a round run now belongs to, and whether it has run."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id)
        period = programme_schedule.period_of(programme, now)
        return PeriodState(period=period, ran=rounds.round_exists(session, programme_id, period),
                           next_round=next_round_day(session, programme, now))


def never_sent(rnd: Round) -> bool:
    """Whether a round may be cancelled: not cancelled already and, by its own record,
    never sent anything (never inferred from outbox rows, which retention deletes)."""
    return rnd.state != RoundState.CANCELLED and rnd.first_sent_at is None


def group_window_open(programme: Programme, rnd: Round, now: dt.datetime) -> bool:
    """Whether a round's groups can still be acted on: until the programme's next round
    after it is due (after that its people are grouped again anyway)."""
    return now < programme_schedule.next_round_at(programme, rnd.started_at)
