"""The question bank for paired-learning meetings, and how a meeting's guide is chosen.

The bank lives in ``bot/core/data/icebreakers.yaml``. Every question has a theme of the
journey (``bot.core.journey``) and says who it is written for: any profession, clinical or
non-clinical staff (or one non-clinical group), or the host or a guest of a tutorial group.
Scenario prompts, for tutorial groups, are situations the whole group talks through.

``IcebreakerBank.guide`` picks a meeting's questions so that every member is asked something
written for them, nobody is asked a question they have had before in the programme while
an unasked one remains, and use spreads across the bank.
"""

from __future__ import annotations

import functools
import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from bot.core.journey import THEME_IDS, JourneyError, Theme
from bot.core.journey import theme as default_theme

THEMES: tuple[str, ...] = THEME_IDS
# Profession groups a profession name maps to; all but clinical are non-clinical.
PROFESSION_GROUPS: tuple[str, ...] = ("clinical", "management", "support", "technical")
NON_CLINICAL_GROUPS: frozenset[str] = frozenset({"management", "support", "technical"})
ANY = "any"
NON_CLINICAL = "non-clinical"
HOST = "host"
GUEST = "guest"
# Who a question can be written for, in the bank's `for` field.
AUDIENCES: tuple[str, ...] = (ANY, "clinical", NON_CLINICAL, *PROFESSION_GROUPS[1:], HOST, GUEST)
MEMBER_GROUPS: tuple[str, ...] = (*PROFESSION_GROUPS, NON_CLINICAL)
DEFAULT_COUNT = 3
QUESTION = "question"
SCENARIO = "scenario"
_OWN = "own"  # a guide's slot for a question written for one side or profession group

# A question that speaks of "the other person" or "the two of you" is for pairs only.
_PAIRS_ONLY = re.compile(r"\b(the other person|the two of you|your two professions)\b", re.I)

_DATA_PACKAGE = "bot.core.data"
_BANK_FILE = "icebreakers.yaml"
_TOP_LEVEL_FIELDS = ("questions", "scenarios", "profession_groups")
_QUESTION_FIELDS = ("id", "theme", "for", "text")
_SCENARIO_FIELDS = ("id", "themes", "text")


class IcebreakerBankError(ValueError):
    """The icebreaker bank is malformed; the message says what and where in one sentence."""


@dataclass(frozen=True)
class Icebreaker:
    """One question (or a tutorial scenario): its themes and who it is written for."""

    id: str
    text: str
    themes: tuple[str, ...]
    audience: frozenset[str] = frozenset({ANY})
    kind: str = QUESTION

    @property
    def theme(self) -> str:
        """The theme the question belongs to (a scenario's first listed theme)."""
        return self.themes[0]

    @property
    def pairs_only(self) -> bool:
        """Whether the wording assumes a group of two ("the other person")."""
        return bool(_PAIRS_ONLY.search(self.text))


@dataclass(frozen=True)
class Member:
    """One member of a group, as the guide needs them.

    ``group`` overrides the profession group the bank would look up for ``profession``
    (one of ``MEMBER_GROUPS``); ``side`` is ``A`` or ``B`` in a two-sided programme.
    """

    id: str
    profession: str
    side: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class GuideItem:
    """One question of a guide, with the members it is aimed at (all of them if shared)."""

    question: Icebreaker
    aimed_at: tuple[str, ...]
    repeat: bool = False


