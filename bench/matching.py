"""Benchmark of the matching engine against exact, greedy and random baselines.

    .venv/bin/python bench/matching.py [--sizes 500,1000,10000,100000] [--quick]
    .venv/bin/python bench/matching.py --steady 1000,3000,10000 [--rounds 12]
    .venv/bin/python bench/matching.py --small-ip [--ip-seeds 4] [--random-rounds 2000]
                                                                   (small rounds first)
    .venv/bin/python bench/matching.py --steady 1000,10000 --meetings [--rounds 6]

--steady --meetings runs the steady state of people with rota-shaped availability, line
managers, do-not-pair entries and sites, availability on beside the same people with it
off (see `steady_meetings`). --steady runs the steady state instead: each size matched
for 12 consecutive rounds with its own groups fed back as history, per round against
rustworkx's exact optimum (while it finishes in 120 s), the proven bound and a greedy
baseline; then groups of 3 and two-sided capacity 4 against the integer programme of the
tests on small instances.

Each size is a made-up NHS-style organisation: 20 professions with a skewed
distribution, 1-3 professions to learn about each, 12 past rounds of pair history,
~5 % left out last round. Every method runs in a forked worker process; "wall s" is
elapsed time (what the targets are about), "cpu s" the worker's CPU time (which other
load on the machine cannot inflate), and "peak MB" is that worker's peak resident
set size (resource.ru_maxrss), which includes the input it inherited, so it is an
upper bound of what the method needs. Scores are the pair
part (a trio's third member is not counted), as a share of the exact optimum where
networkx could compute it, else of the LP upper bound the bench computes: the type
level min-cost flow on the doubled bipartite graph, history ignored, at the number
of pairs pairbot found (checked against networkx's network simplex at small sizes).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.matching import Candidate, MatchConfig, PastGroup, match
from bot.core.matching.flow import MinCostFlow
from bot.core.matching.model import Weights
from bot.core.matching.problem import Problem, prepare

NX_LIMIT = 600  # networkx exact: ~23 s at 500 people, minutes at 1,000
NX_TIMEOUT = 60.0
GREEDY_ALL_PAIRS = 1_000  # above this, greedy sorts a sampled candidate list

PROFESSIONS = [
    ("Nurse", 24.0),
    ("Healthcare assistant", 12.0),
    ("Administrator", 9.0),
    ("Junior doctor", 8.0),
    ("Consultant", 5.0),
    ("Midwife", 5.0),
    ("Physiotherapist", 4.0),
    ("Pharmacist", 4.0),
    ("Paramedic", 4.0),
    ("Occupational therapist", 3.0),
    ("Radiographer", 3.0),
    ("Biomedical scientist", 3.0),
    ("Porter", 3.0),
    ("GP", 3.0),
    ("Social worker", 2.5),
    ("Psychologist", 2.0),
    ("Dietitian", 1.5),
    ("Speech and language therapist", 1.5),
    ("Hospital manager", 1.5),
    ("Commissioner", 1.0),
]
POPULAR = {
    "Hospital manager": 6.0,
    "Consultant": 5.0,
    "Commissioner": 4.0,
    "GP": 4.0,
    "Pharmacist": 3.0,
    "Paramedic": 3.0,
    "Psychologist": 3.0,
    "Social worker": 3.0,
    "Junior doctor": 2.0,
    "Nurse": 2.0,
    "Midwife": 2.0,
}


def organisation(
    n: int, seed: int = 1, rounds: int = 12
) -> tuple[list[Candidate], list[PastGroup]]:
    """A made-up organisation of n people with `rounds` rounds of pair history."""
    rng = random.Random(seed)
    names = [p for p, _ in PROFESSIONS]
    weights = [w for _, w in PROFESSIONS]
    people: list[Candidate] = []
    for i in range(n):
        prof = rng.choices(names, weights)[0]
        others = [p for p in names if p != prof]
        ow = [POPULAR.get(p, 1.0) for p in others]
        k = rng.choice((1, 1, 2, 2, 3))
        learn: set[str] = set()
        while len(learn) < k:
            learn.add(rng.choices(others, ow)[0])
        people.append(
            Candidate(
                id=f"p{i:06d}",
                name=f"Person {i}",
                profession=prof,
                learn=frozenset(learn),
                unpaired_last_round=rng.random() < 0.05,
            )
        )
    history: list[PastGroup] = []
    for r in range(1, rounds + 1):
        present = [c for c in people if rng.random() < 0.9]
        rng.shuffle(present)
        gid = 0
        while len(present) >= 2:
            a = present.pop()
            b = present.pop()
            history.append(PastGroup(round=r, members=frozenset({a.id, b.id})))
            gid += 1
    return people, history


# -- methods (each returns pairs of person indexes) -------------------------------------


def run_pairbot(pb: Problem, people: Sequence[Candidate], history: Sequence[PastGroup]
                ) -> tuple[list[tuple[int, int]], dict[str, Any]]:
    result = match(people, history, MatchConfig(seed=1))
    index = {c.id: i for i, c in enumerate(people)}
    pairs = [(index[g.members[0]], index[g.members[1]]) for g in result.groups]
    # The pair part: a trio's third member is reported but not scored here.
    return pairs, dict(result.stats)


def run_networkx(pb: Problem, people: Sequence[Candidate], history: Sequence[PastGroup]
                 ) -> tuple[list[tuple[int, int]], dict[str, Any]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(pb.n))
    for a in range(pb.n):
        for b in range(a + 1, pb.n):
            if pb.allowed(a, b):
                graph.add_edge(a, b, weight=pb.score(a, b))
    return [tuple(e) for e in nx.max_weight_matching(graph, maxcardinality=True)], {}


def run_rustworkx(pb: Problem, people: Sequence[Candidate], history: Sequence[PastGroup]
                  ) -> tuple[list[tuple[int, int]], dict[str, Any]]:
    """rustworkx's exact maximum-cardinality maximum-weight matching on every pair."""
    from bot.core.matching.pairs import exact_pairs

    return exact_pairs(pb, list(range(pb.n))), {}


