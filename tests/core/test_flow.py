"""The two min-cost flows of bot/core/matching/flow.py against networkx."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from bot.core.matching.flow import ArrayMinCostFlow, MinCostFlow


def _layered(rng: random.Random, parallel: bool = True
             ) -> tuple[int, list[tuple[int, int, int, int]]]:
    """A random acyclic graph: source 0, layers of nodes, sink n - 1; arcs (u, v, cap, cost)
    from each layer to later ones, costs negative too (as the matcher's scores are), and
    some parallel arcs if `parallel` (the matcher's networks have none, which the array
    flow takes a shorter way for)."""
    layers = [[0]]
    nxt = 1
    for _ in range(rng.randint(1, 4)):
        width = rng.randint(1, 6)
        layers.append(list(range(nxt, nxt + width)))
        nxt += width
    layers.append([nxt])
    arcs = []
    for x, layer in enumerate(layers[:-1]):
        later = [v for lay in layers[x + 1:] for v in lay]
        for u in layer:
            for v in rng.sample(later, min(len(later), rng.randint(1, 4))):
                arcs.append((u, v, rng.randint(1, 5), rng.randint(-9, 9)))
                if parallel and rng.random() < 0.2:  # a parallel arc of another cost
                    arcs.append((u, v, rng.randint(1, 3), rng.randint(-9, 9)))
    return nxt + 1, arcs


def _networkx(n: int, arcs: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """(max flow, min cost of it), parallel arcs split by a middle node."""
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    extra = n
    for u, v, cap, cost in arcs:
        g.add_edge(u, extra, capacity=cap, weight=cost)
        g.add_edge(extra, v, capacity=cap, weight=0)
        extra += 1
    flow = nx.max_flow_min_cost(g, 0, n - 1)
    value = sum(flow[0].values())
    return value, nx.cost_of_flow(g, flow)


# On these random graphs some nodes cannot be reached from the source, and their
# potentials can leave arcs of negative reduced cost, of which scipy's Dijkstra warns;
# what matters, the flow and its cost, is checked against networkx below.
@pytest.mark.filterwarnings("ignore:Graph has negative weights")
@pytest.mark.parametrize("parallel", [True, False])
@pytest.mark.parametrize("seed", range(60))
def test_both_flows_are_a_maximum_flow_of_minimum_cost(seed, parallel):
    rng = random.Random(seed)
    n, arcs = _layered(rng, parallel)
    order = list(range(n))  # layers are numbered in order: a topological order
    value, cost = _networkx(n, arcs)
    plain = MinCostFlow(n)
    plain_ids = [plain.add_arc(u, v, c, w) for u, v, c, w in arcs]
    array = ArrayMinCostFlow(n)
    array_ids = array.add_arcs(np.array([a[0] for a in arcs]), np.array([a[1] for a in arcs]),
                               np.array([a[2] for a in arcs]), np.array([a[3] for a in arcs]))
    for g, ids, phases in ((plain, plain_ids, plain.solve(0, n - 1, order)),
                           (array, list(array_ids), array.solve(0, n - 1))):
        assert sum(units for units, _ in phases) == value
        assert sum(units * unit_cost for units, unit_cost in phases) == cost
        # Phases cheapest first, and the flows on the arcs are a valid flow of that cost.
        assert [c for _, c in phases] == sorted(c for _, c in phases)
        flows = [g.flow(e) for e in ids] if g is plain else array.flows(array_ids).tolist()
        assert all(0 <= f <= a[2] for f, a in zip(flows, arcs, strict=True))
        assert sum(f * a[3] for f, a in zip(flows, arcs, strict=True)) == cost
        balance = [0] * n
        for f, (u, v, _, _) in zip(flows, arcs, strict=True):
            balance[u] -= f
            balance[v] += f
        assert balance[0] == -value and balance[n - 1] == value
        assert all(b == 0 for b in balance[1:-1])
