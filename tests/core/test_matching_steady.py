"""Month after month: the matcher fed its own groups as history, the one hard rule,
the certificate in the stats, and groups and cohorts against an integer programme."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations
from itertools import product as itertools_product

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

from bench.matching import organisation
from bot.core.matching import (
    Candidate,
    MatchConfig,
    PastGroup,
    Reason,
    certified,
    group_allowed,
    match,
    pair_score,
    pairs,
)
from bot.core.matching.problem import prepare
from bot.core.matching.rules import HardRule


def person(pid: str, profession: str, *learn: str, side: str | None = None,
           name: str | None = None, unpaired: bool = False) -> Candidate:
    return Candidate(id=pid, name=name or pid.title(), profession=profession,
                     learn=frozenset(learn), side=side, unpaired_last_round=unpaired)


def steady_rounds(people: list[Candidate], rounds: int, config: MatchConfig) -> list[dict]:
    """Match `rounds` times, each round's groups becoming the next round's history;
    return every round's stats, after checking every group against the window."""
    history: list[PastGroup] = []
    seen = []
    for r in range(1, rounds + 1):
        result = match(people, history, config)
        recent = {frozenset(p) for g in history if g.round > r - 1 - config.recency
                  for p in combinations(sorted(g.members), 2)}
        by_id = {c.id: c for c in people}
        rule = HardRule(history, config)  # what group_allowed builds, once per round
        for g in result.groups:
            for pair in combinations(sorted(g.members), 2):
                assert frozenset(pair) not in recent, f"round {r}: {pair} met within the window"
            assert rule.allows([by_id[m] for m in g.members])
        if result.groups:
            first = result.groups[0].members
            assert group_allowed([by_id[m] for m in first], history, config)
        assert "refused_groups" not in result.stats
        history += [PastGroup(round=r, members=frozenset(g.members)) for g in result.groups]
        seen.append(dict(result.stats))
    return seen


@pytest.mark.parametrize("seed", [pytest.param(0, marks=pytest.mark.slow), 2])
def test_the_reported_break_800_people_nine_rounds_on_the_type_level_solver(monkeypatch, seed):
    # The reproduction: 800 people, recency 6, nine rounds, on the type-level
    # solver alone (no certificate), whose swaps once traded a met pair for a forbidden one.
    monkeypatch.setattr(certified, "solve", lambda *args, **kwargs: None)
    people, _ = organisation(800, seed=800, rounds=0)
    stats = steady_rounds(people, 9, MatchConfig(seed=seed))
    assert all(s["unpaired"] == 0 for s in stats)


def test_above_the_exact_limit_every_round_states_a_tight_proven_bound():
    people, _ = organisation(900, seed=900, rounds=0)
    stats = steady_rounds(people, 8, MatchConfig(seed=2))
    for s in stats:
        assert s["unpaired"] == 0
        assert s["exact"] == 0
        assert s["pair_score"] <= s["bound"] <= s["pair_score"] + 0.001 * s["bound"]
        assert s["gap"] == s["bound"] - s["pair_score"]
        assert s["optimal"] is (s["gap"] == 0)
    assert sum(s["optimal"] for s in stats) >= 4


def test_the_certified_pairs_are_the_exact_optimum_on_a_fed_back_round():
    # Checked against rustworkx's exact matching on every pair of the round.
    people, _ = organisation(500, seed=7, rounds=0)
    history: list[PastGroup] = []
    config = MatchConfig(seed=5)
    for r in range(1, 8):
        result = match(people, history, config)
        history += [PastGroup(round=r, members=frozenset(g.members)) for g in result.groups]
    pb = prepare(people, history, config)
    order = list(range(pb.n))
    best = sum(pb.score(a, b) for a, b in pairs.exact_pairs(pb, order))
    found = certified.solve(pb, order, certified.most_pairs(pb, order))
    assert found is not None and found.bound is not None
    assert found.score == best <= found.bound <= best + 0.001 * best
    typed = pairs.solve_pairs(pb, order, method="typed")
    assert typed.upper_bound is not None and typed.upper_bound >= best


@pytest.mark.slow
def test_large_steady_state_keeps_the_window():
    people, _ = organisation(3_000, seed=3_000, rounds=0)
    stats = steady_rounds(people, 9, MatchConfig(seed=3))
    assert all(s["unpaired"] == 0 for s in stats)
    assert all(s["gap"] <= 0.001 * s["bound"] for s in stats)


