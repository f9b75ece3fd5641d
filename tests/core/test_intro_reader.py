"""A group's intro as one of its members reads it: each profession once, each wish once,
the reader named "you", never by their own name (issue #21, the intro on a phone)."""

from __future__ import annotations

from bot.core import wording
from bot.core.intents import Intro, Person
from bot.core.matching import Candidate, MatchConfig, explain, match
from bot.core.matching.explain import for_reader

JD = "Junior doctor (FY1/FY2)"


def _person(pid: str, profession: str, *learn: str, name: str) -> Candidate:
    return Candidate(id=pid, name=name, profession=profession, learn=frozenset(learn),
                     side=None, unpaired_last_round=False)


def _group_of_four():
    people = [_person("a", "Ward sister", JD, name="Amara"),
              _person("d", "Finance manager", JD, "Ward sister", name="David"),
              _person("t", "Physiotherapist", JD, name="Tom"),
              _person("p", JD, name="Priya")]
    [group] = match(people, [], MatchConfig(group_size=4)).groups
    return group


def test_a_group_of_four_names_each_profession_and_each_wish_once():
    group = _group_of_four()
    assert group.reasons[0] == (
        "Ward sister, Finance manager, Physiotherapist and Junior doctor (FY1/FY2) meet")
    assert list(group.reasons[1:3]) == [
        "Amara, David and Tom want to learn about Junior doctor (FY1/FY2)",
        "David wants to learn about Ward sister"]
    assert sum(r.count(JD) for r in group.reasons) == 2


def _read(reason: dict, names: list[str], reader: int | None) -> str:
    return for_reader(reason, names, reader)


def test_the_reader_is_you_and_first_never_their_own_name():
    stored = [explain.stored(r) for r in _group_of_four().explanations]
    names = {"a": "Amara", "d": "David", "t": "Tom", "p": "Priya"}

    def read(reader: str) -> list[str]:
        return [_read(r, [names[p] for p in r["people"]],
                      r["people"].index(reader) if reader in r["people"] else None)
                for r in stored]

    assert read("d")[1:3] == ["You, Amara and Tom want to learn about Junior doctor (FY1/FY2)",
                              "You want to learn about Ward sister"]
    assert read("p")[1:3] == ["Amara, David and Tom want to learn about Junior doctor (FY1/FY2)",
                              "David wants to learn about Ward sister"]
    for reader, name in names.items():
        assert not any(name in line for line in read(reader))
    left_out = {"template": explain.PRIORITISED, "you": explain.PRIORITISED_YOU,
                "values": {}, "people": ["a"]}
    assert _read(left_out, ["Amara"], 0) == "You were left out last round, so get priority"
    met = {"template": explain.MET_BEFORE, "you": explain.MET_BEFORE_YOU,
           "values": {"rounds": 6}, "people": ["t", "a"]}
    assert _read(met, ["Tom", "Amara"], 1) == "You and Tom met before, over 6 rounds ago"
    assert _read(met, ["Tom", "Amara"], None) == "Tom and Amara met before, over 6 rounds ago"


def test_a_reason_stored_as_english_text_reads_as_written_the_reader_as_you():
    """Matches stored before reasons carried values hold English text templates."""
    assert _read({"template": "{0} and {1} met before, over 6 rounds ago",
                  "people": ["t", "a"]}, ["Tom", "Amara"], 1) == (
        "You and Tom met before, over 6 rounds ago")
    assert _read({"template": "{0} wants to learn about Nurse", "people": ["a"]},
                 ["Amara"], 0) == "You want to learn about Nurse"
    assert _read({"template": "Nurse meets Manager", "people": []}, [], None) == (
        "Nurse meets Manager")
    # A template that is still a catalogue message takes its reader's form.
    assert _read({"template": "{0} was left out last round, so gets priority",
                  "people": ["a"]}, ["Amara"], 0) == (
        "You were left out last round, so get priority")
    assert _read({"template": "{0} wants {1}", "people": ["a"]}, ["Amara"], None) == (
        "{0} wants {1}")


def test_a_question_aimed_at_the_reader_says_for_you():
    amara, tom = Person("U1", "Amara", "Ward sister"), Person("U2", "Tom", "Physiotherapist")
    intro = Intro(1, "Ward and board", (amara, tom), (), ("What is hard?", "What is easy?"),
                  "Monday 21 December", aimed=(("Amara",), ("Tom", "Amara")))
    assert wording.questions(intro, "U1") == ("For you: What is hard?",
                                              "For you and Tom: What is easy?")
    assert wording.questions(intro, "U2") == ("For Amara: What is hard?",
                                              "For you and Amara: What is easy?")
    assert wording.questions(intro) == ("For Amara: What is hard?",
                                        "For Tom and Amara: What is easy?")
