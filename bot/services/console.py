"""What the organiser console reads and does: programmes a viewer may see, their figures,
participants, rounds, audit log and exports. Route handlers call these; no SQL outside.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from bot.core import i18n, schedule
from bot.core.evaluation import MIN_GROUP, DomainChange
from bot.core.intents import format_day
from bot.core.matching.explain import certificate
from bot.core.states import Answer, OutboxState, ParticipantStatus, RoundState
from bot.services import erasure, evaluation, rounds, stats
from bot.services import participants as people_service
from bot.services import programmes as progs
from bot.services.context import Services
from bot.store.models import (
    AuditEntry,
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    RoundSummary,
    Workspace,
)

ANSWER_ORDER = ("met", "scheduled", "not_happening")
OUTCOME_LABELS = {"met": "Met", "scheduled": "Scheduled", "not_happening": "Not happening",
                  None: "No answer"}
# Marked for the catalogue; the console translates them where it shows them.
STATUS_LABELS = {"active": i18n.N_("Active"), "paused": i18n.N_("Paused"),
                 "left-out": i18n.N_("Left out last round"),
                 "auto-paused": i18n.N_("Auto-paused (no answers)")}


class Forbidden(Exception):
    """The viewer may not see or change this; the message says why, in one sentence."""


class NotFound(Exception):
    """No such programme, round or participant."""


@dataclass(frozen=True)
class Viewer:
    """Who is signed in to the console and what they may see."""

    kind: str  # "token", "slack" or "microsoft"
    name: str
    platform: str = ""  # "slack" or "teams"; empty for the token
    workspace: str = ""  # Slack team id or Entra tenant id
    user_id: str = ""
    platform_admin: bool = False

    @property
    def everything(self) -> bool:
        """The operator's token sees every programme."""
        return self.kind == "token"

    @property
    def actor(self) -> str:
        """How the audit log names this viewer."""
        return "console:token" if self.everything else f"console:{self.kind}:{self.user_id}"

    def may_organise(self, programme: Programme, workspace: Workspace) -> bool:
        """The token, the programme's organisers, or an admin/owner of its Slack workspace."""
        if self.everything:
            return True
        if (workspace.platform, workspace.external_id) != (self.platform, self.workspace):
            return False
        return progs.is_organiser(programme, self.user_id, platform_admin=self.platform_admin)


MODE_WORDS = {"cross": i18n.N_("Cross-profession"), "two-sided": i18n.N_("Two-sided")}


def mode_words(mode: str) -> str:
    """A programme's mode as an organiser says it, in the reader's language."""
    return i18n._(MODE_WORDS[mode]) if mode in MODE_WORDS else mode


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme in the console's list."""

    id: int
    name: str
    workspace: str
    platform: str
    mode: str
    active: bool
    participants: int
    taking_part: int
    rounds: int
    next_round: str
    archived: bool = False


@dataclass(frozen=True)
class WorkspaceChoice:
    """A workspace a viewer may create a programme in."""

    id: int
    label: str


def shown(people: int) -> bool:
    """THE small-number rule, for every figure about people's answers: it is shown only
    when at least MIN_GROUP people are behind it."""
    return people >= MIN_GROUP


MET_RATE_DEFINITION = ("Met rate: the share of a round's groups introduced in which someone "
                       "answered that they met.")


@dataclass(frozen=True)
class RoundFigures:
    """One round's outcome, counted per group by its best answer."""

    period: str
    day: str
    state: str
    people: int
    groups: int
    met: int
    scheduled: int
    not_happening: int
    no_answer: int
    learning: float | None
    # Whether the round's check-ins have been asked: before that, no rate means anything.
    checkins_due: bool = True
    # How many people gave a learning score (the average is shown for MIN_GROUP or more).
    learning_count: int = 0

    @property
    def label(self) -> str:
        """The round's period in words ("August 2026")."""
        return rounds.period_label(self.period)

    @property
    def shown(self) -> bool:
        """Whether enough people were in the round's groups to show its answers."""
        return shown(self.people)

    @property
    def met_rate(self) -> float | None:
        """Met groups over groups introduced (THE met rate); None when not yet due, with
        no group, or for fewer than MIN_GROUP people."""
        if not self.groups or not self.checkins_due or not self.shown:
            return None
        return 100.0 * self.met / self.groups

    @property
    def answered_rate(self) -> float | None:
        """The share of groups in which anyone answered the check-in (a separate figure)."""
        if not self.groups or not self.checkins_due or not self.shown:
            return None
        return 100.0 * (self.groups - self.no_answer) / self.groups

    @property
    def learning_shown(self) -> float | None:
        """The average learning score, for MIN_GROUP people or more."""
        return self.learning if shown(self.learning_count) else None

    def met_sentence(self) -> str:
        """The round's met rate in words, or why there is none."""
        if not self.groups:
            return "No group was introduced."
        if not self.checkins_due:
            return "Met rate: check-ins not yet due."
        if not self.shown:
            return f"Met rate: not shown for fewer than {MIN_GROUP} people."
        return (f"Met rate: {self.met_rate:.0f}% ({self.met} of {self.groups} groups met); "
                f"{self.answered_rate:.0f}% of groups answered the check-in.")


@dataclass(frozen=True)
class Matrix:
    """Profession × profession counts (symmetric)."""

    professions: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]

    def get(self, a: str, b: str) -> int:
        """The count for a pair in either order."""
        return self.counts.get((min(a, b), max(a, b)), 0)

    @property
    def total(self) -> int:
        """Every pair counted once."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Overview:
    """A programme's page: who takes part, who met, what they learned."""

    id: int
    name: str
    workspace: str
    mode: str
    active: bool
    participants: int
    taking_part: int
    participants_over_time: tuple[tuple[str, int], ...]
    rounds: tuple[RoundFigures, ...]
    met: Matrix
    introduced: Matrix
    not_met_yet: tuple[tuple[str, str], ...]
    next_round: str
    next_round_size: int
    next_round_groups: int
    shared_learnings: tuple[str, ...]
    # The before-and-after evaluation per question (suppressed below 5 people), met rate
    # per theme (theme, groups answered, groups met, people in them) and shared
    # learnings grouped by the theme of the meeting they came from.
    evaluation_on: bool = True
    before_after: tuple[DomainChange, ...] = ()
    met_by_theme: tuple[ThemeFigures, ...] = ()
    learnings_by_theme: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ThemeFigures:
    """How the meetings of one theme went; the rate is shown for 5 people or more."""

    theme: str
    answered: int
    met: int
    people: int

    @property
    def shown(self) -> bool:
        """Whether enough people are behind the figure to show it."""
        return shown(self.people)

    groups: int = 0

    @property
    def met_rate(self) -> float | None:
        """Met groups over groups introduced in the theme's meetings (THE met rate)."""
        return 100.0 * self.met / self.groups if self.groups and self.shown else None


@dataclass(frozen=True)
class ParticipantRow:
    """A participant as the console lists them (no chat ids)."""

    id: int
    name: str
    profession: str
    side: str
    status: str
    paused_until: str
    joined: str
    rounds: int
    met: int


@dataclass(frozen=True)
class MemberView:
    """A place in a group: the person (or a placeholder). Who answered what is never shown
    to organisers, only the group's outcome and the count of each answer."""

    name: str
    profession: str


@dataclass(frozen=True)
class GroupView:
    """A group of a round with its answers and outcome."""

    number: int
    members: tuple[MemberView, ...]
    outcome: str
    reasons: tuple[str, ...]
    # "1 met, 1 no answer": the group's answers counted, not attributed to anyone.
    answers: str = ""
    # The group's average learning score, for the pseudonymous matches export only.
    learning: float | None = None


