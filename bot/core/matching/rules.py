"""The one scorer and the one hard rule; everything else in matching calls these.

History rule: with `last` the largest round number in the history, a pair that shared a
group in a round r with r > last - recency is forbidden (with rounds 1..12 and recency 6,
rounds 7..12); a pair that only shared groups in earlier rounds may meet again but loses
`weights.met_before` points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache

from bot.core.matching.model import WINDOWS, Candidate, MatchConfig, PastGroup, Weights

FORTNIGHT = 14  # days after a round in which its groups are meant to meet
ANY_TIME = (1 << len(WINDOWS)) - 1


def window_mask(windows: Iterable[str]) -> int:
    """The windows as a bit mask; none given means any time (every bit)."""
    mask = 0
    for w in windows:
        mask |= 1 << WINDOWS.index(w)
    return mask or ANY_TIME


@lru_cache(maxsize=4096)
def _mask_of(windows: frozenset[str]) -> int:
    return window_mask(windows)


@lru_cache(maxsize=1 << len(WINDOWS))
def _windows_in(mask: int) -> tuple[str, ...]:
    return tuple(w for x, w in enumerate(WINDOWS) if mask >> x & 1)


def common_windows(people: Iterable[Candidate]) -> tuple[str, ...]:
    """The windows every one of these people can meet in, in WINDOWS order (masks and
    tuples cached: a round of 100,000 people asks 100,000 times)."""
    mask = ANY_TIME
    for p in people:
        mask &= _mask_of(p.windows) if isinstance(p.windows, frozenset) else window_mask(
            p.windows)
    return _windows_in(mask)


def away_all_fortnight(person: Candidate, start: date) -> bool:
    """Whether the person's away dates cover every one of the 14 days from `start`."""
    days = {start + timedelta(days=x) for x in range(FORTNIGHT)}
    for first, last in person.away:
        days = {d for d in days if not first <= d <= last}
    return not days


def blocked(a: Candidate, b: Candidate, config: MatchConfig) -> bool:
    """Pair-level rules beyond professions and history: line manager, do-not-pair lists
    and, with exclude_same_team, one team."""
    if a.manager == b.id or b.manager == a.id:
        return True
    if b.id in a.avoid or a.id in b.avoid:
        return True
    return bool(config.exclude_same_team and a.team and a.team == b.team)


def counts_as_meeting(group: PastGroup, config: MatchConfig) -> bool:
    """Whether a past group counts toward recency: not one that never met, unless
    unmet_counts_as_repeat."""
    return group.met is not False or config.unmet_counts_as_repeat


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
    share_time: bool = False,
    same_site: bool = False,
) -> int:
    """Pair score (docs/development.md: how the matcher scores a group)."""
    s = weights.base
    if share_time:
        s += weights.availability
    if same_site:
        s += weights.site
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


def pair_score(
    a: Candidate,
    b: Candidate,
    *,
    met_before: bool,
    weights: Weights,
    config: MatchConfig | None = None,
) -> int:
    """Score of putting a and b together (docs/development.md, the matcher's scoring); the
    shared window and site terms as `config` turns them on (no config: neither)."""
    pa, pb = profession_key(a.profession), profession_key(b.profession)
    share = bool(config and config.availability
                 and window_mask(a.windows) & window_mask(b.windows))
    site = bool(config and config.site_preference and a.site and a.site == b.site)
    return score(
        weights,
        a_wants_b=pb in {profession_key(x) for x in a.learn} and pa != pb,
        b_wants_a=pa in {profession_key(x) for x in b.learn} and pa != pb,
        a_left_out=a.unpaired_last_round,
        b_left_out=b.unpaired_last_round,
        met_before=met_before,
        share_time=share,
        same_site=site,
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
            if g.round > cutoff and counts_as_meeting(g, config):
                members = sorted(g.members)
                for x, a in enumerate(members):
                    for b in members[x + 1 :]:
                        self.recent.add(frozenset((a, b)))

    def allows(self, members: Sequence[Candidate]) -> bool:
        """Different professions (or sides), no pair inside the recency window, nobody
        with their line manager or someone on a do-not-pair list (`blocked`)."""
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
        for x, p in enumerate(members):
            for q in members[x + 1 :]:
                if blocked(p, q, self.config):
                    return False
        return True


def group_allowed(
    members: Sequence[Candidate], history: Sequence[PastGroup], config: MatchConfig
) -> bool:
    """Whether these people may form one group under the hard rules of config."""
    return HardRule(history, config).allows(members)
