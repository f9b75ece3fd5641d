"""Groups and cohorts of a small round as an integer programme over every allowed group.

Every group the hard rule allows is a column; a round is a set of disjoint columns. The
order of goals is lexicographic: most people placed, then (cross mode) fewest groups whose
size is not group_size, then the highest score. Weighting the three into one objective
makes the programme hard for HiGHS (a 40-person round of 3s took minutes), so it is
solved in stages, each bounded by the linear relaxation:

1. placed: the relaxation's maximum, rounded down, is an upper bound P;
2. off-size groups: at P placed, the relaxation's minimum, rounded up (and at least one
   when P is not a multiple of group_size), is a lower bound O;
3. score: the relaxation with placed = P and off-size <= O gives a bound z and duals. A
   group whose reduced cost d is below -delta can only be in rounds scoring at most
   z - delta, so the integer programme is solved on the groups with d >= -delta; if its
   optimum reaches z - delta it is the optimum of all groups, otherwise delta grows to
   the gap and the programme is solved again.

If stage 3 has no integer solution at (P, O), O grows (then P shrinks) and stage 3 runs
again. A result is `optimal` when every stage met its bound; otherwise `bound` is still
a proven upper bound of the score at (P, O).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, linprog, milp
from scipy.sparse import csr_matrix, vstack

from bot.core.matching.problem import Problem

EXACT_GROUP_COLUMNS = 25_000  # allowed groups; beyond this the local search is used
# Cohorts: beyond a few thousand columns HiGHS rarely finds an integer round within the
# budget, so the local search is used at once.
EXACT_COHORT_COLUMNS = 5_000
EXACT_GROUP_PEOPLE = 60  # and never for more people (the enumeration itself would be slow)
# HiGHS stops each integer programme after this many branch-and-bound nodes, not after a
# time, so that the same round gives the same groups however busy the machine is; the
# time limit is only a safety net.
NODE_LIMIT = 100
SAFETY_SECONDS = 10.0
# The work all of a round's integer programmes may do together, in nodes times columns,
# a programme's root (presolve, cuts, heuristics) counted as ROOT_NODES nodes: on the
# 2-core machine a node costs about 10-25 us of CPU per column and a root 0.1-1 ms per
# column (bench/matching.py --small-ip), so this keeps a round of up to 60 people within
# about 4 s of integer programming whatever it draws, and the same on any machine.
MIP_WORK = 150_000
ROOT_NODES = 20
# HiGHS's sub-MIP heuristics (RINS, RENS) were most of a programme's time: 3.3 s of one
# of 1,962 groups (0.8 s without them), 6.7 s of one of 6,219 groups stopped at 2 nodes.
# Off, a few of the hardest rounds end unproven that they proved (docs/benchmarks.md,
# "Groups of 3-4").
HIGHS_OPTIONS = {"mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False}
# scipy passes options it does not list to HiGHS as they are, with a warning each time.
warnings.filterwarnings("ignore", message="Unrecognized options detected",
                        category=RuntimeWarning, module=__name__)
MIP_COLUMNS = 4_000  # groups at most in one integer programme (a root costs up to 4 s)
# Integer programmes per round: each is costly at MIP_COLUMNS groups, and the stages
# rarely need more than two.
MIP_CALLS = 3
GROWTHS = 4  # times the set of columns may grow within one stage
EPS = 1e-6


class Budget:
    """The work left to a round's integer programmes (MIP_WORK): each programme may take
    as many nodes as its columns leave room for after its root, up to NODE_LIMIT, and is
    charged for its root and the nodes it was allowed (HiGHS does not report the nodes
    of a programme it stopped), so the same round spends the same budget on any
    machine."""

    def __init__(self) -> None:
        self.work = MIP_WORK

    def milp(self, objective: np.ndarray, constraints: list[LinearConstraint]
             ) -> OptimizeResult | None:
        """The least objective.x over x in {0, 1} under the constraints, found within the
        budget; None when what is left cannot pay for one node of this programme."""
        columns = max(1, len(objective))
        nodes = min(NODE_LIMIT, self.work // columns - ROOT_NODES)
        if nodes < 1:
            return None
        self.work -= (ROOT_NODES + nodes) * columns
        return milp(objective, constraints=constraints,
                    integrality=np.ones(len(objective)), bounds=Bounds(0, 1),
                    options={"node_limit": nodes, "time_limit": SAFETY_SECONDS,
                             "mip_rel_gap": 0.0, **HIGHS_OPTIONS})


@dataclass
class Packing:
    """Disjoint groups, their score, and what is proven about them."""

    groups: list[list[int]]
    score: int
    bound: float  # upper bound of the score of the lexicographic optimum
    placed_bound: int  # upper bound of people placed
    optimal: bool


def feasible_groups(pb: Problem, limit: int | None = None) -> list[tuple[int, ...]] | None:
    """Every group the hard rules allow, in the sizes this mode uses; None if over limit.

    Cross mode: 2 to group_size + 1 people of different professions. Two-sided: one B
    and 1 to capacity A's (two A's also with capacity 1: the odd one out joins a pair).
    """
    if limit is None:
        limit = EXACT_COHORT_COLUMNS if pb.two_sided else EXACT_GROUP_COLUMNS
    if pb.n > EXACT_GROUP_PEOPLE:
        return None
    n = pb.n
    out: list[tuple[int, ...]] = []
    if pb.two_sided:
        # Two A's may share a cohort unless they met inside the window.
        mates = [
            sum(1 << j for j in range(n) if j != i and j not in pb.forbidden[i])
            for i in range(n)
        ]
        a_mask = sum(1 << i for i in range(n) if pb.side[i] == 0)
        most = max(pb.config.capacity, 2)
        for b in range(n):
            if pb.side[b] != 1:
                continue
            if not _cliques(mates, a_mask & mates[b], (b,), most, 1, out, limit):
                return None
        return out
    mates = [sum(1 << j for j in range(n) if pb.allowed(i, j)) for i in range(n)]
    if not _cliques(mates, (1 << n) - 1, (), pb.config.group_size + 1, 2, out, limit):
        return None
    return out


def _cliques(
    mates: list[int],
    cand: int,
    prefix: tuple[int, ...],
    most: int,
    least: int,
    out: list[tuple[int, ...]],
    limit: int,
) -> bool:
    """Append prefix + every set of `least`..`most` people of cand who all may meet,
    in increasing order; False once more than limit groups were found."""
    stack: list[tuple[tuple[int, ...], int]] = [((), cand)]
    while stack:
        chosen, rest = stack.pop()
        while rest:
            low = rest & -rest
            i = low.bit_length() - 1
            rest ^= low
            group = (*chosen, i)
            if len(group) >= least:
                out.append((*prefix, *group))
                if len(out) > limit:
                    return False
            if len(group) < most:
                nxt = rest & mates[i]
                if nxt:
                    stack.append((group, nxt))
    return True


def _column_scores(pb: Problem, cols: list[tuple[int, ...]]) -> np.ndarray:
    n = pb.n
    pair = np.zeros((n + 1, n + 1), dtype=np.int64)  # row and column n: padding
    for a in range(n):
        for b in range(a + 1, n):
            pair[a, b] = pair[b, a] = pb.score(a, b)
    width = max(len(c) for c in cols)
    idx = np.full((len(cols), width), n, dtype=np.int64)
    for j, c in enumerate(cols):
        idx[j, : len(c)] = c
    total = np.zeros(len(cols), dtype=np.int64)
    for x in range(width):
        for y in range(x + 1, width):
            total += pair[idx[:, x], idx[:, y]]
    return total


class _Columns:
    """The programme's data: membership matrix, sizes, off-size flags and scores."""

    def __init__(self, pb: Problem, cols: list[tuple[int, ...]],
                 budget: Budget | None = None) -> None:
        self.cols = cols
        self.calls = MIP_CALLS  # integer programmes this round may still solve
        self.budget = budget or Budget()
        self.n = pb.n
        k = pb.config.group_size
        self.size = np.fromiter((len(c) for c in cols), dtype=np.float64, count=len(cols))
        self.off = (
            np.zeros(len(cols)) if pb.two_sided else (self.size != k).astype(np.float64)
        )
        self.score = _column_scores(pb, cols).astype(np.float64)
        rows = np.fromiter((m for c in cols for m in c), dtype=np.int64)
        colix = np.repeat(np.arange(len(cols)), self.size.astype(np.int64))
        self.a = csr_matrix((np.ones(len(rows)), (rows, colix)), shape=(pb.n, len(cols)))

    def relaxation(self, objective: np.ndarray, placed: int | None = None,
                   off: int | None = None) -> OptimizeResult:
        """max objective.x, x >= 0, each person at most once, optionally size.x = placed
        and off.x <= off."""
        a_ub = self.a
        b_ub = np.ones(self.n)
        if off is not None:
            a_ub = vstack([self.a, csr_matrix(self.off[None, :])]).tocsr()
            b_ub = np.r_[b_ub, off]
        eq = {} if placed is None else {"A_eq": csr_matrix(self.size[None, :]),
                                        "b_eq": [placed]}
        return linprog(-objective, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs",
                       **eq)

    def integer(self, keep: np.ndarray, placed: int, off: int) -> OptimizeResult | None:
        """The integer programme on the columns `keep`: best score, placed and off fixed;
        None when the round's budget is spent."""
        extra = csr_matrix(np.vstack([self.size[keep], self.off[keep]]))
        return self.budget.milp(
            -self.score[keep],
            [LinearConstraint(self.a[:, keep], -np.inf, 1),
             LinearConstraint(extra, [placed, -np.inf], [placed, off])])


