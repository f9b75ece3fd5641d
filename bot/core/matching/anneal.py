"""Simulated annealing over a round's groups, keeping who is placed and the sizes' rule.

Moves: two people trade groups (same profession slot in cross mode is not required: the
hard rule is checked on the groups they join), or, in two-sided mode, an A moves to a
cohort with room as long as the cohort it leaves keeps an A. Someone left out may take
the place of someone of the same side (two-sided) or any placed person whose group they
fit (cross mode). A worse move is taken with probability exp(delta / temperature), the
temperature falling linearly to near zero; the best round seen is returned. Seeded by
pb.rng, so the same input gives the same groups.
"""

from __future__ import annotations

import math

from bot.core.matching.problem import Problem

START_TEMPERATURE = 8.0
END_TEMPERATURE = 0.05


def anneal(pb: Problem, groups: list[list[int]], left: list[int], steps: int) -> list[list[int]]:
    """Groups at least as good as these (same people placed, same sizes in cross mode)."""
    if len(groups) < 2 or steps <= 0:
        return groups
    groups = [list(g) for g in groups]
    left = list(left)
    cap = pb.config.capacity
    rng = pb.rng
    score = pb.score
    forbidden = pb.forbidden
    prof = pb.prof
    two = pb.two_sided
    side = pb.side

    def gain(u: int, members: list[int], skip: int) -> int | None:
        total = 0
        fu = forbidden[u]
        pu = prof[u]
        for m in members:
            if m == skip:
                continue
            if m in fu or (not two and prof[m] == pu):
                return None
            total += score(u, m)
        return total

    current = sum(pb.group_score(g) for g in groups)
    best = current
    best_groups = [list(g) for g in groups]
    ng = len(groups)
    for step in range(steps):
        temp = START_TEMPERATURE + (END_TEMPERATURE - START_TEMPERATURE) * step / steps
        gi = rng.randrange(ng)
        g = groups[gi]
        xi = rng.randrange(len(g))
        a = g[xi]
        if left and rng.random() < 0.1:
            w = left[rng.randrange(len(left))]
            if two and side[w] != side[a]:
                continue
            new = gain(w, g, a)
            if new is None:
                continue
            delta = new - (gain(a, g, a) or 0)
            if delta >= 0 or rng.random() < math.exp(delta / temp):
                g[xi] = w
                left[left.index(w)] = a
                current += delta
        else:
            hi = rng.randrange(ng)
            if hi == gi:
                continue
            h = groups[hi]
            old_a = gain(a, g, a) or 0
            if two and side[a] == 0 and len(g) > 2 and len(h) - 1 < cap and rng.random() < 0.3:
                new = gain(a, h, -1)
                if new is None:
                    continue
                delta = new - old_a
                if delta >= 0 or rng.random() < math.exp(delta / temp):
                    g.pop(xi)
                    h.append(a)
                    current += delta
            else:
                yi = rng.randrange(len(h))
                b = h[yi]
                if two and side[a] != side[b]:
                    continue
                new_a = gain(a, h, b)
                if new_a is None:
                    continue
                new_b = gain(b, g, a)
                if new_b is None:
                    continue
                delta = new_a + new_b - old_a - (gain(b, h, b) or 0)
                if delta >= 0 or rng.random() < math.exp(delta / temp):
                    g[xi], h[yi] = b, a
                    current += delta
        if current > best:
            best = current
            best_groups = [list(x) for x in groups]
    return best_groups
