"""A suggested meeting time as a calendar file (`GET /calendar/{token}.ics`).

The file is made when it is fetched, from the match as it is then (bot/services/
meeting_times.py stored its times), so a member who has left is not named in it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import calendar
from bot.core.intents import Intro
from bot.services import outbox
from bot.services.calendar_links import LINK_DAYS, CalendarLinks
from bot.services.context import Services
from bot.store.models import Match, Programme, Round


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
    return calendar.meeting_ics(
        uid=links.uid(match_id, index), start=dt.datetime.fromisoformat(slot["start"]),
        end=dt.datetime.fromisoformat(slot["end"]), timezone=timezone, theme=intro.theme,
        names=[m.name for m in intro.members], questions=intro.icebreakers, stamp=created)
