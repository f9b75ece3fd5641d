"""The before-and-after change per question with the spread of answers (how many rated
themselves lower, the same, higher), for the whole programme and split by side,
profession and term. Every cell follows the small-number rule: people paired before
and after are counted in whole blocks of five (as the programme's own figure is), a
cell of fewer than five shows nothing, and shares are rounded to the nearest 10 %."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bot.core import evaluation as ev
from bot.core.i18n import _
from bot.services.console.access import Viewer, programme_of
from bot.services.console.roster import side_name
from bot.services.context import Services
from bot.store.models import EvaluationAnswer, Participant


@dataclass(frozen=True)
class Cell:
    """One question's change among one group of people, or nothing for fewer than five."""

    people: int
    change: float | None = None
    lower: int | None = None  # per cent, rounded to 10
    same: int | None = None
    higher: int | None = None

    @property
    def shown(self) -> bool:
        """Whether the cell has five people or more (in whole blocks of five)."""
        return self.change is not None


@dataclass(frozen=True)
class QuestionRow:
    """A question and its cell in each column."""

    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Split:
    """A table of questions by the groups of one split ("By profession")."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[QuestionRow, ...]


@dataclass(frozen=True)
class OutcomeSplits:
    """The whole programme, then each split that has more than one group."""

    programme: str
    overall: Split
    splits: tuple[Split, ...]


def _rounded(part: int, whole: int) -> int:
    return int(round(100 * part / whole / 10) * 10)


def cell(pairs: Sequence[tuple[int, int]]) -> Cell:
    """A cell from (before, after) pairs, in the order people joined."""
    counted = list(pairs[:len(pairs) // ev.MIN_GROUP * ev.MIN_GROUP])
    if len(counted) < ev.MIN_GROUP:
        return Cell(people=len(counted))
    diffs = [after - before for before, after in counted]
    return Cell(people=len(counted),
                change=round(statistics.fmean(pair[1] for pair in counted)
                             - statistics.fmean(pair[0] for pair in counted), 1),
                lower=_rounded(sum(d < 0 for d in diffs), len(diffs)),
                same=_rounded(sum(d == 0 for d in diffs), len(diffs)),
                higher=_rounded(sum(d > 0 for d in diffs), len(diffs)))


@dataclass(frozen=True)
class _Person:
    side: str
    profession: str
    term: int
    before: Mapping[str, int]
    after: Mapping[str, int]


def _people(services: Services, programme_id: int) -> list[_Person]:
    rows: dict[int, tuple[dict[str, int], dict[str, int], list[int]]] = {}
    with services.unit_of_work() as session:
        for pid, stage, term, domain, score in session.execute(select(
                EvaluationAnswer.participant_id, EvaluationAnswer.stage, EvaluationAnswer.term,
                EvaluationAnswer.domain, EvaluationAnswer.score).where(
                EvaluationAnswer.programme_id == programme_id)
                .order_by(EvaluationAnswer.participant_id, EvaluationAnswer.term)):
            before, after, latest = rows.setdefault(pid, ({}, {}, [0]))
            if stage == ev.Stage.BASELINE.value:
                before[domain] = score
            else:
                if term > latest[0]:
                    after.clear()
                    latest[0] = term
                after[domain] = score
        who = {p: (s or "", prof) for p, s, prof in session.execute(select(
            Participant.id, Participant.side, Participant.profession).where(
            Participant.id.in_(list(rows))))}
    return [_Person(side=who[pid][0], profession=who[pid][1], term=latest[0], before=before,
                    after=after)
            for pid, (before, after, latest) in sorted(rows.items())
            if pid in who and before and after]


def _split(key: str, title: str, people: Sequence[_Person],
           group: Callable[[_Person], str], order: Sequence[str]) -> Split:
    columns = tuple(order)
    return Split(key=key, title=title, columns=columns, rows=tuple(QuestionRow(
        label=q.short, cells=tuple(cell([
            (p.before[q.domain], p.after[q.domain]) for p in people
            if group(p) == column and q.domain in p.before and q.domain in p.after])
            for column in columns))
        for q in ev.QUESTIONS))


def splits_of(services: Services, viewer: Viewer, programme_id: int) -> OutcomeSplits:
    """The programme's before-and-after figures, whole and split (see the module)."""
    with services.unit_of_work() as session:
        programme = programme_of(session, viewer, programme_id)[0]
        name, two_sided = programme.name, programme.mode == "two-sided"
        sides = {s: side_name(programme, s) for s in ("A", "B")}
    people = _people(services, programme_id)
    found = []
    if two_sided:
        found.append(_split("side", _("By side"), people, lambda p: sides.get(p.side, p.side),
                            [sides["A"], sides["B"]]))
    professions = sorted({p.profession for p in people})
    if len(professions) > 1:
        found.append(_split("profession", _("By profession"), people, lambda p: p.profession,
                            professions))
    terms = sorted({p.term for p in people})
    if len(terms) > 1:
        found.append(_split("term", _("By term of the follow-up"), people,
                            lambda p: _("Term {n}").format(n=p.term),
                            [_("Term {n}").format(n=t) for t in terms]))
    return OutcomeSplits(programme=name,
                         overall=_split("all", _("Everyone"), people, lambda p: _("Everyone"),
                                        [_("Everyone")]),
                         splits=tuple(found))
