"""Pair matching with a certificate: an LP bound priced over every pair, an exact finish.

The round asks for K pairs (the most possible). With D = n - 2K stand-ins that anyone
may pair with for 0 points, that is a perfect matching of n + D nodes, whose linear
relaxation (fractional perfect matching) is, doubled, an assignment problem: everyone
has a left and a right copy, and a pair u, v is the arcs u -> v and v -> u. Any y with
y_u + y_v >= w_uv on every allowed pair bounds the score of every K-pair matching by
sum(y) (LP duality).

Column generation: the assignment is solved (scipy's sparse Jonker-Volgenant) on a
subset of the pairs, its duals are read off the residual graph (Bellman-Ford), and every
pair of the round is priced at once per pair of professions: without history
w_uv = d(u, prof v)/2 + d(v, prof u)/2, history only lowers or forbids a pair, so
sorting both sides by y - d/2 finds every violated pair. Violated pairs are added and
the assignment solved again until none is left; sum(y) is then a proven bound for the
whole round, in exact half-integer arithmetic.

The optimal assignment is a set of cycles. Two-cycles are pairs; an even cycle splits
into two halves of equal score (otherwise one half would beat the optimum); people on
odd cycles, where the relaxation is fractional, are matched exactly (rustworkx) among
themselves. When the score meets the bound the round is proven optimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import rustworkx as rx
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from bot.core.matching.problem import Problem
from bot.core.matching.rules import score as rule_score

MAX_ROUNDS = 60
PER_PERSON = 4  # pairs added per person and pricing round
START_PER_PERSON = 4  # random allowed partners per person to start with
MAX_STAND_IN_ARCS = 3_000_000  # stand-ins x people; beyond this no certificate is tried
ODD_EXACT_LIMIT = 3_000
SETTLE_ROUNDS = 4
PRUNE_FROM = 6  # pairs per person before pruning starts
PRUNE_SLACK = 2  # pairs whose reduced cost is at most this stay in the LP
PRUNE_ROUNDS = 2  # only the first rounds prune, so the generation cannot cycle
BELLMAN_FORD_PASSES = 20_000  # people on odd cycles matched exactly; more stay as found


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


class _Round:
    """The people of one round as arrays, local indexes 0..m-1, stand-ins m..m+D-1."""

    def __init__(self, pb: Problem, idx: Sequence[int], stand_ins: int) -> None:
        self.pb = pb
        self.idx = list(idx)
        m = self.m = len(self.idx)
        self.size = m + stand_ins
        self.rng = np.random.default_rng(pb.config.seed)
        nprof = max(len(pb.prof_names), 1)
        self.prof = np.array([pb.prof[i] for i in self.idx], dtype=np.int64)
        self.side = np.array([pb.side[i] for i in self.idx], dtype=np.int64)
        # d[u, q]: twice u's half of the score with a partner of profession q, from the
        # one scorer: score = (d[u, prof v] + d[v, prof u]) / 2 - penalty if they met.
        w = pb.weights

        def half(wish: bool, left_out: bool) -> float:
            return float(2 * rule_score(w, a_wants_b=wish, b_wants_a=False, a_left_out=left_out,
                                        b_left_out=False, met_before=False) - w.base)

        self.penalty = rule_score(w, a_wants_b=False, b_wants_a=False, a_left_out=False,
                                  b_left_out=False, met_before=False) - rule_score(
            w, a_wants_b=False, b_wants_a=False, a_left_out=False, b_left_out=False,
            met_before=True)
        d = np.empty((m, nprof))
        for x, i in enumerate(self.idx):
            d[x] = half(False, pb.unp[i])
            for q in pb.wants[i]:
                d[x, q] = half(True, pb.unp[i])
        self.d = d
        self.local = {i: x for x, i in enumerate(self.idx)}
        # Kinds: people interchangeable but for history (stand-ins are one more kind).
        kinds: dict[tuple[int, int, frozenset[int], bool], int] = {}
        self.kind = [
            kinds.setdefault((pb.side[i], pb.prof[i], pb.wants[i], pb.unp[i]), len(kinds))
            for i in self.idx
        ] + [-1] * stand_ins
        # Classes: people whose allowed partners (history apart) one label decides.
        if pb.two_sided:
            label = [pb.side[i] * nprof + pb.prof[i] for i in self.idx]
        else:
            label = [pb.prof[i] for i in self.idx]
        groups: dict[int, list[int]] = {}
        for x, c in enumerate(label):
            groups.setdefault(c, []).append(x)
        self.classes = {c: np.array(v, dtype=np.int64) for c, v in groups.items()}
        keys = sorted(self.classes)
        self.class_pairs = [
            (c1, c2)
            for x, c1 in enumerate(keys)
            for c2 in keys[x + 1 :]
            if not pb.two_sided or c1 // nprof != c2 // nprof
        ]
        self.cols: dict[tuple[int, int], int] = {}
        self.forbidden = self._history_keys(pb.forbidden)
        self.met = self._history_keys(pb.met)

    def _history_keys(self, partners: list[set[int]]) -> np.ndarray:
        """Sorted keys lo * m + hi of the local pairs in these neighbour sets."""
        get = self.local.get
        keys = [
            min(u, v) * self.m + max(u, v)
            for u, i in enumerate(self.idx)
            for v in (get(b) for b in partners[i])
            if v is not None
        ]
        return np.unique(np.array(keys, dtype=np.int64))

    def add_many(self, us: np.ndarray, vs: np.ndarray) -> None:
        """Add the allowed pairs among (us[j], vs[j]) with their scores."""
        lo, hi = np.minimum(us, vs), np.maximum(us, vs)
        label = self.side if self.pb.two_sided else self.prof
        ok = label[lo] != label[hi]
        lo, hi = lo[ok], hi[ok]
        keys = np.unique(lo * self.m + hi)
        keys = keys[~np.isin(keys, self.forbidden)]
        lo, hi = keys // self.m, keys % self.m
        score = (self.d[lo, self.prof[hi]] + self.d[hi, self.prof[lo]]) / 2
        score -= self.penalty * np.isin(keys, self.met)
        cols = self.cols
        pairs = zip(lo.tolist(), hi.tolist(), strict=True)
        for key, value in zip(pairs, score.astype(np.int64).tolist(), strict=True):
            cols.setdefault(key, value)

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
    _start(rd)
    bound: float | None = None
    mate: np.ndarray | None = None
    for rounds in range(MAX_ROUNDS):
        solved = _assign(rd)
        if solved is None:
            return None
        mate, y = solved
        if not _price(rd, y):
            bound = float(y.sum())
            break
        if rounds < PRUNE_ROUNDS:
            _prune(rd, mate, y)
    if mate is None:
        return None
    candidates = [_pairs_from(rd, mate)]
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
    return Certified(
        pairs=[(rd.idx[u], rd.idx[v]) for u, v in best],
        score=sum(rd.cols[p] for p in best),
        bound=bound,
    )


def _prune(rd: _Round, mate: np.ndarray, y: np.ndarray) -> None:
    """Drop pairs far from tight (pricing brings back any that become worth it), keeping
    the assignment's own, so that the next assignment stays small."""
    if len(rd.cols) <= PRUNE_FROM * rd.m:
        return
    used = {(min(u, int(v)), max(u, int(v))) for u, v in enumerate(mate.tolist()) if v < rd.m
            and u < rd.m}
    rd.cols = {
        key: w for key, w in rd.cols.items()
        if key in used or y[key[0]] + y[key[1]] - w <= PRUNE_SLACK
    }


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
    pools = {q: np.nonzero(rd.prof == q)[0] for q in range(rd.d.shape[1])}
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


