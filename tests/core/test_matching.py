"""The matching engine as its callers see it: rules, reasons, fairness, determinism."""

from __future__ import annotations

import pytest

from bot.core.matching import (
    Candidate,
    MatchConfig,
    MatchInputError,
    MatchResult,
    PastGroup,
    Weights,
    match,
    pair_score,
)


def person(pid: str, profession: str, *learn: str, side: str | None = None,
           unpaired: bool = False, name: str | None = None) -> Candidate:
    return Candidate(id=pid, name=name or pid.title(), profession=profession,
                     learn=frozenset(learn), side=side, unpaired_last_round=unpaired)


def members(result: MatchResult) -> list[set[str]]:
    return [set(g.members) for g in result.groups]


def test_pair_score_follows_the_design_table():
    sam = person("sam", "Nurse", "Manager", unpaired=True)
    priya = person("priya", "Manager", "Nurse")
    w = Weights()
    assert pair_score(sam, priya, met_before=False, weights=w) == 10 + 4 + 4 + 3
    assert pair_score(sam, priya, met_before=True, weights=w) == 10 + 4 + 4 + 3 - 5
    custom = Weights(base=1, learn=2, unpaired=0, met_before=1)
    assert pair_score(sam, priya, met_before=True, weights=custom) == 1 + 2 + 2 - 1


def test_wishes_decide_who_meets_whom_and_the_reasons_use_names():
    people = [
        person("n1", "Nurse", "Manager", name="Sam"),
        person("m1", "Manager", name="Priya"),
        person("p1", "Pharmacist", name="Lee"),
        person("d1", "Doctor", name="Ana"),
    ]
    result = match(people, [], MatchConfig())
    assert {"n1", "m1"} in members(result)
    group = next(g for g in result.groups if "n1" in g.members)
    assert group.score == 14
    assert group.reasons[0] == "Nurse meets Manager"
    assert "Sam wants to learn about Manager" in group.reasons
    assert result.stats["people"] == 4
    assert result.stats["grouped"] == 4
    assert result.stats["groups"] == 2
    assert result.stats["total_score"] == sum(g.score for g in result.groups)


def test_nobody_meets_their_own_profession_and_the_left_out_are_told_why():
    people = [person(f"n{i}", "Nurse") for i in range(4)] + [person("m", "Manager")]
    result = match(people, [], MatchConfig())
    assert len(result.groups) == 1
    (group,) = result.groups
    assert group.members[0].startswith("n") or group.members[1].startswith("n")
    assert len(result.unpaired) == 3
    for u in result.unpaired:
        assert "There were 4 people whose profession is Nurse and only 1 from other" in u.reason
        assert "priority next round" in u.reason


def test_a_lone_profession_gets_the_everyone_else_is_also_reason():
    people = [person("a", "Nurse"), person("b", "Nurse")]
    result = match(people, [], MatchConfig())
    assert result.groups == ()
    assert result.unpaired[0].reason.startswith(
        "Everyone else available is also a Nurse, so there was nobody from another "
        "profession to meet."
    )


def test_recent_partners_are_forbidden_and_older_ones_cost_points():
    people = [person("a", "Nurse"), person("b", "Manager"), person("c", "Nurse"),
              person("d", "Manager")]
    history = [PastGroup(round=r, members=frozenset({"x", "y"})) for r in range(1, 13)]
    history += [PastGroup(round=12, members=frozenset({"a", "b"})),
                PastGroup(round=6, members=frozenset({"c", "d"}))]
    result = match(people, history, MatchConfig(recency=6))
    assert members(result) in ([{"a", "d"}, {"b", "c"}], [{"b", "c"}, {"a", "d"}])
    # With rounds 1..12 and recency 6, round 6 is outside the window: allowed, penalised.
    only = match([people[2], people[3]], history, MatchConfig(recency=6))
    assert members(only) == [{"c", "d"}]
    assert only.groups[0].score == 10 - 5
    assert "C and D met before, over 6 rounds ago" in only.groups[0].reasons
    blocked = match([people[2], people[3]], history, MatchConfig(recency=7))
    assert blocked.groups == ()
    assert blocked.unpaired[0].reason.startswith(
        "You have met everyone available from other professions within the last 7 rounds."
    )


def test_history_ids_of_people_who_left_are_ignored():
    people = [person("a", "Nurse"), person("b", "Manager")]
    history = [PastGroup(round=3, members=frozenset({"a", "gone"}))]
    result = match(people, history, MatchConfig())
    assert members(result) == [{"a", "b"}]