@dataclass(frozen=True)
class Guide:
    """A meeting's theme and its questions; ``note`` says so when one had to be repeated."""

    theme: Theme
    items: tuple[GuideItem, ...]
    members: tuple[str, ...]
    host: str | None = None
    note: str | None = None

    @property
    def questions(self) -> tuple[Icebreaker, ...]:
        """The chosen questions, in the order they are shown."""
        return tuple(item.question for item in self.items)

    @property
    def exhausted(self) -> bool:
        """True when the bank ran out of new questions and one was asked again."""
        return any(item.repeat for item in self.items)

    def lines(self, names: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """The questions as shown: one aimed at some members only starts "For Ann: "."""
        names = names or {}
        shown = []
        for item in self.items:
            if set(item.aimed_at) >= set(self.members):
                shown.append(item.question.text)
            else:
                who = _join([names.get(member, member) for member in item.aimed_at])
                shown.append(f"For {who}: {item.question.text}")
        return tuple(shown)


@dataclass(frozen=True)
class IcebreakerBank:
    """All questions and scenarios, and the mapping from profession names to groups."""

    questions: tuple[Icebreaker, ...]
    profession_groups: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    scenarios: tuple[Icebreaker, ...] = ()

    def group_of(self, profession: str) -> str | None:
        """The profession group of a profession name, or None if the bank does not know it."""
        return self.profession_groups.get(normalise_profession(profession))

    def counts(self) -> dict[str, dict[str, int]]:
        """Per theme: questions in all, questions per audience tag, and scenarios."""
        table: dict[str, dict[str, int]] = {}
        for theme_id in THEMES:
            in_theme = [q for q in self.questions if q.theme == theme_id]
            row = {"questions": len(in_theme)}
            for audience in AUDIENCES:
                row[audience] = sum(audience in q.audience for q in in_theme)
            row["scenarios"] = sum(theme_id in s.themes for s in self.scenarios)
            table[theme_id] = row
        return table

    def guide(
        self,
        theme: Theme | str,
        members: Sequence[Member],
        asked: Mapping[str, Collection[str]] | None = None,
        *,
        seed: int = 0,
        tutorial: bool = False,
        count: int = DEFAULT_COUNT,
        usage: Mapping[str, int] | None = None,
    ) -> Guide:
        """Choose ``count`` questions of ``theme`` for a group, aimed at every member.

        The rules, strongest first:

        1. No member is asked a question they have had before (``asked`` maps a member's
           id to the ids of every question they have had in the programme) while an
           unasked one of this theme remains; once none remains the one the fewest members
           have had is repeated, and ``Guide.note`` says so.
        2. Every member gets a question written for them: one for each side of a
           two-sided group, or for each profession group in a cross group, besides a
           shared question for everyone. A question written for clinical staff is never
           aimed at a non-clinical member, nor the other way round.
        3. A tutorial group (``tutorial``: one host on side B with guests on side A) is
           given a scenario prompt, a question for the host and one for the guests. A group
           of three or more never gets a question worded for a pair ("the other person").
        4. Among equals, the question used least so far (``usage``: times each question
           has been used, e.g. in this round) comes first, then ``random.Random(seed)``
           decides: the same seed, bank and arguments always give the same guide.
        """
        if count < 0:
            raise ValueError(f"count must not be negative, got {count}")
        chosen_theme = default_theme(theme) if isinstance(theme, str) else theme
        if chosen_theme.id not in THEMES:
            raise JourneyError(
                f"Unknown theme {chosen_theme.id!r}; choose from {', '.join(THEMES)}."
            )
        ids = [member.id for member in members]
        if len(set(ids)) != len(ids):
            raise ValueError("Each member of a group must have a different id.")
        host = _host_of(members) if tutorial else None
        tags = {member.id: self._tags(member, host, tutorial) for member in members}
        picker = _Picker(
            members=tuple(ids),
            tags=tags,
            asked={member_id: frozenset(asked.get(member_id, ())) for member_id in ids}
            if asked
            else {},
            usage=usage or {},
            tiebreak=_tiebreaks(seed, (*self.questions, *self.scenarios)),
        )
        fits_size = len(members) <= 2
        in_theme = [
            q for q in self.questions
            if q.theme == chosen_theme.id and (fits_size or not q.pairs_only)
        ]
        scenarios = [
            s for s in self.scenarios
            if chosen_theme.id in s.themes and (fits_size or not s.pairs_only)
        ]
        slots = self._slots(members, host, count)
        items: dict[int, GuideItem] = {}
        for position, (kind, audience) in enumerate(slots):
            pool = scenarios if kind == SCENARIO else in_theme
            item = picker.pick(pool, audience, specific=kind == _OWN)
            if item is not None:
                items[position] = item
        shared = [item for item in (picker.pick(in_theme, tuple(ids), specific=False)
                                    for _ in range(count - len(items))) if item is not None]
        # Shown order: a scenario first, then the shared question, then those for each side.
        ordered = [items[p] for p in sorted(items) if slots[p][0] == SCENARIO]
        ordered += shared
        ordered += [items[p] for p in sorted(items) if slots[p][0] != SCENARIO]
        repeats = sum(item.repeat for item in ordered)
        note = None
        if repeats:
            note = (
                "This group has already had every question on this theme that suits them, "
                f"so {repeats} of these {'has' if repeats == 1 else 'have'} been asked before."
            )
        return Guide(chosen_theme, tuple(ordered), tuple(ids), host, note)

    def choose(
        self,
        professions: Sequence[str],
        *,
        already_asked: Collection[str] = (),
        seed: int = 0,
        count: int = DEFAULT_COUNT,
    ) -> list[Icebreaker]:
        """Questions for a group known only by its professions: the earlier interface.

        The theme is the one least asked in ``already_asked`` (the group's history), in
        journey order on a tie, so successive rounds walk through the journey; the
        questions are that theme's guide for the group, treating ``already_asked`` as every
        member's history. A question aimed at some members only starts "For Nurse: ".
        """
        if count < 0:
            raise ValueError(f"count must not be negative, got {count}")
        members = [Member(id=str(i), profession=p) for i, p in enumerate(professions)]
        asked_ids = frozenset(already_asked)
        theme_of = {q.id: q.theme for q in self.questions}
        per_theme = Counter(theme_of[q] for q in asked_ids if q in theme_of)
        theme_id = min(THEMES, key=lambda t: per_theme[t])
        asked = {member.id: asked_ids for member in members}
        guide = self.guide(theme_id, members, asked, seed=seed, count=count)
        # Only professions are known here, so a question for some members names theirs.
        lines = guide.lines({member.id: member.profession for member in members})
        return [replace(q, text=line) for q, line in zip(guide.questions, lines, strict=True)]

    def _slots(
        self, members: Sequence[Member], host: str | None, count: int
    ) -> list[tuple[str, tuple[str, ...]]]:
        """What a guide asks first: a tutorial's scenario, then one question per audience."""
        own = [(_OWN, audience) for audience in self._audiences(members, host)]
        if host is not None:
            return [(SCENARIO, tuple(m.id for m in members)), *own][:count]
        # Keep room for a shared question: it is what the members talk about together.
        return own[: max(count - 1, 0)]

    def _tags(self, member: Member, host: str | None, tutorial: bool) -> frozenset[str]:
        """The audience tags a member answers to: any, their group, host or guest."""
        group = member.group if member.group is not None else self.group_of(member.profession)
        if group is not None and group not in MEMBER_GROUPS:
            raise ValueError(
                f"Member {member.id!r} has an unknown group {group!r}; "
                f"expected one of {', '.join(MEMBER_GROUPS)}."
            )
        tags = {ANY}
        if group is not None:
            tags.add(group)
        if group in NON_CLINICAL_GROUPS:
            tags.add(NON_CLINICAL)
        if tutorial and host is not None:
            tags.add(HOST if member.id == host else GUEST)
        return frozenset(tags)

    def _audiences(self, members: Sequence[Member], host: str | None) -> list[tuple[str, ...]]:
        """The sets of members that each get a question of their own."""
        if host is not None:
            guests = tuple(m.id for m in members if m.id != host)
            return [(host,), guests] if guests else [(host,)]
        sides = _ordered_groups(members, lambda m: m.side)
        if len(sides) > 1:
            return sides
        return _ordered_groups(
            members,
            lambda m: m.group if m.group is not None else self.group_of(m.profession),
        )


@dataclass
class _Picker:
    """Picks one question at a time for a guide, never the same one twice."""

    members: tuple[str, ...]
    tags: Mapping[str, frozenset[str]]
    asked: Mapping[str, frozenset[str]]
    usage: Mapping[str, int]
    tiebreak: Mapping[str, float]
    taken: set[str] = field(default_factory=set)

    def fits(self, question: Icebreaker, member: str) -> bool:
        """Whether the question is written for someone like this member."""
        return bool(question.audience & self.tags[member])

    def pick(
        self, pool: Iterable[Icebreaker], audience: tuple[str, ...], *, specific: bool
    ) -> GuideItem | None:
        """The best question of ``pool`` for every member of ``audience``, or None.

        ``specific`` prefers a question written for the audience in particular (their
        group, side or tutorial role) over one written for anyone.
        """
        candidates = [
            q
            for q in pool
            if q.id not in self.taken and all(self.fits(q, member) for member in audience)
        ]
        if not candidates:
            return None
        best = min(candidates, key=lambda q: self._key(q, specific))
        self.taken.add(best.id)
        aimed_at = tuple(m for m in self.members if self.fits(best, m))
        return GuideItem(best, aimed_at, repeat=self._had(best) > 0)

    def _had(self, question: Icebreaker) -> int:
        return sum(question.id in self.asked.get(member, ()) for member in self.members)

    def _key(self, question: Icebreaker, specific: bool) -> tuple[Any, ...]:
        general = ANY in question.audience
        return (
            self._had(question),
            general if specific else not general,
            not (question.audience & {HOST, GUEST}) if specific else False,
            self.usage.get(question.id, 0),
            self.tiebreak[question.id],
        )


def _host_of(members: Sequence[Member]) -> str | None:
    """The host of a tutorial group: the one member of side B (the matcher's shape)."""
    side_b = [m.id for m in members if m.side == "B"]
    if len(side_b) == 1 and len(members) > 1:
        return side_b[0]
    sides = Counter(m.side for m in members if m.side is not None)
    lone = [side for side, n in sides.items() if n == 1]
    if len(sides) == 2 and len(lone) == 1:
        return next(m.id for m in members if m.side == lone[0])
    return None


def _ordered_groups(
    members: Sequence[Member], key: Callable[[Member], object]
) -> list[tuple[str, ...]]:
    """Members grouped by ``key``, groups in order of their first member."""
    groups: dict[object, list[str]] = {}
    for member in members:
        groups.setdefault(key(member), []).append(member.id)
    return [tuple(ids) for ids in groups.values()]


def _tiebreaks(seed: int, questions: Sequence[Icebreaker]) -> Mapping[str, float]:
    # Drawn in bank order so the result depends only on the seed and the bank, never on
    # hash randomisation or the iteration order of a member's set of asked questions.
    rng = random.Random(seed)
    return {q.id: rng.random() for q in questions}


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def normalise_profession(name: str) -> str:
    """A profession name compared case- and space-insensitively."""
    return " ".join(name.casefold().split())


def load_bank(text: str | None = None) -> IcebreakerBank:
    """Parse and validate a bank from YAML text, or the packaged bank when ``text`` is None."""
    if text is None:
        return _packaged_bank()
    return _load_bank(text)


@functools.cache
def _packaged_bank() -> IcebreakerBank:
    # Read once per process: the bank is immutable, and parsing its YAML costs a third
    # of a second that every start (and every test that builds the services) paid.
    return _load_bank(
        resources.files(_DATA_PACKAGE).joinpath(_BANK_FILE).read_text(encoding="utf-8"))


def _load_bank(text: str) -> IcebreakerBank:
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


def extract_messages(fileobj: Any, keywords: Any, comment_tags: Any, options: Any
                     ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor for the bank (babel.cfg): each question's and scenario's text, as
    the bank shows it, with its id for the translator, so that the catalogue holds the
    bank and a question without a translation fails the Welsh catalogue's test."""
    bank = load_bank(fileobj.read().decode("utf-8"))
    for item in (*bank.questions, *bank.scenarios):
        yield 0, "_", item.text, [f"icebreaker {item.id} ({', '.join(item.themes)})"]


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
            f"expected {', '.join(_TOP_LEVEL_FIELDS)}."
        )
    raw_questions = document.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise IcebreakerBankError("The icebreaker bank must have a non-empty 'questions' list.")
    raw_scenarios = document.get("scenarios", [])
    if not isinstance(raw_scenarios, list):
        raise IcebreakerBankError("The icebreaker bank's 'scenarios' must be a list.")
    first_seen: dict[str, str] = {}

    def unique(item: Icebreaker, where: str) -> Icebreaker:
        if item.id in first_seen:
            raise IcebreakerBankError(
                f"Duplicate id {item.id!r} ({first_seen[item.id]} and {where})."
            )
        first_seen[item.id] = where
        return item

    questions = tuple(
        unique(_parse_question(raw, number), f"question #{number}")
        for number, raw in enumerate(raw_questions, start=1)
    )
    scenarios = tuple(
        unique(_parse_scenario(raw, number), f"scenario #{number}")
        for number, raw in enumerate(raw_scenarios, start=1)
    )
    groups = _parse_profession_groups(document.get("profession_groups", {}))
    return IcebreakerBank(questions=questions, profession_groups=groups, scenarios=scenarios)


def _fields(
    raw: object, number: int, kind: str, allowed: Sequence[str]
) -> tuple[dict[Any, Any], str]:
    """Check a question's or scenario's fields; return it and its name for messages."""
    if not isinstance(raw, dict):
        raise IcebreakerBankError(
            f"{kind.capitalize()} #{number} must be a mapping with {', '.join(allowed)}."
        )
    raw_id = raw.get("id")
    has_id = isinstance(raw_id, str) and bool(raw_id.strip())
    name = f"{kind.capitalize()} {raw_id!r}" if has_id else f"{kind.capitalize()} #{number}"
    for required in allowed:
        if raw.get(required) is None:
            raise IcebreakerBankError(f"{name} is missing the field {required!r}.")
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise IcebreakerBankError(
            f"{name} has an unknown field {unknown[0]!r}; expected only {', '.join(allowed)}."
        )
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise IcebreakerBankError(f"{name} must have a non-empty string id.")
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        raise IcebreakerBankError(f"{name} has empty text.")
    return raw, name


def _parse_question(raw: object, number: int) -> Icebreaker:
    fields, name = _fields(raw, number, QUESTION, _QUESTION_FIELDS)
    theme = fields["theme"]
    if theme not in THEMES:
        raise IcebreakerBankError(
            f"{name} has an unknown theme {theme!r}; expected one of {', '.join(THEMES)}."
        )
    audience = _tag_list(fields["for"], name, "for", AUDIENCES, "[any] or [clinical, support]")
    if ANY in audience and len(audience) > 1:
        raise IcebreakerBankError(f"{name} is for 'any' profession, so it needs no other tag.")
    return Icebreaker(
        id=fields["id"].strip(),
        text=" ".join(fields["text"].split()),
        themes=(theme,),
        audience=frozenset(audience),
    )


def _parse_scenario(raw: object, number: int) -> Icebreaker:
    fields, name = _fields(raw, number, SCENARIO, _SCENARIO_FIELDS)
    themes = _tag_list(fields["themes"], name, "themes", THEMES, "[challenges, barriers]")
    return Icebreaker(
        id=fields["id"].strip(),
        text=" ".join(fields["text"].split()),
        themes=tuple(dict.fromkeys(themes)),
        kind=SCENARIO,
    )


def _tag_list(
    raw: object, name: str, key: str, allowed: Sequence[str], example: str
) -> list[str]:
    if not isinstance(raw, list) or not raw:
        raise IcebreakerBankError(f"{name} must list its {key!r} as a list such as {example}.")
    for tag in raw:
        if tag not in allowed:
            raise IcebreakerBankError(
                f"{name} has an unknown {key!r} value {tag!r}; "
                f"expected one of {', '.join(allowed)}."
            )
    return [str(tag) for tag in raw]


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
        key = normalise_profession(profession)
        if key in groups:
            raise IcebreakerBankError(
                f"Professions {spelt[key]!r} and {profession!r} are the same name "
                "once case and spacing are ignored."
            )
        groups[key] = group
        spelt[key] = profession
    return MappingProxyType(groups)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
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
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=deep)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)
