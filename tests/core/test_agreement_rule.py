"""When a group's introduction asks for an agreement (bot/core/agreement.asked)."""

import pytest

from bot.core.agreement import asked


@pytest.mark.parametrize(("round_in_term", "met_before", "expected"), [
    (1, False, True),   # a term's first meeting
    (1, True, True),    # even when the same people met in an earlier term
    (2, True, False),   # the same group meeting again in the term
    (2, False, True),   # someone new joined the group mid-term
])
def test_a_term_asks_at_its_first_meeting_and_when_someone_new_joins(round_in_term, met_before,
                                                                     expected):
    assert asked(term_format=True, round_in_term=round_in_term, setting_on=False,
                 met_before=met_before) is expected


@pytest.mark.parametrize(("setting_on", "met_before", "expected"), [
    (False, False, False), (True, False, True), (True, True, False)])
def test_a_rotating_programme_asks_first_introductions_with_the_setting_on(setting_on,
                                                                           met_before, expected):
    assert asked(term_format=False, round_in_term=None, setting_on=setting_on,
                 met_before=met_before) is expected


def test_answers_lose_nul_and_control_characters_as_every_free_text_does():
    from bot.core.agreement import parse

    terms = parse({"learn": "rotas\x00 and\x07 leave", "offer": "x", "how_often": "weekly"})
    assert "\x00" not in terms.learn and "\x07" not in terms.learn


def test_a_log_entry_loses_nul_and_control_characters_too():
    import datetime as dt

    from bot.core.learning import parse_entry

    entry = parse_entry({"kind": "conversation", "date": "2026-12-01", "minutes": "30",
                         "learned": "ro\x00tas", "differently": "a\x07sk"}, dt.date(2026, 12, 6))
    assert (entry.learned, entry.differently) == ("rotas", "ask")
