"""Matching people into pairs or small groups across professions or sides.

`match` is the whole engine: hard rules (professions or sides, recent history), then
the most people grouped, then the highest total score. `rules` holds the one scorer and
the one hard rule (`group_allowed`), `pairs` and `groups` the algorithms, `explain` the
reasons shown to people. Every result's stats say whether it is proven optimal
(`optimal`), the proven upper bound of the score (`bound`) and the gap to it (`gap`).
"""

from __future__ import annotations

import gc
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from bot.core.matching.anneal import anneal
from bot.core.matching.cohorts import build_cohorts
from bot.core.matching.explain import (
    AWAY_LEFT_OUT,
    away_unpaired,
    group_reasons,
    is_away,
    reason_text,
    unpaired_reason,
)
from bot.core.matching.groups import build_groups
from bot.core.matching.joins import join_leftovers
from bot.core.matching.model import (
    WINDOWS,
    Candidate,
    Group,
    MatchConfig,
    MatchInputError,
    MatchResult,
    PastGroup,
    Reason,
    Unpaired,
    Weights,
)
from bot.core.matching.packing import (
    Budget,
    Packing,
    exact_groups,
    relaxation_bound,
    score_bound,
)
from bot.core.matching.pairs import solve_pairs
from bot.core.matching.problem import Problem, prepare
from bot.core.matching.profiles import exact_cohorts
from bot.core.matching.rules import (
    HardRule,
    away_all_fortnight,
    common_windows,
    group_allowed,
    pair_score,
    profession_key,
)

ANNEAL_SMALL = 150_000  # annealing steps for a round of up to 60 people
ANNEAL_PER_PERSON = 200  # and for larger rounds up to ANNEAL_UP_TO people
# Above this the annealing is skipped: on larger rounds it finds nothing the local search
# has not, at several times its cost (bench/matching.py).
ANNEAL_UP_TO = 200

__all__ = [
    "AWAY_LEFT_OUT",
    "WINDOWS",
    "Candidate",
    "Group",
    "MatchConfig",
    "MatchInputError",
    "MatchResult",
    "PastGroup",
    "Reason",
    "Unpaired",
    "Weights",
    "away_all_fortnight",
    "away_unpaired",
    "common_windows",
    "group_allowed",
    "is_away",
    "match",
    "pair_score",
    "profession_key",
]


def match(
    people: Sequence[Candidate], history: Sequence[PastGroup], config: MatchConfig
) -> MatchResult:
    """Group people for one round; same input and seed give the same result.

    With config.round_date, people away for the whole fortnight from it are left out
    (with a reason saying so, and priority next time) before anyone is grouped.
    """
    # Matching builds millions of small containers and no reference cycles. Pausing the
    # cyclic collector keeps it from rescanning the caller's whole heap (people, history)
    # again and again: a third of the time at 100,000 people. It is process-wide, so
    # other threads just collect a little later.
    away: list[Candidate] = []
    if config.round_date is not None:
        start = config.round_date
        away = [p for p in people if p.away and away_all_fortnight(p, start)]
        if away:
            gone = {p.id for p in away}
            people = [p for p in people if p.id not in gone]
    with _collector_paused():
        result = _match(people, history, config, HardRule(history, config))
    if not away:
        return result
    stats = dict(result.stats)
    stats["people"] = int(stats["people"]) + len(away)
    stats["unpaired"] = int(stats["unpaired"]) + len(away)
    stats["away"] = len(away)
    return MatchResult(groups=result.groups,
                       unpaired=result.unpaired + tuple(away_unpaired(p.id) for p in away),
                       stats=stats)


