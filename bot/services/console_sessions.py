"""Console sessions, kept server-side: what the browser holds is a random id, and this store
holds its SHA-256 beside who signed in. Ending a session (sign-out, expiry, an operator's
"sign everyone out", a lost standing) deletes the row, so a copied cookie stops working at
once. A sign-in in progress keeps its OIDC state, nonce and PKCE verifier here too.

Sessions are timed by the wall clock (`services.wall`), passed in as `now`, not by the
services' clock, which `pairbot tick --at` and the tests move."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.services.context import Services
from bot.store.models import ConsoleSession

PENDING_FOR = dt.timedelta(minutes=10)
# At most this many sign-ins in progress at once (each is a row anyone can cause).
MAX_PENDING = 10_000


@dataclass(frozen=True)
class Found:
    """A live session: who (empty while signing in), the sign-in in progress, when the
    person's standing was last checked."""

    who: dict[str, Any]
    pending: dict[str, Any]
    checked_at: dt.datetime


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def start(services: Services, now: dt.datetime, *, who: dict[str, Any] | None = None,
          pending: dict[str, Any] | None = None, lasts: dt.timedelta = PENDING_FOR,
          replaces: str | None = None) -> str | None:
    """A new session (a signed-in person, or a sign-in in progress); its raw id, or None
    when too many sign-ins are in progress. The session it replaces ends."""
    raw = secrets.token_urlsafe(32)
    with services.unit_of_work() as session:
        if replaces:
            session.execute(delete(ConsoleSession).where(
                ConsoleSession.id_hash == _hash(replaces)))
        if not who:
            purge_expired(session, now)
            # Sign-ins in progress are the rows ending within PENDING_FOR (a signed-in
            # session lasts hours).
            if len(session.scalars(select(ConsoleSession.id).where(
                    ConsoleSession.expires_at <= now + PENDING_FOR).limit(MAX_PENDING)
                    ).all()) >= MAX_PENDING:
                return None
        session.add(ConsoleSession(id_hash=_hash(raw), who=who or {}, pending=pending or {},
                                   created_at=now, checked_at=now, expires_at=now + lasts))
    return raw


def find(services: Services, raw: str, now: dt.datetime) -> Found | None:
    """The live session with that id; None when there is none, or it expired."""
    with services.unit_of_work() as session:
        row = session.scalar(select(ConsoleSession).where(ConsoleSession.id_hash == _hash(raw)))
        if row is None:
            return None
        if row.expires_at <= now:
            session.delete(row)
            return None
        return Found(who=dict(row.who), pending=dict(row.pending), checked_at=row.checked_at)


def rechecked(services: Services, raw: str, who: dict[str, Any], now: dt.datetime) -> None:
    """The person's standing was checked now (and may have changed)."""
    with services.unit_of_work() as session:
        row = session.scalar(select(ConsoleSession).where(ConsoleSession.id_hash == _hash(raw)))
        if row is not None:
            row.who, row.checked_at = who, now


def end(services: Services, raw: str) -> None:
    """End one session (sign-out, or a sign-in in progress that finished)."""
    with services.unit_of_work() as session:
        session.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == _hash(raw)))


def end_all(services: Services) -> int:
    """Sign everyone out of the console; the number of sessions ended."""
    with services.unit_of_work() as session:
        return int(getattr(session.execute(delete(ConsoleSession)), "rowcount", 0) or 0)


def purge_expired(session: Session, now: dt.datetime) -> int:
    """Delete expired sessions (housekeeping); the number deleted."""
    result = session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
