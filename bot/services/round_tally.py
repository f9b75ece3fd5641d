"""Each round's figures kept as they happen (`round_tallies`): groups and people when its
groups are made, the groups' outcomes, reasons and days to meet when an answer arrives,
learning scores when feedback arrives. The console's pages read these instead of
rescanning every match, so that a page costs the same at 100,000 people as at 100.

A change is applied as the difference between a group's contribution before and after it
(one group's few rows), under a lock on the round's tally row. An answer or a learning score
locks that row only when its transaction commits (`_apply_at_commit`): every answer in a
round waits for the same row, and a check-in answer's transaction goes on to redraw the
check-in and queue its follow-up, about twenty statements, which used to run under the lock.
At 50 answers a second that queue held up to a dozen connections of the pool at once, and
the requests that then waited for a connection (bench/load.py, docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction, aliased

from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    Round,
    RoundSummary,
    RoundTally,
)

# A group's outcome is its best answer, in this order; an answer not listed (a new one)
# ranks after these, so that it is still counted.
OUTCOME_ORDER = ("met", "scheduled", "not_yet", "not_happening")
# The answer column that carries a reason, where the schema has one ("not yet: rota").
REASON = getattr(CheckinAnswer, "reason", None)


def best(answers: Iterable[str]) -> str | None:
    """The group's outcome: its best answer (met, then arranged, ...), None if none."""
    given = set(answers)
    if not given:
        return None
    known = [a for a in OUTCOME_ORDER if a in given]
    return known[0] if known else sorted(given)[0]


def pairs(professions: Sequence[str]) -> Counter[tuple[str, str]]:
    """Each pair of different professions in a group, once, in alphabetical order."""
    out: Counter[tuple[str, str]] = Counter()
    for i, a in enumerate(professions):
        for b in professions[i + 1:]:
            if a != b:
                out[(min(a, b), max(a, b))] += 1
    return out


@dataclass
class Contribution:
    """What one group adds to its round's tally."""

    outcome: str | None = None
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)
    days: int | None = None
    met_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)


def contribution(session: Session, match_id: int) -> Contribution:
    """The group's contribution as its rows say now."""
    columns: list[Any] = [CheckinAnswer.answer, CheckinAnswer.answered_at]
    if REASON is not None:
        columns.append(REASON)
    rows = session.execute(select(*columns).where(CheckinAnswer.match_id == match_id)).all()
    outcome = best(r[0] for r in rows)
    reasons: Counter[tuple[str, str]] = Counter(
        (r[0], str(r[2])) for r in rows if len(r) > 2 and r[2])
    found = Contribution(outcome=outcome, reasons=reasons)
    if outcome == "met":
        created = session.scalar(select(Match.created_at).where(Match.id == match_id))
        first = min(r[1] for r in rows if r[0] == "met")
        if created is not None:
            found.days = max(0, (first - created).days)
        found.met_pairs = pairs(list(session.scalars(select(MatchMember.profession).where(
            MatchMember.match_id == match_id).order_by(MatchMember.position))))
    return found


def _locked(session: Session, round_id: int) -> RoundTally | None:
    return session.scalars(select(RoundTally).where(RoundTally.round_id == round_id)
                           .with_for_update()).first()


def _add_pairs(rows: Sequence[Any], change: Mapping[tuple[str, str], int],
               sign: int) -> list[list[Any]]:
    counts = Counter({(a, b): n for a, b, n in rows})
    for pair, n in change.items():
        counts[pair] += sign * n
    return [[a, b, n] for (a, b), n in sorted(counts.items()) if n > 0]


def _bump(mapping: Mapping[str, Any], key: str, by: int) -> dict[str, Any]:
    out = dict(mapping)
    out[key] = max(0, int(out.get(key, 0)) + by)
    if not out[key]:
        del out[key]
    return out


# session.info keys of the changes waiting for the transaction's commit.
_ANSWERS = "round_tally.answers"
_FEEDBACK = "round_tally.feedback"


