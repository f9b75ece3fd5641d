"""The before-and-after evaluation: what organisers may see."""

from __future__ import annotations

import pytest

from bot.core import evaluation as ev
from bot.core.evaluation import Answer, Stage


def _answers(people: int, before: int, after: int, domain: str = "role") -> list[Answer]:
    rows = []
    for p in range(people):
        rows.append(Answer(str(p), Stage.BASELINE, domain, before))
        rows.append(Answer(str(p), Stage.FOLLOW_UP, domain, after, term=1))
    return rows


def test_change_is_paired_by_person_and_uses_the_latest_follow_up() -> None:
    rows = _answers(5, 2, 3)
    # A later follow-up replaces the earlier one; a person with no baseline does not count.
    rows += [Answer("0", Stage.FOLLOW_UP, "role", 5, term=2),
             Answer("99", Stage.FOLLOW_UP, "role", 1, term=1)]
    role = next(c for c in ev.changes(rows) if c.domain == "role")
    assert role.people == 5 and not role.suppressed
    assert role.baseline == 2.0
    assert role.follow_up == pytest.approx((3 * 4 + 5) / 5)
    assert role.describe() == "Their role: 2.0 → 3.4 (+1.4, 5 people)"


def test_fewer_than_five_people_shows_no_figure() -> None:
    role = next(c for c in ev.changes(_answers(4, 1, 5)) if c.domain == "role")
    assert role.suppressed and role.change is None
    assert role.describe() == (
        "Their role: fewer than 5 people answered before and after, so no figure is shown.")


def test_every_domain_is_reported_even_without_answers() -> None:
    assert [c.domain for c in ev.changes([])] == list(ev.DOMAINS)


def test_follow_up_is_due_at_the_end_of_a_term_or_every_six_rotating_rounds() -> None:
    assert ev.follow_up_due(term_format=True, round_in_term=6, term_rounds=6, ordinal=6)
    assert not ev.follow_up_due(term_format=True, round_in_term=5, term_rounds=6, ordinal=11)
    assert ev.follow_up_due(term_format=False, round_in_term=0, term_rounds=6, ordinal=12)
    assert not ev.follow_up_due(term_format=False, round_in_term=0, term_rounds=6, ordinal=7)