def test_the_odd_person_joins_the_group_where_they_add_most():
    people = [
        person("n1", "Nurse"), person("m1", "Manager"),
        person("n2", "Nurse"), person("p1", "Pharmacist"),
        person("d1", "Doctor", "Pharmacist", "Nurse"),
    ]
    result = match(people, [], MatchConfig())
    assert result.unpaired == ()
    sizes = sorted(len(g.members) for g in result.groups)
    assert sizes == [2, 3]
    trio = next(g for g in result.groups if len(g.members) == 3)
    assert "d1" in trio.members
    assert any("joined as a third member so nobody is left out" in r for r in trio.reasons)


def test_the_left_out_last_round_get_priority():
    people = [person("m", "Manager"), person("n1", "Nurse"), person("n2", "Nurse", unpaired=True),
              person("n3", "Nurse")]
    for seed in range(5):
        result = match(people, [], MatchConfig(seed=seed))
        assert "n2" in result.groups[0].members
        assert "N2 was left out last round, so gets priority" in result.groups[0].reasons


def test_same_seed_same_result_and_other_seeds_differ():
    people = [person(f"p{i}", ["Nurse", "Manager", "Porter", "GP"][i % 4]) for i in range(24)]
    first = match(people, [], MatchConfig(seed=3))
    assert match(people, [], MatchConfig(seed=3)) == first
    others = {tuple(tuple(g.members) for g in match(people, [], MatchConfig(seed=s)).groups)
              for s in range(6)}
    assert len(others) > 1
    scores = {match(people, [], MatchConfig(seed=s)).stats["total_score"] for s in range(6)}
    assert len(scores) == 1


def test_two_sided_pairs_a_with_b_even_within_one_profession():
    people = [person("a1", "Junior doctor", "Manager", side="A"),
              person("a2", "Junior doctor", side="A"),
              person("b1", "Manager", side="B"),
              person("b2", "Junior doctor", side="B")]
    result = match(people, [], MatchConfig(mode="two-sided"))
    assert members(result) in ([{"a1", "b1"}, {"a2", "b2"}], [{"a2", "b2"}, {"a1", "b1"}])


def test_two_sided_capacity_spreads_a_over_b_and_explains_the_rest():
    people = [person(f"a{i}", "Junior doctor", side="A") for i in range(5)]
    people += [person("b1", "Manager", side="B"), person("b2", "Manager", side="B")]
    result = match(people, [], MatchConfig(mode="two-sided", capacity=2))
    assert sorted(len(g.members) for g in result.groups) == [3, 3]
    for g in result.groups:
        assert sum(1 for m in g.members if m.startswith("b")) == 1
    (left,) = result.unpaired
    assert left.reason.startswith(
        "There were 5 people on side A and only 2 on side B with 2 places each"
    )


# Sizes the matcher proves optimal in well under a second; bench/matching.py --small-ip
# checks groups of 3 and 4 on 24-40 people against the integer programme.
@pytest.mark.parametrize(("size", "count"), [(3, 25), (4, 17)])
def test_groups_of_three_or_four_have_different_professions(size, count):
    profs = ["Nurse", "Manager", "Porter", "GP", "Pharmacist", "Midwife"]
    people = [person(f"p{i}", profs[i % 6], profs[(i + 1) % 6]) for i in range(count)]
    result = match(people, [], MatchConfig(group_size=size))
    by_id = {p.id: p for p in people}
    assert result.unpaired == ()
    for g in result.groups:
        assert 2 <= len(g.members) <= size + 1
        professions = [by_id[m].profession for m in g.members]
        assert len(set(professions)) == len(professions)
    assert sum(len(g.members) == size for g in result.groups) >= len(result.groups) - 2


@pytest.mark.parametrize(
    ("people", "config", "message"),
    [
        ([person("a", "Nurse"), person("a", "GP")], MatchConfig(), "duplicate id 'a'"),
        ([person("a", "Nurse", side="C")], MatchConfig(), "side 'C': use A or B"),
        ([person("a", "Nurse")], MatchConfig(mode="two-sided"), "has no side"),
        ([], MatchConfig(group_size=5), "group size must be 2, 3 or 4"),
        ([], MatchConfig(recency=-1), "recency must not be negative"),
        ([], MatchConfig(mode="both"), "unknown mode"),
        ([], MatchConfig(capacity=2), "capacity only applies to two-sided mode"),
    ],
)
def test_invalid_input_raises_match_input_error(people, config, message):
    with pytest.raises(MatchInputError, match=message):
        match(people, [], config)


def test_empty_and_single_inputs():
    assert match([], [], MatchConfig()).stats["people"] == 0
    alone = match([person("a", "Nurse")], [], MatchConfig())
    assert alone.groups == ()
    assert alone.unpaired[0].id == "a"
