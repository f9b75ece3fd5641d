"""Exact cohorts of a small two-sided round: the integer programme, one size profile at a time.

Over every allowed cohort (packing.feasible_groups) the linear relaxation is loose in one
way above all: a mix of fractions of full and small cohorts has more member pairs than
whole cohorts can (12 B's and 28 A's: 59 pairs at most, 60 in the relaxation), and each
pair is worth the base weight. So the search fixes the profile, how many cohorts there
are of each size, first:

1. placed: the relaxation's maximum, rounded down, is an upper bound P of people placed;
2. the profiles that place P people (c cohorts need c B's and P - c A's), each bounded
   by the relaxation with the profile fixed, solved by column generation. Artificial
   columns keep it feasible at a penalty, so its value is a bound even for a profile no
   round has;
3. best bound first, the integer programme of a profile on the cohorts whose reduced
   cost could still beat the best round found (HiGHS, within the round's budget), asked
   for a round scoring more; a profile is settled when HiGHS proves there is none.

The round is proven optimal when every profile whose bound is above its score is
settled. Otherwise the bound is the highest bound left unsettled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import LinearConstraint, linprog
from scipy.sparse import csr_matrix, hstack, identity, vstack

from bot.core.matching.packing import (
    EPS,
    GENERATED,
    Budget,
    Packing,
    _Columns,
    most_placed,
)
from bot.core.matching.problem import Problem

# Allowed cohorts up to which this search runs: beyond about a million its time and memory
# grow faster than the cohorts, past what a round may spend (bench/ measures it).
PROFILE_COLUMNS = 1_000_000
# Cohorts one integer programme may have. A weak start keeps most cohorts (their reduced
# costs are small), and HiGHS's presolve of a hundred thousand columns alone outlasts its
# time limit, while a proof needs a few thousand at most.
PROOF_COLUMNS = 30_000


@dataclass
class _Bound:
    """A profile's relaxation: its value and the reduced cost of every cohort."""

    profile: tuple[int, ...]
    value: float
    reduced: np.ndarray
    generated: np.ndarray  # the columns the column generation ended with


def exact_cohorts(pb: Problem, found: list[list[int]],
                  budget: Budget | None = None) -> Packing | None:
    """The best cohorts, or a proven bound of them, starting from a found round, with
    what is left of the round's budget of integer programming; None when the round is
    too big to enumerate its cohorts."""
    programme = most_placed(pb, found, PROFILE_COLUMNS, budget) if pb.two_sided else None
    if programme is None:
        return None
    prog, start, most = programme
    cols = prog.cols
    sizes = sorted({int(s) for s in prog.size})
    member_of = csr_matrix(np.vstack([(prog.size == s).astype(np.float64) for s in sizes]))
    groups = [list(g) for g in found]
    placed = sum(len(g) for g in groups)
    best = sum(pb.group_score(g) for g in groups) if placed == most else None
    chosen: list[int] | None = None
    na, nb = pb.side_count
    # Each profile's bound, cheaply first: its member pairs at the base weight plus the
    # most the rest of the score (wishes, people left out, earlier meetings) can add.
    pairs = prog.size * (prog.size - 1) / 2
    rest, _, _ = _relaxation(prog, prog.score - pb.weights.base * pairs,
                             csr_matrix(prog.size[None, :]), np.array([float(most)]), start)
    cheap = sorted(
        ((pb.weights.base * sum(c * s * (s - 1) // 2 for c, s in zip(profile, sizes,
                                                                      strict=True)) + rest,
          profile) for profile in _profiles(sizes, most, na, nb)),
        reverse=True,
    )
    bounds: list[_Bound] = []
    for top, profile in cheap:
        if best is not None and math.floor(top + EPS) <= best:
            break
        bounds.append(_profile_bound(prog, member_of, profile, start))
    bounds.sort(key=lambda b: (-b.value, b.profile))
    open_bound = -math.inf
    for bound in bounds:
        top = math.floor(bound.value + EPS)
        if best is not None and top <= best:
            break
        for columns in (bound.generated, None):
            # The cohorts the relaxation looked at often hold a better round, found fast;
            # then the proof runs on every cohort that could still beat it.
            better, settled, dual = _profile_round(prog, member_of, bound, best, columns)
            if better is not None:
                chosen = better
                best = round(float(prog.score[better].sum()))
        if not settled:  # HiGHS stopped (node limit or budget): the profile stays open
            open_bound = max(open_bound, min(top, math.floor(dual + EPS)))
    if chosen is not None:
        groups = [list(cols[j]) for j in chosen]
    if best is None:
        # No round places `most`: the found round stands, with the relaxation's bound.
        return Packing(groups=groups, score=sum(pb.group_score(g) for g in groups),
                       bound=math.inf, placed_bound=most, optimal=False)
    if open_bound > best:
        return Packing(groups=groups, score=best, bound=open_bound, placed_bound=most,
                       optimal=False)
    return Packing(groups=groups, score=best, bound=best, placed_bound=most, optimal=True)


