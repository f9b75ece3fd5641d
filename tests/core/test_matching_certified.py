"""The certified pair matcher: its bound is never below the exact optimum, odd sets close
the half-integral gap of the bipartite relaxation, and fed its own history the matcher
proves every round optimal."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from bench.matching import meeting_people, organisation
from bot.core.matching import Candidate, MatchConfig, PastGroup, certified
from bot.core.matching.flow import pour
from bot.core.matching.pairs import exact_pairs
from bot.core.matching.problem import prepare
from bot.core.matching.rules import score as rule_score
from tests.core.test_matching_steady import steady_rounds


def person(pid: str, profession: str, *learn: str, side: str | None = None,
           unpaired: bool = False) -> Candidate:
    return Candidate(id=pid, name=pid.title(), profession=profession, learn=frozenset(learn),
                     side=side, unpaired_last_round=unpaired)


def exact_optimum(pb, n: int) -> tuple[int, int]:
    pairs = exact_pairs(pb, list(range(n)))
    return len(pairs), sum(pb.score(a, b) for a, b in pairs)


def check_pairs(pb, found: certified.Certified, n: int) -> None:
    used = [x for p in found.pairs for x in p]
    assert len(used) == len(set(used))
    assert all(0 <= x < n for x in used)
    assert all(pb.allowed(a, b) for a, b in found.pairs)
    assert found.score == sum(pb.score(a, b) for a, b in found.pairs)


def triangles(copies: int) -> tuple[list[Candidate], list[PastGroup]]:
    """Triangles of a nurse, a porter and a GP who all want to learn about each other;
    every pair across two triangles met long ago. The bipartite relaxation puts half a
    pair on each side of every triangle; any real pairing must pair across triangles."""
    profs = ("Nurse", "Porter", "GP")
    people = [person(f"t{t}{p}", prof, *(q for q in profs if q != prof))
              for t in range(copies) for p, prof in enumerate(profs)]
    history = [PastGroup(round=1, members=frozenset({a.id, b.id}))
               for a in people for b in people
               if a.id < b.id and a.id[:-1] != b.id[:-1] and a.profession != b.profession]
    # A later round (of people no longer here) puts round 1 outside the window.
    history.append(PastGroup(round=9, members=frozenset({"gone1", "gone2"})))
    return people, history


@pytest.mark.parametrize("copies", [2, 4, 6])
def test_odd_triangles_the_bound_is_the_exact_optimum_not_the_relaxation(copies):
    people, history = triangles(copies)
    pb = prepare(people, history, MatchConfig(seed=1))
    n = len(people)
    found = certified.solve(pb, range(n), certified.most_pairs(pb, range(n)))
    assert found is not None
    check_pairs(pb, found, n)
    pairs, best = exact_optimum(pb, n)
    # Inside a triangle a pair scores 18, across 13: the relaxation's 27 per triangle
    # is 2.5 points per triangle above what any pairing reaches.
    assert 27 * copies - best == 2.5 * copies
    assert len(found.pairs) == pairs
    assert found.score == best
    assert found.bound == best


def random_instance(seed: int, n: int, *, two_sided: bool) -> tuple[list[Candidate],
                                                                   list[PastGroup]]:
    rng = random.Random(seed)
    profs = ["Nurse", "Porter", "GP", "Midwife", "Pharmacist"][: rng.choice((3, 4, 5))]
    people = []
    for i in range(n):
        prof = rng.choice(profs)
        learn = rng.sample([p for p in profs if p != prof], rng.choice((0, 1, 2)))
        people.append(person(f"p{i}", prof, *learn, side=rng.choice("AB") if two_sided else None,
                             unpaired=rng.random() < 0.1))
    history = []
    for r in range(1, 10):
        ids = [c.id for c in people if rng.random() < 0.8]
        rng.shuffle(ids)
        history += [PastGroup(round=r, members=frozenset(ids[i : i + 2]))
                    for i in range(0, len(ids) - 1, 2)]
    return people, history


def check_against_the_exact_optimum(pb, n: int) -> None:
    """The certified pairs beside rustworkx's exact optimum: as many pairs, never a better
    score, a bound never below it, and exactly it when the round is proven."""
    pairs, best = exact_optimum(pb, n)
    k = certified.most_pairs(pb, range(n))
    found = certified.solve(pb, range(n), k)
    if found is None:
        # Only when history leaves fewer than k pairs possible.
        assert pairs < k
        return
    check_pairs(pb, found, n)
    assert len(found.pairs) == k == pairs
    assert found.score <= best
    assert found.bound is not None
    assert found.bound >= best - 1e-9
    if int(found.bound + 1e-9) <= found.score:
        assert found.score == best


@pytest.mark.parametrize("seed", range(24))
def test_the_bound_is_never_below_the_exact_optimum_and_meets_it_when_proven(seed):
    two_sided = seed % 3 == 2
    n = 30 + seed * 3 + seed % 2  # odd sizes too: stand-ins
    people, history = random_instance(seed, n, two_sided=two_sided)
    config = MatchConfig(mode="two-sided" if two_sided else "cross", seed=seed, recency=4)
    check_against_the_exact_optimum(prepare(people, history, config), n)


@pytest.mark.slow  # twelve rounds of 3,000 people: about a minute
def test_fed_its_own_history_3000_people_every_round_is_proven_optimal():
    # The benchmark's steady state at the size where the bipartite bound sat two points
    # above the optimum in later rounds: now every round's bound is met.
    people, _ = organisation(3000, seed=3000, rounds=0)
    stats = steady_rounds(people, 12, MatchConfig(seed=1))
    for s in stats:
        assert s["unpaired"] == 0
        assert s["optimal"] is True
        assert s["gap"] == 0
        assert s["bound"] == s["pair_score"]


def relaxation_optimum(pb, k: int) -> tuple[int, np.ndarray]:
    """The fractional matching's optimum with history left out, k pairs, by a dense
    assignment (a person's left copy to another's right copy, stand-ins for 0): twice
    it, and the score matrix (people, then stand-ins; -1e6 where a pair is not allowed)."""
    n = pb.n
    size = 2 * n - 2 * k
    w = np.full((size, size), -10**6, dtype=np.int64)
    for a in range(n):
        for b in range(n):
            if a != b and (pb.side[a] != pb.side[b] if pb.two_sided
                           else pb.prof[a] != pb.prof[b]):
                w[a, b] = rule_score(pb.weights, a_wants_b=pb.prof[b] in pb.wants[a],
                                     b_wants_a=pb.prof[a] in pb.wants[b],
                                     a_left_out=pb.unp[a], b_left_out=pb.unp[b],
                                     met_before=False) + pb.bonus[pb.pc[a]][pb.pc[b]]
    w[:n, n:] = 0
    w[n:, :n] = 0
    rows, cols = linear_sum_assignment(-w)
    return int(w[rows, cols].sum()), w


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mode", ["cross", "two-sided"])
@pytest.mark.parametrize("availability,site", [(True, True), (True, False), (False, True),
                                               (False, False)])
def test_type_level_duals_with_windows_and_sites_are_the_relaxation_optimum(
        seed, mode, availability, site):
    """Windows and sites enter the type-level flow through hubs per group, window and
    site: its duals are feasible for every pair, their sum is the relaxation's optimum
    (a dense assignment says so), and its flow between kinds is a wiring worth it."""
    rng = random.Random(seed)
    profs = ["Nurse", "Doctor", "Pharmacist", "Physio", "Porter"]
    rotas = [("weekday-morning", "weekday-afternoon"), ("weekday-evening", "weekday-night"),
             ("weekend-morning",), (), ("weekday-afternoon", "weekend-morning")]
    n = rng.randint(8, 50)
    people = [Candidate(id=str(i), name=str(i), profession=rng.choice(profs),
                        learn=frozenset(rng.sample(profs, rng.randint(0, 2))),
                        windows=frozenset(rng.choice(rotas)),
                        site=rng.choice(["QE", "CG", "RI", ""]),
                        side=rng.choice("AB") if mode == "two-sided" else None,
                        unpaired_last_round=rng.random() < 0.1) for i in range(n)]
    pb = prepare(people, [], MatchConfig(mode=mode, availability=availability,
                                         site_preference=site))
    idx = list(range(n))
    k = certified.most_pairs(pb, idx)
    if k < 1:
        return
    rd = certified._Round(pb, idx, n - 2 * k)
    typed = certified._type_duals(rd)
    assert typed is not None
    optimum, w = relaxation_optimum(pb, k)
    y = typed.y
    assert 2 * y.sum() == optimum
    assert (y[:, None] + y[None, :] >= w).all()
    first = {}
    for x, kind in enumerate(rd.kind[:n]):
        first.setdefault(kind, x)
    assert sum(f for _, _, f in typed.flows) == 2 * k
    assert sum(f * w[first[a], first[b]] for a, b, f in typed.flows) == optimum


def test_type_level_duals_hold_with_hundreds_of_score_classes():
    """With rota-shaped windows and five sites, 2,000 people fall into hundreds of score
    classes (a hub per pair of them was too many to work out); the compact network
    still gives the relaxation's optimum."""
    people = meeting_people(2000, seed=2000)
    pb = prepare(people, [], MatchConfig(seed=1, availability=True))
    idx = list(range(pb.n))
    k = certified.most_pairs(pb, idx)
    rd = certified._Round(pb, idx, pb.n - 2 * k)
    assert len(rd.classes) > 300
    typed = certified._type_duals(rd)
    assert typed is not None
    optimum, w = relaxation_optimum(pb, k)
    assert 2 * typed.y.sum() == optimum
    assert (typed.y[:, None] + typed.y[None, :] >= w).all()