def run_greedy(pb: Problem, people: Sequence[Candidate], history: Sequence[PastGroup]
               ) -> tuple[list[tuple[int, int]], dict[str, Any]]:
    """Sort candidate pairs by score and take them greedily, then fill up greedily."""
    rng = random.Random(1)
    n = pb.n
    cands: list[tuple[int, float, int, int]] = []
    if n <= GREEDY_ALL_PAIRS:
        for a in range(n):
            for b in range(a + 1, n):
                if pb.allowed(a, b):
                    cands.append((-pb.score(a, b), rng.random(), a, b))
    else:
        # All pairs cannot be listed at this size: each person proposes 5 people of
        # every profession they want to learn about and 5 random others.
        by_prof: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            by_prof[pb.prof[i]].append(i)
        for a in range(n):
            pool = [b for q in pb.wants[a]
                    for b in rng.sample(by_prof[q], min(5, len(by_prof[q])))]
            pool += rng.sample(range(n), 5)
            for b in pool:
                if b != a and pb.allowed(a, b):
                    cands.append((-pb.score(a, b), rng.random(), a, b))
    cands.sort()
    mate = [-1] * n
    pairs = []
    for _, _, a, b in cands:
        if mate[a] < 0 and mate[b] < 0:
            mate[a], mate[b] = b, a
            pairs.append((a, b))
    free = [i for i in range(n) if mate[i] < 0]
    rng.shuffle(free)
    for a in free:
        if mate[a] >= 0:
            continue
        for b in free:
            if b != a and mate[b] < 0 and pb.allowed(a, b):
                mate[a], mate[b] = b, a
                pairs.append((a, b))
                break
    return pairs, {}


def run_random(pb: Problem, people: Sequence[Candidate], history: Sequence[PastGroup]
               ) -> tuple[list[tuple[int, int]], dict[str, Any]]:
    """Shuffle and pair neighbours, no rules at all: what a naive bot does."""
    order = list(range(pb.n))
    random.Random(1).shuffle(order)
    return [(order[i], order[i + 1]) for i in range(0, pb.n - 1, 2)], {}


METHODS: dict[str, Callable[..., tuple[list[tuple[int, int]], dict[str, Any]]]] = {
    "pairbot": run_pairbot,
    "networkx exact": run_networkx,
    "greedy": run_greedy,
    "random shuffle": run_random,
}
EXTRA_METHODS = {"rustworkx exact": run_rustworkx}


# -- the LP upper bound -----------------------------------------------------------------


