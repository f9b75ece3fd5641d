"""Matching with meeting times, sites, line managers, do-not-pair lists and teams."""

from __future__ import annotations

import random
from datetime import date

from bot.core.matching import Candidate, MatchConfig, PastGroup, match
from bot.core.matching.pairs import solve_pairs
from bot.core.matching.problem import prepare

ON = MatchConfig(availability=True)


def person(pid: str, profession: str, **kw: object) -> Candidate:
    return Candidate(id=pid, name=pid.upper(), profession=profession, **kw)  # type: ignore[arg-type]


def pairs_of(result) -> set[frozenset[str]]:
    return {frozenset(g.members) for g in result.groups}


def test_shared_window_and_site_add_points_and_say_so():
    people = [person("n", "Nurse", windows=frozenset({"weekday-evening", "weekend-morning"}),
                     site="Queen Elizabeth"),
              person("f", "Finance manager", windows=frozenset({"weekday-evening"}),
                     site="Queen Elizabeth")]
    (group,) = match(people, [], ON).groups
    assert group.score == 10 + 6 + 2
    assert group.common_windows == ("weekday-evening",)
    assert "You can both meet on weekday evenings." in group.reasons
    assert "You both work at the Queen Elizabeth site." in group.reasons
    (off,) = match(people, [], MatchConfig(availability=False, site_preference=False)).groups
    assert off.score == 10
    assert not any("meet on" in r or "site" in r for r in off.reasons)


def test_someone_who_gave_no_window_shares_every_window():
    people = [person("n", "Nurse", windows=frozenset({"weekday-night"})),
              person("g", "GP")]
    (group,) = match(people, [], ON).groups
    assert group.score == 16
    assert group.common_windows == ("weekday-night",)


def test_people_who_share_a_time_are_preferred():
    # Two nurses and two doctors: each nurse shares a window with one doctor only.
    people = [person("n1", "Nurse", windows=frozenset({"weekday-morning"})),
              person("n2", "Nurse", windows=frozenset({"weekday-night"})),
              person("d1", "Doctor", windows=frozenset({"weekday-night"})),
              person("d2", "Doctor", windows=frozenset({"weekday-morning"}))]
    result = match(people, [], ON)
    assert pairs_of(result) == {frozenset({"n1", "d2"}), frozenset({"n2", "d1"})}
    assert result.stats["groups_with_common_time"] == 2
    assert result.stats["optimal"]


def test_nobody_meets_their_line_manager_or_someone_they_avoid():
    # Without the rules the wishes would pair n-m and p-d.
    free = [person("n", "Nurse", learn=frozenset({"Manager"})),
            person("m", "Manager", learn=frozenset({"Nurse"})),
            person("p", "Pharmacist", learn=frozenset({"Doctor"})),
            person("d", "Doctor", learn=frozenset({"Pharmacist"}))]
    assert pairs_of(match(free, [], MatchConfig())) == {frozenset({"n", "m"}),
                                                        frozenset({"p", "d"})}
    ruled = match([person("n", "Nurse", learn=frozenset({"Manager"}), manager="m"),
                   free[1],
                   person("p", "Pharmacist", learn=frozenset({"Doctor"}),
                          avoid=frozenset({"d"})),
                   free[3]], [], MatchConfig())
    assert frozenset({"n", "m"}) not in pairs_of(ruled)
    assert frozenset({"p", "d"}) not in pairs_of(ruled)
    assert len(ruled.groups) == 2


def test_the_manager_rule_holds_in_groups_of_four():
    people = [person(f"p{i}", prof, manager="p0" if i in (1, 2, 3) else "")
              for i, prof in enumerate(["Manager", "Nurse", "Doctor", "Porter", "Nurse",
                                        "Doctor", "Porter", "Manager"])]
    result = match(people, [], MatchConfig(group_size=4))
    boss = next(g for g in result.groups if "p0" in g.members)
    assert not {"p1", "p2", "p3"} & set(boss.members)


def test_same_team_only_with_exclude_same_team():
    people = [person("a", "Nurse", team="Ward 7", learn=frozenset({"Doctor"})),
              person("b", "Doctor", team="Ward 7", learn=frozenset({"Nurse"})),
              person("c", "Nurse", team="Ward 8"),
              person("d", "Doctor", team="Ward 9")]
    assert frozenset({"a", "b"}) in pairs_of(match(people, [], MatchConfig()))
    apart = match(people, [], MatchConfig(exclude_same_team=True))
    assert pairs_of(apart) == {frozenset({"a", "d"}), frozenset({"b", "c"})}


def test_a_pair_that_never_met_may_be_introduced_again():
    people = [person("a", "Nurse"), person("b", "Doctor")]
    unmet = [PastGroup(round=1, members=frozenset({"a", "b"}), met=False)]
    assert pairs_of(match(people, unmet, MatchConfig())) == {frozenset({"a", "b"})}
    repeat = match(people, unmet, MatchConfig(unmet_counts_as_repeat=True))
    assert repeat.groups == ()
    met = [PastGroup(round=1, members=frozenset({"a", "b"}), met=None)]
    assert match(people, met, MatchConfig()).groups == ()


def test_away_for_the_whole_fortnight_sits_out_with_priority():
    start = date(2026, 12, 7)
    people = [person("a", "Nurse", away=((date(2026, 12, 1), date(2026, 12, 31)),)),
              person("b", "Doctor", away=((date(2026, 12, 7), date(2026, 12, 19)),)),
              person("c", "Porter")]
    result = match(people, [], MatchConfig(round_date=start))
    assert pairs_of(result) == {frozenset({"b", "c"})}  # b is back on the 20th
    (out,) = result.unpaired
    assert out.id == "a"
    assert "away" in out.reason and "priority" in out.reason
    assert result.stats["people"] == 3 and result.stats["away"] == 1


def test_certified_pairs_stay_exact_with_windows_sites_and_blocks():
    """Above the size rustworkx's exact matching is used for, the certified solver with
    score classes gives rustworkx's optimum, proven."""
    rng = random.Random(5)
    profs = ["Nurse", "Doctor", "Pharmacist", "Physio", "Admin"]
    rotas = [("weekday-morning", "weekday-afternoon"), ("weekday-evening", "weekday-night"),
             ("weekend-morning",), ()]
    n = 360
    people = [Candidate(id=str(i), name=str(i), profession=rng.choice(profs),
                        learn=frozenset(rng.sample(profs, rng.randint(0, 2))),
                        windows=frozenset(rng.choice(rotas)),
                        site=rng.choice(["QE", "CG", "RI"]),
                        manager=str(rng.randrange(n)) if rng.random() < 0.1 else "",
                        unpaired_last_round=rng.random() < 0.05)
              for i in range(n)]
    people = [p if p.manager != p.id else Candidate(id=p.id, name=p.name,
                                                    profession=p.profession)
              for p in people]
    ids = [p.id for p in people]
    history = []
    for r in (1, 2):
        rng.shuffle(ids)
        history += [PastGroup(round=r, members=frozenset(ids[k:k + 2]), met=rng.random() < 0.8)
                    for k in range(0, n - 1, 2)]
    config = MatchConfig(availability=True, recency=2)
    pb = prepare(people, history, config)
    order = list(range(n))
    found = solve_pairs(pb, order, method="auto")
    exact = solve_pairs(pb, order, method="exact")
    assert len(found.pairs) == len(exact.pairs)
    assert found.score(pb) == exact.score(pb)
    assert found.optimal(pb)
    assert all(pb.allowed(a, b) for a, b in found.pairs)