def off_size_floor(pb: Problem, placed: int) -> int:
    """Groups not of group_size that placing this many people needs, by arithmetic."""
    if pb.two_sided:
        return 0
    return 0 if placed % pb.config.group_size == 0 else 1


def exact_groups(pb: Problem, budget: Budget | None = None) -> Packing | None:
    """The best groups by staged integer programmes (HiGHS), when the round is small.

    None when the round has too many allowed groups, or when no integer solution was
    found within the round's budget (the caller then uses its local search).
    """
    cols = feasible_groups(pb)
    if cols is None:
        return None
    if not cols:
        return Packing(groups=[], score=0, bound=0.0, placed_bound=0, optimal=True)
    prog = _Columns(pb, cols, budget)
    lp = prog.relaxation(prog.size)
    placed_bound = math.floor(-lp.fun + EPS)
    # A step down is proven when no integer round exists at the bounds left behind; one
    # taken because HiGHS reached its node limit (or the budget ran out) is not.
    proven = True
    placed = placed_bound
    while placed >= 2:
        lp = prog.relaxation(-prog.off, placed=placed)
        off = max(off_size_floor(pb, placed), math.ceil(lp.fun - EPS)) if lp.status == 0 else 0
        while lp.status == 0 and off <= placed // 2:
            outcome = _best_score(prog, placed, off)
            if outcome is None and (pb.two_sided or not proven):
                return None  # stopped twice without an integer solution
            if outcome is not None and outcome is not False:
                chosen, score, bound, exact = outcome
                return Packing(groups=[list(cols[j]) for j in chosen], score=round(score),
                               bound=round(bound, 6), placed_bound=placed_bound,
                               optimal=exact and proven)
            if pb.two_sided:
                break
            proven = proven and outcome is False
            off += 1  # no integer round at (placed, off): one more off-size group
        placed -= 1
        if proven:
            placed_bound = placed
    return Packing(groups=[], score=0, bound=0.0, placed_bound=0, optimal=proven)


