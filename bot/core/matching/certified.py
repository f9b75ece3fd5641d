"""Pair matching with a certificate: an LP bound priced over every pair, an exact finish.

The round asks for K pairs (the most possible). With D = n - 2K stand-ins that anyone
may pair with for 0 points, that is a perfect matching of n + D nodes, whose linear
relaxation (fractional perfect matching) is, doubled, an assignment problem: everyone
has a left and a right copy, and a pair u, v is the arcs u -> v and v -> u. Any y with
y_u + y_v >= w_uv on every allowed pair bounds the score of every K-pair matching by
sum(y) (LP duality).

Column generation: the assignment is solved on a subset of the pairs with its duals,
and every pair of the round is priced at once per pair of professions: without history
w_uv = d(u, prof v)/2 + d(v, prof u)/2, history only lowers or forbids a pair, so
sorting both sides by y - d/2 finds every violated pair. Violated pairs are added and
the assignment repaired until none is left; sum(y) is then a proven bound for the
whole round, in exact integer arithmetic (arc weights are doubled scores).

The first pairs come from the same relaxation with history left out, solved between
kinds of interchangeable people (a min-cost flow, `_type_duals`): its potentials are
duals y0 feasible for every pair of the round, and its flow, wired onto people, is an
assignment worth sum(y0). That wiring, less the arcs history blocks, with the
type-level duals, is the first assignment (`_warm_lp`): the people it leaves out are
assigned by the primal-dual method (`_LP.augment`: scipy's Dijkstra on the reduced
costs, then scipy's Hopcroft-Karp on the tight arcs, the assignment kept), and so is
every left copy a priced pair uncovers. If an assignment reaches sum(y0), y0 is the
certificate. Without the wiring, the first assignment is scipy's sparse
Jonker-Volgenant with duals read off the residual graph (Bellman-Ford).

The optimal assignment is a set of cycles. Two-cycles are pairs; an even cycle splits
into two halves of equal score (otherwise one half would beat the optimum). With
duals y feasible for every pair, a perfect matching of people and stand-ins on the
pairs tight under y scores exactly sum(y), so it is proven optimal: the tight pairs of
the even cycles are completed on the tight pairs by Edmonds' blossom search
(`_tight_finish`, `blossom.augment`). The bipartite relaxation is often fractional on
a few odd cycles while the tight pairs hold such a matching (10,000 people with
windows and sites: 2 million tight pairs, four people left over, two augmenting
paths). Failing that, people on odd cycles, where the relaxation is fractional, are
matched exactly (rustworkx) among themselves. When the score meets the bound the round
is proven optimal. When it does not, odd sets lower the bound (`_odd_set_bound`): the
bipartite relaxation lacks the blossom inequalities, and an odd component of the
nearly tight pairs costs every pairing at least the reduced cost of the pairs leaving
it. If a gap is still left,
reduced-cost fixing closes it when few pairs lie within it (`_within_gap`): a pairing
scoring at least the one found uses only pairs whose reduced cost is at most the gap,
so the exact matching on those pairs is the optimum.

A shared window or site (Problem.bonus) makes the score depend on the partner's score
class (profession, windows, site) rather than profession: kinds and classes are those
of score classes. The pricing then goes by classes first (`_price_by_class`): with
hundreds of classes, a sorted half (`_Half`: a score class against the people of one
profession, the bonus constant for the class) per class and profession was most of
the round's time; the least reduced cost over two classes, from each class's least
dual less its half of the score, picks the pairs of classes that hold a violated pair,
and only their people are looked at. The type-level flow carries the bonus on the arcs into hubs per
(group, group, window, site), so it grows linearly in the classes (`_type_duals`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import numpy as np
import rustworkx as rx
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import (
    connected_components,
    dijkstra,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)

from bot.core.matching.blossom import augment
from bot.core.matching.flow import ArrayMinCostFlow, pour
from bot.core.matching.model import WINDOWS
from bot.core.matching.problem import Problem
from bot.core.matching.rules import score as rule_score

MAX_ROUNDS = 60
ODD_LINKS = 3  # pairs per person and class that seed the odd-set components
ODD_MERGES = 8
ODD_LEVELS = 6  # thresholds tried for the odd sets
CROSSING_LOOKS = 2_000_000
TIGHT_PER_CLASS = 1  # partners per person and class tight under the type-level duals
PER_PERSON = 8  # pairs added per person and pricing round
ACCEPT_SLICE = 2_000_000  # candidate pairs checked against history at once
CLASS_TRIES = 32  # classes with a violated pair tried first per class and pricing round
START_PER_PERSON = 2  # random allowed partners per person to start with
MAX_STAND_IN_ARCS = 3_000_000  # stand-ins x people; beyond this no certificate is tried
ODD_EXACT_LIMIT = 3_000
# People on the wiring's odd cycles beyond which its pairs are not settled before the
# tight finish (`solve`): `_settle` gives up above ODD_EXACT_LIMIT anyway.
SETTLE_FIRST = ODD_EXACT_LIMIT
DENSE_ODD = 400  # people on odd cycles up to which every pair among them is tried
SETTLE_ROUNDS = 4
UNBLOCK_STEPS = 60  # rounds of swaps that move the type-level wiring off history
UNBLOCK_IDLE = 8  # rounds in a row without a swap that end them
UNBLOCK_LOOKS = 8_000  # partner arcs tried per round of swaps
UNBLOCK_TRIES = 16  # partner arcs tried per blocked arc and round, at most
REWIRE_LIMIT = 40  # arcs still blocked beyond which no rewiring is tried
REWIRE_SAMPLE = 400  # other arcs rewired with them
INCREMENTAL_SHARE = 10  # pricing adds up to people / this pairs: the LP is repaired
# The same with windows and sites: pricing by class adds about twice as many pairs as
# people in the first rounds, and scipy's assignment from scratch grew to 31 s a round
# at 100,000 people (repairing: 22 s for all of them).
INCREMENTAL_SHARE_BONUS = 0.1
FIXING_EDGES = 250_000  # pairs within the gap up to which the gap is closed exactly
# Classes up to which the type-level duals are used. Their network is small at any
# number of classes (`_type_duals`), but with many classes of windows and sites the
# relaxation is fractional by a few points at 10,000 people: the wiring from it does
# not prove the round, and the finish then runs twice (from it, then afresh), which
# measured slower (bench/matching.py --steady 10000 --meetings: 38 s against 16 s).
TYPED_CLASSES = 200
# ... and at any number of classes from this many people: at 100,000 people with
# windows the type-level start proves round 1 with no pricing at all (16 s of CPU
# against 36 s from random pairs, where the first assignment alone took 7 s; see
# docs/benchmarks.md); at 10,000 (927 classes) it measured slower (see above).
TYPED_PEOPLE = 50_000
TIGHT_SAMPLE = 2  # tight partners per person and class added when the priced ones fall short
BLOSSOM_VISITS = 2_000_000  # arcs the blossom searches look at, at most, per graph
# ... or this many times the graph's arcs if more: at 100,000 people with windows the
# searches from the type-level start (9,622 people left over, 1.2 million arcs) ran out
# of 2 million with four people left, and the round started again from scratch (7 s).
BLOSSOM_PER_ARC = 4
BELLMAN_FORD_PASSES = 20_000  # people on odd cycles matched exactly; more stay as found
# The local repair of the type-level duals (`_local_duals`): people on wiring arcs that
# history blocks, at most (every pair among them is looked at), pairs among them within
# this many points of tight under the type-level duals given to the first assignment
# (the others are checked after and added if uncovered), and rounds of that.
LOCAL_PEOPLE = 3_000
# ... from this many people in the round: below it the whole round's assignment is
# cheap (1,000 people without windows, round 2: 0.10 s), while the local repair grew
# to nearly everyone there (0.8 s).
LOCAL_FROM = 50_000
LOCAL_SLACK = 8
LOCAL_ROUNDS = 20
LOCAL_GROWTH = 3  # times the people are grown by the partners their bounds bind on
LOCAL_TIGHT = 4  # random tight partners per person of those and class tight with them
# When more people than FRAGILE_FROM are on blocked wiring arcs, S is narrowed to those
# of them with at most LOCAL_FRAGILE partners tight under y0 (history left out), their
# tight partners, in turn those of the partners with at most LOCAL_CLOSE, and everyone
# any of S has history with (`_fragile`): at 100,000 people with windows, round 3
# (4,522 arcs blocked, 7,656 people on them, too many to list their pairs), the optimal
# duals differ from y0 on 96 people, the 58 whose duals fall having 1-10 tight
# partners; S is 1,272 people, and its duals are optimal (rounds 4 and 5: 1,771 and
# 2,064 people, optimal too).
FRAGILE_FROM = LOCAL_PEOPLE
LOCAL_FRAGILE = 8
LOCAL_CLOSE = 32
# Every pair tight under y0 of the people on blocked arcs with at most this many is
# given to the tight finish (round 3 above: with one random partner per class and
# profession, a search from one of them found no augmenting path).
LOCAL_LIST = 64
# ... and this many random tight partners per profession of each of them (under the
# repaired duals): without them, rounds 4 and 5 there needed the tight finish's second
# pass (`_tight_finish`: 1.9 s more), a search from people on blocked arcs having
# found no augmenting path.
LOCAL_BLOCKED_SAMPLE = 2
LOCAL_CHUNK = 2_000  # people whose classes are looked at at once (`_fragile`)
# With S narrowed (`_fragile`), the tight finish starts from an assignment on the tight
# arcs (`_tight_assignment`) rather than the wiring's tight pairs, which left 4,000-8,000
# people to the blossom searches (100,000 people with windows, rounds 3 and 4: 0.6 s
# less each; round 5: 0.1-0.3 s more, Hopcroft-Karp taking longer).
LOCAL_ASSIGN = True


@dataclass
class Certified:
    """Pairs (person indexes), their score and the proven bound for that many pairs."""

    pairs: list[tuple[int, int]]
    score: int
    bound: float | None


def most_pairs(pb: Problem, idx: Sequence[int]) -> int:
    """Pairs possible if history did not matter: an upper bound on the pairs."""
    n = len(idx)
    if pb.two_sided:
        na = sum(1 for i in idx if pb.side[i] == 0)
        return min(na, n - na)
    counts: dict[int, int] = {}
    for i in idx:
        counts[pb.prof[i]] = counts.get(pb.prof[i], 0) + 1
    return min(n // 2, n - max(counts.values(), default=0))


@dataclass
class _Half:
    """People X against people Z: the reduced cost of x, z (history left out) under
    duals y is a_x + a_z, a_x = y_x - v[x, zprof] / 2, a_z = y_z - v[z, xprof] / 2 - bz
    (the bonus of the pair, or None for none). `forward` marks one direction of each
    pair of people where the halves hold both."""

    xs: np.ndarray
    zs: np.ndarray
    zprof: int
    xprof: int
    bz: np.ndarray | None
    forward: bool

    def sides(self, rd: _Round, yr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """a_x and a_z under the people's duals yr."""
        ax = yr[self.xs] - rd.v[self.xs, self.zprof] / 2
        az = yr[self.zs] - rd.v[self.zs, self.xprof] / 2
        if self.bz is not None:
            az = az - self.bz
        return ax, az


