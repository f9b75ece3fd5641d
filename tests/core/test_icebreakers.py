"""The icebreaker bank: its packaged content, how questions are chosen, and bank validation."""

from __future__ import annotations

import textwrap
from collections import Counter

import pytest

from bot.core.icebreakers import (
    LEARNING_GOALS,
    THEMES,
    Icebreaker,
    IcebreakerBank,
    IcebreakerBankError,
    load_bank,
)

MIXED_GROUP = ["Junior doctor", "Porter"]


@pytest.fixture(scope="module")
def bank() -> IcebreakerBank:
    return load_bank()


def by_id(bank: IcebreakerBank) -> dict[str, Icebreaker]:
    return {question.id: question for question in bank.questions}


def simulate_rounds(
    bank: IcebreakerBank, professions: list[str], rounds: int, *, count: int = 3
) -> list[list[Icebreaker]]:
    """Ask the same group `rounds` times, each round remembering everything asked before."""
    asked: list[str] = []
    history = []
    for round_number in range(rounds):
        picked = bank.choose(professions, already_asked=asked, seed=round_number, count=count)
        history.append(picked)
        asked.extend(question.id for question in picked)
    return history


# --- the packaged bank ----------------------------------------------------------------------


def test_packaged_bank_has_at_least_60_questions_and_10_per_theme(bank: IcebreakerBank) -> None:
    per_theme = Counter(question.theme for question in bank.questions)
    assert len(bank.questions) >= 60
    assert set(per_theme) == set(THEMES)
    assert all(per_theme[theme] >= 10 for theme in THEMES), per_theme


def test_packaged_question_ids_and_texts_are_unique(bank: IcebreakerBank) -> None:
    ids = [question.id for question in bank.questions]
    texts = [question.text.casefold() for question in bank.questions]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)


def test_packaged_ids_are_prefixed_with_their_theme(bank: IcebreakerBank) -> None:
    misnamed = [q.id for q in bank.questions if not q.id.startswith(f"{q.theme}-")]
    assert misnamed == []


def test_packaged_questions_read_as_one_short_question(bank: IcebreakerBank) -> None:
    # "Tell us about…" prompts are invitations rather than questions, and end with a full stop.
    badly_ended = [
        q.id for q in bank.questions if not q.text.endswith("?") and not q.text.startswith("Tell")
    ]
    too_long = [q.id for q in bank.questions if len(q.text) > 160]
    assert badly_ended == []
    assert too_long == []


def test_packaged_bank_uses_british_spelling(bank: IcebreakerBank) -> None:
    american = ("organization", "program ", "color", "favorite", "behavior", "center", "learned")
    offenders = [q.id for q in bank.questions for word in american if word in q.text.lower()]
    assert offenders == []


def test_every_specific_profession_group_has_tagged_questions_in_every_theme(
    bank: IcebreakerBank,
) -> None:
    for group in ("clinical", "management", "support", "technical"):
        themes = {q.theme for q in bank.questions if group in q.professions}
        assert themes == set(THEMES), group


def test_profession_names_match_case_insensitively_and_unknown_ones_count_as_any(
    bank: IcebreakerBank,
) -> None:
    assert bank.group_of("JUNIOR  Doctor") == "clinical"
    assert bank.group_of(" nurse ") == "clinical"
    assert bank.group_of("Hospital manager") == "management"
    assert bank.group_of("Commissioner") == "management"
    assert bank.group_of("porter") == "support"
    assert bank.group_of("Software Engineer") == "technical"
    assert bank.group_of("HR") == "management"
    assert bank.group_of("Astronaut") == "any"


# --- choosing questions ---------------------------------------------------------------------


def test_choose_gives_three_questions_of_distinct_learning_goal_themes(
    bank: IcebreakerBank,
) -> None:
    for seed in range(20):
        picked = bank.choose(MIXED_GROUP, seed=seed)
        themes = [question.theme for question in picked]
        assert len(picked) == 3
        assert len(set(themes)) == 3
        assert set(themes) <= set(LEARNING_GOALS)


def test_choose_respects_count(bank: IcebreakerBank) -> None:
    assert bank.choose(MIXED_GROUP, count=0) == []
    six = bank.choose(MIXED_GROUP, count=6)
    assert {question.theme for question in six} == set(THEMES)
    with pytest.raises(ValueError, match="count"):
        bank.choose(MIXED_GROUP, count=-1)


def test_same_pair_never_gets_a_question_twice_over_twelve_rounds(bank: IcebreakerBank) -> None:
    history = simulate_rounds(bank, MIXED_GROUP, rounds=12)
    asked = [question.id for picked in history for question in picked]
    assert all(len(picked) == 3 for picked in history)
    assert all(len({q.theme for q in picked}) == 3 for picked in history)
    assert len(asked) == len(set(asked)) == 36


