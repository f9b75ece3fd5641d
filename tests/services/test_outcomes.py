"""A programme's instrument: answers on its scale, the organiser's figures, and the
anonymised research export."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from bot.core.evaluation import Stage
from bot.core.instruments import load_catalogue
from bot.services import evaluation
from bot.store.models import Participant, Programme
from tests.services.conftest import join

FIXTURE = Path(__file__).parents[1] / "core" / "fixtures" / "two-subscales.yaml"


def _people(services, count: int) -> list[int]:
    for n in range(count):
        join(services, f"U{n}", "Nurse" if n % 2 else "Doctor (junior)")
    with services.unit_of_work() as session:
        return list(session.scalars(select(Participant.id).order_by(Participant.id)))


def test_the_default_instrument_keeps_the_five_questions(services) -> None:
    [pid] = _people(services, 1)
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, 1)
        assert evaluation.instrument_id(programme) == "pairbot-5"
    refused = evaluation.record(services, pid, Stage.BASELINE, {"role": "6"})
    assert refused == evaluation.Refused("The answer to 'role' must be a number from 1 to 5.")


def test_figures_and_suppression_for_a_seven_point_instrument(services, tmp_path,
                                                              monkeypatch) -> None:
    people = _people(services, 6)
    (tmp_path / "seven.yaml").write_text(FIXTURE.read_text())
    services.instruments = load_catalogue(tmp_path)
    monkeypatch.setattr(evaluation, "instrument_id", lambda programme: "test-7")
    for n, pid in enumerate(people):
        assert isinstance(evaluation.record(
            services, pid, Stage.BASELINE, {"a1": 2, "a2": 6, "b1": 3, "b2": 5}),
            evaluation.Recorded)
        # A 7 is stored: the old 1-5 check is gone with migration 0011.
        assert isinstance(evaluation.record(
            services, pid, Stage.FOLLOW_UP, {"a1": 3 + n % 2, "a3": 7, "b1": 6, "b2": 1},
            term=1), evaluation.Recorded)
    figures = evaluation.outcome_figures(services, 1)
    assert not isinstance(figures, evaluation.Refused)
    by_id = {f.id: f for f in figures}
    # Knowledge after: (a1 3 or 4, a3 7) / 2 → 5 or 5.5, mean 5.25; attitude (6 + 7) / 2.
    assert (by_id["knowledge"].before, by_id["knowledge"].after) == (2.0, 5.2)
    assert (by_id["attitude"].before, by_id["attitude"].after) == (3.0, 6.5)
    assert by_id["whole scale"].people == 6 and not by_id["whole scale"].suppressed
    # One person leaves: five remain, still shown; a second: four, nothing shown.
    for pid in people[:2]:
        with services.unit_of_work() as session:
            session.delete(session.get_one(Participant, pid))
        figures = evaluation.outcome_figures(services, 1)
        assert not isinstance(figures, evaluation.Refused)
    whole = next(f for f in figures if f.id == "whole scale")
    assert whole.suppressed and whole.people == 4 and whole.before is None


def test_an_instrument_the_deployment_lacks_is_refused_in_one_sentence(services,
                                                                       monkeypatch) -> None:
    [pid] = _people(services, 1)
    monkeypatch.setattr(evaluation, "instrument_id", lambda programme: "isvs-21")
    refused = evaluation.record(services, pid, Stage.BASELINE, {"role": "3"})
    assert isinstance(refused, evaluation.Refused)
    assert evaluation.outcome_figures(services, 1) == evaluation.Refused(
        "The evaluation instrument 'isvs-21' is not installed here, so no figures can be "
        "given.")


def test_the_research_export_is_anonymous_and_suppresses_small_cells(services) -> None:
    people = _people(services, 7)
    for n, pid in enumerate(people):
        evaluation.record(services, pid, Stage.BASELINE, {"role": 2, "values": 3})
        if n < 6:
            evaluation.record(services, pid, Stage.FOLLOW_UP, {"role": 4}, term=1)
    table = evaluation.research_rows(services, 1, random.Random(3))
    header, rows = table[0], table[1:]
    assert header[:4] == ["research_id", "profession_group", "side", "term"]
    assert "before_role" in header and "after_confidence" in header
    assert len(rows) == 7
    text = repr(table)
    assert "Name U" not in text and "Nurse" not in text and "U1" not in text
    ids = [row[0] for row in rows]
    assert len(set(ids)) == 7 and all(str(i).startswith("R") for i in ids)
    # Doctors (4, group clinical) and nurses (3, clinical too): one group of 7, shown.
    assert {row[1] for row in rows} == {"clinical"}
    before_role = header.index("before_role")
    after_role = header.index("after_role")
    assert sorted(row[before_role] for row in rows) == [2] * 7
    assert sorted(str(row[after_role]) for row in rows) == [""] + ["4"] * 6
    # A new export gives new ids.
    again = evaluation.research_rows(services, 1, random.Random(4))
    assert {r[0] for r in again[1:]}.isdisjoint(ids)


def test_the_research_export_of_fewer_than_five_people_is_the_header_only(services) -> None:
    for pid in _people(services, 4):
        evaluation.record(services, pid, Stage.BASELINE, {"role": 2})
    table = evaluation.research_rows(services, 1)
    assert len(table) == 1 and table[0][0] == "research_id"



def test_admin_stats_carry_the_statistics_after_the_before_and_after_lines(services) -> None:
    from bot.services import stats

    people = _people(services, 5)
    for n, pid in enumerate(people):
        evaluation.record(services, pid, Stage.BASELINE, {"role": 2, "confidence": 3})
        evaluation.record(services, pid, Stage.FOLLOW_UP, {"role": 3 + n % 2, "confidence": 3},
                          term=1)
    lines = stats.programme_stats(services, 1).evaluation
    assert "• Their role: 2.0 → 3.4 (+1.4, 5 people)" in lines
    role = next(line for line in lines if line.startswith("• Their role: 2.0 → 3.4, change"))
    assert "95 % CI" in role and "Wilcoxon p = " in role and "5 people" in role
    assert ("• Confidence working together: 3.0 → 3.0, change +0.0 (95 % CI +0.0 to +0.0; "
            "no change to test; 5 people)") in lines
    # Values was never answered; the understanding subscale is the mean of what was (role).
    assert ("• Their values: fewer than 5 people answered before and after, so no figure is "
            "shown.") in lines
    assert any(line.startswith("• Subscale: understanding: 2.0 → 3.4, change +1.4")
               for line in lines)
