"""Two-sided cohorts with capacity: one B and 1 to capacity A's, improved by local search.

The pairs (one B, one A each, most pairs first) fix who is placed; the A's left over join
cohorts with room. Then moves that keep everyone placed and raise the score: an A moves
to another cohort with room (which fills cohorts up, as every pair scores), two A's
trade cohorts, an A trades places with one left out, two B's trade cohorts, a B trades
places with one left out. Each round of moves visits everyone; it stops when a round
finds nothing, or at the move budget.
"""

from __future__ import annotations

from bot.core.matching.joins import join_leftovers
from bot.core.matching.problem import Problem

LOOK = 40  # cohorts looked at per person and kind of move (all of them when fewer)
MOVE_BUDGET = 2_000_000  # score look-ups, in total


def build_cohorts(pb: Problem, pairs: list[list[int]], order: list[int]) -> list[list[int]]:
    """Cohorts (B first) grown from the pairs, everyone placed by them staying placed."""
    cap = pb.config.capacity
    cohorts = [sorted(p, key=lambda m: -pb.side[m]) for p in pairs]
    placed = {m for c in cohorts for m in c}
    left = [u for u in order if u not in placed]
    while True:
        spare = [u for u in left if pb.side[u] == 0]

        def room(g: list[int], u: int) -> bool:
            return len(g) - 1 < cap

        added = join_leftovers(pb, cohorts, spare, room)
        if not added:
            break
        for u, ci in added:
            cohorts[ci].append(u)
        joined = {u for u, _ in added}
        left = [u for u in left if u not in joined]
    _improve(pb, cohorts, left)
    return cohorts


def _gain(pb: Problem, u: int, members: list[int], skip: int = -1) -> int | None:
    """Points u adds to these members (skip one of them); None if history forbids it."""
    forbidden = pb.forbidden[u]
    total = 0
    for m in members:
        if m in (skip, u):
            continue
        if m in forbidden:
            return None
        total += pb.score(u, m)
    return total


def _improve(pb: Problem, cohorts: list[list[int]], left: list[int]) -> None:
    cap = pb.config.capacity
    budget = max(MOVE_BUDGET, 0)
    improved = True
    while improved and budget > 0:
        improved = False
        where = {m: ci for ci, c in enumerate(cohorts) for m in c}
        people = [m for c in cohorts for m in c]
        pb.rng.shuffle(people)
        for u in people:
            if u not in where:
                continue  # traded for someone left out earlier in this round of moves
            ci = where[u]
            cur = cohorts[ci]
            stay = _gain(pb, u, cur)
            assert stay is not None
            others = list(range(len(cohorts)))
            if len(others) > LOOK:
                others = pb.rng.sample(others, LOOK)
            best: tuple[int, tuple[str, int, int]] | None = None
            if pb.side[u] == 0:
                # Move to another cohort with room, if u is not its cohort's only A.
                if len(cur) > 2:
                    for cj in others:
                        dst = cohorts[cj]
                        if cj == ci or len(dst) - 1 >= cap:
                            continue
                        budget -= len(dst)
                        g = _gain(pb, u, dst)
                        if g is not None and g - stay > 0 and (best is None or g - stay > best[0]):
                            best = (g - stay, ("move", cj, -1))
                # Trade with an A of another cohort.
                for cj in others:
                    if cj == ci:
                        continue
                    dst = cohorts[cj]
                    for v in dst[1:]:
                        budget -= len(dst) + len(cur)
                        g_u = _gain(pb, u, dst, skip=v)
                        if g_u is None:
                            continue
                        g_v = _gain(pb, v, cur, skip=u)
                        if g_v is None:
                            continue
                        delta = g_u + g_v - stay - _gain_known(pb, v, dst)
                        if delta > 0 and (best is None or delta > best[0]):
                            best = (delta, ("trade", cj, v))
            else:
                # Two B's trade cohorts.
                for cj in others:
                    if cj == ci:
                        continue
                    dst = cohorts[cj]
                    v = dst[0]
                    budget -= len(dst) + len(cur)
                    g_u = _gain(pb, u, dst, skip=v)
                    g_v = _gain(pb, v, cur, skip=u)
                    if g_u is None or g_v is None:
                        continue
                    delta = g_u + g_v - stay - _gain_known(pb, v, dst)
                    if delta > 0 and (best is None or delta > best[0]):
                        best = (delta, ("trade", cj, v))
            # Trade places with someone left out on the same side.
            for w in left:
                if pb.side[w] != pb.side[u]:
                    continue
                budget -= len(cur)
                g = _gain(pb, w, cur, skip=u)
                if g is not None and g - stay > 0 and (best is None or g - stay > best[0]):
                    best = (g - stay, ("out", -1, w))
            if best is None:
                continue
            kind, cj, v = best[1]
            if kind == "move":
                cur.remove(u)
                cohorts[cj].append(u)
                where[u] = cj
            elif kind == "trade":
                dst = cohorts[cj]
                cur[cur.index(u)] = v
                dst[dst.index(v)] = u
                where[u], where[v] = cj, ci
            else:
                cur[cur.index(u)] = v
                left[left.index(v)] = u
                del where[u]
                where[v] = ci
            improved = True
            if budget <= 0:
                break


def _gain_known(pb: Problem, u: int, members: list[int]) -> int:
    return sum(pb.score(u, m) for m in members if m != u)