def answer_changed(session: Session, match_id: int, before: Contribution,
                   now: dt.datetime) -> None:
    """A group's answers changed (`before`: its contribution before). Applied when the
    transaction commits, from the group's rows as they are then."""
    changes = session.info.setdefault(_ANSWERS, {})
    first_before = changes.get(match_id, (before, now))[0]  # a second change in one
    changes[match_id] = (first_before, now)                 # transaction: the first before


def feedback_changed(session: Session, match_id: int, old: int | None, new: int,
                     now: dt.datetime) -> None:
    """A learning score given (old None) or changed; applied when the transaction commits."""
    session.info.setdefault(_FEEDBACK, []).append((match_id, old, new, now))


@event.listens_for(Session, "before_commit")
def _apply_at_commit(session: Session) -> None:
    """Apply the transaction's answer and feedback changes, each round's tally row locked in
    the order of the rounds' ids (two transactions never wait for each other in a ring)."""
    answers = session.info.pop(_ANSWERS, None) or {}
    feedback = session.info.pop(_FEEDBACK, None) or []
    if not (answers or feedback):
        return
    wanted = set(answers) | {change[0] for change in feedback}
    rounds = dict(session.execute(select(Match.id, Match.round_id)
                                  .where(Match.id.in_(sorted(wanted)))).all())
    tallies: dict[int, RoundTally | None] = {}
    for round_id in sorted({r for r in rounds.values() if r is not None}):
        tallies[round_id] = _locked(session, round_id)
    for match_id, (before, now) in sorted(answers.items()):
        tally = tallies.get(rounds.get(match_id) or 0)
        if tally is not None:  # else built from the details, this answer included, when read
            _apply_answers(tally, before, contribution(session, match_id), now)
    for match_id, old, new, now in feedback:
        tally = tallies.get(rounds.get(match_id) or 0)
        if tally is None:
            continue
        if old is None:
            tally.learning_count += 1
            tally.learning_sum += new
        else:
            tally.learning_sum += new - old
        tally.updated_at = now


@event.listens_for(Session, "after_transaction_end")
def _forget_at_rollback(session: Session, transaction: SessionTransaction) -> None:
    """A transaction rolled back takes its changes with it (a savepoint's do not matter:
    an answer's change is read from the rows at commit)."""
    if transaction.parent is None:
        session.info.pop(_ANSWERS, None)
        session.info.pop(_FEEDBACK, None)


def _apply_answers(tally: RoundTally, before: Contribution, after: Contribution,
                   now: dt.datetime) -> None:
    outcomes = dict(tally.outcomes)
    if before.outcome is not None:
        outcomes = _bump(outcomes, before.outcome, -1)
    if after.outcome is not None:
        outcomes = _bump(outcomes, after.outcome, +1)
    reasons = {k: dict(v) for k, v in tally.reasons.items()}
    for sign, given in ((-1, before.reasons), (+1, after.reasons)):
        for (answer, reason), n in given.items():
            reasons[answer] = _bump(reasons.get(answer, {}), reason, sign * n)
    days = dict(tally.days_to_meet)
    if before.days is not None:
        days = _bump(days, str(before.days), -1)
    if after.days is not None:
        days = _bump(days, str(after.days), +1)
    met = _add_pairs(_add_pairs(tally.met_pairs, before.met_pairs, -1), after.met_pairs, +1)
    tally.outcomes, tally.days_to_meet, tally.met_pairs = outcomes, days, met
    tally.reasons = {k: v for k, v in reasons.items() if v}
    tally.updated_at = now


def groups_added(session: Session, rnd: Round, professions: Sequence[Sequence[str]],
                 now: dt.datetime, *, new_round: bool = False,
                 people: Sequence[int | None] = ()) -> None:
    """New groups in a round (the round's own, a re-match, a late joiner), already written,
    with their members' ids (`people`). A round made in this transaction (`new_round`) has
    no answers yet: its tally starts empty, with nothing to read back but who its people
    were last grouped with."""
    tally = _locked(session, rnd.id)
    if tally is None and new_round:
        last_seen, erased = last_seen_of(session, rnd)
        tally = RoundTally(
            round_id=rnd.id, programme_id=rnd.programme_id, updated_at=now, groups=0,
            people=0, outcomes={}, reasons={}, days_to_meet={}, learning_count=0,
            learning_sum=0, introduced=[], met_pairs=[], last_seen=last_seen, erased=erased)
        session.add(tally)
    elif tally is None:
        build(session, rnd, now)  # reads the groups just written
        return
    else:
        people_joined(session, rnd, [p for p in people if p is not None], now)
    introduced: Counter[tuple[str, str]] = Counter()
    for group in professions:
        introduced.update(pairs(group))
    tally.groups += len(professions)
    tally.people += sum(len(g) for g in professions)
    tally.introduced = _add_pairs(tally.introduced, introduced, +1)
    tally.updated_at = now


