"""Outcome charts: the before-and-after change per question with its spread, whole and
split by profession and term; every cell of fewer than 5 people shows nothing, shares
are rounded to 10 %; an SVG chart with the table beside it."""

from sqlalchemy import select

from bot.core import evaluation as ev
from bot.services.console import access, outcome_splits
from bot.store.models import EvaluationAnswer, Participant, Programme
from tests.services.conftest import join
from tests.web.console_support import TOKEN, make_client


def _answers(services, clock) -> int:
    # Six nurses (term 1) and three pharmacists (term 2) answer before and after.
    for i in range(6):
        join(services, f"N{i}", "Nurse")
    for i in range(3):
        join(services, f"P{i}", "Pharmacist")
    domain = ev.QUESTIONS[0].domain
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        people = session.execute(select(Participant.id, Participant.user_id)
                                 .order_by(Participant.id)).all()
        for person, user in people:
            nurse = user.startswith("N")
            before, after = 2, (4 if nurse and user != "N5" else 2)
            for stage, score, term in (("baseline", before, 0),
                                       ("follow_up", after, 1 if nurse else 2)):
                session.add(EvaluationAnswer(participant_id=person, programme_id=pid,
                                             stage=stage, term=term, domain=domain,
                                             score=score, answered_at=clock.at))
    return pid


def test_each_cell_is_suppressed_below_five_and_shares_are_rounded(services, clock):
    pid = _answers(services, clock)
    found = outcome_splits.splits_of(services, access.OPERATOR, pid)
    [everyone] = found.overall.rows[0].cells
    # Nine people answered: whole blocks of five are counted, the first five to join.
    assert everyone.people == 5 and everyone.change == 2.0
    assert (everyone.lower, everyone.same, everyone.higher) == (0, 0, 100)
    by_profession = next(s for s in found.splits if s.key == "profession")
    assert by_profession.columns == ("Nurse", "Pharmacist")
    nurses, pharmacists = by_profession.rows[0].cells
    assert nurses.people == 5 and nurses.change == 2.0 and nurses.shown
    assert pharmacists.people == 0 and not pharmacists.shown and pharmacists.change is None
    by_term = next(s for s in found.splits if s.key == "term")
    assert by_term.columns == ("Term 1", "Term 2")
    assert [c.shown for c in by_term.rows[0].cells] == [True, False]
    # A question nobody answered shows nothing anywhere.
    assert not any(c.shown for row in found.overall.rows[1:] for c in row.cells)


def test_the_outcomes_page_draws_the_chart_and_the_tables(engine, services, clock):
    pid = _answers(services, clock)
    page = make_client(engine, services).get(f"/admin/programmes/{pid}/outcomes",
                                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200
    assert '<svg id="spread-chart"' in page.text and 'role="img"' in page.text
    assert "Change per question: By profession" in page.text
    assert "+2.0 <span class=\"spread\">(lower 0%, same 0%, higher 100%)</span>" in page.text
    assert "fewer than 5 people" in page.text