def _best_score(
    prog: _Columns, placed: int, off: int
) -> tuple[list[int], float, float, bool] | Literal[False] | None:
    """Stage 3 at (placed, off): (columns, score, bound, proven), False when no integer
    solution exists there, None when HiGHS stopped before finding one."""
    lp = prog.relaxation(prog.score, placed=placed, off=off)
    if lp.status != 0:
        return False
    top = -lp.fun
    duals = -lp.ineqlin.marginals
    reduced = prog.score - prog.a.T @ duals[: prog.n] - (-lp.eqlin.marginals[0]) * prog.size
    if len(duals) > prog.n:
        reduced -= duals[prog.n] * prog.off
    delta = max(2.0, 0.002 * top)
    # Ties make many groups of a small reduced cost, and HiGHS's presolve of tens of
    # thousands of them outlasts its limits: delta is kept to MIP_COLUMNS groups.
    ranked = np.sort(reduced)[::-1]
    for growth in range(GROWTHS + 1):
        capped = len(ranked) > MIP_COLUMNS and delta > -float(ranked[MIP_COLUMNS])
        if capped:
            delta = max(0.0, -float(ranked[MIP_COLUMNS])) - EPS
        keep = np.nonzero(reduced >= -delta - EPS)[0]
        everything = len(keep) == len(prog.cols)
        if prog.calls <= 0:
            return None  # the round's integer programmes are spent: the local search
        prog.calls -= 1
        res = prog.integer(keep, placed, off)
        if res is None:
            return None  # the round's budget is spent: the local search
        if res.x is None:
            if res.status == 2 or (res.status == 0 and everything):
                if everything:
                    return False
                if capped:
                    return None  # no more groups may be looked at
                delta *= 4  # infeasible on these columns: look at more of them
                continue
            return None
        score = -float(res.fun)
        chosen = keep[np.nonzero(res.x > 0.5)[0]].tolist()
        dual = -float(res.mip_dual_bound) if res.mip_dual_bound is not None else top
        # Columns left out can only be in rounds scoring at most top - delta.
        bound = min(dual, top) if everything else max(min(dual, top), top - delta)
        bound = max(bound, score)
        if res.status == 0 and (everything or score >= top - delta - EPS):
            return chosen, score, score, True
        if res.status != 0 or growth == GROWTHS:
            return chosen, score, bound, False
        delta = top - score + EPS
    return None


