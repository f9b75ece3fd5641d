"""Check-ins and feedback: who met, what they learned."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from functools import cache

from sqlalchemy import Select, and_, bindparam, func, join, select, update
from sqlalchemy.orm import Session

from bot.core import editable, i18n, wording
from bot.core.hygiene import clean_text
from bot.core.ids import valid_id
from bot.core.intents import ANSWERS, ASKS_WHY, REASONS, CheckIn, FeedbackRequest, Person
from bot.core.states import Answer, OutboxState, Reason
from bot.core.wording import FEEDBACK_TEXT_MAX
from bot.services import delivery, languages, meeting_times, outbox, round_tally
from bot.services.context import Services
from bot.services.gateway import SentRef
from bot.services.participants import Reply, memberships
from bot.services.programme_schedule import local_day
from bot.services.rounds import round_theme
from bot.services.wording_edits import edits_of
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    Workspace,
)

logger = logging.getLogger(__name__)


RESCUE_AFTER = dt.timedelta(days=14)  # no answer from anyone this long after the intro
RESCUE_SOURCE = "rescue"  # an answer given by taking the offer of a new partner


@dataclass(frozen=True)
class Rescue:
    """A group that may need rescuing: why (`no_reply`, `no_answer`)."""

    match_id: int
    period: str
    why: str


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
    # Not yet or Not happening was just given: ask the person why.
    ask_reason: bool = False
    answer: str = ""
    # Who answered (their participant row) and in which workspace (its row id), for the
    # follow-ups written through the outbox without looking them up again.
    person_id: int | None = None
    workspace_id: int | None = None


@dataclass(frozen=True)
class _Quick:
    """A check-in message's match, its workspace, and the person if in its group."""

    match: Match
    workspace_id: int
    active: bool
    member: bool
    unresponsive: int | None
    given: str | None


def _answer_on_message(session: Session, platform: str, workspace: str, user_id: str,
                       message: SentRef) -> _Quick | None:
    """The match whose check-in is the message, with its workspace and, if the person is
    in its group, their row and answer, in one statement (a reaction asks at every
    event); None when the message is no check-in of ours."""
    row = session.execute(_answer_on_message_statement(), {
        "platform": platform, "workspace": workspace, "user_id": user_id,
        "channel": message.conversation, "ts": message.message_id}).first()
    return _Quick(*row) if row is not None else None


def _unchanged(quick: _Quick, answer: str, withdraw: bool) -> bool:
    """Whether recording the answer would change nothing: the person is in the group, their
    answer already is it (withdrawing: is not it), and neither they nor the workspace are
    to be marked."""
    return (quick.member and quick.active and not quick.unresponsive
            and (quick.given == answer) != withdraw)


@cache
def _answer_on_message_statement() -> Select[Match, int, bool, bool, int | None, str | None]:
    # Built once: a reaction asks at every event. The person's membership is an outer
    # join, so that someone outside the group still finds the check-in (and is told so).
    member = join(MatchMember, Participant, Participant.id == MatchMember.participant_id)
    return (select(Match, Workspace.id, Workspace.active, Participant.id.is_not(None),
                   Participant.unresponsive_count, CheckinAnswer.answer)
            .join(OutboxMessage, OutboxMessage.match_id == Match.id)
            .join(Workspace, Workspace.id == OutboxMessage.workspace_id)
            .outerjoin(member, and_(MatchMember.match_id == Match.id,
                                    Participant.user_id == bindparam("user_id")))
            .outerjoin(CheckinAnswer, and_(CheckinAnswer.match_id == Match.id,
                                           CheckinAnswer.participant_id == Participant.id))
            .where(Workspace.platform == bindparam("platform"),
                   Workspace.external_id == bindparam("workspace"),
                   OutboxMessage.kind == "checkin",
                   OutboxMessage.ref_channel == bindparam("channel"),
                   OutboxMessage.ref_ts == bindparam("ts"))
            .limit(1))


