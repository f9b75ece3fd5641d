"""Platform events are processed once, after success: their id goes into a table with a
unique key when the listener has done its work.

A listener that fails leaves no record, so the platform's retry is processed; a retry
after success finds the record and is ignored.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Insert, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from bot.services.context import Services
from bot.store.models import ProcessedEvent


def processed(services: Services, platform: str, event_id: str) -> bool:
    """Whether the event was already processed (so this delivery is a retry to ignore)."""
    with services.unit_of_work() as session:
        return session.scalar(select(ProcessedEvent.id).where(
            ProcessedEvent.platform == platform,
            ProcessedEvent.event_id == event_id[:128])) is not None


def record(services: Services, platform: str, event_id: str) -> bool:
    """Record the event as processed; False when another delivery recorded it first."""
    try:
        with services.unit_of_work() as session:
            # An INSERT statement, not an object flushed: every event comes here.
            session.execute(_record(), {"platform": platform, "event_id": event_id[:128],
                                        "received_at": services.now()})
    except IntegrityError:
        return False
    return True


@cache
def _record() -> Insert:
    return insert(ProcessedEvent).values(platform=bindparam("platform"),
                                         event_id=bindparam("event_id"),
                                         received_at=bindparam("received_at"))
