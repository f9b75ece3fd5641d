"""The organiser's before-and-after figures, checked by hand and against scipy."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scipy import stats

from bot.core import instruments as inst
from bot.core import outcomes

FIXTURE = Path(__file__).parent / "fixtures" / "two-subscales.yaml"

# Six people's a1 answers: differences 2, 1, 1, 0, 2, 1.
BEFORE = [2.0, 3.0, 2.0, 4.0, 3.0, 2.0]
AFTER = [4.0, 4.0, 3.0, 4.0, 5.0, 3.0]


def test_a_figure_matches_hand_computed_values_and_scipy() -> None:
    f = outcomes.figure("item", "a1", "A1", list(zip(BEFORE, AFTER, strict=True)))
    # By hand: means 16/6 = 2.67 and 23/6 = 3.83; mean difference 7/6 = 1.17;
    # sd of the differences sqrt(((5/6)^2*2 + (1/6)^2*3 + (7/6)^2) / 5) = 0.753;
    # t(0.975, 5) = 2.571, so the half-width is 2.571 * 0.753 / sqrt(6) = 0.790.
    assert (f.people, f.before, f.after, f.change) == (6, 2.7, 3.8, 1.2)
    assert (f.ci_low, f.ci_high) == (0.4, 2.0)
    # Every non-zero difference is positive: rank-biserial r = +1.
    assert f.effect == 1.0
    ci = stats.ttest_rel(AFTER, BEFORE).confidence_interval(0.95)
    assert (f.ci_low, f.ci_high) == (round(ci.low, 1), round(ci.high, 1))
    assert f.p_value == round(stats.wilcoxon(AFTER, BEFORE).pvalue, 3)
    assert f.describe().startswith("A1: 2.7 → 3.8, change +1.2 (95 % CI +0.4 to +2.0; "
                                   "Wilcoxon p = ")


def test_the_rank_biserial_counts_negative_ranks_against_positive_ones() -> None:
    # |d| 1, 2, 3 ranked 1, 2, 3; the -2 is against: (1 + 3 - 2) / 6 = 1/3.
    assert outcomes.rank_biserial([1, -2, 3, 0]) == pytest.approx(1 / 3)
    # From scipy's one-sided statistic T+ (the sum of positive ranks): r = (2 T+ - total) / total.
    res = stats.wilcoxon([1, -2, 3], alternative="greater")
    assert outcomes.rank_biserial([1, -2, 3]) == pytest.approx((2 * res.statistic - 6) / 6)


def test_random_fixtures_agree_with_scipy() -> None:
    import random

    rng = random.Random(7)
    for _ in range(20):
        n = rng.randint(5, 40)
        before = [float(rng.randint(1, 7)) for _ in range(n)]
        after = [float(min(7, max(1, b + rng.choice([-1, 0, 1, 1, 2])))) for b in before]
        f = outcomes.figure("scale", "whole scale", "Whole", list(zip(before, after,
                                                                     strict=True)))
        ci = stats.ttest_rel(after, before).confidence_interval(0.95)
        if not math.isnan(ci.low):
            assert (f.ci_low, f.ci_high) == (round(ci.low, 1), round(ci.high, 1))
        if any(a != b for a, b in zip(after, before, strict=True)):
            assert f.p_value == round(stats.wilcoxon(after, before).pvalue, 3)


def test_below_five_people_nothing_is_shown() -> None:
    f = outcomes.figure("item", "a1", "A1", list(zip(BEFORE[:4], AFTER[:4], strict=True)))
    assert f.suppressed and f.people == 4
    assert (f.before, f.after, f.change, f.ci_low, f.p_value, f.effect) == (None,) * 6
    assert f.describe() == ("A1: fewer than 5 people answered before and after, so no figure "
                            "is shown.")


def test_no_change_at_all_has_no_test_but_a_figure() -> None:
    f = outcomes.figure("item", "a1", "A1", [(3.0, 3.0)] * 5)
    assert (f.change, f.ci_low, f.ci_high, f.p_value, f.effect) == (0.0, 0.0, 0.0, None, None)


def test_figures_cover_items_subscales_and_the_whole_scale_with_parallel_forms() -> None:
    seven = inst.parse(FIXTURE.read_text(), "x.yaml")
    people = [outcomes.Paired(f"p{n}", seven.score({"a1": 2, "a2": 6, "b1": 3, "b2": 5}),
                              seven.score({"a1": 3 + n % 2, "a3": 6, "b1": 5, "b2": 2}))
              for n in range(6)]
    by_id = {f.id: f for f in outcomes.figures(seven, people)}
    assert list(by_id) == ["a1", "a2", "a3", "b1", "b2", "knowledge", "attitude",
                           "whole scale"]
    # a2 is only on the before form, a3 only on the after form: nobody has both.
    assert by_id["a2"].suppressed and by_id["a2"].people == 0
    assert by_id["a3"].suppressed
    # knowledge before: (2 + 2) / 2 = 2; after (3 or 4, and 6) / 2 = 4.5 or 5 → mean 4.75.
    assert (by_id["knowledge"].before, by_id["knowledge"].after) == (2.0, 4.8)
    # attitude: before (3 + 3) / 2 = 3, after (5 + 6) / 2 = 5.5.
    assert (by_id["attitude"].before, by_id["attitude"].after) == (3.0, 5.5)
    assert by_id["whole scale"].people == 6
