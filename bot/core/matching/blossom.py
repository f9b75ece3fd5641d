"""Edmonds' blossom search for augmenting paths in a general graph (cardinality only).

Used on the tight pairs of a round (`certified._tight_finish`): the pairs whose score
equals the duals of their two people. A perfect matching of those pairs scores exactly
the bound the duals prove, so finding one is a proof of optimality; whether a search
finds it or not never makes a bound wrong, since the caller checks the matching it gets.

Each search grows one alternating tree from an exposed node, shrinks odd cycles
(blossoms) to their base as it meets them, and stops at the first exposed node it
reaches (then flips the path) or when the tree cannot grow: by Edmonds' theorem no
augmenting path starts at that node then, nor after later augmentations. Per search,
the work is on the nodes the tree reaches only, so a search that finds a short path
in a large dense graph costs little.
"""

from __future__ import annotations

from collections import deque

import numpy as np


def augment(indptr: np.ndarray, nbr: np.ndarray, mate: list[int], roots: list[int],
            visits: int) -> int:
    """Augment mate (a matching: mate[v] = partner or -1) along paths from each exposed
    root, in the graph whose neighbours of v are nbr[indptr[v]:indptr[v + 1]]; stop once
    the searches have looked at `visits` arcs. Returns the number of augmentations."""
    done = 0
    budget = [visits]
    for root in roots:
        if mate[root] >= 0:
            continue
        if budget[0] <= 0:
            break
        if _search(indptr, nbr, mate, root, budget):
            done += 1
    return done


def _search(indptr: np.ndarray, nbr: np.ndarray, mate: list[int], root: int,
            budget: list[int]) -> bool:
    """One alternating tree from root; True if it augmented mate."""
    parent: dict[int, int] = {}  # node -> the node before it on its alternating path
    up: dict[int, int] = {}  # union-find over blossoms; a set's root is its base
    outer = {root}
    queue = deque([root])

    def find(v: int) -> int:
        r = v
        while r in up:
            r = up[r]
        while v != r:
            nxt = up[v]
            up[v] = r
            v = nxt
        return r

    def common(a: int, b: int) -> int:
        """The nearest common base of a and b towards the root."""
        seen: set[int] = set()
        while True:
            a = find(a)
            seen.add(a)
            if mate[a] < 0:
                break
            a = parent[mate[a]]
        while True:
            b = find(b)
            if b in seen:
                return b
            b = parent[mate[b]]

    def mark(v: int, top: int, child: int, bases: list[int]) -> None:
        """Walk from v up to the base top, pointing the path the other way round."""
        while find(v) != top:
            bases.append(find(v))
            bases.append(find(mate[v]))
            parent[v] = child
            child = mate[v]
            v = parent[mate[v]]

    while queue:
        v = queue.popleft()
        near = nbr[indptr[v] : indptr[v + 1]].tolist()
        budget[0] -= len(near)
        if budget[0] < 0:
            return False
        for to in near:
            if mate[v] == to or find(v) == find(to):
                continue
            if to == root or (mate[to] >= 0 and mate[to] in parent):
                # to is outer: an odd cycle, shrunk into one blossom with base top.
                # Its inner nodes (single nodes: a blossom is always outer) turn outer.
                top = common(v, to)
                bases: list[int] = []
                mark(v, top, to, bases)
                mark(to, top, v, bases)
                for x in bases:
                    x = find(x)
                    if x != top:
                        up[x] = top
                    if x not in outer:
                        outer.add(x)
                        queue.append(x)
            elif to not in parent:
                parent[to] = v
                if mate[to] < 0:
                    # Flip the path back to the root.
                    u = to
                    while u >= 0:
                        p = parent[u]
                        nxt = mate[p]
                        mate[u], mate[p] = p, u
                        u = nxt
                    return True
                w = mate[to]
                outer.add(w)
                queue.append(w)
    return False