def members_of(session: Session, match: Match) -> list[Participant]:
    """The match's members still in the programme, in their order."""
    # One statement, not the members and then each participant by id: a reaction on a
    # check-in asks this at every request (bench/load.py).
    return list(session.scalars(
        select(Participant).join(MatchMember, MatchMember.participant_id == Participant.id)
        .where(MatchMember.match_id == match.id).order_by(MatchMember.position)))


def checkin_intent(session: Session, match: Match, *, reminder: bool = False,
                   people: list[Participant] | None = None) -> CheckIn:
    """The check-in as it should look now, with everyone's answers (`people`: the match's
    members, when the caller has them already)."""
    rnd = session.get_one(Round, match.round_id)
    programme = session.get_one(Programme, rnd.programme_id)
    if people is None:
        people = members_of(session, match)
    answers = {
        session.get_one(Participant, a.participant_id).user_id: a.answer
        for a in session.scalars(select(CheckinAnswer).where(CheckinAnswer.match_id == match.id))
    }
    return CheckIn(match_id=match.id, programme=programme.name,
                   members=tuple(Person(p.user_id, p.display_name, p.profession) for p in people),
                   answers=answers, reminder=reminder,
                   wording=edits_of(session, programme.id, editable.CHECKIN))


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
        quick = (_answer_on_message(session, platform, workspace, user_id, message)
                 if match_id is None and message is not None else None)
        if quick is not None and _unchanged(quick, answer, withdraw):
            # The same answer again (a reaction given twice, a second click): one
            # statement in all (bench/load.py: most reactions there are repeats).
            return CheckinResult(quick.match.id, False)
        match: Match | None
        if quick is not None:
            match, ws_id = quick.match, quick.workspace_id
            if not quick.active:
                # First contact again after an uninstall, as ensure_workspace.
                session.execute(update(Workspace).where(Workspace.id == ws_id)
                                .values(active=True))
        else:
            ws_id = ensure_workspace(session, platform, workspace, now).id
            match = session.get(Match, match_id) if valid_id(match_id) else None
        if match is None:
            return CheckinResult(None, False)
        members = members_of(session, match)
        person = next((p for p in members if p.user_id == user_id), None)
        if person is None:
            return CheckinResult(match.id, False,
                                 error=wording.not_in_group())
        row = session.scalar(select(CheckinAnswer).where(
            CheckinAnswer.match_id == match.id, CheckinAnswer.participant_id == person.id))
        if person.unresponsive_count:
            person.unresponsive_count = 0
        if withdraw:
            changed = row is not None and row.answer == answer
        else:
            changed = row is None or row.answer != answer
        if not changed:
            # The same answer again (a second click, a reaction added twice): nothing to
            # redraw and no feedback to ask for, so no more reads.
            return CheckinResult(match.id, False)
        before = round_tally.contribution(session, match.id)
        if withdraw:
            assert row is not None
            session.delete(row)
        elif row is None:
            session.add(CheckinAnswer(match_id=match.id, participant_id=person.id,
                                      answer=answer, source=source, answered_at=now))
        else:
            row.answer, row.source, row.answered_at = answer, source, now
            row.reason = None  # a reason belongs to the answer it was given for
        session.flush()
        round_tally.answer_changed(session, match.id, before, now)
        # Held here so that the intent and the theme below find them in the session (it
        # keeps only weak references) instead of reading them twice.
        rnd = session.get_one(Round, match.round_id)
        programme = session.get_one(Programme, rnd.programme_id)
        intent = checkin_intent(session, match, people=members)
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
        person_id = person.id
        theme = round_theme(programme, rnd).title if rnd.theme else ""
        # The check-in is redrawn in the language of the person who answered, as a reply
        # to them would be. Read here, in this unit of work, only when there is something
        # to redraw: a reaction's listener does not look it up for every event.
        language = languages.of_person_in(session, platform, workspace, user_id)
    gateway = services.gateways.get(platform)
    with i18n.using(language):
        for conversation, message_id, reminder in refs:
            if gateway and conversation and message_id:
                # A reminder stays a reminder when it is redrawn with the answers.
                gateway.update(workspace, SentRef(conversation, message_id),
                               replace(intent, reminder=reminder))
    return CheckinResult(match.id, changed,
                         ask_feedback=changed and not withdraw and answer == Answer.MET
                         and not has_feedback,
                         programme=intent.programme, others=others, theme=theme,
                         ask_reason=changed and not withdraw and answer in ASKS_WHY,
                         answer=answer, person_id=person_id, workspace_id=ws_id)


