"""Property tests: pair mode equals networkx's exact optimum; hard rules always hold.

networkx is only the oracle here; the engine itself uses the standard library alone.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.matching import Candidate, MatchConfig, MatchResult, PastGroup, Weights, match
from bot.core.matching.pairs import solve_pairs
from bot.core.matching.problem import Problem, prepare

PROFS = ["Nurse", "Manager", "Porter", "GP", "Pharmacist"]


@st.composite
def rounds(draw, max_people: int = 16):
    n = draw(st.integers(0, max_people))
    nprof = draw(st.integers(1, len(PROFS)))
    profs = PROFS[:nprof]
    two_sided = draw(st.booleans())
    people = []
    for i in range(n):
        people.append(
            Candidate(
                id=f"p{i}",
                name=f"Person {i}",
                profession=draw(st.sampled_from(profs)),
                learn=frozenset(draw(st.lists(st.sampled_from(profs), max_size=3))),
                side=draw(st.sampled_from("AB")) if two_sided else None,
                unpaired_last_round=draw(st.booleans()),
            )
        )
    history = []
    if n >= 2:
        for _ in range(draw(st.integers(0, 2 * n))):
            ids = draw(st.lists(st.integers(0, n + 1), min_size=2, max_size=3, unique=True))
            # p{n} and p{n+1} are not among the people: they left, and are ignored.
            history.append(
                PastGroup(round=draw(st.integers(1, 8)), members=frozenset(f"p{x}" for x in ids))
            )
    weights = draw(
        st.sampled_from(
            [Weights(), Weights(base=1, learn=7, unpaired=2, met_before=9), Weights(base=0)]
        )
    )
    config = MatchConfig(
        mode="two-sided" if two_sided else "cross",
        recency=draw(st.integers(0, 5)),
        seed=draw(st.integers(0, 3)),
        weights=weights,
    )
    return people, history, config


def oracle(pb: Problem) -> tuple[int, int]:
    graph = nx.Graph()
    graph.add_nodes_from(range(pb.n))
    for a in range(pb.n):
        for b in range(a + 1, pb.n):
            if pb.allowed(a, b):
                graph.add_edge(a, b, weight=pb.score(a, b))
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return len(pairs), sum(pb.score(a, b) for a, b in pairs)


def check_rules(pb: Problem, result: MatchResult) -> None:
    index = {c.id: i for i, c in enumerate(pb.people)}
    seen: list[str] = [m for g in result.groups for m in g.members] + [
        u.id for u in result.unpaired
    ]
    assert sorted(seen) == sorted(c.id for c in pb.people), "everyone exactly once"
    for g in result.groups:
        ms = [index[m] for m in g.members]
        assert g.score == pb.group_score(ms)
        for x, a in enumerate(ms):
            for b in ms[x + 1 :]:
                assert b not in pb.forbidden[a], "recent partners never meet"
                if not pb.two_sided:
                    assert pb.prof[a] != pb.prof[b], "professions differ"
        if pb.two_sided:
            assert sum(1 for m in ms if pb.side[m] == 1) == 1, "one B per group"
            assert 1 <= len(ms) - 1 <= pb.config.capacity
    groups = [[index[m] for m in g.members] for g in result.groups]
    if pb.config.group_size == 2 and not pb.two_sided:
        for u in result.unpaired:
            i = index[u.id]
            assert not any(len(g) == 2 and pb.fits(i, g) for g in groups), (
                "nobody is left alone while a pair could take them"
            )
            assert u.reason.endswith("You will get priority next round.")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_pairs_are_exactly_optimal(data):
    people, history, config = data
    result = match(people, history, config)
    pb = prepare(people, history, config)
    check_rules(pb, result)
    count, best = oracle(pb)
    assert len(result.groups) == count
    assert result.stats["pair_score"] == best
    assert result.stats["grouped"] + result.stats["unpaired"] == len(people)
    assert result.stats["total_score"] == sum(g.score for g in result.groups)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(max_people=40))
def test_type_level_solver_is_valid_and_its_bound_is_a_true_upper_bound(data):
    people, history, config = data
    pb = prepare(people, history, config)
    order = list(range(pb.n))
    outcome = solve_pairs(pb, order, method="typed")
    used = [m for pair in outcome.pairs for m in pair]
    assert len(used) == len(set(used))
    for a, b in outcome.pairs:
        assert pb.allowed(a, b)
    count, best = oracle(pb)
    score = sum(pb.score(a, b) for a, b in outcome.pairs)
    assert len(outcome.pairs) <= count
    if len(outcome.pairs) == count:
        assert outcome.upper_bound is not None
        assert score <= best <= outcome.upper_bound


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(max_people=30), st.sampled_from([3, 4]))
def test_groups_of_three_or_four_keep_the_rules(data, size):
    people, history, config = data
    if config.mode == "two-sided":
        config = MatchConfig(mode="two-sided", capacity=size - 1, recency=config.recency)
    else:
        config = MatchConfig(group_size=size, recency=config.recency, seed=config.seed)
    result = match(people, history, config)
    pb = prepare(people, history, config)
    check_rules(pb, result)
    index = {c.id: i for i, c in enumerate(people)}
    groups = [[index[m] for m in g.members] for g in result.groups]
    limit = size + 1 if config.mode == "cross" else size
    assert all(2 <= len(g) <= limit for g in groups)
    if config.mode == "cross":
        for u in result.unpaired:
            i = index[u.id]
            assert not any(len(g) <= size and pb.fits(i, g) for g in groups)


@settings(max_examples=25, deadline=None)
@given(rounds(max_people=20))
def test_same_input_and_seed_give_the_same_result(data):
    people, history, config = data
    assert match(people, history, config) == match(list(people), list(history), config)
