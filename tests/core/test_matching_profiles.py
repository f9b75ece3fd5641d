"""Exact cohorts a size profile at a time (bot/core/matching/profiles.py)."""

from __future__ import annotations

import pytest

from bot.core.matching import MatchConfig, match, packing, profiles
from bot.core.matching.problem import prepare
from tests.core.test_matching_steady import _check_groups, _instance


def test_profiles_place_exactly_that_many_with_one_b_per_cohort():
    # 12 people placed in cohorts of 2 to 5, with 9 A's and 3 B's to draw on.
    found = profiles._profiles([2, 3, 4, 5], 12, na=9, nb=3)
    assert found  # 3 cohorts of 4, or 5 + 5 + 2, ...
    for counts in found:
        cohorts = sum(counts)
        assert sum(c * s for c, s in zip(counts, [2, 3, 4, 5], strict=True)) == 12
        assert cohorts <= 3 and 12 - cohorts <= 9
    assert (0, 0, 3, 0) in found and (1, 0, 0, 2) in found
    assert (6, 0, 0, 0) not in found  # six cohorts need six B's


def test_from_nothing_it_places_the_most_and_proves_the_round():
    people, history = _instance(101, 24, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=1)
    pb = prepare(people, history, config)
    best = profiles.exact_cohorts(pb, [])
    assert best is not None and best.optimal
    # The same optimum as starting from the local search's round.
    result = match(people, history, config)
    assert result.stats["optimal"] is True
    assert best.score == result.stats["total_score"] == best.bound
    assert sum(len(g) for g in best.groups) == best.placed_bound == result.stats["grouped"]
    placed = [m for g in best.groups for m in g]
    assert len(placed) == len(set(placed))


# 40 people: about 15 s of CPU for the two rounds; 24 people: the same kind, in a second.
@pytest.mark.parametrize("n", [24, pytest.param(40, marks=pytest.mark.slow)])
def test_a_search_stopped_early_states_a_true_bound_and_no_optimum(monkeypatch, n):
    people, history = _instance(101, n, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=1)
    proven = match(people, history, config)
    assert proven.stats["optimal"] is True
    # HiGHS allowed no node of branch and bound, and the local search gives it a worse
    # round to start from: the round must stay valid and its bound above the optimum.
    monkeypatch.setattr(packing, "MIP_WORK", 0)
    import bot.core.matching as matching

    monkeypatch.setattr(matching, "ANNEAL_SMALL", 0)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    st = result.stats
    assert st["grouped"] == proven.stats["grouped"]
    assert st["bound"] >= proven.stats["total_score"]
    assert st["optimal"] is (st["total_score"] == proven.stats["total_score"] == st["bound"])


@pytest.mark.slow  # 277,612 cohorts: about 5 s of CPU
def test_rounds_beyond_the_whole_relaxation_are_proven_up_to_a_million_cohorts():
    # 44 people: 277,612 allowed cohorts, more than the relaxation of the whole programme
    # is solved for (packing.LP_BOUND_COLUMNS); the local search alone scores 850.
    people, history = _instance(100, 44, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=0)
    assert len(packing.feasible_groups(prepare(people, history, config), limit=10**6)) \
        > packing.LP_BOUND_COLUMNS
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    st = result.stats
    assert st["optimal"] is True and st["gap"] == 0
    assert st["total_score"] == st["bound"] == 854
    assert st["grouped"] == st["placed_bound"] == 44


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_sided_rounds_above_sixty_people_keep_the_counting_bound(seed):
    people, history = _instance(200 + seed, 64, two_sided=True)
    config = MatchConfig(mode="two-sided", capacity=4, recency=2, seed=seed)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    st = result.stats
    assert st["grouped"] == st["placed_bound"]
    assert st["total_score"] <= st["bound"]
    assert st["gap"] == st["bound"] - st["total_score"]


def test_a_rounds_integer_programmes_share_one_budget_and_say_when_it_ran_out(monkeypatch):
    # 29 people in groups of 3, a round of the property tests' kind: before the budget,
    # one programme of 1,962 groups ran 100 nodes (3.8 s) and the round took 4.1 s.
    from bench.matching import property_round

    people, history, config = property_round(93, max_people=30)
    asked: list[tuple[int, dict[str, object]]] = []
    real = packing.milp

    def spy(c, **kwargs):
        asked.append((len(c), dict(kwargs["options"])))  # milp pops from it
        return real(c, **kwargs)

    monkeypatch.setattr(packing, "milp", spy)
    result = match(people, history, config)
    _check_groups(people, history, config, result)
    work = sum(columns * (packing.ROOT_NODES + options["node_limit"]) for columns, options in asked)
    assert len(asked) >= 2 and work <= packing.MIP_WORK
    # The budget ran out before the round was proven: it says so, with a true bound.
    st = result.stats
    assert st["optimal"] is False and st["bound"] > st["total_score"]
    assert all(options["mip_heuristic_run_rins"] is False for _, options in asked)
    # Nodes, not seconds: the same round again spends the same and gives the same groups.
    again: list[tuple[int, dict[str, object]]] = []
    asked, first = again, asked
    assert match(people, history, config) == result
    assert again == first
