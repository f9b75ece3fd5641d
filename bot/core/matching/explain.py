"""Human reasons for a group and for someone left out; names, never ids.

A left-out reason is kept by reference (`LeftOut`: a key and its values) and worded by
`left_out_words` where it is read, in the reader's language; `Unpaired.reason` is the
same words in the language current when the matcher ran (English for `pairbot match`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.i18n import N_, _, ngettext
from bot.core.matching.model import LeftOut, Reason, ReasonWords, Unpaired, Worded
from bot.core.matching.problem import Problem
from bot.core.matching.rules import FORTNIGHT, common_windows

PRIORITY = "You will get priority next round."
AWAY_LEFT_OUT = LeftOut("away", (("days", FORTNIGHT),))


def left_out_words(key: str, values: Mapping[str, Any]) -> str:
    """A left-out reason (`LeftOut`) in the reader's language, without the word on
    priority (the message adds its own); "" for a key this version does not know."""
    v: dict[str, Any] = {k: _side(x) if k in ("other", "side_a", "side_b") else x
                         for k, x in values.items()}
    if key == "away":
        return ngettext("You are away for the day after this round, so you were not "
                        "matched.",
                        "You are away for all of the {days} days after this round, so you "
                        "were not matched.", int(v["days"])).format(**v)
    if key == "nobody_on_side":
        return _("Nobody is on {other} this round, so there was nobody to meet.").format(**v)
    if key == "met_everyone_on_side":
        return ngettext("You have met everyone available on {other} within the last "
                        "round.",
                        "You have met everyone available on {other} within the last "
                        "{recency} rounds.", int(v["recency"])).format(**v)
    if key == "side_a_full":
        return ngettext("There were {same} people on {side_a} and only {others} on {side_b} "
                        "with {capacity} place each, so every place was taken.",
                        "There were {same} people on {side_a} and only {others} on {side_b} "
                        "with {capacity} places each, so every place was taken.",
                        int(v["capacity"])).format(**v)
    if key == "side_b_outnumbered":
        return _("There were {same} people on {side_b} and only {others} on {side_a}, so not "
                 "everyone on {side_b} could get a partner.").format(**v)
    if key == "side_no_room":
        return _("Everyone on {other} you could meet was already in a group that had no "
                 "room left.").format(**v)
    if key == "alone":
        return _("Nobody else is available this round, so there was nobody to meet.")
    if key == "all_same_profession":
        return _("Everyone else available is also a {profession}, so there was nobody from "
                 "another profession to meet.").format(**v)
    if key == "met_everyone":
        return ngettext("You have met everyone available from other professions within the "
                        "last round.",
                        "You have met everyone available from other professions within the "
                        "last {recency} rounds.", int(v["recency"])).format(**v)
    if key == "outnumbered":
        return _("There were {same} people whose profession is {profession} and only "
                 "{others} from other professions, so everyone from another profession "
                 "already had a partner.").format(**v)
    if key == "groups_full":
        return _("Every group of this term is full, and nobody else new this round could "
                 "meet you.")
    if key == "no_room":
        return _("Everyone from another profession you could meet was already in a group "
                 "that could not take one more.")
    return ""


def _side(name: Any) -> Any:
    """A side as the programme names it ("the Junior doctors side"); the unnamed sides'
    default names in the reader's language."""
    return {"side A": _("side A"), "side B": _("side B")}.get(str(name), name)


def reason_text(left_out: LeftOut) -> str:
    """The whole reason as `Unpaired.reason` holds it: the words and the word on priority."""
    return f"{left_out_words(left_out.key, dict(left_out.values))} {PRIORITY}"


def away_unpaired(person_id: str) -> Unpaired:
    """Someone away all fortnight after the round date: they sit this round out."""
    return Unpaired(person_id, reason_text(AWAY_LEFT_OUT), AWAY_LEFT_OUT)


def is_away(unpaired: Unpaired) -> bool:
    """Left out because they are away all fortnight (their notice says so in its own words)."""
    return unpaired.left_out is not None and unpaired.left_out.key == AWAY_LEFT_OUT.key



