"""Set-based writes store what the ORM would: UTC times, JSON, enum values, skipped keys."""

from __future__ import annotations

import datetime as dt
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from bot.core.states import OutboxState
from bot.store import bulk
from bot.store.models import OutboxMessage, Workspace

TABLE = cast(Table, OutboxMessage.__table__)
LONDON_SUMMER = dt.datetime(2026, 7, 1, 11, 30, tzinfo=ZoneInfo("Europe/London"))


def _row(key: str, workspace_id: int) -> dict:
    return {"idempotency_key": key, "workspace_id": workspace_id, "kind": "notice",
            "payload": {"ref": {"kind": "notice", "text": "Hello {people}", "people": [1]}},
            "state": OutboxState.PENDING, "attempts": 0, "not_before": LONDON_SUMMER,
            "created_at": LONDON_SUMMER}


def test_rows_inserted_in_bulk_read_back_as_the_orm_wrote_them(engine):
    with Session(engine) as session, session.begin():
        workspace = Workspace(platform="slack", external_id="T1", name="",
                              created_at=LONDON_SUMMER)
        session.add(workspace)
        session.flush()
        added = bulk.insert_rows(session, TABLE,
                                 [_row("a", workspace.id), _row("b", workspace.id)],
                                 returning="idempotency_key",
                                 skip_conflicts_on=["idempotency_key"])
        assert sorted(added) == ["a", "b"]
        # A key that exists is skipped, not duplicated and not an error.
        again = bulk.insert_rows(session, TABLE,
                                 [_row("b", workspace.id), _row("c", workspace.id)],
                                 returning="idempotency_key",
                                 skip_conflicts_on=["idempotency_key"])
        assert again == ["c"]
    with Session(engine) as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [r.idempotency_key for r in rows] == ["a", "b", "c"]
        first = rows[0]
        # 11:30 in London in July is 10:30 UTC.
        assert first.not_before == dt.datetime(2026, 7, 1, 10, 30, tzinfo=dt.UTC)
        assert first.state == "pending"
        assert first.payload == {"ref": {"kind": "notice", "text": "Hello {people}",
                                         "people": [1]}}


def test_rows_updated_in_bulk_get_their_own_values_and_the_shared_ones(engine):
    with Session(engine) as session, session.begin():
        workspace = Workspace(platform="slack", external_id="T1", name="",
                              created_at=LONDON_SUMMER)
        session.add(workspace)
        session.flush()
        bulk.insert_rows(session, TABLE, [_row(k, workspace.id) for k in "abc"])
        ids = {key: id_ for key, id_ in session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.id))}
        sent_at = dt.datetime(2026, 7, 2, 9, 0, tzinfo=dt.UTC)
        bulk.update_rows(session, TABLE, [
            {"id": ids["a"], "ref_channel": "C1", "ref_ts": "1.0"},
            {"id": ids["c"], "ref_channel": "C3", "ref_ts": "3.0"}],
            same={"state": OutboxState.SENT, "sent_at": sent_at, "payload": {}})
    with Session(engine) as session:
        found = {r.idempotency_key: (r.state, r.ref_channel, r.ref_ts, r.sent_at, r.payload)
                 for r in session.scalars(select(OutboxMessage))}
    assert found["a"] == ("sent", "C1", "1.0", dt.datetime(2026, 7, 2, 9, 0, tzinfo=dt.UTC), {})
    assert found["c"][:3] == ("sent", "C3", "3.0")
    assert found["b"][:4] == ("pending", None, None, None) and found["b"][4]