@dataclass(frozen=True)
class RoundView:
    """A round with its groups and delivery."""

    id: int
    period: str
    day: str
    state: str
    groups: tuple[GroupView, ...]
    sent: int
    pending: int
    failed: int
    cancellable: bool
    figures: RoundFigures
    # Whether the round ever sent a message (its own record; outbox rows are purged).
    sent_ever: bool = False

    @property
    def label(self) -> str:
        """The round's period in words ("August 2026")."""
        return rounds.period_label(self.period)

    @property
    def state_words(self) -> str:
        """The round's state as an organiser says it."""
        if self.state == RoundState.CANCELLED:
            return "cancelled"
        if self.pending:
            return "sending introductions"
        return "introductions sent" if self.sent_ever else "nothing sent yet"
    quality: str = ""  # the matcher's certificate, from the round record


@dataclass(frozen=True)
class AuditRow:
    """One entry of the audit log."""

    at: str
    actor: str
    action: str
    details: str


@dataclass
class Figures:
    """Per-match answers, gathered once for a programme."""

    answers: dict[int, list[str]] = field(default_factory=dict)
    learning: dict[int, list[int]] = field(default_factory=dict)

    def outcome(self, match_id: int) -> str | None:
        """The group's best answer: met, else scheduled, else not happening, else None."""
        given = self.answers.get(match_id, [])
        return next((a for a in ANSWER_ORDER if a in given), None)


# ------------------------------------------------------------------ access

def _programme(session: Session, viewer: Viewer, programme_id: int) -> tuple[Programme, Workspace]:
    programme = session.get(Programme, programme_id)
    if programme is None:
        raise NotFound("There is no programme with that number.")
    workspace = session.get_one(Workspace, programme.workspace_id)
    if not viewer.may_organise(programme, workspace):
        raise Forbidden(f"You do not organise {programme.name}: only its organisers, and admins "
                        "of its workspace, can see it.")
    return programme, workspace


def check_access(services: Services, viewer: Viewer, programme_id: int) -> str:
    """The programme's name if the viewer may organise it; Forbidden or NotFound otherwise."""
    with services.unit_of_work() as session:
        return _programme(session, viewer, programme_id)[0].name


def _label(workspace: Workspace) -> str:
    platform = "Slack" if workspace.platform == "slack" else "Teams"
    return f"{platform}: {workspace.name or workspace.external_id}"


def programmes_for(services: Services, viewer: Viewer) -> list[ProgrammeRow]:
    """Every programme the viewer organises, with its status and next round."""
    now = services.now()
    with services.unit_of_work() as session:
        pairs = session.execute(select(Programme, Workspace)
                                .join(Workspace, Workspace.id == Programme.workspace_id)
                                .order_by(Programme.id)).all()
        mine = [(p, w) for p, w in pairs if viewer.may_organise(p, w)]
        ids = [p.id for p, _ in mine]
        counts = dict(session.execute(select(Participant.programme_id, func.count())
                                      .where(Participant.programme_id.in_(ids))
                                      .group_by(Participant.programme_id)).all())
        active = dict(session.execute(select(Participant.programme_id, func.count())
                                      .where(Participant.programme_id.in_(ids),
                                             Participant.status == ParticipantStatus.ACTIVE)
                                      .group_by(Participant.programme_id)).all())
        done = dict(session.execute(select(Round.programme_id, func.count())
                                    .where(Round.programme_id.in_(ids),
                                           Round.state != RoundState.CANCELLED)
                                    .group_by(Round.programme_id)).all())
        return [ProgrammeRow(
            id=p.id, name=p.name, workspace=_label(w), platform=w.platform, mode=p.mode,
            active=p.active, participants=counts.get(p.id, 0), taking_part=active.get(p.id, 0),
            rounds=done.get(p.id, 0), archived=p.archived_at is not None,
            next_round="archived" if p.archived_at is not None
            else _next_day(session, p, now) if p.active else "paused")
            for p, w in mine]


def _next_day(session: Session, programme: Programme, now: dt.datetime) -> str:
    """The day of the next round that has not run (the period just run is not next)."""
    return format_day(progs.local_day(programme, rounds.next_round_at(session, programme, now)))


def workspaces_for(services: Services, viewer: Viewer) -> list[WorkspaceChoice]:
    """Where the viewer may create a programme: every workspace for the token, else their own
    when they may organise there (a Slack admin, or an organiser of one of its programmes)."""
    with services.unit_of_work() as session:
        rows = list(session.scalars(select(Workspace).where(Workspace.active.is_(True))
                                    .order_by(Workspace.id)))
        if viewer.everything:
            return [WorkspaceChoice(w.id, _label(w)) for w in rows]
        own = [w for w in rows if (w.platform, w.external_id) == (viewer.platform,
                                                                   viewer.workspace)]
        allowed = [w for w in own if viewer.platform_admin or any(
            viewer.user_id in p.organisers for p in progs.programmes_of(session, w.id))]
        return [WorkspaceChoice(w.id, _label(w)) for w in allowed]


# ---------------------------------------------------------------- settings

def settings_text(services: Services, viewer: Viewer, programme_id: int) -> dict[str, str]:
    """The programme's settings as the form shows them (the shared keys)."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        return progs.settings_as_text(progs.settings_of(programme))


def create_programme(services: Services, viewer: Viewer, workspace_id: int,
                     values: Mapping[str, str]) -> int:
    """A new programme from the form's values (SettingsError names a bad field)."""
    if workspace_id not in {w.id for w in workspaces_for(services, viewer)}:
        raise Forbidden("You cannot create a programme in that workspace.")
    settings = progs.parse_settings(values)
    progs.refuse_unknown_instrument(services, settings)
    now = services.now()
    with services.unit_of_work() as session:
        workspace = session.get_one(Workspace, workspace_id)
        progs.refuse_taken_name(session, workspace_id, settings.name)
        if not viewer.everything and not settings.organisers:
            # Whoever creates it organises it, so that they can still see it.
            settings = progs.ProgrammeSettings(**{**_fields(settings),
                                                  "organisers": (viewer.user_id,)})
        programme = progs.create_programme(session, workspace, settings, now)
        progs.audit(session, workspace.id, programme.id, viewer.actor, "programme.create",
                    {"name": programme.name}, now)
        return programme.id


def _fields(settings: progs.ProgrammeSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in progs.ProgrammeSettings.__dataclass_fields__}


def update_settings(services: Services, viewer: Viewer, programme_id: int,
                    values: Mapping[str, str]) -> None:
    """Save the settings form (SettingsError names a bad field)."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        base = progs.settings_of(programme)
    progs.update_settings(services, programme_id, progs.parse_settings(values, base=base),
                          actor=viewer.actor)


def archive(services: Services, viewer: Viewer, programme_id: int) -> str:
    """Archive a programme (audited): its figures stay, its rounds stop, its people get no
    more messages; the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = _programme(session, viewer, programme_id)
        if programme.archived_at is not None:
            return f"{programme.name} is already archived."
        programme.active, programme.archived_at, programme.updated_at = False, now, now
        progs.audit(session, workspace.id, programme.id, viewer.actor, "programme.archive",
                    {}, now)
        return (f"{programme.name} is archived: its figures and reports stay, and no round "
                "will run.")