def lp_upper_bound(pb: Problem, pairs: int) -> tuple[float, int]:
    """Type-level LP (doubled bipartite min-cost flow, history ignored) with 2*pairs units.

    Returns (bound on the score of any matching with that many pairs, max pairs x2 of
    the relaxation). Built here from scratch, not by the engine's own solver.
    """
    w = pb.weights
    types = Counter((pb.prof[i], pb.wants[i], pb.unp[i]) for i in range(pb.n))
    keys = list(types)
    profs = sorted(set(pb.prof))
    node: dict[Any, int] = {"s": 0, "t": 1}

    def nid(key: Any) -> int:
        return node.setdefault(key, len(node))

    arcs: list[tuple[int, int, int, int]] = []
    for i, (p, wants, u) in enumerate(keys):
        cnt = types[(p, wants, u)]
        half = w.base + (2 * w.unpaired if u else 0)
        arcs.append((0, nid(("L", i)), cnt, 0))
        arcs.append((nid(("R", i)), 1, cnt, 0))
        arcs.append((nid(("L", i)), nid(("LA", p)), cnt, -half))
        arcs.append((nid(("RA", p)), nid(("R", i)), cnt, -half))
        for q in wants:
            arcs.append((nid(("L", i)), nid(("X", p, q)), cnt, -half - 2 * w.learn))
            arcs.append((nid(("X", q, p)), nid(("R", i)), cnt, -half - 2 * w.learn))
    for p in profs:
        for q in profs:
            if p != q:
                arcs.append((nid(("LA", p)), nid(("X", p, q)), pb.n, 0))
                arcs.append((nid(("X", p, q)), nid(("RA", q)), pb.n, 0))
    flow = MinCostFlow(len(node))
    for a, b, cap, cost in arcs:
        flow.add_arc(a, b, cap, cost)
    rank = {"s": 0, "L": 1, "LA": 2, "X": 3, "RA": 4, "R": 5, "t": 6}
    order = sorted(node, key=lambda k: rank[k if isinstance(k, str) else k[0]])
    phases = flow.solve(0, 1, [node[k] for k in order])
    left = 2 * pairs
    total = 0
    for units, cost in phases:
        take = min(units, left)
        total -= take * cost
        left -= take
    return total / 4, sum(u for u, _ in phases)


def networkx_lp(pb: Problem) -> float:
    """The same LP at maximum flow with networkx's network simplex (slow; a cross-check)."""
    import networkx as nx

    w = pb.weights
    types = Counter((pb.prof[i], pb.wants[i], pb.unp[i]) for i in range(pb.n))
    graph = nx.DiGraph()
    for i, ((p, wants, u), cnt) in enumerate(types.items()):
        half = w.base + (2 * w.unpaired if u else 0)
        graph.add_edge("s", ("L", i), capacity=cnt, weight=0)
        graph.add_edge(("R", i), "t", capacity=cnt, weight=0)
        graph.add_edge(("L", i), ("LA", p), capacity=cnt, weight=-half)
        graph.add_edge(("RA", p), ("R", i), capacity=cnt, weight=-half)
        for q in wants:
            graph.add_edge(("L", i), ("X", p, q), capacity=cnt, weight=-half - 2 * w.learn)
            graph.add_edge(("X", q, p), ("R", i), capacity=cnt, weight=-half - 2 * w.learn)
    for p in set(pb.prof):
        for q in set(pb.prof):
            if p != q:
                graph.add_edge(("LA", p), ("X", p, q), capacity=pb.n, weight=0)
                graph.add_edge(("X", p, q), ("RA", q), capacity=pb.n, weight=0)
    flow = nx.max_flow_min_cost(graph, "s", "t")
    return -nx.cost_of_flow(graph, flow) / 4


# -- running ----------------------------------------------------------------------------


def _worker(name: str, pb: Problem, people: Sequence[Candidate],
            history: Sequence[PastGroup], conn: Any) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    pairs, stats = {**METHODS, **EXTRA_METHODS}[name](pb, people, history)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    used = [m for p in pairs for m in p]
    assert len(used) == len(set(used)), f"{name}: someone in two pairs"
    bad = sum(1 for a, b in pairs if not pb.allowed(a, b))
    score = sum(pb.score(a, b) for a, b in pairs)
    grouped = stats.get("grouped", len(used))
    conn.send({"time": elapsed, "cpu": cpu, "peak_mb": peak_mb, "pairs": len(pairs),
               "grouped": grouped, "bad": bad, "score": score, "stats": stats})
    conn.close()