class _Round:
    """The people of one round as arrays, local indexes 0..m-1, stand-ins m..m+D-1."""

    def __init__(self, pb: Problem, idx: Sequence[int], stand_ins: int) -> None:
        self.pb = pb
        self.idx = list(idx)
        m = self.m = len(self.idx)
        self.size = m + stand_ins
        self.rng = np.random.default_rng(pb.config.seed)
        nprof = self.nprof = max(len(pb.prof_names), 1)
        self.prof = np.array([pb.prof[i] for i in self.idx], dtype=np.int64)
        # Score classes (Problem.pc): profession, and window and site as far as the score
        # uses them; the partner's half of the score is indexed by them.
        npc = max(len(pb.pc_prof), 1)
        self.pc = np.array([pb.pc[i] for i in self.idx], dtype=np.int64)
        self.pc_prof = np.array(pb.pc_prof or [0], dtype=np.int64)
        self.bonus = np.array(pb.bonus or [[0]], dtype=np.int64).reshape(npc, npc)
        self.side = np.array([pb.side[i] for i in self.idx], dtype=np.int64)
        # Twice u's half of the score with a partner, from the one scorer: score =
        # (v[u, prof v] + v[v, prof u]) / 2 + bonus - penalty if they met (`twice`).
        w = pb.weights

        def half(wish: bool, left_out: bool) -> float:
            return float(2 * rule_score(w, a_wants_b=wish, b_wants_a=False, a_left_out=left_out,
                                        b_left_out=False, met_before=False) - w.base)

        self.penalty = rule_score(w, a_wants_b=False, b_wants_a=False, a_left_out=False,
                                  b_left_out=False, met_before=False) - rule_score(
            w, a_wants_b=False, b_wants_a=False, a_left_out=False, b_left_out=False,
            met_before=True)
        # Four values, by (wish, left out); who wishes what as a mask.
        value = np.array([[half(wish, out) for out in (False, True)] for wish in (False, True)])
        wants = [pb.wants[i] for i in self.idx]
        lens = np.fromiter(map(len, wants), dtype=np.int64, count=m)
        wish = np.zeros((m, nprof), dtype=bool)
        wish[np.repeat(np.arange(m), lens),
             np.fromiter(chain.from_iterable(wants), dtype=np.int64, count=int(lens.sum()))] = True
        unp = np.array([pb.unp[i] for i in self.idx], dtype=np.int64)
        self.value = value
        self.unp = unp
        self.wish = wish
        # v[u, q]: the same half by the partner's profession, without the bonus.
        self.v = value[wish.astype(np.int64), unp[:, None]]
        self.local = {i: x for x, i in enumerate(self.idx)}
        # Kinds: people interchangeable but for history (stand-ins are one more kind).
        kinds: dict[tuple[int, int, frozenset[int], bool], int] = {}
        self.kind = [
            kinds.setdefault((pb.side[i], pb.pc[i], pb.wants[i], pb.unp[i]), len(kinds))
            for i in self.idx
        ] + [-1] * stand_ins
        # Classes: people whose allowed partners (history apart) one label decides.
        if pb.two_sided:
            label = [pb.side[i] * npc + pb.pc[i] for i in self.idx]
        else:
            label = [pb.pc[i] for i in self.idx]
        groups: dict[int, list[int]] = {}
        for x, c in enumerate(label):
            groups.setdefault(c, []).append(x)
        self.classes = {c: np.array(v, dtype=np.int64) for c, v in groups.items()}
        keys = sorted(self.classes)
        # The same classes as arrays (`_price_by_class`): each person's class index,
        # the people by class, each class's profession, score class and partners.
        self.class_keys = np.array(keys, dtype=np.int64)
        self.label_class = np.searchsorted(self.class_keys, np.array(label, dtype=np.int64))
        self.by_class = np.argsort(self.label_class, kind="stable")
        self.class_size = np.bincount(self.label_class, minlength=len(keys))
        self.class_start = np.r_[0, np.cumsum(self.class_size)]
        self.class_pc = self.class_keys % npc
        self.class_prof = self.pc_prof[self.class_pc]
        if pb.two_sided:
            cside = self.class_keys // npc
            self.class_allowed = cside[:, None] != cside[None, :]
        else:
            self.class_allowed = self.class_prof[:, None] != self.class_prof[None, :]
        self._class_bonus4: np.ndarray | None = None
        self._npc = npc
        self._halves_cache: list[_Half] | None = None
        self.cols: dict[tuple[int, int], int] = {}
        self.y0: np.ndarray | None = None  # type-level duals, feasible for every pair
        self.forbidden = self._history_keys(pb.forbidden)
        self.met = self._history_keys(pb.met)

    @property
    def class_bonus4(self) -> np.ndarray:
        """The bonus of two classes in quarter points (`_price_by_class`), made once."""
        if self._class_bonus4 is None:
            cpc = self.class_pc
            self._class_bonus4 = 4 * self.bonus[cpc[:, None], cpc[None, :]]
        return self._class_bonus4

    @cached_property
    def class_pairs(self) -> list[tuple[int, int]]:
        """Every pair of classes that may meet (only the rounds without a bonus use it:
        with windows and sites, thousands of classes make it a large list for nothing)."""
        pb, npc, keys = self.pb, self._npc, sorted(self.classes)
        return [
            (c1, c2)
            for x, c1 in enumerate(keys)
            for c2 in keys[x + 1 :]
            if (c1 // npc != c2 // npc if pb.two_sided
                else pb.pc_prof[c1] != pb.pc_prof[c2])
        ]

    @property
    def halves(self) -> list[_Half]:
        """Every pair of the round as halves (`_halves`), made when first asked for."""
        if self._halves_cache is None:
            self._halves_cache = self._halves(self._npc)
        return self._halves_cache

    def _halves(self, npc: int) -> list[_Half]:
        """Every pair of the round, history left out, as halves (`_Half`): without a
        bonus, both directions of each pair of classes; with one, each score class
        against each group of one side and profession it may pair with, so that the
        bonus, constant for the class, folds into the partner's side."""
        out: list[_Half] = []
        if not self.pb.has_bonus:
            for c1, c2 in self.class_pairs:
                xs, zs = self.classes[c1], self.classes[c2]
                p, q = int(self.prof[xs[0]]), int(self.prof[zs[0]])
                out.append(_Half(xs, zs, q, p, None, True))
                out.append(_Half(zs, xs, p, q, None, False))
            return out
        two = self.pb.two_sided
        groups: dict[tuple[int, int], list[int]] = {}
        for x in range(self.m):
            groups.setdefault((int(self.side[x]) if two else 0, int(self.prof[x])), []
                              ).append(x)
        labels = {k: np.array(v, dtype=np.int64) for k, v in sorted(groups.items())}
        for c1 in sorted(self.classes):
            xs = self.classes[c1]
            s1, p1, k1 = int(self.side[xs[0]]), int(self.prof[xs[0]]), int(self.pc[xs[0]])
            for (s2, p2), zs in labels.items():
                if (two and s2 == s1) or (not two and p2 == p1):
                    continue
                bz = self.bonus[k1, self.pc[zs]].astype(np.float64)
                out.append(_Half(xs, zs, p2, p1, bz if bz.any() else None, True))
        return out

    def twice(self, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
        """Twice the score of each pair us[j], vs[j] of people, history left out: each
        one's half by the other's profession, and the bonus in both halves."""
        return np.asarray(self.v[us, self.prof[vs]] + self.v[vs, self.prof[us]]
                          + 2 * self.bonus[self.pc[us], self.pc[vs]])

    def _history_keys(self, partners: list[set[int]]) -> np.ndarray:
        """Sorted keys lo * m + hi of the local pairs in these neighbour sets."""
        sets = [partners[i] for i in self.idx]
        counts = np.fromiter(map(len, sets), dtype=np.int64, count=self.m)
        total = int(counts.sum())
        if not total:
            return np.zeros(0, dtype=np.int64)
        others = np.fromiter(chain.from_iterable(sets), dtype=np.int64, count=total)
        local = np.full(self.pb.n, -1, dtype=np.int64)
        local[np.asarray(self.idx, dtype=np.int64)] = np.arange(self.m)
        u = np.repeat(np.arange(self.m), counts)
        v = local[others]
        u, v = u[v >= 0], v[v >= 0]
        return _unique(np.minimum(u, v) * self.m + np.maximum(u, v))

    def add_many(self, us: np.ndarray, vs: np.ndarray) -> None:
        """Add the allowed pairs among (us[j], vs[j]) with their scores."""
        lo, hi = np.minimum(us, vs), np.maximum(us, vs)
        label = self.side if self.pb.two_sided else self.prof
        ok = label[lo] != label[hi]
        lo, hi = lo[ok], hi[ok]
        keys = _unique(lo * self.m + hi)
        keys = keys[~_member(self.forbidden, keys)]
        lo, hi = keys // self.m, keys % self.m
        score = self.twice(lo, hi) / 2
        score -= self.penalty * _member(self.met, keys)
        # A pair's score never changes, so overwriting a known pair is harmless.
        self.cols.update(zip(zip(lo.tolist(), hi.tolist(), strict=True),
                             score.astype(np.int64).tolist(), strict=True))

    def add(self, u: int, v: int) -> bool:
        """Add the pair of local people u, v if allowed and new; True if added."""
        key = (u, v) if u < v else (v, u)
        if u == v or key in self.cols:
            return False
        a, b = self.idx[u], self.idx[v]
        if not self.pb.allowed(a, b):
            return False
        self.cols[key] = self.pb.score(a, b)
        return True


def _unique(keys: np.ndarray) -> np.ndarray:
    """np.unique for integer keys by sorting (numpy's hashing one is 10-20 times slower
    at these sizes)."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _member(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of keys is in the sorted array sorted_keys."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[at] == keys)


def solve(
    pb: Problem, idx: Sequence[int], k: int, warm: Sequence[tuple[int, int]] = ()
) -> Certified | None:
    """k pairs among idx with a proven bound on any k pairs, or None if none was found.

    `warm` (pairs of person indexes) seeds the pairs looked at; the result is never worse.
    None also when the round is too lopsided for stand-ins.
    """
    m = len(idx)
    stand_ins = m - 2 * k
    if k < 1 or stand_ins < 0 or stand_ins * m > MAX_STAND_IN_ARCS:
        return None
    rd = _Round(pb, idx, stand_ins)
    for a, b in warm:
        rd.add(rd.local[a], rd.local[b])
    typed = (_type_duals(rd) if len(rd.classes) <= TYPED_CLASSES or rd.m >= TYPED_PEOPLE
             else None)
    y0: np.ndarray | None = None
    mate: np.ndarray | None = None
    odd_mate: np.ndarray | None = None
    wired_pairs: list[tuple[int, int]] | None = None
    wired: tuple[np.ndarray, np.ndarray] | None = None
    sampled = False  # the tight finish tried from the wiring, its tight pairs added
    if typed is not None and _feasible(rd, typed.y):  # feasible: never expected not
        y0 = typed.y
        wired = _wired(rd, typed.flows)
        rd.add_many(*wired)
        mate = _wired_mate(rd, *wired, y0)
        split = _cycle_split(rd, mate) if mate is not None else None
        if mate is not None and split is not None and len(split[1]) > SETTLE_FIRST:
            # Too many people on odd cycles to settle them exactly (`_settle`): the
            # tight finish at once, the cycles split only once (100,000 people with
            # windows, round 1: 9,622 people, 0.3 s).
            sampled = True
            odd_mate, mate = mate, None
            rd.add_many(*_tight_sample(rd, y0, TIGHT_PER_CLASS))
            tight = _tight_finish(rd, y0, split[0] + split[2])
            if tight is not None:
                return Certified(pairs=[(rd.idx[u], rd.idx[v]) for u, v in tight],
                                 score=sum(rd.cols[p] for p in tight), bound=float(y0.sum()))
        if mate is not None and split is not None:
            wired_pairs = _settle(rd, split[0], split[1])
            if len(wired_pairs) < k or sum(rd.cols[p] for p in wired_pairs) < int(
                    float(y0.sum()) + 1e-9):
                # Odd cycles: the finish needs more pairs.
                odd_mate, mate, wired_pairs = mate, None, None
    bound: float | None = None
    if mate is not None and y0 is not None:
        # The wiring alone reaches the type-level bound: optimal, y0 its certificate.
        y = y0
        bound = float(y0.sum())
    elif y0 is not None:
        if not sampled:
            rd.add_many(*_tight_sample(rd, y0, TIGHT_PER_CLASS))
        if odd_mate is not None and not sampled:
            # The wiring is worth sum(y0) with history counted but has odd cycles: its
            # tight pairs completed on the tight pairs under y0 prove the round as they
            # would from the warm assignment, which history leaves as the wiring here
            # (100,000 people with windows, round 1: the random pairs, the warm
            # assignment and its checks were 0.7 s for nothing).
            tight = _tight_finish(rd, y0, _cycle_pairs(rd, odd_mate, odd_too=True)[0])
            if tight is not None:
                return Certified(pairs=[(rd.idx[u], rd.idx[v]) for u, v in tight],
                                 score=sum(rd.cols[p] for p in tight), bound=float(y0.sum()))
        elif wired is not None and rd.m >= LOCAL_FROM:
            # History blocks a few arcs of the wiring: the duals moved on their people
            # only, the wiring's tight pairs completed on the pairs tight under them.
            local = _local_finish(rd, y0, *wired)
            if local is not None:
                return local
    if mate is None:
        # Random partners too: history may block the tight pairs of the smallest kinds.
        _start(rd)
        rd.y0 = y0
        start_lp = None
        if typed is not None and y0 is not None and wired is not None:
            start_lp = _warm_lp(rd, *wired, typed)
        found = _finish(rd, k, warm, _generate(rd, start_lp))
        if start_lp is not None and not _proven(found):
            # The wiring's neighbourhood did not split into enough pairs: start afresh.
            again = _finish(rd, k, warm, _generate(rd, None))
            if found is None or _proven(again):
                found = again
        return found
    return _finish(rd, k, warm, (mate, y, bound), wired_pairs)


def _local_finish(rd: _Round, y0: np.ndarray, us: np.ndarray, vs: np.ndarray
                  ) -> Certified | None:
    """The round proven from the wiring us -> vs and the type-level duals y0 when
    history blocks some of its arcs: the duals of the people on those arcs repaired
    (`_local_duals`), the wiring's pairs tight under them completed on the tight pairs
    (`_tight_finish`). None if that does not reach the repaired duals' bound."""
    blocked = _blocked(rd, us, vs)
    if not blocked.any():
        return None
    mate = _with_stand_ins(rd, us, vs)
    if mate is None:
        return None
    who = _unique(np.r_[us[blocked], vs[blocked]])
    listed: tuple[np.ndarray, np.ndarray] | None = None
    if len(who) > FRAGILE_FROM:
        who, listed = _fragile(rd, y0, who)
    got = _local_duals(rd, y0, who)
    if got is None:
        return None
    y, tu, tv = got
    inside = tv >= 0
    rd.add_many(tu[inside], tv[inside])
    by = _ByClass(rd, y)
    if listed is not None:
        # Every tight partner of the people on blocked arcs who have few, and a few
        # more of the others: the one random partner per class and profession may
        # miss the ones a perfect matching needs (`_fragile`, LOCAL_LIST).
        lu, lv = listed
        bu, bv = _tight_by_class(rd, y, LOCAL_BLOCKED_SAMPLE,
                                 _unique(np.r_[us[blocked], vs[blocked]]), by)
        lu, lv = np.r_[lu, bu], np.r_[lv, bv]
        ok = np.abs(_real_reduced(rd, y, lu, lv)) < 1e-9
        rd.add_many(lu[ok], lv[ok])
    # A few random partners in each class tight with someone of S: the pairs tight
    # under y0 were sampled before history was looked at, and may all be history's.
    xs, cz = np.repeat(tu[~inside], LOCAL_TIGHT), np.repeat(-1 - tv[~inside], LOCAL_TIGHT)
    lo, hi = by.partners(xs, cz, rd.class_bonus4[rd.label_class[xs], cz]
                         - by.a4[xs, rd.class_prof[cz]] + 1)
    zs = by.pick(lo, hi)
    ok = np.abs(_real_reduced(rd, y, xs, zs)) < 1e-9
    rd.add_many(xs[ok], zs[ok])
    known: tuple[np.ndarray, np.ndarray] | None = None
    if listed is not None and LOCAL_ASSIGN:
        # Many people left over by the blocked arcs: the pairs from an assignment on the
        # tight arcs (Hopcroft-Karp, the wiring's arcs kept where tight) leave the
        # blossom searches the odd cycles only.
        known = _tight_pairs(rd, y)
        assigned = _tight_assignment(rd, y, mate, known)
        if assigned is not None:
            mate = assigned
    tight = _tight_finish(rd, y, _cycle_pairs(rd, mate, odd_too=True)[0], known)
    if tight is None:
        return None
    return Certified(pairs=[(rd.idx[u], rd.idx[v]) for u, v in tight],
                     score=sum(rd.cols[p] for p in tight), bound=float(y.sum()))


def _tight_pairs(rd: _Round, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of rd.cols tight under y (two arrays of people)."""
    keys = np.array(list(rd.cols), dtype=np.int64).reshape(-1, 2)
    w = np.fromiter(rd.cols.values(), dtype=np.int64, count=len(rd.cols))
    tight = np.abs(y[keys[:, 0]] + y[keys[:, 1]] - w) < 1e-9
    return keys[tight, 0], keys[tight, 1]


def _tight_assignment(rd: _Round, y: np.ndarray, mate: np.ndarray,
                      known: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """An assignment (right copy of each left copy) on the pairs `known` (tight under
    y) and the stand-ins' tight arcs, each left copy's arc of `mate` tried first if
    tight; None if the tight arcs hold none."""
    m, size = rd.m, rd.size
    a, b = known
    tails, heads = [a, b], [b, a]
    for s in range(m, size):
        who = np.nonzero(np.abs(y[:m] + y[s]) < 1e-9)[0]
        tails += [who, np.full(len(who), s, dtype=np.int64)]
        heads += [np.full(len(who), s, dtype=np.int64), who]
    tl, hd = np.concatenate(tails), np.concatenate(heads)
    order = np.argsort(tl, kind="stable")
    tl, hd = tl[order], hd[order]
    found = _matching_keeping(tl, hd, np.searchsorted(tl, np.arange(size + 1)), mate, size)
    return None if (found < 0).any() else found


def _matching_keeping(tails: np.ndarray, heads: np.ndarray, indptr: np.ndarray,
                      mate: np.ndarray, size: int) -> np.ndarray:
    """scipy's Hopcroft-Karp on these arcs (sorted by tail; indptr per left copy): the
    right copy of each left copy, -1 where none. Each left copy's arc of `mate` is moved
    first in its list (heads is reordered in place), so that the first greedy pass keeps
    it where it can."""
    at = np.nonzero(heads == mate[tails])[0]
    to = indptr[tails[at]]
    heads[at], heads[to] = heads[to], heads[at]
    return np.asarray(maximum_bipartite_matching(
        csr_matrix((np.ones(len(tails), dtype=np.int8), heads, indptr), shape=(size, size)),
        perm_type="column"), dtype=np.int64)


def _local_duals(rd: _Round, y0: np.ndarray, who: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Duals y feasible for every pair of the round with history counted, equal to y0
    (feasible for every pair with history left out, in quarter points) but on the
    people `who` (S), whose duals are the least sum that keeps every pair covered with
    everyone else held at y0; and the pairs within S tight under them. None if S is
    too large or y0 not in quarters.

    A person u of S must cover every partner z outside S: 4 y_u >= L_u, the largest
    over classes c of 2 v[u, prof c] + 4 bonus - min over c's people outside S of
    (4 y0_z - 2 v[z, prof u]) (history left out, which only lowers a score, so every
    such pair is covered). Among S, every allowed pair with history counted. Least
    sum(y_S) under those is the doubled relaxation on S with L_u on a self arc u -> u
    (a_u + b_u >= L_u, y = (a + b) / 4): an assignment (`_LP`, from every copy free),
    on the pairs of S nearly tight under y0 first, then on those found uncovered.
    Also returned: the pairs within S tight under y, and (u, -1 - c) for each class c
    outside S that holds a partner tight with u.
    At 100,000 people with windows, round 2 (history: round 1's pairs): 811 blocked
    arcs, and the optimal duals differ from y0 on 26 people, all of them here or next
    to them, where the whole round's assignment repaired from the wiring took 4-5 s."""
    m = rd.m
    people = _unique(who[who < m])
    q4 = np.rint(4 * y0).astype(np.int64)
    if not np.array_equal(q4, 4 * y0):
        return None
    best: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    for _ in range(LOCAL_GROWTH + 1):
        if not len(people) or len(people) > LOCAL_PEOPLE:
            break
        got = _local_solve(rd, y0, q4, people)
        if got is None:
            break
        if best is None or got[0].sum() < best[0].sum():
            best = got[:3]
        more = got[3]
        if not len(more):
            break
        people = _unique(np.r_[people, more])
    return best


def _fragile(rd: _Round, y0: np.ndarray, people: np.ndarray
             ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """S for the local repair from these people (on blocked arcs): those with at most
    LOCAL_FRAGILE partners tight under y0 (history left out); their tight partners,
    and the tight partners of those with at most LOCAL_CLOSE, in turn; then everyone
    any of S has history with (met or may not meet). Also every pair tight under y0 of
    those of these people with at most LOCAL_LIST tight partners.

    A person's dual can fall below y0 only if every partner tight with them under y0
    has history with them or has its own dual raised, so the duals that move are among
    people with few tight partners and those partners, not around every blocked arc
    (at 100,000 people with windows, rounds 3-5: seeds of at most 3 missed the optimum
    by 8-58 points, without the closure by 1-5). The history partners let the pairs
    leaving S, counted with history left out, bind as they would with it."""
    m = rd.m
    bc = _ByClass(rd, y0)
    cprof, bonus4, allowed = rd.class_prof, rd.class_bonus4, rd.class_allowed
    count = np.zeros(m, dtype=np.int64)
    seen = np.zeros(m, dtype=bool)
    ranges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (x, lo, hi)

    def look(xs: np.ndarray) -> None:
        """Count the tight partners of these people, their ranges kept."""
        seen[xs] = True
        for at in range(0, len(xs), LOCAL_CHUNK):
            part = xs[at : at + LOCAL_CHUNK]
            cu = rd.label_class[part]
            # Least reduced cost (quarter points) from each of them to each class.
            red = bc.a4[part][:, cprof] + bc.least[:, rd.prof[part]].T - bonus4[cu]
            xi, c2 = np.nonzero((red <= 0) & allowed[cu])
            x = part[xi]
            lo, hi = bc.partners(x, c2, bonus4[rd.label_class[x], c2]
                                 - bc.a4[x, cprof[c2]] + 1)
            np.add.at(count, x, hi - lo)
            ranges.append((x, lo, hi))

    def partners(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every tight partner of these people (looked at), as pairs."""
        want = np.zeros(m, dtype=bool)
        want[xs] = True
        x, lo, hi = (np.concatenate(z) for z in zip(*ranges, strict=True))
        sel = want[x]
        x, lo, hi = x[sel], lo[sel], hi[sel]
        n = hi - lo
        at = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(int(n.sum()))
        return np.repeat(x, n), bc.person[at]

    look(people)
    listed = partners(people[count[people] <= LOCAL_LIST])
    inside = np.zeros(m, dtype=bool)
    front = people[count[people] <= LOCAL_FRAGILE]
    inside[front] = True
    while len(front):
        got = _unique(partners(front)[1])
        new = got[~inside[got]]
        inside[new] = True
        unseen = new[~seen[new]]
        if len(unseen):
            look(unseen)
        front = new[count[new] <= LOCAL_CLOSE]
    out = [np.nonzero(inside)[0]]
    for keys in (rd.met, rd.forbidden):
        a, b = keys // m, keys % m
        out += [b[inside[a]], a[inside[b]]]
    return _unique(np.concatenate(out)), listed


def _local_solve(rd: _Round, y0: np.ndarray, q4: np.ndarray, people: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """`_local_duals` on these people: y, the tight pairs (as there), and the people
    outside them tight with one of them through a class whose bound binds (so many
    at most that they and these stay within LOCAL_PEOPLE; none if more)."""
    m = rd.m
    s = len(people)
    v2 = np.rint(2 * rd.v).astype(np.int64)
    a4 = q4[:m, None] - v2
    big = np.int64(1) << 40
    a4[people] = big  # not outside S
    least = np.minimum.reduceat(a4[rd.by_class], rd.class_start[:-1], axis=0)
    cu, pu = rd.label_class[people], rd.prof[people]
    need = v2[people][:, rd.class_prof] + rd.class_bonus4[cu] - least[:, pu].T
    need = np.where(rd.class_allowed[cu], need, -big)
    low = need.max(axis=1)
    if rd.size > m:
        low = np.maximum(low, -int(q4[m:].min()))  # the stand-ins, held at y0
    # Every allowed pair within S, twice its score with history counted.
    i, j = np.triu_indices(s, 1)
    u, v = people[i], people[j]
    label = rd.side if rd.pb.two_sided else rd.prof
    keys = u * m + v
    ok = (label[u] != label[v]) & ~_member(rd.forbidden, keys)
    i, j, u, v, keys = i[ok], j[ok], u[ok], v[ok], keys[ok]
    w2 = np.rint(rd.twice(u, v)).astype(np.int64) - 2 * int(rd.penalty) * _member(
        rd.met, keys)
    near = q4[u] + q4[v] - 2 * w2 <= 4 * LOCAL_SLACK
    own = np.arange(s)
    tails = np.r_[i[near], j[near], own]
    heads = np.r_[j[near], i[near], own]
    weights = np.r_[w2[near], w2[near], low]
    a = np.full(s, -big)
    np.maximum.at(a, tails, weights)
    lp = _LP(tails, heads, weights, np.full(s, -1, dtype=np.int64), a,
             np.zeros(s, dtype=np.int64))
    try:
        lp.augment()
        for _ in range(LOCAL_ROUNDS):
            short = (lp.a[i] + lp.b[j] < w2) | (lp.a[j] + lp.b[i] < w2)
            if not short.any():
                break
            lp.extend(np.r_[i[short], j[short]], np.r_[j[short], i[short]],
                      np.r_[w2[short], w2[short]])
        else:
            return None
    except _NoAssignment:
        return None  # never expected: the self arcs are an assignment
    y = y0.copy()
    y4 = lp.a + lp.b
    y[people] = y4 / 4
    tight = 2 * (y4[i] + y4[j]) == 4 * w2
    # Classes outside S holding a partner tight with each person of S, and those
    # partners (by class and the profession they are tight towards).
    bx, bc = np.nonzero(need == y4[:, None])
    more: list[np.ndarray] = []
    room = LOCAL_PEOPLE - s
    for c, q in set(zip(bc.tolist(), pu[bx].tolist(), strict=True)):
        members = rd.by_class[rd.class_start[c] : rd.class_start[c + 1]]
        more.append(members[a4[members, q] == least[c, q]])
        room -= len(more[-1])
        if room < 0:
            more = []
            break
    grown = np.concatenate(more) if more else np.zeros(0, dtype=np.int64)
    return y, np.r_[u[tight], people[bx]], np.r_[v[tight], -1 - bc], grown


def _proven(found: Certified | None) -> bool:
    return found is not None and found.bound is not None and found.score >= int(
        found.bound + 1e-9)


def _finish(
    rd: _Round,
    k: int,
    warm: Sequence[tuple[int, int]],
    generated: tuple[np.ndarray, np.ndarray, float | None] | None,
    pairs: list[tuple[int, int]] | None = None,
) -> Certified | None:
    """The best k pairs from the assignment (or these pairs) and from warm, and the
    bound, lowered by odd sets if the pairs fall short of it."""
    if generated is None:
        return None
    mate, y, bound = generated
    if pairs is None and bound is not None:
        # The tight pairs of the even cycles, completed on the tight pairs, reach the
        # bound in most rounds; the exact matching of the odd cycles is then not needed.
        tight = _tight_finish(rd, y, _cycle_pairs(rd, mate, odd_too=True)[0])
        if tight is not None:
            return Certified(pairs=[(rd.idx[u], rd.idx[v]) for u, v in tight],
                             score=sum(rd.cols[p] for p in tight), bound=bound)
    candidates = [pairs if pairs is not None else _pairs_from(rd, mate)]
    if len(warm) == k:
        candidates.append(
            [(min(rd.local[a], rd.local[b]), max(rd.local[a], rd.local[b])) for a, b in warm]
        )
    for ps in candidates:
        for u, v in ps:
            rd.add(u, v)  # pairs pruned from the LP get their score back
    best = max(candidates, key=lambda ps: (len(ps), sum(rd.cols[p] for p in ps)))
    if len(best) < k:
        return None
    score = sum(rd.cols[p] for p in best)
    if bound is not None and score < int(bound + 1e-9):
        tight = _tight_finish(rd, y, best)
        if tight is not None:
            best, score = tight, sum(rd.cols[p] for p in tight)
    if bound is not None and score < int(bound + 1e-9):
        odd = _odd_set_bound(rd, y, score)
        if odd is not None and odd < bound:
            bound = odd
    if bound is not None and score < int(bound + 1e-9):
        fixed = _within_gap(rd, y, score)
        if fixed is not None:
            best, score, bound = fixed, sum(rd.cols[p] for p in fixed), float(
                sum(rd.cols[p] for p in fixed))
    return Certified(
        pairs=[(rd.idx[u], rd.idx[v]) for u, v in best],
        score=score,
        bound=bound,
    )


def _generate(
    rd: _Round, lp: _LP | None
) -> tuple[np.ndarray, np.ndarray, float | None] | None:
    """Column generation from the assignment lp (or a fresh one): the final assignment,
    its duals y and their bound sum(y), or None if the pairs admit no assignment."""
    y0 = rd.y0
    added: list[tuple[int, int]] = []
    bound: float | None = None
    mate: np.ndarray | None = None
    y: np.ndarray | None = None
    for rounds in range(MAX_ROUNDS):
        share = INCREMENTAL_SHARE_BONUS if rd.pb.has_bonus else INCREMENTAL_SHARE
        if lp is not None and rounds and len(added) <= rd.m / share:
            try:
                lp.extend(*_arcs_of(rd, added))
            except _NoAssignment:
                lp = None
        elif rounds:
            lp = None
        if lp is None:
            lp = _assign(rd)
            if lp is None:
                return None
        mate, y = lp.mate.copy(), lp.y
        if y0 is not None and lp.value() >= 4 * float(y0.sum()) - 1e-9:
            # The assignment reaches sum(y0) of duals y0 feasible for every pair: it is
            # optimal for the whole round, and y0 its certificate.
            return mate, y0, float(y0.sum())
        added = _price(rd, y)
        if not added:
            return mate, y, float(y.sum())
    if mate is None or y is None:
        return None
    return mate, y, bound


def _warm_lp(rd: _Round, us: np.ndarray, vs: np.ndarray, typed: _Typed) -> _LP | None:
    """The wiring as a first assignment, with the type-level duals: its arcs that
    history blocks or lowers are unassigned and their left copies reassigned by
    shortest augmenting paths. None if that fails (then a fresh assignment is made)."""
    tails, heads, scores = _arcs(rd)
    w = 2 * scores
    a, b = typed.a.copy(), typed.b.copy()
    if not (a[tails] + b[heads] >= w).all():
        return None  # never expected: the type-level duals cover every pair
    mate = _with_stand_ins(rd, us, vs)
    if mate is None:
        return None
    tight = (mate[tails] == heads) & (a[tails] + b[heads] == w)
    ok = np.zeros(rd.size, dtype=bool)
    ok[tails[tight]] = True
    rows = np.nonzero(~ok)[0]
    mate[rows] = -1
    lp = _LP(tails, heads, w, mate, a, b)
    try:
        lp.augment()
    except _NoAssignment:
        return None
    return lp


def _start(rd: _Round) -> None:
    """A first set of pairs: for everyone, a few people of each profession they wish to
    meet, a few who wish to meet theirs, and a few at random."""
    pb = rd.pb
    rng = rd.rng
    half = START_PER_PERSON // 2
    wishers: dict[int, list[int]] = {}
    for u, i in enumerate(rd.idx):
        for q in pb.wants[i]:
            wishers.setdefault(q, []).append(u)
    pools = {q: np.nonzero(rd.prof == q)[0] for q in range(rd.nprof)}
    pools.update({-1 - q: np.array(v, dtype=np.int64) for q, v in wishers.items()})
    us: list[np.ndarray] = [np.repeat(np.arange(rd.m), START_PER_PERSON)]
    vs: list[np.ndarray] = [rng.integers(0, rd.m, size=rd.m * START_PER_PERSON)]
    # People grouped by the pool they draw from: their wishes, and who wishes theirs.
    members: dict[int, list[int]] = {}
    for u, i in enumerate(rd.idx):
        for q in pb.wants[i]:
            members.setdefault(q, []).append(u)
        members.setdefault(-1 - pb.prof[i], []).append(u)
    for key, who in members.items():
        pool = pools.get(key)
        if pool is None or not len(pool):
            continue
        us.append(np.repeat(np.array(who, dtype=np.int64), half))
        vs.append(pool[rng.integers(0, len(pool), size=len(who) * half)])
    rd.add_many(np.concatenate(us), np.concatenate(vs))


def _arcs_of(rd: _Round, keys: list[tuple[int, int]]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both arcs of each of these pairs (left copy, right copy, W = twice the score)."""
    pair = np.array(keys, dtype=np.int64).reshape(-1, 2)
    w = 2 * np.array([rd.cols[k] for k in keys], dtype=np.int64)
    return np.r_[pair[:, 0], pair[:, 1]], np.r_[pair[:, 1], pair[:, 0]], np.r_[w, w]


def _arcs(rd: _Round) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left copy, right copy and score of every arc of the doubled graph."""
    keys = np.array(list(rd.cols), dtype=np.int64).reshape(-1, 2)
    w = np.fromiter(rd.cols.values(), dtype=np.int64, count=len(rd.cols))
    tails = [keys[:, 0], keys[:, 1]]
    heads = [keys[:, 1], keys[:, 0]]
    scores = [w, w]
    people = np.arange(rd.m, dtype=np.int64)
    for s in range(rd.m, rd.size):
        stand = np.full(rd.m, s, dtype=np.int64)
        tails += [stand, people]
        heads += [people, stand]
        scores += [np.zeros(rd.m, dtype=np.int64)] * 2
    return np.concatenate(tails), np.concatenate(heads), np.concatenate(scores)


class _LP:
    """An optimal assignment on the current pairs and its max-form duals: a (left copies)
    and b (right copies), a_i + b_j >= W_ij on every arc, equal on the assigned ones.
    W is twice the score, so that the type-level duals are integers too and every
    comparison is exact.

    The arcs are kept sorted by left copy, with `indptr` the start of each left copy's
    arcs (a csr layout), so that a search from a few left copies reads only their arcs;
    `owner` is the left copy assigned to each right copy (-1 if none), kept with `mate`.
    """

    def __init__(self, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray,
                 mate: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        order = np.argsort(tails, kind="stable")  # by left copy
        self.tails, self.heads, self.weights = tails[order], heads[order], weights[order]
        self.mate, self.a, self.b = mate, a, b
        size = len(mate)
        self.indptr = np.searchsorted(self.tails, np.arange(size + 1))
        self.owner = np.full(size, -1, dtype=np.int64)
        held = mate >= 0
        self.owner[mate[held]] = np.nonzero(held)[0]

    @property
    def y(self) -> np.ndarray:
        """Per-person duals in points: the two copies' duals, halved (W is doubled)."""
        return np.asarray((self.a + self.b) / 4)

    def value(self) -> int:
        """W of the assignment: four times the pairs' score."""
        assigned = self.mate[self.tails] == self.heads
        return int(self.weights[assigned].sum())

    def _merge(self, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray) -> None:
        """Insert arcs into the sorted ones: each after the arcs of its left copy (what
        a stable sort of old then new would give), in one pass rather than a sort of
        every arc."""
        order = np.argsort(tails, kind="stable")
        tails, heads, weights = tails[order], heads[order], weights[order]
        at = self.indptr[tails + 1]  # end of each one's left copy's arcs
        self.tails = np.insert(self.tails, at, tails)
        self.heads = np.insert(self.heads, at, heads)
        self.weights = np.insert(self.weights, at, weights)
        self.indptr += np.searchsorted(tails, np.arange(len(self.indptr)))

    def _arcs_from(self, rows: np.ndarray) -> np.ndarray:
        """The arcs of these left copies (indexes into the sorted arcs), by left copy."""
        start = self.indptr[rows]
        count = self.indptr[rows + 1] - start
        return np.repeat(start - np.cumsum(count) + count, count) + np.arange(int(count.sum()))

    def extend(self, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray) -> None:
        """Add arcs and make the assignment optimal again: every left copy with an arc
        its duals do not cover is unassigned and its dual raised to cover it, then each
        is reassigned (`augment`)."""
        self._merge(tails, heads, weights)
        short = self.a[tails] + self.b[heads] < weights
        rows = _unique(tails[short])
        if not len(rows):
            return
        # Each one's dual raised to its largest W - b (its arcs are contiguous).
        arcs = self._arcs_from(rows)
        count = self.indptr[rows + 1] - self.indptr[rows]
        self.a[rows] = np.maximum.reduceat(self.weights[arcs] - self.b[self.heads[arcs]],
                                           np.cumsum(count) - count)
        held = rows[self.mate[rows] >= 0]
        self.owner[self.mate[held]] = -1
        self.mate[rows] = -1
        self.augment()

    def augment(self) -> None:
        """Complete the assignment (the unassigned left copies have mate -1) by the
        primal-dual method, in phases.

        A phase is one shortest-path search from every unassigned left copy at once
        (scipy's Dijkstra on the reduced costs, on a graph of left copies: r -> the
        owner of j for an arc r -> j, or -> a target for a free j), up to `top`: the
        largest, over the unassigned left copies, of the cheapest arc from one straight
        to a free right copy, so that every search has a path within it. Each left
        copy's dual falls by top less its distance (by nothing if farther) and each
        assigned right copy's rises by as much as its owner's, which keeps the assigned
        arcs tight and every arc covered; a free right copy reached at distance t rises
        by top - t, which keeps its arcs covered too (it has no assigned arc to keep
        tight). Every shortest path to every free right copy within top is then tight,
        not only those at the least distance (a round of 10,000 people with windows:
        35 phases, against 53 when lowering by the least distance).

        Then a maximum matching on the tight arcs among the left copies reached (scipy's
        Hopcroft-Karp) takes every tight augmenting path that fits, the rest keeping
        their right copies. Hopcroft-Karp starts from nothing, but its first pass gives
        each left copy the first free right copy in its list: with the assigned arc
        listed first, that pass rebuilds the current assignment, and only the
        unassigned left copies are searched for (without that, redoing the whole
        round's matching in every phase was most of the repairs' time at 100,000
        people).
        Every arc must be covered by the duals when called. Raises _NoAssignment if the
        arcs admit no perfect assignment."""
        tl, hd, wt, a, b = self.tails, self.heads, self.weights, self.a, self.b
        size = len(self.mate)
        indptr = np.r_[self.indptr, len(tl)]  # the target node has no arcs
        while True:
            mate, owner = self.mate, self.owner
            free_rows = np.nonzero(mate < 0)[0]
            if not len(free_rows):
                return
            free_col = owner[hd] < 0
            reduced = a[tl] + b[hd] - wt
            graph = csr_matrix((reduced.astype(np.float64),
                                np.where(free_col, size, owner[hd]), indptr),
                               shape=(size + 1, size + 1))
            # Each unassigned left copy's cheapest arc to a free right copy.
            direct = self._arcs_from(free_rows)  # their arcs only, not every arc
            direct = direct[free_col[direct]]
            cheapest = np.full(size, np.iinfo(np.int64).max)
            np.minimum.at(cheapest, tl[direct], reduced[direct])
            cheapest = cheapest[np.unique(tl[direct])]
            limit = float(cheapest.max()) if len(cheapest) else np.inf
            dist = dijkstra(graph, directed=True, indices=free_rows, min_only=True,
                            limit=limit)
            if not np.isfinite(dist[size]):
                raise _NoAssignment
            top = int(limit) if np.isfinite(limit) else int(dist[size])
            near = dist[:size] <= top
            d = np.where(near, dist[:size], top).astype(np.int64)
            # Each free right copy's distance t (within top), from the arcs into it.
            # (Those from left copies not reached count top or more: no need to leave
            # them out, and the free right copies' arcs are few to read.)
            into = np.nonzero(free_col)[0]
            length = d[tl[into]] + reduced[into]
            t = np.full(size, top, dtype=np.int64)
            np.minimum.at(t, hd[into], length)
            # Duals moved (before the matching changes who owns what).
            taken = owner >= 0
            b[taken] += top - d[owner[taken]]
            b[~taken] += top - t[~taken]
            a -= top - d
            # The tight arcs among the left copies reached, into their right copies
            # and the free ones; each left copy's assigned arc listed first.
            held = mate >= 0
            cols = ~taken
            cols[mate[near & held]] = True
            use = (a[tl] + b[hd] == wt) & near[tl] & cols[hd]
            ut, uh = tl[use], hd[use]
            found = _matching_keeping(ut, uh, np.searchsorted(ut, np.arange(size + 1)),
                                      mate, size)
            mate = mate.copy()
            mate[near] = found[near]
            held = mate >= 0
            if np.count_nonzero(held) <= size - len(free_rows):
                raise _NoAssignment  # never expected: a tight augmenting path exists
            self.mate = mate
            self.owner = np.full(size, -1, dtype=np.int64)
            self.owner[mate[held]] = np.nonzero(held)[0]


class _NoAssignment(Exception):
    """The current pairs admit no perfect assignment."""


def _assign(rd: _Round) -> _LP | None:
    """Optimal assignment on the current pairs from scratch (scipy's sparse
    Jonker-Volgenant), with its duals; None if there is none."""
    tails, heads, scores = _arcs(rd)
    scores = 2 * scores  # W
    # A constant added to every arc keeps the optimum (every assignment has size arcs)
    # and keeps scipy from reading a 0-point arc as a missing one.
    shift = int(-scores.min(initial=0)) + 1
    graph = csr_matrix(
        ((scores + shift).astype(np.float64), (tails, heads)), shape=(rd.size, rd.size)
    )
    try:
        left, right = min_weight_full_bipartite_matching(graph, maximize=True)
    except ValueError:
        return None  # no perfect matching on these pairs
    mate = np.empty(rd.size, dtype=np.int64)
    mate[left] = right
    owner = np.empty(rd.size, dtype=np.int64)  # left copy assigned to each right copy
    owner[right] = left
    # Max-form duals: a_i + b_j >= score(i, j), tight on the assignment. With o the
    # owner of j, b_j = score(o, j) - a_o, so the condition is a_o - a_i <=
    # score(o, j) - score(i, j): shortest distances on the left copies along arcs
    # i -> o of that cost satisfy it (no negative cycle, as the assignment is optimal).
    matched_score = np.zeros(rd.size, dtype=np.int64)
    free = mate[tails] != heads
    tied = ~free
    matched_score[tails[tied]] = scores[tied]
    src = tails[free]
    dst = owner[heads[free]]
    cost = matched_score[dst] - scores[free]
    # Any start converges to potentials that satisfy every arc; starting from the
    # type-level duals keeps the new duals next to them, away from where history binds.
    y0 = rd.y0
    p = np.zeros(rd.size, dtype=np.int64) if y0 is None else np.floor(2 * y0).astype(np.int64)
    for _ in range(BELLMAN_FORD_PASSES):
        cand = p[src] + cost
        better = cand < p[dst]
        if not better.any():
            break
        np.minimum.at(p, dst[better], cand[better])
    else:
        return None  # no convergence: no certificate (a negative cycle is never expected)
    a = p
    b = np.empty(rd.size, dtype=np.int64)
    b[mate] = matched_score - a
    return _LP(tails, heads, scores, mate, a, b)


def _price(rd: _Round, y: np.ndarray) -> list[tuple[int, int]]:
    """Add pairs whose score exceeds y_u + y_v; return them (none: y is feasible for
    every pair of the round)."""
    quarters = 4 * y[: rd.m]
    if rd.pb.has_bonus and np.array_equal(quarters, np.rint(quarters)):
        return _price_by_class(rd, y)
    return _price_by_half(rd, y)


class _ByClass:
    """People under duals y by classes, in quarter points (y in quarters of a point):
    the reduced cost of x, z with history left out is A[x, prof z] + A[z, prof x] -
    4 bonus(class x, class z), A[x, q] = 4 y_x - 2 v[x, q]. `least` is each class's
    least A per profession, `bound` the least reduced cost over two classes; the
    people of each class sorted by A towards each profession are one array of keys
    (profession, class, A), so that the partners of class c2 below a threshold for x
    are one range of it."""

    def __init__(self, rd: _Round, y: np.ndarray) -> None:
        m, nprof = rd.m, rd.nprof
        self.rd = rd
        cls, cprof = rd.label_class, rd.class_prof
        self.ncls = len(rd.class_keys)
        self.a4 = (np.rint(4 * y[:m])[:, None] - 2 * rd.v).astype(np.int64)  # m x nprof
        # Least A per class and profession; towards[c1, c2]: c1's towards c2's profession.
        self.least = np.minimum.reduceat(self.a4[rd.by_class], rd.class_start[:-1], axis=0)
        towards = self.least[:, cprof]
        self.bound = towards + towards.T - rd.class_bonus4  # [c1, c2]
        self.span = np.int64(1) << 24
        self.off = np.int64(1) << 23
        keys = ((np.arange(nprof)[None, :] * self.ncls + cls[:, None]) * self.span
                + self.a4 + self.off).ravel()
        order = np.argsort(keys, kind="stable")
        self.sorted_keys = keys[order]
        self.person = order // nprof

    def rows(self, c1s: np.ndarray, c2s: np.ndarray, who: np.ndarray | None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x, c2, threshold) for x in c1 (or in who) whose own A leaves a violated
        pair with class c2: the partners z of c2 with A[z, prof x] < threshold."""
        rd = self.rd
        sizes = rd.class_size[c1s]
        at = np.repeat(rd.class_start[c1s] - np.cumsum(sizes) + sizes, sizes)
        xs = rd.by_class[at + np.arange(int(sizes.sum()))]
        c2 = np.repeat(c2s, sizes)
        if who is not None:
            inside = who[xs]
            xs, c2 = xs[inside], c2[inside]
        thr = rd.class_bonus4[rd.label_class[xs], c2] - self.a4[xs, rd.class_prof[c2]]
        keep = self.least[c2, rd.prof[xs]] < thr
        return xs[keep], c2[keep], thr[keep]

    def partners(self, xs: np.ndarray, c2: np.ndarray, thr: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi) for each row of `rows`: the partners are person[lo:hi]."""
        base = (self.rd.prof[xs] * self.ncls + c2) * self.span
        return (np.searchsorted(self.sorted_keys, base),
                np.searchsorted(self.sorted_keys, base + thr + self.off))

    def tries(self, bad: np.ndarray, per_class: int, per_person: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows (`rows`) of up to per_class classes at random among those marked in
        bad (classes x classes) per class, and of those up to per_person per person at
        random, with the partners' ranges (xs, lo, hi)."""
        rd, ncls = self.rd, self.ncls
        noise = np.where(bad, rd.rng.random(bad.shape), np.inf)
        tries = min(per_class, ncls)
        top = np.argpartition(noise, tries - 1, axis=1)[:, :tries] if tries < ncls else \
            np.broadcast_to(np.arange(ncls), bad.shape)
        c1s = np.repeat(np.arange(ncls), top.shape[1])
        c2s = top.ravel()
        ok = bad[c1s, c2s]
        xs, c2, thr = self.rows(c1s[ok], c2s[ok], None)
        shuffled = rd.rng.permutation(len(xs))
        by_x = shuffled[np.argsort(xs[shuffled], kind="stable")]
        starts = np.searchsorted(xs[by_x], xs[by_x], side="left")
        first = by_x[np.arange(len(by_x)) - starts < per_person]
        # The partners' ranges of the rows kept only (most rows are not kept).
        xs = xs[first]
        lo, hi = self.partners(xs, c2[first], thr[first])
        return xs, lo, hi

    def pick(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """A random partner in each range."""
        at = lo + (self.rd.rng.random(len(lo)) * (hi - lo)).astype(np.int64)
        return np.asarray(self.person[at])


def _price_by_class(rd: _Round, y: np.ndarray) -> list[tuple[int, int]]:
    """`_price` by classes first (`_ByClass`): with windows and sites there are hundreds
    of classes and a half per class and profession, too many to sort each one every
    round.

    The least reduced cost over two classes says which pairs of classes hold a violated
    pair; only their people are looked at. For each such person and class, a random
    partner among the violated ones is tried; a person whose tries all meet history has
    every violated pair of theirs tried before none is said to be left."""
    m = rd.m
    cls = rd.label_class
    ncls = len(rd.class_keys)
    by_cls = rd.by_class
    bc = _ByClass(rd, y)
    bad = rd.class_allowed & (bc.bound < 0)
    if not bad.any():
        return []
    person = bc.person
    # First tries: up to CLASS_TRIES violated classes per class, at random, and a few
    # of them per person, each with a random violated partner.
    xs, lo, hi = bc.tries(bad, CLASS_TRIES, 2 * PER_PERSON)
    added = _accept(rd, y, xs, bc.pick(lo, hi))
    got = np.zeros(m, dtype=bool)
    if added:
        got[np.array(added, dtype=np.int64).ravel()] = True
    # None added: everyone with a violated pair, every violated class, a random partner
    # in each; then, for whoever history still leaves without one, every partner in turn.
    waiting = np.zeros(m, dtype=bool)
    waiting[by_cls] = bad.any(axis=1)[cls[by_cls]]
    waiting &= ~got
    if added or not waiting.any():
        return added  # the rest next round; the whole search only to say none is left
    held = np.zeros(ncls, dtype=bool)
    held[cls[waiting]] = True
    c1s, c2s = np.nonzero(bad & held[:, None])
    xs, c2, thr = bc.rows(c1s, c2s, waiting)
    lo, hi = bc.partners(xs, c2, thr)
    more = _accept(rd, y, xs, bc.pick(lo, hi))
    added += more
    if more:
        got[np.array(more, dtype=np.int64).ravel()] = True
    if added:
        return added
    # Every violated partner of each of them, all at once (a person at a time was 277
    # calls in the last pricing round of a round of 10,000 people, the one that finds
    # none), in slices of at most ACCEPT_SLICE pairs.
    rest = np.nonzero(~got[xs])[0]
    count = hi[rest] - lo[rest]
    ends = np.cumsum(count)
    start = 0
    while start < len(rest):
        stop = max(start + 1, int(np.searchsorted(ends, ends[start] - count[start]
                                                  + ACCEPT_SLICE, side="right")))
        part, cnt = rest[start:stop], count[start:stop]
        at = np.repeat(lo[part] - np.cumsum(cnt) + cnt, cnt) + np.arange(int(cnt.sum()))
        added += _accept(rd, y, np.repeat(xs[part], cnt), person[at])
        start = stop
    return added


def _accept(rd: _Round, y: np.ndarray, us: np.ndarray, vs: np.ndarray
            ) -> list[tuple[int, int]]:
    """Of the pairs us[j], vs[j], those still violated with history counted, up to
    PER_PERSON per person, added to rd.cols."""
    if not len(us):
        return []
    lo, hi = np.minimum(us, vs), np.maximum(us, vs)
    keys = _unique(lo * rd.m + hi)
    keys = keys[~_member(rd.forbidden, keys)]
    lo, hi = keys // rd.m, keys % rd.m
    score = rd.twice(lo, hi) / 2 - rd.penalty * _member(rd.met, keys)
    viol = score > y[lo] + y[hi] + 1e-9
    lo, hi, score = lo[viol], hi[viol], score[viol]
    # PER_PERSON per person: in a random order, a pair is kept if it is among the
    # first PER_PERSON of either of its people.
    shuffled = rd.rng.permutation(len(lo))
    lo, hi, score = lo[shuffled], hi[shuffled], score[shuffled]
    keep = (_rank(lo, rd.m) < PER_PERSON) & (_rank(hi, rd.m) < PER_PERSON)
    out: list[tuple[int, int]] = []
    for u, v, w in zip(lo[keep].tolist(), hi[keep].tolist(), score[keep].tolist(),
                       strict=True):
        if (u, v) not in rd.cols:
            rd.cols[(u, v)] = int(w)
            out.append((u, v))
    return out


def _rank(who: np.ndarray, size: int) -> np.ndarray:
    """For each entry, how many entries before it name the same person."""
    order = np.argsort(who, kind="stable")
    first = np.searchsorted(who[order], who[order], side="left")
    rank = np.empty(len(who), dtype=np.int64)
    rank[order] = np.arange(len(who)) - first
    return rank


def _price_by_half(rd: _Round, y: np.ndarray) -> list[tuple[int, int]]:
    """`_price` half by half (`_Half`), each sorted."""
    added: list[tuple[int, int]] = []
    yr = y[: rd.m]
    budget = np.zeros(rd.m, dtype=np.int64)
    halves = [h for h in rd.halves if h.forward]
    rd.rng.shuffle(halves)
    for half in halves:
        us, vs = half.xs, half.zs
        au, av = half.sides(rd, yr)
        order = np.argsort(av, kind="stable")
        # For u, the first counts[u] partners in this order would violate the dual if
        # they had no history (which only lowers a score or forbids the pair).
        counts = np.searchsorted(av[order], -au - 1e-9, side="left")
        for r in np.nonzero(counts)[0].tolist():
            u = int(us[r])
            if budget[u] >= PER_PERSON:
                continue
            cnt = int(counts[r])
            sample = cnt > 4 * PER_PERSON
            tries = rd.rng.choice(cnt, size=4 * PER_PERSON, replace=False).tolist() \
                if sample else range(cnt)
            got = _try(rd, yr, u, vs, order, tries, added)
            if got == 0 and sample:
                # The sample held only pairs with history: look at every candidate.
                got = _try(rd, yr, u, vs, order, range(cnt), added)
            budget[u] += got
    return added


def _try(
    rd: _Round, y: np.ndarray, u: int, vs: np.ndarray, order: np.ndarray, tries: Iterable[int],
    added: list[tuple[int, int]],
) -> int:
    got = 0
    for j in tries:
        v = int(vs[order[j]])
        key = (u, v) if u < v else (v, u)
        if key in rd.cols:
            continue
        if rd.add(u, v):
            if rd.cols[key] > y[u] + y[v] + 1e-9:
                got += 1
                added.append(key)
                if got >= PER_PERSON:
                    break
            else:
                del rd.cols[key]
    return got


def _weight(rd: _Round, u: int, v: int) -> int | None:
    """Score of nodes u, v (0 with a stand-in), None if they may not pair; remembered."""
    if u >= rd.m or v >= rd.m:
        return None if u >= rd.m and v >= rd.m else 0
    key = (u, v) if u < v else (v, u)
    got = rd.cols.get(key)
    if got is None and rd.add(u, v):
        got = rd.cols[key]
    return got


def _cycles(mate: np.ndarray) -> list[list[int]]:
    """The assignment's cycles, each from its least node, in the order of those. The
    two-cycles (most of them: pairs) are found at once, the others walked."""
    nodes = np.arange(len(mate))
    two = (mate[mate] == nodes) & (mate != nodes)
    first = np.nonzero(two & (nodes < mate))[0]
    out = [[u, v] for u, v in zip(first.tolist(), mate[first].tolist(), strict=True)]
    seen = two.tolist()
    at = mate.tolist()
    longer: list[list[int]] = []
    for start in np.nonzero(~two)[0].tolist():
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        v = at[start]
        while v != start:
            cycle.append(v)
            seen[v] = True
            v = at[v]
        longer.append(cycle)
    if longer:
        out = sorted(out + longer, key=lambda c: c[0])
    return out


def _join_odd(rd: _Round, mate: np.ndarray) -> None:
    """Join pairs of odd cycles into even ones by swapping two interchangeable people.

    x on one odd cycle and z on another, of the same kind, swap who precedes them; when
    the two new arcs score what the old ones did, the joined cycle is even and keeps the
    total, so one of its halves is worth at least its share of the LP.
    """
    pred = np.empty_like(mate)
    pred[mate] = np.arange(len(mate))
    alive: set[int] = set()
    waiting: dict[int, tuple[int, int]] = {}  # kind -> (odd cycle, person on it)
    for ci, cycle in enumerate(_cycles(mate)):
        if len(cycle) % 2 == 0:
            continue
        joined = False
        for x in cycle:
            hit = waiting.get(rd.kind[x])
            if hit is None or hit[0] not in alive:
                continue
            z = hit[1]
            px, pz = int(pred[x]), int(pred[z])
            if (_weight(rd, px, z) == _weight(rd, px, x) is not None
                    and _weight(rd, pz, x) == _weight(rd, pz, z) is not None):
                mate[px], mate[pz] = z, x
                pred[z], pred[x] = px, pz
                alive.discard(hit[0])
                joined = True
                break
        if not joined:
            alive.add(ci)
            for x in cycle:
                hit = waiting.get(rd.kind[x])
                if hit is None or hit[0] not in alive:
                    waiting[rd.kind[x]] = (ci, x)


def _pairs_from(rd: _Round, mate: np.ndarray) -> list[tuple[int, int]]:
    """Pairs from the assignment's cycles: the better half of each even cycle (after
    joining odd ones), and an exact matching among the people left on odd cycles."""
    return _settle(rd, *_cycle_pairs(rd, mate))


def _cycle_pairs(rd: _Round, mate: np.ndarray, odd_too: bool = False
                 ) -> tuple[list[tuple[int, int]], list[int]]:
    """The better half of each even cycle of the assignment (after joining odd ones),
    and the people left on odd cycles. With odd_too, every other arc of each odd cycle
    is among the pairs too (for `_tight_finish`, which keeps the tight ones)."""
    pairs, odd, odd_pairs = _cycle_split(rd, mate)
    return (pairs + odd_pairs if odd_too else pairs), odd


def _cycle_split(rd: _Round, mate: np.ndarray
                 ) -> tuple[list[tuple[int, int]], list[int], list[tuple[int, int]]]:
    """`_cycle_pairs`: the even cycles' pairs, the people on odd cycles, and every
    other arc of each odd cycle (the pairs of distinct cycles never share a person, so
    their order does not matter to `_tight_finish`)."""
    mate = mate.copy()
    _join_odd(rd, mate)
    pairs: list[tuple[int, int]] = []
    odd_pairs: list[tuple[int, int]] = []
    odd: list[int] = []
    m, cols = rd.m, rd.cols
    for cycle in _cycles(mate):
        n = len(cycle)
        if n == 2:  # a pair (or a person and a stand-in): both halves are it
            a, b = cycle
            if a < m and b < m:
                key = (a, b) if a < b else (b, a)
                if key not in cols:
                    rd.add(a, b)  # remembered, as `_weight` does
                pairs.append(key)
            continue
        if n % 2:
            odd += [v for v in cycle if v < rd.m]
            odd_pairs += [(min(a, b), max(a, b)) for a, b in zip(cycle[0 : n - 1 : 2],
                                                             cycle[1:n:2], strict=True)
                          if a < rd.m and b < rd.m]
            continue
        halves: list[list[tuple[int, int]]] = [[], []]
        value = [0, 0]
        for start in (0, 1):
            for x in range(start, n, 2):
                a, b = cycle[x], cycle[(x + 1) % n]
                w = _weight(rd, a, b)
                value[start] += -10**9 if w is None else w
                if a < rd.m and b < rd.m:
                    halves[start].append((min(a, b), max(a, b)))
        pairs += halves[0] if value[0] >= value[1] else halves[1]
    return pairs, odd, odd_pairs


def _settle(rd: _Round, fixed: list[tuple[int, int]], free: list[int]) -> list[tuple[int, int]]:
    """Match the free people exactly; if they come short of the pairs needed, release
    the fixed pairs next to them and try again (a few times, then give up)."""
    need = (rd.size - 2 * (rd.size - rd.m)) // 2 - len(fixed)  # k - fixed pairs
    if need <= 0 or not free:
        return sorted(fixed)
    known = list(rd.cols)  # the pairs priced so far: who is next to whom
    adjacent: dict[int, list[int]] = {}  # filled when first needed
    pair_of = {v: p for p in fixed for v in p}
    pool = set(free)
    released: set[tuple[int, int]] = set()
    for _ in range(SETTLE_ROUNDS):
        if len(pool) > ODD_EXACT_LIMIT:
            break
        if len(pool) <= DENSE_ODD:
            # Few people: every allowed pair among them, not only the ones priced.
            who = np.array(sorted(pool), dtype=np.int64)
            rd.add_many(np.repeat(who, len(who)), np.tile(who, len(who)))
        got = _exact_on(rd, sorted(pool))
        if len(got) >= need + len(released):
            return sorted([p for p in fixed if p not in released] + got)
        if not adjacent:
            for u, v in known:
                adjacent.setdefault(u, []).append(v)
                adjacent.setdefault(v, []).append(u)
        for u in list(pool):
            for v in adjacent.get(u, ()):
                p = pair_of.get(v)
                if p is not None and p not in released:
                    released.add(p)
                    pool.update(p)
    return []


def _within_gap(rd: _Round, y: np.ndarray, score: int) -> list[tuple[int, int]] | None:
    """The best k pairs of the round, proven, by reduced-cost fixing; None if too many
    pairs are within the gap.

    y is feasible for every pair. A k-pair matching is a perfect matching of people and
    stand-ins, worth sum(y) less the reduced costs of its pairs, so one that scores at
    least `score` uses only pairs of reduced cost at most gap = sum(y) - score. The
    exact matching (rustworkx) on those pairs, each connected component alone, is then
    the optimum over every pair of the round."""
    m, size = rd.m, rd.size
    gap = float(y.sum()) - score + 1e-6
    yr = y[:m]
    us: list[np.ndarray] = []
    vs: list[np.ndarray] = []
    total = 0
    for half in rd.halves:
        if not half.forward:
            continue
        ax, az = half.sides(rd, yr)
        order = np.argsort(az, kind="stable")
        cnt = np.searchsorted(az[order], gap - ax, side="right")
        total += int(cnt.sum())
        if total > FIXING_EDGES:
            return None
        who = np.nonzero(cnt)[0]
        if len(who):
            us.append(np.repeat(half.xs[who], cnt[who]))
            vs.append(half.zs[order[np.concatenate([np.arange(c) for c in cnt[who]])]])
    if us:
        a, b = np.concatenate(us), np.concatenate(vs)
        r = _real_reduced(rd, y, a, b)
        a, b = a[r <= gap], b[r <= gap]
    else:
        a = b = np.zeros(0, dtype=np.int64)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keys = _unique(lo * m + hi)
    lo, hi = keys // m, keys % m
    weight = rd.twice(lo, hi) / 2 - rd.penalty * _member(
        rd.met, keys)
    tails, heads, weights = [lo], [hi], [weight.astype(np.int64)]
    for s in range(m, size):
        who = np.nonzero(yr + y[s] <= gap)[0]
        tails.append(who)
        heads.append(np.full(len(who), s, dtype=np.int64))
        weights.append(np.zeros(len(who), dtype=np.int64))
    t, h, w = np.concatenate(tails), np.concatenate(heads), np.concatenate(weights)
    if len(t) > FIXING_EDGES:
        return None
    comp = _components(size, t, h)
    pairs: list[tuple[int, int]] = []
    shift = int(max(0, -w.min(initial=0)))
    by = np.argsort(comp[t], kind="stable")
    starts = np.searchsorted(comp[t][by], np.arange(int(comp.max()) + 2))
    nodes_by = np.argsort(comp, kind="stable")
    node_starts = np.searchsorted(comp[nodes_by], np.arange(int(comp.max()) + 2))
    for c in range(int(comp.max()) + 1):
        nodes = nodes_by[node_starts[c] : node_starts[c + 1]]
        if len(nodes) % 2:
            return None  # no perfect matching: never expected, as the round has one
        arcs = by[starts[c] : starts[c + 1]]
        if not len(arcs):
            return None
        pos = {int(v): x for x, v in enumerate(nodes.tolist())}
        graph = rx.PyGraph()
        graph.add_nodes_from(nodes.tolist())
        graph.add_edges_from([(pos[int(p)], pos[int(q)], int(x) + shift)
                              for p, q, x in zip(t[arcs], h[arcs], w[arcs], strict=True)])
        mate = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
        if 2 * len(mate) != len(nodes):
            return None
        for x, z in mate:
            p, q = int(nodes[x]), int(nodes[z])
            if p < m and q < m:
                pairs.append((min(p, q), max(p, q)))
    for u, v in pairs:
        rd.add(u, v)
    if any(p not in rd.cols for p in pairs):
        return None
    return sorted(pairs)


def _tight_finish(
    rd: _Round, y: np.ndarray, pairs: list[tuple[int, int]],
    known: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[int, int]] | None:
    """k pairs worth exactly sum(y), or None if none was found.

    y is feasible for every pair, so a perfect matching of people and stand-ins on the
    pairs tight under y (score = y_u + y_v, a stand-in's pairs worth 0) scores sum(y):
    the bound itself. The pairs found are often short of it by a few non-tight pairs
    while the tight pairs hold a perfect matching (the exact matching on the odd cycles
    sees only part of them): the tight ones of `pairs` are kept and Edmonds' blossom
    search (`blossom.augment`) completes them, on the tight pairs priced so far, then
    on more tight pairs per person and class (`_tight_sample`). `known`: the pairs of
    rd.cols tight under y (`_tight_pairs`) if already listed."""
    m, size = rd.m, rd.size
    mate = [-1] * size
    a, b = _tight_pairs(rd, y) if known is None else known
    for u, v in pairs:
        got = rd.cols.get((u, v))
        if got is not None and abs(y[u] + y[v] - got) < 1e-9:
            mate[u], mate[v] = v, u
    stand_a: list[np.ndarray] = []
    stand_b: list[np.ndarray] = []
    for s in range(m, size):
        who = np.nonzero(np.abs(y[:m] + y[s]) < 1e-9)[0]
        stand_a.append(who)
        stand_b.append(np.full(len(who), s, dtype=np.int64))
    for s in range(m, size):  # stand-ins first to the people left over, where tight
        for u in stand_a[s - m].tolist():
            if mate[u] < 0:
                mate[u], mate[s] = s, u
                break
    a, b = np.concatenate([a, *stand_a]), np.concatenate([b, *stand_b])
    for extra in range(2):
        if extra:
            ta, tb = _tight_sample(rd, y, TIGHT_SAMPLE)
            r = _real_reduced(rd, y, ta, tb)
            ok = np.abs(r) < 1e-9
            a, b = np.r_[a, ta[ok]], np.r_[b, tb[ok]]
        tails, heads = np.r_[a, b], np.r_[b, a]
        order = np.argsort(tails, kind="stable")
        indptr = np.searchsorted(tails[order], np.arange(size + 1))
        roots = [v for v in range(size) if mate[v] < 0]
        augment(indptr, heads[order], mate, roots,
                max(BLOSSOM_VISITS, BLOSSOM_PER_ARC * len(heads)))
        if all(x >= 0 for x in mate):
            break
    else:
        return None
    found = sorted((u, int(mate[u])) for u in range(m) if u < mate[u] < m)
    if 2 * len(found) != 2 * m - size:
        return None  # never expected: stand-ins pair only with people
    for u, v in found:
        rd.add(u, v)
    if any(p not in rd.cols for p in found):
        return None  # never expected: every tight pair was allowed
    if sum(rd.cols[p] for p in found) < int(float(y.sum()) + 1e-9):
        return None  # never expected: a perfect matching of tight pairs is worth sum(y)
    return found


def _exact_on(rd: _Round, people: list[int]) -> list[tuple[int, int]]:
    """rustworkx's exact maximum-cardinality matching among people, on the known pairs."""
    pos = {v: x for x, v in enumerate(people)}
    graph = rx.PyGraph()
    graph.add_nodes_from(people)
    edges = [(pos[u], pos[v], w) for (u, v), w in rd.cols.items() if u in pos and v in pos]
    shift = max(0, -min((w for _, _, w in edges), default=0))
    graph.add_edges_from([(x, z, w + shift) for x, z, w in edges])
    return [
        (min(people[x], people[z]), max(people[x], people[z]))
        for x, z in rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    ]


# -- type-level duals and a primal on tight pairs ---------------------------------------


@dataclass
class _Typed:
    """The type-level relaxation: duals y, the flow between kinds (left kind, right
    kind, units; stand-ins left out), and the max-form duals a, b (left and right
    copies, in W = twice the points: a_u + b_v >= W_uv for every pair, history left
    out, which only lowers W)."""

    y: np.ndarray
    flows: list[tuple[int, int, int]]
    a: np.ndarray
    b: np.ndarray


def _bonus_parts(rd: _Round, cpc: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, int] | None:
    """Each score class's window mask and site, and the points of a shared window and
    of a shared site, if the bonus is exactly those (as `problem.prepare` builds it);
    else None."""
    pb = rd.pb
    first = np.full(len(rd.pc_prof), -1, dtype=np.int64)
    first[rd.pc[::-1]] = np.arange(rd.m)[::-1]
    reps = first[cpc]
    if (reps < 0).any():
        return None
    mask = np.array([pb.mask[rd.idx[x]] for x in reps.tolist()], dtype=np.int64)
    site = np.array([pb.site_of[rd.idx[x]] for x in reps.tolist()], dtype=np.int64)
    if int(mask.max(initial=0)) >> len(WINDOWS):
        return None
    aw, sw = int(pb.weights.availability), int(pb.weights.site)
    want = (aw * ((mask[:, None] & mask[None, :]) != 0)
            + sw * ((site[:, None] == site[None, :]) & (site[:, None] >= 0)))
    if not np.array_equal(want, rd.bonus[cpc[:, None], cpc[None, :]]):
        return None
    return mask, site, aw, sw


def _type_duals(rd: _Round) -> _Typed | None:
    """Duals y (people, then stand-ins) of the relaxation with history left out.

    People of one kind (side, score class, wishes, left-out flag) are interchangeable
    once history is ignored, so the doubled assignment is a min-cost flow from left
    kinds to right kinds. A person's half of a pair's score depends on the partner's
    profession (wished or not); the bonus on a shared window or site. So the flow runs
    through hubs per (group, group, window, site), a group being a side and profession
    and window or site possibly none: a class enters or leaves a hub whose window it
    has (any, for none) and whose site is its own (or none), and the hub's arcs in carry
    its bonus. Two classes meet in hubs worth at most their bonus and in one worth
    exactly that, so the flow's optimum is the relaxation's and the network grows
    linearly in the classes (a hub per pair of classes would grow with their square).
    Its potentials give, for every kind, left and right duals a, b with
    a_k + b_l >= score(k, l); y = (a + b) / 2 per person is feasible for every pair of
    the round (history only lowers or forbids a pair), and sum(y) is the relaxation's
    optimum without history. None if the kinds admit no perfect pairing, or if the
    bonus is not one of a shared window and a shared site. Costs are doubled scores, so
    everything is integer. Also returns the flow between kinds and the duals of either
    copy (`_Typed`).
    """
    m, stand_ins = rd.m, rd.size - rd.m
    if not m:
        return None
    kind = np.asarray(rd.kind[:m], dtype=np.int64)
    nk = int(kind.max()) + 1
    count = np.bincount(kind, minlength=nk)
    rep = np.zeros(nk, dtype=np.int64)
    rep[kind] = np.arange(m)
    nprof = rd.nprof
    npc = len(rd.pc_prof)
    two = rd.pb.two_sided
    cls_of = (rd.side * npc + rd.pc) if two else rd.pc
    classes, kx = np.unique(cls_of[rep], return_inverse=True)  # kind -> class index
    kx = kx.ravel()
    nc = len(classes)
    cpc = classes % npc  # each class's score class, and its profession
    cprof = rd.pc_prof[cpc]
    parts = _bonus_parts(rd, cpc)
    if parts is None:
        return None
    mask, site, aw, sw = parts
    # Groups: side (two-sided) and profession; which groups may pair.
    cside = classes // npc if two else np.zeros(nc, dtype=np.int64)
    cgroup = cside * nprof + cprof
    ng = 2 * nprof if two else nprof
    gs = np.arange(ng)
    okg = (gs[:, None] // nprof != gs[None, :] // nprof) if two else (
        gs[:, None] % nprof != gs[None, :] % nprof)
    # Each class's (window, site) options: its windows or none, its site or none.
    nw, ns = len(WINDOWS) + 1, int(site.max(initial=-1)) + 2
    opt_c: list[np.ndarray] = []
    opt_w: list[np.ndarray] = []
    opt_s: list[np.ndarray] = []
    bits = [np.nonzero((mask >> x) & 1)[0] for x in range(len(WINDOWS))] if aw else []
    for w, who in [(-1, np.arange(nc)), *enumerate(bits)]:
        cs, ss = [who], [np.full(len(who), -1)]
        if sw:
            placed = who[site[who] >= 0]
            cs.append(placed)
            ss.append(site[placed])
        for c_, s_ in zip(cs, ss, strict=True):
            opt_c.append(c_)
            opt_w.append(np.full(len(c_), w))
            opt_s.append(s_)
    oc, ow, os_ = np.concatenate(opt_c), np.concatenate(opt_w), np.concatenate(opt_s)
    # Twice the hub's bonus (both halves carry it).
    obonus = 2 * (aw * (ow >= 0) + sw * (os_ >= 0))
    okey = (ow + 1) * ns + (os_ + 1)  # (window, site) part of a hub's key
    # Incidences: option x (of class oc[x]) with a group it may pair with.
    ox, og = np.nonzero(okg[cgroup[oc]])
    left_key = (cgroup[oc[ox]] * ng + og) * (nw * ns) + okey[ox]
    right_key = (og * ng + cgroup[oc[ox]]) * (nw * ns) + okey[ox]
    hubs = np.intersect1d(left_key, right_key)  # hubs both sides reach
    nh = len(hubs)
    s, t = 0, 1
    lk = 2
    rk = lk + nk
    sl = rk + nk
    sr = sl + 1
    la = sr + 1 + np.arange(nc)
    ra = sr + 1 + nc + np.arange(nc)
    base = sr + 1 + 2 * nc
    # Per kind, the professions it wishes; per class and wished profession a wish node
    # on either side (wl, wr), through which the kinds of the class that wish it reach
    # the hubs of that profession's groups: arcs kind -> node and node -> hub, where
    # an arc from each kind to each such hub was 2 million arcs at 100,000 people.
    wish = rd.wish[rep]
    wk, wq = np.nonzero(wish)  # (kind, wished profession)
    wkey = kx[wk] * nprof + wq
    wnodes = np.unique(wkey)
    nw_ = len(wnodes)
    wl = base + nh + np.arange(nw_)
    wr = base + nh + nw_ + np.arange(nw_)
    g = ArrayMinCostFlow(base + nh + 2 * nw_)
    big = m + stand_ins
    # Per kind, twice its half of a pair's score without the bonus: (plain, wished).
    unp = rd.unp[rep]
    plain = -rd.value[0, unp].astype(np.int64)
    wish_cost = -rd.value[1, unp].astype(np.int64)
    kinds = np.arange(nk)
    lin = np.isin(left_key, hubs)
    rin = np.isin(right_key, hubs)
    lhub = base + np.searchsorted(hubs, left_key[lin])
    rhub = base + np.searchsorted(hubs, right_key[rin])
    lx, lg = ox[lin], og[lin]
    rx_, rg = ox[rin], og[rin]
    g.add_arcs(np.full(nk, s), lk + kinds, count, 0)
    if stand_ins:
        g.add_arc(s, sl, stand_ins, 0)
    # Every kind reaches every hub of its class through the class's aggregate: a
    # profession it wishes only gains a better route, through its wish node, so that
    # route is never the cheaper.
    into_plain = g.add_arcs(lk + kinds, la[kx], big, plain)
    out_plain = g.add_arcs(ra[kx], rk + kinds, big, plain)
    la_out = g.add_arcs(la[oc[lx]], lhub, big, -obonus[lx])
    ra_in = g.add_arcs(rhub, ra[oc[rx_]], big, 0)
    wn = np.searchsorted(wnodes, wkey)
    into_wish = g.add_arcs(lk + wk, wl[wn], big, wish_cost[wk])
    out_wish = g.add_arcs(wr[wn], rk + wk, big, wish_cost[wk])
    # Wish nodes into (out of) the hubs of the wished profession's groups.
    lkey = oc[lx] * nprof + lg % nprof
    lw = np.isin(lkey, wnodes)
    wl_out = g.add_arcs(wl[np.searchsorted(wnodes, lkey[lw])], lhub[lw], big, -obonus[lx[lw]])
    rkey = oc[rx_] * nprof + rg % nprof
    rw = np.isin(rkey, wnodes)
    wr_in = g.add_arcs(rhub[rw], wr[np.searchsorted(wnodes, rkey[rw])], big, 0)
    if stand_ins:
        g.add_arcs(lk + kinds, np.full(nk, sr), big, 0)
        g.add_arcs(np.full(nk, sl), rk + kinds, big, 0)
    g.add_arcs(rk + kinds, np.full(nk, t), count, 0)
    if stand_ins:
        g.add_arc(sr, t, stand_ins, 0)
    phases = g.solve(s, t)
    if sum(units for units, _ in phases) != m + stand_ins:
        return None
    pi = np.asarray(g.potential, dtype=np.int64)
    # Doubled scores: w2(k, l) <= pi[left k] - pi[right l]; y = that split in two, / 2.
    a = np.empty(rd.size, dtype=np.int64)
    b = np.empty(rd.size, dtype=np.int64)
    a[:m], b[:m] = pi[lk + kind], -pi[rk + kind]
    if stand_ins:
        a[m:], b[m:] = pi[sl], -pi[sr]
    y = (a + b) / 4
    flows = _kind_flows(
        g,
        into=[(la[kx], kinds, into_plain), (wl[wn], wk, into_wish)],
        out=[(ra[kx], kinds, out_plain), (wr[wn], wk, out_wish)],
        hub_in=[(la[oc[lx]], lhub, la_out), (wl[np.searchsorted(wnodes, lkey[lw])], lhub[lw],
                                             wl_out)],
        hub_out=[(ra[oc[rx_]], rhub, ra_in), (wr[np.searchsorted(wnodes, rkey[rw])], rhub[rw],
                                              wr_in)],
    )
    return _Typed(y, flows, a, b)


def _kind_flows(
    g: ArrayMinCostFlow,
    into: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    hub_in: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    hub_out: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> list[tuple[int, int, int]]:
    """The flow between kinds (left kind, right kind, units) through the hubs: each
    node between kinds and hubs (a class's aggregate, a wish node) has its flow from
    (to) kinds split onto its hubs, then each hub's is poured from its kinds in to its
    kinds out. Each triple is (node between, kind or hub, arcs): the arcs between the
    kinds and those nodes (`into`, `out`), and between those nodes and the hubs
    (`hub_in`, `hub_out`); arcs without flow are skipped."""

    def listed(node: np.ndarray, other: np.ndarray, arcs: np.ndarray
               ) -> dict[int, list[tuple[int, int]]]:
        f = g.flows(arcs)
        on = f > 0
        node, other, f = node[on], other[on], f[on]
        order = np.argsort(node, kind="stable")
        out: dict[int, list[tuple[int, int]]] = {}
        for x, o, units in zip(node[order].tolist(), other[order].tolist(),
                               f[order].tolist(), strict=True):
            out.setdefault(x, []).append((o, units))
        return out

    fast = _kind_flows_arrays(g, into, out, hub_in, hub_out)
    if fast is not None:
        return fast
    kinds_in: dict[int, list[tuple[int, int]]] = {}
    kinds_out: dict[int, list[tuple[int, int]]] = {}
    for (a_in, a_out, b_in, b_out) in zip(into, out, hub_in, hub_out, strict=True):
        agg_in, agg_out = listed(*a_in), listed(*a_out)
        for node, arcs_f in listed(*b_in).items():
            for k, h, f in pour(agg_in.get(node, []), arcs_f):
                kinds_in.setdefault(h, []).append((k, f))
        for node, arcs_f in listed(*b_out).items():
            for h, k, f in pour(arcs_f, agg_out.get(node, [])):
                kinds_out.setdefault(h, []).append((k, f))
    return [kf for h in sorted(kinds_in) for kf in pour(kinds_in[h], kinds_out.get(h, []))]


def _kind_flows_arrays(
    g: ArrayMinCostFlow,
    into: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    hub_in: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    hub_out: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> list[tuple[int, int, int]] | None:
    """`_kind_flows` with every `pour` done at once in numpy (`_pour_arrays`): the same
    triples in the same order (0.09 s against 0.21 s for the pours in Python at
    100,000 people with windows). None if some node's flow in and out differ, which flow
    conservation rules out (then `_kind_flows` pours one node at a time)."""

    def listed(node: np.ndarray, other: np.ndarray, arcs: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        f = g.flows(arcs)
        on = f > 0
        order = np.argsort(node[on], kind="stable")
        return node[on][order], other[on][order], f[on][order]

    ins: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    outs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    def poured(source: tuple[np.ndarray, np.ndarray, np.ndarray],
               target: tuple[np.ndarray, np.ndarray, np.ndarray]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        return _pour_arrays(*listed(*source), *listed(*target))

    for (a_in, a_out, b_in, b_out) in zip(into, out, hub_in, hub_out, strict=True):
        got = poured(a_in, b_in)
        if got is None:
            return None
        k, h, f = got
        ins.append((h, k, f))
        got = poured(b_out, a_out)
        if got is None:
            return None
        h, k, f = got
        outs.append((h, k, f))
    hi, ki, fi = (np.concatenate(x) for x in zip(*ins, strict=True))
    ho, ko, fo = (np.concatenate(x) for x in zip(*outs, strict=True))
    order_i = np.argsort(hi, kind="stable")
    order_o = np.argsort(ho, kind="stable")
    got = _pour_arrays(hi[order_i], ki[order_i], fi[order_i],
                       ho[order_o], ko[order_o], fo[order_o])
    if got is None:
        return None
    k1, k2, f = got
    return list(zip(k1.tolist(), k2.tolist(), f.tolist(), strict=True))


def _pour_arrays(sg: np.ndarray, sk: np.ndarray, sf: np.ndarray, tg: np.ndarray,
                 tk: np.ndarray, tf: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """`pour` for many groups at once: sources (group sg, key sk, amount sf > 0) and
    sinks (tg, tk, tf > 0), each sorted by group and in pour order within it; the
    (source key, sink key, amount) pour gives per group, groups in order. None unless
    every group's sources and sinks carry the same total (then the cumulative amounts
    of either side meet at every group's end, and the pieces are the intervals between
    the breakpoints of both)."""
    groups = np.union1d(sg, tg)
    total_s = np.bincount(np.searchsorted(groups, sg), weights=sf, minlength=len(groups))
    total_t = np.bincount(np.searchsorted(groups, tg), weights=tf, minlength=len(groups))
    if not np.array_equal(total_s, total_t):
        return None
    sc, tc = np.cumsum(sf), np.cumsum(tf)
    ends = np.union1d(sc, tc)
    if not len(ends):
        return sk[:0], tk[:0], np.zeros(0, dtype=np.int64)
    starts = np.r_[0, ends[:-1]]
    si = np.searchsorted(sc, starts, side="right")
    ti = np.searchsorted(tc, starts, side="right")
    return sk[si], tk[ti], ends - starts


def _wired(rd: _Round, flows: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """People wired along the kind-to-kind flow: an assignment worth the type-level
    optimum if history is ignored (each person one left and one right arc)."""
    kind = np.asarray(rd.kind[: rd.m], dtype=np.int64)
    order = np.argsort(kind, kind="stable")
    start = np.searchsorted(kind[order], np.arange(int(kind.max()) + 2))
    # Seeded by the history too, so that a round is not wired as the one before.
    rng = np.random.default_rng([rd.pb.config.seed, len(rd.forbidden), len(rd.met)])
    members = [rng.permutation(order[start[k] : start[k + 1]])
               for k in range(len(start) - 1)]
    left = [0] * len(members)
    right = [0] * len(members)
    us: list[np.ndarray] = []
    vs: list[np.ndarray] = []
    for k, k2, f in flows:
        us.append(members[k][left[k] : left[k] + f])
        vs.append(members[k2][right[k2] : right[k2] + f])
        left[k] += f
        right[k2] += f
    if not us:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return _unblock(rd, np.concatenate(us), np.concatenate(vs))


def _with_stand_ins(rd: _Round, us: np.ndarray, vs: np.ndarray) -> np.ndarray | None:
    """The assignment (right copy of each left copy) of the wiring us -> vs, the left
    and right copies it leaves idle matched through the stand-ins; None if the idle
    copies do not match the stand-ins in number."""
    mate = np.full(rd.size, -1, dtype=np.int64)
    mate[us] = vs
    taken = np.zeros(rd.size, dtype=bool)
    taken[vs] = True
    idle_left = np.nonzero(mate[: rd.m] < 0)[0]
    idle_right = np.nonzero(~taken[: rd.m])[0]
    stand = np.arange(rd.m, rd.size)
    if len(idle_left) != len(stand) or len(idle_right) != len(stand):
        return None
    mate[idle_left] = stand
    mate[stand] = idle_right
    return mate


def _wired_mate(
    rd: _Round, us: np.ndarray, vs: np.ndarray, y0: np.ndarray
) -> np.ndarray | None:
    """The wiring completed with stand-ins as an assignment (right copy of each left
    copy), if it is worth 2 sum(y0) with history counted; else None."""
    if len(us) and _blocked(rd, us, vs).any():
        return None
    mate = _with_stand_ins(rd, us, vs)
    if mate is None:
        return None
    score = rd.twice(us, vs) / 2
    if float(score.sum()) < 2 * float(y0.sum()) - 1e-9:
        return None
    return mate


def _value(rd: _Round, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """Twice the score of each pair u, v with history left out."""
    return rd.twice(us, vs)


def _blocked(rd: _Round, us: np.ndarray, vs: np.ndarray) -> np.ndarray:
    """Whether each arc u -> v scores below its kinds' value: the same person, a
    forbidden pair or a pair that met."""
    keys = np.minimum(us, vs) * rd.m + np.maximum(us, vs)
    return np.asarray((us == vs) | _member(rd.forbidden, keys) | _member(rd.met, keys))


def _unblock(rd: _Round, us: np.ndarray, vs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Swap the heads (then the tails) of arcs of one kind so that few arcs run
    between people with history: each swap keeps every arc's pair of kinds, so the
    wiring keeps its type-level value wherever history lets it."""
    kind = np.asarray(rd.kind[: rd.m], dtype=np.int64)
    cls = rd.side * len(rd.pc_prof) + rd.pc
    rng = rd.rng
    blocked = _blocked(rd, us, vs)
    idle = 0
    for step in range(UNBLOCK_STEPS):
        bad = np.nonzero(blocked)[0]
        if not len(bad) or idle > UNBLOCK_IDLE:
            break
        heads = step % 2 == 0
        ends = vs if heads else us
        # Arcs grouped by the kind (every other two steps: the class) at the end being
        # swapped; a few random partner arcs each, more when few arcs are left blocked.
        # Within a class a swap must keep the value.
        group = kind[ends] if step % 4 < 2 else cls[ends]
        order = np.argsort(group, kind="stable")
        lo = np.searchsorted(group[order], group[bad], side="left")
        hi = np.searchsorted(group[order], group[bad], side="right")
        tries = int(np.clip(UNBLOCK_LOOKS // len(bad), 1, UNBLOCK_TRIES))
        pick = order[lo[:, None] + (rng.random((len(bad), tries)) * (hi - lo)[:, None]).astype(
            np.int64)]
        i, j = np.repeat(bad, tries), pick.ravel()
        # Arc i takes arc j's end and the other way round: made if fewer of the two
        # arcs are left blocked.
        ti, hi_, tj, hj = (us[i], vs[j], us[j], vs[i]) if heads else (us[j], vs[i], us[i], vs[j])
        bi, bj = _blocked(rd, ti, hi_), _blocked(rd, tj, hj)
        good = (bi.astype(np.int64) + bj < 1 + blocked[j]) & (i != j)
        if step % 4 >= 2:
            good &= _value(rd, ti, hi_) + _value(rd, tj, hj) >= _value(
                rd, us[i], vs[i]) + _value(rd, us[j], vs[j])
        # Each blocked arc's first good partner; one swap per arc per step: a swap
        # stands if it is the first to name either of its arcs.
        good = good.reshape(len(bad), tries)
        has = np.nonzero(good.any(axis=1))[0]
        at = has * tries + good[has].argmax(axis=1)
        i, j, bi, bj = i[at], j[at], bi[at], bj[at]
        named = np.empty(2 * len(i), dtype=np.int64)
        named[0::2], named[1::2] = i, j
        _, first = np.unique(named, return_index=True)
        owner = np.full(len(us), -1, dtype=np.int64)
        owner[named[first]] = first // 2
        seq = np.arange(len(i))
        ok = (owner[i] == seq) & (owner[j] == seq)
        i, j = i[ok], j[ok]
        blocked[i], blocked[j] = bi[ok], bj[ok]
        idle = 0 if len(i) else idle + 1
        swapped = ends.copy()
        swapped[i], swapped[j] = ends[j], ends[i]
        if heads:
            vs = swapped
        else:
            us = swapped
    return _rewire(rd, us, vs, blocked)


def _rewire(
    rd: _Round, us: np.ndarray, vs: np.ndarray, blocked: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rewire the arcs still blocked together with a random sample of the others: an
    optimal assignment of their tails to their heads (history counted), kept if it is
    worth what the arcs were worth with history left out and none of it is blocked."""
    bad = np.nonzero(blocked)[0]
    if not len(bad) or len(bad) > REWIRE_LIMIT:
        return us, vs
    rest = np.nonzero(~blocked)[0]
    pick = rd.rng.choice(len(rest), size=min(len(rest), REWIRE_SAMPLE), replace=False)
    arcs = np.r_[bad, rest[pick]]
    tails, heads = us[arcs], vs[arcs]
    t, h = np.meshgrid(tails, heads, indexing="ij")
    t, h = t.ravel(), h.ravel()
    label = rd.side if rd.pb.two_sided else rd.prof
    value = _value(rd, t, h).astype(np.float64)
    value[_blocked(rd, t, h) | (label[t] == label[h])] = -1e9
    value = value.reshape(len(arcs), len(arcs))
    rows, cols = linear_sum_assignment(value, maximize=True)
    if value[rows, cols].sum() < _value(rd, tails, heads).sum() - 1e-9:
        return us, vs
    vs = vs.copy()
    vs[arcs[rows]] = heads[cols]
    return us, vs


def _feasible(rd: _Round, y: np.ndarray) -> bool:
    """Whether y_u + y_v >= score(u, v) for every pair of the round (history ignored,
    which only raises a score), stand-ins included.

    With a bonus, by classes: the least of y_u + y_v - score over two classes is each
    class's least y - v/2 towards the other's profession, summed, less the bonus (one
    numpy pass over people x professions and classes x classes; the halves, one per
    class and profession, were 19,000 sorts at 100,000 people with windows)."""
    yr = y[: rd.m]
    if rd.size > rd.m and yr.min(initial=np.inf) + y[rd.m :].min() < -1e-9:
        return False
    if rd.pb.has_bonus:
        least = np.minimum.reduceat((yr[:, None] - rd.v / 2)[rd.by_class],
                                    rd.class_start[:-1], axis=0)  # classes x professions
        towards = least[:, rd.class_prof]  # [c1, c2]: c1's least towards c2's profession
        slack = towards + towards.T - rd.bonus[rd.class_pc[:, None], rd.class_pc[None, :]]
        return not (rd.class_allowed & (slack < -1e-9)).any()
    for half in rd.halves:
        if half.forward:
            ax, az = half.sides(rd, yr)
            if ax.min() + az.min() < -1e-9:
                return False
    return True


def _tight_sample(
    rd: _Round, y: np.ndarray, per: int, slack: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Up to `per` random partners per person and class among those whose reduced cost
    under y is at most `slack` (history ignored): local (u, v) arrays. With a bonus
    (and y in quarters of a point, slack 0), by classes instead (`_tight_by_class`)."""
    yr = y[: rd.m]
    if rd.pb.has_bonus and not slack and np.array_equal(4 * yr, np.rint(4 * yr)):
        return _tight_by_class(rd, y, per)
    rng = rd.rng
    us_out: list[np.ndarray] = []
    vs_out: list[np.ndarray] = []
    for half in rd.halves:
        xs, zs = half.xs, half.zs
        ax, az = half.sides(rd, yr)
        order = np.argsort(az, kind="stable")
        cnt = np.searchsorted(az[order], slack - ax + 1e-9, side="right")
        who = np.nonzero(cnt)[0]
        if not len(who):
            continue
        pick = (rng.random((len(who), per)) * cnt[who, None]).astype(np.int64)
        us_out.append(np.repeat(xs[who], per))
        vs_out.append(zs[order[pick.ravel()]])
    if not us_out:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(us_out), np.concatenate(vs_out)


def _tight_by_class(rd: _Round, y: np.ndarray, per: int, who: np.ndarray | None = None,
                    bc: _ByClass | None = None) -> tuple[np.ndarray, np.ndarray]:
    """`_tight_sample` by classes (`_ByClass`), y in quarters of a point: for each
    person and profession, `per` random partners of that profession among those of
    reduced cost at most 0 under y (history ignored), as the halves gave (a sort per
    class and profession, 5 s at 100,000 people with windows).

    Per class c1 and profession q, the classes cz of q sorted by least[cz, prof c1] -
    4 bonus(c1, cz) (one array of keys (c1, q, that)): x has such a partner in cz
    when that is below -A[x, q], so a random class in that range, then a random
    partner in it (`_ByClass.partners`). Only for the people `who` if given; bc is
    `_ByClass` under y if already made."""
    if bc is None:
        bc = _ByClass(rd, y)
    ncls, nprof = bc.ncls, rd.nprof
    cprof = rd.class_prof
    value = bc.least[:, cprof].T - rd.class_bonus4  # [c1, cz]
    value = np.where(rd.class_allowed, value, bc.off - 1)  # never below a threshold
    keys = ((np.arange(ncls)[:, None] * nprof + cprof[None, :]) * bc.span
            + value + bc.off).ravel()
    order = np.argsort(keys, kind="stable")
    sorted_keys, cz_of = keys[order], order % ncls
    people = np.arange(rd.m) if who is None else who
    xs = np.repeat(people, nprof)
    qs = np.tile(np.arange(nprof), len(people))
    base = (rd.label_class[xs] * nprof + qs) * bc.span
    lo = np.searchsorted(sorted_keys, base)
    hi = np.searchsorted(sorted_keys, base + 1 - bc.a4[xs, qs] + bc.off)
    has = hi > lo
    xs, lo, hi = np.repeat(xs[has], per), np.repeat(lo[has], per), np.repeat(hi[has], per)
    cz = cz_of[lo + (rd.rng.random(len(lo)) * (hi - lo)).astype(np.int64)]
    thr = rd.class_bonus4[rd.label_class[xs], cz] - bc.a4[xs, cprof[cz]] + 1
    plo, phi = bc.partners(xs, cz, thr)
    return xs, bc.pick(plo, phi)


# -- odd sets: closing the gap of the bipartite relaxation -----------------------------


def _odd_set_bound(rd: _Round, y: np.ndarray, score: int) -> float | None:
    """A bound below sum(y) from odd sets, or None.

    y is feasible for every pair. Take the pairs of reduced cost r = y_u + y_v - score
    below t (history counted) and their connected components, stand-ins included. On
    each component S of odd size, lower y by t/2 and give the odd-set constraint
    x(E(S)) <= (|S| - 1) / 2 the dual t: pairs inside S stay covered, pairs leaving S
    had r >= t, so every pair stays covered, and the bound falls by t/2 per odd
    component (the blossom inequalities the bipartite relaxation lacks). The components
    are found from a few pairs per person and then checked against every pair of the
    round; a pair the check finds between components merges them.
    """
    best: float | None = None
    gap = float(y.sum()) - score
    sides = _class_sides(rd, y)
    # Thresholds worth trying: the reduced costs found among the pairs below the gap
    # (a pair at exactly t is outside the components), the gap itself first.
    a, b = _links(rd, sides, y, gap)
    r = _real_reduced(rd, y, a, b)
    levels = np.unique(r[(r > 1e-9) & (r < gap - 1e-9)])[::-1][: ODD_LEVELS - 1]
    for t in [gap, *levels.tolist()]:
        got = _odd_sets_at(rd, sides, y, t)
        if got is not None and (best is None or got < best):
            best = got
        if best is not None and best < score + 1:
            break
    return best


def _links(
    rd: _Round,
    sides: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
    y: np.ndarray,
    t: float,
) -> tuple[np.ndarray, np.ndarray]:
    """A few pairs per person and class whose reduced cost (history left out) is below
    t, and every person-stand-in pair below t."""
    m, size = rd.m, rd.size
    eps = 1e-9
    tails: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    heads: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    for xs, ax, zs, az in sides:
        order = np.argsort(az, kind="stable")
        cnt = np.searchsorted(az[order], t - ax - eps, side="left")
        for j in range(ODD_LINKS):
            who = np.nonzero(cnt > j)[0]
            if not len(who):
                break
            tails.append(xs[who])
            heads.append(np.full(len(who), zs[order[j]], dtype=np.int64))
    for s in range(m, size):
        who = np.nonzero(y[:m] + y[s] < t - eps)[0]
        tails.append(who)
        heads.append(np.full(len(who), s, dtype=np.int64))
    return np.concatenate(tails), np.concatenate(heads)


def _class_sides(
    rd: _Round, y: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per class pair and direction: (people X, their a, people Z, Z's a), where the
    reduced cost of x, z with history left out is a_x + a_z."""
    yr = y[: rd.m]
    out = []
    for half in rd.halves:
        ax, az = half.sides(rd, yr)
        out.append((half.xs, ax, half.zs, az))
    return out


def _components(size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(size, size))
    return np.asarray(connected_components(graph, directed=False)[1], dtype=np.int64)


def _real_reduced(rd: _Round, y: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """y_a + y_b - score(a, b) with history (inf if forbidden); b may be a stand-in."""
    m = rd.m
    person = b < m
    bb = np.minimum(b, m - 1)
    w = np.where(person, rd.twice(a, bb) / 2, 0.0)
    keys = np.minimum(a, bb) * m + np.maximum(a, bb)
    w = w - np.where(person & _member(rd.met, keys), rd.penalty, 0)
    r = y[a] + y[b] - w
    return np.where(person & _member(rd.forbidden, keys), np.inf, r)


def _odd_sets_at(
    rd: _Round,
    sides: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
    y: np.ndarray,
    t: float,
) -> float | None:
    size = rd.size
    a, b = _links(rd, sides, y, t)
    keep = _real_reduced(rd, y, a, b) < t - 1e-9
    comp = _components(size, a[keep], b[keep])
    for _ in range(ODD_MERGES):
        odd = np.bincount(comp)[comp] % 2 == 1
        lowered = y - (t / 2) * odd
        bad = _crossing(rd, sides, lowered, comp, odd, t)
        if bad is None:
            return None
        if not len(bad):
            # Each odd S: -t/2 on |S| duals, +t on its (|S| - 1) / 2 pairs.
            sizes = np.bincount(comp)
            return float(y.sum()) - t / 2 * int(np.count_nonzero(sizes % 2))
        first = np.unique(comp, return_index=True)[1]
        comp = _components(size, np.r_[np.arange(size), bad[:, 0]],
                           np.r_[first[comp], bad[:, 1]])
    return None


def _crossing(
    rd: _Round,
    sides: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
    lowered: np.ndarray,
    comp: np.ndarray,
    odd: np.ndarray,
    t: float,
) -> np.ndarray | None:
    """Pairs not covered by the lowered duals that are not inside one odd component
    (empty if there are none), or None if there are too many to look at."""
    m = rd.m
    eps = 1e-9
    half = t / 2
    found: list[tuple[int, int]] = []
    looked = 0
    for xs, ax, zs, az in sides:
        ax2 = ax - half * odd[xs]
        az2 = az - half * odd[zs]
        order = np.argsort(az2, kind="stable")
        cnt = np.searchsorted(az2[order], -ax2 - eps, side="left")
        # Members of the same odd component among each prefix, by sorted rank.
        ranked = zs[order]
        mark = odd[ranked]
        span = len(zs) + 1
        keys = comp[ranked[mark]] * span + np.nonzero(mark)[0]
        keys.sort()
        base = comp[xs] * span
        same = np.searchsorted(keys, base + cnt) - np.searchsorted(keys, base)
        same = np.where(odd[xs], same, 0)
        for r in np.nonzero(cnt > same)[0].tolist():
            u = int(xs[r])
            vv = ranked[: cnt[r]]
            if odd[u]:
                vv = vv[comp[vv] != comp[u]]
            looked += len(vv)
            if looked > CROSSING_LOOKS:
                return None
            real = _real_reduced(rd, lowered, np.full(len(vv), u), vv)
            hit = np.nonzero(real < -eps)[0]
            if len(hit):
                found.append((u, int(vv[hit[0]])))
    for s in range(m, rd.size):
        viol = lowered[:m] + lowered[s] < -eps
        viol &= ~(odd[:m] & odd[s] & (comp[:m] == comp[s]))
        found += [(int(u), s) for u in np.nonzero(viol)[0][:CROSSING_LOOKS]]
    return np.array(found, dtype=np.int64).reshape(-1, 2)
