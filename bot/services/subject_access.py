"""A subject access request (`my-data`): everything held about the person, nothing about
anyone else.

Other members of their matches appear only as their profession; copies of the
messages sent to the person are included with other people's names, intros and
answers taken out (the same scrub erasure uses, pointed at everyone else).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from bot.core.matching.explain import for_reader
from bot.services import enrolment, terms
from bot.services.context import Services
from bot.services.erasure import Scrub
from bot.services.workspace_programmes import ensure_workspace, programmes_of
from bot.store.models import (
    Activity,
    Agreement,
    AuditEntry,
    CheckinAnswer,
    ConsoleSession,
    ConversationRef,
    EvaluationAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
)

FILENAME = "pairbot-my-data.json"
ANOTHER = "another member"


def my_data(services: Services, platform: str, workspace: str, user_id: str) -> dict[str, Any]:
    """Everything stored about the user in the workspace, as JSON-ready data."""
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        rows = list(session.scalars(
            select(Participant).join(Programme, Programme.id == Participant.programme_id)
            .where(Programme.workspace_id == ws.id, Participant.user_id == user_id)
            .order_by(Participant.programme_id)))
        ids = [p.id for p in rows]
        others = _others(session, ids)
        out: dict[str, Any] = {
            "platform": platform, "workspace": workspace, "user_id": user_id,
            "generated_at": _iso(now),
            "programmes": [_membership(session, p, others) for p in rows],
            "imported_by_an_organiser": enrolment.held_about(session, ids),
            "organiser_of": [p.name for p in programmes_of(session, ws.id)
                             if user_id in p.organisers],
            "viewer_of": [p.name for p in programmes_of(session, ws.id)
                          if user_id in (p.viewers or [])],
            "messages": _messages(session, ws.id, user_id, ids, others),
            "conversation_references": [
                {"reference": ref.reference, "updated_at": _iso(ref.updated_at)}
                for ref in session.scalars(select(ConversationRef).where(
                    ConversationRef.workspace_id == ws.id, ConversationRef.user_id == user_id))],
            **_audit(session, ws.id, user_id, ids),
            "console_sessions": [
                {"signed_in_at": _iso(c.created_at), "expires_at": _iso(c.expires_at),
                 "name": c.who.get("name")}
                for c in session.scalars(select(ConsoleSession).order_by(ConsoleSession.id))
                if c.who.get("user_id") == user_id and c.who.get("workspace") == workspace],
        }
        return out


def _audit(session: Session, workspace_id: int, user_id: str, ids: list[int]
           ) -> dict[str, list[dict[str, Any]]]:
    """What the person did as an organiser (in chat: their id; in the console:
    `console:slack:ID` or `console:microsoft:ID`), and what organisers did about them (a
    pause, a resume, which name them by their participant id)."""
    actors = {user_id, *(f"console:{kind}:{user_id}" for kind in ("slack", "microsoft"))}
    mine = {f"P{pid}" for pid in ids}
    names = dict(session.execute(select(Programme.id, Programme.name).where(
        Programme.workspace_id == workspace_id)).all())
    done, about = [], []
    for a in session.scalars(select(AuditEntry).where(AuditEntry.workspace_id == workspace_id)
                             .order_by(AuditEntry.at, AuditEntry.id)):
        entry = {"action": a.action, "at": _iso(a.at),
                 "programme": names.get(a.programme_id) if a.programme_id else None}
        if a.actor in actors:
            done.append(entry)
        elif (a.details or {}).get("participant") in mine:
            about.append(entry)
    return {"organiser_actions": done, "actions_about_you": about}


def as_json(data: dict[str, Any]) -> str:
    """The export as the file the person receives."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def _others(session: Session, ids: list[int]) -> Scrub:
    """Everyone who shared a match with the person: what must not appear in their export."""
    match_ids = select(MatchMember.match_id).where(MatchMember.participant_id.in_(ids))
    people = list(session.scalars(
        select(Participant).join(MatchMember, MatchMember.participant_id == Participant.id)
        .where(MatchMember.match_id.in_(match_ids), Participant.id.not_in(ids))))
    own = {p.user_id for p in session.scalars(select(Participant).where(
        Participant.id.in_(ids)))}
    return Scrub(
        user_ids=frozenset(p.user_id for p in people if p.user_id not in own),
        names=tuple(sorted({p.display_name for p in people if p.display_name.strip()},
                           key=len, reverse=True)),
        texts=tuple(sorted({p.intro for p in people if p.intro.strip()}, key=len,
                           reverse=True)),
        placeholder=ANOTHER,
    )


def _meeting(session: Session, p: Participant) -> dict[str, Any]:
    """When and where they meet, their line manager and their do-not-pair list (private:
    only they ever see it)."""
    def person(pid: int) -> dict[str, Any] | None:
        other = session.get(Participant, pid)
        if other is None or other.programme_id != p.programme_id:
            return None
        return {"participant_id": pid, "name": other.display_name}

    avoid = [found for pid in p.avoid or () if (found := person(int(pid))) is not None]
    return {
        "availability_windows": [w for w in (p.windows or "").split(";") if w],
        "away": p.away or "",
        "site": p.site,
        "team": p.team,
        "line_manager": person(p.manager_id) if p.manager_id else None,
        "do_not_pair_with": avoid,
    }


