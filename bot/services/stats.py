"""The numbers organisers watch: who takes part, who met, what they learned."""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bot.core import i18n
from bot.core.evaluation import MIN_GROUP
from bot.core.states import Answer, OutboxState, ParticipantStatus, RoundState
from bot.services import evaluation, retention
from bot.services.context import Services
from bot.services.rounds import round_theme
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    RoundSummary,
)


@dataclass(frozen=True)
class ProgrammeStats:
    """A programme's figures."""

    programme: str
    participants: int
    active: int
    by_profession: tuple[tuple[str, int], ...]
    rounds: int
    matches: int
    answered_matches: int
    met_matches: int
    average_learning: float | None
    meetings: tuple[tuple[str, str, int], ...]
    shared_learnings: tuple[str, ...]
    # Per theme title, in journey order: (theme, answered groups, groups with a *met*,
    # people in the theme's groups, groups introduced).
    met_by_theme: tuple[tuple[str, int, int, int, int], ...] = ()
    # Shared learnings grouped by the theme of their meeting.
    learnings_by_theme: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The before-and-after lines (services.evaluation.summary_lines), suppressed below 5.
    evaluation: tuple[str, ...] = ()
    # People in the groups introduced (a person counts once per group), and how many
    # learning scores the average is made of: the small-number rule reads these.
    people_introduced: int = 0
    learning_count: int = 0

    @property
    def met_percent(self) -> float | None:
        """THE met rate: groups where anyone answered *met*, over groups introduced."""
        if not self.matches:
            return None
        return 100.0 * self.met_matches / self.matches

    @property
    def answered_percent(self) -> float | None:
        """The share of groups introduced in which anyone answered the check-in."""
        if not self.matches:
            return None
        return 100.0 * self.answered_matches / self.matches

    def summary(self) -> str:
        """The figures as a few readable lines (answers shown for MIN_GROUP people or more),
        in the reader's language."""
        _ = i18n._
        few = _("not shown for fewer than {n} people").format(n=MIN_GROUP)
        if self.met_percent is None or self.answered_percent is None:
            met = _("no groups yet")
        elif self.people_introduced < MIN_GROUP:
            met = few
        else:
            met = _("{met}% of {groups} groups introduced ({answered}% of groups answered "
                    "the check-in)").format(met=f"{self.met_percent:.0f}", groups=self.matches,
                                            answered=f"{self.answered_percent:.0f}")
        learning = (_("no feedback yet") if self.average_learning is None else few
                    if self.learning_count < MIN_GROUP else f"{self.average_learning:.1f} / 5")
        lines = [
            _("{programme}: {participants} participants ({active} active), {rounds} rounds, "
              "{matches} introductions.").format(
                  programme=self.programme, participants=self.participants,
                  active=self.active, rounds=self.rounds, matches=self.matches),
            _("Met rate: {met}. Average learning about the other's role: {learning}.").format(
                met=met, learning=learning),
            _("By profession: {professions}").format(professions=", ".join(
                f"{p} {n}" for p, n in self.by_profession) or _("none")),
        ]
        if self.meetings:
            lines.append(_("Professions that met: {pairs}").format(pairs="; ".join(
                f"{a} × {b}: {n}" for a, b, n in self.meetings[:15])))
        if self.met_by_theme:
            lines.append(_("Met rate by theme: {themes}").format(themes="; ".join(
                _("{theme} {met}% of {groups} groups").format(
                    theme=theme, met=f"{100 * met / groups:.0f}", groups=groups)
                if people >= MIN_GROUP and groups else
                _("{theme} no figure (fewer than {n} people)").format(theme=theme, n=MIN_GROUP)
                for theme, _answered, met, people, groups in self.met_by_theme)))
        lines += self.evaluation
        if self.learnings_by_theme and self.learning_count >= MIN_GROUP:
            lines.append(_("What people learned (shared anonymously):"))
            for theme, texts in self.learnings_by_theme:
                lines.append(f"{theme}:")
                lines += [f"• {t}" for t in list(dict.fromkeys(texts))[:10]]
        return "\n".join(lines)


