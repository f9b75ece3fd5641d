"""The signed tokens of calendar links (`GET /calendar/{token}.ics`).

A token names a match and a slot, and the day it expires (60 days after the round),
signed with PAIRBOT_SECRET_KEY by itsdangerous, as the console's sessions are; it holds
no name, id of a person or text of theirs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeSerializer

LINK_DAYS = 60  # a calendar link works for this many days after its round
SALT = "pairbot-calendar"


@dataclass(frozen=True)
class CalendarLinks:
    """Signs and reads the tokens of `GET /calendar/{token}.ics` links."""

    secret: str
    base_url: str

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(self.secret, salt=SALT)

    def url(self, match_id: int, slot: int, round_started: dt.datetime) -> str:
        """The link to one slot of one match, working until LINK_DAYS after the round."""
        expires = (round_started + dt.timedelta(days=LINK_DAYS)).date()
        token = self._serializer().dumps([match_id, slot, expires.toordinal()])
        return f"{self.base_url.rstrip('/')}/calendar/{token}.ics"

    def read(self, token: str, today: dt.date) -> tuple[int, int] | None:
        """The (match id, slot) a token names; None if it is forged, malformed or expired."""
        try:
            match_id, slot, expires = self._serializer().loads(token)
            if not all(isinstance(v, int) and not isinstance(v, bool)
                       for v in (match_id, slot, expires)):
                return None
        except (BadSignature, ValueError, TypeError):
            return None
        if today.toordinal() > expires:
            return None
        return match_id, slot

    def uid(self, match_id: int, slot: int) -> str:
        """The event's UID: the same on every fetch, so a calendar updates, never doubles."""
        host = urlsplit(self.base_url).hostname or "pairbot"
        return f"pairbot-m{match_id}-s{slot}@{host}"


def links_for(secret: str | None, public_url: str | None) -> CalendarLinks | None:
    """Calendar links when both a secret and a public URL are configured, else none."""
    if not secret or not public_url:
        return None
    return CalendarLinks(secret, public_url)
