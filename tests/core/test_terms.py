"""Term programmes: groups kept for a term, newcomers and orphans matched, term starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from bot.core import terms
from bot.core.terms import TermGroup, TermState


def anyone(_: Sequence[str]) -> bool:
    return True


def test_the_first_round_starts_term_one_and_matches_everyone() -> None:
    plan = terms.plan_round(None, term_rounds=6, term_start_crossed=False,
                            taking_part={"1", "2", "3"}, in_programme={"1", "2", "3"},
                            allowed=anyone)
    assert (plan.term, plan.round_in_term, plan.new_term) == (1, 1, True)
    assert plan.to_match == ("1", "2", "3") and plan.kept == ()


def test_groups_are_kept_and_newcomers_matched() -> None:
    state = TermState(1, 2, (TermGroup(10, ("1", "2")), TermGroup(11, ("3", "4"))))
    plan = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                            taking_part={"1", "2", "3", "4", "5"},
                            in_programme={"1", "2", "3", "4", "5"}, allowed=anyone)
    assert (plan.term, plan.round_in_term, plan.new_term) == (1, 3, False)
    assert plan.kept == (TermGroup(10, ("1", "2")), TermGroup(11, ("3", "4")))
    assert plan.to_match == ("5",) and plan.partner_left == ()


def test_someone_whose_partner_left_is_rematched_and_told() -> None:
    state = TermState(1, 2, (TermGroup(10, ("1", "2")), TermGroup(11, ("3", "4"))))
    plan = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                            taking_part={"1", "3", "4"}, in_programme={"1", "3", "4"},
                            allowed=anyone)
    assert plan.kept == (TermGroup(11, ("3", "4")),)
    assert plan.to_match == ("1",) and plan.partner_left == ("1",)


def test_a_paused_partner_sits_out_and_the_group_resumes_later() -> None:
    state = TermState(1, 2, (TermGroup(10, ("1", "2")),))
    plan = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                            taking_part={"1"}, in_programme={"1", "2"}, allowed=anyone)
    assert plan.kept == () and plan.to_match == ("1",) and plan.partner_left == ()


def test_a_trio_that_loses_one_member_goes_on_if_the_rule_allows() -> None:
    state = TermState(1, 2, (TermGroup(10, ("1", "2", "3")),))
    plan = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                            taking_part={"1", "2"}, in_programme={"1", "2"}, allowed=anyone)
    assert plan.kept == (TermGroup(10, ("1", "2")),)
    refused = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                               taking_part={"1", "2"}, in_programme={"1", "2"},
                               allowed=lambda g: False)
    assert refused.kept == () and refused.partner_left == ("1", "2")


def test_a_new_term_starts_after_term_rounds_or_at_a_start_date() -> None:
    state = TermState(1, 6, (TermGroup(10, ("1", "2")),))
    after_six = terms.plan_round(state, term_rounds=6, term_start_crossed=False,
                                 taking_part={"1", "2"}, in_programme={"1", "2"},
                                 allowed=anyone)
    assert (after_six.term, after_six.round_in_term, after_six.new_term) == (2, 1, True)
    early = terms.plan_round(TermState(1, 3, state.groups), term_rounds=6,
                             term_start_crossed=True, taking_part={"1", "2"},
                             in_programme={"1", "2"}, allowed=anyone)
    assert early.new_term and early.term == 2


def test_term_starts_are_parsed_and_crossed() -> None:
    starts = terms.parse_term_starts(
        "first wednesday of august; First Wednesday of December;first wednesday april")
    assert [s.describe() for s in starts] == [
        "first wednesday of august", "first wednesday of december", "first wednesday of april"]
    assert starts[0].on(2027) == dt.date(2027, 8, 4)
    assert terms.term_start_between(starts, dt.date(2027, 7, 5), dt.date(2027, 8, 4))
    assert not terms.term_start_between(starts, dt.date(2027, 8, 4), dt.date(2027, 9, 6))
    assert terms.term_start_between(starts, dt.date(2027, 11, 1), dt.date(2028, 4, 5))
    assert not terms.term_start_between(starts, None, dt.date(2027, 8, 4))


@pytest.mark.parametrize("text", ["august", "first funday of august", "first monday of smarch"])
def test_bad_term_starts_are_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(terms.TermError, match="is not a term start"):
        terms.parse_term_starts(text)