def meeting_instance(seed: int, n: int) -> tuple[list[Candidate], list[PastGroup]]:
    """People with rota-shaped windows, sites, line managers and do-not-pair lists, and
    two rounds of history."""
    rng = random.Random(seed)
    profs = ["Nurse", "Doctor", "Pharmacist", "Physio", "Porter"][: rng.choice((3, 4, 5))]
    rotas = [("weekday-morning", "weekday-afternoon"), ("weekday-evening", "weekday-night"),
             ("weekend-morning",), (), ("weekday-afternoon", "weekend-morning"),
             ("weekday-night", "weekend-night")]
    people = []
    for i in range(n):
        manager = str(rng.randrange(n)) if rng.random() < 0.1 else ""
        avoid = frozenset({str(rng.randrange(n))}) if rng.random() < 0.05 else frozenset()
        people.append(Candidate(
            id=str(i), name=str(i), profession=rng.choice(profs),
            learn=frozenset(rng.sample(profs, rng.randint(0, 2))),
            windows=frozenset(rng.choice(rotas)), site=rng.choice(["QE", "CG", "RI", ""]),
            manager="" if manager == str(i) else manager, avoid=avoid - {str(i)},
            unpaired_last_round=rng.random() < 0.05))
    ids = [p.id for p in people]
    history = []
    for r in (1, 2, 3):
        rng.shuffle(ids)
        history += [PastGroup(round=r, members=frozenset(ids[x : x + 2]))
                    for x in range(0, n - 1, 2)]
    return people, history


