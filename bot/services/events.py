"""Platform events are processed once: their id goes into a table with a unique key."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from bot.services.context import Services
from bot.store.models import ProcessedEvent


def first_time(services: Services, platform: str, event_id: str) -> bool:
    """Record the event id; False when it was already processed (a retry)."""
    try:
        with services.unit_of_work() as session:
            session.add(ProcessedEvent(platform=platform, event_id=event_id[:128],
                                       received_at=services.now()))
    except IntegrityError:
        return False
    return True