def _membership(session: Session, p: Participant, others: Scrub) -> dict[str, Any]:
    programme = session.get_one(Programme, p.programme_id)
    matches = []
    for member in session.scalars(select(MatchMember).where(
            MatchMember.participant_id == p.id).order_by(MatchMember.match_id)):
        match = session.get_one(Match, member.match_id)
        rnd = session.get_one(Round, match.round_id)
        answer = session.scalar(select(CheckinAnswer).where(
            CheckinAnswer.match_id == match.id, CheckinAnswer.participant_id == p.id))
        feedback = session.scalar(select(Feedback).where(
            Feedback.match_id == match.id, Feedback.participant_id == p.id))
        agreed = session.scalar(select(Agreement).where(
            Agreement.match_id == match.id, Agreement.participant_id == p.id))
        matches.append({
            "round": rnd.period,
            "introduced_at": _iso(match.created_at),
            "your_profession_then": member.profession,
            "with_professions": [m.profession for m in match.members
                                 if m.participant_id != p.id],
            "reasons": _reasons(match.reasons, p, others),
            "icebreakers": [q.get("text") for q in match.icebreakers if isinstance(q, dict)],
            "checkin": {"answer": answer.answer, "reason": answer.reason,
                        "source": answer.source,
                        "answered_at": _iso(answer.answered_at)} if answer else None,
            "feedback": {"learned_score": feedback.learned_score,
                         "learned_text": feedback.learned_text,
                         "share_anonymously": feedback.share_anonymously,
                         "given_at": _iso(feedback.created_at)} if feedback else None,
            "agreement": {"what_i_want_to_learn": agreed.learn, "what_i_can_offer": agreed.offer,
                          "how_often": agreed.how_often, "confidential": agreed.confidential,
                          "times_answered": agreed.revision,
                          "first_answered_at": _iso(agreed.created_at),
                          "last_answered_at": _iso(agreed.updated_at)} if agreed else None,
        })
    return {
        "programme": programme.name,
        "display_name": p.display_name,
        "profession": p.profession,
        "learn": list(p.learn),
        "intro": p.intro,
        "side": p.side,
        "status": p.status,
        "paused_until": p.paused_until.isoformat() if p.paused_until else None,
        "skip_period": p.skip_period,
        "unresponsive_count": p.unresponsive_count,
        "unpaired_last_round": p.unpaired_last_round,
        **_meeting(session, p),
        "joined_at": _iso(p.joined_at),
        "updated_at": _iso(p.updated_at),
        # The language they chose (null: not chosen), and what their platform reports.
        "language": p.language,
        "platform_language": p.platform_language,
        "matches": matches,
        "learning_log": [
            {"kind": a.kind, "date": a.on_date.isoformat(), "minutes": a.minutes,
             "what_i_learned": a.learned, "what_i_will_do_differently": a.differently,
             "logged_at": _iso(a.created_at)}
            for a in session.scalars(select(Activity).where(
                Activity.participant_id == p.id).order_by(Activity.on_date, Activity.id))],
        "evaluation_answers": [
            {"stage": e.stage, "term": e.term, "question": e.domain, "score": e.score,
             "answered_at": _iso(e.answered_at)}
            for e in session.scalars(select(EvaluationAnswer).where(
                EvaluationAnswer.participant_id == p.id).order_by(EvaluationAnswer.id))],
    }


def _messages(session: Session, workspace_id: int, user_id: str, ids: list[int],
              others: Scrub) -> list[dict[str, Any]]:
    """The outbox copies of messages to the person, or to a group they were in (sent or
    still to send); what they hold is by reference, other people taken out."""
    my_matches = select(MatchMember.match_id).where(MatchMember.participant_id.in_(ids))
    rows = session.scalars(select(OutboxMessage).where(
        OutboxMessage.workspace_id == workspace_id,
        or_(OutboxMessage.recipient_id.in_(ids),
            (OutboxMessage.match_id.in_(my_matches) & OutboxMessage.recipient_id.is_(None)),
            cast(OutboxMessage.payload, String).contains(f'"{user_id}"')))
        .order_by(OutboxMessage.id))
    return [{
        "kind": row.kind, "state": row.state, "written_at": _iso(row.created_at),
        "sent_at": _iso(row.sent_at) if row.sent_at else None,
        "content": others.scrub(dict(row.payload.get("intent") or row.payload.get("ref")
                                     or {})),
    } for row in rows if row.recipient_id in ids or row.match_id is not None
        or user_id in (row.payload.get("users") or ())]


def _reasons(reasons: list[Any], me: Participant, others: Scrub) -> list[str]:
    """Why the match was made, in words: the person by name, everyone else as another
    member (reasons are templates over participant ids; older ones were text)."""
    out = []
    for reason in reasons:
        if isinstance(reason, dict):
            names = [me.display_name if str(pid) == str(me.id) else ANOTHER
                     for pid in reason.get("people", ())]
            out.append(str(for_reader(reason, names, None, terms.YOU_FORMS)))
        else:
            out.append(others.scrub_text(str(reason)))
    return out


def _iso(value: dt.datetime) -> str:
    return value.isoformat()