def build(session: Session, rnd: Round, now: dt.datetime) -> RoundTally:
    """A round's tally from its details (or from its summary once retention removed them):
    for a round that ran before tallies existed, and for a new round's groups."""
    match_ids = select(Match.id).where(Match.round_id == rnd.id)
    members: dict[int, list[str]] = {}
    for match_id, profession in session.execute(
            select(MatchMember.match_id, MatchMember.profession)
            .where(MatchMember.match_id.in_(match_ids))
            .order_by(MatchMember.match_id, MatchMember.position)):
        members.setdefault(match_id, []).append(profession)
    created = dict(session.execute(select(Match.id, Match.created_at)
                                   .where(Match.round_id == rnd.id)).all())
    columns: list[Any] = [CheckinAnswer.match_id, CheckinAnswer.answer,
                          CheckinAnswer.answered_at]
    if REASON is not None:
        columns.append(REASON)
    answers: dict[int, list[Any]] = {}
    for row in session.execute(select(*columns).where(CheckinAnswer.match_id.in_(match_ids))):
        answers.setdefault(row[0], []).append(row)
    outcomes: Counter[str] = Counter()
    reasons: dict[str, Counter[str]] = {}
    days: Counter[str] = Counter()
    introduced: Counter[tuple[str, str]] = Counter()
    met: Counter[tuple[str, str]] = Counter()
    for match_id in created:
        group = members.get(match_id, [])
        introduced.update(pairs(group))
        rows = answers.get(match_id, [])
        outcome = best(r[1] for r in rows)
        if outcome is None:
            continue
        outcomes[outcome] += 1
        for r in rows:
            if len(r) > 3 and r[3]:
                reasons.setdefault(r[1], Counter())[str(r[3])] += 1
        if outcome == "met":
            met.update(pairs(group))
            first = min(r[2] for r in rows if r[1] == "met")
            days[str(max(0, (first - created[match_id]).days))] += 1
    count, total = session.execute(select(
        func.count(Feedback.id), func.coalesce(func.sum(Feedback.learned_score), 0))
        .where(Feedback.match_id.in_(match_ids))).one()
    summary = session.scalar(select(RoundSummary).where(RoundSummary.round_id == rnd.id))
    tally = RoundTally(round_id=rnd.id, programme_id=rnd.programme_id, updated_at=now,
                       groups=len(created), people=sum(len(g) for g in members.values()),
                       outcomes=dict(outcomes), reasons={k: dict(v) for k, v in reasons.items()},
                       days_to_meet=dict(days), learning_count=int(count or 0),
                       learning_sum=int(total or 0),
                       introduced=[[a, b, n] for (a, b), n in sorted(introduced.items())],
                       met_pairs=[[a, b, n] for (a, b), n in sorted(met.items())])
    tally.last_seen, tally.erased = last_seen_of(session, rnd)
    if not created and summary is not None:
        # Retention removed the details: the summary written before it holds the figures.
        tally.groups = summary.groups
        tally.people = int((rnd.stats or {}).get("people", 0) or 0)
        tally.outcomes = {"met": summary.met_groups} if summary.met_groups else {}
        if summary.answered_groups > summary.met_groups:
            tally.outcomes["answered"] = summary.answered_groups - summary.met_groups
        tally.learning_count = summary.feedback_count
        tally.learning_sum = summary.learning_score_sum
        tally.met_pairs = [list(m) for m in summary.meetings]
    session.add(tally)
    session.flush()
    return tally