def measure(name: str, pb: Problem, people: Sequence[Candidate],
            history: Sequence[PastGroup], timeout: float | None = None) -> dict[str, Any] | None:
    """Run one method in a forked worker; None if it ran out of time."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(name, pb, people, history, child))
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        return None
    out: dict[str, Any] = parent.recv()
    proc.join()
    return out


def bench(sizes: Sequence[int], check_lp_upto: int) -> bool:
    rows: list[str] = []
    all_met = True
    header = (f"{'N':>7} {'method':<15} {'wall s':>8} {'cpu s':>7} {'peak MB':>8} {'paired %':>9} "
              f"{'rule breaks %':>13} {'score %':>9}  reference")
    print(header)
    print("-" * len(header))
    for n in sizes:
        people, history = organisation(n, seed=n)
        pb = prepare(people, history, MatchConfig(seed=1))
        results: dict[str, dict[str, Any] | None] = {}
        for name in METHODS:
            if name == "networkx exact" and n > NX_LIMIT:
                results[name] = None
                continue
            timeout = NX_TIMEOUT if name == "networkx exact" else None
            results[name] = measure(name, pb, people, history, timeout)
        ours = results["pairbot"]
        assert ours is not None
        exact = results["networkx exact"]
        if exact is not None:
            reference, ref_name = float(exact["score"]), "exact optimum (networkx)"
        else:
            bound, _ = lp_upper_bound(pb, ours["pairs"])
            reference, ref_name = bound, "LP upper bound"
            if n <= check_lp_upto:
                full = networkx_lp(pb)
                if ours["pairs"] * 2 >= n - 1:
                    assert abs(lp_upper_bound(pb, n // 2)[0] - full) < 1e-6 or n % 2, (
                        "LP bound disagrees with networkx"
                    )
                ref_name += " (checked by networkx)"
        for name, r in results.items():
            if r is None:
                why = "skipped (too large)" if n > NX_LIMIT else f"> {NX_TIMEOUT:.0f} s"
                rows.append(f"{n:>7} {name:<15} {why}")
                print(rows[-1])
                continue
            share = 100 * r["score"] / reference if reference else 100.0
            rows.append(
                f"{n:>7} {name:<15} {r['time']:>8.2f} {r['cpu']:>7.2f} {r['peak_mb']:>8.0f} "
                f"{100 * r['grouped'] / n:>9.2f} {100 * r['bad'] / max(1, r['pairs']):>13.2f} "
                f"{share:>9.3f}  {ref_name}"
            )
            print(rows[-1], flush=True)
        all_met &= report_targets(n, pb, ours, reference)
    return all_met


def report_targets(n: int, pb: Problem, ours: dict[str, Any], reference: float) -> bool:
    # A full matching can only exist if the relaxation (history ignored) has one.
    _, max_units = lp_upper_bound(pb, 0)
    checks = [("100 % paired when a full matching exists",
               ours["stats"]["unpaired"] <= n % 2 or max_units < 2 * (n // 2))]
    checks.append(("no hard-rule breaks", ours["bad"] == 0))
    if n >= 10_000:
        checks.append(("score >= 99.9 % of reference", ours["score"] >= 0.999 * reference))
    if n == 10_000:
        checks.append(("time <= 2 s", ours["time"] <= 2.0))
    if n == 100_000:
        checks.append(("time <= 20 s", ours["time"] <= 20.0))
        checks.append(("peak <= 2 GB", ours["peak_mb"] <= 2048))
    line = ", ".join(f"{text}: {'yes' if ok else 'NO'}" for text, ok in checks)
    print(f"{'':>7} targets at N={n}: {line}")
    return all(ok for _, ok in checks)


# -- steady state: the matcher fed its own history ----------------------------------


RX_TIMEOUT = 120.0
RX_LIMIT = 5_000  # rustworkx exact needs ~60-120 s at 3,000 people and minutes above
RX_MEETINGS_TIMEOUT = 300.0


def _steady_worker(people: Sequence[Candidate], history: Sequence[PastGroup],
                   config: MatchConfig, conn: Any) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    result = match(people, history, config)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send({"time": elapsed, "cpu": cpu, "peak_mb": peak_mb, "stats": dict(result.stats),
               "groups": [g.members for g in result.groups]})
    conn.close()


def match_in_worker(people: Sequence[Candidate], history: Sequence[PastGroup],
                    config: MatchConfig) -> dict[str, Any]:
    """pairbot's match in a forked worker: its time, CPU time, peak RSS, stats, groups."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_steady_worker, args=(people, history, config, child))
    proc.start()
    child.close()
    out: dict[str, Any] = parent.recv()
    proc.join()
    return out


def steady(sizes: Sequence[int], rounds: int) -> None:
    """Each size matched `rounds` times, each round's groups the next round's history.

    Per round: pairbot's wall and CPU time and peak RSS (a forked worker), its pair
    score, the proven bound and the gap to it, whether the round is proven optimal,
    hard-rule breaks, rustworkx's exact optimum on every pair (a worker, up to 5,000
    people, dropped for the size once it needs more than 120 s) and a greedy pairing as
    the baseline.
    """
    header = (f"{'N':>7} {'round':>5} {'wall s':>7} {'cpu s':>6} {'peak MB':>7} {'score':>8} "
              f"{'bound':>9} {'gap %':>6} {'proven':>6} {'breaks':>6} {'rx exact':>9} "
              f"{'rx s':>6} {'greedy':>8}")
    print()
    print("steady state: fed-back history, recency 6 (greedy = baseline, same round)")
    print(header)
    print("-" * len(header))
    for n in sizes:
        people, _ = organisation(n, seed=n, rounds=0)
        history: list[PastGroup] = []
        rx_alive = n <= RX_LIMIT
        if not rx_alive:
            print(f"{n:>7} rustworkx exact skipped above {RX_LIMIT:,} people")
        config = MatchConfig(seed=1)
        index = {c.id: i for i, c in enumerate(people)}
        for r in range(1, rounds + 1):
            pb = prepare(people, history, config)
            ours = match_in_worker(people, history, config)
            groups = ours["groups"]
            pairs = [(index[g[0]], index[g[1]]) for g in groups]
            breaks = sum(1 for g in groups for x, a in enumerate(g) for b in g[x + 1 :]
                         if not pb.allowed(index[a], index[b]))
            st = ours["stats"]
            rx = measure("rustworkx exact", pb, people, history, RX_TIMEOUT) if rx_alive else None
            rx_alive = rx is not None
            rx_text = (f"{rx['score']:>9} {rx['time']:>6.1f}" if rx
                       else f"{'-' if n > RX_LIMIT else '> 120 s':>9} {'':>6}")
            greedy = sum(pb.score(a, b) for a, b in run_greedy(pb, people, history)[0])
            gap = 100 * float(st["gap"]) / max(1.0, float(st["bound"]))
            print(f"{n:>7} {r:>5} {ours['time']:>7.2f} {ours['cpu']:>6.2f} "
                  f"{ours['peak_mb']:>7.0f} {st['pair_score']:>8} {st['bound']:>9.1f} "
                  f"{gap:>6.2f} {'yes' if st['optimal'] else 'no':>6} {breaks:>6} "
                  f"{rx_text} {greedy:>8}", flush=True)
            assert len(pairs) == len(groups)
            history += [PastGroup(round=r, members=frozenset(g)) for g in groups]


