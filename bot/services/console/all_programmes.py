"""Every programme a viewer organises at a glance, over a date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bot.core.i18n import N_
from bot.core.states import Answer, RoundState
from bot.services import evaluation, round_tally
from bot.services.console.access import Viewer
from bot.services.console.outcomes import shown
from bot.services.console.programme_list import programmes_for
from bot.services.context import Services
from bot.store.models import Match, Programme, Round, RoundSummary


@dataclass(frozen=True)
class GlanceRow:
    """One programme's figures over a date range (or the total over every programme)."""

    id: int | None
    name: str
    people: int  # taking part: in a group introduced in the range (each person once)
    groups: int  # introduced in the range
    due_groups: int  # of those, groups whose check-in is due
    met: int  # of the due groups, those where someone answered met
    change: float | None = None  # before and after: mean change over the questions shown
    questions: int = 0

    @property
    def met_rate(self) -> float | None:
        """THE met rate over the due groups; None under the small-number rule."""
        if not self.due_groups or not shown(self.people):
            return None
        return 100.0 * self.met / self.due_groups


@dataclass(frozen=True)
class Glance:
    """Every programme the viewer organises, side by side, over one date range."""

    start: dt.date
    end: dt.date
    rows: tuple[GlanceRow, ...]
    total: GlanceRow


def at_a_glance(services: Services, viewer: Viewer, start: dt.date | None = None,
                end: dt.date | None = None) -> Glance:
    """People taking part, groups introduced, met rate and the before-and-after change per
    programme and in total, for rounds started between `start` and `end` (both included;
    by default the last twelve months). Counts come from the rounds' tallies (and the
    summaries of rounds retention has thinned), never from reading every match."""
    now = services.now()
    end = end or now.date()
    start = start or end - dt.timedelta(days=365)
    since = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    mine = programmes_for(services, viewer)
    ids = [p.id for p in mine]
    with services.unit_of_work() as session:
        programmes = {p.id: p for p in session.scalars(select(Programme).where(
            Programme.id.in_(ids)))}
        chosen = list(session.scalars(select(Round).where(
            Round.programme_id.in_(ids), Round.state != RoundState.CANCELLED,
            Round.started_at >= since, Round.started_at < until)))
        round_ids = [r.id for r in chosen]
        # The rounds whose groups are still there (retention removes old rounds' groups, and
        # their figures are read from the summary written before).
        live = set(session.scalars(select(Round.id).where(
            Round.id.in_(round_ids), select(Match.id).where(Match.round_id == Round.id)
            .exists()))) if round_ids else set()
        # Each round's figures from its tally (kept as groups are made and answers arrive),
        # never by reading a year of groups and answers.
        tallies = round_tally.tallies(session, [r for r in chosen if r.id in live], now)
        summaries = {s.round_id: s for s in session.scalars(select(RoundSummary).where(
            RoundSummary.round_id.in_(round_ids)))}
        totals: dict[int, list[int]] = {pid: [0, 0, 0, 0] for pid in ids}
        for rnd in chosen:
            programme = programmes[rnd.programme_id]
            tally = tallies.get(rnd.id)
            summary = summaries.get(rnd.id) if tally is None else None
            n_groups = tally.groups if tally else summary.groups if summary else 0
            # A round retention has thinned adds its own count where it is the largest.
            n_people = int((rnd.stats or {}).get("people", 0) or 0) if summary else 0
            n_met = int(tally.outcomes.get(Answer.MET, 0)) if tally else \
                summary.met_groups if summary else 0
            due = now >= rnd.started_at + dt.timedelta(days=programme.checkin_after_days)
            row = totals[rnd.programme_id]
            row[0] = max(row[0], n_people)
            row[1] += n_groups
            row[2] += n_groups if due else 0
            row[3] += n_met if due else 0
        # Each person once per programme, however many rounds they were in (an erased
        # person's place counts once per group).
        distinct = {pid: round_tally.people_over(tallies, [
            r.id for r in chosen if r.programme_id == pid and r.id in tallies]) for pid in ids}
    rows = []
    for p in mine:
        changes = [c for c in evaluation.results(services, p.id) if not c.suppressed
                   and c.change is not None]
        thinned, n_groups, due_groups, n_met = totals[p.id]
        n_people = max(thinned, distinct.get(p.id, 0))
        rows.append(GlanceRow(
            id=p.id, name=p.name, people=n_people, groups=n_groups, due_groups=due_groups,
            met=n_met, questions=len(changes),
            change=sum(c.change for c in changes if c.change is not None) / len(changes)
            if changes else None))
    shown_changes = [r for r in rows if r.change is not None]
    total = GlanceRow(
        # Marked here, translated where the page shows it.
        id=None, name=N_("All programmes"), people=sum(r.people for r in rows),
        groups=sum(r.groups for r in rows), due_groups=sum(r.due_groups for r in rows),
        met=sum(r.met for r in rows),
        questions=sum(r.questions for r in shown_changes),
        change=(sum((r.change or 0) * r.questions for r in shown_changes)
                / sum(r.questions for r in shown_changes)) if shown_changes else None)
    return Glance(start=start, end=end, rows=tuple(rows), total=total)
