"""Acting on a group from the console: re-match someone whose partner left or never
answered, with the matcher's hard rules (the re-match that exists for unreachable
partners, services/delivery.py), confirmed like Run and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.core import matching
from bot.core.i18n import _, format_list
from bot.core.states import ParticipantStatus, RoundState
from bot.services import (
    audit_log,
    delivery,
    outbox,
    placed,
    programme_settings,
    round_tally,
    rounds,
)
from bot.services.console.access import Forbidden, NotFound, Viewer, programme_of
from bot.services.console.round_log import group_window_open
from bot.services.context import Services
from bot.store.models import CheckinAnswer, Match, MatchMember, Participant, Programme, Round

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



def _group(session: Session, programme_id: int, match_id: int) -> tuple[Match, Round]:
    """A group of this programme and its round; NotFound (one sentence) for any other."""
    match = session.get(Match, match_id)
    rnd = session.get(Round, match.round_id) if match is not None else None
    if match is None or rnd is None or rnd.programme_id != programme_id:
        raise NotFound(_("That group is not in this programme."))
    return match, rnd

def rematch_member(services: Services, viewer: Viewer, programme_id: int, match_id: int,
                   participant_id: int) -> str:
    """Put someone whose partner left or never answered into a new group of the latest
    round, with someone left out of it or stranded like them (audited); the sentence."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        match, rnd = _group(session, programme_id, match_id)
        member = session.scalar(select(MatchMember).where(
            MatchMember.match_id == match_id, MatchMember.participant_id == participant_id))
        person = session.get(Participant, participant_id) if member is not None else None
        if person is None:
            raise NotFound(_("That person is not in this group any more."))
        latest = _latest(session, programme_id)
        label = rounds.period_label(rnd.period)
        if latest is None or latest.id != rnd.id or not group_window_open(programme, rnd, now):
            raise Forbidden(_("Only a group of the latest round can be re-matched, until the "
                              "next round; the {round} round is over. Nothing was changed."
                              ).format(round=label))
        if person.status != ParticipantStatus.ACTIVE:
            raise Forbidden(_("{name} is not taking part now (paused, or the platform cannot "
                              "reach them); nothing was changed.").format(
                name=person.display_name))
        later = session.scalar(select(Match.id).join(
            MatchMember, MatchMember.match_id == Match.id).where(
            Match.round_id == rnd.id, Match.id > match.id,
            MatchMember.participant_id == participant_id))
        if later is not None:
            raise Forbidden(_("{name} is already in a new group of this round; nothing was "
                              "changed.").format(name=person.display_name))
        if not stranded(session, match, participant_id, now):
            raise Forbidden(_("{name}'s group is still going: re-match someone only when "
                              "their partner left or never answered the check-in. Nothing was "
                              "changed.").format(name=person.display_name))
        name = person.display_name
        others = _others_stranded(session, rnd, participant_id, now)
        if not delivery.rematch(services, session, workspace, programme, rnd, person, now,
                                also=others, reason=REMATCHED_BY_ORGANISER):
            raise Forbidden(_("Nobody free in the {round} round can meet {name} under the "
                              "programme's rules; nothing was changed.").format(
                round=label, name=name))
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "group.rematch",
                    {"participant": f"P{participant_id}", "period": rnd.period}, now)
        return _("{name} is in a new group of the {round} round; their introduction is on its "
                 "way.").format(name=name, round=label)


def end_term_group(services: Services, viewer: Viewer, programme_id: int,
                   match_id: int) -> str:
    """End a term partnership early (audited): from the next round its members are matched
    anew, with the matcher's rules; the sentence."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        match, rnd = _group(session, programme_id, match_id)
        latest = _latest(session, programme_id)
        if rnd.term is None or latest is None or latest.id != rnd.id:
            raise Forbidden(_("Only a group of the latest round of a term can be ended early; "
                              "nothing was changed."))
        if match.ended_early_at is not None:
            raise Forbidden(_("That partnership has already been ended; nothing was changed."))
        names = [name for name, in session.execute(
            select(Participant.display_name).join(
                MatchMember, MatchMember.participant_id == Participant.id)
            .where(MatchMember.match_id == match_id).order_by(MatchMember.position))]
        match.ended_early_at = now
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "group.end",
                    {"period": rnd.period, "group": " and ".join(names)}, now)
        who = format_list(names) or _("The group")
        return _("{names}: their term partnership ends now. From the next round they meet new "
                 "people.").format(names=who)


JOINED_BY_ORGANISER = "Your organiser added someone who joined late to your group."


@dataclass(frozen=True)
class LateJoiners:
    """Who may be added to a group of the latest round, and the groups with room."""

    people: tuple[tuple[int, str], ...]
    groups: tuple[tuple[int, str], ...]


def room(programme: Programme) -> int:
    """How many people a group may hold: the group size, and one more (as the matcher's
    trio for an odd count)."""
    return max(programme.group_size + 1, 3)


def late_joiners(services: Services, viewer: Viewer, programme_id: int,
                 shown: int = 200) -> LateJoiners:
    """People taking part who are in no group of the latest round, and its groups with room
    (the first `shown` of each), while the round's groups can still be acted on."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id)
        rnd = _latest(session, programme_id)
        if rnd is None or not group_window_open(programme, rnd, now):
            return LateJoiners((), ())
        # Those whose latest round is another (services/placed.py), on the index of
        # (programme, status, latest round): the few of them, not the round's places.
        people = tuple(session.execute(select(Participant.id, Participant.display_name).where(
            Participant.programme_id == programme_id,
            Participant.status == ParticipantStatus.ACTIVE,
            or_(Participant.last_round_id.is_(None), Participant.last_round_id < rnd.id,
                Participant.last_round_id > rnd.id))
            .order_by(Participant.display_name).limit(shown)).all())
        # The round's places, read on the index of members by match between the round's
        # first and last match ids (not by scanning every round's places).
        places = round_places(rnd.id)
        # Groups with room, numbered among the round's groups (those not ended early), the
        # first `shown` of them; names for those only.
        open_groups = select(Match.id).where(Match.round_id == rnd.id,
                                             Match.ended_early_at.is_(None))
        sizes_q = (select(places.c.match_id, func.count().label("n"),
                          func.row_number().over(order_by=places.c.match_id).label("number"))
                   .where(places.c.match_id.in_(open_groups))
                   .group_by(places.c.match_id).subquery())
        found = session.execute(select(sizes_q.c.match_id, sizes_q.c.number)
                                .where(sizes_q.c.n < room(programme))
                                .order_by(sizes_q.c.match_id).limit(shown)).all()
        numbers = {m: int(n) for m, n in found}
        names: dict[int, list[str]] = {}
        for match_id, name in session.execute(
                select(MatchMember.match_id, Participant.display_name)
                .outerjoin(Participant, Participant.id == MatchMember.participant_id)
                .where(MatchMember.match_id.in_(list(numbers)))
                .order_by(MatchMember.match_id, MatchMember.position)):
            names.setdefault(match_id, []).append(name or _("someone who left"))
        groups = tuple((m, _("Group {number}: {members}").format(
            number=numbers[m], members=format_list(names.get(m, [])))) for m in sorted(numbers))
        return LateJoiners(tuple((p, n) for p, n in people), groups)