def test_rounds_rotate_through_all_four_learning_goals(bank: IcebreakerBank) -> None:
    history = simulate_rounds(bank, MIXED_GROUP, rounds=4)
    per_theme = Counter(question.theme for picked in history for question in picked)
    assert per_theme == {theme: 3 for theme in LEARNING_GOALS}


def test_when_a_theme_runs_out_another_theme_takes_its_place(bank: IcebreakerBank) -> None:
    all_role = [q.id for q in bank.questions if q.theme == "role"]
    for seed in range(10):
        picked = bank.choose(MIXED_GROUP, already_asked=all_role, seed=seed)
        themes = {question.theme for question in picked}
        assert len(picked) == 3
        assert len(themes) == 3
        assert "role" not in themes
        assert themes == {"values", "challenges", "barriers"}


def test_career_and_day_questions_come_once_the_learning_goals_are_used_up(
    bank: IcebreakerBank,
) -> None:
    goals_asked = [q.id for q in bank.questions if q.theme in LEARNING_GOALS]
    picked = bank.choose(MIXED_GROUP, already_asked=goals_asked, count=3)
    assert {question.theme for question in picked} == {"career", "day"}
    assert not {question.id for question in picked} & set(goals_asked)


def test_when_everything_was_asked_it_still_returns_the_least_recently_asked(
    bank: IcebreakerBank,
) -> None:
    # Oldest first: the first three asked long ago, one of each of three themes.
    oldest = ["career-03", "day-05", "values-04"]
    rest = [q.id for q in bank.questions if q.id not in oldest]
    picked = bank.choose(MIXED_GROUP, already_asked=oldest + rest, seed=7)
    assert [question.id for question in picked] == oldest


def test_choosing_beyond_the_unasked_supply_fills_up_with_repeats(bank: IcebreakerBank) -> None:
    history = simulate_rounds(bank, MIXED_GROUP, rounds=30)
    asked = [question.id for picked in history for question in picked]
    assert all(len(picked) == 3 for picked in history)
    # Every question is asked once before any is asked a second time.
    first_pass = asked[: len(bank.questions)]
    assert sorted(first_pass) == sorted(question.id for question in bank.questions)


def test_choose_is_deterministic_for_a_seed_and_varies_across_seeds(
    bank: IcebreakerBank,
) -> None:
    asked = ["role-01", "values-02"]
    first = bank.choose(MIXED_GROUP, already_asked=asked, seed=42)
    again = load_bank().choose(MIXED_GROUP, already_asked=tuple(asked), seed=42)
    assert first == again
    outcomes = {
        tuple(q.id for q in bank.choose(MIXED_GROUP, already_asked=asked, seed=seed))
        for seed in range(10)
    }
    assert len(outcomes) >= 5


def test_an_unordered_already_asked_is_deterministic_too(bank: IcebreakerBank) -> None:
    everything = {question.id for question in bank.questions}
    first = bank.choose(MIXED_GROUP, already_asked=everything, seed=3)
    second = bank.choose(MIXED_GROUP, already_asked=frozenset(sorted(everything)), seed=3)
    assert first == second
    assert len(first) == 3


def test_choose_prefers_questions_tagged_for_the_groups_professions(
    bank: IcebreakerBank,
) -> None:
    for professions, group in [
        (["Porter", "Receptionist"], "support"),
        (["Software engineer"], "technical"),
        (["Commissioner", "HR"], "management"),
        (["Paramedic", "Pharmacist"], "clinical"),
    ]:
        for seed in range(6):
            picked = bank.choose(professions, seed=seed)
            assert all(group in question.professions for question in picked), (
                professions,
                [q.id for q in picked],
            )


def test_a_mixed_group_gets_questions_for_either_profession_first(bank: IcebreakerBank) -> None:
    picked = bank.choose(["Physiotherapist", "Software engineer"], seed=1, count=4)
    assert all(question.professions & {"clinical", "technical"} for question in picked)


def test_questions_for_other_professions_come_after_general_ones(bank: IcebreakerBank) -> None:
    questions = by_id(bank)
    history = simulate_rounds(bank, ["Astronaut", "Software engineer"], rounds=10)
    for picked in history:
        for question in picked:
            # Tagged only for a group nobody here belongs to: only once the general and
            # technical questions of that theme have all been used.
            if question.professions and not question.professions & {"technical", "any"}:
                earlier = [q for p in history[: history.index(picked)] for q in p]
                unused_general = [
                    q
                    for q in questions.values()
                    if q.theme == question.theme and not q.professions and q not in earlier
                ]
                assert unused_general == [], question.id