def ask_feedback_later(services: Services, platform: str, workspace: str, user_id: str,
                       result: CheckinResult) -> bool:
    """After *Met* by a reaction or in a group chat, where no form can open: the request
    goes to the person through the outbox, once per match and person; True if written."""
    if not result.ask_feedback or result.match_id is None:
        return False
    now = services.now()
    with services.unit_of_work() as session:
        found = _answered_by(session, platform, workspace, user_id, result, now)
        if found is None:
            return False
        person_id, workspace_id = found
        return bool(outbox.add(session, [outbox.Row(
            key=f"m{result.match_id}:feedback:p{person_id}", workspace_id=workspace_id,
            ref=outbox.feedback_ref(result.match_id), now=now, match_id=result.match_id,
            recipient_id=person_id)]))


def _answered_by(session: Session, platform: str, workspace: str, user_id: str,
                 result: CheckinResult, now: dt.datetime) -> tuple[int, int] | None:
    """(participant id, workspace id) of who gave the answer: as record_checkin found them,
    or looked up when the result does not say."""
    if result.person_id is not None and result.workspace_id is not None:
        return result.person_id, result.workspace_id
    assert result.match_id is not None
    ws = ensure_workspace(session, platform, workspace, now)
    person = member_of(session, ws.id, user_id, result.match_id)
    return (person.id, ws.id) if person is not None else None


def ask_reason_later(services: Services, platform: str, workspace: str, user_id: str,
                     result: CheckinResult) -> bool:
    """After Not yet or Not happening: why? A message with four buttons to the person who
    answered, through the outbox, once per match, answer and person; True if written."""
    if not result.ask_reason or result.match_id is None:
        return False
    now = services.now()
    with services.unit_of_work() as session:
        found = _answered_by(session, platform, workspace, user_id, result, now)
        if found is None:
            return False
        person_id, workspace_id = found
        return bool(outbox.add(session, [outbox.Row(
            key=f"m{result.match_id}:reason:{result.answer}:p{person_id}",
            workspace_id=workspace_id, ref=outbox.reason_ref(result.match_id, result.answer),
            now=now, match_id=result.match_id, recipient_id=person_id)]))


def member_of(session: Session, workspace_id: int, user_id: str,
              match_id: int) -> Participant | None:
    """This user's place in the match, if they have one."""
    return next((p for p in memberships(session, workspace_id, user_id)
                 if session.scalar(select(MatchMember.participant_id).where(
                     MatchMember.match_id == match_id,
                     MatchMember.participant_id == p.id)) is not None), None)