@dataclass
class CheapBound:
    """Upper bounds of people placed and of the score, from counting alone."""

    bound: float
    placed_bound: int


def score_bound(pb: Problem, groups: list[list[int]]) -> CheapBound:
    """Bounds that need no programme, for rounds of any size, given a found round.

    People placed: one per profession per group and group_size + 1 at most (cross
    mode); one B per cohort and capacity A's (two-sided). Score: the most member pairs
    a round of that many people can have (in cross mode with no more off-size groups
    than the found round, as the optimum has no more) at the base weight, plus each
    placed person's best possible wishes and priority points, history ignored.
    """
    w = pb.weights
    placed = sum(len(g) for g in groups)
    if pb.two_sided:
        cap = pb.config.capacity
        na, nb = pb.side_count
        most = min(nb, na) + min(na, cap * min(nb, na))
        pairs = 0
        for u in range(1, nb + 1):
            t = min(na, cap * u, most - u)
            if t >= u:
                pairs = max(pairs, _cohort_pairs(u, t, cap))
        partners = cap
    else:
        k = pb.config.group_size
        most = _most_placed(pb.prof_count, k + 1)
        off = sum(1 for g in groups if len(g) != k)
        if placed < most:
            off = most // 2  # the optimum places more: its off-size groups are unknown
        pairs = _group_pairs(most, k, off)
        partners = k if off else k - 1
    extra = sorted(
        (
            w.learn * (min(len(pb.wants[i]), partners) if not pb.two_sided
                       else partners * (len(pb.wants[i]) > 0))
            + w.unpaired * partners * pb.unp[i]
            for i in range(pb.n)
        ),
        reverse=True,
    )
    # A shared window or site adds at most the largest bonus to each member pair.
    bonus = max((max(row) for row in pb.bonus), default=0)
    return CheapBound(bound=float((w.base + bonus) * pairs + sum(extra[:most])),
                      placed_bound=most)