def duplicate(services: Services, viewer: Viewer, programme_id: int) -> int:
    """A new programme with this one's settings and none of its people (audited); its id."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = _programme(session, viewer, programme_id)
        taken = set(session.scalars(select(Programme.name).where(
            Programme.workspace_id == workspace.id)))
        name = next(candidate for n in range(1, 1000) for candidate in
                    [f"{programme.name} (copy)" if n == 1 else f"{programme.name} (copy {n})"]
                    if candidate not in taken)
        settings = replace(progs.settings_of(programme), name=name[:200])
        copy = progs.create_programme(session, workspace, settings, now)
        progs.audit(session, workspace.id, programme.id, viewer.actor, "programme.duplicate",
                    {"copy": copy.name}, now)
        progs.audit(session, workspace.id, copy.id, viewer.actor, "programme.create",
                    {"name": copy.name, "copied from": programme.name}, now)
        return copy.id


def set_active(services: Services, viewer: Viewer, programme_id: int, active: bool) -> str:
    """Pause or resume a programme's rounds; the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = _programme(session, viewer, programme_id)
        if active and programme.archived_at is not None:
            raise Forbidden(f"{programme.name} is archived; duplicate it to run it again.")
        programme.active, programme.updated_at = active, now
        progs.audit(session, workspace.id, programme.id, viewer.actor,
                    "programme.resume" if active else "programme.pause", {}, now)
        if active:
            day = _next_day(session, programme, now)
            return f"{programme.name} is running again; next round on {day}."
        return f"{programme.name} is paused: no round will run until you resume it."


# ----------------------------------------------------------------- figures

def _rounds(session: Session, programme_id: int) -> list[Round]:
    return list(session.scalars(select(Round).where(Round.programme_id == programme_id)
                                .order_by(Round.ordinal)))


def _match_ids(programme_id: int) -> Select[Any]:
    """The programme's match ids as a subquery (a list of thousands would be bound one by one,
    past SQLite's limit of bound parameters)."""
    return select(Match.id).join(Round, Round.id == Match.round_id).where(
        Round.programme_id == programme_id)


def _figures(session: Session, match_ids: Select[Any]) -> Figures:
    figures = Figures()
    for match_id, answer in session.execute(select(CheckinAnswer.match_id, CheckinAnswer.answer)
                                            .where(CheckinAnswer.match_id.in_(match_ids))):
        figures.answers.setdefault(match_id, []).append(answer)
    for match_id, score in session.execute(select(Feedback.match_id, Feedback.learned_score)
                                           .where(Feedback.match_id.in_(match_ids))):
        figures.learning.setdefault(match_id, []).append(score)
    return figures


@dataclass(frozen=True)
class _MatchRow:
    # Plain rows, not ORM objects: a big programme has thousands of groups.
    id: int
    reasons: Sequence[str]


@dataclass(frozen=True)
class _MemberRow:
    participant_id: int | None
    profession: str


def _matches(session: Session, programme_id: int) -> dict[int, list[_MatchRow]]:
    by_round: dict[int, list[_MatchRow]] = {}
    for match_id, round_id, reasons in session.execute(
            select(Match.id, Match.round_id, Match.reasons)
            .join(Round, Round.id == Match.round_id)
            .where(Round.programme_id == programme_id).order_by(Match.id)):
        by_round.setdefault(round_id, []).append(_MatchRow(match_id, reasons or []))
    return by_round


def _round_figures(programme: Programme, rnd: Round, matches: Sequence[_MatchRow],
                   figures: Figures, sizes: Mapping[int, int], now: dt.datetime,
                   summary: RoundSummary | None = None) -> RoundFigures:
    """A round's figures from its groups, or from its summary once retention removed them.
    People are the members of its groups (a term's later meetings match nobody anew, so
    the matcher's own count is 0 there)."""
    due = now >= rnd.started_at + dt.timedelta(days=programme.checkin_after_days)
    common: dict[str, Any] = {"period": rnd.period.split("~")[0],
                              "day": format_day(progs.local_day(programme, rnd.started_at)),
                              "state": rnd.state, "checkins_due": due}
    if not matches and summary is not None:
        return RoundFigures(
            **common, people=int(rnd.stats.get("people", 0) or 0), groups=summary.groups,
            met=summary.met_groups, scheduled=0, not_happening=0,
            no_answer=summary.groups - summary.answered_groups,
            learning=(summary.learning_score_sum / summary.feedback_count
                      if summary.feedback_count else None),
            learning_count=summary.feedback_count)
    outcomes = Counter(figures.outcome(m.id) for m in matches)
    scores = [s for m in matches for s in figures.learning.get(m.id, [])]
    return RoundFigures(
        **common, people=sum(sizes.get(m.id, 0) for m in matches), groups=len(matches),
        met=outcomes["met"], scheduled=outcomes["scheduled"],
        not_happening=outcomes["not_happening"], no_answer=outcomes[None],
        learning=sum(scores) / len(scores) if scores else None, learning_count=len(scores))


def _summaries(session: Session, programme_id: int) -> dict[int, RoundSummary]:
    return {s.round_id: s for s in session.scalars(select(RoundSummary).where(
        RoundSummary.programme_id == programme_id))}


def _pairs(professions: Iterable[str]) -> Iterable[tuple[str, str]]:
    listed = list(professions)
    for i, a in enumerate(listed):
        for b in listed[i + 1:]:
            if a != b:
                yield (min(a, b), max(a, b))


def overview(services: Services, viewer: Viewer, programme_id: int, *,
             start: dt.date | None = None, end: dt.date | None = None) -> Overview:
    """The programme's figures for its overview page; with `start`/`end` (both included),
    the rounds, matrices and learnings of rounds started in that range only."""
    found = _overview(services, viewer, programme_id, start, end)
    figures = stats.programme_stats(services, programme_id)
    return replace(
        found, before_after=evaluation.results(services, programme_id),
        met_by_theme=tuple(ThemeFigures(theme=theme, answered=answered, met=met, people=people,
                                        groups=groups)
                           for theme, answered, met, people, groups in figures.met_by_theme),
        learnings_by_theme=figures.learnings_by_theme if found.shared_learnings else ())


