"""Text hygiene: control characters out of user text, user text inert in Adaptive Cards,
and no spreadsheet formula in an export."""

from __future__ import annotations

import re

import pytest

from bot.core.hygiene import clean_text, csv_cell, escape_markdown, has_control_characters
from bot.core.intents import CheckIn, Intro, Person
from bot.teams import cards

# A link, emphasis, a heading, a list and a card function, none of which may come alive.
EVIL = ("[Verify your account](https://evil.example/login) **now** _x_ # H\n- item\n"
        "1. one {{DATE(2017-02-14T06:08:39Z, SHORT)}} `code`")
LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")


@pytest.mark.parametrize("raw, one_line, multiline", [
    ("Ada\x00 Lovelace", "Ada Lovelace", "Ada Lovelace"),
    ("a\r\nb\rc\nd", "a b c d", "a\nb\nc\nd"),
    ("tab\there", "tab here", "tab\there"),
    ("\u202egnp.exe\u202c", "gnp.exe", "gnp.exe"),
    ("bell\x07 esc\x1b[31m del\x7f c1\x85", "bell esc[31m del c1", "bell esc[31m del c1"),
    ("lone \ud800 surrogate", "lone  surrogate", "lone  surrogate"),
    ("Zoë 👩🏽‍⚕️ 日本", "Zoë 👩🏽‍⚕️ 日本", "Zoë 👩🏽‍⚕️ 日本"),
    ("line\u2028sep", "line sep", "line\nsep"),
])
def test_clean_text(raw, one_line, multiline):
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == multiline
    clean_text(raw, multiline=True).encode("utf-8")  # storable anywhere


def test_control_characters_are_detected():
    assert has_control_characters("a\x00b") and not has_control_characters("a\r\nb\tc")


def test_escape_markdown_makes_links_and_emphasis_inert():
    escaped = escape_markdown(EVIL)
    assert not LINK.search(escaped)
    assert "{{" not in escaped and "**now**" not in escaped
    assert not re.search(r"(?m)^- ", escaped) and not re.search(r"(?m)^1\. ", escaped)
    # Only backslashes were added: the reader still sees every character.
    assert re.sub(r"\\(.)", r"\1", escaped) == EVIL


def _texts(card) -> list[str]:
    """Every markdown-rendered string of a card: TextBlock texts and FactSet titles."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(node["text"])
            if node.get("type") == "FactSet":
                found.extend(f["title"] for f in node["facts"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def test_a_partner_intro_with_a_link_is_no_link_in_the_teams_card():
    evil = Person("u-evil", "Mallory [click](https://evil.example)", "Nurse", EVIL)
    intro = Intro(match_id=1, programme="Paired learning",
                  members=(Person("u-me", "Me", "Manager"), evil),
                  reasons=(f"{evil.name} wants to learn about Manager",),
                  icebreakers=("What surprised you?",), checkin_on="Monday 21 December")
    texts = _texts(cards.build_intro_card(intro, "u-me"))
    assert texts and not [t for t in texts if LINK.search(t)]
    assert any("evil.example/login" in t for t in texts)  # still there, as text
    checkin = CheckIn(match_id=1, programme="Paired learning", members=intro.members,
                      answers={"u-evil": "met"})
    assert not [t for t in _texts(cards.render(checkin, "u-me")) if LINK.search(t)]


def test_the_bot_s_own_bold_still_works():
    assert cards.card_markdown("*Why you were matched*") == "**Why you were matched**"
    assert cards.card_markdown(escape_markdown("*not bold*")) == r"\*not bold\*"


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"), (-3, "-3"), (2.5, "2.5"),
    (None, ""),
])
def test_csv_cells_are_never_formulas(value, cell):
    assert csv_cell(value) == cell
