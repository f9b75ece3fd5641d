"""The question bank: what it holds, and the guide each meeting gets from it."""

from __future__ import annotations

import itertools
import random
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.core.icebreakers import (
    ANY,
    AUDIENCES,
    GUEST,
    HOST,
    NON_CLINICAL,
    NON_CLINICAL_GROUPS,
    SCENARIO,
    THEMES,
    Guide,
    Icebreaker,
    IcebreakerBank,
    IcebreakerBankError,
    Member,
    load_bank,
)
from bot.core.journey import DEFAULT_JOURNEY, JourneyError, parse_journey, theme_for_round
from bot.core.profile import DEFAULT_PROFESSIONS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "journey.md"
JUNIOR_DOCTOR = Member("ann", "Doctor (junior)", side="A")
MANAGER = Member("bob", "Manager", side="B")
NURSE = Member("cy", "Nurse")
IT = Member("di", "IT and digital")
# Words that only make sense to someone who cares for patients directly.
CLINICAL_WORK = re.compile(
    r"clinical (work|practice|area)|your specialty|the care you give|caring for patients"
    r"|ward round|your patients|patients you (see|treat|care for)",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def bank() -> IcebreakerBank:
    return load_bank()


def assert_one_sentence(message: str) -> None:
    """One sentence: a capital first, a full stop last, no full stop or newline between."""
    assert message[0].isupper(), message
    assert message.endswith("."), message
    assert "\n" not in message, message
    assert not re.search(r"[.!?]\s", message[:-1]), message


def group_of(bank: IcebreakerBank, member: Member) -> str | None:
    return member.group or bank.group_of(member.profession)


def written_for(bank: IcebreakerBank, question: Icebreaker, member: Member) -> bool:
    """Whether a question is written for this member in particular (not for anyone)."""
    group = group_of(bank, member)
    tags = {group} | ({NON_CLINICAL} if group in NON_CLINICAL_GROUPS else set())
    return bool(question.audience & tags)


def aimed_at(guide: Guide, member: Member) -> list[Icebreaker]:
    return [item.question for item in guide.items if member.id in item.aimed_at]


# --- the packaged bank ----------------------------------------------------------------------


def normalised_text(text: str) -> str:
    """A question's words, lower case, without punctuation: for spotting near-duplicates."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold().replace("'", "")))


def test_the_bank_has_200_questions_25_per_theme_and_20_scenarios(bank: IcebreakerBank) -> None:
    per_theme = Counter(question.theme for question in bank.questions)
    assert len(bank.questions) >= 200
    assert set(per_theme) == set(THEMES)
    assert min(per_theme.values()) >= 25, per_theme
    assert len(bank.scenarios) >= 20
    # Every theme has scenarios for a tutorial group's whole term and the next one.
    scenario_themes = Counter(t for s in bank.scenarios for t in s.themes)
    assert min(scenario_themes[t] for t in THEMES) >= 6, scenario_themes


def test_every_question_is_tagged_by_theme_and_by_who_it_is_for(bank: IcebreakerBank) -> None:
    for question in bank.questions:
        assert question.themes in {(t,) for t in THEMES}, question.id
        assert question.audience and question.audience <= set(AUDIENCES), question.id
        assert question.kind == "question"
    for scenario in bank.scenarios:
        assert scenario.themes and set(scenario.themes) <= set(THEMES), scenario.id
        assert scenario.kind == SCENARIO


def test_every_theme_has_questions_written_for_each_kind_of_member(bank: IcebreakerBank) -> None:
    for theme_id in THEMES:
        in_theme = [q for q in bank.questions if q.theme == theme_id]
        assert sum(ANY in q.audience for q in in_theme) >= 15, theme_id
        for tags in ({"clinical"}, {NON_CLINICAL, "management"}, {NON_CLINICAL, "support"},
                     {NON_CLINICAL, "technical"}, {HOST}, {GUEST}):
            assert sum(bool(q.audience & tags) for q in in_theme) >= 2, (theme_id, tags)


def test_the_docs_show_the_counts_per_theme_as_the_bank_has_them(bank: IcebreakerBank) -> None:
    text = DOCS.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| theme |"))
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("| ") and cells[0] in (*THEMES, "total"):
            pairs = zip(columns[1:], cells[1:], strict=True)
            rows[cells[0]] = {column: int(cell) for column, cell in pairs if cell}
    counts = bank.counts()
    assert columns[1:] == list(counts["roles"])
    assert {t: rows[t] for t in THEMES} == counts
    assert rows["total"]["questions"] == len(bank.questions)
    assert rows["total"]["scenarios"] == len(bank.scenarios)


def test_ids_and_texts_are_unique(bank: IcebreakerBank) -> None:
    everything = [*bank.questions, *bank.scenarios]
    assert len({q.id for q in everything}) == len(everything)
    assert len({normalised_text(q.text) for q in everything}) == len(everything)


STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "your", "you",
    "what", "which", "who", "how", "do", "does", "is", "are", "it", "that", "this", "when",
    "where", "would", "could", "be", "have", "has", "had", "as", "by", "from", "about", "most",
    "one",
})


def features(text: str) -> tuple[set[str], set[str]]:
    """A text's character trigrams and content words (a plural or third-person "s" taken off)."""
    normal = normalised_text(text)
    trigrams = {normal[i : i + 3] for i in range(len(normal) - 2)}
    words = {re.sub(r"(?<=...)s$", "", word) for word in normal.split()} - STOP_WORDS
    return trigrams, words


def jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second)