def _overview(services: Services, viewer: Viewer, programme_id: int,
              start: dt.date | None = None, end: dt.date | None = None) -> Overview:
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = _programme(session, viewer, programme_id)
        everyone = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id)))
        all_rounds = [r for r in _rounds(session, programme_id) if r.state != RoundState.CANCELLED
                      and _within(progs.local_day(programme, r.started_at), start, end)]
        by_round = _matches(session, programme_id)
        match_list = [m for r in all_rounds for m in by_round.get(r.id, [])]
        ids = _match_ids(programme_id)
        figures = _figures(session, ids)
        professions_of: dict[int, list[str]] = {}
        for match_id, profession in session.execute(
                select(MatchMember.match_id, MatchMember.profession)
                .where(MatchMember.match_id.in_(ids)).order_by(MatchMember.position)):
            professions_of.setdefault(match_id, []).append(profession)
        met: Counter[tuple[str, str]] = Counter()
        introduced: Counter[tuple[str, str]] = Counter()
        for match in match_list:
            pairs = list(_pairs(professions_of.get(match.id, [])))
            introduced.update(pairs)
            if figures.outcome(match.id) == Answer.MET:
                met.update(pairs)
        listed = tuple(programme.professions)
        present = tuple(p for p in listed if any(x.profession == p for x in everyone))
        extra = sorted({x.profession for x in everyone} - set(listed))
        axis = present + tuple(extra)
        not_met = tuple(pair for pair in _possible_pairs(programme, axis) if pair not in met)
        next_at = rounds.next_round_at(session, programme, now)
        day, period = progs.local_day(programme, next_at), progs.period_of(programme, next_at)
        size = sum(people_service.is_active_for(p, day, period) for p in everyone)
        sizes = {m: len(p) for m, p in professions_of.items()}
        summaries = _summaries(session, programme_id)
        round_figures = tuple(_round_figures(programme, r, by_round.get(r.id, []), figures,
                                             sizes, now, summaries.get(r.id))
                              for r in all_rounds)
        over_time = (*((f.label, f.people) for f in round_figures), ("now", len(everyone)))
        # Shared learnings are answers too: shown only when MIN_GROUP people gave one.
        shared: tuple[str, ...] = ()
        in_range = {m.id for m in match_list}
        if shown(sum(len(v) for m, v in figures.learning.items() if m in in_range)):
            shared = tuple(text for text, match_id in session.execute(select(
                Feedback.learned_text, Feedback.match_id).where(
                Feedback.match_id.in_(ids),
                Feedback.share_anonymously.is_(True), Feedback.learned_text != "")
                .order_by(Feedback.id)) if match_id in in_range)
        return Overview(
            id=programme.id, name=programme.name, workspace=_label(workspace),
            mode=programme.mode, active=programme.active, participants=len(everyone),
            taking_part=sum(p.status == ParticipantStatus.ACTIVE for p in everyone),
            participants_over_time=over_time,
            rounds=round_figures,
            met=Matrix(axis, dict(met)), introduced=Matrix(axis, dict(introduced)),
            not_met_yet=not_met,
            next_round=format_day(day) if programme.active else "paused",
            next_round_size=size, next_round_groups=size // programme.group_size,
            shared_learnings=shared, evaluation_on=bool(programme.evaluation))


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _possible_pairs(programme: Programme, professions: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of professions the programme's rules allow to meet."""
    if programme.mode == "two-sided":
        side_a = set(programme.sides.get("A", []))
        side_b = set(programme.sides.get("B", []))
        return sorted({(min(a, b), max(a, b)) for a in professions for b in professions
                       if a in side_a and b in side_b})
    return sorted(set(_pairs(professions)))


# ------------------------------------------------------------- participants

def _status(p: Participant) -> str:
    if p.status == ParticipantStatus.DEACTIVATED:
        return "auto-paused"
    if p.status == ParticipantStatus.PAUSED:
        return "paused"
    return "left-out" if p.unpaired_last_round else "active"


def participants_of(services: Services, viewer: Viewer, programme_id: int, *, search: str = "",
                    profession: str = "", side: str = "", status: str = "") -> list[ParticipantRow]:
    """The programme's participants, filtered as the table asks."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        everyone = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id).order_by(Participant.display_name)))
        taken = Counter[int]()
        met = Counter[int]()
        rows = session.execute(
            select(MatchMember.participant_id, MatchMember.match_id)
            .join(Match, Match.id == MatchMember.match_id)
            .join(Round, Round.id == Match.round_id)
            .where(Round.programme_id == programme_id, MatchMember.participant_id.is_not(None))
        ).all()
        figures = _figures(session, _match_ids(programme_id))
        for pid, match_id in rows:
            if pid is None:
                continue
            taken[pid] += 1
            met[pid] += figures.outcome(match_id) == Answer.MET
        needle = search.strip().casefold()
        sides = {"A": _side_name(programme, "A"), "B": _side_name(programme, "B")}
        out = []
        for p in everyone:
            row = ParticipantRow(
                id=p.id, name=p.display_name, profession=p.profession,
                side=sides.get(p.side or "", ""), status=_status(p),
                paused_until=format_day(p.paused_until) if p.paused_until else "",
                joined=format_day(progs.local_day(programme, p.joined_at)),
                rounds=taken[p.id], met=met[p.id])
            if needle and needle not in f"{p.display_name} {p.profession}".casefold():
                continue
            if (profession and p.profession != profession) or (side and p.side != side):
                continue
            if status and row.status != status:
                continue
            out.append(row)
        return out


PAGE_SIZE = 50


@dataclass(frozen=True)
class ParticipantsPage:
    """One page of the participants table: its rows, how many match, how many in all."""

    rows: tuple[ParticipantRow, ...]
    matching: int
    total: int
    page: int
    pages: int
    professions: tuple[str, ...]


def participants_page(services: Services, viewer: Viewer, programme_id: int, *,
                      search: str = "", profession: str = "", side: str = "", status: str = "",
                      page: int = 1, per_page: int = PAGE_SIZE) -> ParticipantsPage:
    """A page of the programme's participants, filtered and counted in the database (a
    trust of 100,000 is never loaded whole); rounds and meetings only for the page's
    people."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        mine = Participant.programme_id == programme_id
        conditions: list[Any] = [mine]
        needle = search.strip().casefold()
        if needle:
            like = f"%{needle.replace('%', '').replace('_', '')}%"
            conditions.append(func.lower(Participant.display_name + " " + Participant.profession)
                              .like(like))
        if profession:
            conditions.append(Participant.profession == profession)
        if side:
            conditions.append(Participant.side == side)
        if status == "auto-paused":
            conditions.append(Participant.status == ParticipantStatus.DEACTIVATED)
        elif status == "paused":
            conditions.append(Participant.status == ParticipantStatus.PAUSED)
        elif status == "left-out":
            conditions += [Participant.status == ParticipantStatus.ACTIVE,
                           Participant.unpaired_last_round.is_(True)]
        elif status == "active":
            conditions += [Participant.status == ParticipantStatus.ACTIVE,
                           Participant.unpaired_last_round.is_(False)]
        total = session.scalar(select(func.count(Participant.id)).where(mine)) or 0
        matching = session.scalar(select(func.count(Participant.id)).where(*conditions)) or 0
        pages = max(1, -(-matching // per_page))
        page = min(max(1, page), pages)
        people = list(session.scalars(select(Participant).where(*conditions)
                                      .order_by(Participant.display_name, Participant.id)
                                      .offset((page - 1) * per_page).limit(per_page)))
        ids = [p.id for p in people]
        taken = dict(session.execute(select(MatchMember.participant_id, func.count())
                                     .where(MatchMember.participant_id.in_(ids))
                                     .group_by(MatchMember.participant_id)).all())
        met = dict(session.execute(
            select(MatchMember.participant_id, func.count(func.distinct(MatchMember.match_id)))
            .join(CheckinAnswer, CheckinAnswer.match_id == MatchMember.match_id)
            .where(MatchMember.participant_id.in_(ids), CheckinAnswer.answer == Answer.MET)
            .group_by(MatchMember.participant_id)).all())
        professions = tuple(session.scalars(select(Participant.profession).where(mine)
                                            .distinct().order_by(Participant.profession)))
        sides = {"A": _side_name(programme, "A"), "B": _side_name(programme, "B")}
        rows = tuple(ParticipantRow(
            id=p.id, name=p.display_name, profession=p.profession,
            side=sides.get(p.side or "", ""), status=_status(p),
            paused_until=format_day(p.paused_until) if p.paused_until else "",
            joined=format_day(progs.local_day(programme, p.joined_at)),
            rounds=taken.get(p.id, 0), met=met.get(p.id, 0)) for p in people)
        return ParticipantsPage(rows=rows, matching=matching, total=total, page=page,
                                pages=pages, professions=professions)


def _side_name(programme: Programme, side: str) -> str:
    return str((programme.side_names or {}).get(side) or f"Side {side}")


def act_on_participant(services: Services, viewer: Viewer, programme_id: int,
                       participant_id: int, action: str,
                       until: dt.date | None = None) -> str:
    """Pause, resume or remove someone on their behalf (audited); the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = _programme(session, viewer, programme_id)
        person = session.get(Participant, participant_id)
        if person is None or person.programme_id != programme_id:
            raise NotFound("That person is not in this programme any more.")
        name, user_id = person.display_name, person.user_id
        if action == "resume" and person.status == ParticipantStatus.DEACTIVATED:
            # They removed the app or left the workspace: an intro would go nowhere, or to a
            # partner who cannot answer. They come back by joining again themselves.
            raise Forbidden(f"{name} cannot be resumed: the platform can no longer reach "
                            "them. They take part again if they join again themselves; "
                            "nothing was changed.")
        if action != "remove":
            progs.audit(session, workspace.id, programme.id, viewer.actor,
                        f"participant.{action}", {"participant": f"P{participant_id}"}, now)
        if action == "pause":
            person.status, person.paused_until = ParticipantStatus.PAUSED, until
            person.updated_at = now
            return (f"{name} is paused until {format_day(until)}." if until
                    else f"{name} is paused until someone resumes them.")
        if action == "resume":
            person.status, person.paused_until = ParticipantStatus.ACTIVE, None
            person.updated_at = now
            person.unresponsive_count, person.skip_period = 0, None
            return f"{name} takes part again from the next round."
        if action != "remove":
            raise NotFound(f"'{action}' is not something the console can do to a participant.")
    # An organiser's removal stays inside their programme (audited there); only the person's
    # own `leave` reaches every programme of the workspace.
    erasure.remove_by_organiser(services, programme_id, user_id, actor=viewer.actor)
    return (f"{name} is removed from this programme and their data in it erased; "
            "past groups keep an anonymous place.")


# ------------------------------------------------------------------ rounds

def rounds_of(services: Services, viewer: Viewer, programme_id: int) -> list[RoundView]:
    """Every round, newest first, with its groups, answers and delivery."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        all_rounds = _rounds(session, programme_id)
        by_round = _matches(session, programme_id)
        match_ids = _match_ids(programme_id)
        figures = _figures(session, match_ids)
        names = dict(session.execute(select(Participant.id, Participant.display_name).where(
            Participant.programme_id == programme_id)).all())
        answers = {(m, p): a for m, p, a in session.execute(select(
            CheckinAnswer.match_id, CheckinAnswer.participant_id, CheckinAnswer.answer)
            .where(CheckinAnswer.match_id.in_(match_ids)))}
        scores = {(m, p): s for m, p, s in session.execute(select(
            Feedback.match_id, Feedback.participant_id, Feedback.learned_score)
            .where(Feedback.match_id.in_(match_ids)))}
        members: dict[int, list[_MemberRow]] = {}
        for match_id, participant_id, profession in session.execute(
                select(MatchMember.match_id, MatchMember.participant_id, MatchMember.profession)
                .where(MatchMember.match_id.in_(match_ids)).order_by(MatchMember.position)):
            members.setdefault(match_id, []).append(_MemberRow(participant_id, profession))
        delivery = _delivery(session, programme_id)
        sizes = {m: len(v) for m, v in members.items()}
        summaries = _summaries(session, programme_id)
        now = services.now()
        out = []
        for rnd in reversed(all_rounds):
            groups = tuple(GroupView(
                number=i + 1,
                members=tuple(MemberView(
                    name=names.get(mm.participant_id or 0, "someone who left"),
                    profession=mm.profession)
                    for mm in members.get(m.id, [])),
                outcome=OUTCOME_LABELS[figures.outcome(m.id)], reasons=tuple(m.reasons),
                answers=_answer_counts([answers.get((m.id, mm.participant_id or 0))
                                        for mm in members.get(m.id, [])]),
                learning=_shown_mean([scores[(m.id, mm.participant_id or 0)]
                                      for mm in members.get(m.id, [])
                                      if (m.id, mm.participant_id or 0) in scores]))
                for i, m in enumerate(by_round.get(rnd.id, [])))
            counts = delivery.get(rnd.id, Counter())
            out.append(RoundView(
                id=rnd.id, period=rnd.period.split("~")[0],
                day=format_day(progs.local_day(programme, rnd.started_at)), state=rnd.state,
                groups=groups, sent=counts["sent"], pending=counts["pending"] + counts["sending"],
                failed=counts["failed"],
                cancellable=never_sent(rnd) and not counts["sent"] and not counts["sending"],
                sent_ever=rnd.first_sent_at is not None,
                figures=_round_figures(programme, rnd, by_round.get(rnd.id, []), figures,
                                       sizes, now, summaries.get(rnd.id)),
                quality=certificate(rnd.stats or {})))
        return out


def _delivery(session: Session, programme_id: int) -> dict[int, Counter[str]]:
    out: dict[int, Counter[str]] = {}
    round_ids = select(Round.id).where(Round.programme_id == programme_id)
    for round_id, state, count in session.execute(
            select(OutboxMessage.round_id, OutboxMessage.state, func.count())
            .where(OutboxMessage.round_id.in_(round_ids))
            .group_by(OutboxMessage.round_id, OutboxMessage.state)):
        if round_id is not None:
            out.setdefault(round_id, Counter())[state] += count
    return out


@dataclass(frozen=True)
class PeriodState:
    """What "run now" would run: this period, and whether it has run already."""

    period: str
    ran: bool
    next_round: str

    @property
    def label(self) -> str:
        """The period in words."""
        return rounds.period_label(self.period)


def this_period(services: Services, viewer: Viewer, programme_id: int) -> PeriodState:
    """The period a round run now belongs to, and whether it has run."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        period = progs.period_of(programme, now)
        return PeriodState(period=period, ran=rounds.round_exists(session, programme_id, period),
                           next_round=_next_day(session, programme, now))


def side_names(services: Services, viewer: Viewer, programme_id: int) -> dict[str, str]:
    """The names of a two-sided programme's sides (empty in cross mode)."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        if programme.mode != "two-sided":
            return {}
        return {side: _side_name(programme, side) for side in ("A", "B")}


def preview(services: Services, viewer: Viewer, programme_id: int) -> rounds.RoundPlan:
    """What the next round would do, sending and writing nothing: it is a GET, which another
    site can cause with a link, so it leaves no trace (not even an audit entry)."""
    check_access(services, viewer, programme_id)
    return rounds.preview_round(services, programme_id)


def run_now(services: Services, viewer: Viewer, programme_id: int) -> str:
    """Run this period's round now (audited); says so clearly if it already ran."""
    check_access(services, viewer, programme_id)
    try:
        plan = rounds.run_round(services, programme_id, actor=viewer.actor)
    except rounds.RoundTaken as exc:
        raise Forbidden(f"{exc} Cancel it first if it sent nothing, or wait for the next "
                        "period.") from None
    grouped = sum(len(g.members) for g in plan.groups)
    if not plan.groups:
        return (f"Round {plan.label} ran with nobody to introduce ({plan.eligible} taking "
                "part), so nothing will be sent; cancel it below to keep the period free.")
    return (f"Round {plan.label} started: {len(plan.groups)} groups, {grouped} people "
            f"introduced, {len(plan.unpaired)} left out. Introductions are on their way.")


class CannotCancel(Exception):
    """The round has sent messages already (or is cancelled); the message says which."""


def cancel_latest(services: Services, programme_id: int, *, actor: str,
                  round_id: int | None = None) -> str:
    """Cancel a round that has sent nothing: its messages are dropped, its groups removed,
    and its period is free again so that the real round can still run."""
    now = services.now()
    with services.unit_of_work() as session:
        query = select(Round).where(Round.programme_id == programme_id,
                                    Round.state != RoundState.CANCELLED)
        if round_id is not None:
            query = query.where(Round.id == round_id)
        rnd = session.scalars(query.order_by(Round.ordinal.desc()).limit(1)).first()
        if rnd is None:
            raise CannotCancel("There is no round to cancel.")
        if not never_sent(rnd):
            raise CannotCancel(f"The {rounds.period_label(rnd.period)} round has already sent its "
                               "messages, so it cannot be cancelled.")
        sent = session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.round_id == rnd.id,
            OutboxMessage.state.in_((OutboxState.SENT, OutboxState.SENDING)))) or 0
        if sent:
            raise CannotCancel(f"The {rounds.period_label(rnd.period)} round has already sent "
                               f"{sent} messages, so it cannot be cancelled.")
        period = rnd.period
        label = rounds.period_label(period)
        for row in session.scalars(select(OutboxMessage).where(OutboxMessage.round_id == rnd.id)):
            session.delete(row)
        for match in session.scalars(select(Match).where(Match.round_id == rnd.id)):
            session.delete(match)
        # The claim is (programme, period): renaming it frees the period for the real round.
        rnd.period = f"{period}~{rnd.id}"[:16]
        rnd.state = RoundState.CANCELLED
        programme = session.get_one(Programme, programme_id)
        progs.audit(session, programme.workspace_id, programme_id, actor, "round.cancel",
                    {"period": period}, now)
    return f"The {label} round is cancelled; nothing was sent and the {label} round can run."


