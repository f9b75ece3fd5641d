"""Pair matching: exact (rustworkx) for small rounds, a type-level flow for large ones.

Large rounds use that people with the same (profession, wishes, left-out flag) are
interchangeable apart from their history. The pair score splits into halves,
score(a, b) = h(a, prof b) + h(b, prof a) with h(x, q) = base/2 + learn*[x wishes q]
+ unpaired*[x left out], so the LP relaxation of the matching is a min-cost flow on the
type graph: left types -> (profession, profession) hubs -> right types. In two-sided
mode that graph is bipartite (A types to B types) and the flow is exact. In cross mode
everyone has a left and a right copy (the doubled bipartite graph); its value is twice
the fractional matching optimum, an upper bound that history can only lower. The flow
is turned into people (see `_wire`), history clashes are removed by swapping people of
the same type (which leaves the score unchanged), and short augmenting paths restore
the number of pairs if a clash could not be swapped away.

Large rounds first go to `certified` (column generation with a proven bound, priced
over every pair); the type-level solver is its warm start when that finds no perfect
pairing of the people on its own, and the fallback when it gives no certificate.
Every outcome carries a proven upper bound: the exact optimum itself for small rounds,
the certified bound, or else the type-level LP bound (history ignored).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import rustworkx as rx

from bot.core.matching import certified
from bot.core.matching.flow import MinCostFlow, pour
from bot.core.matching.problem import Problem

EXACT_LIMIT = 300  # rustworkx's exact matching on every pair: a tenth of a second here
SWAP_TRIES = 40
TWO_OPT_TRIES = 300


@dataclass
class PairOutcome:
    """Pairs found, and what is known about how good they are."""

    pairs: list[tuple[int, int]]
    exact: bool
    upper_bound: float | None
    most_pairs: int = 0

    def score(self, pb: Problem) -> int:
        """Total pair score."""
        return sum(pb.score(a, b) for a, b in self.pairs)

    def optimal(self, pb: Problem) -> bool:
        """Proven: the most pairs possible, and no matching of as many pairs scores more."""
        if self.exact:
            return True
        if self.upper_bound is None or len(self.pairs) < self.most_pairs:
            return False
        return self.score(pb) >= int(self.upper_bound + 1e-9)


def solve_pairs(pb: Problem, idx: Sequence[int], *, method: str = "auto") -> PairOutcome:
    """Maximum-cardinality, maximum-score pairs among people idx (a seeded order)."""
    if method == "exact" or (method == "auto" and len(idx) <= EXACT_LIMIT):
        return _exact(pb, idx)
    if method == "typed":
        return _typed(pb, idx)
    most = certified.most_pairs(pb, idx)
    found = certified.solve(pb, idx, most)
    if found is not None and found.bound is not None:
        return PairOutcome(pairs=found.pairs, exact=False, upper_bound=found.bound,
                           most_pairs=most)
    typed = _typed(pb, idx)
    again = certified.solve(pb, idx, len(typed.pairs), typed.pairs)
    if again is not None and again.bound is not None:
        return PairOutcome(pairs=again.pairs, exact=False, upper_bound=again.bound,
                           most_pairs=typed.most_pairs)
    # No certificate: the better pairs found, with the type-level bound.
    if again is not None and again.score > typed.score(pb):
        typed.pairs = again.pairs
    return typed


def _exact(pb: Problem, idx: Sequence[int]) -> PairOutcome:
    pairs = exact_pairs(pb, idx)
    best = sum(pb.score(a, b) for a, b in pairs)
    return PairOutcome(pairs=pairs, exact=True, upper_bound=best, most_pairs=len(pairs))


def exact_pairs(pb: Problem, idx: Sequence[int]) -> list[tuple[int, int]]:
    """Maximum-cardinality, maximum-score pairs among idx (rustworkx's exact matching)."""
    edges: list[tuple[int, int, int]] = []
    for x, a in enumerate(idx):
        for y in range(x + 1, len(idx)):
            b = idx[y]
            if pb.allowed(a, b):
                edges.append((x, y, pb.score(a, b)))
    # Shifting every weight by one constant changes no choice once cardinality is fixed.
    shift = max(0, -min((w for _, _, w in edges), default=0))
    graph = rx.PyGraph()
    graph.add_nodes_from(range(len(idx)))
    graph.add_edges_from([(x, y, w + shift) for x, y, w in edges])
    mate = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    return sorted((idx[min(x, y)], idx[max(x, y)]) for x, y in mate)


def _typed(pb: Problem, idx: Sequence[int]) -> PairOutcome:
    return _TypedPairs(pb, idx).run()


class _TypedPairs:
    """One run of the type-level solver; types are numbered in the seeded order."""

    def __init__(self, pb: Problem, idx: Sequence[int]) -> None:
        self.pb = pb
        self.idx = list(idx)
        w = pb.weights
        self.h_plain = (w.base, w.base + 2 * w.unpaired)
        self.h_wish = (w.base + 2 * w.learn, w.base + 2 * w.learn + 2 * w.unpaired)
        keys: dict[tuple[int, int, tuple[int, ...], bool], int] = {}
        self.type_of: dict[int, int] = {}
        self.members: list[list[int]] = []
        self.tkey: list[tuple[int, int, tuple[int, ...], bool]] = []
        for i in self.idx:
            side = pb.side[i] if pb.two_sided else 0
            key = (side, pb.prof[i], tuple(sorted(pb.wants[i])), pb.unp[i])
            k = keys.get(key)
            if k is None:
                k = keys[key] = len(self.members)
                self.members.append([])
                self.tkey.append(key)
            self.type_of[i] = k
            self.members[k].append(i)

    def h(self, k: int, q: int) -> int:
        """Doubled half-score of a person of type k whose partner has profession q."""
        _, _, wants, u = self.tkey[k]
        return (self.h_wish if q in wants else self.h_plain)[u]

    # -- type-level plan --------------------------------------------------------------

    def run(self) -> PairOutcome:
        flows, unit_gains = self._plan()
        if self.pb.two_sided:
            mate = self._pairs_from(flows)
            halves = 2
        else:
            mate = self._wire(flows)
            halves = 4
        self._repair(mate)
        target = self._target()
        self._augment(mate, target)
        pairs = [(a, mate[a]) for a in self.idx if mate[a] > a]
        # The LP with as many flow units as the pairs found bounds every such matching.
        units = len(pairs) * (halves // 2)
        bound = _bound(unit_gains, units, halves)
        # The types ignore the points of a shared window or site: each pair adds at most
        # the largest of them (a fallback's bound; the certified solver counts them).
        bound += len(pairs) * max((max(row) for row in self.pb.bonus), default=0)
        return PairOutcome(pairs=pairs, exact=False, most_pairs=target, upper_bound=bound)

    def _target(self) -> int:
        """Most pairs possible if history did not matter."""
        pb = self.pb
        n = len(self.idx)
        if pb.two_sided:
            na = sum(1 for i in self.idx if pb.side[i] == 0)
            return min(na, n - na)
        per: dict[int, int] = defaultdict(int)
        for i in self.idx:
            per[pb.prof[i]] += 1
        return min(n // 2, n - max(per.values(), default=0))

    def _plan(self) -> tuple[dict[tuple[int, int], int], list[tuple[int, int]]]:
        """Min-cost flow from left types through profession-pair hubs to right types.

        Cross mode doubles the people (left and right copy of everyone); two-sided mode
        sends A types to B types. Returns units per (left type, right type) and the
        (units, gain per unit) phases of the flow, best first.
        """
        pb = self.pb
        nt = len(self.members)
        if pb.two_sided:
            left = [k for k in range(nt) if self.tkey[k][0] == 0]
            right = [k for k in range(nt) if self.tkey[k][0] == 1]
        else:
            left = right = list(range(nt))
        lprofs = sorted({self.tkey[k][1] for k in left})
        rprofs = sorted({self.tkey[k][1] for k in right})
        hubs = [(p, q) for p in lprofs for q in rprofs if pb.two_sided or p != q]
        hub_of = {pq: x for x, pq in enumerate(hubs)}
        s, t = 0, 1
        lb = 2
        rb = lb + len(left)
        lab = rb + len(right)
        rab = lab + len(lprofs)
        hb = rab + len(rprofs)
        lpos = {p: x for x, p in enumerate(lprofs)}
        rpos = {q: x for x, q in enumerate(rprofs)}
        g = MinCostFlow(hb + len(hubs))
        big = len(self.idx)
        into_hub: list[list[tuple[int, int]]] = [[] for _ in hubs]  # (type, arc)
        out_hub: list[list[tuple[int, int]]] = [[] for _ in hubs]
        via_la: dict[int, list[tuple[int, int]]] = defaultdict(list)
        via_ra: dict[int, list[tuple[int, int]]] = defaultdict(list)
        la_out: dict[int, list[tuple[int, int]]] = defaultdict(list)  # (hub, arc)
        ra_in: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for x, k in enumerate(left):
            _, p, wants, _u = self.tkey[k]
            n = len(self.members[k])
            g.add_arc(s, lb + x, n, 0)
            for q in wants:
                hx = hub_of.get((p, q))
                if hx is not None:
                    into_hub[hx].append((k, g.add_arc(lb + x, hb + hx, n, -self.h(k, q))))
            via_la[p].append((k, g.add_arc(lb + x, lab + lpos[p], n, -self.h(k, -1))))
        for hx, (p, q) in enumerate(hubs):
            la_out[p].append((hx, g.add_arc(lab + lpos[p], hb + hx, big, 0)))
            ra_in[q].append((hx, g.add_arc(hb + hx, rab + rpos[q], big, 0)))
        for y, k in enumerate(right):
            _, q, wants, _u = self.tkey[k]
            n = len(self.members[k])
            for p in wants:
                hx = hub_of.get((p, q))
                if hx is not None:
                    out_hub[hx].append((k, g.add_arc(hb + hx, rb + y, n, -self.h(k, p))))
            via_ra[q].append((k, g.add_arc(rab + rpos[q], rb + y, n, -self.h(k, -1))))
            g.add_arc(rb + y, t, n, 0)
        order = [s, *range(lb, rb), *range(lab, rab), *range(hb, hb + len(hubs))]
        order += [*range(rab, hb), *range(rb, lab), t]
        phases = g.solve(s, t, order)
        # Split the flow through shared nodes back onto types; any split is optimal,
        # since a type never reaches a wished profession through the shared node.
        hub_in: list[list[tuple[int, int]]] = [
            [(k, g.flow(e)) for k, e in lst] for lst in into_hub
        ]
        hub_out: list[list[tuple[int, int]]] = [
            [(k, g.flow(e)) for k, e in lst] for lst in out_hub
        ]
        for p, lst in via_la.items():
            for k, hx, f in pour([(k, g.flow(e)) for k, e in lst],
                                  [(hx, g.flow(e)) for hx, e in la_out[p]]):
                hub_in[hx].append((k, f))
        for q, lst in via_ra.items():
            for hx, k, f in pour([(hx, g.flow(e)) for hx, e in ra_in[q]],
                                  [(k, g.flow(e)) for k, e in lst]):
                hub_out[hx].append((k, f))
        flows: dict[tuple[int, int], int] = defaultdict(int)
        for hx in range(len(hubs)):
            for k, k2, f in pour(hub_in[hx], hub_out[hx]):
                flows[k, k2] += f
        return flows, [(units, -cost) for units, cost in phases]

    # -- people ----------------------------------------------------------------------

    def _take(self, k: int, cursor: dict[int, int]) -> int:
        x = cursor.get(k, 0)
        cursor[k] = x + 1
        return self.members[k][x]

    def _pairs_from(self, flows: dict[tuple[int, int], int]) -> dict[int, int]:
        """Two-sided: the flow is already a matching of types; hand out people."""
        mate = dict.fromkeys(self.idx, -1)
        cursor: dict[int, int] = {}
        for (k, k2), f in sorted(flows.items()):
            for _ in range(f):
                a = self._take(k, cursor)
                b = self._take(k2, cursor)
                mate[a], mate[b] = b, a
        return mate

    def _wire(self, flows: dict[tuple[int, int], int]) -> dict[int, int]:
        """Cross mode: turn the doubled flow into pairs.

        Each unit k -> k2 becomes an arc from a person of type k to one of type k2; every
        person has at most one arc out and one in, so the arcs form cycles and paths.
        Taking every other arc of an even cycle keeps at least half its weight, which is
        its share of the LP value; two odd cycles through the same type are first joined
        into one even cycle by swapping two interchangeable people.
        """
        mate = dict.fromkeys(self.idx, -1)
        cursor: dict[int, int] = {}
        left = dict(flows)
        for (k, k2), f in sorted(flows.items()):
            if k < k2 and (k2, k) in left:
                d = min(f, left[k2, k])
                for _ in range(d):
                    a = self._take(k, cursor)
                    b = self._take(k2, cursor)
                    mate[a], mate[b] = b, a
                left[k, k2] -= d
                left[k2, k] -= d
        # Remaining units: people who both send and receive come first, so that the
        # arcs form long cycles rather than many short paths.
        outs: dict[int, list[int]] = defaultdict(list)
        ins: dict[int, list[int]] = defaultdict(list)
        for (k, k2), f in sorted(left.items()):
            outs[k].extend([k2] * f)
            ins[k2].extend([k] * f)
        succ: dict[int, int] = {}
        pred: dict[int, int] = {}
        out_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
        in_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k in sorted(set(outs) | set(ins)):
            o, i = outs.get(k, []), ins.get(k, [])
            for x in range(max(len(o), len(i))):
                person = self._take(k, cursor)
                if x < len(o):
                    out_slot[k, o[x]].append(person)
                if x < len(i):
                    in_slot[i[x], k].append(person)
        for key, senders in out_slot.items():
            for a, b in zip(senders, in_slot[key], strict=True):
                succ[a] = b
                pred[b] = a
        cycles, paths = _components(succ, pred)
        cycles = self._join_odd(cycles, succ, pred)
        for cyc in cycles:
            self._take_cycle(cyc, mate)
        for path in paths:
            self._take_path(path, mate)
        return mate

    def _join_odd(
        self, cycles: list[list[int]], succ: dict[int, int], pred: dict[int, int]
    ) -> list[list[int]]:
        open_at: dict[int, int] = {}  # type -> index of an odd cycle through it
        alive = [True] * len(cycles)
        out = list(cycles)
        for ci, cyc in enumerate(cycles):
            if len(cyc) % 2 == 0:
                continue
            partner = -1
            for person in cyc:
                cj = open_at.get(self.type_of[person], -1)
                if cj >= 0 and alive[cj]:
                    partner = cj
                    z = person
                    break
            if partner < 0:
                for person in cyc:
                    open_at.setdefault(self.type_of[person], ci)
                continue
            other = out[partner]
            x = next(p for p in other if self.type_of[p] == self.type_of[z])
            # Swap who receives the two arcs into x and z: one cycle of even length.
            px, pz = pred[x], pred[z]
            succ[px], succ[pz] = z, x
            pred[z], pred[x] = px, pz
            merged = [x]
            v = succ[x]
            while v != x:
                merged.append(v)
                v = succ[v]
            alive[partner] = False
            alive[ci] = False
            out.append(merged)
            alive.append(True)
        return [c for c, ok in zip(out, alive, strict=True) if ok]

    def _edge_value(self, a: int, b: int) -> int:
        pb = self.pb
        if not pb.allowed(a, b):
            return -10_000
        return pb.score(a, b)

    def _take_cycle(self, cyc: list[int], mate: dict[int, int]) -> None:
        n = len(cyc)
        vals = [self._edge_value(cyc[i], cyc[(i + 1) % n]) for i in range(n)]
        if n % 2 == 0:
            start = 0 if sum(vals[0::2]) >= sum(vals[1::2]) else 1
            for i in range(start, n, 2):
                a, b = cyc[i], cyc[(i + 1) % n]
                mate[a], mate[b] = b, a
            return
        # Odd: somebody stays out; try every choice when short, some when long.
        choices = range(n) if n <= 301 else self.pb.rng.sample(range(n), 301)
        best_j, best_v = 0, None
        for j in choices:
            v = sum(vals[(j + 1 + 2 * m) % n] for m in range((n - 1) // 2))
            if best_v is None or v > best_v:
                best_j, best_v = j, v
        for m in range((n - 1) // 2):
            i = (best_j + 1 + 2 * m) % n
            a, b = cyc[i], cyc[(i + 1) % n]
            mate[a], mate[b] = b, a

    def _take_path(self, path: list[int], mate: dict[int, int]) -> None:
        n = len(path)
        vals = [self._edge_value(path[i], path[i + 1]) for i in range(n - 1)]
        start = 0
        if (n - 1) % 2 == 0 and sum(vals[1::2]) > sum(vals[0::2]):
            start = 1
        for i in range(start, n - 1, 2):
            a, b = path[i], path[i + 1]
            mate[a], mate[b] = b, a

    def _cost(self, a: int, b: int) -> int:
        """History cost of a pair: 2 forbidden, 1 met before, 0 fresh."""
        if b in self.pb.forbidden[a]:
            return 2
        return 1 if b in self.pb.met[a] else 0

    def _repair(self, mate: dict[int, int]) -> None:
        for a in self.idx:
            b = mate[a]
            if b < 0:
                continue
            c = self._cost(a, b)
            if c and not self._swap_same_type(mate, a, b, c):
                self._two_opt(mate, a, b, hard=c == 2)

    def _swap_same_type(self, mate: dict[int, int], a: int, b: int, c: int) -> bool:
        rng = self.pb.rng
        for x, y in ((a, b), (b, a)):
            pool = self.members[self.type_of[x]]
            tries = pool if len(pool) <= SWAP_TRIES else rng.sample(pool, SWAP_TRIES)
            for z in tries:
                if z in (x, y):
                    continue
                mz = mate[z]
                if mz < 0:
                    if self._cost(z, y) < c:
                        mate[z], mate[y], mate[x] = y, z, -1
                        return True
                elif mz not in (x, y) and (
                    # Never trade one recent meeting for another: both new pairs must
                    # be allowed, whatever the old pair of z cost.
                    self._cost(z, y) < 2
                    and self._cost(x, mz) < 2
                    and self._cost(z, y) + self._cost(x, mz) < c + self._cost(z, mz)
                ):
                    mate[z], mate[y] = y, z
                    mate[x], mate[mz] = mz, x
                    return True
        return False

    def _two_opt(self, mate: dict[int, int], a: int, b: int, *, hard: bool) -> None:
        pb = self.pb
        rng = pb.rng
        old = pb.score(a, b)
        best: tuple[int, int] | None = None
        # A forbidden pair must go even at a loss; a repeat meeting only for a gain.
        best_gain = None if hard else 0
        for _ in range(TWO_OPT_TRIES):
            c = rng.choice(self.idx)
            d = mate[c]
            if d < 0 or c in (a, b) or d in (a, b):
                continue
            base = old + pb.score(c, d)
            for x, y in ((c, d), (d, c)):
                if pb.allowed(a, x) and pb.allowed(b, y):
                    gain = pb.score(a, x) + pb.score(b, y) - base
                    if best_gain is None or gain > best_gain:
                        best_gain = gain
                        best = (x, y)
        if best is not None:
            x, y = best
            mate[a], mate[x] = x, a
            mate[b], mate[y] = y, b
        elif hard:
            mate[a] = mate[b] = -1

    def _augment(self, mate: dict[int, int], target: int) -> None:
        """Raise the number of pairs towards target with short augmenting paths."""
        pb = self.pb
        matched = sum(1 for a in self.idx if mate[a] >= 0) // 2
        if matched >= target:
            return
        free = [a for a in self.idx if mate[a] < 0]
        stuck: set[int] = set()
        progress = True
        while progress and matched < target:
            progress = False
            for u in free:
                if matched >= target:
                    break
                if mate[u] >= 0 or u in stuck:
                    continue
                best_v, best_s = -1, 0
                for v in free:
                    if v != u and mate[v] < 0 and pb.allowed(u, v):
                        sc = pb.score(u, v)
                        if best_v < 0 or sc > best_s:
                            best_v, best_s = v, sc
                if best_v >= 0:
                    mate[u], mate[best_v] = best_v, u
                    matched += 1
                    progress = True
                    continue
                others = [v for v in free if v != u and mate[v] < 0]
                found = self._path3(mate, u, others)
                if found:
                    matched += 1
                    progress = True
                else:
                    stuck.add(u)
            free = [a for a in free if mate[a] < 0]

    def _path3(self, mate: dict[int, int], u: int, others: list[int]) -> bool:
        """Augment along u - x = y - v (x, y a pair, v unmatched), the best one seen."""
        pb = self.pb
        best: tuple[int, int, int] | None = None
        best_gain = 0
        seen = 0
        order = list(self.idx)
        self.pb.rng.shuffle(order)
        for x in order:
            y = mate[x]
            if y < 0 or not pb.allowed(u, x):
                continue
            for v in others:
                if pb.allowed(y, v):
                    gain = pb.score(u, x) + pb.score(y, v) - pb.score(x, y)
                    if best is None or gain > best_gain:
                        best, best_gain = (x, y, v), gain
                    seen += 1
            if seen >= 200:
                break
        if best is None:
            return False
        x, y, v = best
        mate[u], mate[x] = x, u
        mate[y], mate[v] = v, y
        return True




def _components(
    succ: dict[int, int], pred: dict[int, int]
) -> tuple[list[list[int]], list[list[int]]]:
    """Cycles and paths of a graph where everyone has at most one successor."""
    seen: set[int] = set()
    paths: list[list[int]] = []
    for v in list(succ) + list(pred):
        if v in seen or v in pred:
            continue
        path = [v]
        seen.add(v)
        while path[-1] in succ:
            path.append(succ[path[-1]])
            seen.add(path[-1])
        paths.append(path)
    cycles: list[list[int]] = []
    for v in succ:
        if v in seen:
            continue
        cyc = [v]
        seen.add(v)
        w = succ[v]
        while w != v:
            cyc.append(w)
            seen.add(w)
            w = succ[w]
        cycles.append(cyc)
    return cycles, paths


def _bound(unit_gains: list[tuple[int, int]], units: int, halves: int) -> float:
    """Best LP value with `units` flow units, scaled back to pair points."""
    total = 0
    left = units
    for n, gain in unit_gains:
        take = min(n, left)
        total += take * gain
        left -= take
        if left == 0:
            break
    return total / halves


