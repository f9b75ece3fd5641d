"""The audit log: what organisers did, to which programme, when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from bot.store.models import AuditEntry


def audit(session: Session, workspace_id: int, programme_id: int | None, actor: str,
          action: str, details: Mapping[str, Any], now: dt.datetime) -> None:
    """Record an organiser action."""
    session.add(AuditEntry(workspace_id=workspace_id, programme_id=programme_id, actor=actor,
                           action=action, details=dict(details), at=now))
