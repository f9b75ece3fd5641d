"""A suggested meeting time as a calendar file (`GET /calendar/{token}.ics`).

The file is made when it is fetched, from the match as it is then (bot/services/
meeting_times.py stored its times), so a member who has left is not named in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core import calendar, i18n, wording
from bot.core.ids import valid_id
from bot.core.intents import Intro, MeetingTimeRequest
from bot.core.slots import zone
from bot.core.states import Answer, OutboxState
from bot.services import checkins, meeting_times, outbox, rounds
from bot.services.calendar_links import LINK_DAYS, CalendarLinks
from bot.services.checkins import CheckinResult
from bot.services.context import Services
from bot.services.participants import Reply
from bot.services.programme_schedule import local_day
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import Match, OutboxMessage, Participant, Programme, Round, Workspace


def calendar_file(services: Services, token: str) -> bytes | None:
    """The `.ics` of the slot a token names; None for a forged, expired or unknown token,
    a match that is gone, or a slot it does not have."""
    links = services.calendar
    if links is None:
        return None
    now = services.now()
    named = links.read(token, now.date())
    if named is None:
        return None
    match_id, index = named
    with services.unit_of_work() as session:
        return _file(session, links, match_id, index, now)


def _file(session: Session, links: CalendarLinks, match_id: int, index: int,
          now: dt.datetime) -> bytes | None:
    found = session.execute(
        select(Match.slots, Match.created_at, Round.started_at, Round.programme_id,
               Programme.timezone)
        .join(Round, Round.id == Match.round_id).join(Programme, Programme.id ==
                                                      Round.programme_id)
        .where(Match.id == match_id)).first()
    if found is None:
        return None
    stored, created, started, _programme_id, timezone = found
    if now.date() > (started + dt.timedelta(days=LINK_DAYS)).date():
        return None
    if not 0 <= index < len(stored or ()):
        return None
    slot = stored[index]
    resolved = outbox.resolve(session, [(None, {"ref": outbox.intro_ref(match_id, range(8))})])
    intro = resolved[0].intent if resolved and resolved[0] is not None else None
    if not isinstance(intro, Intro):
        return None
    # In the language the group's intro was written in (bilingual: Welsh, then English).
    with i18n.using(resolved[0].locale if resolved[0] is not None else None):
        return calendar.meeting_ics(
            uid=links.uid(match_id, index), start=dt.datetime.fromisoformat(slot["start"]),
            end=dt.datetime.fromisoformat(slot["end"]), timezone=timezone, theme=intro.theme,
            names=[m.name for m in intro.members], questions=intro.icebreakers,
            stamp=created)


# "We've arranged it": the time, a reminder that morning, a check-in the day after --------

REMINDER_HOUR = 8  # the morning reminder, local time (or at once, for a meeting before it)
PICK_DAYS = 60  # a picked time may be this far ahead


def ask_time_later(services: Services, platform: str, workspace: str, user_id: str,
                   result: CheckinResult) -> bool:
    """After *Scheduled*: when is it? A message with the group's suggested times and a
    picker, to the person who answered, through the outbox; True if written."""
    if not result.changed or result.answer != Answer.SCHEDULED or result.match_id is None:
        return False
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        person = checkins.member_of(session, ws.id, user_id, result.match_id)
        match = session.get(Match, result.match_id)
        if person is None or match is None:
            return False
        programme = session.get_one(Programme, session.get_one(Round, match.round_id)
                                    .programme_id)
        return bool(outbox.add(session, [outbox.Row(
            key=f"m{result.match_id}:when:p{person.id}", workspace_id=ws.id,
            ref=outbox.meeting_time_ref(result.match_id,
                                        upcoming(session, match, programme, now)),
            now=now, match_id=result.match_id, recipient_id=person.id)]))


def upcoming(session: Session, match: Match, programme: Programme,
             now: dt.datetime) -> list[tuple[str, str]]:
    """Times to offer the group now: the intro's suggestions still to come, then new ones
    from tomorrow inside the group's common windows, one a day, up to `slots`."""
    ahead = [(str(s["start"]), str(s["end"])) for s in match.slots or ()
             if dt.datetime.fromisoformat(str(s["start"])) > now]
    if len(ahead) < programme.slots:
        tomorrow = local_day(programme, now) + dt.timedelta(days=1)
        days = {start[:10] for start, _ in ahead}
        ahead += [(s["start"], s["end"]) for s in meeting_times.plan(
            programme, checkins.members_of(session, match), tomorrow)
            if s["start"][:10] not in days]
    return sorted(ahead)[:programme.slots]


@dataclass(frozen=True)
class Arranged:
    """What choosing (or cancelling) a meeting time did: the reply, and the message to
    show instead of the question (None when nothing changed)."""

    reply: Reply
    request: MeetingTimeRequest | None = None


