"""Editable wording: what an edit may say, and how each platform shows it (literally)."""

from __future__ import annotations

import pytest

from bot.core import editable, i18n, wording
from bot.core.intents import HeadsUp, Invitation
from bot.slack import blocks
from bot.teams import cards


@pytest.mark.parametrize(("key", "text", "refusal"), [
    ("intro", "Welcome to {programm}", "{programm} is not a placeholder of this text"),
    ("intro", "{programme} {0}", "{0} is not a placeholder"),
    ("intro", "{programme!r} here", "{programme!r} is not a placeholder"),
    ("checkin", "{programme:>40}?", "{programme:>40} is not a placeholder"),
    ("headsup", "{programme} soon", "Keep {round_date} in the text"),
    ("invitation", "Join us {", "A brace does not close"),
    ("checkin", "   ", "Write the text, or reset it to the default."),
    ("checkin", "{programme}" + "x" * 1000, "Keep it to 1000 characters; this is 1011."),
])
def test_a_bad_edit_is_refused_in_one_sentence(key, text, refusal):
    with pytest.raises(editable.WordingError) as refused:
        editable.check(key, text)
    assert refusal in str(refused.value)
    assert str(refused.value).count(". ") == 0  # one sentence


def test_a_good_edit_is_cleaned_and_braces_can_be_written_doubled():
    assert editable.check("headsup", " {programme}: {{new}} round on {round_date}\x00 ") == (
        "{programme}: {{new}} round on {round_date}")


def test_teams_shows_an_edit_with_no_markdown_or_mention_formed():
    intent = HeadsUp(programme_id=1, programme="Pilot", round_on="Monday 1 March",
                     period="2027-03",
                     wording=(("en", "**Big** <!channel> [x](http://evil) {programme}: "
                                     "{round_date}"),))
    with i18n.using("en"):
        card = cards.render(intent, None)
    body = [e["text"] for e in card["body"] if e.get("type") == "TextBlock"]
    assert r"\*\*Big\*\* \<!channel\> \[x\](http://evil) Pilot: Monday 1 March" in body


def test_each_language_gets_its_own_edit_and_bilingual_gets_both():
    intent = Invitation(invitation_id=1, programme="Peilot",
                        wording=(("cy", "Croeso i {programme}"), ("en", "Welcome to {programme}")))
    with i18n.using("cy"):
        sent = blocks.build_message(intent).block_dicts()
    assert {"type": "plain_text", "text": "Croeso i Peilot"} in [b.get("text") for b in sent]
    with i18n.using("en"):
        document = wording.document(intent)
    assert document.blocks[0].parts == ("Welcome to Peilot",)
    with i18n.using(i18n.BILINGUAL):
        both = [b for b in wording.document(intent).blocks if hasattr(b, "parts")]
    texts = [b.parts[0] for b in both if b.parts and isinstance(b.parts[0], str)]
    assert "Croeso i Peilot" in texts and "Welcome to Peilot" in texts


def test_an_edit_only_in_english_leaves_welsh_readers_the_welsh_default():
    intent = HeadsUp(programme_id=1, programme="P", round_on="Dydd Llun 1 Mawrth",
                     period="2027-03", wording=(("en", "Soon: {programme} on {round_date}"),))
    with i18n.using("cy"):
        text = wording.document(intent).summary
    assert "Soon" not in text and "P" in text and "Dydd Llun 1 Mawrth" in text
