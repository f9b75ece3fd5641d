"""Why someone was left out: kept by reference (a key and its values), worded through the
catalogue in the reader's language when the message is sent; older rows, which hold the
English text, still read as written."""

from __future__ import annotations

import pytest

from bot.core import i18n, wording
from bot.core.intents import Unpaired
from bot.core.matching import Candidate, MatchConfig, match
from bot.core.matching.explain import PRIORITY, left_out_words, reason_text
from bot.core.matching.model import LeftOut

EVERY_REASON = [
    LeftOut("away", (("days", 14),)),
    LeftOut("away", (("days", 1),)),
    # The sides as the programme names them (programme_settings.side_names_of).
    LeftOut("nobody_on_side", (("other", "the Mentors side"),)),
    LeftOut("met_everyone_on_side", (("other", "the Junior doctors side"), ("recency", 6))),
    LeftOut("met_everyone_on_side", (("other", "the Junior doctors side"), ("recency", 1))),
    LeftOut("side_a_full", (("same", 5), ("others", 2), ("capacity", 2),
                            ("side_a", "the Junior doctors side"),
                            ("side_b", "the Mentors side"))),
    LeftOut("side_a_full", (("same", 5), ("others", 2), ("capacity", 1),
                            ("side_a", "the Junior doctors side"),
                            ("side_b", "the Mentors side"))),
    LeftOut("side_b_outnumbered", (("same", 4), ("others", 2),
                                   ("side_a", "the Junior doctors side"),
                                   ("side_b", "the Mentors side"))),
    LeftOut("side_no_room", (("other", "the Mentors side"),)),
    LeftOut("alone"),
    LeftOut("all_same_profession", (("profession", "Nurse"),)),
    LeftOut("met_everyone", (("recency", 6),)),
    LeftOut("met_everyone", (("recency", 1),)),
    LeftOut("outnumbered", (("same", 3), ("profession", "Nurse"), ("others", 1))),
    LeftOut("no_room"),
]


@pytest.mark.parametrize("why", EVERY_REASON, ids=lambda w: f"{w.key}{dict(w.values)}")
def test_every_left_out_reason_passes_through_the_catalogue(why):
    english = left_out_words(why.key, dict(why.values))
    assert english and "{" not in english
    with i18n.using(i18n.PSEUDO_LOCALE):
        marked = left_out_words(why.key, dict(why.values))
    assert marked.startswith(i18n.PSEUDO_OPEN) and marked.endswith(i18n.PSEUDO_CLOSE)
    with i18n.using("cy"):
        welsh = left_out_words(why.key, dict(why.values))
    assert welsh and welsh != english and "{" not in welsh
    for value in dict(why.values).values():
        if value != 1:  # a singular says "the last round", not "the last 1 round"
            assert str(value) in welsh


def test_sides_are_named_as_the_programme_names_them_and_unnamed_ones_in_the_reader_s_language():
    assert left_out_words("nobody_on_side", {"other": "the Mentors side"}) == (
        "Nobody is on the Mentors side this round, so there was nobody to meet.")
    assert left_out_words("side_b_outnumbered", {
        "same": 4, "others": 2, "side_a": "side A", "side_b": "side B"}) == (
        "There were 4 people on side B and only 2 on side A, so not everyone on side B could "
        "get a partner.")
    with i18n.using("cy"):
        welsh = left_out_words("nobody_on_side", {"other": "side B"})
    assert "ar ochr B" in welsh and "side B" not in welsh


def test_plural_counts_read_naturally():
    assert left_out_words("met_everyone", {"recency": 1}) == (
        "You have met everyone available from other professions within the last round.")
    assert left_out_words("met_everyone", {"recency": 6}) == (
        "You have met everyone available from other professions within the last 6 rounds.")


def test_the_matcher_keeps_the_reason_by_reference_and_its_english_text_as_before():
    people = [Candidate(id=p, name=p, profession=prof, learn=frozenset())
              for p, prof in (("a", "Nurse"), ("b", "Nurse"), ("c", "Nurse"), ("d", "Doctor"))]
    result = match(people, [], MatchConfig(seed=1))
    (left,) = [u for u in result.unpaired if u.left_out and u.left_out.key == "outnumbered"][:1]
    assert dict(left.left_out.values) == {"same": 3, "profession": "Nurse", "others": 1}
    assert left.reason == (
        "There were 3 people whose profession is Nurse and only 1 from other professions, so "
        "everyone from another profession already had a partner. " + PRIORITY)
    assert reason_text(left.left_out) == left.reason


def _text(intent: Unpaired) -> str:
    return wording.document(intent, None).summary


def test_the_left_out_message_is_worded_in_the_reader_s_language():
    intent = Unpaired("Night pilot", "(English text kept for older readers)", None,
                      left_out_key="all_same_profession",
                      left_out_values=(("profession", "Nurse"),))
    assert "Everyone else available is also a Nurse" in _text(intent)
    with i18n.using("cy"):
        welsh = _text(intent)
    assert "Mae pawb arall sydd ar gael hefyd yn Nurse" in welsh
    assert "Everyone else" not in welsh and "English text" not in welsh
    with i18n.using(i18n.BILINGUAL):
        both = _text(intent)
    assert "Mae pawb arall" in both and "Everyone else available is also a Nurse" in both


def test_a_row_written_before_keeps_its_english_reason():
    """Outbox rows from before reasons were kept by reference hold only the text."""
    old = Unpaired("Night pilot", "Nobody else is available this round, so there was nobody "
                   "to meet. " + PRIORITY, None)
    assert _text(old) == ("No introduction for you in Night pilot this round. Nobody else is "
                          "available this round, so there was nobody to meet. You'll get "
                          "priority in the next round.")
    unknown = Unpaired("Night pilot", "A reason from a newer version.", None,
                       left_out_key="from_the_future")
    assert "A reason from a newer version." in _text(unknown)
