"""Groups of three or four in cross mode: sizes, professions per group, then people.

1. Sizes: with G groups at most sum_p min(n_p, G) people fit (one per profession per
   group) and at most G * size; the fewest groups that place the most people are used,
   as evenly sized as possible (so a round of 4s may have some 3s, never someone alone).
2. Professions per group: each profession, largest first, goes to the groups with the
   most free places (Ryser's greedy, which finds a 0-1 table with these row and column
   sums whenever one exists), so no group holds two people of one profession.
3. People: dealt in the seeded order with people left out last round first, then
   improved by swaps between groups that raise the score or remove a recent meeting.
   This part is a local search, not an exact optimum.

Small rounds (up to packing.EXACT_GROUP_COLUMNS allowed groups) skip all that:
`packing.exact_groups` enumerates every allowed group and solves the integer programme.
"""

from __future__ import annotations

from collections import defaultdict

from bot.core.matching.joins import join_leftovers
from bot.core.matching.problem import Problem

SWAP_BUDGET = 300_000  # candidate swaps looked at, in total (or 25 per person if more)
SAMPLES_PER_WISH = 6
PASSES = 3


def build_groups(pb: Problem, order: list[int]) -> list[list[int]]:
    """Groups of config.group_size people from different professions."""
    k = pb.config.group_size
    by_prof: dict[int, list[int]] = defaultdict(list)
    # People left out last round are placed first, so they are the last to miss out.
    for i in sorted(order, key=lambda i: not pb.unp[i]):
        by_prof[pb.prof[i]].append(i)
    sizes = _sizes([len(v) for v in by_prof.values()], k)
    groups: list[list[int]] = [[] for _ in sizes]
    if groups:
        _deal(pb, by_prof, sizes, groups)
    placed = {m for g in groups for m in g}
    left = [i for i in order if i not in placed]
    _repair(pb, groups, left)
    _improve(pb, groups)
    _place_leftovers(pb, groups, left, k)
    return [g for g in groups if len(g) >= 2]