def tallies(session: Session, rounds: Sequence[Round], now: dt.datetime) -> dict[int, RoundTally]:
    """The rounds' tallies by round id, building (once) any a round does not have yet."""
    ids = [r.id for r in rounds]
    found = {t.round_id: t for t in session.scalars(select(RoundTally).where(
        RoundTally.round_id.in_(ids)))} if ids else {}
    for rnd in rounds:
        if rnd.id not in found:
            try:
                with session.begin_nested():
                    found[rnd.id] = build(session, rnd, now)
            except IntegrityError:
                # Another page view built it at the same moment: read theirs.
                found[rnd.id] = session.get_one(RoundTally, rnd.id)
    return found


def member_added(session: Session, rnd: Round, others: Sequence[str], profession: str,
                 now: dt.datetime, *, participant_id: int) -> None:
    """Someone added to a group of the round (already written): one more person, new pairs
    introduced."""
    tally = _locked(session, rnd.id)
    if tally is None:
        return  # built from the details, this member included, when first read
    people_joined(session, rnd, [participant_id], now)
    tally.people += 1
    tally.introduced = _add_pairs(tally.introduced, pairs([*others, profession]) - pairs(others),
                                  +1)
    tally.updated_at = now


# Who took part over a range of rounds, each person once (at a glance), is counted from
# each round's `last_seen`: a person is counted in the first round of the range they were
# in, the one whose last round before it is outside the range. "Before" is by start, then
# id; the details removed from a round (retention, which takes the oldest rounds first, and
# cancelling) are removed from the later rounds' `last_seen` too, so that it always names a
# round whose groups are still there, or none ("").


def last_seen_of(session: Session, rnd: Round) -> tuple[dict[str, int], int]:
    """The round's `last_seen` and `erased`, from its groups and its people's earlier
    groups in the programme (a few grouped queries, however many people)."""
    order = list(session.scalars(select(Round.id).where(Round.programme_id == rnd.programme_id)
                                 .order_by(Round.started_at, Round.id)))
    rank = {round_id: k for k, round_id in enumerate(order)}
    earlier = order[:rank.get(rnd.id, len(order))]
    member, match = aliased(MatchMember), aliased(Match)
    in_round = (select(member.participant_id).join(match, match.id == member.match_id)
                .where(match.round_id == rnd.id, member.participant_id.is_not(None)))
    people = session.scalar(select(func.count(func.distinct(MatchMember.participant_id)))
                            .join(Match, Match.id == MatchMember.match_id)
                            .where(Match.round_id == rnd.id)) or 0
    erased = session.scalar(select(func.count()).select_from(MatchMember)
                            .join(Match, Match.id == MatchMember.match_id)
                            .where(Match.round_id == rnd.id,
                                   MatchMember.participant_id.is_(None))) or 0
    seen: dict[str, int] = {}
    if earlier and people:
        latest = (select(MatchMember.participant_id,
                         func.max(case({r: rank[r] for r in earlier}, value=Match.round_id))
                         .label("k"))
                  .join(Match, Match.id == MatchMember.match_id)
                  .where(Match.round_id.in_(earlier), MatchMember.participant_id.in_(in_round))
                  .group_by(MatchMember.participant_id).subquery())
        for k, n in session.execute(select(latest.c.k, func.count()).group_by(latest.c.k)):
            seen[str(order[int(k)])] = int(n)
    if people - sum(seen.values()):
        seen[""] = people - sum(seen.values())
    return seen, int(erased)