def add_late_joiner(services: Services, viewer: Viewer, programme_id: int,
                    participant_id: int, match_id: int) -> str:
    """Add someone in no group of the latest round to one of its groups with room, if the
    matcher's hard rules allow (audited); the whole group is introduced again."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        match = session.get(Match, match_id)
        rnd = session.get(Round, match.round_id) if match is not None else None
        person = session.get(Participant, participant_id)
        if match is None or rnd is None or rnd.programme_id != programme_id:
            raise NotFound(_("That group is not in this programme."))
        if person is None or person.programme_id != programme_id:
            raise NotFound(_("That person is not in this programme any more."))
        latest = _latest(session, programme_id)
        label = rounds.period_label(rnd.period)
        if latest is None or latest.id != rnd.id or not group_window_open(programme, rnd, now):
            raise Forbidden(_("Only a group of the latest round can take someone, until the "
                              "next round; the {round} round is over. Nothing was changed."
                              ).format(round=label))
        if person.status != ParticipantStatus.ACTIVE:
            raise Forbidden(_("{name} is not taking part now; nothing was changed.").format(
                name=person.display_name))
        already = session.scalar(select(MatchMember.id).join(
            Match, Match.id == MatchMember.match_id).where(
            Match.round_id == rnd.id, MatchMember.participant_id == participant_id))
        if already is not None:
            raise Forbidden(_("{name} is already in a group of the {round} round; nothing was "
                              "changed.").format(name=person.display_name, round=label))
        members = list(session.scalars(select(MatchMember).where(
            MatchMember.match_id == match_id).order_by(MatchMember.position)))
        if len(members) >= room(programme) or match.ended_early_at is not None:
            raise Forbidden(_("That group has no room; choose another. Nothing was changed."))
        present = [session.get_one(Participant, m.participant_id) for m in members
                   if m.participant_id is not None]
        config = programme_settings.match_config(programme, rnd.seed)
        past = rounds.load_history(session, programme_id).past_groups()
        newcomer = rounds.candidates_of([person])
        if not matching.group_allowed(rounds.candidates_of([*present, person]), (), config) \
                or not all(matching.group_allowed([*newcomer, *rounds.candidates_of([p])],
                                                  past, config) for p in present):
            raise Forbidden(_("The programme's rules do not let {name} join that group "
                              "(profession or side, a recent meeting, a line manager or a "
                              "do-not-pair choice); nothing was changed.").format(
                name=person.display_name))
        position = max((m.position for m in members), default=-1) + 1
        session.add(MatchMember(match_id=match_id, participant_id=participant_id,
                                position=position, profession=person.profession))
        person.unpaired_last_round = False
        session.flush()
        placed.placed(session, rnd.id, [participant_id])
        round_tally.member_added(session, rnd, [m.profession for m in members],
                                 person.profession, now, participant_id=participant_id)
        everyone = [*present, person]
        ref = outbox.intro_ref(match_id, [*(m.position for m in members
                                            if m.participant_id is not None), position],
                               (JOINED_BY_ORGANISER,))
        outbox.add(session, rounds.group_rows(
            services, workspace, f"r{rnd.id}:m{match_id}:joined:p{participant_id}", ref,
            everyone, now, round_id=rnd.id, match_id=match_id))
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "group.join",
                    {"participant": f"P{participant_id}", "period": rnd.period}, now)
        return _("{name} joins the group of {names}; the group is introduced again.").format(
            name=person.display_name, names=format_list([p.display_name for p in present]))


def round_places(round_id: int) -> Any:
    """A round's places (match id, participant id) as a subquery that PostgreSQL reads on
    the index of members by (match, position), between the round's first and last match
    ids, instead of scanning every round's places (a programme of 100,000 has millions)."""
    ids = select(Match.id).where(Match.round_id == round_id)
    low = select(func.min(Match.id)).where(Match.round_id == round_id).scalar_subquery()
    high = select(func.max(Match.id)).where(Match.round_id == round_id).scalar_subquery()
    return (select(MatchMember.match_id, MatchMember.participant_id)
            .where(MatchMember.match_id.in_(ids), MatchMember.match_id >= low,
                   MatchMember.match_id <= high).subquery())
