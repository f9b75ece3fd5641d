"""Edmonds' blossom search: from any matching, searching from every exposed node gives a
maximum matching (networkx's says how large), and what it returns is a matching of the
graph's edges."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from bot.core.matching.blossom import augment


def csr(n: int, edges: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    tails = np.array([a for a, b in edges] + [b for a, b in edges], dtype=np.int64)
    heads = np.array([b for a, b in edges] + [a for a, b in edges], dtype=np.int64)
    order = np.argsort(tails, kind="stable")
    return np.searchsorted(tails[order], np.arange(n + 1)), heads[order]


@pytest.mark.parametrize("seed", range(60))
def test_searches_from_every_exposed_node_give_a_maximum_matching(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 40)
    density = rng.choice((0.05, 0.1, 0.2, 0.5))
    edges = [(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < density]
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    most = len(nx.max_weight_matching(graph, maxcardinality=True))
    # Start from a random greedy matching, as the pairs found before the search are.
    mate = [-1] * n
    shuffled = edges[:]
    rng.shuffle(shuffled)
    for a, b in shuffled[: rng.randint(0, len(shuffled))]:
        if mate[a] < 0 and mate[b] < 0:
            mate[a], mate[b] = b, a
    indptr, nbr = csr(n, edges)
    augment(indptr, nbr, mate, [v for v in range(n) if mate[v] < 0], 10**9)
    pairs = {(min(v, mate[v]), max(v, mate[v])) for v in range(n) if mate[v] >= 0}
    assert all(mate[mate[v]] == v for v in range(n) if mate[v] >= 0)
    assert pairs <= set(edges)
    assert len(pairs) == most


def test_odd_cycles_are_shrunk_to_find_the_path():
    # 0 is exposed and sees both ends of the matched pair 1-2: the triangle 0-1-2 is a
    # blossom. The only augmenting path, 0-2=1-3=4-5, leaves it through 1, which a search
    # without blossoms reaches only as an inner node and never explores.
    edges = [(0, 1), (0, 2), (1, 2), (1, 3), (3, 4), (4, 5)]
    mate = [-1, 2, 1, 4, 3, -1]
    indptr, nbr = csr(6, edges)
    assert augment(indptr, nbr, mate, [0, 5], 10**9) == 1
    assert mate == [2, 3, 0, 1, 5, 4]