def _chains(session: Session, people: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    """Each person's rounds in order, with the places they hold in each."""
    chains: dict[int, list[tuple[int, int]]] = {}
    if not people:
        return chains
    for person, round_id, places in session.execute(
            select(MatchMember.participant_id, Match.round_id, func.count())
            .join(Match, Match.id == MatchMember.match_id)
            .join(Round, Round.id == Match.round_id)
            .where(MatchMember.participant_id.in_(sorted(set(people))))
            .group_by(MatchMember.participant_id, Match.round_id, Round.started_at)
            .order_by(MatchMember.participant_id, Round.started_at, Match.round_id)):
        if person is not None:
            chains.setdefault(person, []).append((round_id, int(places)))
    return chains


def _locking(session: Session) -> Callable[[int], RoundTally | None]:
    """`_locked`, each round's tally read and locked once however often it is asked for."""
    found: dict[int, RoundTally | None] = {}

    def tally_of(round_id: int) -> RoundTally | None:
        if round_id not in found:
            found[round_id] = _locked(session, round_id)
        return found[round_id]

    return tally_of


def _seen(tally: RoundTally, key: str, by: int) -> None:
    tally.last_seen = _bump(tally.last_seen or {}, key, by)


def people_joined(session: Session, rnd: Round, people: Sequence[int],
                  now: dt.datetime) -> None:
    """People just added to groups of an existing round (already written; `people` once per
    place added): each one new to the round is counted in its `last_seen`, and a later
    round of theirs now last saw them in this one."""
    added = Counter(people)
    tally_of = _locking(session)
    for person, chain in sorted(_chains(session, list(added)).items()):
        ids = [round_id for round_id, _ in chain]
        if rnd.id not in ids:
            continue
        i = ids.index(rnd.id)
        if chain[i][1] > added[person]:
            continue  # in a group of the round already
        before = str(ids[i - 1]) if i else ""
        here = tally_of(rnd.id)
        if here is not None:
            _seen(here, before, +1)
            here.updated_at = now
        after = tally_of(ids[i + 1]) if i + 1 < len(ids) else None
        if after is not None:
            _seen(after, before, -1)
            _seen(after, str(rnd.id), +1)
            after.updated_at = now


def people_leaving(session: Session, people: Sequence[int]) -> None:
    """People about to be erased (their places become placeholders): each round they were
    in counts them no more, and counts their places as erased."""
    tally_of = _locking(session)
    for _person, chain in sorted(_chains(session, people).items()):
        for i, (round_id, places) in enumerate(chain):
            tally = tally_of(round_id)
            if tally is None:
                continue
            _seen(tally, str(chain[i - 1][0]) if i else "", -1)
            tally.erased += places


def details_removed(session: Session, round_ids: Sequence[int], now: dt.datetime) -> None:
    """Retention is removing the groups of these rounds (the oldest of their programmes):
    a later round's people last seen in one of them were last seen in none still there."""
    if not round_ids:
        return
    gone = {str(r) for r in round_ids}
    programmes = select(Round.programme_id).where(Round.id.in_(round_ids))
    for tally in session.scalars(select(RoundTally).where(
            RoundTally.programme_id.in_(programmes), RoundTally.round_id.not_in(round_ids))
            .order_by(RoundTally.round_id).with_for_update()):
        moved = sum(int(n) for k, n in (tally.last_seen or {}).items() if k in gone)
        if moved:
            kept = {k: n for k, n in tally.last_seen.items() if k not in gone}
            tally.last_seen = _bump(kept, "", moved)
            tally.updated_at = now


def round_removed(session: Session, rnd: Round, now: dt.datetime) -> None:
    """A round's groups were deleted (cancelled): the rounds after it recount who they last
    saw, from their details (a cancelled round is almost always the latest: none)."""
    session.flush()
    later = session.scalars(select(Round).where(
        Round.programme_id == rnd.programme_id, Round.id != rnd.id,
        (Round.started_at > rnd.started_at)
        | ((Round.started_at == rnd.started_at) & (Round.id > rnd.id)))
        .order_by(Round.started_at, Round.id))
    for other in list(later):
        tally = _locked(session, other.id)
        if tally is not None:
            tally.last_seen, tally.erased = last_seen_of(session, other)
            tally.updated_at = now


def people_over(tallies: Mapping[int, RoundTally], rounds: Sequence[int]) -> int:
    """The people in the groups of these rounds, each once (a leaver's place once per group):
    `rounds` are all of a programme's rounds in a range of time whose groups are still
    there."""
    inside = {str(r) for r in rounds}
    return sum(int(n) for r in rounds for k, n in (tallies[r].last_seen or {}).items()
               if k not in inside) + sum(int(tallies[r].erased or 0) for r in rounds)
