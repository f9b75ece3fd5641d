"""Human reasons for a group and for someone left out; names, never ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core.matching.model import Reason
from bot.core.matching.problem import Problem
from bot.core.matching.rules import FORTNIGHT, common_windows

PRIORITY = "You will get priority next round."
AWAY = (f"You are away for all of the {FORTNIGHT} days after this round, so you were not "
        f"matched. {PRIORITY}")


def window_words(window: str) -> str:
    """A window key as people say it: weekday-evening -> weekday evenings."""
    return window.replace("-", " ") + "s"


def _time_and_place(pb: Problem, members: Sequence[int]) -> list[Reason]:
    """A shared time (when someone gave their windows) and a shared site."""
    people = [pb.people[m] for m in members]
    who = "both" if len(members) == 2 else "all"
    out: list[Reason] = []
    common = common_windows(people)
    if pb.config.availability and common and any(p.windows for p in people):
        words = _listing([window_words(w) for w in common])
        out.append(Reason(_literal(f"You can {who} meet on {words}.")))
    sites = {p.site for p in people}
    if pb.config.site_preference and len(sites) == 1 and people[0].site:
        out.append(Reason(_literal(f"You {who} work at the {people[0].site} site.")))
    return out


def _listing(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _literal(text: str) -> str:
    """Text as part of a Reason template (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


def group_reasons(
    pb: Problem, members: Sequence[int], joined: Sequence[int] = (), *, anyone_left: bool = False
) -> list[Reason]:
    """Why these people are together: professions, wishes, priority, earlier meetings."""
    ids = [pb.people[m].id for m in members]
    profs = [_literal(pb.prof_names[pb.prof[m]]) for m in members]
    pair = len(members) == 2
    # Each profession once, however many members share it (their lines say whose is whose).
    distinct = list(dict.fromkeys(profs))
    reasons = [Reason(f"{profs[0]} meets {profs[1]}" if pair
                      else f"{_listing(distinct if len(distinct) > 1 else profs)} meet")]
    # Who wants to learn about each profession in the group: one line per profession.
    wanting: dict[int, list[str]] = {}
    for x, a in enumerate(members):
        for q in dict.fromkeys(pb.prof[b] for b in members if b != a):
            if q in pb.wants[a] and ids[x] not in wanting.setdefault(q, []):
                wanting[q].append(ids[x])
    for q, wishers in wanting.items():
        if wishers:
            slots = _listing([f"{{{i}}}" for i in range(len(wishers))])
            verb = "wants" if len(wishers) == 1 else "want"
            reasons.append(Reason(f"{slots} {verb} to learn about {_literal(pb.prof_names[q])}",
                                  tuple(wishers)))
    for x, a in enumerate(members):
        if pb.unp[a]:
            reasons.append(Reason("{0} was left out last round, so gets priority", (ids[x],)))
    recency = pb.config.recency
    for x, a in enumerate(members):
        for y in range(x + 1, len(members)):
            if members[y] in pb.met[a]:
                reasons.append(
                    Reason(f"{{0}} and {{1}} met before, over {recency} rounds ago",
                           (ids[x], ids[y]))
                )
    reasons += _time_and_place(pb, members)
    for j in joined:
        who = (pb.people[j].id,)
        if pb.two_sided:
            side_a = _literal(pb.config.side_names[0])
            reasons.append(Reason(f"{{0}} joined as another partner from {side_a}, as this "
                                  "group had room", who))
            continue
        extra = "a third member" if len(members) == 3 else "an extra member"
        why = "as this group had room" if anyone_left else "so nobody is left out"
        reasons.append(Reason(f"{{0}} joined as {extra} {why}", who))
    return reasons


# A reason naming its reader, in the second person: the first words once the reader's
# name is "You" (and first), as one person's reason reads.
_YOU = (("You wants ", "You want "), ("You was left out last round, so gets priority",
                                     "You were left out last round, so get priority"))


def for_reader(template: str, names: Sequence[str], reader: int | None) -> str:
    """A stored reason's template with its people's names, where the person at `reader`
    (an index into `names`) reads it: named "you", first, never by their own name."""
    shown = list(names)
    if reader is not None and 0 <= reader < len(shown):
        shown = ["You", *(n for i, n in enumerate(shown) if i != reader)]
    try:
        text = template.format(*shown)
    except (IndexError, KeyError, ValueError):
        return template
    if reader is not None and len(shown) == 1:
        for single, you in _YOU:
            if text.startswith(single):
                text = you + text[len(single):]
    return text


def unpaired_reason(pb: Problem, u: int) -> str:
    """Why u is not in any group this round, as one or two sentences."""
    prof = pb.prof_names[pb.prof[u]]
    recency = pb.config.recency
    if pb.two_sided:
        side_a, side_b = pb.config.side_names
        other = side_b if pb.side[u] == 0 else side_a
        same = pb.side_count[pb.side[u]]
        others = pb.n - same
        if not others:
            return f"Nobody is on {other} this round, so there was nobody to meet. {PRIORITY}"
        if sum(1 for v in pb.forbidden[u] if pb.side[v] != pb.side[u]) == others:
            return (
                f"You have met everyone available on {other} within the last "
                f"{recency} rounds. {PRIORITY}"
            )
        cap = pb.config.capacity
        if pb.side[u] == 0 and same > cap * others:
            places = "place" if cap == 1 else "places"
            return (
                f"There were {same} people on {side_a} and only {others} on {side_b} "
                f"with {cap} {places} each, so every place was taken. {PRIORITY}"
            )
        if pb.side[u] == 1 and same > others:
            return (
                f"There were {same} people on {side_b} and only {others} on {side_a}, "
                f"so not everyone on {side_b} could get a partner. {PRIORITY}"
            )
        return (
            f"Everyone on {other} you could meet was already in a group that had no "
            f"room left. {PRIORITY}"
        )
    same = pb.prof_count[pb.prof[u]]
    others = pb.n - same
    if pb.n == 1:
        return f"Nobody else is available this round, so there was nobody to meet. {PRIORITY}"
    if not others:
        return (
            f"Everyone else available is also a {prof}, so there was nobody from another "
            f"profession to meet. {PRIORITY}"
        )
    if sum(1 for v in pb.forbidden[u] if pb.prof[v] != pb.prof[u]) == others:
        return (
            f"You have met everyone available from other professions within the last "
            f"{recency} rounds. {PRIORITY}"
        )
    if same > others:
        return (
            f"There were {same} people whose profession is {prof} and only {others} from other "
            f"professions, so everyone from another profession already had a partner. "
            f"{PRIORITY}"
        )
    return (
        f"Everyone from another profession you could meet was already in a group that "
        f"could not take one more. {PRIORITY}"
    )


def certificate(stats: Mapping[str, object]) -> str:
    """One sentence on how good a round's grouping is, from the matcher's stats.

    "optimal" says the grouping is proven best; "bound" is a proven upper bound of the score
    (pair mode: of the pair part), "gap" how far the score may be below the best possible.
    Empty when the stats hold neither.
    """
    if "optimal" not in stats and "bound" not in stats:
        return ""  # a round recorded before the matcher gave certificates
    bound = stats.get("bound")
    gap_raw = stats.get("gap", 0)
    gap = float(gap_raw) if isinstance(gap_raw, int | float) else 0.0
    if isinstance(bound, int | float):
        # The score the bound is about (pair mode: the pair part; groups: the whole).
        score = round(float(bound) - gap)
    else:
        raw = stats.get("total_score", 0)
        score = int(raw) if isinstance(raw, int | float) else 0
    if stats.get("optimal"):
        return (f"Proven best: no other grouping that places as many people scores more than "
                f"{score} points.")
    if not isinstance(bound, int | float):
        return (f"Not proven best: {score} points, and no upper bound was worked out for "
                "this round.")
    share = 100.0 * gap / float(bound) if bound else 0.0
    return (f"Not proven best: {score} points, at most {gap:g} points ({share:.2f}%) below "
            f"the best possible (upper bound {float(bound):g}).")
