"""Rounds: preview, claim and run one; its matches and messages in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core import availability, i18n, matching
from bot.core import journey as journeys
from bot.core.icebreakers import Member as GuideMember
from bot.core.intents import Intent, format_day
from bot.core.matching import explain
from bot.core.matching.explain import certificate
from bot.core.states import Answer, Mode, ParticipantStatus, RoundState
from bot.observability import metrics
from bot.services import (
    evaluation,
    meeting_times,
    outbox,
    placed,
    programme_schedule,
    round_tally,
)
from bot.services import terms as term_rounds
from bot.services.audit_log import audit
from bot.services.context import Services
from bot.services.participants import is_active_for
from bot.services.programme_schedule import local_day, period_of
from bot.services.programme_settings import match_config
from bot.store import bulk
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    Workspace,
)

logger = logging.getLogger(__name__)
REMINDER_AFTER = dt.timedelta(days=7)
# Left-out notices wait until the intros are out: someone freed by an unreachable
# partner can then be re-matched with them instead of being told "not this time".
UNPAIRED_NOTICE_DELAY = dt.timedelta(minutes=15)
ICEBREAKER_VARIANTS = 64


@dataclass(frozen=True)
class PlannedGroup:
    """A group as an organiser previews it."""

    members: tuple[str, ...]
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RoundPlan:
    """What a round would do (preview) or did (run)."""

    programme: str
    period: str
    round_on: str
    eligible: int
    not_taking_part: int
    groups: tuple[PlannedGroup, ...]
    unpaired: tuple[tuple[str, str], ...]
    round_id: int | None = None
    quality: str = ""  # the matcher's certificate: proven best, or the gap to its bound
    # A preview of "run now" ahead of the period's scheduled day: that day, in words.
    scheduled_on: str = ""
    # The hard rules beyond professions and history that this round kept, in words
    # (never naming anyone, and never a do-not-pair list: those are private).
    rules: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The round's period in words."""
        return period_label(self.period)

    @property
    def when(self) -> str:
        """The round's day, and its scheduled day when run ahead of it."""
        if self.scheduled_on and self.scheduled_on != self.round_on:
            return i18n._("{day} if run now; scheduled for {scheduled}").format(
                day=self.round_on, scheduled=self.scheduled_on)
        return self.round_on

    def summary(self) -> str:
        """A few lines an organiser can read."""
        grouped = sum(len(g.members) for g in self.groups)
        lines = [
            i18n._("{programme}, round {round} ({when}): {eligible} taking part, {paused} "
                   "paused or skipping.").format(
                       programme=self.programme, round=self.label, when=self.when,
                       eligible=self.eligible, paused=self.not_taking_part),
            i18n._("{groups} groups, {people} people introduced, {left_out} left out.").format(
                groups=len(self.groups), people=grouped, left_out=len(self.unpaired)),
        ]
        if self.quality:
            lines.append(self.quality)
        lines += list(self.rules)
        lines += ["• " + i18n._("{name} is left out: {reason}").format(name=name, reason=reason)
                  for name, reason in self.unpaired]
        return "\n".join(lines)


def period_label(period: str) -> str:
    """A period in words: `2026-08` is "August 2026", `2026-W49` "week 49 of 2026"."""
    name = period.split("~")[0]
    year, _sep, rest = name.partition("-")
    if rest.startswith("W") and rest[1:].isdigit():
        return i18n._("week {week} of {year}").format(week=int(rest[1:]), year=year)
    if rest.isdigit() and 1 <= int(rest) <= 12 and year.isdigit():
        # Babel's month names, in the reader's language.
        return i18n.format_month(int(year), int(rest))
    return name


class RoundTaken(Exception):
    """Another process (or an earlier run) already claimed this programme's period."""