# Why a group is together: English catalogue messages, worded in the reader's language
# where they are read (model.Reason). A message naming people has its reader's own form
# (`you`): the reader first, as "You", and `{0}`... the others.
MEETS = N_("{first} meets {second}")
MEET = N_("{professions} meet")
WANTS = N_("{0} wants to learn about {profession}")
WANTS_YOU = N_("You want to learn about {profession}")
WANT = N_("{people} want to learn about {profession}")
WANT_YOU_AND = N_("You and {0} want to learn about {profession}")
WANT_YOU_WITH = N_("You, {people} want to learn about {profession}")
PRIORITISED = N_("{0} was left out last round, so gets priority")
PRIORITISED_YOU = N_("You were left out last round, so get priority")
MET_BEFORE = N_("{0} and {1} met before, over {rounds} rounds ago")
MET_BEFORE_YOU = N_("You and {0} met before, over {rounds} rounds ago")
BOTH_WINDOWS = N_("You can both meet on {windows}.")
ALL_WINDOWS = N_("You can all meet on {windows}.")
BOTH_SITE = N_("You both work at the {site} site.")
ALL_SITE = N_("You all work at the {site} site.")
JOINED_SIDE = N_("{0} joined as another partner from {side}, as this group had room")
JOINED_SIDE_YOU = N_("You joined as another partner from {side}, as this group had room")
# (group of three, someone else left out) -> the joiner's reason and its reader's form.
JOINED: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, False): (N_("{0} joined as a third member so nobody is left out"),
                    N_("You joined as a third member so nobody is left out")),
    (True, True): (N_("{0} joined as a third member as this group had room"),
                   N_("You joined as a third member as this group had room")),
    (False, False): (N_("{0} joined as an extra member so nobody is left out"),
                     N_("You joined as an extra member so nobody is left out")),
    (False, True): (N_("{0} joined as an extra member as this group had room"),
                    N_("You joined as an extra member as this group had room")),
}
# The messages stored before reasons carried values that are still messages of the
# catalogue, with their reader's form (bot/services/terms.py has its own).
YOU_FORMS: dict[str, str] = {PRIORITISED: PRIORITISED_YOU}


def _time_and_place(pb: Problem, members: Sequence[int]) -> list[Reason]:
    """A shared time (when someone gave their windows) and a shared site."""
    people = [pb.people[m] for m in members]
    both = len(members) == 2
    out: list[Reason] = []
    common = common_windows(people)
    if pb.config.availability and common and any(p.windows for p in people):
        out.append(Reason(BOTH_WINDOWS if both else ALL_WINDOWS,
                          values=(("windows", tuple(common)),)))
    sites = {p.site for p in people}
    if pb.config.site_preference and len(sites) == 1 and people[0].site:
        out.append(Reason(BOTH_SITE if both else ALL_SITE, values=(("site", people[0].site),)))
    return out


def group_reasons(
    pb: Problem, members: Sequence[int], joined: Sequence[int] = (), *, anyone_left: bool = False
) -> list[Reason]:
    """Why these people are together: professions, wishes, priority, earlier meetings."""
    ids = [pb.people[m].id for m in members]
    profs = [pb.prof_names[pb.prof[m]] for m in members]
    # Each profession once, however many members share it (their lines say whose is whose).
    distinct = list(dict.fromkeys(profs))
    reasons = [Reason(MEETS, values=(("first", profs[0]), ("second", profs[1])))
               if len(members) == 2 else
               Reason(MEET, values=(("professions",
                                     tuple(distinct if len(distinct) > 1 else profs)),))]
    # Who wants to learn about each profession in the group: one line per profession.
    wanting: dict[int, list[str]] = {}
    for x, a in enumerate(members):
        for q in dict.fromkeys(pb.prof[b] for b in members if b != a):
            if q in pb.wants[a] and ids[x] not in wanting.setdefault(q, []):
                wanting[q].append(ids[x])
    for q, wishers in wanting.items():
        about = (("profession", pb.prof_names[q]),)
        if len(wishers) == 1:
            reasons.append(Reason(WANTS, tuple(wishers), about, WANTS_YOU))
        elif wishers:
            reasons.append(Reason(WANT, tuple(wishers), about,
                                  WANT_YOU_AND if len(wishers) == 2 else WANT_YOU_WITH))
    for x, a in enumerate(members):
        if pb.unp[a]:
            reasons.append(Reason(PRIORITISED, (ids[x],), you=PRIORITISED_YOU))
    recency = pb.config.recency
    for x, a in enumerate(members):
        for y in range(x + 1, len(members)):
            if members[y] in pb.met[a]:
                reasons.append(Reason(MET_BEFORE, (ids[x], ids[y]), (("rounds", recency),),
                                      MET_BEFORE_YOU))
    reasons += _time_and_place(pb, members)
    for j in joined:
        who = (pb.people[j].id,)
        if pb.two_sided:
            reasons.append(Reason(JOINED_SIDE, who, (("side", pb.config.side_names[0]),),
                                  JOINED_SIDE_YOU))
            continue
        template, you = JOINED[(len(members) == 3, anyone_left)]
        reasons.append(Reason(template, who, you=you))
    return reasons


def stored(reason: Reason) -> dict[str, Any]:
    """A reason as `matches.reasons` keeps it: messages and values, people by id."""
    return {"template": reason.template, "you": reason.you,
            "values": {k: list(v) if isinstance(v, tuple) else v for k, v in reason.values},
            "people": list(reason.people)}