def test_small_rounds_are_proven_optimal_with_the_bound_equal_to_the_score():
    people, _ = organisation(200, seed=4, rounds=0)
    for s in steady_rounds(people, 4, MatchConfig(seed=4)):
        assert s["optimal"] is True
        assert s["bound"] == s["pair_score"]
        assert s["gap"] == 0


# -- the one hard rule ------------------------------------------------------------------


def test_group_allowed_compares_professions_without_case_or_spacing():
    config = MatchConfig()
    sam, kai = person("sam", "Nurse"), person("kai", " nurse ")
    lee = person("lee", "Pharmacist")
    assert not group_allowed([sam, kai], [], config)
    assert group_allowed([sam, lee], [], config)
    assert not group_allowed([sam, lee, kai], [], config)


def test_group_allowed_forbids_pairs_inside_the_window_only():
    config = MatchConfig(recency=2)
    sam, lee = person("sam", "Nurse"), person("lee", "Pharmacist")
    met_in_1 = [PastGroup(1, frozenset({"sam", "lee"})), PastGroup(3, frozenset({"x", "y"}))]
    assert group_allowed([sam, lee], met_in_1, config)  # rounds 2..3 are the window
    met_in_2 = [PastGroup(2, frozenset({"sam", "lee", "z"})), PastGroup(3, frozenset({"x"}))]
    assert not group_allowed([sam, lee], met_in_2, config)


def test_group_allowed_two_sided_needs_one_b_and_at_most_capacity_as():
    config = MatchConfig(mode="two-sided", capacity=2)
    b = person("b", "Mentor", side="B")
    a1, a2, a3 = (person(f"a{i}", "Nurse", side="A") for i in range(3))
    assert group_allowed([b, a1, a2], [], config)  # same profession is fine across sides
    assert not group_allowed([b, a1, a2, a3], [], config)
    assert not group_allowed([a1, a2], [], config)


def test_the_matcher_never_puts_two_spellings_of_one_profession_together():
    people = [person("n1", "Nurse"), person("n2", " nurse "), person("n3", "NURSE"),
              person("p1", "Pharmacist", "nurse"), person("p2", "Porter")]
    result = match(people, [], MatchConfig())
    for g in result.groups:
        assert sum(1 for m in g.members if m.startswith("n")) <= 1
    # The wish written in lower case counts, and the first spelling is shown.
    pharmacist = next(g for g in result.groups if "p1" in g.members)
    assert "P1 wants to learn about Nurse" in pharmacist.reasons
    assert pair_score(people[3], people[1], met_before=False, weights=MatchConfig().weights) == 14


# -- reasons ----------------------------------------------------------------------------


def test_one_person_alone_is_not_told_everyone_else_shares_their_profession():
    result = match([person("sam", "Nurse")], [], MatchConfig())
    reason = result.unpaired[0].reason
    assert "Everyone else" not in reason
    assert reason.startswith("Nobody else is available this round")


def test_two_sided_joiner_is_not_said_to_leave_nobody_out_when_someone_is():
    people = [person("b", "Mentor", side="B", name="Bo"),
              person("ann", "Nurse", side="A", name="Ann"),
              person("cy", "Nurse", side="A", name="Cy"),
              person("di", "Nurse", side="A", name="Di")]
    result = match(people, [], MatchConfig(mode="two-sided", capacity=2))
    assert len(result.unpaired) == 1
    for g in result.groups:
        for text in g.reasons:
            assert "nobody is left out" not in text


def test_reasons_are_stored_without_names_and_render_to_the_text_shown():
    people = [person("n1", "Nurse", "Manager", name="Sam", unpaired=True),
              person("m1", "Manager", "Nurse", name="Priya")]
    group = match(people, [], MatchConfig()).groups[0]
    names = {"n1": "Sam", "m1": "Priya"}
    assert tuple(r.render(names) for r in group.explanations) == group.reasons
    for r in group.explanations:
        assert "Sam" not in r.template and "Priya" not in r.template
    erased = [r.render({"n1": "someone", "m1": "Priya"}) for r in group.explanations]
    assert "someone was left out last round, so gets priority" in erased
    assert not any("Sam" in text for text in erased)


def test_a_reason_template_keeps_braces_in_profession_names():
    people = [person("a", "Nurse {ward}", name="Al"), person("b", "Porter", "Nurse {ward}")]
    group = match(people, [], MatchConfig()).groups[0]
    assert group.reasons[0] == "Nurse {ward} meets Porter"
    assert Reason("{0} and {1}", ("a", "b")).render({"a": "Al", "b": "Bea"}) == "Al and Bea"


