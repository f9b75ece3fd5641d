"""The journey of themes: the default, a programme's edited journey, and a round's theme."""

from __future__ import annotations

import json
import re

import pytest

from bot.core.journey import (
    DEFAULT_JOURNEY,
    JOURNEY_MAX,
    THEME_IDS,
    Journey,
    JourneyError,
    parse_journey,
    theme,
    theme_for_round,
)


def assert_one_sentence(message: str) -> None:
    """One sentence: a capital first, a full stop last, no full stop or newline between."""
    assert message[0].isupper(), message
    assert message.endswith("."), message
    assert "\n" not in message, message
    assert not re.search(r"[.!?]\s", message[:-1]), message


def test_the_default_journey_is_the_six_meetings_of_paired_learning() -> None:
    assert THEME_IDS == ("roles", "values", "challenges", "barriers", "shadowing", "reflection")
    assert [t.id for t in DEFAULT_JOURNEY.themes] == list(THEME_IDS)
    titles = [t.title for t in DEFAULT_JOURNEY.themes]
    assert titles[0] == "Roles: a day in your working life"
    assert titles[1] == "Values: what matters to you and your profession"
    assert titles[3] == "Barriers: what gets in the way of working together"
    assert "Each of you hosts the other once" in DEFAULT_JOURNEY.themes[4].purpose
    assert "one" in titles[5] and "change together" in titles[5]


def test_every_theme_has_a_one_paragraph_purpose_and_a_short_guide() -> None:
    for t in DEFAULT_JOURNEY.themes:
        assert t.title and t.purpose and t.guide
        assert "\n" not in t.purpose
        assert 100 <= len(t.purpose) <= 400, t.id
        assert len(t.guide) <= 200, t.id
        assert t.purpose.endswith(".") and t.guide.endswith("."), t.id


def test_an_empty_or_default_setting_is_the_default_journey() -> None:
    for value in (None, "", "   ", "default", "Default"):
        assert parse_journey(value) == DEFAULT_JOURNEY


def test_a_programme_reorders_shortens_and_renames_its_journey() -> None:
    journey = parse_journey(" Roles ; barriers=What gets in our way;shadowing; reflection ")
    assert [t.id for t in journey.themes] == ["roles", "barriers", "shadowing", "reflection"]
    assert journey.themes[1].title == "What gets in our way"
    # A renamed theme keeps its purpose and guide.
    assert journey.themes[1].purpose == theme("barriers").purpose
    assert journey.themes[0] == theme("roles")


def test_a_journey_round_trips_through_its_setting_text_and_json() -> None:
    journey = parse_journey("values; roles=A day in my shoes; challenges; challenges")
    assert journey.to_setting() == "values; roles=A day in my shoes; challenges; challenges"
    assert parse_journey(journey.to_setting()) == journey
    data = json.loads(json.dumps(journey.to_list()))
    assert data == ["values", {"theme": "roles", "title": "A day in my shoes"}, "challenges",
                    "challenges"]
    assert parse_journey(data) == journey
    assert parse_journey(DEFAULT_JOURNEY.to_setting()) == DEFAULT_JOURNEY
    assert DEFAULT_JOURNEY.to_setting() == "; ".join(THEME_IDS)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("roles; vaules", "Unknown theme 'vaules' in the journey; choose from roles, values, "
                          "challenges, barriers, shadowing, reflection."),
        ("roles;;values", "The journey has an empty entry; separate theme ids with a single ';'."),
        ("roles;", "The journey has an empty entry; separate theme ids with a single ';'."),
        ("roles=  ", "The custom title for 'roles' is empty."),
        ("roles=" + "x" * 81, "The custom title for 'roles' is longer than 80 characters."),
        ("; ".join(["roles"] * (JOURNEY_MAX + 1)),
         f"A journey can have at most {JOURNEY_MAX} meetings, this one has {JOURNEY_MAX + 1}."),
        ([], "A journey needs at least one theme."),
        (["roles", 3],
         "Journey entry #2 must be a theme id or a mapping with 'theme' and 'title'."),
        ([{"theme": "roles", "colour": "red"}],
         "Journey entry #1 must be a theme id or a mapping with 'theme' and 'title'."),
        ([{"theme": "values", "title": "a; b"}],
         "The custom title for 'values' must not contain ';'."),
        (42, "A journey must be text or a list of theme ids."),
    ],
)
def test_a_bad_journey_is_refused_in_one_sentence(value: object, message: str) -> None:
    with pytest.raises(JourneyError) as raised:
        parse_journey(value)  # type: ignore[arg-type]
    assert str(raised.value) == message
    assert_one_sentence(str(raised.value))
    assert isinstance(raised.value, ValueError)


def test_rotating_programmes_cycle_through_the_journey() -> None:
    ids = [theme_for_round(DEFAULT_JOURNEY, n).id for n in range(1, 14)]
    assert ids == [*THEME_IDS, *THEME_IDS, "roles"]
    short = parse_journey("roles; barriers")
    assert [theme_for_round(short, n).id for n in range(1, 6)] == [
        "roles", "barriers", "roles", "barriers", "roles"]


def test_term_programmes_map_meeting_k_of_each_term_to_theme_k() -> None:
    # A term of 6 rounds: round 7 starts the second term with roles again.
    ids = [theme_for_round(DEFAULT_JOURNEY, n, term_rounds=6).id for n in range(1, 13)]
    assert ids == [*THEME_IDS, *THEME_IDS]
    # A term of 4 stops at barriers and the next term starts over.
    four = [theme_for_round(DEFAULT_JOURNEY, n, term_rounds=4).id for n in range(1, 9)]
    assert four == ["roles", "values", "challenges", "barriers"] * 2
    # A term of 9 (Imperial's scheme) goes round a 6-theme journey again in meetings 7-9.
    nine = [theme_for_round(DEFAULT_JOURNEY, n, term_rounds=9).id for n in range(1, 11)]
    assert nine == [*THEME_IDS, "roles", "values", "challenges", "roles"]


def test_a_custom_title_is_what_the_round_names() -> None:
    journey = parse_journey("roles=Getting to know each other's work")
    assert theme_for_round(journey, 3).title == "Getting to know each other's work"


def test_round_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="starts at 1"):
        theme_for_round(DEFAULT_JOURNEY, 0)
    with pytest.raises(ValueError, match="term_rounds"):
        theme_for_round(DEFAULT_JOURNEY, 1, term_rounds=0)


def test_an_unknown_theme_id_is_refused_in_one_sentence() -> None:
    with pytest.raises(JourneyError) as raised:
        theme("career")
    assert_one_sentence(str(raised.value))
    assert Journey((theme("values"),)).to_list() == ["values"]
