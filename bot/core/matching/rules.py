"""The one scorer and the one hard rule; everything else in matching calls these.

History rule: with `last` the largest round number in the history, a pair that shared a
group in a round r with r > last - recency is forbidden (with rounds 1..12 and recency 6,
rounds 7..12); a pair that only shared groups in earlier rounds may meet again but loses
`weights.met_before` points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.core.matching.model import Candidate, MatchConfig, PastGroup, Weights


def profession_key(profession: str) -> str:
    """How professions are compared: case and spacing do not matter."""
    return " ".join(profession.split()).casefold()


def score(
    weights: Weights,
    *,
    a_wants_b: bool,
    b_wants_a: bool,
    a_left_out: bool,
    b_left_out: bool,
    met_before: bool,
) -> int:
    """Pair score (design.md, Default scoring)."""
    s = weights.base
    if a_wants_b:
        s += weights.learn
    if b_wants_a:
        s += weights.learn
    if a_left_out:
        s += weights.unpaired
    if b_left_out:
        s += weights.unpaired
    if met_before:
        s -= weights.met_before
    return s


def pair_score(a: Candidate, b: Candidate, *, met_before: bool, weights: Weights) -> int:
    """Score of putting a and b together (design.md, Default scoring)."""
    pa, pb = profession_key(a.profession), profession_key(b.profession)
    return score(
        weights,
        a_wants_b=pb in {profession_key(x) for x in a.learn} and pa != pb,
        b_wants_a=pa in {profession_key(x) for x in b.learn} and pa != pb,
        a_left_out=a.unpaired_last_round,
        b_left_out=b.unpaired_last_round,
        met_before=met_before,
    )


def recent_cutoff(history: Iterable[PastGroup], recency: int) -> int | None:
    """Rounds after this number are inside the window; None without history."""
    last = max((g.round for g in history), default=None)
    return None if last is None else last - recency


class HardRule:
    """The hard rule for one history and configuration, built once, asked many times."""

    def __init__(self, history: Sequence[PastGroup], config: MatchConfig) -> None:
        self.config = config
        self.recent: set[frozenset[str]] = set()
        cutoff = recent_cutoff(history, config.recency)
        if cutoff is None:
            return
        for g in history:
            if g.round > cutoff:
                members = sorted(g.members)
                for x, a in enumerate(members):
                    for b in members[x + 1 :]:
                        self.recent.add(frozenset((a, b)))

    def allows(self, members: Sequence[Candidate]) -> bool:
        """Different professions (or sides) and no pair inside the recency window."""
        if self.config.mode == "two-sided":
            sides = [m.side for m in members]
            if sides.count("B") != 1 or sides.count("A") != len(sides) - 1:
                return False
            if len(sides) - 1 > self.config.capacity + (1 if len(sides) == 3 else 0):
                return False
        else:
            keys = [profession_key(m.profession) for m in members]
            if len(set(keys)) != len(keys):
                return False
        ids = [m.id for m in members]
        if len(set(ids)) != len(ids):
            return False
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                if frozenset((a, b)) in self.recent:
                    return False
        return True


def group_allowed(
    members: Sequence[Candidate], history: Sequence[PastGroup], config: MatchConfig
) -> bool:
    """Whether these people may form one group under the hard rules of config."""
    return HardRule(history, config).allows(members)
