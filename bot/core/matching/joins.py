"""Putting people left over into existing groups that have room (the odd one into a trio)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.matching.flow import MinCostFlow
from bot.core.matching.problem import Problem

EXACT_WORK = 100_000
GREEDY_LOOK = 60


def join_leftovers(
    pb: Problem,
    groups: list[list[int]],
    leftovers: Sequence[int],
    has_room: Callable[[list[int], int], bool],
) -> list[tuple[int, int]]:
    """Assign leftovers to groups (one per group), most people first, then most points.

    `has_room(group, person)` says whether the group may still take that person apart
    from the history and profession rules, which are checked here. Returns
    (person, group index) pairs; the caller extends the groups.
    """
    if not leftovers or not groups:
        return []
    # Which groups could take a person depends only on their profession (cross mode) or
    # side (two-sided mode) while the groups stay as they are during this call.
    cache: dict[int, list[int]] = {}
    options: list[list[int]] = []
    for u in leftovers:
        key = pb.side[u] if pb.two_sided else pb.prof[u]
        if key not in cache:
            cache[key] = [
                gi
                for gi, g in enumerate(groups)
                if has_room(g, u)
                and (pb.two_sided or all(pb.prof[m] != pb.prof[u] for m in g))
            ]
        options.append(cache[key])
    if sum(len(o) for o in options) <= EXACT_WORK:
        return _exact(pb, groups, leftovers, options)
    return _greedy(pb, groups, leftovers, options)


def _added(pb: Problem, u: int, group: list[int]) -> int:
    return sum(pb.score(u, m) for m in group)


def _exact(
    pb: Problem, groups: list[list[int]], leftovers: Sequence[int], candidates: list[list[int]]
) -> list[tuple[int, int]]:
    # Keeping each person's best len(leftovers) groups loses nothing: the others can
    # take at most len(leftovers) - 1 of them.
    keep = len(leftovers)
    options: list[list[tuple[int, int]]] = []
    for u, cand in zip(leftovers, candidates, strict=True):
        scored = [(-_added(pb, u, groups[gi]), gi) for gi in cand if pb.fits(u, groups[gi])]
        scored.sort()
        options.append([(gi, -neg) for neg, gi in scored[:keep]])
    used = sorted({gi for opts in options for gi, _ in opts})
    if not used:
        return []
    gpos = {gi: x for x, gi in enumerate(used)}
    s, t = 0, 1
    lb = 2
    gb = lb + len(leftovers)
    flow = MinCostFlow(gb + len(used))
    arcs: list[tuple[int, int, int]] = []
    for x, u in enumerate(leftovers):
        flow.add_arc(s, lb + x, 1, 0)
        for gi, gain in options[x]:
            arcs.append((u, gi, flow.add_arc(lb + x, gb + gpos[gi], 1, -gain)))
    for y in range(len(used)):
        flow.add_arc(gb + y, t, 1, 0)
    flow.solve(s, t, [s, *range(lb, gb), *range(gb, gb + len(used)), t])
    return [(u, gi) for u, gi, e in arcs if flow.flow(e)]


def _greedy(
    pb: Problem, groups: list[list[int]], leftovers: Sequence[int], candidates: list[list[int]]
) -> list[tuple[int, int]]:
    taken: set[int] = set()
    out: list[tuple[int, int]] = []
    shuffled: dict[int, list[int]] = {}  # one shared, shuffled copy per candidate list
    for u, cand in zip(leftovers, candidates, strict=True):
        pool = shuffled.get(id(cand))
        if pool is None:
            pool = shuffled[id(cand)] = list(cand)
            pb.rng.shuffle(pool)
        best, best_gain, looked = -1, 0, 0
        x = 0
        while x < len(pool) and looked < GREEDY_LOOK:
            gi = pool[x]
            if gi in taken:
                # Drop groups that are full for this call: swap with the last entry.
                pool[x] = pool[-1]
                pool.pop()
                continue
            x += 1
            g = groups[gi]
            if not pb.fits(u, g):
                continue
            gain = _added(pb, u, g)
            if best < 0 or gain > best_gain:
                best, best_gain = gi, gain
            looked += 1
        if best >= 0:
            taken.add(best)
            out.append((u, best))
    return out