def _profiles(sizes: list[int], placed: int, na: int, nb: int) -> list[tuple[int, ...]]:
    """Counts of cohorts per size that place exactly `placed` people, one B each."""
    out: list[tuple[int, ...]] = []

    def walk(x: int, left: int, counts: list[int]) -> None:
        if x == len(sizes):
            cohorts = sum(counts)
            if left == 0 and cohorts <= nb and placed - cohorts <= na:
                out.append(tuple(counts))
            return
        for c in range(left // sizes[x] + 1):
            walk(x + 1, left - c * sizes[x], [*counts, c])

    walk(0, placed, [])
    return out


def _profile_bound(prog: _Columns, member_of: csr_matrix, profile: tuple[int, ...],
                   start: set[int]) -> _Bound:
    """The relaxation with the profile fixed."""
    rhs = np.array(profile, dtype=np.float64)
    value, reduced, generated = _relaxation(prog, prog.score, member_of, rhs, start)
    return _Bound(profile=profile, value=value, reduced=reduced, generated=generated)


def _relaxation(prog: _Columns, objective: np.ndarray, eq: csr_matrix, rhs: np.ndarray,
                start: set[int]) -> tuple[float, np.ndarray, np.ndarray]:
    """max objective.x, x >= 0, each person at most once, eq.x = rhs: its value, every
    column's reduced cost and the columns generated, by column generation from `start`
    and the best columns of each equality row. An artificial column per row makes up
    what the columns cannot, at a penalty above any round's score, so the value is an
    upper bound even where no x meets eq.x = rhs (and then far below any round's)."""
    k = eq.shape[0]
    penalty = 1.0 + float(np.abs(objective).sum())
    seed = set(start)
    for row in range(k):
        cols = eq[row].indices
        seed.update(cols[np.argsort(-objective[cols])[:GENERATED // k]].tolist())
    keep = np.array(sorted(seed), dtype=np.int64)
    ones = np.ones(prog.n)
    while True:
        a_ub = hstack([prog.a[:, keep], csr_matrix((prog.n, k))]).tocsr()
        a_eq = hstack([eq[:, keep], identity(k, format="csr")]).tocsr()
        lp = linprog(np.r_[-objective[keep], np.full(k, penalty)], A_ub=a_ub, b_ub=ones,
                     A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")
        reduced = objective - prog.a.T @ -lp.ineqlin.marginals - eq.T @ -lp.eqlin.marginals
        fresh = reduced.copy()
        fresh[keep] = 0.0
        new = np.nonzero(fresh > 1e-7)[0]
        if len(new) == 0:
            return -float(lp.fun), reduced, keep
        keep = np.union1d(keep, new[np.argsort(-fresh[new])[:GENERATED]])


def _profile_round(prog: _Columns, member_of: csr_matrix, bound: _Bound,
                   best: int | None, among: np.ndarray | None
                   ) -> tuple[list[int] | None, bool, float]:
    """A round of this profile scoring more than `best`: its columns (None if none was
    found), whether the profile is settled (no round of it scores more than the one
    returned, or than `best`), and HiGHS's bound of the profile's best score. With
    `among`, only those columns are used and nothing is settled.

    A cohort of reduced cost r is only in rounds scoring at most value + r, so only the
    cohorts with r above best - value are needed."""
    floor = -math.inf if best is None else best - bound.value
    keep = np.nonzero(bound.reduced >= floor - EPS)[0]
    if among is not None:
        keep = np.intersect1d(keep, among)
    if len(keep) == 0:
        return None, among is None, bound.value
    if len(keep) > PROOF_COLUMNS:
        return None, False, bound.value
    profile = np.array(bound.profile, dtype=np.float64)
    extra = vstack([member_of[:, keep], csr_matrix(prog.score[keep][None, :])]).tocsr()
    least = -np.inf if best is None else best + 1  # scores are whole points
    res = prog.budget.milp(
        -prog.score[keep],
        [LinearConstraint(prog.a[:, keep], -np.inf, 1),
         LinearConstraint(extra, np.r_[profile, least], np.r_[profile, np.inf])])
    if res is None:
        return None, False, bound.value  # the round's budget is spent
    if res.status == 2:
        return None, among is None, bound.value  # no round of it scores more
    dual = bound.value
    if res.mip_dual_bound is not None and math.isfinite(res.mip_dual_bound):
        dual = min(dual, -float(res.mip_dual_bound))
    if res.x is None:
        return None, False, dual
    settled = res.status == 0 and among is None
    return keep[np.nonzero(res.x > 0.5)[0]].tolist(), settled, dual