def arrange(services: Services, platform: str, workspace: str, user_id: str,
            match_id: int | None, *, at: dt.datetime | None = None, day: str = "",
            time: str = "", cancel: bool = False) -> Arranged:
    """Record the group's meeting time: an instant (`at`, aware: a suggested time's
    start, or Slack's picker) or a local `day` and `time` typed in a picker; or cancel
    it. The morning's reminder and the check-in the day after follow the time (moving it
    replaces both)."""
    now = services.now()
    if not valid_id(match_id):
        return Arranged(Reply(wording.not_your_match(), error=True))
    assert match_id is not None
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        person = checkins.member_of(session, ws.id, user_id, match_id)
        match = session.get(Match, match_id)
        if person is None or match is None:
            return Arranged(Reply(wording.not_your_match(), error=True))
        rnd = session.get_one(Round, match.round_id)
        programme = session.get_one(Programme, rnd.programme_id)
        tz = zone(programme.timezone)
        start: dt.datetime | None = at if at is not None and at.tzinfo is not None else None
        if at is None:
            try:
                start = dt.datetime.combine(dt.date.fromisoformat(day.strip()),
                                            dt.time.fromisoformat(time.strip()), tz)
            except ValueError:
                start = None
        if not cancel and (start is None or not now <= start <= now + dt.timedelta(
                days=PICK_DAYS)):
            return Arranged(Reply(wording.meeting_time_invalid(), error=True))
        _cancel_pending(session, match.id)
        members = checkins.members_of(session, match)
        if cancel:
            match.meeting_at = None
            _restore_checkin(match, programme, now)
            reply = Reply(wording.meeting_cancelled())
        else:
            assert start is not None
            match.meeting_at = start
            local = start.astimezone(tz)
            _follow_up(services, session, ws, rnd, match, members, local, now)
            reply = Reply(wording.meeting_recorded(local.isoformat()))
        request = MeetingTimeRequest(
            match_id=match.id, programme=programme.name,
            times=tuple(upcoming(session, match, programme, now)),
            chosen=match.meeting_at.astimezone(tz).isoformat() if match.meeting_at else "")
    return Arranged(reply, request)


def _follow_up(services: Services, session: Session, ws: Workspace, rnd: Round, match: Match,
               members: list[Participant], local: dt.datetime, now: dt.datetime) -> None:
    """The reminder on the meeting's morning and the check-in the day after it.

    The day after the meeting *replaces* the check-in's own day (`checkin_after` days
    after the intro): while it is still to be sent, the match's check-in simply moves
    there. Only if it went out already does the day after ask again (one message per
    meeting time: moving the meeting cancels the one not sent)."""
    stamp = local.strftime("%Y%m%dT%H%M")
    # An early meeting (a night shift's end) is reminded of an hour before it.
    morning = max(local.replace(hour=REMINDER_HOUR, minute=0) if local.hour >= REMINDER_HOUR
                  else local - dt.timedelta(hours=1), now)
    text = wording.MEETING_REMINDER.replace("{time}", local.strftime("%H:%M"))
    rows = [outbox.Row(
        key=f"m{match.id}:meeting:{stamp}:reminder:p{p.id}", workspace_id=ws.id,
        ref=outbox.notice_ref(text, people=[o.id for o in members if o.id != p.id]),
        now=now, round_id=rnd.id, match_id=match.id, recipient_id=p.id, not_before=morning)
        for p in members]
    after = local.astimezone(dt.UTC) + dt.timedelta(days=1)
    if match.checkin_sent_at is None:
        _checkin_at(match, after)
    else:
        rows += [dataclasses.replace(row, not_before=after) for row in rounds.group_rows(
            services, ws, f"m{match.id}:meeting:{stamp}:checkin", outbox.checkin_ref(match.id),
            members, now, round_id=rnd.id, match_id=match.id,
            conversation=match.conversation_id)]
        # The match stays open (not closed as silent) until a week after that check-in.
        if match.reminder_due_at < after:
            match.reminder_due_at = after
            if match.closed_at is None:
                match.next_due_at = after
    outbox.add(session, rows)


def _checkin_at(match: Match, due: dt.datetime) -> None:
    """The match's own check-in (not sent yet) is due at `due`, its reminder a week on."""
    match.checkin_due_at = due
    match.reminder_due_at = due + rounds.REMINDER_AFTER
    if match.closed_at is None:
        match.next_due_at = due


def _restore_checkin(match: Match, programme: Programme, now: dt.datetime) -> None:
    """A cancelled meeting whose check-in has not gone out: back to `checkin_after` days
    after the intro (or now, if that day has passed)."""
    if match.checkin_sent_at is None:
        _checkin_at(match, max(match.created_at + dt.timedelta(
            days=programme.checkin_after_days), now))


def _cancel_pending(session: Session, match_id: int) -> None:
    """A moved or cancelled meeting's reminder and check-in, not sent yet, are not sent."""
    session.execute(
        update(OutboxMessage).where(
            OutboxMessage.match_id == match_id,
            OutboxMessage.idempotency_key.like(f"m{match_id}:meeting:%"),
            OutboxMessage.state == OutboxState.PENDING)
        .values(state=OutboxState.CANCELLED, last_error="meeting moved")
        .execution_options(synchronize_session=False))
