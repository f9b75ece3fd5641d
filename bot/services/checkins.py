"""Check-ins and feedback: who met, what they learned."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import wording
from bot.core.hygiene import clean_text
from bot.core.ids import valid_id
from bot.core.intents import ANSWERS, CheckIn, FeedbackRequest, Person
from bot.core.states import Answer, OutboxState
from bot.core.wording import FEEDBACK_TEXT_MAX
from bot.services import outbox, round_tally
from bot.services.context import Services
from bot.services.gateway import SentRef
from bot.services.participants import Reply, memberships
from bot.services.programmes import ensure_workspace
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
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckinResult:
    """What recording an answer did."""

    match_id: int | None
    changed: bool
    error: str | None = None
    ask_feedback: bool = False
    programme: str = ""
    others: tuple[Person, ...] = ()
    theme: str = ""


def match_for_message(session: Session, workspace_id: int, conversation: str,
                      message_id: str) -> int | None:
    """The match whose check-in is the message (conversation, id), if any."""
    return session.scalar(select(OutboxMessage.match_id).where(
        OutboxMessage.workspace_id == workspace_id, OutboxMessage.kind == "checkin",
        OutboxMessage.ref_channel == conversation, OutboxMessage.ref_ts == message_id))


def members_of(session: Session, match: Match) -> list[Participant]:
    """The match's members still in the programme, in their order."""
    return [session.get_one(Participant, m.participant_id) for m in match.members
            if m.participant_id is not None]


def checkin_intent(session: Session, match: Match, *, reminder: bool = False) -> CheckIn:
    """The check-in as it should look now, with everyone's answers."""
    rnd = session.get_one(Round, match.round_id)
    programme = session.get_one(Programme, rnd.programme_id)
    people = members_of(session, match)
    answers = {
        session.get_one(Participant, a.participant_id).user_id: a.answer
        for a in session.scalars(select(CheckinAnswer).where(CheckinAnswer.match_id == match.id))
    }
    return CheckIn(match_id=match.id, programme=programme.name,
                   members=tuple(Person(p.user_id, p.display_name, p.profession) for p in people),
                   answers=answers, reminder=reminder)


def theme_of(session: Session, match: Match) -> str:
    """The title of the meeting's theme in the programme's journey ("" before themes)."""
    rnd = session.get_one(Round, match.round_id)
    if not rnd.theme:
        return ""
    return round_theme(session.get_one(Programme, rnd.programme_id), rnd).title


def meeting_theme(services: Services, match_id: int) -> str:
    """The title of the match's theme, for its feedback form ("" if there is none)."""
    with services.unit_of_work() as session:
        match = session.get(Match, match_id)
        return theme_of(session, match) if match is not None else ""


def record_checkin(services: Services, platform: str, workspace: str, user_id: str, *,
                   answer: str, source: str, match_id: int | None = None,
                   message: SentRef | None = None, withdraw: bool = False) -> CheckinResult:
    """Record (or, with withdraw, take back) one person's answer; the last answer wins."""
    if answer not in ANSWERS:
        return CheckinResult(None, False, error=f"'{answer}' is not a check-in answer.")
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        if match_id is None and message is not None:
            match_id = match_for_message(session, ws.id, message.conversation,
                                         message.message_id)
        match = session.get(Match, match_id) if valid_id(match_id) else None
        if match is None:
            return CheckinResult(None, False)
        person = next((p for p in members_of(session, match) if p.user_id == user_id), None)
        if person is None:
            return CheckinResult(match.id, False,
                                 error=wording.not_in_group())
        row = session.scalar(select(CheckinAnswer).where(
            CheckinAnswer.match_id == match.id, CheckinAnswer.participant_id == person.id))
        before = round_tally.contribution(session, match.id)
        changed = False
        if withdraw:
            if row is not None and row.answer == answer:
                session.delete(row)
                changed = True
        elif row is None:
            session.add(CheckinAnswer(match_id=match.id, participant_id=person.id,
                                      answer=answer, source=source, answered_at=now))
            changed = True
        elif row.answer != answer:
            row.answer, row.source, row.answered_at = answer, source, now
            changed = True
        person.unresponsive_count = 0
        if not changed:
            # The same answer again (a second click, a reaction added twice): nothing to
            # redraw and no feedback to ask for, so no more reads.
            return CheckinResult(match.id, False)
        session.flush()
        round_tally.answer_changed(session, match.id, before, now)
        intent = checkin_intent(session, match)
        # Whether a message is the reminder is in its key: a sent row's payload is
        # emptied after a while, its key and platform reference are not.
        refs = [(channel, ts, ":reminder:" in key) for key, channel, ts in session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.ref_channel,
                   OutboxMessage.ref_ts).where(
                OutboxMessage.match_id == match.id, OutboxMessage.kind == "checkin",
                OutboxMessage.state == OutboxState.SENT))]
        has_feedback = session.scalar(select(Feedback.id).where(
            Feedback.match_id == match.id, Feedback.participant_id == person.id)) is not None
        others = tuple(m for m in intent.members if m.user_id != user_id)
        theme = theme_of(session, match)
    if changed:
        gateway = services.gateways.get(platform)
        for conversation, message_id, reminder in refs:
            if gateway and conversation and message_id:
                # A reminder stays a reminder when it is redrawn with the answers.
                gateway.update(workspace, SentRef(conversation, message_id),
                               replace(intent, reminder=reminder))
    return CheckinResult(match.id, changed,
                         ask_feedback=changed and not withdraw and answer == Answer.MET
                         and not has_feedback,
                         programme=intent.programme, others=others, theme=theme)


