"""The learning journey of a programme's rounds: which term a round belongs to, which
groups it keeps, and the theme of its meetings (bot/core/terms.py holds the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import matching, terms
from bot.core.i18n import N_
from bot.core.matching import explain
from bot.core.matching.explain import left_out_words
from bot.core.matching.model import LeftOut
from bot.core.states import RoundState
from bot.services import programme_schedule
from bot.services.programme_schedule import local_day
from bot.store.models import Match, MatchMember, Programme, Round

KEPT = matching.Reason(N_("You meet again: the same group for the whole term"))
# Why someone is left out of a term's later round (the matcher, given only this round's
# newcomers, would say "nobody is on side B": untrue, everyone else is in a kept group).
GROUPS_FULL = LeftOut("groups_full")
JOINED = matching.Reason(N_("{0} joins your group for the rest of the term"),
                         you=N_("You join this group for the rest of the term"))
# The term's messages as rows stored before reasons carried values hold them.
YOU_FORMS = {**explain.YOU_FORMS, JOINED.template: JOINED.you}


def is_term(programme: Programme) -> bool:
    """Whether the programme keeps its groups for a term."""
    return str(getattr(programme, "format", "rotating") or "rotating") == "term"


def term_rounds(programme: Programme) -> int:
    """How many rounds a term lasts."""
    return int(getattr(programme, "term_rounds", None) or terms.DEFAULT_TERM_ROUNDS)


def term_starts(programme: Programme) -> tuple[terms.TermStart, ...]:
    """The programme's yearly term start dates (none: terms follow `term_rounds` only)."""
    return terms.parse_term_starts(programme.term_starts or "")


def term_state(session: Session, programme_id: int) -> tuple[terms.TermState | None,
                                                              dt.datetime | None]:
    """The term of the programme's latest round and its groups (latest membership per
    group), with when that round started."""
    last = session.scalars(select(Round).where(
        Round.programme_id == programme_id, Round.state != RoundState.CANCELLED,
        Round.term.is_not(None)).order_by(Round.ordinal.desc()).limit(1)).first()
    if last is None or last.term is None:
        return None, None
    rows = session.execute(
        select(Match.id, Match.term_group, MatchMember.participant_id, MatchMember.position,
               Match.ended_early_at)
        .join(Round, Round.id == Match.round_id)
        .join(MatchMember, MatchMember.match_id == Match.id)
        .where(Round.programme_id == programme_id, Round.term == last.term)
        .order_by(Match.id, MatchMember.position)).all()
    latest: dict[int, tuple[int, list[str]]] = {}
    ended: set[int] = set()
    for match_id, group, pid, position, ended_at in rows:
        if ended_at is not None:
            ended.add(group or match_id)
        # Someone who left is a placeholder that is in no programme: the group has lost them.
        member = str(pid) if pid is not None else f"left:{match_id}:{position}"
        key = group or match_id
        seen = latest.get(key)
        if seen is None or seen[0] < match_id:
            latest[key] = (match_id, [member])
        elif seen[0] == match_id:
            seen[1].append(member)
    # A group an organiser ended early is no longer kept: its members are matched anew.
    groups = tuple(terms.TermGroup(key, tuple(members))
                   for key, (_, members) in sorted(latest.items()) if key not in ended)
    return terms.TermState(last.term, last.round_in_term or 1, groups), last.started_at


@dataclass(frozen=True)
class TermRound:
    """A term round's matching: the kept groups and the newly matched, as one result."""

    plan: terms.TermPlan
    result: matching.MatchResult
    total: int
    # Group members (as a tuple of ids) → the term group key they continue.
    continues: dict[tuple[str, ...], int]


def _group_score(members: Sequence[matching.Candidate], config: matching.MatchConfig) -> int:
    return sum(matching.pair_score(a, b, met_before=False, weights=config.weights,
                                   config=config)
               for i, a in enumerate(members) for b in members[i + 1:])


def match_term_round(session: Session, programme: Programme,
                     everyone: Sequence[matching.Candidate], taking_part: Sequence[str],
                     history: Sequence[matching.PastGroup], config: matching.MatchConfig, *,
                     round_day: dt.date) -> TermRound:
    """Keep the term's groups and match the rest; a newcomer left over joins a kept group
    where the hard rules allow.

    `everyone` are the candidates of all people still in the programme (paused included),
    `taking_part` the ids of those eligible this round.
    """
    previous, last_started = term_state(session, programme.id)
    last_round_day = local_day(programme, last_started) if last_started else None
    by_id = {c.id: c for c in everyone}

    def allowed(ids: Sequence[str]) -> bool:
        members = [by_id[i] for i in ids if i in by_id]
        return len(members) >= 2 and matching.group_allowed(members, (), config)

    crossed = terms.term_start_between(term_starts(programme), last_round_day, round_day)
    plan = terms.plan_round(previous, term_rounds=term_rounds(programme),
                            term_start_crossed=crossed, taking_part=set(taking_part),
                            in_programme=set(by_id), allowed=allowed)
    fresh = matching.match([by_id[i] for i in plan.to_match], history, config)
    total = term_rounds(programme)
    names = {i: p.name for i, p in by_id.items()}
    groups = [matching.Group(
        members=g.members, score=_group_score([by_id[m] for m in g.members], config),
        explanations=(KEPT,), names=names)
        for g in plan.kept]
    continues = {g.members: g.key for g in plan.kept}
    kept_count = len(groups)
    unpaired = list(fresh.unpaired)
    # Someone the fresh matching could not place joins a kept group if the rules allow.
    for left in list(unpaired):
        for index, group in enumerate(groups[:kept_count]):
            members = (*group.members, left.id)
            if len(members) > max(config.group_size, 3) or not allowed(members):
                continue
            joined = matching.Reason(JOINED.template, (left.id,), you=JOINED.you)
            groups[index] = matching.Group(
                members, _group_score([by_id[m] for m in members], config),
                (*group.explanations, joined), names=names)
            continues[members] = continues.pop(group.members)
            unpaired.remove(left)
            break
    if not plan.new_term and previous is not None:
        # Someone in no group of the term (left out before, or new): the matcher saw only
        # this round's newcomers, so its reason ("nobody is on side B") would be untrue.
        # A member whose own group does not meet (a partner paused) keeps its reason.
        in_a_group = {m for g in previous.groups for m in g.members}
        unpaired = [matching.Unpaired(u.id, left_out_words(GROUPS_FULL.key, {}), GROUPS_FULL)
                    if not matching.is_away(u) and u.id not in in_a_group else u
                    for u in unpaired]
    groups += fresh.groups
    stats = dict(fresh.stats)
    stats.update(term=plan.term, round_in_term=plan.round_in_term, kept=kept_count)
    result = matching.MatchResult(groups=tuple(groups), unpaired=tuple(unpaired), stats=stats)
    return TermRound(plan=plan, result=result, total=total, continues=continues)


def next_term_day(programme: Programme, plan: terms.TermPlan, at: dt.datetime) -> dt.date:
    """The day of the first round of the term after the one this round (at `at`) is in:
    after the term's last round, or at a term start date if one comes first."""
    total = term_rounds(programme)
    starts = term_starts(programme)
    when = at
    for _ in range(max(total - plan.round_in_term, 0) + 1):
        before = programme_schedule.local_day(programme, when)
        when = programme_schedule.next_round_at(programme, when)
        if terms.term_start_between(starts, before, programme_schedule.local_day(programme, when)):
            break
    return programme_schedule.local_day(programme, when)
