"""The before-and-after evaluation as the database holds it and organisers see it."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.evaluation import Stage
from bot.services import evaluation, programme_settings
from bot.store.models import EvaluationAnswer, Participant, Programme
from tests.services.conftest import join


def _ids(services) -> list[int]:
    with services.unit_of_work() as session:
        return list(session.scalars(select(Participant.id).order_by(Participant.id)))


def test_answers_are_stored_replaced_and_summarised(services) -> None:
    for n in range(6):
        join(services, f"U{n}", "Nurse" if n % 2 else "Doctor (junior)")
    people = _ids(services)
    for pid in people:
        assert isinstance(evaluation.record(services, pid, Stage.BASELINE,
                                            {"role": "2", "values": "3"}),
                          evaluation.Recorded)
    # Answering the baseline again replaces it rather than adding rows.
    evaluation.record(services, people[0], Stage.BASELINE, {"role": "1", "values": "3"})
    for pid in people:
        evaluation.record(services, pid, Stage.FOLLOW_UP, {"role": "4"}, term=1)
    with services.unit_of_work() as session:
        assert session.scalar(select(func.count(EvaluationAnswer.id))) == 6 * 2 + 6
    changes = {c.domain: c for c in evaluation.results(services, 1)}
    # Whole blocks of five people (the first five to join), rounded to one decimal.
    assert changes["role"].people == 5
    assert changes["role"].baseline == 1.8 and changes["role"].follow_up == 4
    # Values were asked before but not after: no pair, so nothing is shown.
    assert changes["values"].suppressed and changes["values"].people == 0


def test_a_skipped_questionnaire_stores_nothing_and_bad_input_is_refused(services) -> None:
    join(services, "U1", "Nurse")
    [pid] = _ids(services)
    recorded = evaluation.record(services, pid, Stage.BASELINE, {"role": ""})
    assert isinstance(recorded, evaluation.Recorded) and recorded.answered == ()
    refused = evaluation.record(services, pid, Stage.BASELINE, {"role": "9"})
    assert refused == evaluation.Refused("The answer to 'role' must be a number from 1 to 5.")
    with services.unit_of_work() as session:
        assert not evaluation.has_baseline(session, pid)
        assert session.scalar(select(func.count(EvaluationAnswer.id))) == 0


def test_answers_go_when_the_person_leaves(services) -> None:
    join(services, "U1", "Nurse")
    [pid] = _ids(services)
    evaluation.record(services, pid, Stage.BASELINE, {"role": "3"})
    with services.unit_of_work() as session:
        session.delete(session.get_one(Participant, pid))
    with services.unit_of_work() as session:
        assert session.scalar(select(func.count(EvaluationAnswer.id))) == 0


def test_only_joining_asks_the_baseline_and_only_with_evaluation_on(services) -> None:
    first = join(services, "U1", "Nurse")
    [request] = evaluation.baseline_requests(services, first)
    assert (request.stage, request.term, request.programme) == ("baseline", 0, "Paired learning")
    # Editing the profile is not joining: nothing is asked again.
    assert evaluation.baseline_requests(services, join(services, "U1", "Manager")) == ()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, request.programme_id)
        base = programme_settings.settings_of(programme)
    programme_settings.update_settings(services, request.programme_id,
                                       programme_settings.parse_settings(
                                           {"evaluation": "off"}, base=base), actor="test")
    assert evaluation.baseline_requests(services, join(services, "U2", "Nurse")) == ()


def test_a_form_from_a_platform_is_stored_for_its_sender_only(services) -> None:
    join(services, "U1", "Nurse")
    [pid] = _ids(services)
    stored = evaluation.answer(services, "slack", "T1", "U1", 1, Stage.BASELINE,
                               {"role": "3", "values": ""})
    assert stored == evaluation.Recorded("Paired learning", Stage.BASELINE, ("role",))
    # All skipped: nothing stored, and what was stored before stays.
    skipped = evaluation.answer(services, "slack", "T1", "U1", 1, Stage.BASELINE, {})
    assert isinstance(skipped, evaluation.Recorded) and skipped.answered == ()
    assert evaluation.answer(services, "slack", "T1", "U9", 1, Stage.BASELINE, {"role": "3"}) \
        == evaluation.Refused("You are not in this programme, so the answers were not kept.")
    assert evaluation.answer(services, "slack", "T1", "U1", None, Stage.BASELINE, {}) == \
        evaluation.Refused("This form has expired, so nothing was stored.")
    with services.unit_of_work() as session:
        assert [(a.participant_id, a.domain, a.score) for a in session.scalars(
            select(EvaluationAnswer))] == [(pid, "role", 3)]
