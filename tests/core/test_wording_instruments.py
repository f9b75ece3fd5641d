"""The evaluation request says the programme's own instrument's number of items and name,
not pairbot-5's "five questions" (issue 23)."""

from __future__ import annotations

from bot.core import wording
from bot.core.intents import EvaluationRequest
from bot.core.text import Choices, summary_of

SCALE = tuple((n, str(n)) for n in range(0, 11))


def _request(stage: str, count: int) -> EvaluationRequest:
    return EvaluationRequest(1, "Wards × Finance", stage, 1 if stage == "follow_up" else 0,
                             questions=tuple((f"q{i}", f"Item {i}") for i in range(count)),
                             scale=SCALE, instrument="ISVS-9 form A")


def _button(document) -> str:
    [choices] = [b for b in document.blocks if isinstance(b, Choices)]
    return choices.choices[0].label


def test_a_nine_item_instrument_is_named_and_counted_at_both_stages():
    baseline = wording.evaluation_request(_request("baseline", 9))
    assert baseline.title == "Before your first meeting: 9 quick questions"
    assert ("9 questions from ISVS-9 form A, on a 0 to 10 scale, each optional"
            in baseline.summary)
    assert _button(baseline) == "Answer 9 questions"
    follow = wording.evaluation_request(_request("follow_up", 9))
    assert follow.title == "End of term: 9 quick questions"
    assert "9 questions from ISVS-9 form A" in follow.summary
    for document in (baseline, follow):
        assert "five" not in summary_of(document, lambda ref: ref.words()).lower()


def test_one_item_is_singular_and_pairbot_5_keeps_its_words():
    one = wording.evaluation_request(_request("baseline", 1))
    assert one.title == "Before your first meeting: 1 quick question"
    assert _button(one) == "Answer 1 question"
    default = wording.evaluation_request(EvaluationRequest(1, "P", "baseline"))
    assert default.title == "Before your first meeting: five quick questions"
    assert wording.evaluation_form_title(None) == "Five quick questions"
    assert wording.evaluation_form_title(21) == "21 questions"
    assert wording.evaluation_recorded("follow_up", ["a", "b"], 9) == (
        "Thank you: your answers to 2 of 9 questions are stored as your end-of-term answers; "
        "answering again replaces them.")
