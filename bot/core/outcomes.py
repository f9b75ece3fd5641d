"""The organiser's before-and-after figures for one instrument.

Per item, per subscale and for the whole scale, among the people who answered both times
(before: their baseline; after: their latest follow-up): the mean before and after, the mean
change with its 95 % confidence interval (Student's t on the paired differences), the
Wilcoxon signed-rank test (scipy.stats.wilcoxon, two-sided, zero differences dropped) and
its effect size, the matched-pairs rank-biserial correlation
r = (sum of positive ranks - sum of negative ranks) / (sum of all ranks), over the same
non-zero differences. Nothing is shown for fewer than `MIN_PEOPLE` people; means are
rounded to one decimal, p-values to three, the effect size to two.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scipy import stats as sp

from bot.core.instruments import WHOLE, Instrument, Scores, measures

MIN_PEOPLE = 5


@dataclass(frozen=True)
class Paired:
    """One person's scores before and after (the person is a pseudonym)."""

    person: str
    before: Scores
    after: Scores


@dataclass(frozen=True)
class Figure:
    """The change in one measure; every number is None when `suppressed`."""

    kind: str  # item, subscale or scale
    id: str
    label: str
    people: int
    suppressed: bool
    before: float | None = None
    after: float | None = None
    change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    effect: float | None = None

    def describe(self) -> str:
        """One line an organiser can read."""
        if self.suppressed:
            return (f"{self.label}: fewer than {MIN_PEOPLE} people answered before and after, "
                    "so no figure is shown.")
        p = "no change to test" if self.p_value is None else f"Wilcoxon p = {self.p_value:.3f}"
        r = "" if self.effect is None else f", rank-biserial r = {self.effect:.2f}"
        return (f"{self.label}: {self.before:.1f} → {self.after:.1f}, change {self.change:+.1f} "
                f"(95 % CI {self.ci_low:+.1f} to {self.ci_high:+.1f}; {p}{r}; "
                f"{self.people} people)")


def pairs_of(instrument: Instrument, kind: str, ident: str,
             people: Sequence[Paired]) -> list[tuple[float, float]]:
    """The (before, after) values of one measure, for everyone who has both."""
    result = []
    for person in people:
        b, a = _value(person.before, kind, ident), _value(person.after, kind, ident)
        if b is not None and a is not None:
            result.append((float(b), float(a)))
    return result


def _value(scores: Scores, kind: str, ident: str) -> float | None:
    if kind == "item":
        return scores.items.get(ident)
    if kind == "subscale":
        return scores.subscales.get(ident)
    return scores.whole


def figure(kind: str, ident: str, label: str, pairs: Sequence[tuple[float, float]]) -> Figure:
    """The figure of one measure from its (before, after) pairs."""
    n = len(pairs)
    if n < MIN_PEOPLE:
        return Figure(kind, ident, label, n, True)
    before = [b for b, _ in pairs]
    after = [a for _, a in pairs]
    diffs = [a - b for b, a in pairs]
    mean = statistics.fmean(diffs)
    half = sp.t.ppf(0.975, n - 1) * statistics.stdev(diffs) / math.sqrt(n)
    nonzero = [d for d in diffs if d != 0]
    p_value = effect = None
    if nonzero:
        p_value = round(float(sp.wilcoxon(after, before).pvalue), 3)
        effect = round(rank_biserial(diffs), 2)
    return Figure(kind, ident, label, n, False,
                  before=round(statistics.fmean(before), 1),
                  after=round(statistics.fmean(after), 1), change=round(mean, 1),
                  ci_low=round(mean - half, 1), ci_high=round(mean + half, 1),
                  p_value=p_value, effect=effect)


def rank_biserial(diffs: Sequence[float]) -> float:
    """The matched-pairs rank-biserial correlation of paired differences (zeros dropped,
    ties given their mean rank): +1 when everyone's score rose."""
    nonzero = [d for d in diffs if d != 0]
    ranks = sp.rankdata([abs(d) for d in nonzero])
    positive = sum(r for r, d in zip(ranks, nonzero, strict=True) if d > 0)
    total = sum(ranks)
    return float((2 * positive - total) / total)


def figures(instrument: Instrument, people: Sequence[Paired]) -> tuple[Figure, ...]:
    """Every item, subscale and the whole scale, in that order."""
    labels: Mapping[str, str] = {it.id: it.label for it in instrument.items}
    result = []
    for kind, ident in measures(instrument):
        label = labels[ident] if kind == "item" else (
            "Whole scale" if ident == WHOLE else f"Subscale: {ident}")
        result.append(figure(kind, ident, label, pairs_of(instrument, kind, ident, people)))
    return tuple(result)