def programme_stats(services: Services, programme_id: int) -> ProgrammeStats:
    """Compute the programme's figures."""
    before_after = tuple(evaluation.summary(services, programme_id))
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        people = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id)))
        rounds = session.scalar(select(func.count(Round.id)).where(
            Round.programme_id == programme_id)) or 0
        all_match_ids = select(Match.id).join(Round, Round.id == Match.round_id).where(
            Round.programme_id == programme_id)
        # A round whose details retention has removed counts from its summary instead.
        summaries = list(session.scalars(select(RoundSummary).where(
            RoundSummary.programme_id == programme_id)))
        match_ids = all_match_ids.where(Round.id.not_in([s.round_id for s in summaries]))
        matches = session.scalar(select(func.count()).select_from(match_ids.subquery())) or 0
        answers = session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer).where(
            CheckinAnswer.match_id.in_(match_ids))).all()
        answered_set = {m for m, _ in answers}
        met_set = {m for m, a in answers if a == Answer.MET}
        answered = len(answered_set) + sum(s.answered_groups for s in summaries)
        met = len(met_set) + sum(s.met_groups for s in summaries)
        scored, score_sum = session.execute(select(
            func.count(Feedback.id), func.coalesce(func.sum(Feedback.learned_score), 0)).where(
            Feedback.match_id.in_(match_ids))).one()
        scored += sum(s.feedback_count for s in summaries)
        score_sum += sum(s.learning_score_sum for s in summaries)
        shared_rows = session.execute(
            select(Feedback.learned_text, Feedback.match_id).where(
                Feedback.match_id.in_(all_match_ids), Feedback.share_anonymously.is_(True),
                Feedback.learned_text != "").order_by(Feedback.id)).all()
        shared = tuple(text for text, _ in shared_rows)
        themes = _themes_of_matches(session, programme, all_match_ids)
        by_theme: dict[str, list[str]] = {}
        for text, match_id in shared_rows:
            by_theme.setdefault(themes.get(match_id, "No theme"), []).append(text)
        order = list(dict.fromkeys(themes.values()))
        # Professions that met: only groups whose check-in says so, not every introduction.
        pairs = retention.meetings(session, sorted(met_set))
        for summary in summaries:
            for x, y, n in summary.meetings:
                pairs[(x, y)] += n
        sizes = Counter(session.scalars(select(MatchMember.match_id).where(
            MatchMember.match_id.in_(match_ids))))
        met_by_theme = tuple(
            (theme, len({m for m in answered_set if themes.get(m) == theme}),
             len({m for m in met_set if themes.get(m) == theme}),
             sum(n for m, n in sizes.items() if themes.get(m) == theme),
             sum(1 for m in sizes if themes.get(m) == theme))
            for theme in order)
        summarised_people = sum(int((r.stats or {}).get("people", 0) or 0) for r in
                                session.scalars(select(Round).where(Round.id.in_(
                                    [s.round_id for s in summaries]))))
        by_profession = Counter(p.profession for p in people)
        return ProgrammeStats(
            programme=programme.name, participants=len(people),
            active=sum(p.status == ParticipantStatus.ACTIVE for p in people),
            by_profession=tuple(sorted(by_profession.items(), key=lambda kv: (-kv[1], kv[0]))),
            rounds=rounds, matches=matches + sum(s.groups for s in summaries),
            answered_matches=answered, met_matches=met,
            average_learning=score_sum / scored if scored else None,
            meetings=tuple((a, b, n) for (a, b), n in sorted(
                pairs.items(), key=lambda kv: (-kv[1], kv[0]))),
            shared_learnings=shared, met_by_theme=met_by_theme,
            learnings_by_theme=tuple((t, tuple(by_theme[t])) for t in
                                     sorted(by_theme, key=lambda t: order.index(t)
                                            if t in order else len(order))),
            evaluation=before_after if evaluation.evaluation_on(programme) else (),
            people_introduced=sum(sizes.values()) + summarised_people,
            learning_count=int(scored),
        )