# -- steady state with meetings: windows, managers, do-not-pair lists, sites ---------

# Rota patterns (share of staff, windows they can usually meet in).
ROTAS: list[tuple[str, float, list[tuple[str, ...]]]] = [
    ("day worker", 0.45, [("weekday-morning", "weekday-afternoon"),
                          ("weekday-afternoon",), ("weekday-morning",)]),
    ("shift worker", 0.25, [("weekday-morning", "weekday-evening", "weekend-afternoon"),
                            ("weekday-evening", "weekend-morning", "weekend-afternoon"),
                            ("weekday-afternoon", "weekend-morning")]),
    ("night worker", 0.10, [("weekday-night", "weekend-night"),
                            ("weekday-evening", "weekday-night")]),
    ("part-timer", 0.15, [("weekday-morning",), ("weekday-afternoon",),
                          ("weekend-morning", "weekend-afternoon")]),
    ("gave none", 0.05, [()]),
]
SITES = [("Queen Elizabeth", 0.35), ("City General", 0.25), ("Royal Infirmary", 0.2),
         ("Community", 0.12), ("St Mary's", 0.08)]


def meeting_people(n: int, seed: int) -> list[Candidate]:
    """The organisation's people with windows from rota patterns, a site, a line manager
    in the population for 10 %, and a do-not-pair entry for 1 %."""
    rng = random.Random(seed * 7 + 3)
    base, _ = organisation(n, seed=seed, rounds=0)
    ids = [c.id for c in base]
    out = []
    for c in base:
        rota = rng.choices(ROTAS, [w for _, w, _ in ROTAS])[0]
        windows = frozenset(rng.choice(rota[2]))
        site = rng.choices([s for s, _ in SITES], [w for _, w in SITES])[0]
        manager = rng.choice(ids) if rng.random() < 0.10 else ""
        avoid = frozenset({rng.choice(ids)}) if rng.random() < 0.01 else frozenset()
        out.append(Candidate(id=c.id, name=c.name, profession=c.profession, learn=c.learn,
                             unpaired_last_round=c.unpaired_last_round, windows=windows,
                             site=site,
                             manager="" if manager == c.id else manager,
                             avoid=avoid - {c.id}))
    return out


def _learning_score(pb: Problem, groups: Sequence[Sequence[str]],
                    index: dict[str, int]) -> int:
    """The score of these groups without the window and site points."""
    total = 0
    for g in groups:
        xs = [index[m] for m in g]
        for x, a in enumerate(xs):
            for b in xs[x + 1 :]:
                total += pb.score(a, b) - pb.bonus[pb.pc[a]][pb.pc[b]]
    return total


