"""The matching vocabulary: who can be matched, what happened before, what came out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# When people can usually meet: the contract's window keys.
from bot.core.availability import WINDOW_WORDS
from bot.core.availability import WINDOWS as WINDOWS
from bot.core.i18n import N_, _, format_list

MODES = ("cross", "two-sided")
SIDES = ("A", "B")


class MatchInputError(ValueError):
    """The people, history or configuration given to `match` cannot be matched as given."""


@dataclass(frozen=True)
class Candidate:
    """One person available for this round."""

    id: str
    name: str
    profession: str
    learn: frozenset[str] = frozenset()
    side: str | None = None
    unpaired_last_round: bool = False
    # When they can meet (keys of WINDOWS; none given: any time) and when they are away
    # (inclusive date ranges).
    windows: frozenset[str] = frozenset()
    away: tuple[tuple[date, date], ...] = ()
    site: str = ""
    team: str = ""
    manager: str = ""  # the id of their line manager
    avoid: frozenset[str] = frozenset()  # ids they must not be grouped with


@dataclass(frozen=True)
class PastGroup:
    """A group from an earlier round; a larger round number is more recent."""

    round: int
    members: frozenset[str]
    met: bool | None = None  # False: the group never met; None: unknown


@dataclass(frozen=True)
class Weights:
    """Points of the pair score; `met_before` is subtracted."""

    base: int = 10
    learn: int = 4
    unpaired: int = 3
    met_before: int = 5
    availability: int = 6  # they share a window (MatchConfig.availability)
    site: int = 2  # they work at the same site (MatchConfig.site_preference)


@dataclass(frozen=True)
class MatchConfig:
    """How to match: mode, group size, two-sided capacity, history window, seed, weights.

    `availability` scores a shared window (off unless the caller turns it on);
    `site_preference` scores a shared site; `exclude_same_team` forbids two members of
    one team in a group; `unmet_counts_as_repeat` makes a group that never met count
    toward recency. With `round_date`, people away for the 14 days from it sit out.
    """

    mode: str = "cross"
    group_size: int = 2
    capacity: int = 1
    recency: int = 6
    seed: int = 0
    weights: Weights = field(default_factory=Weights)
    availability: bool = False
    site_preference: bool = True
    exclude_same_team: bool = False
    unmet_counts_as_repeat: bool = False
    round_date: date | None = None
    # How reasons name the two sides ("the Junior doctors side"); the defaults otherwise.
    side_names: tuple[str, str] = ("side A", "side B")


@dataclass(frozen=True)
class Reason:
    """One reason by reference: `template` is an English catalogue message (marked `N_`)
    whose `{0}`, `{1}`... stand for the people's names and whose named placeholders
    (`{profession}`, `{site}`, `{windows}`, `{rounds}`...) take `values`; `you` is the
    message in the words of a reader who is one of its people (they come first, as "You",
    and `{0}`... are the others). Worded in the reader's language where it is read.

    Stored instead of the rendered text, a reason can be shown again with current names,
    or with a placeholder once someone's data is erased.
    """

    template: str
    people: tuple[str, ...] = ()
    values: tuple[tuple[str, str | int | tuple[str, ...]], ...] = ()
    you: str = ""

    def render(self, names: Mapping[str, str]) -> str:
        """The text, in the current language, with each candidate id replaced by its name
        in `names`."""
        return ReasonWords(self.template, self.values,
                           tuple(names[p] for p in self.people)).words()


@dataclass(frozen=True)
class ReasonWords:
    """A reason ready for one reader: its message (the reader's own form when they are
    among its people), its values and the names shown; `words()` words it in the current
    language, so that each half of a bilingual message has its own."""

    template: str
    values: tuple[tuple[str, str | int | tuple[str, ...]], ...] = ()
    names: tuple[str, ...] = ()

    def words(self) -> str:
        """The reason in the current language; a template that does not fit its values
        (a broken translation) falls back to English, and then to the text as written."""
        if not self.values and not self.names:
            return _(self.template)
        shown = {key: _value(key, value) for key, value in self.values}
        shown.setdefault("people", format_list(self.names))
        for text in (_(self.template), self.template):
            try:
                return text.format(*self.names, **shown)
            except (IndexError, KeyError, ValueError):
                continue
        return self.template


class Worded(str):
    """A reason's words in the language current when it was worded, keeping the reason, so
    that a message written in another language (each half of a bilingual one) words it
    again (`reworded`)."""

    reason: ReasonWords

    def __new__(cls, reason: ReasonWords) -> Worded:
        made = super().__new__(cls, reason.words())
        made.reason = reason
        return made

    def __getnewargs__(self) -> tuple[ReasonWords]:  # type: ignore[override]
        # A copy (copy, pickle) is made from the reason, not from the words.
        return (self.reason,)


def reworded(text: str) -> str:
    """A reason in the current language when it was worded by reference (`Worded`); other
    text as it is."""
    return text.reason.words() if isinstance(text, Worded) else text


def _value(key: str, value: str | int | tuple[str, ...]) -> str:
    """A value as the reader reads it: windows in their words, a default side name
    translated, a list joined; professions and sites are data, shown as given."""
    if key == "windows" and isinstance(value, tuple | list):
        return format_list([_(WINDOW_WORDS[w]) for w in value if w in WINDOW_WORDS])
    if isinstance(value, tuple | list):
        return format_list([str(v) for v in value])
    if key == "side" and value in _SIDES:
        return _(_SIDES[str(value)])
    return str(value)


# The unnamed sides' default names (MatchConfig.side_names), in the reader's language.
_SIDES = {"side A": N_("side A"), "side B": N_("side B")}


@dataclass(frozen=True)
class Group:
    """Member ids, the group's score (sum over member pairs) and why they were put together.

    `reasons` is the text of `explanations` with `names`, worded when first read (a
    round stores the explanations and never needs the text; the CLI and the preview do);
    `common_windows` the windows all members gave (every window when nobody gave any).
    """

    members: tuple[str, ...]
    score: int
    explanations: tuple[Reason, ...] = ()
    common_windows: tuple[str, ...] = ()  # the windows every member can meet in
    names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def reasons(self) -> tuple[str, ...]:
        """The explanations in the current language, with the members' names."""
        return tuple(r.render(self.names) for r in self.explanations)


@dataclass(frozen=True)
class LeftOut:
    """Why someone was left out, by reference: a key of `explain.left_out_words` and its
    values (numbers, a side, a profession), worded in the reader's language when read."""

    key: str
    values: tuple[tuple[str, str | int], ...] = ()


@dataclass(frozen=True)
class Unpaired:
    """Someone left out this round, with a reason a person can read (`left_out`: the same
    reason by reference, for wording it in another language)."""

    id: str
    reason: str
    left_out: LeftOut | None = None


@dataclass(frozen=True)
class MatchResult:
    """Groups, people left out and numbers about the round."""

    groups: tuple[Group, ...]
    unpaired: tuple[Unpaired, ...]
    stats: Mapping[str, int | float]
