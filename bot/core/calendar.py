"""A suggested meeting as an iCalendar file, and as a Teams scheduling link.

Pure: everything the file says is given. No e-mail address goes into the file unless
the caller passes attendees' addresses (the platform gave them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import icalendar

from bot.core import i18n
from bot.core.i18n import _, format_list

TEAMS_NEW_MEETING = "https://teams.microsoft.com/l/meeting/new"
PRODID = "-//pairbot//paired learning//EN"


def summary(theme: str) -> str:
    """The meeting's title, naming its theme, in the current language (Welsh, then English,
    for a bilingual group)."""
    return _each_language(lambda: _("Paired learning: {theme}").format(theme=theme)
                          if theme else _("Paired learning"), " / ")


def description(names: Sequence[str], questions: Sequence[str]) -> str:
    """Who is meeting and the questions to start with, as plain text, in the current
    language (Welsh, then English, for a bilingual group)."""

    def text() -> str:
        lines = [_("With {names}.").format(names=format_list(list(names)))]
        if questions:
            lines += ["", _("Questions to start with:")]
            lines += [f"- {q}" for q in questions]
        return "\n".join(lines)

    return _each_language(text, "\n\n")


def _each_language(words: Callable[[], str], between: str) -> str:
    both = i18n.welsh_and_english(words)
    return words() if both is None else between.join(both)


def meeting_ics(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    timezone: str,
    theme: str,
    names: Sequence[str],
    questions: Sequence[str],
    stamp: datetime,
    attendees: Sequence[str] = (),
) -> bytes:
    """One meeting as an iCalendar file: one VEVENT with the stable `uid`, start and end
    (aware datetimes) with the TZID of `timezone` and its VTIMEZONE, a summary naming
    the theme, a description with the names and questions; `stamp` (aware) is DTSTAMP.
    `attendees` are e-mail addresses, only when the platform gave them."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    tz = icalendar.Timezone.from_tzid(timezone)
    cal.add_component(tz)
    local = ZoneInfo(timezone)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start.astimezone(local))
    event.add("dtend", end.astimezone(local))
    event.add("summary", summary(theme))
    event.add("description", description(names, questions))
    for address in attendees:
        event.add("attendee", f"mailto:{address}")
    cal.add_component(event)
    return bytes(cal.to_ical())


def teams_meeting_link(
    *,
    subject: str,
    attendees: Sequence[str],
    start: datetime,
    end: datetime,
    content: str,
) -> str:
    """Teams' own scheduling form, filled in (no Graph permission needed): attendees by
    UPN, comma-separated; start and end as ISO-8601 with their offset."""
    query = urlencode(
        {
            "subject": subject,
            "attendees": ",".join(attendees),
            "startTime": start.isoformat(),
            "endTime": end.isoformat(),
            "content": content,
        },
        quote_via=quote,
    )
    return f"{TEAMS_NEW_MEETING}?{query}"