SMALL_BANK = textwrap.dedent(
    """\
    questions:
      - {id: role-a, theme: role, text: "General role question?"}
      - {id: role-b, theme: role, text: "Clinical role question?", professions: [clinical]}
      - {id: role-c, theme: role, text: "Technical role question?", professions: [technical]}
      - {id: values-a, theme: values, text: "General values question?"}
    profession_groups:
      Nurse: clinical
      Software engineer: technical
    """
)


def test_in_a_small_bank_the_matched_question_wins_then_general_then_mismatched() -> None:
    bank = load_bank(SMALL_BANK)
    for seed in range(10):
        picked = bank.choose(["nurse"], seed=seed, count=4)
        # One per theme first (their order depends on the seed), then the rest of "role".
        assert sorted(q.id for q in picked[:2]) == ["role-b", "values-a"]
        assert [q.id for q in picked[2:]] == ["role-a", "role-c"]
        picked = bank.choose(["software engineer"], already_asked=["values-a"], seed=seed, count=1)
        assert [q.id for q in picked] == ["role-c"]
        picked = bank.choose(["window cleaner"], already_asked=["values-a"], seed=seed, count=1)
        assert [q.id for q in picked] == ["role-a"]


def test_a_small_bank_returns_everything_it_has_when_asked_for_more() -> None:
    bank = load_bank(SMALL_BANK)
    picked = bank.choose(["nurse"], already_asked=["role-a", "role-b"], count=10)
    assert sorted(q.id for q in picked) == ["role-a", "role-b", "role-c", "values-a"]
    # Unasked questions first, then repeats, least recently asked first.
    assert [q.id for q in picked][2:] == ["role-a", "role-b"]


# --- malformed banks ------------------------------------------------------------------------


def question_yaml(**fields: str) -> str:
    """A bank of one question in block style, each field's value given as raw YAML."""
    lines = [f"    {key}: {value}" for key, value in fields.items()]
    return "questions:\n  -\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            question_yaml(id="role-01", theme="role", text="One?")
            + question_yaml(id="role-01", theme="role", text="Two?").removeprefix("questions:\n"),
            "Duplicate question id 'role-01' (questions #1 and #2).",
        ),
        (
            question_yaml(id="role-01", theme="vaules", text="Why?"),
            "Question 'role-01' has an unknown theme 'vaules'; expected one of role, values, "
            "challenges, barriers, career, day.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="'  '"),
            "Question 'role-01' has empty text.",
        ),
        (
            question_yaml(id="role-01", theme="role"),
            "Question 'role-01' is missing the field 'text'.",
        ),
        (question_yaml(theme="role", text="Why?"), "Question #1 is missing the field 'id'."),
        (
            question_yaml(id="role-01", text="Why?"),
            "Question 'role-01' is missing the field 'theme'.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?", txet="typo"),
            "Question 'role-01' has an unknown field 'txet'; expected only id, text, theme, "
            "professions.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?", professions="[nurses]"),
            "Question 'role-01' has an unknown profession group 'nurses'; expected one of "
            "clinical, management, support, technical, any.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?", professions="clinical"),
            "Question 'role-01' must list its professions as a list, e.g. [clinical, support].",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?")
            + "profession_groups: {Nurse: clinical, NURSE: clinical}\n",
            "Professions 'Nurse' and 'NURSE' are the same name once case and spacing are ignored.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?")
            + "profession_groups: {nurse: clinical, nurse: support}\n",
            "The key 'nurse' appears twice in one mapping at line 6 of the icebreaker bank.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?")
            + "profession_groups: {porter: estates}\n",
            "Profession 'porter' maps to an unknown group 'estates'; expected one of clinical, "
            "management, support, technical, any.",
        ),
        (
            question_yaml(id="role-01", theme="role", text="Why?") + "profesion_groups: {}\n",
            "The icebreaker bank has an unknown top-level field 'profesion_groups'; "
            "expected questions and profession_groups.",
        ),
        ("questions: []\n", "The icebreaker bank must have a non-empty 'questions' list."),
        (
            "- just a list\n",
            "The icebreaker bank must be a mapping with a 'questions' list and a "
            "'profession_groups' mapping.",
        ),
        ("questions: [\n", "The icebreaker bank is not valid YAML"),
    ],
)
def test_malformed_banks_raise_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(IcebreakerBankError) as raised:
        load_bank(text)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)


def test_a_valid_bank_without_profession_groups_treats_everyone_as_any() -> None:
    bank = load_bank(question_yaml(id="role-01", theme="role", text="'  Why   this? '"))
    assert bank.questions == (Icebreaker("role-01", "Why this?", "role", frozenset()),)
    assert bank.group_of("Nurse") == "any"