@pytest.mark.parametrize("seed", range(16))
def test_with_windows_sites_and_blocks_the_bound_holds_and_a_proof_is_the_optimum(seed):
    """Score classes of windows and sites, line managers and do-not-pair lists, history:
    the certified pairs are never better than rustworkx's exact optimum, the bound never
    below it, and a round proven optimal scores exactly it (the tight pairs completed by
    the blossom search must never claim more than the optimum)."""
    n = 40 + 11 * seed + seed % 2
    people, history = meeting_instance(seed, n)
    check_against_the_exact_optimum(
        prepare(people, history, MatchConfig(seed=seed, availability=True, recency=2)), n)


def _proven_by_the_tight_finish_alone(ways: list[str]) -> int:
    """Solve 24 rounds with windows against the exact optimum; how many were proven by the
    tight finish and nothing else (`ways`: what the patched steps recorded)."""
    direct = 0
    for seed in range(24):
        n = 30 + 7 * seed + seed % 2
        people, _ = meeting_instance(seed, n)
        pb = prepare(people, [], MatchConfig(seed=seed, availability=True))
        k = certified.most_pairs(pb, range(n))
        ways.clear()
        _assert_exact(pb, certified.solve(pb, range(n), k), n, k)
        direct += ways == ["finish"]
    return direct