def ask_feedback_later(services: Services, platform: str, workspace: str, user_id: str,
                       result: CheckinResult) -> bool:
    """After *Met* by a reaction or in a group chat, where no form can open: the request
    goes to the person through the outbox, once per match and person; True if written."""
    if not result.ask_feedback or result.match_id is None:
        return False
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        person = next((p for p in memberships(session, ws.id, user_id)
                       if session.scalar(select(MatchMember.participant_id).where(
                           MatchMember.match_id == result.match_id,
                           MatchMember.participant_id == p.id)) is not None), None)
        if person is None:
            return False
        return bool(outbox.add(session, [outbox.Row(
            key=f"m{result.match_id}:feedback:p{person.id}", workspace_id=ws.id,
            ref=outbox.feedback_ref(result.match_id), now=now, match_id=result.match_id,
            recipient_id=person.id)]))


def feedback_request(result: CheckinResult) -> FeedbackRequest:
    """The invitation to give feedback after *Met*."""
    assert result.match_id is not None
    return FeedbackRequest(match_id=result.match_id, programme=result.programme,
                           others=result.others, theme=result.theme)


def record_feedback(services: Services, platform: str, workspace: str, user_id: str,
                    match_id: int, *, learned_score: int | None, learned_text: str,
                    share: bool) -> dict[str, str] | Reply:
    """Save what the person learned; field errors, or a thank-you."""
    errors: dict[str, str] = {}
    learned_text = clean_text(learned_text, multiline=True)
    if learned_score is None or not 1 <= learned_score <= 5:
        errors["learned_score"] = wording.score_missing()
    if len(learned_text) > FEEDBACK_TEXT_MAX:
        errors["learned_text"] = wording.too_long(FEEDBACK_TEXT_MAX)
    if errors:
        return errors
    assert learned_score is not None
    if not valid_id(match_id):
        return Reply(wording.not_your_match(), error=True)
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        mine = {p.id for p in memberships(session, ws.id, user_id)}
        in_match = session.scalar(select(MatchMember.participant_id).where(
            MatchMember.match_id == match_id, MatchMember.participant_id.in_(mine)))
        if in_match is None:
            return Reply(wording.not_your_match(), error=True)
        row = session.scalar(select(Feedback).where(
            Feedback.match_id == match_id, Feedback.participant_id == in_match))
        old_score = row.learned_score if row is not None else None
        if row is None:
            row = Feedback(match_id=match_id, participant_id=in_match, created_at=now,
                           learned_score=learned_score)
            session.add(row)
        row.learned_score = learned_score
        round_tally.feedback_changed(session, match_id, old_score, learned_score, now)
        row.learned_text = learned_text.strip()
        row.share_anonymously = share
    return Reply(wording.feedback_thanks())
