"""The console's CSV exports, streamed a batch at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, select

from bot.core.states import RoundState
from bot.services import agreements, evaluation
from bot.services.console.access import NotFound, Viewer, check_access, programme_of
from bot.services.console.outcomes import (
    OUTCOME_LABELS,
    Figures,
    answer_counts,
    overview,
    rounds_in,
    shown_mean,
)
from bot.services.console.roster import export_batches, participants_of
from bot.services.console.round_log import rounds_of
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
)


def export_rows(services: Services, viewer: Viewer, programme_id: int,
                kind: str) -> list[list[Any]]:
    """A CSV's rows, header first: matches, participants, learnings, evaluation or research."""
    if kind == "research":
        check_access(services, viewer, programme_id)
        return evaluation.research_rows(services, programme_id)
    if kind == "participants":
        rows = participants_of(services, viewer, programme_id)
        return [["participant", "profession", "side", "status", "rounds_taken_part", "met"]] + [
            [f"P{r.id}", r.profession, r.side, r.status, r.rounds, r.met] for r in rows]
    if kind == "evaluation":
        figures = overview(services, viewer, programme_id)
        # One table of three parts: the before-and-after per question (paired by person,
        # nothing below 5 people), met rate per theme, and each round's outcome.
        table: list[list[Any]] = [["part", "item", "people", "baseline", "follow_up", "change",
                                  "groups_answered", "groups_met", "met_rate_percent"]]
        table += [["before_and_after", c.label, c.people if not c.suppressed else "",
                  _number(c.baseline), _number(c.follow_up), _number(c.change), "", "", ""]
                 for c in figures.before_after]
        table += [["met_by_theme", t.theme, t.people if t.shown else "", "", "", "",
                  t.answered if t.shown else "", t.met if t.shown else "",
                  _number(t.met_rate)] for t in figures.met_by_theme]
        table += [["round", f.period, f.people, "", "", "",
                   f.groups - f.no_answer if f.shown and f.checkins_due else "",
                   f.met if f.shown and f.checkins_due else "", _number(f.met_rate)]
                  for f in figures.rounds]
        # The agreement at the start, as counts only: groups asked (in groups_answered) and
        # groups whose every member answered (in groups_met), never what they agreed.
        agreed = agreements.programme_counts(services, programme_id)
        if agreed.asked:
            table.append(["agreement", "agreement at the start", "", "", "", "", agreed.asked,
                          agreed.made, _number(100 * agreed.made / agreed.asked)])
        return table
    if kind == "learnings":
        figures = overview(services, viewer, programme_id)
        return [["learning"]] + [[text] for text in figures.shared_learnings]
    if kind == "matches":
        out: list[list[Any]] = [["round", "group", "professions", "answers", "outcome",
                                 "average_learning"]]
        for rnd in reversed(rounds_of(services, viewer, programme_id, every=True)):
            if rnd.state == RoundState.CANCELLED:
                continue
            for group in rnd.groups:
                out.append([rnd.period, group.number,
                            "; ".join(m.profession for m in group.members),
                            group.answers, group.outcome, _number(group.learning)])
        return out
    raise NotFound(f"There is no '{kind}' export.")


# People read at a time for the participants export: a few hundred ids keep its counts
# on the indexes (and the first rows leave after one batch).
EXPORT_BATCH = 500


def export_stream(services: Services, viewer: Viewer, programme_id: int,
                  kind: str) -> Iterator[list[Any]]:
    """A CSV's rows, header first, read from the database a batch at a time (matches round
    by round, participants a few thousand at a time): the same rows as export_rows."""
    check_access(services, viewer, programme_id)  # refused before the first byte
    if kind == "participants":
        return _participant_rows(services, viewer, programme_id)
    if kind == "matches":
        return _match_rows(services, viewer, programme_id)
    return iter(export_rows(services, viewer, programme_id, kind))


def _participant_rows(services: Services, viewer: Viewer,
                      programme_id: int) -> Iterator[list[Any]]:
    yield ["participant", "profession", "side", "status", "rounds_taken_part", "met"]
    for batch in export_batches(services, viewer, programme_id, EXPORT_BATCH):
        yield from batch


# Groups read at a time for the matches export: the first rows leave after one small
# batch, not after a whole round of 50,000 groups; later batches are larger.
MATCH_BATCH = 1000


def _match_rows(services: Services, viewer: Viewer, programme_id: int) -> Iterator[list[Any]]:
    yield ["round", "group", "professions", "answers", "outcome", "average_learning"]
    with services.unit_of_work() as session:
        programme_of(session, viewer, programme_id)
        live = [(r.id, r.period) for r in rounds_in(session, programme_id)
                if r.state != RoundState.CANCELLED]
    size = MATCH_BATCH
    for round_id, period in live:
        number, after = 0, 0
        while True:
            with services.unit_of_work() as session:
                # The round's next groups in order (keyset on the index of its match ids),
                # their members, answers and scores read as ranges of match ids.
                match_ids = list(session.scalars(
                    select(Match.id).where(Match.round_id == round_id, Match.id > after)
                    .order_by(Match.id).limit(size)))
                if not match_ids:
                    break
                low, after = match_ids[0], match_ids[-1]
                batch = {"round_id": round_id, "low": low, "high": after}
                members: dict[int, list[tuple[int | None, str]]] = {}
                for match_id, participant_id, profession in session.execute(
                        select(MatchMember.match_id, MatchMember.participant_id,
                               MatchMember.profession)
                        .join(Match, Match.id == MatchMember.match_id)
                        .where(_in_batch(MatchMember.match_id, **batch))
                        .order_by(MatchMember.match_id, MatchMember.position)):
                    members.setdefault(match_id, []).append((participant_id, profession))
                answers = {(m, p): a for m, p, a in session.execute(select(
                    CheckinAnswer.match_id, CheckinAnswer.participant_id, CheckinAnswer.answer)
                    .join(Match, Match.id == CheckinAnswer.match_id)
                    .where(_in_batch(CheckinAnswer.match_id, **batch)))}
                scores: dict[int, list[int]] = {}
                for match_id, score in session.execute(select(
                        Feedback.match_id, Feedback.learned_score)
                        .join(Match, Match.id == Feedback.match_id)
                        .where(_in_batch(Feedback.match_id, **batch))):
                    scores.setdefault(match_id, []).append(score)
            figures = Figures()
            for (match_id, _), answer in answers.items():
                figures.answers.setdefault(match_id, []).append(answer)
            for match_id in sorted(members):
                number += 1
                group = members[match_id]
                yield [period.split("~")[0], number, "; ".join(p for _, p in group),
                       answer_counts([answers.get((match_id, pid or 0)) for pid, _ in group]),
                       OUTCOME_LABELS[figures.outcome(match_id)],
                       _number(shown_mean(scores.get(match_id, [])))]
            if len(match_ids) < size:
                break
            size = MATCH_BATCH * 10


def _in_batch(column: Any, *, round_id: int, low: int, high: int) -> Any:
    """Rows of the round's groups whose match id is from `low` to `high`: a range on the
    match id's index, not thousands of ids bound one by one."""
    return and_(column >= low, column <= high, Match.round_id == round_id)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