def seed_for(programme_id: int, period: str) -> int:
    """A stable seed per round, so that every replica would compute the same matching."""
    digest = hashlib.sha256(f"{programme_id}:{period}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


PEOPLE_COLUMNS = (Participant.id, Participant.user_id, Participant.display_name,
                  Participant.profession, Participant.learn, Participant.side,
                  Participant.status, Participant.paused_until, Participant.skip_period,
                  Participant.unpaired_last_round, Participant.windows, Participant.away,
                  Participant.site, Participant.team, Participant.manager_id,
                  Participant.avoid)


def _eligible(session: Session, programme: Programme, day: dt.date,
              period: str) -> tuple[list[Any], int]:
    # Plain rows, not ORM objects: a round reads every participant of the programme.
    everyone = session.connection().execute(select(*PEOPLE_COLUMNS).where(
        Participant.programme_id == programme.id).order_by(Participant.id)).all()
    taking_part = [p for p in everyone if is_active_for(p, day, period)]  # type: ignore[arg-type]
    return taking_part, len(everyone) - len(taking_part)


@dataclass
class History:
    """A programme's past groups, by person: the matcher's window and the icebreakers
    the members of a new group were asked together before."""

    rows: list[tuple[int, int, int]]  # (round ordinal, match id, participant id)
    # The ordinals of every round that ran (cancelled ones aside), groups or not.
    ordinals: tuple[int, ...] = ()
    # Matches whose members answered the check-in and none of them met or arranged it:
    # with `unmet_counts_as_repeat no` they do not count toward recency.
    unmet: frozenset[int] = frozenset()

    def past_groups(self, before: int | None = None) -> list[matching.PastGroup]:
        """The groups as the matcher reads them. With `before` (the ordinal of the round
        being matched), the window counts back from the latest round that ran before it,
        even one that grouped nobody: otherwise a small pilot's empty rounds never move the
        window on, its people stay "met within the last R rounds" for ever, and lowering
        the recency does not help."""
        groups: dict[int, tuple[int, set[str]]] = {}
        for ordinal, match_id, participant_id in self.rows:
            groups.setdefault(match_id, (ordinal, set()))[1].add(str(participant_id))
        past = [matching.PastGroup(round=o, members=frozenset(m),
                                   met=False if match_id in self.unmet else None)
                for match_id, (o, m) in groups.items()]
        latest = max((o for o in self.ordinals if before is None or o < before), default=None)
        if latest is not None and before is not None:
            # An empty group: it holds no pair, and only marks where the window ends.
            past.append(matching.PastGroup(round=latest, members=frozenset()))
        return past

def load_history(session: Session, programme_id: int) -> History:
    """Every past group of the programme, in one query."""
    rows = session.connection().execute(
        select(Round.ordinal, MatchMember.match_id, MatchMember.participant_id)
        .join(Match, Match.round_id == Round.id)
        .join(MatchMember, MatchMember.match_id == Match.id)
        .where(Round.programme_id == programme_id, MatchMember.participant_id.is_not(None))
    ).all()
    ordinals = tuple(session.scalars(select(Round.ordinal).where(
        Round.programme_id == programme_id, Round.state != RoundState.CANCELLED)))
    return History([(o, m, p) for o, m, p in rows if p is not None], ordinals=ordinals,
                   unmet=_unmet_matches(session, programme_id))


def _unmet_matches(session: Session, programme_id: int) -> frozenset[int]:
    """Matches whose check-in was answered and never with met or arranged: they never
    met (a match nobody answered is unknown, and counts as a meeting)."""
    answered: dict[int, bool] = {}
    for match_id, answer in session.connection().execute(
            select(CheckinAnswer.match_id, CheckinAnswer.answer)
            .join(Match, Match.id == CheckinAnswer.match_id)
            .join(Round, Round.id == Match.round_id)
            .where(Round.programme_id == programme_id)):
        met = answer in (Answer.MET, Answer.SCHEDULED)
        answered[match_id] = answered.get(match_id, False) or met
    return frozenset(m for m, met in answered.items() if not met)


def candidates_of(people: Sequence[Any]) -> list[matching.Candidate]:
    """Participants (objects or rows) as the matcher's candidates, with when and where
    they can meet, their line manager and their do-not-pair list."""
    return [
        matching.Candidate(
            id=str(p.id), name=p.display_name, profession=p.profession,
            learn=frozenset(p.learn), side=p.side, unpaired_last_round=p.unpaired_last_round,
            windows=frozenset(availability.stored_windows(p.windows)),
            away=availability.stored_away(p.away), site=p.site or "", team=p.team or "",
            manager=str(p.manager_id) if p.manager_id else "",
            avoid=frozenset(str(i) for i in p.avoid or ()),
        )
        for p in people
    ]


@dataclass
class Computed:
    """A round worked out: the matching, who took part, the history it was matched
    against, its term (term programmes) and its meetings' theme."""

    result: matching.MatchResult
    people: list[Any]
    not_taking_part: int
    history: History
    theme: journeys.Theme
    term: term_rounds.TermRound | None = None


def _compute(session: Session, programme: Programme, at: dt.datetime, period: str,
             ordinal: int) -> Computed:
    day = local_day(programme, at)
    people, not_taking_part = _eligible(session, programme, day, period)
    # People away for the whole fortnight from the round's day sit it out, told so.
    config = replace(match_config(programme, seed_for(programme.id, period)), round_date=day)
    history = load_history(session, programme.id)
    journey = journeys.parse_journey(programme.journey or None)
    if not term_rounds.is_term(programme):
        candidates = candidates_of(people)
        with metrics.matcher_timer():
            result = matching.match(candidates, history.past_groups(ordinal), config)
        return Computed(result, people, not_taking_part, history,
                        journeys.theme_for_round(journey, ordinal))
    everyone = session.connection().execute(select(*PEOPLE_COLUMNS).where(
        Participant.programme_id == programme.id,
        Participant.status != ParticipantStatus.DEACTIVATED)).all()
    candidates = candidates_of(everyone)
    # Someone away all fortnight sits the round out (their kept group meets without
    # them) and is told so, as in a rotating programme.
    by_id = {c.id: c for c in candidates}
    away = [str(p.id) for p in people
            if by_id[str(p.id)].away and matching.away_all_fortnight(by_id[str(p.id)], day)]
    with metrics.matcher_timer():
        term = term_rounds.match_term_round(
            session, programme, candidates,
            [str(p.id) for p in people if str(p.id) not in set(away)],
            history.past_groups(ordinal), config, round_day=day)
    if away:
        term = replace(term, result=replace(term.result, unpaired=(
            *term.result.unpaired, *(matching.away_unpaired(i) for i in away))))
    theme = journeys.theme_for_round(journey, term.plan.round_in_term,
                                     term_rounds=programme.term_rounds)
    return Computed(term.result, people, not_taking_part, history, theme, term)


def _next_ordinal(session: Session, programme_id: int) -> int:
    return (session.scalar(select(func.max(Round.ordinal))
                           .where(Round.programme_id == programme_id)) or 0) + 1


def _plan(programme: Programme, period: str, at: dt.datetime, result: matching.MatchResult,
          people: Sequence[Participant], not_taking_part: int,
          round_id: int | None = None) -> RoundPlan:
    names = {str(p.id): f"{p.display_name} ({p.profession})" for p in people}
    return RoundPlan(
        programme=programme.name, period=period,
        round_on=format_day(local_day(programme, at)),
        eligible=len(people), not_taking_part=not_taking_part,
        groups=tuple(PlannedGroup(tuple(names[m] for m in g.members), g.score, g.reasons)
                     for g in result.groups),
        unpaired=tuple((names[u.id], u.reason) for u in result.unpaired),
        round_id=round_id, quality=certificate(result.stats),
        rules=_rules_kept(programme, people),
    )


def _rules_kept(programme: Programme, people: Sequence[Any]) -> tuple[str, ...]:
    """The organiser's view of the rules about who reports to whom and teams."""
    rules = []
    managed = sum(1 for p in people if getattr(p, "manager_id", None))
    if managed:
        rules.append(f"Nobody is grouped with their line manager ({managed} of the people "
                     f"taking part have one in the programme).")
    if programme.exclude_same_team:
        rules.append("No two people of the same team are grouped together.")
    return tuple(rules)


def next_round_at(session: Session, programme: Programme, now: dt.datetime) -> dt.datetime:
    """When the next round that has not run yet starts: a period run early ("Run round
    now") is skipped, so the next one is the following period's."""
    at = programme_schedule.next_round_at(programme, now)
    claimed = set(session.scalars(select(Round.period).where(
        Round.programme_id == programme.id, Round.started_at >= now - dt.timedelta(days=400))))
    for _ in range(60):
        if period_of(programme, at) not in claimed:
            return at
        at = programme_schedule.next_round_at(programme, at)
    return at


def upcoming(session: Session, programme: Programme, now: dt.datetime) -> dt.datetime:
    """When the round "run now" would run: now if this period has not run, else the next
    unrun period's day. Preview and run use it, so that one round has one date."""
    if not round_exists(session, programme.id, period_of(programme, now)):
        return now
    return next_round_at(session, programme, now)


def preview_round(services: Services, programme_id: int, *, at: dt.datetime | None = None,
                  actor: str | None = None) -> RoundPlan:
    """What the round "run now" would run, sending nothing (the same period and day)."""
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        at = at or upcoming(session, programme, now)
        period = period_of(programme, at)
        found = _compute(session, programme, at, period, _next_ordinal(session, programme.id))
        if actor:
            audit(session, programme.workspace_id, programme.id, actor, "round.preview",
                        {"period": period}, now)
        plan = _plan(programme, period, at, found.result, found.people, found.not_taking_part)
        scheduled = next_round_at(session, programme, now)
        if at == now and period_of(programme, scheduled) == period:
            plan = replace(plan, scheduled_on=format_day(local_day(programme, scheduled)))
        return plan


def round_exists(session: Session, programme_id: int, period: str) -> bool:
    """Whether (programme, period) has been claimed."""
    return session.scalar(select(Round.id).where(
        Round.programme_id == programme_id, Round.period == period)) is not None


def group_conversations(services: Services, platform: str) -> bool:
    """Whether the platform introduces a group in one conversation (Slack) or 1:1 (Teams)."""
    gateway = services.gateways.get(platform)
    return gateway.group_conversations if gateway else platform == "slack"


def run_round(services: Services, programme_id: int, *, at: dt.datetime | None = None,
              period: str | None = None, actor: str | None = None) -> RoundPlan:
    """Claim the programme's period and write its matches and messages; RoundTaken if claimed."""
    now = services.now()
    at = at or now
    started = time.perf_counter()
    try:
        with services.unit_of_work() as session:
            programme = session.get_one(Programme, programme_id)
            workspace = session.get_one(Workspace, programme.workspace_id)
            period = period or period_of(programme, at)
            ordinal = _next_ordinal(session, programme.id)
            rnd = Round(programme_id=programme.id, period=period, ordinal=ordinal,
                        seed=seed_for(programme.id, period), started_at=now)
            session.add(rnd)
            # The claim: the unique (programme, period) lets exactly one process through.
            session.flush()
            found = _compute(session, programme, at, period, ordinal)
            result, people, skipped = found.result, found.people, found.not_taking_part
            rnd.theme = found.theme.id
            if found.term is not None:
                rnd.term, rnd.round_in_term = found.term.plan.term, found.term.plan.round_in_term
            _write_round(services, session, workspace, programme, rnd, found, now)
            evaluation.ask_follow_ups(session, workspace, programme, rnd, now,
                                      term_rounds=found.term.total if found.term else None,
                                      services=services)
            rnd.stats = dict(result.stats)
            if actor:
                audit(session, workspace.id, programme.id, actor, "round.run",
                            {"period": period}, now)
            plan = _plan(programme, period, at, result, people, skipped, round_id=rnd.id)
    except IntegrityError:
        raise RoundTaken(i18n._("The {round} round has already run.").format(
            round=period_label(period or ""))) from None
    placed.refresh_statistics(services)
    metrics.observe_round(time.perf_counter() - started)
    logger.info("round %s of %s: %d groups, %d unpaired", period, plan.programme,
                len(plan.groups), len(plan.unpaired))
    return plan


@dataclass(frozen=True)
class NewMatch:
    """A group to introduce: its members (participants or rows with id, user_id and
    profession), the matcher's score and reasons by reference, the icebreaker seed."""

    members: tuple[Any, ...]
    score: int
    reasons: list[dict[str, Any]]
    seed: int
    # Notes the intro adds: catalogue messages, or stored reasons (explain.stored).
    extra_reasons: tuple[str | dict[str, Any], ...] = ()
    # Term programmes: the term group this match continues (None: a new group).
    term_group: int | None = None


def create_matches(services: Services, session: Session, workspace: Workspace,
                   programme: Programme, rnd: Round, groups: Sequence[NewMatch],
                   now: dt.datetime, history: History, *, new_round: bool = False) -> list[int]:
    """THE way a match is made (a round, a re-match): the match with its members, a guide
    of the round's theme with questions none of its members has had in the programme, and
    its intro messages; returns the ids. A few statements for any number of groups.
    `new_round`: the round's own groups, in the transaction that made the round."""
    if not groups:
        return []
    checkin_due = now + dt.timedelta(days=programme.checkin_after_days)
    # The reminder waits for a working day: not a weekend, not a bank holiday.
    reminder_due = programme_schedule.working_day_from(programme, checkin_due + REMINDER_AFTER)
    # Suggested times start the day after the intro, in the programme's own calendar.
    first_day = programme_schedule.local_day(programme, now) + dt.timedelta(days=1)
    theme = round_theme(programme, rnd)
    # Only questions of this theme can be drawn, so a past question of another theme
    # changes nothing: leaving those out lets groups alike share a draw in later rounds
    # too, instead of one draw per group.
    pool = theme_pool(services, theme)
    asked = _asked_by_person(session, history, {p.id for g in groups for p in g.members},
                             pool)
    tutorial = programme.mode == Mode.TWO_SIDED and programme.capacity > 1
    usage: Counter[str] = Counter()
    rows = []
    drawn: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for group in groups:
        # Members are named by position, so that groups alike (same professions and sides,
        # nothing asked before) share one of ICEBREAKER_VARIANTS draws: a large round has
        # tens of thousands of groups, and a draw is not free.
        members = [GuideMember(str(i), p.profession, side=p.side)
                   for i, p in enumerate(group.members)]
        had = {str(i): asked.get(p.id, frozenset()) for i, p in enumerate(group.members)}
        key = (tuple((m.profession, m.side) for m in members),
               tuple(had[m.id] for m in members), group.seed % ICEBREAKER_VARIANTS)
        if key not in drawn:
            guide = services.bank.guide(theme, members, had, seed=group.seed,
                                        tutorial=tutorial, usage=usage)
            usage.update(q.id for q in guide.questions)
            drawn[key] = [{"id": item.question.id, "text": item.question.text,
                           "theme": theme.id,
                           "for": [int(m) for m in item.aimed_at]
                           if len(item.aimed_at) < len(members) else []}
                          for item in guide.items]
        rows.append({
            "round_id": rnd.id, "score": group.score, "reasons": group.reasons,
            "icebreakers": drawn[key],
            "checkin_due_at": checkin_due, "reminder_due_at": reminder_due,
            "next_due_at": checkin_due, "created_at": now, "term_group": group.term_group,
            "slots": meeting_times.plan(programme, group.members, first_day),
        })
    ids = _insert_matches(session, rows)
    if rnd.term is not None:
        # A term's new group is known by its first match for the rest of the term.
        fresh = [match_id for match_id, g in zip(ids, groups, strict=True)
                 if g.term_group is None]
        if fresh:
            session.execute(update(Match).where(outbox.among(session, Match.id, fresh))
                            .values(term_group=Match.id)
                            .execution_options(synchronize_session=False))
    bulk.insert_rows(session, cast(Table, MatchMember.__table__), [
        {"match_id": match_id, "participant_id": p.id, "position": position,
         "profession": p.profession}
        for match_id, group in zip(ids, groups, strict=True)
        for position, p in enumerate(group.members)])
    placed.placed(session, rnd.id, (p.id for g in groups for p in g.members))
    messages: list[outbox.Row] = []
    for match_id, group in zip(ids, groups, strict=True):
        ref = outbox.intro_ref(match_id, range(len(group.members)), group.extra_reasons)
        messages += group_rows(services, workspace, f"r{rnd.id}:m{match_id}:intro", ref,
                               group.members, now, round_id=rnd.id, match_id=match_id)
    outbox.add(session, messages)
    round_tally.groups_added(session, rnd, [[p.profession for p in g.members] for g in groups],
                             now, new_round=new_round,
                             people=[p.id for g in groups for p in g.members])
    return ids


def round_theme(programme: Programme, rnd: Round) -> journeys.Theme:
    """The theme of the round's meetings, as the programme's journey titles it."""
    journey = journeys.parse_journey(programme.journey or None)
    if rnd.theme:
        for theme in journey.themes:
            if theme.id == rnd.theme:
                return theme
        return journeys.theme(rnd.theme)
    return journeys.theme_for_round(journey, max(rnd.ordinal, 1))


def theme_pool(services: Services, theme: journeys.Theme) -> frozenset[str]:
    """The ids of the questions and scenarios a guide of this theme draws from."""
    bank = services.bank
    return frozenset([*(q.id for q in bank.questions if q.theme == theme.id),
                      *(s.id for s in bank.scenarios if theme.id in s.themes)])


def _asked_by_person(session: Session, history: History, people: set[int],
                     pool: frozenset[str]) -> dict[int, frozenset[str]]:
    """The questions of `pool` each of these people has had in the programme."""
    their_matches: dict[int, list[int]] = {}
    for _, match_id, participant_id in history.rows:
        if participant_id in people:
            their_matches.setdefault(participant_id, []).append(match_id)
    questions = _questions_of(session, {m for ids in their_matches.values() for m in ids},
                              pool)
    return {pid: frozenset(q for m in ids for q in questions.get(m, ()))
            for pid, ids in their_matches.items()}


def _insert_matches(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert matches, a thousand or more per statement; their ids in the rows' order."""
    if bulk.is_postgresql(session):
        # Ids drawn from the sequence first, so that the rows need no RETURNING order.
        ids = bulk.next_ids(session, cast(Table, Match.__table__), len(rows))
        bulk.insert_rows(session, cast(Table, Match.__table__),
                         [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
        return ids
    # SQLite cannot promise RETURNING's order, but this transaction already holds the
    # write lock (the round is inserted) and a new rowid is the largest one plus one.
    first = (session.scalar(select(func.max(Match.id))) or 0) + 1
    session.execute(insert(Match), rows)
    return list(range(first, first + len(rows)))


def _questions_of(session: Session, match_ids: set[int],
                  pool: frozenset[str]) -> dict[int, list[str]]:
    """The ids of the questions of `pool` each of these matches was given."""
    found: dict[int, list[str]] = {}
    if not match_ids or not pool:
        return found
    if bulk.is_postgresql(session):
        # Only the ids that matter leave the database, not every past guide's text.
        for match_id, question in session.execute(text(
                "SELECT m.id, q.value ->> 'id' FROM matches m "
                "CROSS JOIN LATERAL json_array_elements(m.icebreakers) AS q "
                "WHERE m.id = ANY(:ids) AND q.value ->> 'id' = ANY(:pool)"),
                {"ids": sorted(match_ids), "pool": sorted(pool)}):
            found.setdefault(match_id, []).append(question)
        return found
    ordered = sorted(match_ids)
    for start in range(0, len(ordered), 5000):
        for match_id, stored in session.execute(select(Match.id, Match.icebreakers).where(
                outbox.among(session, Match.id, ordered[start:start + 5000]))):
            found[match_id] = [q["id"] for q in stored if q.get("id") in pool]
    return found


def stored_reasons(group: matching.Group) -> list[dict[str, Any]]:
    """The group's reasons as catalogue messages over participant ids, never names."""
    return [explain.stored(r) for r in group.explanations]


def _write_round(services: Services, session: Session, workspace: Workspace,
                 programme: Programme, rnd: Round, found: Computed, now: dt.datetime) -> None:
    result, people, history = found.result, found.people, found.history
    by_id = {str(p.id): p for p in people}
    continues = found.term.continues if found.term is not None else {}
    create_matches(services, session, workspace, programme, rnd, [
        NewMatch(members=tuple(by_id[m] for m in group.members), score=group.score,
                 reasons=stored_reasons(group), seed=rnd.seed + index,
                 term_group=continues.get(group.members),
                 extra_reasons=_term_notes(found, group.members))
        for index, group in enumerate(result.groups)], now, history, new_round=True)
    next_day = local_day(programme, next_round_at(session, programme, now))
    # A term programme keeps its groups: someone left out is placed when a group has room
    # or someone new joins, and at the latest when the next term starts.
    term_day = (term_rounds.next_term_day(programme, found.term.plan, now)
                if found.term is not None else None)

    def notice(u: matching.Unpaired) -> dict[str, Any]:
        if matching.is_away(u):
            return outbox.unpaired_ref(programme.id, u.reason, next_day, why="away",
                                       left_out=u.left_out)
        if term_day is not None:
            return outbox.unpaired_ref(programme.id, u.reason, term_day, why="term",
                                       left_out=u.left_out)
        return outbox.unpaired_ref(programme.id, u.reason, next_day, left_out=u.left_out)

    outbox.add(session, [
        outbox.Row(key=f"r{rnd.id}:unpaired:p{by_id[u.id].id}", workspace_id=workspace.id,
                   ref=notice(u), now=now,
                   round_id=rnd.id, recipient_id=by_id[u.id].id,
                   not_before=now + UNPAIRED_NOTICE_DELAY)
        for u in result.unpaired])
    grouped = {m for g in result.groups for m in g.members}
    flagged = [p.id for p in people if str(p.id) not in grouped and not p.unpaired_last_round]
    unflagged = [p.id for p in people if str(p.id) in grouped and p.unpaired_last_round]
    _update(session, flagged, unpaired_last_round=True)
    _update(session, unflagged, unpaired_last_round=False)
    # A pause that has ended (is_active_for let them in) makes them active again.
    _update(session, [p.id for p in people if p.status == ParticipantStatus.PAUSED],
            status=ParticipantStatus.ACTIVE, paused_until=None)
    _update(session, [p.id for p in people if p.skip_period is not None], skip_period=None)


def _term_notes(found: Computed, members: Sequence[str]) -> tuple[dict[str, Any], ...]:
    """What a term group's intro adds: the meeting's place in the term, and who is new
    (by reference, worded in each reader's language)."""
    if found.term is None:
        return ()
    plan = found.term.plan
    notes = [matching.Reason(i18n.N_("Meeting {meeting} of {total} of this term"),
                             values=(("meeting", plan.round_in_term),
                                     ("total", found.term.total)))]
    if any(m in plan.partner_left for m in members):
        notes.append(matching.Reason(i18n.N_(
            "Your partner has left the programme, so pairbot has found you a new partner for "
            "the rest of the term.")))
    return tuple(explain.stored(note) for note in notes)


def _update(session: Session, ids: Sequence[int], **values: Any) -> None:
    """One UPDATE per few thousand participants."""
    for start in range(0, len(ids), 5000):
        session.execute(
            update(Participant).where(outbox.among(session, Participant.id,
                                                   ids[start:start + 5000]))
            .values(**values).execution_options(synchronize_session=False))


def group_rows(services: Services, workspace: Workspace, key: str, ref: Mapping[str, Any],
               members: Sequence[Any], now: dt.datetime, *, round_id: int | None = None,
               match_id: int | None = None, conversation: str | None = None) -> list[outbox.Row]:
    """One message to a group conversation, or one per member where the platform has none."""
    if group_conversations(services, workspace.platform):
        return [outbox.Row(key=f"{key}:group", workspace_id=workspace.id, ref=ref, now=now,
                           round_id=round_id, match_id=match_id, conversation=conversation)]
    return [outbox.Row(key=f"{key}:p{p.id}", workspace_id=workspace.id, ref=ref, now=now,
                       round_id=round_id, match_id=match_id, recipient_id=p.id)
            for p in members]


def enqueue(session: Session, workspace: Workspace, key: str, intent: Intent | Mapping[str, Any],
            *, users: Sequence[str] = (), now: dt.datetime, round_id: int | None = None,
            match_id: int | None = None, recipient_id: int | None = None,
            conversation: str | None = None, not_before: dt.datetime | None = None) -> bool:
    """Add one outbox row unless one with the same key exists; True if added. `intent` is
    a reference (bot.services.outbox's *_ref) or an intent with no personal data; `users`
    only for someone who is not a participant (with a recipient, it is read at send time)."""
    ref = intent if isinstance(intent, Mapping) else outbox.ref_of(intent)
    return bool(outbox.add(session, [outbox.Row(
        key=key, workspace_id=workspace.id, ref=ref, now=now, round_id=round_id,
        match_id=match_id, recipient_id=recipient_id,
        users=() if recipient_id is not None else tuple(users),
        conversation=conversation, not_before=not_before)]))
