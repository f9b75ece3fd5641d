"""Min-cost maximum flow by the primal-dual method (shortest paths, then blocking flows).

Arc costs are small integers in this package, so the s-t distance takes few distinct
values: each phase runs one Dijkstra (with potentials, stopped once t is settled) and
then a Dinic maximum flow over the arcs of zero reduced cost. The result is a
maximum flow of minimum cost, and the cost of every unit in the order found, which gives
the best cost for every smaller flow value too (used for the upper bound).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra, maximum_flow

INF = 1 << 60


class MinCostFlow:
    """A directed graph with capacities and integer costs; arcs are numbered as added."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.adj: list[list[int]] = [[] for _ in range(n)]
        self.to: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []
        self.original: list[int] = []
        self.potential: list[int] = []

    def add_arc(self, u: int, v: int, cap: int, cost: int) -> int:
        """Add arc u->v and its residual twin; return the arc's number."""
        e = len(self.to)
        self.to.append(v)
        self.cap.append(cap)
        self.cost.append(cost)
        self.to.append(u)
        self.cap.append(0)
        self.cost.append(-cost)
        self.adj[u].append(e)
        self.adj[v].append(e + 1)
        self.original.append(cap)
        self.original.append(0)
        return e

    def flow(self, e: int) -> int:
        """Flow on arc e."""
        return self.original[e] - self.cap[e]

    def solve(self, s: int, t: int, order: Sequence[int]) -> list[tuple[int, int]]:
        """Push a min-cost max flow; return (units, cost per unit) per phase, cheapest first.

        `order` must list every node in a topological order of the initial arcs (the
        graph must be acyclic when this is called, so negative costs are fine).
        """
        n = self.n
        to, cap, cost, adj = self.to, self.cap, self.cost, self.adj
        pi = self._initial_potentials(s, order)
        phases: list[tuple[int, int]] = []
        dist = [INF] * n
        while True:
            # Dijkstra on reduced costs, stopped once t is settled. Reduced costs are
            # small integers here, so a bucket queue (Dial's variant) beats a heap.
            for v in range(n):
                dist[v] = INF
            dist[s] = 0
            done = [False] * n
            buckets: list[list[int]] = [[s]]
            dt = INF
            d = 0
            while d < len(buckets):
                bucket = buckets[d]
                while bucket:
                    u = bucket.pop()
                    if done[u] or dist[u] != d:
                        continue
                    done[u] = True
                    if u == t:
                        dt = d
                        break
                    pu = pi[u] + d
                    for e in adj[u]:
                        if cap[e] > 0:
                            v = to[e]
                            nd = cost[e] + pu - pi[v]
                            if nd < dist[v]:
                                dist[v] = nd
                                while len(buckets) <= nd:
                                    buckets.append([])
                                buckets[nd].append(v)
                if dt != INF:
                    break
                d += 1
            if dt == INF:
                break
            for v in range(n):
                pi[v] += dist[v] if done[v] else dt
            # Dinic rounds over the arcs of zero reduced cost (they stay so in this phase).
            adm = [
                [e for e in adj[u] if cost[e] + pi[u] == pi[to[e]]] for u in range(n)
            ]
            pushed = 0
            while True:
                level = [-1] * n
                level[s] = 0
                bfs = [s]
                for u in bfs:
                    if u == t:
                        break  # nodes further out than t cannot lie on a shortest path
                    lu = level[u] + 1
                    for e in adm[u]:
                        if cap[e] > 0:
                            v = to[e]
                            if level[v] < 0:
                                level[v] = lu
                                bfs.append(v)
                if level[t] < 0:
                    break
                pushed += self._blocking(s, t, level, adm)
            phases.append((pushed, pi[t] - pi[s]))
        # cost + potential[u] - potential[v] >= 0 on every arc left with capacity.
        self.potential = pi
        return phases

    def _initial_potentials(self, s: int, order: Sequence[int]) -> list[int]:
        """Shortest distances from s along the arcs with capacity, in topological order
        (nodes out of reach get the largest distance): reduced costs are then >= 0."""
        to, cap, cost, adj = self.to, self.cap, self.cost, self.adj
        pi = [INF] * self.n
        pi[s] = 0
        for u in order:
            pu = pi[u]
            if pu == INF:
                continue
            for e in adj[u]:
                if cap[e] > 0:
                    v = to[e]
                    d = pu + cost[e]
                    if d < pi[v]:
                        pi[v] = d
        big = max((p for p in pi if p != INF), default=0)
        return [big if p == INF else p for p in pi]

    def _blocking(self, s: int, t: int, level: list[int], adm: list[list[int]]) -> int:
        to, cap = self.to, self.cap
        it = [0] * self.n
        total = 0
        path: list[int] = []
        u = s
        while True:
            if u == t:
                f = min(cap[e] for e in path)
                for e in path:
                    cap[e] -= f
                    cap[e ^ 1] += f
                total += f
                # Restart from the tail of the first saturated arc.
                for i, e in enumerate(path):
                    if cap[e] == 0:
                        del path[i:]
                        u = to[e ^ 1]
                        break
                continue
            lst = adm[u]
            i = it[u]
            lu = level[u] + 1
            m = len(lst)
            while i < m:
                e = lst[i]
                if cap[e] > 0 and level[to[e]] == lu:
                    break
                i += 1
            it[u] = i
            if i < m:
                e = lst[i]
                path.append(e)
                u = to[e]
            else:
                if u == s:
                    return total
                level[u] = -1
                e = path.pop()
                u = to[e ^ 1]
                it[u] += 1