# -- groups and cohorts against an integer programme -----------------------------------


def _programme(people: list[Candidate], history: list[PastGroup], config: MatchConfig):
    """Every allowed group (enumerated by brute force) as a column: membership, size,
    off-size flag and score."""
    rule = HardRule(history, config)
    met = {frozenset(p) for g in history for p in combinations(sorted(g.members), 2)}
    if config.mode == "two-sided":
        sizes = range(2, config.capacity + 2)
    else:
        sizes = range(2, config.group_size + 2)
    cols, size, off, score = [], [], [], []
    for s in sizes:
        for combo in combinations(people, s):
            if not rule.allows(list(combo)):
                continue
            cols.append([c.id for c in combo])
            size.append(s)
            off.append(int(config.mode == "cross" and s != config.group_size))
            score.append(sum(pair_score(a, b, met_before=frozenset((a.id, b.id)) in met,
                                        weights=config.weights)
                             for a, b in combinations(combo, 2)))
    index = {c.id: i for i, c in enumerate(people)}
    rows = [index[m] for c in cols for m in c]
    colix = [j for j, c in enumerate(cols) for _ in c]
    a = csr_matrix((np.ones(len(rows)), (rows, colix)), shape=(len(people), len(cols)))
    return a, np.array(size, float), np.array(off, float), np.array(score, float)


def _ip_optimum(people: list[Candidate], history: list[PastGroup], config: MatchConfig
                ) -> tuple[int, int]:
    """(most people placed, best score at that, with the fewest off-size groups), each
    stage an integer programme that HiGHS proves optimal."""
    found = _ip_solve(people, history, config, seconds=600.0)
    assert found is not None, "HiGHS did not prove the optimum in 600 s"
    return found


def _ip_solve(people: list[Candidate], history: list[PastGroup], config: MatchConfig,
              seconds: float) -> tuple[int, int] | None:
    """_ip_optimum, or None when a stage is not proven optimal within `seconds`."""
    a, size, off, score = _programme(people, history, config)

    def best(objective, lo, hi, extra):
        cons = [LinearConstraint(a, 0, 1)]
        if extra:
            cons.append(LinearConstraint(np.vstack(extra), lo, hi))
        res = milp(-objective, constraints=cons, integrality=np.ones(len(objective)),
                   bounds=Bounds(0, 1), options={"mip_rel_gap": 0.0, "time_limit": seconds})
        return round(-res.fun) if res.status == 0 else None

    most = best(size, [], [], [])
    if most is None:
        return None
    # Fewest off-size groups at that; a count of people that is not a multiple of the
    # group size needs at least one (a valid cut that spares HiGHS the proof).
    floor = int(config.mode == "cross" and most % config.group_size != 0)
    fewest = best(-off, [most, floor], [most, np.inf], [size, off])
    if fewest is None:
        return None
    top = best(score, [most, 0], [most, -fewest], [size, off])
    return None if top is None else (most, top)


def _lp_bounds(people: list[Candidate], history: list[PastGroup], config: MatchConfig
               ) -> tuple[int, float]:
    """Upper bounds of people placed and of the score at that, by the linear relaxation."""
    a, size, _, score = _programme(people, history, config)
    placed = linprog(-size, A_ub=a, b_ub=np.ones(a.shape[0]), bounds=(0, None),
                     method="highs")
    most = int(np.floor(-placed.fun + 1e-6))
    top = linprog(-score, A_ub=a, b_ub=np.ones(a.shape[0]), A_eq=size[None, :], b_eq=[most],
                  bounds=(0, None), method="highs")
    return most, -top.fun


