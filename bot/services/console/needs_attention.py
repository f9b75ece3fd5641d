"""A programme's "needs attention" list: silent groups, meetings not happening, people
left out twice or auto-paused, messages the platform refused."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.core.intents import format_day
from bot.core.states import Answer, OutboxState, ParticipantStatus, RoundState
from bot.services import (
    programme_schedule,
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
    Round,
)

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
        programme, _ = programme_of(session, viewer, programme_id)
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
                    f"{format_day(programme_schedule.local_day(programme, due))}.",
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
            when = format_day(programme_schedule.local_day(programme, at))
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