def _themes_of_matches(session: Any, programme: Programme, match_ids: Any) -> dict[int, str]:
    """Each match's theme title, in the order the rounds ran (matches before themes: none)."""
    out: dict[int, str] = {}
    rounds = {r.id: r for r in session.scalars(select(Round).where(
        Round.programme_id == programme.id).order_by(Round.ordinal))}
    for match_id, round_id in session.execute(select(Match.id, Match.round_id).where(
            Match.id.in_(match_ids)).order_by(Match.round_id, Match.id)):
        rnd = rounds[round_id]
        if rnd.theme:
            out[match_id] = round_theme(programme, rnd).title
    return out


OUTBOX_STATES = tuple(OutboxState)
PARTICIPANT_STATES = tuple(ParticipantStatus)
ROUND_STATES = tuple(RoundState)
# States whose rows are few (work in flight): counted live, through the outbox's state index.
BACKLOG_STATES = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.FAILED)
# The ever-growing totals (sent messages, participants) are counted at most this often.
TOTALS_EVERY = 300.0
_totals: weakref.WeakKeyDictionary[Any, tuple[float, dict[str, dict[str, int]]]] = (
    weakref.WeakKeyDictionary())
_totals_lock = threading.Lock()


def operational_counts(services: Services) -> dict[str, dict[str, int]]:
    """Counts for /metrics: outbox rows by state, participants by status, rounds by state.

    Cheap per scrape: the outbox backlog (pending, sending, failed) and rounds are read
    live through indexes over few rows; sent and cancelled messages and participants by
    status are totals over whole tables, counted once per TOTALS_EVERY seconds.
    """
    with services.unit_of_work() as session:
        backlog = dict(session.execute(
            select(OutboxMessage.state, func.count())
            .where(OutboxMessage.state.in_(BACKLOG_STATES))
            .group_by(OutboxMessage.state)).all())
        rounds = dict(session.execute(select(Round.state, func.count(Round.id))
                                      .group_by(Round.state)).all())
    totals = _cached_totals(services)
    outbox = {**totals["outbox"], **backlog}
    # Every known state is reported, zero included, so that dashboards see the series.
    return {
        "pairbot_outbox_messages": {k: outbox.get(k, 0) for k in OUTBOX_STATES},
        "pairbot_participants": {k: totals["participants"].get(k, 0)
                                 for k in PARTICIPANT_STATES},
        "pairbot_rounds": {k: rounds.get(k, 0) for k in ROUND_STATES},
    }


def _cached_totals(services: Services) -> dict[str, dict[str, int]]:
    key = services.sessions
    with _totals_lock:
        cached = _totals.get(key)
        if cached is not None and time.monotonic() - cached[0] < TOTALS_EVERY:
            return cached[1]
        with services.unit_of_work() as session:
            totals = {
                "outbox": dict(session.execute(
                    select(OutboxMessage.state, func.count())
                    .where(OutboxMessage.state.not_in(BACKLOG_STATES))
                    .group_by(OutboxMessage.state)).all()),
                "participants": dict(session.execute(
                    select(Participant.status, func.count(Participant.id))
                    .group_by(Participant.status)).all()),
            }
        _totals[key] = (time.monotonic(), totals)
        return totals


def outbox_backlog(services: Services) -> dict[str, float]:
    """What waits in the outbox: due rows, rows being sent, and the oldest due row's age in
    seconds. Two range scans of the (state, not_before) index, cheap enough per scrape."""

    now = services.now()
    with services.unit_of_work() as session:
        due, oldest = session.execute(
            select(func.count(OutboxMessage.id), func.min(OutboxMessage.not_before))
            .where(OutboxMessage.state == OutboxState.PENDING,
                   OutboxMessage.not_before <= now)).one()
        sending = session.scalar(select(func.count(OutboxMessage.id))
                                 .where(OutboxMessage.state == OutboxState.SENDING)) or 0
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return {"due": due or 0, "sending": sending, "oldest_due_age": age}


def metrics_figures(services: Services) -> dict[str, object]:
    """Everything /metrics reads from the database, at scrape time."""
    return {**outbox_backlog(services), "counts": operational_counts(services)}