def record_reason(services: Services, platform: str, workspace: str, user_id: str,
                  match_id: int | None, reason: str) -> Reply:
    """Why not yet (or not at all): kept with the person's answer; after Not yet, three
    new times the group could meet, from tomorrow, inside their common windows."""
    if reason not in REASONS or not valid_id(match_id):
        return Reply(wording.reason_not_open(), error=True)
    assert match_id is not None
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        person = member_of(session, ws.id, user_id, match_id)
        if person is None:
            return Reply(wording.not_your_match(), error=True)
        row = session.scalar(select(CheckinAnswer).where(
            CheckinAnswer.match_id == match_id, CheckinAnswer.participant_id == person.id))
        before = round_tally.contribution(session, match_id)
        if row is None and reason == Reason.NO_REPLY and _offered(session, match_id, now):
            # The offer to a group nobody answered: asking for a new partner says this
            # meeting is not happening, for want of a reply.
            row = CheckinAnswer(match_id=match_id, participant_id=person.id,
                                answer=Answer.NOT_HAPPENING, source=RESCUE_SOURCE,
                                answered_at=now)
            session.add(row)
        if row is None or row.answer not in ASKS_WHY:
            return Reply(wording.reason_not_open(), error=True)
        row.reason = reason
        # The round's figures count reasons too (the rounds page shows them).
        session.flush()
        round_tally.answer_changed(session, match_id, before, now)
        if reason == Reason.NO_REPLY:
            return Reply(_rescue(services, session, ws, match_id, person, now))
        times: list[tuple[str, str]] = []
        if row.answer == Answer.NOT_YET:
            match = session.get_one(Match, match_id)
            programme = session.get_one(Programme, session.get_one(
                Round, match.round_id).programme_id)
            tomorrow = local_day(programme, now) + dt.timedelta(days=1)
            times = [(s["start"], s["end"]) for s in meeting_times.plan(
                programme, members_of(session, match), tomorrow)]
        return Reply(wording.reason_recorded(times))


def _offered(session: Session, match_id: int, now: dt.datetime) -> bool:
    """Whether the group is offered a new partner for want of any answer: nobody in it has
    answered two weeks after the intro (bot/services/jobs.py sends the offer), other than
    by taking that offer."""
    match = session.get_one(Match, match_id)
    return now - match.created_at >= RESCUE_AFTER and session.scalar(
        select(func.count(CheckinAnswer.id)).where(
            CheckinAnswer.match_id == match_id,
            CheckinAnswer.source != RESCUE_SOURCE)) == 0


def _rescue(services: Services, session: Session, ws: Workspace, match_id: int,
            person: Participant, now: dt.datetime) -> str:
    """No reply from the partner: a new partner from the people left out of this round
    (the re-match of unreachable partners, with the matcher's hard rules), once a round;
    otherwise priority next round. What happened, in one sentence."""
    match = session.get_one(Match, match_id)
    rnd = session.get_one(Round, match.round_id)
    programme = session.get_one(Programme, rnd.programme_id)
    theirs = session.scalar(select(func.count(MatchMember.id)).join(
        Match, Match.id == MatchMember.match_id).where(
        Match.round_id == rnd.id, MatchMember.participant_id == person.id)) or 0
    if theirs > 1:
        return wording.rescue_used()
    if delivery.rematch(services, session, ws, programme, rnd, person, now):
        return wording.rescued()
    person.unpaired_last_round = True
    return wording.rescue_none()


def needs_attention(services: Services, programme_id: int) -> list[Rescue]:
    """Groups of the programme's open rounds that may need an organiser: someone said
    their partner never replied, or nobody answered two weeks after the intro. No names:
    match ids and counts, for the console's needs-attention page."""
    now = services.now()
    with services.unit_of_work() as session:
        rows = session.execute(
            select(Match.id, Match.created_at, Round.period,
                   func.count(CheckinAnswer.id),
                   func.count(CheckinAnswer.id).filter(CheckinAnswer.reason ==
                                                       Reason.NO_REPLY))
            .join(Round, Round.id == Match.round_id)
            .outerjoin(CheckinAnswer, CheckinAnswer.match_id == Match.id)
            .where(Round.programme_id == programme_id, Match.closed_at.is_(None))
            .group_by(Match.id, Match.created_at, Round.period)
            .order_by(Match.id)).all()
    out = []
    for match_id, created, period, answers, no_reply in rows:
        if no_reply:
            out.append(Rescue(match_id, period, "no_reply"))
        elif not answers and now - created >= RESCUE_AFTER:
            out.append(Rescue(match_id, period, "no_answer"))
    return out


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