_pause_lock = threading.Lock()
_pauses = 0
_we_disabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while any match runs; concurrent matches (one per
    programme in the scheduler's threads) must not leave it switched off."""
    global _pauses, _we_disabled
    with _pause_lock:
        if _pauses == 0 and gc.isenabled():
            gc.disable()
            _we_disabled = True
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _we_disabled:
                gc.enable()
                _we_disabled = False


def _match(
    people: Sequence[Candidate],
    history: Sequence[PastGroup],
    config: MatchConfig,
    rule: HardRule,
) -> MatchResult:
    pb = prepare(people, history, config)
    order = list(range(pb.n))
    # The seed breaks ties: every later choice follows this order or pb.rng.
    pb.rng.shuffle(order)
    stats: dict[str, int | float] = {}
    joined: dict[int, list[int]] = {}
    if config.mode == "cross" and config.group_size > 2:
        groups = _groups_and_cohorts(pb, stats, lambda: build_groups(pb, order))
    else:
        outcome = solve_pairs(pb, order)
        groups = [list(p) for p in outcome.pairs]
        pair_total = outcome.score(pb)
        stats["pair_score"] = pair_total
        if outcome.upper_bound is not None:
            stats["upper_bound"] = outcome.upper_bound
            stats["bound"] = outcome.upper_bound
            stats["gap"] = round(max(0.0, outcome.upper_bound - pair_total), 6)
        stats["exact"] = int(outcome.exact)
        stats["optimal"] = outcome.optimal(pb)
        if pb.two_sided and config.capacity > 1:
            pairs = groups
            for key in ("upper_bound", "bound", "gap"):
                stats.pop(key, None)  # those of the pairs; the cohorts' follow
            groups = _groups_and_cohorts(pb, stats, lambda: build_cohorts(pb, pairs, order))
        else:
            _join_pairs(pb, order, groups, joined)
    return _result(pb, rule, groups, joined, stats)


def _groups_and_cohorts(
    pb: Problem, stats: dict[str, int | float], local: Callable[[], list[list[int]]]
) -> list[list[int]]:
    """Groups of 3-4 or cohorts: the integer programme when the round is small enough,
    else (or when it is not proven) the local search, whichever is better; with the
    proven bounds of people placed and of the score in the stats."""
    budget = Budget()  # the integer programmes' work, shared by the whole round
    exact = exact_groups(pb, budget)
    if exact is not None and exact.optimal:
        stats.update(optimal=True, bound=exact.bound, placed_bound=exact.placed_bound)
        return exact.groups
    groups = local()
    grouped = {m for g in groups for m in g}
    steps = ANNEAL_SMALL if pb.n <= 60 else ANNEAL_PER_PERSON * pb.n if pb.n <= ANNEAL_UP_TO \
        else 0
    groups = anneal(pb, groups, [u for u in range(pb.n) if u not in grouped], steps)
    found = Packing(groups=groups, score=sum(pb.group_score(g) for g in groups),
                    bound=0.0, placed_bound=0, optimal=False)
    cheap = score_bound(pb, groups)
    if pb.two_sided:
        # Cohorts too many for exact_groups, or not proven there: the integer programme
        # a profile at a time, from the better round so far.
        better = exact is not None and _rank(pb, exact) >= _rank(pb, found)
        searched = exact_cohorts(pb, exact.groups if exact is not None and better else groups,
                                 budget)
        exact = searched or exact
    relaxed = relaxation_bound(pb, groups) if exact is None else None
    if relaxed is not None:
        cheap.bound = min(cheap.bound, relaxed.bound)
        cheap.placed_bound = min(cheap.placed_bound, relaxed.placed_bound)
    if exact is not None:
        if _rank(pb, exact) >= _rank(pb, found):
            found = exact
        bound, placed_bound = min(exact.bound, cheap.bound), exact.placed_bound
    else:
        bound, placed_bound = cheap.bound, cheap.placed_bound
    placed = sum(len(g) for g in found.groups)
    # Scores are sums of integer weights, so a bound can be rounded down.
    bound = max(math.floor(bound + 1e-6), found.score)
    proven = placed == placed_bound and found.score >= bound
    stats.update(optimal=proven, bound=bound, placed_bound=placed_bound)
    return found.groups


def _rank(pb: Problem, p: Packing) -> tuple[int, int, int]:
    """Lexicographic order of results: most placed, fewest off-size groups, score."""
    k = pb.config.group_size
    off = 0 if pb.two_sided else sum(1 for g in p.groups if len(g) != k)
    return sum(len(g) for g in p.groups), -off, p.score


def _join_pairs(
    pb: Problem, order: list[int], groups: list[list[int]], joined: dict[int, list[int]]
) -> None:
    grouped = {m for g in groups for m in g}
    left = [u for u in order if u not in grouped]
    if pb.two_sided:
        cap = pb.config.capacity
        for level in range(1, cap):
            spare = [u for u in left if pb.side[u] == 0]
            if not spare:
                break

            def room(g: list[int], u: int, level: int = level) -> bool:
                if pb.side[u] != 0:
                    return False
                count = sum(1 for m in g if pb.side[m] == 0)
                return count <= level and count < cap

            for u, gi in join_leftovers(pb, groups, spare, room):
                groups[gi].append(u)
                joined.setdefault(gi, []).append(u)
            grouped = {m for g in groups for m in g}
            left = [u for u in left if u not in grouped]
        return

    def trio(g: list[int], u: int) -> bool:
        return len(g) == 2

    for u, gi in join_leftovers(pb, groups, left, trio):
        groups[gi].append(u)
        joined.setdefault(gi, []).append(u)


def _result(
    pb: Problem,
    rule: HardRule,
    groups: list[list[int]],
    joined: dict[int, list[int]],
    stats: dict[str, int | float],
) -> MatchResult:
    out: list[tuple[int, Group]] = []
    wishes_met = 0
    met_pairs = 0
    total = 0
    # The one hard rule has the last word: a group it refuses is not sent (never expected;
    # counted so that tests and the benchmark see it).
    refused = [g for g in groups if not rule.allows([pb.people[m] for m in g])]
    if refused:
        groups = [g for g in groups if g not in refused]
        stats["refused_groups"] = len(refused)
        stats["optimal"] = False
    grouped = {m for g in groups for m in g}
    anyone_left = len(grouped) < pb.n
    names = {c.id: c.name for c in pb.people}
    for gi, g in enumerate(groups):
        members = sorted(g)
        score = pb.group_score(members)
        total += score
        for a in members:
            if any(pb.prof[b] in pb.wants[a] for b in members if b != a):
                wishes_met += 1
        met_pairs += sum(
            1 for x, a in enumerate(members) for b in members[x + 1 :] if b in pb.met[a]
        )
        explanations = tuple(
            group_reasons(pb, members, joined.get(gi, ()), anyone_left=anyone_left)
        )
        out.append(
            (
                members[0],
                Group(
                    members=tuple(pb.people[m].id for m in members),
                    score=score,
                    explanations=explanations,
                    common_windows=common_windows(pb.people[m] for m in members),
                    names=names,
                ),
            )
        )
    out.sort(key=lambda x: x[0])
    left_out = {u: unpaired_reason(pb, u) for u in range(pb.n) if u not in grouped}
    unpaired = tuple(
        Unpaired(id=pb.people[u].id, reason=reason_text(why), left_out=why)
        for u, why in left_out.items()
    )
    full: dict[str, int | float] = {
        "people": pb.n,
        "grouped": len(grouped),
        "unpaired": len(unpaired),
        "groups": len(groups),
        "total_score": total,
        "wishes_met": wishes_met,
        "met_before_pairs": met_pairs,
        "groups_with_common_time": sum(1 for _, g in out if g.common_windows),
    }
    full.update(stats)
    if "bound" in full and "gap" not in full:
        full["gap"] = round(max(0.0, float(full["bound"]) - total), 6)
    return MatchResult(groups=tuple(g for _, g in out), unpaired=unpaired, stats=full)