def steady_meetings(sizes: Sequence[int], rounds: int) -> None:
    """Availability on against off, each its own steady state of `rounds` rounds.

    Per round: CPU s and proven of the round with availability (and site) on; the share
    of its groups with a common window, beside the most any round of those people can
    have (the matcher with a shared window worth 1,000 points: the most pairs sharing
    a window first; itself proven) and beside the round with availability off; the
    learning score (the score without window and site points) lost against the round
    with availability off, as a share of it. Up to RX_LIMIT people, rustworkx's exact
    optimum of the round with availability on beside pairbot's score (dropped for the
    size once it needs more than RX_MEETINGS_TIMEOUT seconds).
    """
    header = (f"{'N':>7} {'round':>5} {'cpu s':>6} {'proven':>6} {'score':>8} {'gap':>5} "
              f"{'rx exact':>9} {'rx s':>6} {'common %':>8} "
              f"{'max %':>6} {'off %':>6} {'lost %':>6} {'off cpu':>7} {'off prov':>8}")
    print()
    print("steady state with meetings: availability on (6) and site (2) beside "
          "availability off")
    print(header)
    print("-" * len(header))
    for n in sizes:
        people = meeting_people(n, seed=n)
        index = {c.id: i for i, c in enumerate(people)}
        on_cfg = MatchConfig(seed=1, availability=True)
        off_cfg = MatchConfig(seed=1, availability=False, site_preference=False)
        most_cfg = MatchConfig(seed=1, availability=True, site_preference=False,
                               weights=Weights(availability=1000))
        h_on: list[PastGroup] = []
        h_off: list[PastGroup] = []
        rx_alive = n <= RX_LIMIT
        for r in range(1, rounds + 1):
            on = match_in_worker(people, h_on, on_cfg)
            off = match_in_worker(people, h_off, off_cfg)
            most = match_in_worker(people, h_on, most_cfg)
            pb_on = prepare(people, h_on, on_cfg)
            pb_off = prepare(people, h_off, on_cfg)  # to count the same points

            def common(result: dict[str, Any]) -> float:
                st = result["stats"]
                return 100 * st["groups_with_common_time"] / max(1, st["groups"])

            rx = (measure("rustworkx exact", pb_on, people, h_on, RX_MEETINGS_TIMEOUT)
                  if rx_alive else None)
            rx_alive = rx is not None
            rx_text = (f"{rx['score']:>9} {rx['time']:>6.1f}" if rx
                       else f"{'-' if n > RX_LIMIT else 'timeout':>9} {'':>6}")
            learn_on = _learning_score(pb_on, on["groups"], index)
            learn_off = _learning_score(pb_off, off["groups"], index)
            lost = 100 * (learn_off - learn_on) / max(1, learn_off)
            st = on["stats"]
            print(f"{n:>7} {r:>5} {on['cpu']:>6.2f} "
                  f"{'yes' if st['optimal'] else 'no':>6} {st['pair_score']:>8} "
                  f"{float(st.get('gap', 0)):>5g} {rx_text} {common(on):>8.1f} "
                  f"{common(most):>6.1f} {common(off):>6.1f} {lost:>6.2f} "
                  f"{off['cpu']:>7.2f} {'yes' if off['stats']['optimal'] else 'no':>8}",
                  flush=True)
            h_on += [PastGroup(round=r, members=frozenset(g)) for g in on["groups"]]
            h_off += [PastGroup(round=r, members=frozenset(g)) for g in off["groups"]]


SIX = ["Nurse", "Junior doctor (FY1/FY2)", "Pharmacist", "Physiotherapist", "Porter",
       "Hospital manager"]
SMALL_CPU_TARGET = 5.0  # s of CPU per round of up to 60 people


def six_professions(n: int, seed: int) -> list[Candidate]:
    """n people of six professions, 0-2 wishes each, no history: the round of 37 people
    in groups of 4 that took 44.7 s through `pairbot match` is n=37."""
    rng = random.Random(seed)
    return [Candidate(id=f"p{i}", name=f"P{i}", profession=rng.choice(SIX),
                      learn=frozenset(rng.sample(SIX, rng.choice((0, 1, 2)))))
            for i in range(n)]


def small_rounds(seeds: int) -> None:
    """Rounds of up to 60 people in groups of 3 and 4: CPU and wall time, proven or not,
    and the bound, against the target of 5 s of CPU each."""
    from tests.core.test_matching_steady import _instance

    header = (f"{'case':<26} {'size':>4} {'people':>6} {'seed':>4} {'cpu s':>6} "
              f"{'wall s':>6} {'proven':>6} {'placed':>6} {'score':>6} {'bound':>6}")
    print()
    print(f"small rounds, groups of 3 and 4 (target: {SMALL_CPU_TARGET:g} s of CPU each)")
    print(header)
    print("-" * len(header))
    worst = 0.0
    cases: list[tuple[str, int, int, int]] = []
    for size in (4, 3):
        cases += [("six professions, no history", size, n, seed)
                  for n in (33, 35, 37, 39, 41, 50, 60) for seed in range(seeds)]
        cases += [("tests' instance, history", size, n, seed)
                  for n in (24, 32, 40, 48, 56, 60) for seed in range(seeds)]
    for name, size, n, seed in cases:
        if name.startswith("six"):
            people, history = six_professions(n, seed), []
        else:
            people, history = _instance(seed, n, two_sided=False)
        config = MatchConfig(group_size=size, recency=2, seed=seed)
        start, cpu = time.perf_counter(), time.process_time()
        result = match(people, history, config)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        worst = max(worst, cpu)
        st = result.stats
        print(f"{name:<26} {size:>4} {n:>6} {seed:>4} {cpu:>6.2f} {took:>6.2f} "
              f"{'yes' if st['optimal'] else 'no':>6} {st['grouped']:>6} "
              f"{st['total_score']:>6} {st['bound']:>6.0f}", flush=True)
    print(f"slowest: {worst:.2f} s of CPU ({'within' if worst <= SMALL_CPU_TARGET else 'OVER'}"
          f" the {SMALL_CPU_TARGET:g} s target)")