def for_reader(reason: Mapping[str, Any], names: Sequence[str], reader: int | None,
               you_forms: Mapping[str, str] = YOU_FORMS) -> str:
    """A stored reason (`stored`) with its people's names, where the person at `reader`
    (an index into `names`) reads it: in their own form ("You want to learn about…"),
    first, never by their own name: `Worded`, so that the message it goes in words it in
    its own language.

    Reasons stored before they carried values are English text, shown as written (the
    reader as "You"), unless their template is still a message of the catalogue
    (`you_forms`: its reader's form)."""
    template = str(reason.get("template", ""))
    values = reason.get("values")
    you = str(reason.get("you") or "") if values is not None else you_forms.get(template, "")
    if values is None and template not in you_forms:
        return _legacy(template, names, reader)
    kept = tuple((str(k), tuple(str(x) for x in v) if isinstance(v, list) else v)
                 for k, v in (values or {}).items())
    if reader is not None and 0 <= reader < len(names) and you:
        others = tuple(n for i, n in enumerate(names) if i != reader)
        return Worded(ReasonWords(you, kept, others))
    return Worded(ReasonWords(template, kept, tuple(names)))


# A reason stored as English text naming its reader, in the second person: the first words
# once the reader's name is "You" (and first), as one person's reason reads.
_YOU = (("You wants ", "You want "), ("You was left out last round, so gets priority",
                                     "You were left out last round, so get priority"))


def _legacy(template: str, names: Sequence[str], reader: int | None) -> str:
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


def unpaired_reason(pb: Problem, u: int) -> LeftOut:
    """Why u is not in any group this round (worded by `left_out_words`)."""
    prof = pb.prof_names[pb.prof[u]]
    recency = pb.config.recency
    if pb.two_sided:
        side_a, side_b = pb.config.side_names
        other = side_b if pb.side[u] == 0 else side_a
        same = pb.side_count[pb.side[u]]
        others = pb.n - same
        if not others:
            return LeftOut("nobody_on_side", (("other", other),))
        if sum(1 for v in pb.forbidden[u] if pb.side[v] != pb.side[u]) == others:
            return LeftOut("met_everyone_on_side", (("other", other), ("recency", recency)))
        cap = pb.config.capacity
        if pb.side[u] == 0 and same > cap * others:
            return LeftOut("side_a_full", (("same", same), ("others", others),
                                           ("capacity", cap), ("side_a", side_a),
                                           ("side_b", side_b)))
        if pb.side[u] == 1 and same > others:
            return LeftOut("side_b_outnumbered", (("same", same), ("others", others),
                                                  ("side_a", side_a), ("side_b", side_b)))
        return LeftOut("side_no_room", (("other", other),))
    same = pb.prof_count[pb.prof[u]]
    others = pb.n - same
    if pb.n == 1:
        return LeftOut("alone")
    if not others:
        return LeftOut("all_same_profession", (("profession", prof),))
    if sum(1 for v in pb.forbidden[u] if pb.prof[v] != pb.prof[u]) == others:
        return LeftOut("met_everyone", (("recency", recency),))
    if same > others:
        return LeftOut("outnumbered", (("same", same), ("profession", prof),
                                       ("others", others)))
    return LeftOut("no_room")


def certificate(stats: Mapping[str, object]) -> str:
    """One sentence on how good a round's grouping is, from the matcher's stats.

    "optimal" says the grouping is proven best; "bound" is a proven upper bound of the score
    (pair mode: of the pair part), "gap" how far the score may be below the best possible.
    Empty when the stats hold neither.
    """
    if isinstance(stats.get("kept"), int) and "round_in_term" in stats:
        return _term_certificate(stats)
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
        return _("Proven best: no other grouping that places as many people scores more than "
                 "{score} points.").format(score=score)
    if not isinstance(bound, int | float):
        return _("Not proven best: {score} points, and no upper bound was worked out for "
                 "this round.").format(score=score)
    share = 100.0 * gap / float(bound) if bound else 0.0
    return _("Not proven best: {score} points, at most {gap} points ({share}%) below "
             "the best possible (upper bound {bound}).").format(
        score=score, gap=f"{gap:g}", share=f"{share:.2f}", bound=f"{float(bound):g}")


def _term_certificate(stats: Mapping[str, object]) -> str:
    """The sentence for a round of a term: its groups formed at the term's start meet again,
    so only the people grouped anew have a grouping to prove."""
    kept_raw = stats.get("kept")
    kept = kept_raw if isinstance(kept_raw, int) else 0
    fresh_groups = stats.get("groups", 0)
    fresh = certificate({k: v for k, v in stats.items()
                         if k not in ("kept", "round_in_term", "term")})
    head = _("Meeting {meeting} of term {term}").format(meeting=stats.get("round_in_term"),
                                                        term=stats.get("term"))
    if not fresh_groups or not fresh:
        return _("{head}: the term's {kept} groups meet again; nobody needed a new group."
                 ).format(head=head, kept=kept)
    if kept:
        return _("{head}: {kept} groups continue from earlier in the term, {fresh} were "
                 "formed anew. For those: {certificate}").format(
            head=head, kept=kept, fresh=fresh_groups, certificate=fresh)
    return _("{head}: the term's groups were formed now. {certificate}").format(
        head=head, certificate=fresh)

