"""The before-and-after evaluation: five self-ratings, asked when someone joins and again
at the end of each term, and the change organisers may see.

The questions follow the published paired-learning schemes (NHS Lothian's "understanding of
the other group" and "collaborative working", the buddy schemes' self-rated knowledge): how
well I understand the role, values, challenges and barriers of the professions I meet, and
how confident I am working with them. Organisers see only aggregates of people who answered
both times, and nothing for fewer than `MIN_GROUP` people.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.core import instruments
from bot.core.i18n import N_

MIN_GROUP = 5
# Asked every this many rounds in rotating programmes (term programmes: at the end of a term).
ROTATING_FOLLOW_UP_EVERY = 6


class Stage(StrEnum):
    """When an answer was given."""

    BASELINE = "baseline"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Question:
    """One self-rating on the 1-5 scale."""

    domain: str
    text: str
    short: str


def _bundled_questions() -> tuple[Question, ...]:
    # The five questions live in bot/core/data/instruments/pairbot-5.yaml.
    return tuple(Question(it.id, it.text, it.label) for it in instruments.bundled().items)


QUESTIONS: tuple[Question, ...] = _bundled_questions()
# The bundled instrument's short labels (pairbot-5.yaml), marked for the catalogue: the
# console's tables translate a label where they show it; a programme's own instrument's
# labels, which no catalogue holds, read as written.
BUNDLED_LABELS = (N_("Their role"), N_("Their values"), N_("Their challenges"),
                  N_("Barriers between us"), N_("Confidence working together"))
DOMAINS: tuple[str, ...] = tuple(q.domain for q in QUESTIONS)
SCALE: tuple[tuple[int, str], ...] = instruments.bundled().scale.choices()

@dataclass(frozen=True)
class Answer:
    """One person's rating of one domain at one stage; `term` orders follow-ups."""

    person: str
    stage: Stage
    domain: str
    score: int
    term: int = 0


@dataclass(frozen=True)
class DomainChange:
    """The change in one domain among people who answered before and after."""

    domain: str
    label: str
    people: int
    baseline: float | None
    follow_up: float | None
    suppressed: bool

    @property
    def change(self) -> float | None:
        """Mean follow-up minus mean baseline, when shown."""
        if self.baseline is None or self.follow_up is None:
            return None
        return round(self.follow_up - self.baseline, 1)

    def describe(self) -> str:
        """One line an organiser can read."""
        if self.suppressed:
            return (f"{self.label}: fewer than {MIN_GROUP} people answered before and after, "
                    "so no figure is shown.")
        assert self.baseline is not None and self.follow_up is not None
        return (f"{self.label}: {self.baseline:.1f} → {self.follow_up:.1f} "
                f"({self.follow_up - self.baseline:+.1f}, {self.people} people)")


def changes(answers: Iterable[Answer]) -> tuple[DomainChange, ...]:
    """Per domain, the mean baseline and the mean latest follow-up of the people who gave
    both (paired by person); suppressed below `MIN_GROUP` people."""
    baseline: dict[tuple[str, str], int] = {}
    latest: dict[tuple[str, str], tuple[int, int]] = {}
    for a in answers:
        key = (a.domain, a.person)
        if a.stage is Stage.BASELINE:
            baseline[key] = a.score
        elif key not in latest or a.term >= latest[key][0]:
            latest[key] = (a.term, a.score)
    result = []
    for q in QUESTIONS:
        paired = [(baseline[k], latest[k][1]) for k in sorted(baseline, key=_joined)
                  if k[0] == q.domain and k in latest]
        # Complementary suppression: the figure covers whole blocks of MIN_GROUP people (the
        # earliest to join first), so two figures published before and after someone leaves
        # or answers differ by at least MIN_GROUP people, never by the one person.
        paired = paired[:len(paired) // MIN_GROUP * MIN_GROUP]
        if len(paired) < MIN_GROUP:
            result.append(DomainChange(q.domain, q.short, len(paired), None, None, True))
            continue
        result.append(DomainChange(
            q.domain, q.short, len(paired),
            baseline=round(statistics.fmean(b for b, _ in paired), 1),
            follow_up=round(statistics.fmean(f for _, f in paired), 1), suppressed=False))
    return tuple(result)


def _joined(key: tuple[str, str]) -> tuple[int, str]:
    """People in the order they joined (their ids grow), then by name for other ids."""
    person = key[1]
    return (int(person), "") if person.isdigit() else (0, person)


def follow_up_due(*, term_format: bool, round_in_term: int, term_rounds: int,
                  ordinal: int) -> bool:
    """Whether the round just run ends a term (term format) or a block of
    `ROTATING_FOLLOW_UP_EVERY` rounds (rotating format), so the follow-up is asked."""
    if term_format:
        return round_in_term == term_rounds
    return ordinal > 0 and ordinal % ROTATING_FOLLOW_UP_EVERY == 0
