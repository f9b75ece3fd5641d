"""Evaluation instruments as data: the bundled pairbot-5, bad files, and scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import evaluation as ev
from bot.core import instruments as inst

FIXTURE = Path(__file__).parent / "fixtures" / "two-subscales.yaml"


def test_the_bundled_instrument_is_the_five_questions_the_forms_ask() -> None:
    five = inst.bundled()
    assert five.id == "pairbot-5"
    assert [it.id for it in five.items] == ["role", "values", "challenges", "barriers",
                                            "confidence"]
    assert (five.scale.min, five.scale.max) == (1, 5)
    # The evaluation forms are built from the same file.
    assert [q.domain for q in ev.QUESTIONS] == [it.id for it in five.items]
    assert ev.QUESTIONS[0].text == ("How well do I understand the roles of the professions I "
                                    "am meeting?")
    assert ev.SCALE[0] == (1, "1: hardly at all")
    assert five.form("before") == five.items == five.form("after")


def test_reversed_items_subscales_and_whole_scale_match_hand_computed_values() -> None:
    seven = inst.parse(FIXTURE.read_text(), "two-subscales.yaml")
    before = seven.score({"a1": 2, "a2": 6, "b1": 3, "b2": 5})
    # a2 reversed: 1 + 7 - 6 = 2; b2 reversed: 1 + 7 - 5 = 3.
    assert dict(before.items) == {"a1": 2, "a2": 2, "b1": 3, "b2": 3}
    assert dict(before.subscales) == {"knowledge": 2.0, "attitude": 3.0}
    assert before.whole == 2.5
    after = seven.score({"a1": 6, "a3": 7, "b1": 6, "b2": 1})
    assert dict(after.subscales) == {"knowledge": 6.5, "attitude": 6.5}
    assert after.whole == 6.5
    assert [it.id for it in seven.form("before")] == ["a1", "a2", "b1", "b2"]
    assert [it.id for it in seven.form("after")] == ["a1", "a3", "b1", "b2"]
    assert seven.scale.choices()[0] == (1, "strongly disagree")
    assert seven.scale.choices()[1] == (2, "2")


def test_answers_off_the_scale_are_refused_in_one_sentence() -> None:
    seven = inst.parse(FIXTURE.read_text(), "x.yaml")
    assert seven.parse({"a1": "7", "a2": "", "b1": None}) == {"a1": 7}
    with pytest.raises(inst.InstrumentAnswerError, match=r"^The answer to 'a1' must be a "
                                                         r"number from 1 to 7\.$"):
        seven.parse({"a1": "8"})


GOOD = FIXTURE.read_text()


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("licence: CC0\n", ""), "bad.yaml: licence: is missing."),
    (GOOD.replace("id: a3,", "id: a1,"),
     "bad.yaml: items[2].id: 'a1' is used by an earlier item."),
    (GOOD.replace("max: 7", "max: 1").replace(
        "labels: {1: strongly disagree, 4: neither, 7: strongly agree}", "labels: [one]"),
     "bad.yaml: scale.max: must be greater than scale.min (1); a scale of 1 to 1 cannot "
     "measure a change."),
    (GOOD.replace("max: 7", "max: 7.5"),
     "bad.yaml: scale.max: must be a whole number (reversed items are scored as "
     "min + max - answer)."),
    (GOOD.replace("reversed: true}", "reversed: yes please}", 1),
     "bad.yaml: items[1].reversed: must be true or false."),
    (GOOD.replace("after: [a1, a3", "after: [a1, a9"),
     "bad.yaml: forms.after[1]: 'a9' is not an item id."),
    (GOOD.replace("  - {id: b1, text: I enjoy", "  - {id: b1, txt: I enjoy"),
     "bad.yaml: items[3].text: is missing."),
    ("id: [", "bad.yaml: is not valid YAML at line 1."),
    (GOOD.replace("4: neither", "4: no"),
     "bad.yaml: scale.labels.4: must be text; put it in quotes (YAML reads yes, no, on and "
     "off as true or false)."),
])
def test_a_bad_file_is_refused_in_one_line_naming_the_file_and_the_field(
        text: str, message: str) -> None:
    with pytest.raises(inst.InstrumentError) as caught:
        inst.parse(text, "bad.yaml")
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_a_folder_adds_its_instruments_and_a_reused_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / "seven.yaml").write_text(GOOD)
    catalogue = inst.load_catalogue(tmp_path)
    assert sorted(catalogue.instruments) == ["pairbot-5", "test-7"]
    assert catalogue.get(None) is catalogue.get("pairbot-5")
    assert catalogue.check("test-7") is None
    assert catalogue.check("isvs-21") == ("There is no evaluation instrument 'isvs-21'; this "
                                          "deployment offers pairbot-5, test-7.")
    (tmp_path / "again.yaml").write_text(GOOD)
    with pytest.raises(inst.InstrumentError,
                       match=r"seven\.yaml: id 'test-7' is already used by .*again\.yaml\.$"):
        inst.load_catalogue(tmp_path)