def test_a_wiring_with_odd_cycles_is_completed_on_tight_pairs_without_a_fresh_start(
        monkeypatch):
    """With no history to block it, the type-level wiring is worth the bound but for its
    odd cycles in some rounds: its tight pairs, completed by the blossom search on the
    pairs tight under the type-level duals, prove some of those with no random start and
    no warm assignment; every round, whichever way it went, scores rustworkx's exact
    optimum."""
    ways: list[str] = []
    tight_finish, start = certified._tight_finish, certified._start

    def record_finish(*args: Any) -> Any:
        ways.append("finish")
        return tight_finish(*args)

    def record_start(rd: Any) -> None:
        ways.append("start")
        start(rd)

    monkeypatch.setattr(certified, "_tight_finish", record_finish)
    monkeypatch.setattr(certified, "_start", record_start)
    assert _proven_by_the_tight_finish_alone(ways) >= 2


def test_tight_pairs_complete_a_pairing_worth_the_bound():
    """A pairing short of the bound by non-tight pairs is completed on the tight pairs:
    1,000 people with windows and sites, the pairs broken up but for a few hundred."""
    people = meeting_people(1000, seed=1000)
    pb = prepare(people, [], MatchConfig(seed=1, availability=True))
    idx = list(range(pb.n))
    k = certified.most_pairs(pb, idx)
    found = certified.solve(pb, idx, k)
    assert found is not None and found.bound is not None
    assert found.score == int(found.bound)
    rd = certified._Round(pb, idx, pb.n - 2 * k)
    certified._start(rd)
    generated = certified._generate(rd, None)
    assert generated is not None
    mate, y, bound = generated
    assert bound == found.bound
    kept = certified._pairs_from(rd, mate)[:300]
    done = certified._tight_finish(rd, y, kept)
    assert done is not None
    assert len(done) == k
    assert len({x for p in done for x in p}) == 2 * k
    assert all(pb.allowed(rd.idx[u], rd.idx[v]) for u, v in done)
    assert sum(pb.score(rd.idx[u], rd.idx[v]) for u, v in done) == found.score


def bonus_problem(seed: int) -> tuple[Any, int, random.Random]:
    """A problem with windows and sites, one-sided or two-sided (every fourth seed), of
    6-60 people; its size, and the random source to go on drawing from."""
    rng = random.Random(seed)
    n = rng.randint(6, 60)
    people, history = meeting_instance(seed, n)
    mode = "two-sided" if seed % 4 == 3 else "cross"
    if mode == "two-sided":
        people = [Candidate(id=p.id, name=p.name, profession=p.profession, learn=p.learn,
                            windows=p.windows, site=p.site, manager=p.manager,
                            avoid=p.avoid, side=rng.choice("AB")) for p in people]
    pb = prepare(people, history, MatchConfig(mode=mode, seed=seed, availability=True,
                                              recency=2))
    return pb, n, rng