PROPERTY_PROFESSIONS = ["Nurse", "Manager", "Porter", "GP", "Pharmacist"]


def property_round(seed: int, max_people: int = 60
                   ) -> tuple[list[Candidate], list[PastGroup], MatchConfig]:
    """A round of the kind tests/core/test_matching_oracle.py draws (`rounds`): up to
    max_people of 1-5 professions, random wishes, sides, history and weights, groups of
    3 or 4 (or cohorts of capacity 2-3), drawn from the seed."""
    rng = random.Random(seed)
    n = rng.randint(0, max_people)
    profs = PROPERTY_PROFESSIONS[:rng.randint(1, len(PROPERTY_PROFESSIONS))]
    two_sided = rng.random() < 0.5
    people = [Candidate(id=f"p{i}", name=f"Person {i}", profession=rng.choice(profs),
                        learn=frozenset(rng.choice(profs) for _ in range(rng.randint(0, 3))),
                        side=rng.choice("AB") if two_sided else None,
                        unpaired_last_round=rng.random() < 0.5)
              for i in range(n)]
    history = []
    if n >= 2:
        for _ in range(rng.randint(0, 2 * n)):
            # p{n} and p{n+1} are not among the people: they left, and are ignored.
            ids = rng.sample(range(n + 2), rng.randint(2, 3))
            history.append(PastGroup(round=rng.randint(1, 8),
                                     members=frozenset(f"p{x}" for x in ids)))
    weights = rng.choice([Weights(), Weights(base=1, learn=7, unpaired=2, met_before=9),
                          Weights(base=0)])
    size, recency = rng.choice((3, 4)), rng.randint(0, 5)
    if two_sided:
        return people, history, MatchConfig(mode="two-sided", capacity=size - 1,
                                            recency=recency, weights=weights)
    return people, history, MatchConfig(group_size=size, recency=recency,
                                        seed=rng.randint(0, 3), weights=weights)


def random_rounds(count: int, first: int = 1000) -> None:
    """`count` random rounds of up to 60 people (property_round, seeds first..), matched
    as pairbot does now and, in the same run, with the integer programmes as they were
    before the round's budget (100 nodes each, HiGHS's sub-MIP heuristics on): the
    slowest rounds and how many were proven, against the 5 s target."""
    from bot.core.matching import packing

    now = (packing.MIP_WORK, dict(packing.HIGHS_OPTIONS))
    before = (10**12, {})  # only NODE_LIMIT per programme and MIP_CALLS per stage
    print()
    print(f"random rounds of up to 60 people, seeds {first}-{first + count - 1} "
          f"(target: {SMALL_CPU_TARGET:g} s of CPU each)")
    for label, (work, options) in (("now", now), ("before", before)):
        packing.MIP_WORK = work
        packing.HIGHS_OPTIONS.clear()
        packing.HIGHS_OPTIONS.update(options)
        times: list[tuple[float, int, int, bool]] = []
        total = 0
        for seed in range(first, first + count):
            people, history, config = property_round(seed)
            cpu = time.process_time()
            result = match(people, history, config)
            cpu = time.process_time() - cpu
            total += result.stats["total_score"]
            times.append((cpu, seed, len(people), bool(result.stats["optimal"])))
        times.sort(reverse=True)
        over = sum(1 for t in times if t[0] > SMALL_CPU_TARGET)
        proven = sum(1 for t in times if t[3])
        slowest = ", ".join(f"{cpu:.2f} s (seed {seed}, {n} people, "
                            f"{'proven' if ok else 'unproven'})"
                            for cpu, seed, n, ok in times[:5])
        print(f"  {label:<6} over {SMALL_CPU_TARGET:g} s: {over}; proven {proven} of {count}; "
              f"total score {total}; slowest: {slowest}", flush=True)
    packing.MIP_WORK = now[0]
    packing.HIGHS_OPTIONS.clear()
    packing.HIGHS_OPTIONS.update(now[1])


COHORT_IP_PEOPLE = 24  # 32 people: one instance took HiGHS 290 s (68 s CPU)