def _sizes(counts: list[int], k: int) -> list[int]:
    """Group sizes: most people placed, then as many groups of size k as possible.

    The rest forms one smaller group, or joins a group as a (k+1)th member if it is a
    single person; when professions make that impossible (too few groups for the
    largest profession), the fewest groups that place everyone are sized evenly.
    """
    n = sum(counts)
    if n < 2:
        return []
    srt = sorted(counts)
    best_m, best_g = 0, 0
    total = 0  # sum over professions of min(count, g)
    pos = 0
    for g in range(1, n // 2 + 1):
        while pos < len(srt) and srt[pos] < g:
            pos += 1
        total += len(srt) - pos
        m = min(total, k * g)
        if m < 2 * g:
            break
        if m > best_m:
            best_m, best_g = m, g
    if best_g == 0:
        return []
    full, rest = divmod(best_m, k)
    if full:
        sizes = [k] * full
        if rest == 1:
            sizes[0] += 1
        elif rest:
            sizes.append(rest)
        if _feasible(_rows(counts, len(sizes), best_m), sizes):
            return sizes
    base, extra = divmod(best_m, best_g)
    return [base + 1] * extra + [base] * (best_g - extra)


def _rows(counts: list[int], groups: int, placed: int) -> list[int]:
    """People placed per profession: at most one per group, the largest trimmed first."""
    rows = sorted((min(c, groups) for c in counts), reverse=True)
    extra = sum(rows) - placed
    while extra > 0:
        top = rows[0]
        for x in range(len(rows)):
            if rows[x] == top and extra > 0:
                rows[x] -= 1
                extra -= 1
        rows.sort(reverse=True)
    return rows


def _feasible(rows: list[int], sizes: list[int]) -> bool:
    """Gale-Ryser: a 0-1 table with these row and column sums exists."""
    if sum(rows) != sum(sizes):
        return False
    cols = sorted(sizes, reverse=True)
    room = 0
    need = 0
    for j, c in enumerate(cols, start=1):
        need += c
        room = sum(min(r, j) for r in rows)
        if need > room:
            return False
    return True


def _deal(
    pb: Problem, by_prof: dict[int, list[int]], sizes: list[int], groups: list[list[int]]
) -> None:
    ng = len(groups)
    rows = {p: min(len(v), ng) for p, v in by_prof.items()}
    extra = sum(rows.values()) - sum(sizes)
    while extra > 0:
        top = max(rows.values())
        for p in sorted(rows):
            if rows[p] == top and extra > 0:
                rows[p] -= 1
                extra -= 1
    top = max(sizes)
    buckets: list[list[int]] = [[] for _ in range(top + 1)]
    ids = list(range(ng))
    pb.rng.shuffle(ids)
    for gi in ids:
        buckets[sizes[gi]].append(gi)
    for p in sorted(rows, key=lambda q: (-rows[q], q)):
        need = rows[p]
        chosen: list[tuple[int, int]] = []
        level = top
        while len(chosen) < need and level > 0:
            if buckets[level]:
                chosen.append((buckets[level].pop(), level))
            else:
                level -= 1
        for (gi, room), person in zip(chosen, by_prof[p], strict=False):
            groups[gi].append(person)
            buckets[room - 1].append(gi)


def _clash(pb: Problem, group: list[int]) -> tuple[int, int] | None:
    for x, a in enumerate(group):
        for b in group[x + 1 :]:
            if b in pb.forbidden[a]:
                return a, b
    return None


def _repair(pb: Problem, groups: list[list[int]], left: list[int]) -> None:
    """Remove recent meetings by swapping people of one profession between groups."""
    holders: dict[int, list[int]] = defaultdict(list)  # profession -> groups holding it
    for gi, g in enumerate(groups):
        for m in g:
            holders[pb.prof[m]].append(gi)
    for gi, g in enumerate(groups):
        for _ in range(len(g)):
            clash = _clash(pb, g)
            if clash is None:
                break
            if not any(_swap_out(pb, groups, holders, gi, x) for x in clash):
                g.remove(clash[0])
                left.append(clash[0])


def _swap_out(
    pb: Problem, groups: list[list[int]], holders: dict[int, list[int]], gi: int, a: int
) -> bool:
    g = groups[gi]
    rest = [m for m in g if m != a]
    cands = holders[pb.prof[a]]
    tries = cands if len(cands) <= 60 else pb.rng.sample(cands, 60)
    best: tuple[int, int] | None = None
    best_gain = 0
    for hi in tries:
        if hi == gi:
            continue
        h = groups[hi]
        for b in h:
            if pb.prof[b] != pb.prof[a]:
                continue
            others = [m for m in h if m != b]
            if pb.fits(b, rest) and pb.fits(a, others) and _clash(pb, others) is None:
                gain = (
                    pb.group_score([*rest, b])
                    + pb.group_score([*others, a])
                    - pb.group_score(g)
                    - pb.group_score(h)
                )
                if best is None or gain > best_gain:
                    best, best_gain = (hi, b), gain
    if best is None:
        return False
    hi, b = best
    g[g.index(a)] = b
    h = groups[hi]
    h[h.index(b)] = a
    return True


def _improve(pb: Problem, groups: list[list[int]]) -> None:
    """Swaps that make more wishes come true: same profession, or two professions."""
    where: dict[int, int] = {}
    holding: dict[int, list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        for m in g:
            where[m] = gi
            holding[pb.prof[m]].append(gi)
    people = [m for g in groups for m in g]
    budget = max(SWAP_BUDGET, 25 * len(people))
    for _ in range(PASSES):
        pb.rng.shuffle(people)
        budget = _improve_pass(pb, groups, people, where, holding, budget)


def _improve_pass(
    pb: Problem,
    groups: list[list[int]],
    people: list[int],
    where: dict[int, int],
    holding: dict[int, list[int]],
    budget: int,
) -> int:
    for a in people:
        if budget <= 0:
            break
        gi = where[a]
        g = groups[gi]
        present = {pb.prof[m] for m in g}
        unmet = [q for q in sorted(pb.wants[a]) if q not in present]
        if not unmet:
            continue
        old_g = pb.group_score(g)
        best: tuple[int, int] | None = None
        best_gain = 0
        for q in unmet:
            cands = holding[q]
            for _ in range(min(SAMPLES_PER_WISH, len(cands))):
                hi = pb.rng.choice(cands)
                h = groups[hi]
                if hi == gi or not any(pb.prof[m] == q for m in h):
                    continue
                old_h = pb.group_score(h)
                for c in h:
                    if pb.prof[c] == q:
                        continue
                    budget -= 1
                    new_g = [c if m == a else m for m in g]
                    new_h = [a if m == c else m for m in h]
                    if not (_valid(pb, new_g) and _valid(pb, new_h)):
                        continue
                    gain = pb.group_score(new_g) + pb.group_score(new_h) - old_g - old_h
                    if gain > best_gain:
                        best, best_gain = (hi, c), gain
        if best is not None:
            hi, c = best
            h = groups[hi]
            g[g.index(a)] = c
            h[h.index(c)] = a
            where[a], where[c] = hi, gi
            holding[pb.prof[a]].append(hi)
            holding[pb.prof[c]].append(gi)
    return budget


def _valid(pb: Problem, group: list[int]) -> bool:
    profs = {pb.prof[m] for m in group}
    return len(profs) == len(group) and _clash(pb, group) is None


def _place_leftovers(pb: Problem, groups: list[list[int]], left: list[int], k: int) -> None:
    """People not placed join a group with room (up to size + 1) or pair up."""
    while left:

        def room(g: list[int], u: int) -> bool:
            return len(g) <= k

        added = join_leftovers(pb, groups, left, room)
        for u, gi in added:
            groups[gi].append(u)
        placed = {u for u, _ in added}
        left[:] = [u for u in left if u not in placed]
        if added:
            continue
        # Nobody could join: two leftovers who may meet start a group of their own.
        pair = next(
            ((a, b) for x, a in enumerate(left) for b in left[x + 1 :] if pb.allowed(a, b)),
            None,
        )
        if pair is None:
            break
        groups.append(list(pair))
        left[:] = [u for u in left if u not in pair]