def _assign(rd: _Round) -> tuple[np.ndarray, np.ndarray] | None:
    """Optimal assignment on the current pairs: (right copy of each left copy, duals y)."""
    tails, heads, scores = _arcs(rd)
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
    p = np.zeros(rd.size, dtype=np.int64)
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
    y = (a + b) / 2
    return mate, y


def _price(rd: _Round, y: np.ndarray) -> int:
    """Add pairs whose score exceeds y_u + y_v; return how many were added."""
    added = 0
    yr = y[: rd.m]
    budget = np.zeros(rd.m, dtype=np.int64)
    order_pairs = list(rd.class_pairs)
    rd.rng.shuffle(order_pairs)
    for c1, c2 in order_pairs:
        us, vs = rd.classes[c1], rd.classes[c2]
        p, q = int(rd.prof[us[0]]), int(rd.prof[vs[0]])
        au = yr[us] - rd.d[us, q] / 2
        av = yr[vs] - rd.d[vs, p] / 2
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
            got = _try(rd, yr, u, vs, order, tries)
            if got == 0 and sample:
                # The sample held only pairs with history: look at every candidate.
                got = _try(rd, yr, u, vs, order, range(cnt))
            budget[u] += got
            added += got
    return added


def _try(
    rd: _Round, y: np.ndarray, u: int, vs: np.ndarray, order: np.ndarray, tries: Iterable[int]
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
    seen = np.zeros(len(mate), dtype=bool)
    out: list[list[int]] = []
    for start in range(len(mate)):
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        v = int(mate[start])
        while v != start:
            cycle.append(v)
            seen[v] = True
            v = int(mate[v])
        out.append(cycle)
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
    mate = mate.copy()
    _join_odd(rd, mate)
    pairs: list[tuple[int, int]] = []
    odd: list[int] = []
    for cycle in _cycles(mate):
        n = len(cycle)
        if n % 2:
            odd += [v for v in cycle if v < rd.m]
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
    return _settle(rd, pairs, odd)


def _settle(rd: _Round, fixed: list[tuple[int, int]], free: list[int]) -> list[tuple[int, int]]:
    """Match the free people exactly; if they come short of the pairs needed, release
    the fixed pairs next to them and try again (a few times, then give up)."""
    need = (rd.size - 2 * (rd.size - rd.m)) // 2 - len(fixed)  # k - fixed pairs
    if need <= 0 or not free:
        return sorted(fixed)
    adjacent: dict[int, list[int]] = {}
    for u, v in rd.cols:
        adjacent.setdefault(u, []).append(v)
        adjacent.setdefault(v, []).append(u)
    pair_of = {v: p for p in fixed for v in p}
    pool = set(free)
    released: set[tuple[int, int]] = set()
    for _ in range(SETTLE_ROUNDS):
        if len(pool) > ODD_EXACT_LIMIT:
            break
        got = _exact_on(rd, sorted(pool))
        if len(got) >= need + len(released):
            return sorted([p for p in fixed if p not in released] + got)
        for u in list(pool):
            for v in adjacent.get(u, ()):
                p = pair_of.get(v)
                if p is not None and p not in released:
                    released.add(p)
                    pool.update(p)
    return []


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