def near_duplicates(texts: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs whose trigrams or content words overlap by 55% or more."""
    seen = [(text_id, features(text)) for text_id, text in texts]
    return [
        (x_id, y_id)
        for (x_id, (x_tri, x_words)), (y_id, (y_tri, y_words)) in itertools.combinations(seen, 2)
        if jaccard(x_tri, y_tri) >= 0.55 or jaccard(x_words, y_words) >= 0.55
    ]


def test_no_two_questions_are_near_duplicates(bank: IcebreakerBank) -> None:
    texts = [(q.id, q.text) for q in (*bank.questions, *bank.scenarios)]
    assert near_duplicates(texts) == []


def test_the_near_duplicate_check_catches_a_reworded_question() -> None:
    texts = [
        ("a", "What do people most often assume your job involves that it really doesn't?"),
        ("b", "What do people often assume your job involves, when it doesn't?"),
        ("c", "Which rule in your job exists for a reason most people don't know?"),
        ("d", "Which rules in your work exist for a reason most people do not know?"),
        ("e", "What would you fix first with a free hand and a modest budget?"),
    ]
    assert near_duplicates(texts) == [("a", "b"), ("c", "d")]


def test_questions_are_one_short_plain_question(bank: IcebreakerBank) -> None:
    for question in bank.questions:
        assert question.text.endswith("?"), question.id
        assert question.text.count("?") == 1, question.id
        assert len(question.text) <= 160, question.id
    for scenario in bank.scenarios:
        assert scenario.text.endswith(("?", ".")), scenario.id
        assert len(scenario.text) <= 200, scenario.id


AMERICAN = re.compile(
    r"\b(\w+(?<!s)iz(e|ed|es|ing|ation)|\w*(color|favor|behavior|honor|labor)\w*|\w*center\w*"
    r"|program|learned|organization|coworkers?|vacation|math|mom|pediatric\w*|anesthe\w*"
    r"|hospitalized|toward|gotten|ER|OR)\b"
)


def test_the_bank_is_in_british_english(bank: IcebreakerBank) -> None:
    offenders = [
        (q.id, match.group(0))
        for q in (*bank.questions, *bank.scenarios)
        for match in AMERICAN.finditer(q.text)
        if match.group(0).lower() not in {"size", "prize", "seize"}
    ]
    assert offenders == []
    assert AMERICAN.search("How do you prioritize your center's program?")


def test_no_question_for_everyone_assumes_clinical_work(bank: IcebreakerBank) -> None:
    assert CLINICAL_WORK.search("Which part of your clinical work never makes the notes?")
    for question in bank.questions:
        if CLINICAL_WORK.search(question.text):
            assert question.audience <= {"clinical", HOST}, question.id


def test_every_default_profession_has_a_profession_group(bank: IcebreakerBank) -> None:
    groups = {profession: bank.group_of(profession) for profession in DEFAULT_PROFESSIONS}
    assert None not in groups.values(), groups
    assert groups["Doctor (junior)"] == groups["Nurse"] == groups["Midwife"] == "clinical"
    assert groups["Manager"] == groups["Commissioner"] == groups["Finance"] == "management"
    assert groups["IT and digital"] == "technical"
    assert groups["Porter and estates"] == groups["Administrator"] == "support"


def test_profession_names_match_case_and_space_insensitively(bank: IcebreakerBank) -> None:
    assert bank.group_of("JUNIOR  Doctor") == "clinical"
    assert bank.group_of(" nurse ") == "clinical"
    assert bank.group_of("hospital MANAGER") == "management"
    assert bank.group_of("Software Engineer") == "technical"
    assert bank.group_of("Astronaut") is None


# --- the guide for a meeting ----------------------------------------------------------------


def test_a_junior_doctor_and_a_manager_each_get_a_question_written_for_them(
    bank: IcebreakerBank,
) -> None:
    for theme_id in THEMES:
        for seed in range(15):
            guide = bank.guide(theme_id, [JUNIOR_DOCTOR, MANAGER], {}, seed=seed)
            assert len(guide.items) == 3
            assert {q.theme for q in guide.questions} == {theme_id}
            assert any(written_for(bank, q, JUNIOR_DOCTOR) for q in aimed_at(guide, JUNIOR_DOCTOR))
            assert any(written_for(bank, q, MANAGER) for q in aimed_at(guide, MANAGER))
            # One question they share, and nobody is asked one written for the other side.
            assert sum(set(item.aimed_at) == {"ann", "bob"} for item in guide.items) >= 1
            assert not any("clinical" in q.audience for q in aimed_at(guide, MANAGER))
            assert not any(q.audience & {"management", NON_CLINICAL}
                           for q in aimed_at(guide, JUNIOR_DOCTOR))


def test_a_nurse_and_an_it_colleague_are_never_asked_about_each_others_work(
    bank: IcebreakerBank,
) -> None:
    for theme_id in THEMES:
        for seed in range(15):
            guide = bank.guide(theme_id, [NURSE, IT], {}, seed=seed)
            for_it = aimed_at(guide, IT)
            assert not any("clinical" in q.audience for q in for_it)
            assert not any(CLINICAL_WORK.search(q.text) for q in for_it)
            assert any(written_for(bank, q, IT) for q in for_it)
            assert any(written_for(bank, q, NURSE) for q in aimed_at(guide, NURSE))
            assert not any(q.audience & {"technical", NON_CLINICAL} for q in aimed_at(guide, NURSE))


def test_a_non_clinical_member_never_gets_a_clinical_question_in_any_group(
    bank: IcebreakerBank,
) -> None:
    rng = random.Random(5)
    for seed in range(300):
        size = rng.choice((2, 2, 3, 4))
        members = [Member(f"m{i}", rng.choice(DEFAULT_PROFESSIONS), side=rng.choice("AB"))
                   for i in range(size)]
        guide = bank.guide(rng.choice(THEMES), members, {}, seed=seed)
        for member in members:
            group = bank.group_of(member.profession)
            tags = {ANY, group} | ({NON_CLINICAL} if group in NON_CLINICAL_GROUPS else set())
            asked = aimed_at(guide, member)
            assert asked, "every member is asked at least one question"
            assert all(q.audience & tags for q in asked), (member, asked)
            if group != "clinical":
                assert not any(CLINICAL_WORK.search(q.text) for q in asked), (member, asked)


def test_each_side_of_a_two_sided_group_gets_its_own_question(bank: IcebreakerBank) -> None:
    doctor, nurse = Member("a", "Doctor (junior)", side="A"), Member("b", "Nurse", side="B")
    for seed in range(10):
        guide = bank.guide("challenges", [doctor, nurse], {}, seed=seed)
        specific = [q for q in guide.questions if ANY not in q.audience]
        # Both are clinical: a clinical question for each side, and one for everyone.
        assert len(specific) == 2 and all("clinical" in q.audience for q in specific)
        assert guide.lines() == tuple(q.text for q in guide.questions)


def test_a_tutorial_group_gets_a_scenario_and_questions_for_host_and_guests(
    bank: IcebreakerBank,
) -> None:
    students = [Member(f"s{i}", "Medical student", side="A") for i in range(3)]
    host = Member("hal", "Manager", side="B")
    for theme_id in THEMES:
        for seed in range(8):
            guide = bank.guide(theme_id, [*students, host], {}, seed=seed, tutorial=True)
            first, for_host, for_guests = guide.items
            assert guide.host == "hal"
            assert first.question.kind == SCENARIO and theme_id in first.question.themes
            assert set(first.aimed_at) == {"s0", "s1", "s2", "hal"}
            assert HOST in for_host.question.audience and for_host.aimed_at == ("hal",)
            assert GUEST in for_guests.question.audience
            assert for_guests.aimed_at == ("s0", "s1", "s2")
            names = {"hal": "Hal", "s0": "Sam", "s1": "Kit", "s2": "Jo"}
            lines = guide.lines(names)
            assert lines[0] == first.question.text
            assert lines[1] == f"For Hal: {for_host.question.text}"
            assert lines[2] == f"For Sam, Kit and Jo: {for_guests.question.text}"


def test_a_group_of_three_never_gets_a_question_worded_for_a_pair(bank: IcebreakerBank) -> None:
    pair_only = {q.id for q in bank.questions if q.pairs_only}
    assert {"reflection-04", "shadowing-02"} <= pair_only
    assert "reflection-03" not in pair_only
    trio = [NURSE, IT, MANAGER]
    for theme_id in ("shadowing", "reflection"):
        for seed in range(20):
            guide = bank.guide(theme_id, trio, {}, seed=seed)
            assert len(guide.items) == 3
            assert not {q.id for q in guide.questions} & pair_only
            assert not any(re.search(r"the other person|the two of you", q.text)
                           for q in guide.questions)
    in_pairs = {q.id for s in range(20)
                for q in bank.guide("reflection", [NURSE, IT], {}, seed=s).questions}
    assert in_pairs & pair_only


def test_host_and_guest_questions_only_go_to_tutorial_groups(bank: IcebreakerBank) -> None:
    for theme_id in THEMES:
        for seed in range(10):
            guide = bank.guide(theme_id, [JUNIOR_DOCTOR, MANAGER], {}, seed=seed)
            assert not any(q.audience & {HOST, GUEST} or q.kind == SCENARIO
                           for q in guide.questions)


def test_nobody_is_asked_a_question_they_have_had(bank: IcebreakerBank) -> None:
    roles = [q.id for q in bank.questions if q.theme == "roles"]
    # Ann has had all but four of the roles questions; Bob has had none.
    asked = {"ann": set(roles[4:]), "bob": set()}
    guide = bank.guide("roles", [JUNIOR_DOCTOR, MANAGER], asked, seed=1)
    assert {q.id for q in guide.questions} <= set(roles[:4])
    assert guide.note is None and not guide.exhausted


def test_when_the_theme_runs_dry_the_least_used_question_is_repeated_and_said_so(
    bank: IcebreakerBank,
) -> None:
    roles = {q.id for q in bank.questions if q.theme == "roles"}
    keep = "role-03"  # general, and Bob has had it, but Ann has not
    asked = {"ann": roles - {keep}, "bob": set(roles)}
    guide = bank.guide("roles", [JUNIOR_DOCTOR, MANAGER], asked, seed=2)
    assert len(guide.items) == 3 and guide.exhausted
    assert keep in {q.id for q in guide.questions}
    assert all(item.repeat for item in guide.items)
    assert guide.note is not None
    assert guide.note == ("This group has already had every question on this theme that suits "
                          "them, so 3 of these have been asked before.")
    assert_one_sentence(guide.note)


SMALL_BANK = textwrap.dedent(
    """\
    questions:
      - {id: r1, theme: roles, for: [any], text: "General one?"}
      - {id: r2, theme: roles, for: [any], text: "General two?"}
      - {id: r3, theme: roles, for: [clinical], text: "Clinical?"}
      - {id: r4, theme: roles, for: [non-clinical], text: "Non-clinical?"}
      - {id: v1, theme: values, for: [any], text: "Values?"}
    scenarios:
      - {id: s1, themes: [roles, values], text: "A scenario?"}
    profession_groups:
      Nurse: clinical
      Porter: support
    """
)


def test_a_small_bank_falls_back_from_written_for_you_to_general_then_to_repeats() -> None:
    bank = load_bank(SMALL_BANK)
    nurse, porter = Member("n", "nurse"), Member("p", "PORTER")
    guide = bank.guide("roles", [nurse, porter], {}, seed=0)
    assert [item.question.id for item in guide.items][1:] == ["r3", "r4"]
    assert guide.items[0].question.id in {"r1", "r2"}
    assert [item.aimed_at for item in guide.items] == [("n", "p"), ("n",), ("p",)]
    # The clinical question is used up: the nurse gets a general one instead, never r4.
    guide = bank.guide("roles", [nurse, porter], {"n": {"r3"}}, seed=0)
    assert sorted(q.id for q in guide.questions) == ["r1", "r2", "r4"]
    assert not guide.exhausted
    # Everything asked: repeats, the one fewest people had first, and a note.
    guide = bank.guide("roles", [nurse, porter], {"n": {"r1", "r2", "r3", "r4"},
                                                   "p": {"r1", "r2", "r4"}}, seed=0)
    assert guide.exhausted and guide.note is not None
    assert "r3" in {q.id for q in guide.questions}
    assert [item.repeat for item in guide.items] == [True, True, True]


def test_an_unknown_profession_gets_only_questions_for_anyone() -> None:
    bank = load_bank(SMALL_BANK)
    guide = bank.guide("roles", [Member("x", "Astronaut"), Member("y", "Juggler")], {}, seed=3)
    assert {q.id for q in guide.questions} <= {"r1", "r2"}
    assert len(guide.items) == 2  # only two questions suit them both


def test_count_sets_how_many_questions_a_guide_has(bank: IcebreakerBank) -> None:
    pair = [JUNIOR_DOCTOR, MANAGER]
    assert bank.guide("values", pair, {}, count=0).items == ()
    one = bank.guide("values", pair, {}, count=1, seed=4)
    assert len(one.items) == 1 and set(one.items[0].aimed_at) == {"ann", "bob"}
    five = bank.guide("values", pair, {}, count=5, seed=4)
    assert len({q.id for q in five.questions}) == 5
    with pytest.raises(ValueError, match="count"):
        bank.guide("values", pair, {}, count=-1)


def test_a_guide_is_the_same_for_the_same_seed_and_varies_across_seeds(
    bank: IcebreakerBank,
) -> None:
    asked = {"ann": {"role-01", "day-02"}, "bob": {"role-03"}}
    first = bank.guide("roles", [JUNIOR_DOCTOR, MANAGER], asked, seed=42)
    again = load_bank().guide(
        "roles", [JUNIOR_DOCTOR, MANAGER],
        {"ann": ["day-02", "role-01"], "bob": frozenset({"role-03"})}, seed=42,
    )
    assert first == again
    outcomes = {bank.guide("roles", [JUNIOR_DOCTOR, MANAGER], asked, seed=s).questions
                for s in range(10)}
    assert len(outcomes) >= 8


def test_a_custom_theme_title_is_kept_in_the_guide(bank: IcebreakerBank) -> None:
    journey = parse_journey("values=What we care about")
    guide = bank.guide(theme_for_round(journey, 1), [NURSE, IT], {}, seed=0)
    assert guide.theme.title == "What we care about"
    assert {q.theme for q in guide.questions} == {"values"}


def test_bad_guide_arguments_are_refused_in_one_sentence(bank: IcebreakerBank) -> None:
    with pytest.raises(JourneyError) as raised:
        bank.guide("career", [NURSE, IT], {})
    assert_one_sentence(str(raised.value))
    with pytest.raises(ValueError) as raised:
        bank.guide("roles", [NURSE, Member("cy", "Porter")], {})
    assert str(raised.value) == "Each member of a group must have a different id."
    with pytest.raises(ValueError) as raised:
        bank.guide("roles", [Member("z", "Nurse", group="doctors"), IT], {})
    assert str(raised.value) == (
        "Member 'z' has an unknown group 'doctors'; expected one of clinical, management, "
        "support, technical, non-clinical."
    )


def test_a_member_s_group_can_be_given_instead_of_looked_up(bank: IcebreakerBank) -> None:
    volunteer = Member("v", "Ward volunteer", group=NON_CLINICAL)
    for seed in range(10):
        guide = bank.guide("barriers", [NURSE, volunteer], {}, seed=seed)
        for_volunteer = aimed_at(guide, volunteer)
        assert any(NON_CLINICAL in q.audience for q in for_volunteer)
        assert not any(q.audience & {"clinical", "management"} for q in for_volunteer)


# --- a programme over months ----------------------------------------------------------------


def simulate(
    bank: IcebreakerBank, people: Sequence[Member], rounds: int, *, two_sided: bool
) -> tuple[dict[str, list[str]], list[Guide]]:
    """Monthly rounds of a rotating programme: new random pairs (a trio if odd) each month."""
    asked: dict[str, list[str]] = {person.id: [] for person in people}
    guides = []
    rng = random.Random(11)
    for round_number in range(1, rounds + 1):
        theme = theme_for_round(DEFAULT_JOURNEY, round_number)
        if two_sided:
            side_a = [p for p in people if p.side == "A"]
            side_b = [p for p in people if p.side == "B"]
            rng.shuffle(side_a)
            rng.shuffle(side_b)
            groups = [list(pair) for pair in zip(side_a, side_b, strict=False)]
        else:
            order = list(people)
            rng.shuffle(order)
            groups = [order[i : i + 2] for i in range(0, len(order) - 1, 2)]
            if len(order) % 2:
                groups[-1].append(order[-1])
        usage: Counter[str] = Counter()
        for index, group in enumerate(groups):
            guide = bank.guide(theme, group, {p.id: set(asked[p.id]) for p in group},
                               seed=round_number * 1000 + index, usage=usage)
            usage.update(q.id for q in guide.questions)
            guides.append(guide)
            for person in group:
                asked[person.id].extend(q.id for q in guide.questions)
    return asked, guides


def people(count: int) -> list[Member]:
    rng = random.Random(3)
    return [Member(f"p{i}", rng.choice(DEFAULT_PROFESSIONS)) for i in range(count)]


def test_150_people_over_6_monthly_rounds_never_get_a_question_twice(
    bank: IcebreakerBank,
) -> None:
    everyone = people(150)
    asked, guides = simulate(bank, everyone, 6, two_sided=False)
    assert len(guides) == 6 * 75
    for person in everyone:
        assert len(asked[person.id]) == 18
        assert len(set(asked[person.id])) == 18, person
    assert not any(guide.exhausted for guide in guides)
    # Everyone met every theme once, and was asked something written for them each time.
    by_id = {p.id: p for p in everyone}
    for guide in guides:
        for member_id in guide.members:
            member = by_id[member_id]
            assert any(written_for(bank, q, member) for q in aimed_at(guide, member)), guide


def test_twelve_rounds_of_a_two_sided_programme_still_repeat_nothing(
    bank: IcebreakerBank,
) -> None:
    doctors = [Member(f"d{i}", "Doctor (junior)", side="A") for i in range(75)]
    managers = [Member(f"m{i}", rng_profession, side="B")
                for i, rng_profession in enumerate(["Manager", "Finance", "Commissioner"] * 25)]
    asked, guides = simulate(bank, [*doctors, *managers], 12, two_sided=True)
    assert all(len(ids) == len(set(ids)) == 36 for ids in asked.values())
    assert not any(guide.exhausted for guide in guides)


def test_a_round_spreads_its_questions_across_the_bank(bank: IcebreakerBank) -> None:
    everyone = people(150)
    _, guides = simulate(bank, everyone, 1, two_sided=False)
    uses = Counter(q.id for guide in guides for q in guide.questions)
    roles = [q for q in bank.questions if q.theme == "roles"]
    # 75 groups, 3 questions each: most of the theme is used, none in more than 1 group in 6.
    assert len(uses) >= 0.8 * len(roles)
    assert max(uses.values()) <= 75 / 6, uses.most_common(3)


# --- the earlier interface ------------------------------------------------------------------


def test_choose_walks_through_the_journey_without_repeating(bank: IcebreakerBank) -> None:
    asked: list[str] = []
    themes = []
    for round_number in range(12):
        picked = bank.choose(["Doctor (junior)", "Manager"], already_asked=asked,
                             seed=round_number)
        assert len(picked) == 3 and len({q.theme for q in picked}) == 1
        themes.append(picked[0].theme)
        asked.extend(q.id for q in picked)
    assert themes == [*THEMES, *THEMES]
    assert len(asked) == len(set(asked)) == 36


def test_choose_aims_at_both_professions_and_is_deterministic(bank: IcebreakerBank) -> None:
    picked = bank.choose(["Nurse", "IT and digital"], seed=9)
    assert picked == load_bank().choose(["Nurse", "IT and digital"], seed=9)
    assert [q.theme for q in picked] == ["roles"] * 3
    shared, for_nurse, for_it = picked
    assert shared.audience == {ANY} and not shared.text.startswith("For ")
    assert "clinical" in for_nurse.audience and for_nurse.text.startswith("For Nurse: ")
    assert for_it.audience & {"technical", "management"}
    assert for_it.text.startswith("For IT and digital: ")
    texts = {q.id: q.text for q in bank.questions}
    assert for_it.text == f"For IT and digital: {texts[for_it.id]}"
    assert bank.choose(["Nurse"], count=0) == []
    with pytest.raises(ValueError, match="count"):
        bank.choose(["Nurse"], count=-1)


# --- malformed banks ------------------------------------------------------------------------


def question_yaml(**fields: str) -> str:
    """A bank of one question in block style, each field's value given as raw YAML."""
    lines = [f"    {key}: {value}" for key, value in fields.items()]
    return "questions:\n  -\n" + "\n".join(lines) + "\n"


GOOD = {"id": "r1", "theme": "roles", "for": "[any]", "text": "Why?"}


def bad(**changes: str | None) -> str:
    fields = {key: value for key, value in {**GOOD, **changes}.items() if value is not None}
    return question_yaml(**fields)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (bad() + bad().removeprefix("questions:\n"),
         "Duplicate id 'r1' (question #1 and question #2)."),
        (bad() + "scenarios:\n  - {id: r1, themes: [roles], text: 'A?'}\n",
         "Duplicate id 'r1' (question #1 and scenario #1)."),
        (bad(theme="vaules"),
         "Question 'r1' has an unknown theme 'vaules'; expected one of roles, values, "
         "challenges, barriers, shadowing, reflection."),
        (bad(text="'  '"), "Question 'r1' has empty text."),
        (bad(text=None), "Question 'r1' is missing the field 'text'."),
        (bad(id=None), "Question #1 is missing the field 'id'."),
        (bad(theme=None), "Question 'r1' is missing the field 'theme'."),
        (bad(**{"for": None}), "Question 'r1' is missing the field 'for'."),
        (bad(txet="typo"),
         "Question 'r1' has an unknown field 'txet'; expected only id, theme, for, text."),
        (bad(**{"for": "[nurses]"}),
         "Question 'r1' has an unknown 'for' value 'nurses'; expected one of any, clinical, "
         "non-clinical, management, support, technical, host, guest."),
        (bad(**{"for": "clinical"}),
         "Question 'r1' must list its 'for' as a list such as [any] or [clinical, support]."),
        (bad(**{"for": "[]"}),
         "Question 'r1' must list its 'for' as a list such as [any] or [clinical, support]."),
        (bad(**{"for": "[any, clinical]"}),
         "Question 'r1' is for 'any' profession, so it needs no other tag."),
        (bad() + "scenarios:\n  - {id: s1, themes: [career], text: 'A?'}\n",
         "Scenario 's1' has an unknown 'themes' value 'career'; expected one of roles, values, "
         "challenges, barriers, shadowing, reflection."),
        (bad() + "scenarios:\n  - {id: s1, text: 'A?'}\n",
         "Scenario 's1' is missing the field 'themes'."),
        (bad() + "scenarios: {}\n", "The icebreaker bank's 'scenarios' must be a list."),
        (bad() + "profession_groups: {Nurse: clinical, NURSE: clinical}\n",
         "Professions 'Nurse' and 'NURSE' are the same name once case and spacing are ignored."),
        (bad() + "profession_groups: {nurse: clinical, nurse: support}\n",
         "The key 'nurse' appears twice in one mapping at line 7 of the icebreaker bank."),
        (bad() + "profession_groups: {porter: estates}\n",
         "Profession 'porter' maps to an unknown group 'estates'; expected one of clinical, "
         "management, support, technical."),
        (bad() + "profesion_groups: {}\n",
         "The icebreaker bank has an unknown top-level field 'profesion_groups'; "
         "expected questions, scenarios, profession_groups."),
        ("questions: []\n", "The icebreaker bank must have a non-empty 'questions' list."),
        ("- just a list\n",
         "The icebreaker bank must be a mapping with a 'questions' list and a "
         "'profession_groups' mapping."),
        ("questions: [\n", "The icebreaker bank is not valid YAML"),
    ],
)
def test_malformed_banks_raise_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(IcebreakerBankError) as raised:
        load_bank(text)
    assert str(raised.value).startswith(message)
    assert_one_sentence(str(raised.value))


def test_a_valid_bank_without_profession_groups_knows_no_profession() -> None:
    bank = load_bank(bad(text="'  Why   this? '"))
    assert bank.questions == (Icebreaker("r1", "Why this?", ("roles",), frozenset({ANY})),)
    assert bank.scenarios == ()
    assert bank.group_of("Nurse") is None


def test_loading_the_bank_and_choosing_a_guide_print_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bank = load_bank()
    guide = bank.guide("roles", [JUNIOR_DOCTOR, MANAGER], {}, seed=1, tutorial=True)
    assert guide.items
    assert capsys.readouterr() == ("", "")