@pytest.mark.parametrize("seed", range(30))
def test_pricing_by_class_finds_a_violated_pair_whenever_there_is_one(seed):
    """The bound is sum(y) only if pricing adds nothing when some pair scores more than
    y_u + y_v: duals near the scores, every pair checked by hand."""
    pb, n, rng = bonus_problem(seed)
    if not pb.has_bonus:
        return
    rd = certified._Round(pb, list(range(n)), 0)
    # Each person's dual: half their best score, less a little (in quarter points), so
    # that a few pairs are violated, or none.
    best = [max((pb.score(a, b) for b in range(n) if b != a and pb.allowed(a, b)),
                default=0) for a in range(n)]
    y = np.array([b / 2 + rng.choice((0, 0.25, 0.5, 1, 2, -0.25, -0.5)) for b in best])
    violated = {(a, b) for a in range(n) for b in range(a + 1, n)
                if pb.allowed(a, b) and pb.score(a, b) > y[a] + y[b] + 1e-9}
    added = certified._price(rd, y)
    assert bool(added) == bool(violated)
    assert set(added) <= violated
    assert all(rd.cols[p] == pb.score(*p) for p in added)


def bonus_round(seed: int) -> tuple[certified._Round, int] | None:
    """A round with windows and sites (one-sided or two-sided) and its stand-ins."""
    pb, n, _rng = bonus_problem(seed)
    k = certified.most_pairs(pb, range(n))
    if not pb.has_bonus or k < 1:
        return None
    return certified._Round(pb, list(range(n)), n - 2 * k), n


def plain_scores(rd: certified._Round, n: int) -> np.ndarray:
    """Every pair's score with history left out (-inf where they may never pair)."""
    u, v = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    w = rd.twice(u.ravel(), v.ravel()).reshape(n, n) / 2
    label = rd.side if rd.pb.two_sided else rd.prof
    return np.where(label[:, None] != label[None, :], w, -np.inf)


@pytest.mark.parametrize("seed", range(30))
def test_feasibility_by_class_agrees_with_every_pair_checked_by_hand(seed):
    """The type-level duals are used only if they cover every pair; checked by classes,
    the answer is the one every pair gives, for duals that cover them and duals a
    quarter point short somewhere."""
    made = bonus_round(seed)
    if made is None:
        return
    rd, n = made
    rng = random.Random(seed)
    w = plain_scores(rd, n)
    best = np.maximum(w.max(axis=1), 0)
    y = np.r_[best / 2 + np.array([rng.choice((0, 0.25, 0.5, 2)) for _ in range(n)]),
              np.zeros(rd.size - n)]
    for lower in (None, *rng.sample(range(n), min(n, 4))):
        if lower is not None:
            y[lower] -= rng.choice((0.25, 1, 3))
        by_hand = bool((y[:n, None] + y[None, :n] >= w - 1e-9).all()) and (
            rd.size == n or bool(y[:n].min() + y[n:].min() >= -1e-9))
        assert certified._feasible(rd, y) == by_hand


@pytest.mark.parametrize("seed", range(30))
def test_tight_pairs_by_class_are_tight_and_reach_every_profession_with_one(seed):
    """Under the type-level duals, the sample by classes holds only pairs that score
    exactly y_u + y_v (history left out), and gives everyone a partner of each
    profession with whom they have such a pair."""
    made = bonus_round(seed)
    if made is None:
        return
    rd, n = made
    typed = certified._type_duals(rd)
    assert typed is not None
    y = typed.y
    us, vs = certified._tight_by_class(rd, y, 1)
    w = plain_scores(rd, n)
    assert len(us) and (np.abs(y[us] + y[vs] - w[us, vs]) < 1e-9).all()
    tight = np.abs(y[:n, None] + y[None, :n] - w) < 1e-9
    wanted = {(u, int(rd.prof[v])) for u, v in zip(*np.nonzero(tight), strict=True)}
    assert {(int(u), int(rd.prof[v])) for u, v in zip(us, vs, strict=True)} == wanted


