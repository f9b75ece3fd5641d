"""Acting on a group from the console: re-match someone whose partner left or never
answered, with the matcher's hard rules (the re-match that exists for unreachable
partners, services/delivery.py), confirmed like Run and audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.states import ParticipantStatus, RoundState
from bot.services import delivery, rounds
from bot.services import programmes as progs
from bot.services.console.access import Forbidden, NotFound, Viewer, programme_of
from bot.services.console.round_log import group_window_open
from bot.services.context import Services
from bot.store.models import CheckinAnswer, Match, MatchMember, Participant, Round

# Answers that say the group met or will: such a group is never re-matched.
MEETING = frozenset({"met", "scheduled"})
REMATCHED_BY_ORGANISER = ("Your first group did not get going, so your organiser found you "
                          "someone new to meet.")


def stranded(session: Session, match: Match, participant_id: int, now: dt.datetime) -> bool:
    """Whether this member's group left them alone: every other member left, or the
    check-in is due and nobody else in the group answered it (and nobody said they met
    or arranged to)."""
    others = [m.participant_id for m in match.members if m.participant_id != participant_id]
    if not others:
        return False
    present = [pid for pid in others if pid is not None]
    active = set(session.scalars(select(Participant.id).where(
        Participant.id.in_(present), Participant.status != ParticipantStatus.DEACTIVATED)))
    if not active:
        return True
    given = session.execute(select(CheckinAnswer.participant_id, CheckinAnswer.answer).where(
        CheckinAnswer.match_id == match.id)).all()
    if any(answer in MEETING for _, answer in given):
        return False  # they met, or arranged to: nothing to re-match
    answered = {who for who, _ in given}
    return match.checkin_due_at <= now and not (answered & set(others))


def _latest(session: Session, programme_id: int) -> Round | None:
    return session.scalars(select(Round).where(
        Round.programme_id == programme_id, Round.state != RoundState.CANCELLED)
        .order_by(Round.ordinal.desc()).limit(1)).first()


def _others_stranded(session: Session, rnd: Round, person_id: int,
                     now: dt.datetime) -> list[Participant]:
    """People of this round who answered their check-in while nobody else in their group
    did (or whose partners all left): they can be grouped with each other."""
    out = []
    for match in session.scalars(select(Match).where(Match.round_id == rnd.id)):
        for member in match.members:
            pid = member.participant_id
            if pid is None or pid == person_id:
                continue
            answered = session.scalar(select(CheckinAnswer.id).where(
                CheckinAnswer.match_id == match.id, CheckinAnswer.participant_id == pid))
            if answered is not None and stranded(session, match, pid, now):
                out.append(session.get_one(Participant, pid))
    return out


def rematch_member(services: Services, viewer: Viewer, programme_id: int, match_id: int,
                   participant_id: int) -> str:
    """Put someone whose partner left or never answered into a new group of the latest
    round, with someone left out of it or stranded like them (audited); the sentence."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        match = session.get(Match, match_id)
        rnd = session.get(Round, match.round_id) if match is not None else None
        if match is None or rnd is None or rnd.programme_id != programme_id:
            raise NotFound("That group is not in this programme.")
        member = session.scalar(select(MatchMember).where(
            MatchMember.match_id == match_id, MatchMember.participant_id == participant_id))
        person = session.get(Participant, participant_id) if member is not None else None
        if person is None:
            raise NotFound("That person is not in this group any more.")
        latest = _latest(session, programme_id)
        label = rounds.period_label(rnd.period)
        if latest is None or latest.id != rnd.id or not group_window_open(programme, rnd, now):
            raise Forbidden(f"Only a group of the latest round can be re-matched, until the "
                            f"next round; the {label} round is over. Nothing was changed.")
        if person.status != ParticipantStatus.ACTIVE:
            raise Forbidden(f"{person.display_name} is not taking part now (paused, or the "
                            "platform cannot reach them); nothing was changed.")
        later = session.scalar(select(Match.id).join(
            MatchMember, MatchMember.match_id == Match.id).where(
            Match.round_id == rnd.id, Match.id > match.id,
            MatchMember.participant_id == participant_id))
        if later is not None:
            raise Forbidden(f"{person.display_name} is already in a new group of this round; "
                            "nothing was changed.")
        if not stranded(session, match, participant_id, now):
            raise Forbidden(f"{person.display_name}'s group is still going: re-match someone "
                            "only when their partner left or never answered the check-in. "
                            "Nothing was changed.")
        name = person.display_name
        others = _others_stranded(session, rnd, participant_id, now)
        if not delivery.rematch(services, session, workspace, programme, rnd, person, now,
                                also=others, reason=REMATCHED_BY_ORGANISER):
            raise Forbidden(f"Nobody free in the {label} round can meet {name} under the "
                            "programme's rules; nothing was changed.")
        progs.audit(session, workspace.id, programme.id, viewer.actor, "group.rematch",
                    {"participant": f"P{participant_id}", "period": rnd.period}, now)
        return (f"{name} is in a new group of the {label} round; their introduction is on its "
                "way.")


def end_term_group(services: Services, viewer: Viewer, programme_id: int,
                   match_id: int) -> str:
    """End a term partnership early (audited): from the next round its members are matched
    anew, with the matcher's rules; the sentence."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        match = session.get(Match, match_id)
        rnd = session.get(Round, match.round_id) if match is not None else None
        if match is None or rnd is None or rnd.programme_id != programme_id:
            raise NotFound("That group is not in this programme.")
        latest = _latest(session, programme_id)
        if rnd.term is None or latest is None or latest.id != rnd.id:
            raise Forbidden("Only a group of the latest round of a term can be ended early; "
                            "nothing was changed.")
        if match.ended_early_at is not None:
            raise Forbidden("That partnership has already been ended; nothing was changed.")
        names = [name for name, in session.execute(
            select(Participant.display_name).join(
                MatchMember, MatchMember.participant_id == Participant.id)
            .where(MatchMember.match_id == match_id).order_by(MatchMember.position))]
        match.ended_early_at = now
        progs.audit(session, workspace.id, programme.id, viewer.actor, "group.end",
                    {"period": rnd.period, "group": " and ".join(names)}, now)
        who = " and ".join(names) or "The group"
        return (f"{who}: their term partnership ends now. From the next round they meet "
                "new people.")
