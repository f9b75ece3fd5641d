"""`GET /calendar/{token}.ics`: one suggested meeting time as an iCalendar file.

Public (a calendar application fetches it without signing in); the signed token is the
only key. Anything wrong with it answers the same 404 sentence, so a guess learns nothing.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from bot.services import meetings
from bot.services.context import Services

NOT_FOUND = "This calendar link is not valid, or has expired.\n"
MEDIA_TYPE = "text/calendar; charset=utf-8"


def calendar_router(services: Services) -> APIRouter:
    """The router of the calendar files of the intros' suggested times."""
    router = APIRouter()

    @router.get("/calendar/{token}.ics")
    def calendar_file(token: str) -> Response:
        body = meetings.calendar_file(services, token)
        if body is None:
            return PlainTextResponse(NOT_FOUND, status_code=404,
                                     headers={"Cache-Control": "no-store"})
        return Response(body, headers={"Content-Type": MEDIA_TYPE,
                                       "Content-Disposition": 'attachment; filename="meeting.ics"',
                                       "Cache-Control": "private, no-store",
                                       "X-Content-Type-Options": "nosniff"})

    return router