class ArrayMinCostFlow:
    """The same primal-dual method with each phase in compiled code: scipy's Dijkstra on
    the reduced costs, then scipy's Dinic maximum flow on the arcs of zero reduced cost.

    The same kind of result as `MinCostFlow` (a min-cost maximum flow, its phases and
    potentials); the flow itself may be another optimal one. Arcs are added as arrays
    (`add_arcs`). For graphs of thousands of nodes, where a phase in Python takes a
    tenth of a second.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.potential: list[int] = []
        self._flow = np.zeros(0, dtype=np.int64)
        # Arcs as numpy chunks (tails, heads, capacities, costs), joined by `solve`:
        # extending Python lists with millions of arcs was a fifth of the type-level
        # flow's time at 100,000 people with windows.
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self._arcs = 0

    def add_arc(self, u: int, v: int, cap: int, cost: int) -> int:
        """Add arc u->v and its residual twin; return the arc's number."""
        return int(self.add_arcs(np.array([u]), np.array([v]), cap, cost)[0])

    def add_arcs(self, tails: np.ndarray, heads: np.ndarray, caps: np.ndarray | int,
                 costs: np.ndarray | int) -> np.ndarray:
        """Add arcs tails[i] -> heads[i] at once; return their numbers (as `add_arc`:
        arc e and its twin e ^ 1)."""
        k = len(tails)
        first = 2 * self._arcs
        self._chunks.append((
            np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64),
            np.broadcast_to(np.asarray(caps, dtype=np.int64), (k,)),
            np.broadcast_to(np.asarray(costs, dtype=np.int64), (k,))))
        self._arcs += k
        return first + 2 * np.arange(k, dtype=np.int64)

    def flow(self, e: int) -> int:
        """Flow on arc e (after `solve`)."""
        return int(self._flow[e])

    def flows(self, arcs: np.ndarray) -> np.ndarray:
        """Flow on each of these arcs (after `solve`)."""
        return np.asarray(self._flow[arcs])

    def solve(self, s: int, t: int, order: Sequence[int] = ()) -> list[tuple[int, int]]:
        """As `MinCostFlow.solve`; the graph must be acyclic when called, but `order`
        is not needed (the first potentials come from Bellman-Ford passes)."""
        n = self.n
        parts = list(zip(*self._chunks, strict=True)) or [[np.zeros(0, dtype=np.int64)]] * 4
        tails, heads, caps, costs = (np.concatenate(p) for p in parts)
        # Arc e = 2i runs tails[i] -> heads[i]; its twin e ^ 1 runs back, no capacity.
        k = len(tails)
        to = np.empty(2 * k, dtype=np.int64)
        to[0::2], to[1::2] = heads, tails
        frm = np.empty(2 * k, dtype=np.int64)
        frm[0::2], frm[1::2] = tails, heads
        cap = np.zeros(2 * k, dtype=np.int64)
        cap[0::2] = caps
        original = cap.copy()
        cost = np.empty(2 * k, dtype=np.int64)
        cost[0::2], cost[1::2] = costs, -costs
        pi = _dag_distances(n, s, frm[cap > 0], to[cap > 0], cost[cap > 0])
        phases: list[tuple[int, int]] = []
        # Every arc (twins too) sorted once by (tail, head): each phase's graphs take
        # the live arcs in this order and merge parallel ones in one linear pass, where
        # sorting them every phase was a third of the time at 2 million arcs.
        by_arc = np.argsort(frm * n + to, kind="stable")
        by_key = (frm * n + to)[by_arc]
        frm_s, to_s, cost_s = frm[by_arc], to[by_arc], cost[by_arc]
        # Without parallel arcs (the matcher's networks have none) each phase's graphs
        # are the live arcs as they are.
        parallel = bool((by_key[1:] == by_key[:-1]).any())
        while True:
            on = cap[by_arc] > 0
            live, key, tail, head = by_arc[on], by_key[on], frm_s[on], to_s[on]
            if not len(live):
                break
            lcost = cost_s[on]
            reduced = lcost + pi[tail] - pi[head]
            dist = dijkstra(_csr_min(n, key, reduced) if parallel else _csr(n, tail, head, reduced),
                            directed=True, indices=s)
            if not np.isfinite(dist[t]):
                break
            dt = int(dist[t])
            pi += np.minimum(np.nan_to_num(dist, posinf=dt), dt).astype(np.int64)
            # The arcs of zero reduced cost between nodes within dt of s: no shortest
            # path to t passes a node farther out.
            near = dist <= dt
            zero = (lcost + pi[tail] - pi[head] == 0) & near[tail] & near[head]
            adm, key = live[zero], key[zero]
            if parallel:
                first = np.nonzero(np.r_[True, key[1:] != key[:-1]])[0]
                ukey = key[first]
                total = np.add.reduceat(cap[adm], first)
                indptr = np.searchsorted(ukey // n, np.arange(n + 1))
            else:
                ukey, total = key, cap[adm]
                indptr = np.r_[0, np.cumsum(np.bincount(tail[zero], minlength=n))]
            graph = csr_matrix((total.astype(np.int32), ukey % n, indptr), shape=(n, n))
            result = maximum_flow(graph, s, t, method="dinic")
            pushed = int(result.flow_value)
            if pushed <= 0:
                break  # never expected: t was reachable along arcs of zero reduced cost
            # Net flow per (tail, head), spread over that pair's arcs in order.
            fl = result.flow.tocoo()
            pos = fl.data > 0
            fkey = fl.row[pos].astype(np.int64) * n + fl.col[pos]
            net = np.zeros(len(ukey), dtype=np.int64)
            net[np.searchsorted(ukey, fkey)] = fl.data[pos]
            if parallel:
                group = np.repeat(np.arange(len(ukey)), np.diff(np.r_[first, len(adm)]))
                before = np.cumsum(cap[adm]) - cap[adm]
                before -= (before[first])[group]
                take = np.clip(net[group] - before, 0, cap[adm])
            else:
                take = net
            cap[adm] -= take
            np.add.at(cap, adm ^ 1, take)
            phases.append((pushed, int(pi[t] - pi[s])))
        self._flow = original - cap
        self.potential = pi.tolist()
        return phases


def _dag_distances(n: int, s: int, tails: np.ndarray, heads: np.ndarray, costs: np.ndarray
                   ) -> np.ndarray:
    """Shortest distances from s in an acyclic graph (negative costs allowed), by
    vectorised Bellman-Ford passes (as many as the longest path has arcs); nodes out of
    reach get the largest distance, so that every reduced cost is >= 0."""
    pi = np.full(n, INF, dtype=np.int64)
    pi[s] = 0
    for _ in range(n):
        reach = pi[tails] < INF
        cand = pi[tails[reach]] + costs[reach]
        better = cand < pi[heads[reach]]
        if not better.any():
            break
        np.minimum.at(pi, heads[reach][better], cand[better])
    else:
        raise ValueError("the graph has a cycle of negative cost")
    big = pi[pi < INF].max(initial=0)
    pi[pi == INF] = big
    return pi


def _csr_min(n: int, key: np.ndarray, weights: np.ndarray) -> csr_matrix:
    """n x n sparse graph of arcs keyed tail * n + head, the keys sorted, with the
    cheapest of any parallel arcs (explicit zeros are arcs for scipy's shortest paths)."""
    first = np.nonzero(np.r_[True, key[1:] != key[:-1]])[0] if len(key) else key
    ukey = key[first]
    least = np.minimum.reduceat(weights, first) if len(key) else weights
    indptr = np.searchsorted(ukey // n, np.arange(n + 1))
    return csr_matrix((least.astype(np.float64), ukey % n, indptr), shape=(n, n))


def _csr(n: int, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray) -> csr_matrix:
    """n x n sparse graph of these arcs, sorted by tail, no two with the same ends
    (explicit zeros are arcs for scipy's shortest paths)."""
    indptr = np.r_[0, np.cumsum(np.bincount(tails, minlength=n))]
    return csr_matrix((weights.astype(np.float64), heads, indptr), shape=(n, n))


def pour(
    sources: list[tuple[int, int]], sinks: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """Split equal totals of flow from sources into sinks: (source, sink, amount)."""
    out: list[tuple[int, int, int]] = []
    rest = [[key, f] for key, f in sinks if f > 0]
    j = 0
    for key, f in sources:
        while f > 0 and j < len(rest):
            take = min(f, rest[j][1])
            out.append((key, rest[j][0], take))
            f -= take
            rest[j][1] -= take
            if rest[j][1] == 0:
                j += 1
    return out
