"""A programme's "needs attention" list: silent groups, meetings not happening, people
left out twice or auto-paused, messages the platform refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from bot.core.i18n import N_, _, format_list
from bot.core.intents import format_day
from bot.core.states import Answer, OutboxState, ParticipantStatus, RoundState
from bot.services import (
    programme_schedule,
    round_tally,
    rounds,
)
from bot.services.console.access import Viewer, programme_of
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
)

# The platforms' failure codes (bot/slack/gateway.py, bot/teams/gateway.py) in words.
FAILURE_WORDS = {
    "user_not_found": N_("the person is no longer in the workspace"),
    "account_inactive": N_("the person's account has been deactivated"),
    "user_disabled": N_("the person's account has been disabled"),
    "cannot_dm_bot": N_("the person cannot receive direct messages from the bot"),
    "channel_not_found": N_("the conversation no longer exists"),
    "not_in_channel": N_("the bot is not in that conversation"),
    "is_archived": N_("the conversation has been archived"),
    "invalid_auth": N_("the bot's sign-in to the workspace is no longer valid"),
    "not_authed": N_("the bot's sign-in to the workspace is no longer valid"),
    "token_revoked": N_("the bot was removed from the workspace"),
    "token_expired": N_("the bot's sign-in to the workspace has expired"),
    "team_access_revoked": N_("the workspace removed the bot's access"),
    "not_installed": N_("the bot is not installed in the workspace"),
    "missing_scope": N_("the bot lacks a permission it needs; reinstall it"),
    "no_permission": N_("the workspace does not allow the bot to send this"),
    "restricted_action": N_("the workspace does not allow the bot to send this"),
    "too_many_users": N_("the group is too large for one conversation"),
    "msg_too_long": N_("the message was too long"),
    "bot_blocked_or_removed": N_("the person blocked or removed the bot in Teams"),
    "conversation_not_found": N_("the Teams conversation no longer exists"),
    "no_conversation_reference": N_("the person has not opened a chat with the bot in Teams yet"),
    "no_service_url_for_tenant": N_("Teams has not told the bot where to reach this organisation"),
    "nobody left to tell": N_("everyone it was for had left"),
}


# How many recent rounds "needs attention" looks at: older groups are history.
ATTENTION_ROUNDS = 2

# Rows of each kind on one page: a big trust's list is read a page at a time, with counts.
ATTENTION_SHOWN = 100

KINDS = ("no_answer", "not_happening", "left_out_twice", "auto_paused", "failed")


def failure_words(code: str | None) -> str:
    """A platform's reason for refusing a message, in words."""
    if not code:
        return _("the platform gave no reason")
    if code in FAILURE_WORDS:
        return _(FAILURE_WORDS[code])
    return _("the platform refused it ({code})").format(code=code)


@dataclass(frozen=True)
class AttentionRow:
    """One thing that needs an organiser, and the link to what helps."""

    what: str
    action: str
    href: str