def never_sent(rnd: Round) -> bool:
    """Whether a round may be cancelled: not cancelled already and, by its own record,
    never sent anything (never inferred from outbox rows, which retention deletes)."""
    return rnd.state != RoundState.CANCELLED and rnd.first_sent_at is None


def cancel_round(services: Services, viewer: Viewer, programme_id: int, round_id: int) -> str:
    """Cancel one round from the console (audited)."""
    check_access(services, viewer, programme_id)
    try:
        return cancel_latest(services, programme_id, actor=viewer.actor, round_id=round_id)
    except CannotCancel as exc:
        raise Forbidden(str(exc)) from None


# ------------------------------------------------------------------- audit

ACTION_WORDS = {
    "programme.create": "Created the programme", "programme.pause": "Paused the programme",
    "programme.resume": "Resumed the programme", "programme.archive": "Archived the programme",
    "programme.duplicate": "Duplicated the programme", "settings.update": "Changed settings",
    "round.preview": "Previewed a round", "round.run": "Ran a round",
    "round.cancel": "Cancelled a round", "stats.view": "Looked at the figures",
    "participant.pause": "Paused someone", "participant.resume": "Resumed someone",
    "participant.remove": "Removed someone",
    "wording.changed": "Changed the wording", "wording.reset": "Reset the wording",
}