@pytest.mark.parametrize("seed", range(20))
def test_cycles_of_an_assignment_are_each_walked_from_its_least_node(seed):
    """The assignment's cycles (two-cycles found at once, the others walked) are those a
    walk from each node not yet seen gives, in the same order."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    order = rng.permutation(n).tolist()
    mate = np.arange(n)
    x = 0
    while x < n:
        cycle = order[x : x + int(rng.choice([1, 2, 2, 2, 3, 4, 5]))]
        for y, v in enumerate(cycle):
            mate[v] = cycle[(y + 1) % len(cycle)]
        x += len(cycle)
    seen = [False] * n
    walked = []
    for start in range(n):
        if not seen[start]:
            cycle, v = [], start
            while not seen[v]:
                seen[v] = True
                cycle.append(v)
                v = int(mate[v])
            walked.append(cycle)
    assert certified._cycles(mate) == walked


def _assignment_instance(seed: int, size: int, spread: int) -> tuple[np.ndarray, ...]:
    """Random arcs on size left and right copies (the diagonal always among them, so a
    perfect assignment exists), weights even in [0, 2 spread]: few values, many ties."""
    rng = np.random.default_rng(seed)
    dense = rng.random((size, size)) < 0.3
    np.fill_diagonal(dense, True)
    tails, heads = np.nonzero(dense)
    weights = 2 * rng.integers(0, spread + 1, size=len(tails))
    return tails, heads, weights


def _check_optimal(lp: Any, tails: np.ndarray, heads: np.ndarray, weights: np.ndarray,
                   size: int) -> None:
    matrix = np.full((size, size), -10**6, dtype=np.int64)
    matrix[tails, heads] = weights
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    assert sorted(lp.mate.tolist()) == list(range(size))
    assert matrix[np.arange(size), lp.mate].sum() == matrix[rows, cols].sum()
    assert lp.value() == matrix[rows, cols].sum()
    assert (lp.a[tails] + lp.b[heads] >= weights).all()
    assert (lp.a + lp.b[lp.mate] == matrix[np.arange(size), lp.mate]).all()


@pytest.mark.parametrize("seed", range(12))
def test_the_assignment_repairs_reach_the_optimum_with_duals_that_prove_it(seed):
    """`_LP.augment` from nothing assigned, then `extend` with more arcs: each time the
    assignment is optimal (scipy's), with duals covering every arc, tight on the
    assigned ones. Few weight values make many ties, as the type-level duals do."""
    size = 40
    tails, heads, weights = _assignment_instance(seed, size, spread=3 if seed % 2 else 40)
    first = np.random.default_rng(seed + 100).random(len(tails)) < 0.6
    first |= tails == heads
    a = np.full(size, -10**6, dtype=np.int64)
    np.maximum.at(a, tails[first], weights[first])
    b = np.zeros(size, dtype=np.int64)
    lp = certified._LP(tails[first], heads[first], weights[first],
                       np.full(size, -1, dtype=np.int64), a, b)
    lp.augment()
    _check_optimal(lp, tails[first], heads[first], weights[first], size)
    lp.extend(tails[~first], heads[~first], weights[~first])
    _check_optimal(lp, tails, heads, weights, size)


def scarce_porter(seed: int) -> tuple[list[Candidate], list[PastGroup]]:
    """One porter, and one nurse of all the nurses who wishes to meet a porter, who met
    that porter last round (they alone share a window and a site); doctors for the other
    nurses, with windows and sites drawn at random. Every nurse must pair with the
    porter or a doctor, so history costs the round that nurse's wish: the type-level
    wiring pairs them, and no swap frees it at the same value."""
    rng = random.Random(seed)
    rotas = [("weekday-evening",), ("weekday-evening", "weekend-morning"), ("weekend-night",),
             ()]

    def drawn(pid: str, profession: str, *learn: str) -> Candidate:
        return Candidate(id=pid, name=pid, profession=profession, learn=frozenset(learn),
                         windows=frozenset(rng.choice(rotas)), site=rng.choice(["CG", "RI", ""]))

    doctors = 8 + seed % 5
    people = [Candidate(id=pid, name=pid, profession=prof, learn=frozenset({other}),
                        windows=frozenset({"weekday-morning"}), site="QE")
              for pid, prof, other in (("x", "Nurse", "Porter"), ("y", "Porter", "Nurse"))]
    people += [drawn(f"n{i}", "Nurse", *rng.sample(["Doctor"], rng.randint(0, 1)))
               for i in range(doctors)]
    people += [drawn(f"d{i}", "Doctor", *rng.sample(["Nurse"], rng.randint(0, 1)))
               for i in range(doctors)]
    return people, [PastGroup(round=1, members=frozenset({"x", "y"}))]


@pytest.mark.parametrize("seed", range(10))
def test_history_blocking_the_wiring_moves_the_duals_of_its_people_only(
        monkeypatch, seed):
    """History blocks an arc of the type-level wiring that no swap frees: the duals of
    its people are repaired with everyone else held at the type-level duals, then of
    those next to them where that bound binds (most seeds here need that). The duals
    cover every allowed pair (checked pair by pair, history counted, stand-ins too),
    their sum is rustworkx's exact optimum, and the round is proven from them with no
    random start."""
    people, history = scarce_porter(seed)
    n = len(people)
    pb = prepare(people, history, MatchConfig(seed=seed, availability=True))
    k = certified.most_pairs(pb, range(n))
    duals: list[np.ndarray] = []
    local_duals = certified._local_duals

    def record(*args: Any) -> Any:
        got = local_duals(*args)
        if got is not None:
            duals.append(got[0])
        return got

    def no_start(rd: Any) -> None:
        raise AssertionError("the round went on to the random start")

    monkeypatch.setattr(certified, "_local_duals", record)
    monkeypatch.setattr(certified, "LOCAL_FROM", 0)  # used from 50,000 people
    monkeypatch.setattr(certified, "_start", no_start)
    best = _assert_exact(pb, certified.solve(pb, range(n), k), n, k)
    assert duals and duals[-1].sum() == best
    _assert_duals_cover(pb, duals[-1], people)


def _assert_duals_cover(pb: Any, y: np.ndarray, people: list[Any]) -> None:
    """Every allowed pair and every stand-in arc is covered by the duals y."""
    n = len(people)
    for a in range(n):
        for b in range(a + 1, n):
            if pb.allowed(a, b):
                assert y[a] + y[b] >= pb.score(a, b), (people[a].id, people[b].id)
    assert (y[n:, None] + y[None, :n] >= 0).all()


@pytest.mark.parametrize("seed", range(10))
def test_the_duals_repaired_around_people_with_few_tight_partners_prove_the_round(
        monkeypatch, seed):
    """With more people on blocked wiring arcs than the pairs among them can be listed
    for, the repair narrows them to those with few partners tight under the type-level
    duals, those partners, and their history partners (`_fragile`, forced here): the
    duals still cover every allowed pair, their sum is rustworkx's exact optimum, and
    the round is proven from them with no random start."""
    people, history = scarce_porter(seed)
    n = len(people)
    pb = prepare(people, history, MatchConfig(seed=seed, availability=True))
    k = certified.most_pairs(pb, range(n))
    duals: list[np.ndarray] = []
    narrowed: list[int] = []
    local_duals, fragile = certified._local_duals, certified._fragile

    def record(*args: Any) -> Any:
        got = local_duals(*args)
        if got is not None:
            duals.append(got[0])
        return got

    def counted(*args: Any) -> Any:
        got = fragile(*args)
        narrowed.append(len(got[0]))
        return got

    def no_start(rd: Any) -> None:
        raise AssertionError("the round went on to the random start")

    monkeypatch.setattr(certified, "_local_duals", record)
    monkeypatch.setattr(certified, "_fragile", counted)
    monkeypatch.setattr(certified, "LOCAL_FROM", 0)  # used from 50,000 people
    monkeypatch.setattr(certified, "FRAGILE_FROM", 0)  # used above 3,000 people
    monkeypatch.setattr(certified, "_start", no_start)
    best = _assert_exact(pb, certified.solve(pb, range(n), k), n, k)
    assert narrowed and duals and duals[-1].sum() == best
    _assert_duals_cover(pb, duals[-1], people)


@pytest.mark.parametrize("seed", range(6))
def test_the_flow_between_kinds_poured_in_numpy_is_the_one_poured_node_by_node(
        monkeypatch, seed):
    """The type-level flow split onto kinds all at once (`_kind_flows_arrays`) gives the
    same (kind, kind, units) triples in the same order as pouring each node and hub in
    Python, so the wiring, and the round, are the same; the units add up to every
    person's two copies."""
    people, history = meeting_instance(seed, 60 + 37 * seed)
    pb = prepare(people, history, MatchConfig(seed=seed, availability=True, recency=2))
    idx = list(range(pb.n))
    k = certified.most_pairs(pb, idx)
    fast = certified._type_duals(certified._Round(pb, idx, pb.n - 2 * k))
    monkeypatch.setattr(certified, "_kind_flows_arrays", lambda *args, **kw: None)
    slow = certified._type_duals(certified._Round(pb, idx, pb.n - 2 * k))
    assert fast is not None and slow is not None
    assert fast.flows == slow.flows
    assert sum(f for _, _, f in fast.flows) == 2 * k


@pytest.mark.parametrize("seed", range(20))
def test_pouring_many_groups_at_once_is_pouring_each_in_turn(seed):
    """`_pour_arrays` against `flow.pour` group by group: random groups of sources and
    sinks with equal totals give the same (source, sink, amount) pieces in the same
    order; unequal totals give None."""
    rng = np.random.default_rng(seed)
    groups = np.sort(rng.choice(50, size=rng.integers(1, 8), replace=False))
    sg, sk, sf, tg, tk, tf = ([] for _ in range(6))
    want: list[tuple[int, int, int]] = []
    for g in groups.tolist():
        src = rng.integers(1, 6, size=rng.integers(1, 5))
        snk = rng.multinomial(int(src.sum()) - 1, np.ones(rng.integers(1, 5)) / 4) + 0
        snk[0] += 1
        snk = snk[snk > 0]
        skeys = rng.integers(0, 9, size=len(src))
        tkeys = rng.integers(0, 9, size=len(snk))
        want += pour(list(zip(skeys.tolist(), src.tolist(), strict=True)),
                     list(zip(tkeys.tolist(), snk.tolist(), strict=True)))
        sg += [g] * len(src)
        sk += skeys.tolist()
        sf += src.tolist()
        tg += [g] * len(snk)
        tk += tkeys.tolist()
        tf += snk.tolist()
    arrays = [np.array(x, dtype=np.int64) for x in (sg, sk, sf, tg, tk, tf)]
    got = certified._pour_arrays(*arrays)
    assert got is not None
    assert list(zip(*(x.tolist() for x in got), strict=True)) == want
    arrays[5] = arrays[5].copy()
    arrays[5][-1] += 1
    assert certified._pour_arrays(*arrays) is None


def test_too_many_people_on_odd_cycles_to_settle_go_to_the_tight_finish_at_once(
        monkeypatch):
    """With more people on the wiring's odd cycles than are settled exactly (here the
    limit is lowered to none), the wiring's pairs are not settled first: the tight
    finish proves some rounds at once; every round scores rustworkx's exact optimum."""
    ways: list[str] = []
    tight_finish, settle = certified._tight_finish, certified._settle

    def record_finish(*args: Any) -> Any:
        ways.append("finish")
        return tight_finish(*args)

    def record_settle(*args: Any) -> Any:
        ways.append("settle")
        return settle(*args)

    monkeypatch.setattr(certified, "_tight_finish", record_finish)
    monkeypatch.setattr(certified, "_settle", record_settle)
    monkeypatch.setattr(certified, "SETTLE_FIRST", 0)
    assert _proven_by_the_tight_finish_alone(ways) >= 2


def _assert_exact(pb: Any, found: certified.Certified | None, n: int, k: int) -> int:
    """`found` keeps the rules, has k pairs and scores the exact optimum, which its bound
    proves; the optimum."""
    assert found is not None and found.bound is not None
    check_pairs(pb, found, n)
    pairs, best = exact_optimum(pb, n)
    assert len(found.pairs) == pairs == k
    assert found.score == best == int(found.bound + 1e-9)
    return best
