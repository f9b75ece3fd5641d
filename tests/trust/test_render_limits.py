"""Every Block Kit message and modal the bot builds passes slack_sdk's own validation
(`validate_json`: Slack's length and count limits), and every Adaptive Card keeps to
Adaptive Cards 1.5 as Teams renders it, for long and odd input."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core import wording
from bot.core.intents import (
    AutoPaused,
    CheckIn,
    FeedbackRequest,
    HeadsUp,
    Intro,
    Notice,
    Person,
    Unpaired,
    Welcome,
)
from bot.core.profile import INTRO_MAX, ProfileInput
from bot.core.replies import Say
from bot.core.text import CommandRef, Href, Strong
from bot.services.participants import Home, PastMatch, ProfileForm
from bot.services.programme_settings import ProgrammeSettings
from bot.slack import blocks
from bot.teams import admin as teams_admin
from bot.teams import cards

FULL_SIDE_NAMES = {"A": "a" * 60, "B": "b" * 60}
FAST = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
ODD = st.sampled_from(["", " ", "x" * 5000, "é" * 3001, "<!channel> & <@U1> *b* _i_ ~s~",
                       "[Verify](https://evil.example)", "👩🏽‍⚕️" * 400, "line\n" * 200,
                       "```code```", "{{DATE(2017-02-14T06:08:39Z, SHORT)}}", "\u202e", "a"])
TEXT = st.one_of(ODD, st.text(max_size=400))
SHORT = st.one_of(ODD, st.text(max_size=60))


def at_most(limit: int) -> st.SearchStrategy[str]:
    """Odd text as long as the services let it be (longer never reaches a renderer)."""
    return st.one_of(ODD, st.text(max_size=limit)).map(lambda t: t[:limit])


# The services' own limits: display names 200, professions 75, intros INTRO_MAX.
PEOPLE = st.lists(st.builds(Person, user_id=st.sampled_from(["U1", "U2", "U3", "U4", ""]),
                            name=at_most(200), profession=at_most(75),
                            intro=at_most(INTRO_MAX)), min_size=1, max_size=4)
INTENTS = st.one_of(
    st.builds(Intro, match_id=st.integers(1, 2**31 - 1), programme=SHORT, members=PEOPLE,
              reasons=st.lists(at_most(300), max_size=8).map(tuple),
              icebreakers=st.lists(at_most(300), max_size=3).map(tuple), checkin_on=SHORT),
    st.builds(CheckIn, match_id=st.integers(1, 2**31 - 1), programme=SHORT, members=PEOPLE,
              answers=st.dictionaries(st.sampled_from(["U1", "U2", "U3"]),
                                      st.sampled_from(["met", "scheduled", "not_happening"])),
              reminder=st.booleans()),
    st.builds(Unpaired, programme=SHORT, reason=TEXT, next_round=st.one_of(st.none(), SHORT)),
    st.builds(HeadsUp, programme_id=st.integers(1, 2**31 - 1), programme=SHORT,
              round_on=SHORT, period=SHORT),
    st.builds(Notice, text=TEXT, title=SHORT),
    st.builds(FeedbackRequest, match_id=st.integers(1, 2**31 - 1), programme=SHORT,
              others=PEOPLE.map(tuple)),
    # Messages that name a command and carry its button.
    st.builds(Welcome, programme=SHORT, next_round=SHORT),
    st.builds(AutoPaused, programme=SHORT, ignored=st.integers(1, 12)),
)
PROFESSIONS = st.lists(SHORT.filter(bool), min_size=1, max_size=120, unique=True)


def _slack_message(message: blocks.Message) -> None:
    assert 0 < len(message.text) <= 40_000
    assert len(message.blocks) <= 50
    for block in message.blocks:
        block.validate_json()  # slack_sdk raises SlackObjectFormationError past a limit


def _slack_view(view: Any) -> None:
    view.validate_json()
    assert len(view.blocks) <= 100
    assert len(json.dumps(view.to_dict())) < 250_000


@FAST
@given(INTENTS)
def test_every_slack_message_is_valid_block_kit(intent):
    _slack_message(blocks.build_message(intent))


@FAST
@given(PROFESSIONS, st.lists(SHORT, max_size=12), TEXT,
       st.lists(st.tuples(st.integers(1, 2**31 - 1), SHORT), min_size=1, max_size=5))
def test_every_slack_modal_is_valid(professions, learn, intro, programmes):
    form = ProfileForm(programmes=tuple(programmes), programme_id=programmes[0][0],
                       professions=tuple(professions),
                       current=ProfileInput(professions[0], tuple(learn), intro))
    _slack_view(blocks.build_profile_modal(form))
    _slack_view(blocks.build_feedback_modal(2**31 - 1))
    _slack_view(blocks.build_result_modal(intro[:200] or "x", Say(intro)))
    settings_ = ProgrammeSettings(name=professions[0], professions=tuple(professions),
                                  organisers=tuple(learn), side_names=FULL_SIDE_NAMES,
                                  format="term", term_rounds=24, evaluation=False)
    _slack_view(blocks.build_settings_modal(1, settings_))
    home = Home(joined=True, programme=professions[0], profession=professions[0],
                learn=tuple(learn), intro=intro, status=intro, next_round=intro[:40],
                past=tuple(PastMatch(intro[:30], tuple(learn), intro[:30]) for _ in range(10)))
    _slack_view(blocks.build_home(home))
    _slack_view(blocks.build_home(Home(joined=False, programme=intro, next_round="")))


# Adaptive Cards 1.5 --------------------------------------------------------------------

SCHEMA = Path(__file__).resolve().parents[1] / "teams" / "schemas" / "adaptive-card-1.5.json"
ELEMENTS_1_5 = {"TextBlock", "RichTextBlock", "Image", "Media", "Container", "ColumnSet",
                "Column", "FactSet", "ImageSet", "ActionSet", "Table", "TableRow",
                "TableCell", "Input.Text", "Input.Number", "Input.Date", "Input.Time",
                "Input.Toggle", "Input.ChoiceSet", "TextRun"}
ACTIONS_1_5 = {"Action.Execute", "Action.Submit", "Action.OpenUrl", "Action.ShowCard",
               "Action.ToggleVisibility"}
TEAMS_CARD_BYTES = 28 * 1024  # a Teams message, card included, is at most about 28 KB


@functools.cache
def _schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA.read_text()))


def _check_card(card: dict[str, Any]) -> None:
    assert card["type"] == "AdaptiveCard" and card["version"] in ("1.0", "1.2", "1.3", "1.4",
                                                                 "1.5")
    # The official Adaptive Card 1.5 schema, vendored next to the Teams manifest's.
    jsonschema.validate(card, _schema())
    ids: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, where)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        if where == "actions":
            assert kind in ACTIONS_1_5, kind
            assert isinstance(node.get("title", ""), str)
            if kind == "Action.Execute":
                assert isinstance(node.get("verb"), str) and node["verb"]
            if kind == "Action.OpenUrl":
                assert str(node["url"]).startswith(("https://", "http://", "msteams://"))
        elif kind is not None and where in ("body", "items", "columns", "cells", "rows"):
            assert kind in ELEMENTS_1_5, kind
            if kind == "TextBlock":
                assert isinstance(node.get("text"), str)
            if kind.startswith("Input."):
                assert isinstance(node.get("id"), str) and node["id"]
                ids.append(node["id"])
            if kind == "FactSet":
                assert all(isinstance(f.get("title"), str) and isinstance(f.get("value"), str)
                           for f in node["facts"])
            if kind == "Input.ChoiceSet":
                assert all(isinstance(c.get("title"), str) and isinstance(c.get("value"), str)
                           for c in node.get("choices", []))
        for key in ("body", "items", "columns", "actions", "cells", "rows"):
            if key in node:
                walk(node[key], key)
        if isinstance(node.get("card"), dict):  # Action.ShowCard
            walk(node["card"].get("body", []), "body")

    walk(card.get("body", []), "body")
    walk(card.get("actions", []), "actions")
    assert len(ids) == len(set(ids)), "input ids must be unique"


@FAST
@given(INTENTS, st.sampled_from(["U1", "U2", None]))
def test_every_teams_card_keeps_to_adaptive_cards_1_5(intent, viewer):
    card = cards.render(intent, viewer)
    _check_card(card)
    # Measured as it goes on the wire: UTF-8, not JSON's \u escapes.
    size = len(json.dumps(card, ensure_ascii=False).encode())
    assert size <= TEAMS_CARD_BYTES, "too big for a Teams message"


@FAST
@given(PROFESSIONS, st.lists(SHORT, max_size=12), TEXT)
def test_every_teams_form_keeps_to_adaptive_cards_1_5(professions, learn, intro):
    _check_card(cards.build_profile_card(
        professions, programme_id=1, programme=professions[0],
        current=ProfileInput(professions[0], tuple(learn), intro),
        errors={"intro": intro, "learn": intro}))
    _check_card(cards.build_text_card(intro, intro[:50]))
    _check_card(cards.build_leave_card())
    # Text with commands (RichTextBlocks of TextRuns), a link and bold among them, a line
    # break, and the buttons that do what the commands do.
    _check_card(cards.build_text_card(Say(
        (intro, " ", CommandRef("pause", intro[:20]), "\n", Strong(intro[:30]), " ",
         Href(intro[:30] or "x", "https://pairbot.example/calendar/x.ics"),
         *wording.profile_saved_hint()),
        actions=(wording.profile_choices(), wording.join_choices(), wording.resume_choices())),
        intro[:50]))
    _check_card(cards.layout(wording.help_document()))


def test_teams_settings_card_keeps_to_adaptive_cards_1_5():
    organised = teams_admin.Organised(1, "P" * 200, ProgrammeSettings(
        name="P" * 100, professions=tuple(f"Profession {i} " + "x" * 60 for i in range(100)),
        side_names=FULL_SIDE_NAMES, format="term", evaluation=False,
        term_starts="first wednesday of august; first wednesday of december"))
    _check_card(teams_admin.build_settings_card(organised))


def test_a_card_too_big_for_teams_is_shortened_and_keeps_its_buttons():
    # Found by the test above: a programme named with hundreds of lines (each its own
    # block) took the welcome card to 39 KB.
    intent = Welcome(programme="line\n" * 200, next_round="line\n" * 200)
    card = cards.render(intent, "U1")
    _check_card(card)
    wire = json.dumps(card, ensure_ascii=False)
    assert len(wire.encode()) <= TEAMS_CARD_BYTES
    assert card["body"][-1]["text"] == "… (shortened to fit in Teams)"
    assert "Join" in json.dumps(card.get("actions", []), ensure_ascii=False)
    assert card["body"][0]["text"].endswith("…")  # the heading, cut to 150 characters
    assert len(card["body"][0]["text"]) <= 150
    # A card that fits is left as it is.
    small = cards.render(Welcome(programme="Ward 7", next_round="Monday"), "U1")
    assert "shortened" not in json.dumps(small)
