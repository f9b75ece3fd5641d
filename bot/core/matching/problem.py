"""Validated, indexed form of the input: professions as ints, history as neighbour sets.

The history window and the score are those of `rules` (the one place they are written).
Ids in the history that are not among the people are ignored (they left the programme),
but their rounds still count when finding the latest round. Professions are compared
with `rules.profession_key`; the first spelling seen is the one shown.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.matching.model import (
    MODES,
    SIDES,
    WINDOWS,
    Candidate,
    MatchConfig,
    MatchInputError,
    PastGroup,
    Weights,
)
from bot.core.matching.rules import (
    counts_as_meeting,
    profession_key,
    recent_cutoff,
    window_mask,
)
from bot.core.matching.rules import score as rule_score

MAX_GROUP_SIZE = 4
MAX_CAPACITY = 50


@dataclass
class Problem:
    """People as parallel lists indexed 0..n-1, plus their history and the configuration."""

    people: Sequence[Candidate]
    config: MatchConfig
    prof: list[int]
    prof_names: list[str]
    prof_count: list[int]
    wants: list[frozenset[int]]
    unp: list[bool]
    side: list[int]
    side_count: tuple[int, int]
    forbidden: list[set[int]]
    met: list[set[int]]
    rng: random.Random
    # Score classes: people whose score with anyone depends on the partner's class only
    # through the partner's profession, wishes and flag: (profession, windows, site) as
    # far as the score uses them. `pc` is each person's class, `pc_prof` each class's
    # profession, `bonus[c][d]` the points two people of classes c and d add for a
    # shared window and site.
    mask: list[int]
    site_of: list[int]
    pc: list[int]
    pc_prof: list[int]
    bonus: list[list[int]]

    @property
    def n(self) -> int:
        """Number of people."""
        return len(self.people)

    @property
    def weights(self) -> Weights:
        """Score weights of this run."""
        return self.config.weights

    @property
    def two_sided(self) -> bool:
        """True in two-sided mode."""
        return self.config.mode == "two-sided"

    def allowed(self, a: int, b: int) -> bool:
        """Whether a and b may be in one group (profession or side rule, and recent history)."""
        if self.two_sided:
            if self.side[a] == self.side[b]:
                return False
        elif self.prof[a] == self.prof[b]:
            return False
        return b not in self.forbidden[a]

    def score(self, a: int, b: int) -> int:
        """Pair score of a and b (`rules.score`, the default scoring in docs/development.md)."""
        return rule_score(
            self.config.weights,
            a_wants_b=self.prof[b] in self.wants[a],
            b_wants_a=self.prof[a] in self.wants[b],
            a_left_out=self.unp[a],
            b_left_out=self.unp[b],
            met_before=b in self.met[a],
        ) + self.bonus[self.pc[a]][self.pc[b]]

    @property
    def has_bonus(self) -> bool:
        """Whether any pair scores a shared window or site."""
        return any(any(row) for row in self.bonus)

    def group_score(self, members: Sequence[int]) -> int:
        """Sum of pair scores over all member pairs."""
        total = 0
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                total += self.score(a, b)
        return total

    def fits(self, person: int, members: Sequence[int]) -> bool:
        """Whether person may join these members: history, and professions in cross mode.

        In two-sided mode the caller checks the group's shape (one B, up to capacity A's).
        """
        forbidden = self.forbidden[person]
        if self.two_sided:
            return not any(m in forbidden for m in members)
        p = self.prof[person]
        return not any(m in forbidden or self.prof[m] == p for m in members)


def _validate_config(config: MatchConfig) -> None:
    if config.mode not in MODES:
        raise MatchInputError(f"unknown mode {config.mode!r}: use cross or two-sided")
    if not 2 <= config.group_size <= MAX_GROUP_SIZE:
        raise MatchInputError(f"group size must be 2, 3 or 4, not {config.group_size}")
    if not 1 <= config.capacity <= MAX_CAPACITY:
        raise MatchInputError(f"capacity must be between 1 and {MAX_CAPACITY}")
    if config.mode == "two-sided" and config.group_size != 2:
        raise MatchInputError("two-sided mode makes groups of one B and up to capacity A's; "
                              "use capacity instead of group size")
    if config.mode == "cross" and config.capacity != 1:
        raise MatchInputError("capacity only applies to two-sided mode")
    if config.recency < 0:
        raise MatchInputError(f"recency must not be negative, not {config.recency}")
    w = config.weights
    if min(w.base, w.learn, w.unpaired, w.met_before, w.availability, w.site) < 0:
        raise MatchInputError("weights must not be negative")


def prepare(
    people: Sequence[Candidate], history: Sequence[PastGroup], config: MatchConfig
) -> Problem:
    """Validate the input and index it; raises MatchInputError on bad input."""
    _validate_config(config)
    index: dict[str, int] = {}
    prof_index: dict[str, int] = {}
    prof_names: list[str] = []
    prof: list[int] = []
    sides: list[int] = []
    for i, c in enumerate(people):
        if not c.id:
            raise MatchInputError(f"person number {i + 1} has an empty id")
        if c.id in index:
            raise MatchInputError(f"duplicate id {c.id!r}")
        index[c.id] = i
        key = profession_key(c.profession)
        if not key:
            raise MatchInputError(f"person {c.id!r} has no profession")
        if key not in prof_index:
            prof_index[key] = len(prof_index)
            prof_names.append(" ".join(c.profession.split()))
        prof.append(prof_index[key])
        for window in c.windows:
            if window not in WINDOWS:
                raise MatchInputError(f"person {c.id!r} has an unknown availability window "
                                      f"{window!r}: use {', '.join(WINDOWS)}")
        for begin, end in c.away:
            if end < begin:
                raise MatchInputError(f"person {c.id!r} has an away range that ends before "
                                      "it starts")
        if c.side is None:
            if config.mode == "two-sided":
                raise MatchInputError(f"person {c.id!r} has no side (A or B) in two-sided mode")
            sides.append(-1)
        elif c.side in SIDES:
            sides.append(SIDES.index(c.side))
        else:
            raise MatchInputError(f"person {c.id!r} has side {c.side!r}: use A or B")
    prof_count = [0] * len(prof_names)
    for p in prof:
        prof_count[p] += 1
    # Wishes for professions nobody here has cannot be met this round, so they are dropped.
    known: dict[frozenset[str], frozenset[int]] = {}
    wants: list[frozenset[int]] = []
    for i, c in enumerate(people):
        ids = known.get(c.learn)
        if ids is None:
            ids = known[c.learn] = frozenset(
                prof_index[k] for k in map(profession_key, c.learn) if k in prof_index
            )
        wants.append(ids - {prof[i]} if prof[i] in ids else ids)
    n = len(people)
    forbidden: list[set[int]] = [set() for _ in range(n)]
    met: list[set[int]] = [set() for _ in range(n)]
    cutoff = recent_cutoff(history, config.recency)
    if cutoff is not None:
        get = index.get
        for g in history:
            if not counts_as_meeting(g, config):
                continue  # they never met: not a repeat
            target = forbidden if g.round > cutoff else met
            if len(g.members) == 2:
                first, second = g.members
                a, b = get(first), get(second)
                if a is not None and b is not None:
                    target[a].add(b)
                    target[b].add(a)
                continue
            members = [i for i in map(get, g.members) if i is not None]
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    target[a].add(b)
                    target[b].add(a)
    _block(people, index, config, forbidden)
    # A pair that also met inside the window (or may not meet) is forbidden, not just
    # penalised.
    for a in range(n):
        if met[a] and forbidden[a]:
            met[a] -= forbidden[a]
    w = config.weights
    mask = [window_mask(c.windows) if config.availability else 0 for c in people]
    sites: dict[str, int] = {}
    site_of = [sites.setdefault(c.site, len(sites)) if c.site and config.site_preference
               else -1 for c in people]
    classes: dict[tuple[int, int, int], int] = {}
    pc = [classes.setdefault((prof[i], mask[i], site_of[i]), len(classes)) for i in range(n)]
    keys = list(classes)
    # Class by class, vectorised: thousands of classes with windows and sites.
    masks = np.array([m for _, m, _ in keys], dtype=np.int64)
    site_ids = np.array([s for _, _, s in keys], dtype=np.int64)
    bonus = (w.availability * ((masks[:, None] & masks[None, :]) != 0)
             + w.site * ((site_ids[:, None] == site_ids[None, :]) & (site_ids[:, None] >= 0))
             ).astype(np.int64).tolist()
    return Problem(
        people=people,
        config=config,
        prof=prof,
        prof_names=prof_names,
        prof_count=prof_count,
        wants=wants,
        unp=[c.unpaired_last_round for c in people],
        side=sides,
        side_count=(sides.count(0), sides.count(1)),
        forbidden=forbidden,
        met=met,
        rng=random.Random(config.seed),
        mask=mask,
        site_of=site_of,
        pc=pc,
        pc_prof=[p for p, _, _ in keys],
        bonus=bonus,
    )


def _block(people: Sequence[Candidate], index: dict[str, int], config: MatchConfig,
           forbidden: list[set[int]]) -> None:
    """Add the pairs `rules.blocked` refuses to the forbidden sets, as history's are."""
    def both(a: int, b: int) -> None:
        if a != b:
            forbidden[a].add(b)
            forbidden[b].add(a)

    teams: dict[str, list[int]] = {}
    for a, c in enumerate(people):
        boss = index.get(c.manager) if c.manager else None
        if boss is not None:
            both(a, boss)
        for other in c.avoid:
            b = index.get(other)
            if b is not None:
                both(a, b)
        if config.exclude_same_team and c.team:
            teams.setdefault(c.team, []).append(a)
    for members in teams.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                both(a, b)