def _cohort_optimum(people: list[Candidate], history: list[PastGroup], config: MatchConfig,
                    found: int) -> tuple[int, int]:
    """(most placed, best score) of two-sided cohorts, given a round found to score
    `found` at the most placed, for rounds whose programme HiGHS cannot solve whole.

    The programme one size profile (cohorts per size) at a time: a profile whose
    relaxation, over every enumerated cohort, is at most the best score known holds no
    better round; otherwise HiGHS, with no node limit, looks for a better round on the
    cohorts whose reduced cost leaves room for one. Profiles are taken in order of a
    cheaper bound: their member pairs at the base weight plus the relaxation's most of
    the rest of the score.
    """
    a, size, _, score = _programme(people, history, config)
    n = a.shape[0]
    placed = linprog(-size, A_ub=a, b_ub=np.ones(n), bounds=(0, None), method="highs")
    most = int(np.floor(-placed.fun + 1e-6))
    sides = Counter(c.side for c in people)
    sizes = sorted({int(s) for s in size})
    rows = np.vstack([(size == s).astype(float) for s in sizes])
    base = config.weights.base
    rest = linprog(-(score - base * size * (size - 1) / 2), A_ub=a, b_ub=np.ones(n),
                   A_eq=size[None, :], b_eq=[most], bounds=(0, None), method="highs")
    profiles = []
    for counts in itertools_product(*(range(most // s + 1) for s in sizes)):
        cohorts = sum(counts)
        if (sum(c * s for c, s in zip(counts, sizes, strict=True)) == most and cohorts <= sides["B"]
                and most - cohorts <= sides["A"]):
            pairs_in = sum(c * s * (s - 1) // 2 for c, s in zip(counts, sizes, strict=True))
            profiles.append((base * pairs_in - rest.fun, counts))
    best = found
    for cheap, counts in sorted(profiles, reverse=True):
        if cheap < best + 1 - 1e-6:
            break
        lp = linprog(-score, A_ub=a, b_ub=np.ones(n), A_eq=rows, b_eq=counts,
                     bounds=(0, None), method="highs")
        if lp.status != 0 or -lp.fun < best + 1 - 1e-6:
            continue
        reduced = score - a.T @ -lp.ineqlin.marginals - rows.T @ -lp.eqlin.marginals
        keep = np.nonzero(reduced >= best + 1 + lp.fun - 1e-6)[0]
        res = milp(-score[keep],
                   constraints=[LinearConstraint(a[:, keep], 0, 1),
                                LinearConstraint(rows[:, keep], counts, counts),
                                LinearConstraint(score[keep][None, :], best + 1, np.inf)],
                   integrality=np.ones(len(keep)), bounds=Bounds(0, 1),
                   options={"mip_rel_gap": 0.0, "time_limit": 600.0})
        assert res.status in (0, 2), "HiGHS did not settle a profile in 600 s"
        if res.status == 0:
            best = round(-res.fun)
    return most, best


def _instance(seed: int, n: int, *, two_sided: bool) -> tuple[list[Candidate], list[PastGroup]]:
    rng = random.Random(seed)
    profs = ["Nurse", "Doctor", "Porter", "Pharmacist", "Manager"]
    people = []
    for i in range(n):
        prof = rng.choice(profs[:3] if rng.random() < 0.6 else profs)
        side = ("B" if rng.random() < 0.3 else "A") if two_sided else None
        learn = frozenset(rng.sample([p for p in profs if p != prof], rng.choice((0, 1, 2))))
        people.append(Candidate(id=f"p{i}", name=f"P{i}", profession=prof, learn=learn,
                                side=side, unpaired_last_round=rng.random() < 0.1))
    history = []
    for r in range(1, 4):
        order = [c.id for c in people]
        rng.shuffle(order)
        for x in range(0, n - 1, 2):
            history.append(PastGroup(r, frozenset(order[x:x + 2])))
    return people, history


@pytest.mark.parametrize("seed", range(4))
def test_groups_of_three_place_the_most_people_within_a_percent_of_the_ip(seed):
    people, history = _instance(seed, 18, two_sided=False)
    config = MatchConfig(group_size=3, recency=2, seed=seed)
    result = match(people, history, config)
    most, best = _ip_optimum(people, history, config)
    assert result.stats["grouped"] == most
    assert result.stats["total_score"] >= 0.99 * best
    assert result.stats["optimal"] is True


@pytest.mark.parametrize("seed", range(4))
def test_two_sided_capacity_four_places_the_most_people_within_a_percent_of_the_ip(seed):
    people, history = _instance(100 + seed, 16, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=seed)
    result = match(people, history, config)
    most, best = _ip_optimum(people, history, config)
    assert result.stats["grouped"] == most
    assert result.stats["total_score"] >= 0.99 * best
    assert result.stats["optimal"] is True


def _check_groups(people, history, config, result):
    """The hard rule: no group breaks the window, professions or the cohort shape."""
    rule = HardRule(history, config)
    by_id = {c.id: c for c in people}
    for g in result.groups:
        assert rule.allows([by_id[m] for m in g.members])
    placed = [m for g in result.groups for m in g.members]
    assert len(placed) == len(set(placed)) == result.stats["grouped"]


SLOW = pytest.mark.slow  # the oracle's integer programmes take 5-40 s here


@pytest.mark.parametrize(("size", "n", "seed"), [
    # The quick loop keeps one instance of each size (groups of 4 at 24 people); the rest, whose
    # oracle takes 5-12 s of CPU each, run in the whole suite.
    (3, 32, 1), (4, 24, 0), pytest.param(4, 32, 0, marks=SLOW),
    pytest.param(4, 32, 1, marks=SLOW),
    pytest.param(3, 40, 2, marks=SLOW), pytest.param(4, 40, 2, marks=SLOW),
    # bench/matching.py --small-ip runs three seeds of each size (40 people seed 0 too, 21-24
    # s each here, left to it to keep the suite within 12 minutes), among them 3s at 32
    # people seed 0, the one round not proven in the round (the oracle and pairbot take
    # over 60 s there together).
])
def test_groups_of_three_and_four_up_to_forty_people_reach_the_ip_optimum(size, n, seed):
    people, history = _instance(seed, n, two_sided=False)
    config = MatchConfig(group_size=size, recency=2, seed=seed)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    most, best = _ip_optimum(people, history, config)
    st = result.stats
    assert st["grouped"] == most == st["placed_bound"]
    assert st["total_score"] >= 0.99 * best
    # The certificate is true: the bound is at least the optimum, and a result said to
    # be optimal is.
    assert st["bound"] >= best - 1e-6
    assert st["gap"] == pytest.approx(st["bound"] - st["total_score"])
    if st["optimal"]:
        assert st["total_score"] == best and st["gap"] == 0


# 16 people: the whole programme in about a second (24 people: 10-35 s, as
# bench/matching.py --small-ip runs it).
def test_two_sided_capacity_four_at_sixteen_people_reaches_the_ip_optimum():
    people, history = _instance(100, 16, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=0)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    most, best = _ip_optimum(people, history, config)
    assert result.stats["grouped"] == most
    assert result.stats["total_score"] == best == result.stats["bound"]
    assert result.stats["optimal"] is True
    # The oracle a profile at a time, used at 32 and 40 people, agrees with the whole
    # programme here, from a worse round too.
    assert _cohort_optimum(people, history, config, best - 25) == (most, best)


@pytest.mark.parametrize(("n", "seed"), [
    (24, 1), pytest.param(32, 0, marks=SLOW), pytest.param(32, 1, marks=SLOW),
    # 40 people (8-20 s each, the oracle's time): bench/matching.py --small-ip.
])
def test_two_sided_capacity_four_up_to_forty_people_is_proven_at_the_ip_optimum(n, seed):
    # HiGHS does not solve these programmes whole (40 people: 120,000-190,000 cohorts,
    # no integer solution in 600 s), so the oracle solves them one size profile at a time.
    people, history = _instance(100 + seed, n, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=seed)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    st = result.stats
    most, best = _cohort_optimum(people, history, config, st["total_score"])
    assert st["grouped"] == most == st["placed_bound"]
    assert st["total_score"] == best
    assert st["optimal"] is True and st["bound"] == best and st["gap"] == 0


def test_the_local_search_places_everyone_the_professions_allow():
    # Above the exact limit: with no history, exactly as many as one person per
    # profession per group and groups of 2..size+1 allow (counted here independently).
    rng = random.Random(5)
    for trial in range(12):
        n = rng.randint(61, 160)
        size = rng.choice((3, 4))
        weights = [rng.random() ** 2 + 0.02 for _ in range(rng.randint(3, 9))]
        people = [person(f"p{i}", f"P{rng.choices(range(len(weights)), weights)[0]}")
                  for i in range(n)]
        counts = list(Counter(c.profession for c in people).values())
        most = max((min(sum(min(c, g) for c in counts), (size + 1) * g)
                    for g in range(1, n // 2 + 1)
                    if min(sum(min(c, g) for c in counts), (size + 1) * g) >= 2 * g),
                   default=0)
        result = match(people, [], MatchConfig(group_size=size, seed=trial))
        _check_groups(people, [], MatchConfig(group_size=size), result)
        assert result.stats["grouped"] == most, (trial, n, size, counts)
        assert result.stats["placed_bound"] == most
        assert result.stats["total_score"] <= result.stats["bound"]