def audit_of(services: Services, viewer: Viewer, programme_id: int,
             limit: int = 500) -> list[AuditRow]:
    """The programme's audit log, newest first, from chat and the console: actions and
    changes (old → new) in words, times with their time zone, repeated previews folded
    into one row, people named while they are in the programme."""
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        entries = list(session.scalars(select(AuditEntry).where(
            AuditEntry.programme_id == programme_id).order_by(AuditEntry.id.desc())
            .limit(limit)))
        people = session.execute(select(Participant.id, Participant.user_id,
                                        Participant.display_name).where(
            Participant.programme_id == programme_id)).all()
        by_id = {f"P{pid}": name for pid, _, name in people}
        by_user = {user: name for _, user, name in people}
        zone = schedule.zone(programme.timezone)
        out: list[AuditRow] = []
        folded = 0
        for i, e in enumerate(entries):
            following = entries[i + 1] if i + 1 < len(entries) else None
            if (e.action == "round.preview" and following is not None
                    and (following.action, following.actor, following.details)
                    == (e.action, e.actor, e.details)):
                folded += 1
                continue
            action = ACTION_WORDS.get(e.action, e.action)
            if folded:
                action += f" ({folded + 1} times)"
                folded = 0
            out.append(AuditRow(at=e.at.astimezone(zone).strftime("%-d %B %Y, %H:%M %Z"),
                                actor=_actor_words(e.actor, by_user), action=action,
                                details=_details(e.details, by_id)))
        return out


def _actor_words(actor: str, by_user: Mapping[str, str]) -> str:
    """Who acted, by name while they are in the programme."""
    if actor in ("console:token", "token"):
        return "The operator (token)"
    if actor == "cli":
        return "The command line"
    user = actor.rsplit(":", 1)[-1]
    name = by_user.get(user)
    if actor.startswith("console:"):
        return f"{name} (console)" if name else f"An organiser ({user}, console)"
    return f"{name} (chat)" if name else actor


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in sorted(value.items())) or "none"
    return "none" if value in (None, "") else str(value)


def _details(details: Mapping[str, Any], by_id: Mapping[str, str] | None = None) -> str:
    names = by_id or {}
    changed = details.get("changed")
    if isinstance(changed, dict):
        was = details.get("was")
        if not changed:
            return "no change"
        if isinstance(was, dict):
            return "; ".join(f"{k}: {_value(was.get(k))} → {_value(v)}"
                             for k, v in sorted(changed.items()))
        return "; ".join(f"{k} → {_value(v)}" for k, v in sorted(changed.items()))
    parts = []
    for key, value in sorted(details.items()):
        if key == "period":
            parts.append(f"round {rounds.period_label(str(value))}")
        elif key == "participant":
            parts.append(names.get(str(value), "someone who has left"))
        else:
            parts.append(f"{key}: {_value(value)}")
    return ", ".join(parts)


# ----------------------------------------------------------------- exports

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
        return table
    if kind == "learnings":
        figures = overview(services, viewer, programme_id)
        return [["learning"]] + [[text] for text in figures.shared_learnings]
    if kind == "matches":
        out: list[list[Any]] = [["round", "group", "professions", "answers", "outcome",
                                 "average_learning"]]
        for rnd in reversed(rounds_of(services, viewer, programme_id)):
            if rnd.state == RoundState.CANCELLED:
                continue
            for group in rnd.groups:
                out.append([rnd.period, group.number,
                            "; ".join(m.profession for m in group.members),
                            group.answers, group.outcome, _number(group.learning)])
        return out
    raise NotFound(f"There is no '{kind}' export.")


EXPORT_BATCH = 2000


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
    page = 1
    while True:
        found = participants_page(services, viewer, programme_id, page=page,
                                  per_page=EXPORT_BATCH)
        for r in found.rows:
            yield [f"P{r.id}", r.profession, r.side, r.status, r.rounds, r.met]
        if page >= found.pages:
            return
        page += 1


def _match_rows(services: Services, viewer: Viewer, programme_id: int) -> Iterator[list[Any]]:
    yield ["round", "group", "professions", "answers", "outcome", "average_learning"]
    with services.unit_of_work() as session:
        _programme(session, viewer, programme_id)
        live = [(r.id, r.period) for r in _rounds(session, programme_id)
                if r.state != RoundState.CANCELLED]
    for round_id, period in live:
        with services.unit_of_work() as session:
            match_ids = select(Match.id).where(Match.round_id == round_id)
            members: dict[int, list[tuple[int | None, str]]] = {}
            for match_id, participant_id, profession in session.execute(
                    select(MatchMember.match_id, MatchMember.participant_id,
                           MatchMember.profession)
                    .where(MatchMember.match_id.in_(match_ids))
                    .order_by(MatchMember.match_id, MatchMember.position)):
                members.setdefault(match_id, []).append((participant_id, profession))
            answers = {(m, p): a for m, p, a in session.execute(select(
                CheckinAnswer.match_id, CheckinAnswer.participant_id, CheckinAnswer.answer)
                .where(CheckinAnswer.match_id.in_(match_ids)))}
            scores: dict[int, list[int]] = {}
            for match_id, score in session.execute(select(
                    Feedback.match_id, Feedback.learned_score)
                    .where(Feedback.match_id.in_(match_ids))):
                scores.setdefault(match_id, []).append(score)
        figures = Figures()
        for (match_id, _), answer in answers.items():
            figures.answers.setdefault(match_id, []).append(answer)
        for number, match_id in enumerate(sorted(members), 1):
            group = members[match_id]
            yield [period.split("~")[0], number, "; ".join(p for _, p in group),
                   _answer_counts([answers.get((match_id, pid or 0)) for pid, _ in group]),
                   OUTCOME_LABELS[figures.outcome(match_id)],
                   _number(_shown_mean(scores.get(match_id, [])))]