def _most_placed(counts: list[int], largest: int) -> int:
    """Most people placed in groups of 2..largest with one per profession per group."""
    srt = sorted(counts)
    n = sum(counts)
    best, total, pos = 0, 0, 0
    for g in range(1, n // 2 + 1):
        while pos < len(srt) and srt[pos] < g:
            pos += 1
        total += len(srt) - pos  # sum over professions of min(count, g)
        m = min(total, largest * g)
        if m >= 2 * g:
            best = max(best, m)
    return best


def _group_pairs(people: int, k: int, off: int) -> int:
    """Most member pairs of `people` in groups of 2..k+1 with at most `off` not of size k."""
    if off > 60:
        return people * k // 2  # each person has at most k partners
    sizes = [s for s in range(2, k + 2) if s != k]
    best = -1

    def walk(x: int, left: int, used: int, pairs: int) -> None:
        nonlocal best
        if x == len(sizes):
            if used >= 0 and used % k == 0:
                best = max(best, pairs + (used // k) * k * (k - 1) // 2)
            return
        s = sizes[x]
        for c in range(left + 1):
            if c * s > used:
                break
            walk(x + 1, left - c, used - c * s, pairs + c * s * (s - 1) // 2)

    walk(0, off, people, 0)
    return best if best >= 0 else people * k // 2


def _cohort_pairs(cohorts: int, a_count: int, cap: int) -> int:
    """Most member pairs of cohorts of one B and 1..cap A's, A's as few cohorts as can."""
    extra = a_count - cohorts
    if cap == 1:
        return cohorts
    full, rest = divmod(extra, cap - 1)
    full = min(full, cohorts)
    pairs = full * (cap + 1) * cap // 2
    left = cohorts - full
    if rest and left:
        pairs += (rest + 2) * (rest + 1) // 2
        left -= 1
    return pairs + left


LP_BOUND_COLUMNS = 200_000  # allowed groups up to which the relaxation bounds a round
GENERATED = 2_000  # columns added per round of column generation


def relaxation_bound(pb: Problem, groups: list[list[int]]) -> CheapBound | None:
    """Upper bounds of people placed and of the score by the linear relaxation over every
    allowed group, solved by column generation from the found round; None if too big.

    The score bound is at the relaxation's most placed and, in cross mode, ignores the
    off-size rule (a relaxation of it, so still a bound of the lexicographic optimum
    when the found round places that many).
    """
    programme = most_placed(pb, groups, LP_BOUND_COLUMNS)
    if programme is None:
        return None
    prog, start, most = programme
    placed = sum(len(g) for g in groups)
    if placed < most:
        return CheapBound(bound=math.inf, placed_bound=most)
    top = _generate(prog, prog.score, most, start)
    if top is None:
        return None
    return CheapBound(bound=top, placed_bound=most)


def most_placed(pb: Problem, groups: list[list[int]], limit: int,
                budget: Budget | None = None) -> tuple[_Columns, set[int], int] | None:
    """The programme over every allowed group (None beyond `limit` groups or 60 people),
    the columns of these groups, and the relaxation's most people placed, rounded down
    (an upper bound of the most any round places)."""
    if pb.n > EXACT_GROUP_PEOPLE:
        return None
    cols = feasible_groups(pb, limit=limit)
    if not cols:
        return None
    prog = _Columns(pb, cols, budget)
    where = {c: j for j, c in enumerate(cols)}
    start = {where[_key(pb, g)] for g in groups if _key(pb, g) in where}
    size_lp = _generate(prog, prog.size, None, start)
    if size_lp is None:
        return None
    return prog, start, math.floor(size_lp + EPS)


def _key(pb: Problem, group: list[int]) -> tuple[int, ...]:
    """A group as feasible_groups lists it: B first in two-sided mode, then ascending."""
    if pb.two_sided:
        b = [m for m in group if pb.side[m] == 1]
        return (*b, *sorted(m for m in group if pb.side[m] == 0))
    return tuple(sorted(group))


def _generate(prog: _Columns, objective: np.ndarray, placed: int | None,
              start: set[int]) -> float | None:
    """max objective.x over all columns (size.x = placed if given), adding the columns
    of positive reduced cost GENERATED at a time until there are none."""
    keep = np.array(sorted(start | set(np.argsort(-objective)[:GENERATED].tolist())))
    while True:
        a = prog.a[:, keep]
        eq = {} if placed is None else {"A_eq": csr_matrix(prog.size[keep][None, :]),
                                        "b_eq": [placed]}
        lp = linprog(-objective[keep], A_ub=a, b_ub=np.ones(prog.n), bounds=(0, None),
                     method="highs", **eq)
        if lp.status != 0:
            return None
        reduced = objective - prog.a.T @ (-lp.ineqlin.marginals)
        if placed is not None:
            reduced += lp.eqlin.marginals[0] * prog.size
        reduced[keep] = 0.0
        new = np.nonzero(reduced > 1e-7)[0]
        if len(new) == 0:
            return -float(lp.fun)
        best = new[np.argsort(-reduced[new])[:GENERATED]]
        keep = np.union1d(keep, best)
