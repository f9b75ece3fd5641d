"""The one sentence an organiser reads about how good a round's grouping is."""

from bot.core.matching import Candidate, MatchConfig, match
from bot.core.matching.explain import certificate


def test_a_proven_round_says_so_with_its_score():
    text = certificate({"pair_score": 120, "total_score": 150, "bound": 120.0, "gap": 0.0,
                        "optimal": True})
    assert text == ("Proven best: no other grouping that places as many people scores more "
                    "than 120 points.")


def test_an_unproven_round_gives_its_gap_to_the_bound():
    text = certificate({"pair_score": 23500, "bound": 23502.0, "gap": 2.0, "optimal": False})
    assert text == ("Not proven best: 23500 points, at most 2 points (0.01%) below the best "
                    "possible (upper bound 23502).")


def test_groups_without_a_bound_say_none_was_worked_out():
    text = certificate({"total_score": 40, "optimal": False})
    assert text == ("Not proven best: 40 points, and no upper bound was worked out for this "
                    "round.")


def test_a_round_recorded_before_certificates_shows_nothing():
    assert certificate({"people": 12, "groups": 6}) == ""


def test_the_matchers_own_stats_read_as_proven_for_a_small_round():
    people = [Candidate(id=f"p{i}", name=f"P{i}", profession=prof)
              for i, prof in enumerate(["Nurse", "Manager", "Pharmacist", "GP"])]
    result = match(people, [], MatchConfig(seed=3))
    assert certificate(result.stats).startswith("Proven best: no other grouping")


def test_exact_cohorts_quote_the_whole_score_their_bound_is_about():
    people = [Candidate(id=f"a{i}", name=f"A{i}", profession="Doctor", side="A")
              for i in range(4)] + [Candidate(id="b0", name="B0", profession="Manager",
                                              side="B")]
    result = match(people, [], MatchConfig(mode="two-sided", capacity=4, seed=1))
    total = sum(g.score for g in result.groups)
    assert certificate(result.stats) == (
        f"Proven best: no other grouping that places as many people scores more than "
        f"{total} points.")


def test_a_term_round_says_which_groups_meet_again_and_proves_only_the_new_ones():
    matched = {"optimal": True, "bound": 42, "gap": 0.0, "total_score": 42, "groups": 2}
    later = certificate({**matched, "term": 1, "round_in_term": 2, "kept": 8})
    assert later == ("Meeting 2 of term 1: 8 groups continue from earlier in the term, 2 were "
                     "formed anew. For those: Proven best: no other grouping that places as "
                     "many people scores more than 42 points.")
    nobody_new = certificate({"optimal": True, "bound": 0, "gap": 0.0, "total_score": 0,
                              "groups": 0, "term": 1, "round_in_term": 3, "kept": 10})
    assert nobody_new == ("Meeting 3 of term 1: the term's 10 groups meet again; nobody "
                          "needed a new group.")
    first = certificate({**matched, "term": 2, "round_in_term": 1, "kept": 0})
    assert first.startswith("Meeting 1 of term 2: the term's groups were formed now. Proven best")