def small_ip(seeds: int, seconds: float) -> None:
    """Groups of 3 and 4 and two-sided capacity 4 against the integer programme.

    The reference is the tests' oracle: every allowed group enumerated, most placed, then
    fewest off-size groups, then the best score, each stage proven optimal by HiGHS
    (up to --ip-seconds per stage). Cohorts of more than 24 people (32 people: up to
    290 s; 40 people, 120,000-190,000 columns: no integer solution in 600 s) use the
    tests' other oracle, the programme solved one size profile at a time
    (`_cohort_optimum`, marked "P"). When a stage is not proven in time, the reference
    is the programme's linear relaxation at the most placed, an upper bound of the
    optimum (marked "LP"; placed is then the relaxation's maximum rounded down).
    "cpu s" is pairbot's matcher alone (time.process_time, HiGHS threads included).
    """
    from tests.core.test_matching_steady import (
        _cohort_optimum,
        _instance,
        _ip_solve,
        _lp_bounds,
    )

    header = (f"{'case':<22} {'seed':>4} {'people':>6} {'placed':>6} {'IP placed':>9} "
              f"{'score':>6} {'IP score':>9} {'share %':>7} {'proven':>6} {'cpu s':>6} "
              f"{'wall s':>6}")
    print()
    print("groups and cohorts against the integer programme")
    print(header)
    print("-" * len(header))
    cases = [("groups of 3", False, MatchConfig(group_size=3, recency=2), (24, 32, 40)),
             ("groups of 4", False, MatchConfig(group_size=4, recency=2), (24, 32, 40)),
             ("two-sided capacity 4", True,
              MatchConfig(mode="two-sided", capacity=4, recency=2), (16, 24, 32, 40))]
    shares: list[float] = []
    for name, sided, base, sizes in cases:
        for n in sizes:
            for seed in range(seeds):
                people, history = _instance((100 if sided else 0) + seed, n,
                                            two_sided=sided)
                config = MatchConfig(mode=base.mode, group_size=base.group_size,
                                     capacity=base.capacity, recency=base.recency, seed=seed)
                start, cpu = time.perf_counter(), time.process_time()
                result = match(people, history, config)
                took, cpu = time.perf_counter() - start, time.process_time() - cpu
                if sided and n > COHORT_IP_PEOPLE:
                    most, best_ip = _cohort_optimum(people, history, config,
                                                    result.stats["total_score"])
                    best, ref = float(best_ip), f"{best_ip:>7} P"
                elif (exact := _ip_solve(people, history, config, seconds)) is None:
                    most, best = _lp_bounds(people, history, config)
                    ref = f"{best:>6.1f} LP"
                else:
                    most, best_ip = exact
                    best, ref = float(best_ip), f"{best_ip:>9}"
                st = result.stats
                share = 100 * st["total_score"] / best if best else 100.0
                shares.append(share)
                print(f"{name:<22} {seed:>4} {n:>6} {st['grouped']:>6} {most:>9} "
                      f"{st['total_score']:>6} {ref:>9} {share:>7.2f} "
                      f"{'yes' if st['optimal'] else 'no':>6} {cpu:>6.2f} {took:>6.2f}",
                      flush=True)
    print(f"lowest share: {min(shares):.2f} %")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,1000,10000,100000",
                        help="comma-separated numbers of people")
    parser.add_argument("--quick", action="store_true", help="sizes 300,3000 only")
    parser.add_argument("--steady", default="",
                        help="steady state only: comma-separated sizes, 12 rounds each")
    parser.add_argument("--rounds", type=int, default=12, help="steady-state rounds")
    parser.add_argument("--ip-seeds", type=int, default=4, help="small IP instances per case")
    parser.add_argument("--no-ip", action="store_true", help="steady state without the IP part")
    parser.add_argument("--ip-seconds", type=float, default=600.0,
                        help="HiGHS time per stage of the reference programme")
    parser.add_argument("--meetings", action="store_true",
                        help="with --steady: availability, managers and sites, on and off")
    parser.add_argument("--random-rounds", type=int, default=2000,
                        help="with --small-ip: random rounds of up to 60 people")
    parser.add_argument("--small-ip", action="store_true",
                        help="only groups and cohorts against the integer programme")
    args = parser.parse_args(argv)
    if args.small_ip:
        small_rounds(args.ip_seeds)
        random_rounds(args.random_rounds)
        small_ip(args.ip_seeds, args.ip_seconds)
        return 0
    if args.steady and args.meetings:
        print(f"pairbot matching benchmark, {os.cpu_count()} CPUs, "
              f"Python {sys.version.split()[0]}")
        steady_meetings([int(x) for x in args.steady.split(",")], args.rounds)
        return 0
    if args.steady:
        print(f"pairbot matching benchmark, {os.cpu_count()} CPUs, "
              f"Python {sys.version.split()[0]}")
        steady([int(x) for x in args.steady.split(",")], args.rounds)
        if not args.no_ip:
            small_ip(args.ip_seeds, args.ip_seconds)
        return 0
    sizes = [300, 3000] if args.quick else [int(x) for x in args.sizes.split(",")]
    print(f"pairbot matching benchmark, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    ok = bench(sizes, check_lp_upto=3000)
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