def _answer_counts(given: Sequence[str | None]) -> str:
    """`1 met, 1 no answer`: each answer counted, in the order of OUTCOME_LABELS."""
    counts = Counter(given)
    return ", ".join(f"{counts[key]} {label.lower()}" for key, label in OUTCOME_LABELS.items()
                     if counts[key])


def _shown_mean(values: Sequence[int]) -> float | None:
    """The average of people's answers, under the one small-number rule."""
    return sum(values) / len(values) if values and shown(len(values)) else None


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


# --------------------------------------------------------------- operators

OPERATOR = Viewer(kind="token", name="operator")


@dataclass(frozen=True)
class WorkspaceRow:
    """A workspace known to the database."""

    id: int
    platform: str
    external_id: str
    name: str


def known_workspaces(services: Services) -> list[WorkspaceRow]:
    """Every active workspace, oldest first."""
    with services.unit_of_work() as session:
        return [WorkspaceRow(w.id, w.platform, w.external_id, w.name) for w in session.scalars(
            select(Workspace).where(Workspace.active.is_(True)).order_by(Workspace.id))]


def workspace_id(services: Services, platform: str, external_id: str, name: str = "") -> int:
    """The workspace's id, created if no event has come from it yet."""
    with services.unit_of_work() as session:
        workspace = progs.ensure_workspace(session, platform, external_id, services.now(), name)
        if name and not workspace.name:
            workspace.name = name[:200]
        return workspace.id


def find_programmes(services: Services, name: str,
                    workspace: str | None = None) -> list[ProgrammeRow]:
    """Programmes called exactly `name` (any characters, case-insensitive), in `workspace`
    (its external id or name) when given."""
    with services.unit_of_work() as session:
        rows = session.execute(select(Programme.id, Workspace.external_id, Workspace.name)
                               .join(Workspace, Workspace.id == Programme.workspace_id)
                               .where(func.lower(Programme.name) == name.strip().lower())).all()
        ids = {pid for pid, external, label in rows
               if workspace is None or workspace in (external, label)}
    return [p for p in programmes_for(services, OPERATOR) if p.id in ids]


# ---------------------------------------------------------------- attention

# The platforms' failure codes (bot/slack/gateway.py, bot/teams/gateway.py) in words.
FAILURE_WORDS = {
    "user_not_found": "the person is no longer in the workspace",
    "account_inactive": "the person's account has been deactivated",
    "user_disabled": "the person's account has been disabled",
    "cannot_dm_bot": "the person cannot receive direct messages from the bot",
    "channel_not_found": "the conversation no longer exists",
    "not_in_channel": "the bot is not in that conversation",
    "is_archived": "the conversation has been archived",
    "invalid_auth": "the bot's sign-in to the workspace is no longer valid",
    "not_authed": "the bot's sign-in to the workspace is no longer valid",
    "token_revoked": "the bot was removed from the workspace",
    "token_expired": "the bot's sign-in to the workspace has expired",
    "team_access_revoked": "the workspace removed the bot's access",
    "not_installed": "the bot is not installed in the workspace",
    "missing_scope": "the bot lacks a permission it needs; reinstall it",
    "no_permission": "the workspace does not allow the bot to send this",
    "restricted_action": "the workspace does not allow the bot to send this",
    "too_many_users": "the group is too large for one conversation",
    "msg_too_long": "the message was too long",
    "bot_blocked_or_removed": "the person blocked or removed the bot in Teams",
    "conversation_not_found": "the Teams conversation no longer exists",
    "no_conversation_reference": "the person has not opened a chat with the bot in Teams yet",
    "no_service_url_for_tenant": "Teams has not told the bot where to reach this organisation",
    "nobody left to tell": "everyone it was for had left",
}
# How many recent rounds "needs attention" looks at: older groups are history.
ATTENTION_ROUNDS = 2
ATTENTION_SHOWN = 100


def failure_words(code: str | None) -> str:
    """A platform's reason for refusing a message, in words."""
    if not code:
        return "the platform gave no reason"
    return FAILURE_WORDS.get(code, f"the platform refused it ({code})")


@dataclass(frozen=True)
class AttentionRow:
    """One thing that needs an organiser, and the link to what helps."""

    what: str
    action: str
    href: str


