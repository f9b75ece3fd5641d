"""Icebreaker questions for paired-learning groups, and how each round's questions are chosen.

The bank lives in ``bot/core/data/icebreakers.yaml``. Every question has a theme; four of
the themes are the programme's learning goals (a colleague's role, values, challenges and
the barriers between professions), so a round asks about those first and about careers
and a day in the life once a group has been asked everything else.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

THEMES: tuple[str, ...] = ("role", "values", "challenges", "barriers", "career", "day")
# The programme's four learning goals: asked before the other themes.
LEARNING_GOALS: tuple[str, ...] = ("role", "values", "challenges", "barriers")
PROFESSION_GROUPS: tuple[str, ...] = ("clinical", "management", "support", "technical", "any")
ANY_GROUP = "any"

_DATA_PACKAGE = "bot.core.data"
_BANK_FILE = "icebreakers.yaml"
_TOP_LEVEL_FIELDS = ("questions", "profession_groups")
_QUESTION_FIELDS = ("id", "text", "theme", "professions")
_REQUIRED_QUESTION_FIELDS = ("id", "text", "theme")


class IcebreakerBankError(ValueError):
    """The icebreaker bank is malformed; the message says what and where in one sentence."""


@dataclass(frozen=True)
class Icebreaker:
    """One question; ``professions`` are the groups it particularly suits (empty: everyone)."""

    id: str
    text: str
    theme: str
    professions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IcebreakerBank:
    """All questions, and the mapping from profession names to profession groups."""

    questions: tuple[Icebreaker, ...]
    profession_groups: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def group_of(self, profession: str) -> str:
        """Return the profession group of a profession name, or ``"any"`` if it is unknown."""
        return self.profession_groups.get(_normalise_profession(profession), ANY_GROUP)

    def choose(
        self,
        professions: Sequence[str],
        *,
        already_asked: Collection[str] = (),
        seed: int = 0,
        count: int = 3,
    ) -> list[Icebreaker]:
        """Pick ``count`` questions of distinct themes for a group with these professions.

        The rules, strongest first:

        1. A question in ``already_asked`` (the group has had it before) is never chosen
           while an unasked one remains, even if that means repeating a theme.
        2. Themes are distinct; only when ``count`` exceeds the six themes, or the unasked
           supply runs short, does a theme appear twice.
        3. The learning-goal themes (role, values, challenges, barriers) come before career
           and day; among them, the theme this group has been asked least about so far
           comes first, so successive rounds rotate through all four.
        4. Within a theme, a question tagged for one of the group's profession groups comes
           first (more matching groups first), then an untagged or ``any`` question, then
           one tagged only for groups nobody in this group belongs to.
        5. Remaining ties are broken by ``random.Random(seed)``: the same seed, bank and
           arguments always give the same questions.

        When every question has been asked, the result still has ``count`` questions
        (or the whole bank, if smaller): repeats are taken least recently asked first,
        reading ``already_asked`` as oldest first when it is a sequence; for an unordered
        collection such as a set all asked questions count as equally old.
        """
        if count < 0:
            raise ValueError(f"count must not be negative, got {count}")
        groups = frozenset(self.group_of(profession) for profession in professions)
        ranking = _Ranking.build(self.questions, groups, already_asked, seed)
        theme_uses: Counter[str] = Counter()
        pool = list(self.questions)
        chosen: list[Icebreaker] = []
        while pool and len(chosen) < count:
            best = min(pool, key=lambda question: ranking.key(question, theme_uses))
            pool.remove(best)
            theme_uses[best.theme] += 1
            chosen.append(best)
        return chosen


@dataclass(frozen=True)
class _Ranking:
    """Everything ``choose`` ranks by that does not change while a round is being picked."""

    groups: frozenset[str]
    last_asked: Mapping[str, int]
    asked_per_theme: Mapping[str, int]
    theme_tiebreak: Mapping[str, float]
    question_tiebreak: Mapping[str, float]

    @classmethod
    def build(
        cls,
        questions: Sequence[Icebreaker],
        groups: frozenset[str],
        already_asked: Collection[str],
        seed: int,
    ) -> _Ranking:
        """Precompute the history- and seed-dependent parts of the ranking."""
        if isinstance(already_asked, Sequence) and not isinstance(already_asked, str):
            # Later position = more recent; a question asked twice counts from its last time.
            last_asked = {question_id: at for at, question_id in enumerate(already_asked)}
        else:
            last_asked = dict.fromkeys(already_asked, 0)
        asked_per_theme = Counter(q.theme for q in questions if q.id in last_asked)
        # Draw in a fixed order (THEMES, then bank order) so the result depends only on the
        # seed and the bank, never on hash randomisation or set iteration order.
        rng = random.Random(seed)
        theme_tiebreak = {theme: rng.random() for theme in THEMES}
        question_tiebreak = {q.id: rng.random() for q in questions}
        return cls(groups, last_asked, asked_per_theme, theme_tiebreak, question_tiebreak)

    def key(self, question: Icebreaker, theme_uses: Mapping[str, int]) -> tuple[Any, ...]:
        """Sort key for a candidate question: the smallest key is the best choice."""
        asked = question.id in self.last_asked
        return (
            asked,
            theme_uses.get(question.theme, 0),
            self.last_asked.get(question.id, -1),
            question.theme not in LEARNING_GOALS,
            self.asked_per_theme.get(question.theme, 0),
            self.theme_tiebreak[question.theme],
            -self._profession_match(question),
            self.question_tiebreak[question.id],
        )

    def _profession_match(self, question: Icebreaker) -> int:
        """How well a question suits the group: >0 tagged for it, 0 general, -1 for others."""
        specific = question.professions - {ANY_GROUP}
        matches = len(specific & self.groups)
        if matches or not specific or ANY_GROUP in question.professions:
            return matches
        return -1


def load_bank(text: str | None = None) -> IcebreakerBank:
    """Parse and validate a bank from YAML text, or the packaged bank when ``text`` is None."""
    if text is None:
        text = resources.files(_DATA_PACKAGE).joinpath(_BANK_FILE).read_text(encoding="utf-8")
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        where = f" at line {error.problem_mark.line + 1}" if error.problem_mark else ""
        raise IcebreakerBankError(
            f"The icebreaker bank is not valid YAML: {error.problem}{where}."
        ) from error
    except yaml.YAMLError as error:
        raise IcebreakerBankError(f"The icebreaker bank is not valid YAML: {error}.") from error
    return _parse_bank(document)


def _parse_bank(document: object) -> IcebreakerBank:
    if not isinstance(document, dict):
        raise IcebreakerBankError(
            "The icebreaker bank must be a mapping with a 'questions' list "
            "and a 'profession_groups' mapping."
        )
    unknown = sorted(str(key) for key in document if key not in _TOP_LEVEL_FIELDS)
    if unknown:
        raise IcebreakerBankError(
            f"The icebreaker bank has an unknown top-level field {unknown[0]!r}; "
            f"expected {' and '.join(_TOP_LEVEL_FIELDS)}."
        )
    raw_questions = document.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise IcebreakerBankError("The icebreaker bank must have a non-empty 'questions' list.")
    questions: list[Icebreaker] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(raw_questions, start=1):
        question = _parse_question(raw, number)
        if question.id in first_seen:
            raise IcebreakerBankError(
                f"Duplicate question id {question.id!r} "
                f"(questions #{first_seen[question.id]} and #{number})."
            )
        first_seen[question.id] = number
        questions.append(question)
    groups = _parse_profession_groups(document.get("profession_groups", {}))
    return IcebreakerBank(questions=tuple(questions), profession_groups=groups)


def _parse_question(raw: object, number: int) -> Icebreaker:
    if not isinstance(raw, dict):
        raise IcebreakerBankError(f"Question #{number} must be a mapping with id, text and theme.")
    raw_id = raw.get("id")
    has_id = isinstance(raw_id, str) and bool(raw_id.strip())
    name = f"Question {raw_id!r}" if has_id else f"Question #{number}"
    for required in _REQUIRED_QUESTION_FIELDS:
        if raw.get(required) is None:
            raise IcebreakerBankError(f"{name} is missing the field {required!r}.")
    unknown = sorted(str(key) for key in raw if key not in _QUESTION_FIELDS)
    if unknown:
        raise IcebreakerBankError(
            f"{name} has an unknown field {unknown[0]!r}; "
            f"expected only {', '.join(_QUESTION_FIELDS)}."
        )
    question_id, text, theme = raw["id"], raw["text"], raw["theme"]
    if not isinstance(question_id, str) or not question_id.strip():
        raise IcebreakerBankError(f"{name} must have a non-empty string id.")
    if not isinstance(text, str) or not text.strip():
        raise IcebreakerBankError(f"{name} has empty text.")
    if theme not in THEMES:
        raise IcebreakerBankError(
            f"{name} has an unknown theme {theme!r}; expected one of {', '.join(THEMES)}."
        )
    return Icebreaker(
        id=question_id.strip(),
        text=" ".join(text.split()),
        theme=theme,
        professions=_parse_professions(raw.get("professions"), name),
    )


def _parse_professions(raw: object, name: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list):
        raise IcebreakerBankError(
            f"{name} must list its professions as a list, e.g. [clinical, support]."
        )
    for group in raw:
        if group not in PROFESSION_GROUPS:
            raise IcebreakerBankError(
                f"{name} has an unknown profession group {group!r}; "
                f"expected one of {', '.join(PROFESSION_GROUPS)}."
            )
    return frozenset(raw)


def _parse_profession_groups(raw: object) -> Mapping[str, str]:
    if not isinstance(raw, dict):
        raise IcebreakerBankError(
            "The icebreaker bank's 'profession_groups' must map profession names to groups."
        )
    groups: dict[str, str] = {}
    spelt: dict[str, str] = {}
    for profession, group in raw.items():
        if not isinstance(profession, str) or not profession.strip():
            raise IcebreakerBankError(
                f"Profession name {profession!r} in 'profession_groups' must be non-empty text."
            )
        if group not in PROFESSION_GROUPS:
            raise IcebreakerBankError(
                f"Profession {profession!r} maps to an unknown group {group!r}; "
                f"expected one of {', '.join(PROFESSION_GROUPS)}."
            )
        key = _normalise_profession(profession)
        if key in groups:
            raise IcebreakerBankError(
                f"Professions {spelt[key]!r} and {profession!r} are the same name "
                "once case and spacing are ignored."
            )
        groups[key] = group
        spelt[key] = profession
    return MappingProxyType(groups)


def _normalise_profession(name: str) -> str:
    return " ".join(name.casefold().split())


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that rejects a key repeated in one mapping, which PyYAML would overwrite."""


def _construct_unique_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int | float):
            continue  # unhashable keys are left for construct_mapping to reject
        if key in seen:
            raise IcebreakerBankError(
                f"The key {key!r} appears twice in one mapping "
                f"at line {key_node.start_mark.line + 1} of the icebreaker bank."
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)