@dataclass(frozen=True)
class Attention:
    """A programme's "needs attention" list, by kind (each may be empty): one page of each
    kind (or, with `kind`, one page of that kind only) and how many there are of each."""

    no_answer: tuple[AttentionRow, ...]
    not_happening: tuple[AttentionRow, ...]
    left_out_twice: tuple[AttentionRow, ...]
    auto_paused: tuple[AttentionRow, ...]
    failed: tuple[AttentionRow, ...]
    # How many of each kind there are: each list holds at most ATTENTION_SHOWN rows.
    counts: Mapping[str, int] = field(default_factory=dict)
    # The one kind asked for (its rows are page `page`), or None: the first page of each.
    kind: str | None = None
    page: int = 1

    @property
    def total(self) -> int:
        """How many things in all."""
        return sum(self.counts.values()) if self.counts else sum(
            len(rows) for rows in (self.no_answer, self.not_happening,
                                   self.left_out_twice, self.auto_paused, self.failed))

    def pages(self, kind: str) -> int:
        """How many pages the rows of `kind` fill."""
        return max(1, -(-self.counts.get(kind, 0) // ATTENTION_SHOWN))


def attention(services: Services, viewer: Viewer, programme_id: int, *,
              kind: str | None = None, page: int = 1) -> Attention:
    """What needs the organiser this week: groups silent past their check-in, groups whose
    meeting is not happening, people left out two rounds running, people auto-paused, and
    messages the platform refused (with its reason in words); each with a link to act.
    Each kind is counted in full but only a page of it is read: the first page of every
    kind, or page `page` of `kind` alone."""
    now = services.now()
    kind = kind if kind in KINDS else None
    base = f"/admin/programmes/{programme_id}"
    with services.unit_of_work() as session:
        programme, _ = programme_of(session, viewer, programme_id)
        recent = list(session.scalars(select(Round).where(
            Round.programme_id == programme_id, Round.state != RoundState.CANCELLED)
            .order_by(Round.ordinal.desc()).limit(ATTENTION_ROUNDS)))
        queries = _Queries(session, programme_id, recent, now)
        counts = {k: queries.count(k) for k in KINDS}
        page = min(max(1, page), max(1, -(-counts[kind] // ATTENTION_SHOWN))) if kind else 1
        offset = (page - 1) * ATTENTION_SHOWN
        found: dict[str, tuple[AttentionRow, ...]] = dict.fromkeys(KINDS, ())
        for k in KINDS:
            if (kind is None or k == kind) and counts[k] > offset:
                found[k] = _ROWS[k](queries, programme, base, offset)
        return Attention(**found, counts=counts, kind=kind, page=page)


class _Queries:
    """The conditions of each kind, counted (groups: from the rounds' tallies) and read a
    page at a time in order, so that the page reads about as many rows as it shows,
    whatever the population."""

    def __init__(self, session: Session, programme_id: int, recent: Sequence[Round],
                 now: dt.datetime) -> None:
        self.session, self.programme_id, self.recent, self.now = (
            session, programme_id, recent, now)
        self.by_id = {r.id: r for r in recent}
        self.tallies = round_tally.tallies(session, recent, now)
        self._per_round: dict[str, list[tuple[int, int]]] = {}

    # Groups of the recent rounds, the older round first.
    def per_round(self, kind: str) -> list[tuple[int, int]]:
        """(round, how many of its groups are of `kind`), the older round first."""
        if kind not in self._per_round:
            self._per_round[kind] = [(r.id, self._round_count(kind, r.id))
                                     for r in sorted(self.recent, key=lambda r: r.id)]
        return self._per_round[kind]

    def _round_count(self, kind: str, round_id: int) -> int:
        outcomes = self.tallies[round_id].outcomes
        if kind == "not_happening":
            # Answered, but nobody met or arranged it: not yet, not happening (and any
            # newer answer). "answered" is a summary's total, kept after retention.
            return sum(int(n) for k, n in outcomes.items()
                       if k not in (Answer.MET, Answer.SCHEDULED, "answered"))
        unanswered = max(0, self.tallies[round_id].groups - sum(
            int(n) for n in outcomes.values()))
        first, last = self.session.execute(select(
            func.min(Match.checkin_due_at), func.max(Match.checkin_due_at))
            .where(Match.round_id == round_id)).one()
        if first is None or first > self.now or not unanswered:
            return 0
        if last <= self.now:
            return unanswered
        # Some groups (a re-match, a late joiner's) are not due yet: count those out
        # (their answers counted per row, as below: never a hash of every answer).
        answers = select(func.count()).where(CheckinAnswer.match_id == Match.id)
        return max(0, unanswered - (self.session.scalar(
            select(func.count()).select_from(Match).where(
                Match.round_id == round_id, Match.checkin_due_at > self.now,
                answers.scalar_subquery() == 0)) or 0))

    def groups(self, kind: str, offset: int) -> list[tuple[int, int, dt.datetime, int]]:
        """A page of the groups of `kind`: (match, round, check-in due, number in round)."""
        out: list[tuple[int, int, dt.datetime, int]] = []
        for round_id, count in self.per_round(kind):
            if offset >= count:
                offset -= count
                continue
            # The round's groups in order, numbered, each with its answers counted by a
            # subquery per row (not a join: PostgreSQL would hash every answer of every
            # round), read only as far as the page needs.
            answers = select(func.count()).where(CheckinAnswer.match_id == Match.id)
            numbered = select(
                Match.id, Match.checkin_due_at,
                func.row_number().over(order_by=Match.id).label("number"),
                answers.scalar_subquery().label("answers"),
                answers.where(CheckinAnswer.answer.in_([Answer.MET, Answer.SCHEDULED]))
                .scalar_subquery().label("positive"),
            ).where(Match.round_id == round_id).subquery()
            wanted = (and_(numbered.c.answers == 0, numbered.c.checkin_due_at <= self.now)
                      if kind == "no_answer" else
                      and_(numbered.c.answers > 0, numbered.c.positive == 0))
            out += [(match_id, round_id, due, number) for match_id, due, number in
                    self.session.execute(
                        select(numbered.c.id, numbered.c.checkin_due_at, numbered.c.number)
                        .where(wanted).order_by(numbered.c.id).offset(offset)
                        .limit(ATTENTION_SHOWN - len(out)))]
            offset = 0
            if len(out) >= ATTENTION_SHOWN:
                break
        return out

    def members(self, match_ids: Sequence[int]) -> dict[int, list[str]]:
        """The names of the members of these groups, in their order."""
        members: dict[int, list[str]] = {}
        for match_id, name in self.session.execute(
                select(MatchMember.match_id, Participant.display_name)
                .outerjoin(Participant, Participant.id == MatchMember.participant_id)
                .where(MatchMember.match_id.in_(match_ids)).order_by(MatchMember.position)):
            members.setdefault(match_id, []).append(name or "someone who left")
        return members

    # People.
    def _people_condition(self, kind: str) -> ColumnElement[bool]:
        if kind == "auto_paused":
            return and_(Participant.programme_id == self.programme_id,
                        Participant.status == ParticipantStatus.DEACTIVATED)
        if len(self.recent) < 2:
            return false()
        # Flagged as left out last round, and in no group of the round before either,
        # though they had joined by then.
        earlier = self.recent[1]
        return and_(Participant.programme_id == self.programme_id,
                    Participant.unpaired_last_round,
                    Participant.status != ParticipantStatus.DEACTIVATED,
                    Participant.joined_at <= earlier.started_at,
                    ~exists().where(MatchMember.participant_id == Participant.id,
                                    MatchMember.match_id == Match.id,
                                    Match.round_id == earlier.id))

    def people(self, kind: str, offset: int) -> list[str]:
        """A page of the names of the people of `kind`, in alphabetical order."""
        return list(self.session.scalars(
            select(Participant.display_name).where(self._people_condition(kind))
            .order_by(Participant.display_name, Participant.id)
            .offset(offset).limit(ATTENTION_SHOWN)))

    # Messages.
    def _failed_condition(self) -> ColumnElement[bool]:
        # Correlated on the message only: the page's query also joins the recipient.
        return and_(OutboxMessage.state == OutboxState.FAILED, or_(
            select(Round.id).where(Round.id == OutboxMessage.round_id,
                                   Round.programme_id == self.programme_id)
            .correlate(OutboxMessage).exists(),
            select(Participant.id).where(Participant.id == OutboxMessage.recipient_id,
                                         Participant.programme_id == self.programme_id)
            .correlate(OutboxMessage).exists()))

    def failed(self, offset: int) -> list[tuple[str, str | None, str | None, int | None,
                                                dt.datetime]]:
        """A page of the messages the platform refused, newest first: (kind, code, the
        recipient's name, round, when)."""
        return [tuple(row) for row in self.session.execute(  # type: ignore[misc]
            select(OutboxMessage.kind, OutboxMessage.last_error, Participant.display_name,
                   OutboxMessage.round_id, OutboxMessage.created_at)
            .outerjoin(Participant, and_(Participant.id == OutboxMessage.recipient_id,
                                         Participant.programme_id == self.programme_id))
            .where(self._failed_condition())
            .order_by(OutboxMessage.id.desc()).offset(offset).limit(ATTENTION_SHOWN))]

    def count(self, kind: str) -> int:
        """How many things of `kind` there are."""
        if kind in ("no_answer", "not_happening"):
            return sum(n for _, n in self.per_round(kind))
        if kind == "failed":
            query = select(func.count()).select_from(OutboxMessage).where(
                self._failed_condition())
        else:
            query = select(func.count()).select_from(Participant).where(
                self._people_condition(kind))
        return self.session.scalar(query) or 0


def _group_rows(kind: str) -> Callable[[_Queries, Programme, str, int],
                                       tuple[AttentionRow, ...]]:
    def rows(queries: _Queries, programme: Programme, base: str,
             offset: int) -> tuple[AttentionRow, ...]:
        groups = queries.groups(kind, offset)
        members = queries.members([match_id for match_id, _, _, _ in groups])
        out = []
        for match_id, round_id, due, number in groups:
            label = rounds.period_label(queries.by_id[round_id].period)
            group = _("Group {number} of {round} ({members})").format(
                number=number, round=label, members=format_list(members.get(match_id, [])))
            link = f"{base}/rounds?round={round_id}#round-{round_id}"
            if kind == "no_answer":
                text = _("{group}: no answer since the check-in on {day}.").format(
                    group=group, day=format_day(programme_schedule.local_day(programme, due)))
            else:
                # A tally counts Not yet and Not happening alike: neither has met.
                text = _("{group} has not met: they answered Not yet or Not happening.").format(
                    group=group)
            out.append(AttentionRow(text, _("See the group and its members"), link))
        return tuple(out)
    return rows


def _left_out_rows(queries: _Queries, programme: Programme, base: str,
                   offset: int) -> tuple[AttentionRow, ...]:
    return tuple(AttentionRow(
        _("{name} was left out of the last two rounds.").format(name=name),
        _("Find them among the participants"),
        f"{base}/participants?q={_query(name)}")
        for name in queries.people("left_out_twice", offset))


def _paused_rows(queries: _Queries, programme: Programme, base: str,
                 offset: int) -> tuple[AttentionRow, ...]:
    return tuple(AttentionRow(
        _("{name} was paused automatically after messages to them failed or went "
          "unanswered.").format(name=name), _("Resume them from the participants page"),
        f"{base}/participants?status=auto-paused&q={_query(name)}")
        for name in queries.people("auto_paused", offset))


def _failed_rows(queries: _Queries, programme: Programme, base: str,
                 offset: int) -> tuple[AttentionRow, ...]:
    out = []
    for kind, code, name, sent_round, at in queries.failed(offset):
        what = _(KIND_WORDS.get(kind, A_MESSAGE))
        when = format_day(programme_schedule.local_day(programme, at))
        text = (_("{message} to {name} on {day} was not delivered: {reason}.")
                if name is not None else
                _("{message} on {day} was not delivered: {reason}.")).format(
            message=what, name=name, day=when, reason=failure_words(code))
        href = (f"{base}/participants?q={_query(name)}" if name is not None
                else f"{base}/rounds?round={sent_round}#round-{sent_round}" if sent_round
                else f"{base}/participants")
        out.append(AttentionRow(text, _("See who it was for"), href))
    return tuple(out)


_ROWS = {"no_answer": _group_rows("no_answer"), "not_happening": _group_rows("not_happening"),
         "left_out_twice": _left_out_rows, "auto_paused": _paused_rows, "failed": _failed_rows}


KIND_WORDS = {"intro": N_("An introduction"), "checkin": N_("A check-in"),
              "reminder": N_("A reminder"), "unpaired": N_("A left-out notice"),
              "headsup": N_("A heads-up"), "notice": N_("A notice")}
A_MESSAGE = N_("A message")


def _query(text: str) -> str:
    return quote(text)