@dataclass(frozen=True)
class Attention:
    """A programme's "needs attention" list, by kind (each may be empty)."""

    no_answer: tuple[AttentionRow, ...]
    not_happening: tuple[AttentionRow, ...]
    left_out_twice: tuple[AttentionRow, ...]
    auto_paused: tuple[AttentionRow, ...]
    failed: tuple[AttentionRow, ...]
    # How many of each kind there are: each list holds at most ATTENTION_SHOWN rows.
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many things in all."""
        return sum(self.counts.values()) if self.counts else sum(
            len(rows) for rows in (self.no_answer, self.not_happening,
                                   self.left_out_twice, self.auto_paused, self.failed))


def attention(services: Services, viewer: Viewer, programme_id: int) -> Attention:
    """What needs the organiser this week: groups silent past their check-in, groups whose
    meeting is not happening, people left out two rounds running, people auto-paused, and
    messages the platform refused (with its reason in words); each with a link to act."""
    now = services.now()
    base = f"/admin/programmes/{programme_id}"
    with services.unit_of_work() as session:
        programme, _ = _programme(session, viewer, programme_id)
        recent = list(session.scalars(select(Round).where(
            Round.programme_id == programme_id, Round.state != RoundState.CANCELLED)
            .order_by(Round.ordinal.desc()).limit(ATTENTION_ROUNDS)))
        round_ids = [r.id for r in recent]
        by_id = {r.id: r for r in recent}
        names = dict(session.execute(select(Participant.id, Participant.display_name).where(
            Participant.programme_id == programme_id)).all())
        matches = session.execute(select(Match.id, Match.round_id, Match.checkin_due_at)
                                  .where(Match.round_id.in_(round_ids))
                                  .order_by(Match.round_id, Match.id)).all()
        match_ids = [m for m, _, _ in matches]
        members: dict[int, list[str]] = {}
        for match_id, participant_id in session.execute(
                select(MatchMember.match_id, MatchMember.participant_id)
                .where(MatchMember.match_id.in_(match_ids)).order_by(MatchMember.position)):
            members.setdefault(match_id, []).append(
                names.get(participant_id or 0, "someone who left"))
        answers: dict[int, set[str]] = {}
        for match_id, answer in session.execute(select(
                CheckinAnswer.match_id, CheckinAnswer.answer)
                .where(CheckinAnswer.match_id.in_(match_ids))):
            answers.setdefault(match_id, set()).add(answer)
        no_answer, not_happening = [], []
        number = Counter[int]()
        for match_id, round_id, due in matches:
            number[round_id] += 1
            label = rounds.period_label(by_id[round_id].period)
            who = " and ".join(members.get(match_id, []))
            group = f"Group {number[round_id]} of {label} ({who})"
            link = f"{base}/rounds?round={round_id}#round-{round_id}"
            given = answers.get(match_id, set())
            if not given and due <= now:
                no_answer.append(AttentionRow(
                    f"{group}: no answer since the check-in on "
                    f"{format_day(progs.local_day(programme, due))}.",
                    "See the group and its members", link))
            elif given and Answer.MET not in given and Answer.SCHEDULED not in given:
                not_happening.append(AttentionRow(
                    f"{group} said their meeting is not happening.",
                    "See the group and its members", link))
        left_out = _left_out_twice(session, programme_id, recent, names)
        left_out_rows = tuple(AttentionRow(
            f"{name} was left out of the last two rounds.",
            "Find them among the participants",
            f"{base}/participants?q={_query(name)}") for name in left_out)
        paused = session.scalars(select(Participant).where(
            Participant.programme_id == programme_id,
            Participant.status == ParticipantStatus.DEACTIVATED).order_by(
            Participant.display_name))
        paused_rows = tuple(AttentionRow(
            f"{p.display_name} was paused automatically after messages to them failed or "
            "went unanswered.", "Resume them from the participants page",
            f"{base}/participants?status=auto-paused&q={_query(p.display_name)}")
            for p in paused)
        failed_rows = []
        for kind, code, recipient, sent_round, at in session.execute(
                select(OutboxMessage.kind, OutboxMessage.last_error, OutboxMessage.recipient_id,
                       OutboxMessage.round_id, OutboxMessage.created_at)
                .where(OutboxMessage.state == OutboxState.FAILED,
                       or_(OutboxMessage.round_id.in_(select(Round.id).where(
                           Round.programme_id == programme_id)),
                           OutboxMessage.recipient_id.in_(select(Participant.id).where(
                               Participant.programme_id == programme_id))))
                .order_by(OutboxMessage.id.desc()).limit(200)):
            who = f" to {names[recipient]}" if recipient in names else ""
            what = KIND_WORDS.get(kind, "A message")
            when = format_day(progs.local_day(programme, at))
            href = (f"{base}/participants?q={_query(names[recipient])}" if recipient in names
                    else f"{base}/rounds?round={sent_round}#round-{sent_round}" if sent_round
                    else f"{base}/participants")
            failed_rows.append(AttentionRow(
                f"{what}{who} on {when} was not delivered: {failure_words(code)}.",
                "See who it was for", href))
        found = {"no_answer": tuple(no_answer), "not_happening": tuple(not_happening),
                 "left_out_twice": left_out_rows, "auto_paused": paused_rows,
                 "failed": tuple(failed_rows)}
        # A big trust's list is read a screen at a time: the first rows of each, and counts.
        return Attention(**{k: v[:ATTENTION_SHOWN] for k, v in found.items()},
                         counts={k: len(v) for k, v in found.items()})


KIND_WORDS = {"intro": "An introduction", "checkin": "A check-in", "reminder": "A reminder",
              "unpaired": "A left-out notice", "headsup": "A heads-up", "notice": "A notice"}


def _query(text: str) -> str:
    return quote(text)


def _left_out_twice(session: Session, programme_id: int, recent: Sequence[Round],
                    names: Mapping[int, str]) -> list[str]:
    """People flagged as left out last round who were in no group of the round before
    either, though they had joined by then."""
    if len(recent) < 2:
        return []
    earlier = recent[1]
    grouped = set(session.scalars(select(MatchMember.participant_id).join(
        Match, Match.id == MatchMember.match_id).where(Match.round_id == earlier.id)))
    candidates = session.execute(select(Participant.id, Participant.joined_at).where(
        Participant.programme_id == programme_id, Participant.unpaired_last_round.is_(True),
        Participant.status != ParticipantStatus.DEACTIVATED)).all()
    return sorted(names[pid] for pid, joined in candidates
                  if pid not in grouped and joined <= earlier.started_at and pid in names)


# ------------------------------------------------------------- at a glance

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
    by default the last twelve months). Counts come from grouped queries (and the summaries
    of rounds retention has thinned), never from loading every match."""
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
        in_range = select(Round.id).where(Round.id.in_(round_ids))
        groups = dict(session.execute(select(Match.round_id, func.count(Match.id)).where(
            Match.round_id.in_(in_range)).group_by(Match.round_id)).all())
        # Each person once per programme, however many rounds they were in (an erased
        # person's place counts once per group).
        distinct = dict(session.execute(
            select(Round.programme_id, func.count(func.distinct(MatchMember.participant_id)))
            .join(Match, Match.round_id == Round.id)
            .join(MatchMember, MatchMember.match_id == Match.id)
            .where(Round.id.in_(round_ids)).group_by(Round.programme_id)).all())
        erased = dict(session.execute(
            select(Round.programme_id, func.count())
            .join(Match, Match.round_id == Round.id)
            .join(MatchMember, MatchMember.match_id == Match.id)
            .where(Round.id.in_(round_ids), MatchMember.participant_id.is_(None))
            .group_by(Round.programme_id)).all())
        met = dict(session.execute(
            select(Match.round_id, func.count(func.distinct(CheckinAnswer.match_id)))
            .join(CheckinAnswer, CheckinAnswer.match_id == Match.id)
            .where(Match.round_id.in_(in_range), CheckinAnswer.answer == Answer.MET)
            .group_by(Match.round_id)).all())
        summaries = {s.round_id: s for s in session.scalars(select(RoundSummary).where(
            RoundSummary.round_id.in_(round_ids)))}
        totals: dict[int, list[int]] = {pid: [0, 0, 0, 0] for pid in ids}
        for rnd in chosen:
            programme = programmes[rnd.programme_id]
            summary = summaries.get(rnd.id) if rnd.id not in groups else None
            n_groups = summary.groups if summary else groups.get(rnd.id, 0)
            # A round retention has thinned adds its own count where it is the largest.
            n_people = int((rnd.stats or {}).get("people", 0) or 0) if summary else 0
            n_met = summary.met_groups if summary else met.get(rnd.id, 0)
            due = now >= rnd.started_at + dt.timedelta(days=programme.checkin_after_days)
            row = totals[rnd.programme_id]
            row[0] = max(row[0], n_people)
            row[1] += n_groups
            row[2] += n_groups if due else 0
            row[3] += n_met if due else 0
    rows = []
    for p in mine:
        changes = [c for c in evaluation.results(services, p.id) if not c.suppressed
                   and c.change is not None]
        thinned, n_groups, due_groups, n_met = totals[p.id]
        n_people = max(thinned, distinct.get(p.id, 0) + erased.get(p.id, 0))
        rows.append(GlanceRow(
            id=p.id, name=p.name, people=n_people, groups=n_groups, due_groups=due_groups,
            met=n_met, questions=len(changes),
            change=sum(c.change for c in changes if c.change is not None) / len(changes)
            if changes else None))
    shown_changes = [r for r in rows if r.change is not None]
    total = GlanceRow(
        id=None, name="All programmes", people=sum(r.people for r in rows),
        groups=sum(r.groups for r in rows), due_groups=sum(r.due_groups for r in rows),
        met=sum(r.met for r in rows),
        questions=sum(r.questions for r in shown_changes),
        change=(sum((r.change or 0) * r.questions for r in shown_changes)
                / sum(r.questions for r in shown_changes)) if shown_changes else None)
    return Glance(start=start, end=end, rows=tuple(rows), total=total)


# ------------------------------------------------------------------ report

@dataclass(frozen=True)
class Report:
    """A programme's report for its board over a period: the overview's figures for the
    rounds started in it, with the definitions printed beside them."""

    figures: Overview
    start: dt.date | None
    end: dt.date | None
    made_on: str

    @property
    def period(self) -> str:
        """The period in words."""
        if self.start and self.end:
            return f"{_long_day(self.start)} to {_long_day(self.end)}"
        if self.start:
            return f"from {_long_day(self.start)}"
        if self.end:
            return f"up to {_long_day(self.end)}"
        return "since the programme began"


def _long_day(day: dt.date) -> str:
    return f"{day.day} {rounds.MONTHS[day.month - 1]} {day.year}"


def report(services: Services, viewer: Viewer, programme_id: int, *,
           start: dt.date | None = None, end: dt.date | None = None) -> Report:
    """The programme's report over the chosen period (the same figures as its overview)."""
    if start and end and start > end:
        raise Forbidden("The start date is after the end date; choose a start on or before "
                        "the end.")
    figures = overview(services, viewer, programme_id, start=start, end=end)
    return Report(figures=figures, start=start, end=end,
                  made_on=_long_day(services.now().date()))
