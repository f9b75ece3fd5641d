"""Every hot lookup has an index, and the 0002 migration starts open matches' steps."""

import datetime as dt

from sqlalchemy import inspect, text

from bot.store import migrate

HOT = {
    "outbox": [["ref_channel", "ref_ts"], ["match_id"], ["recipient_id"], ["round_id", "state"],
               ["not_before", "id"], ["claimed_at"], ["payload_purge_at"]],
    "matches": [["next_due_at"], ["round_id"]],
    "processed_events": [["received_at"]],
    "match_members": [["participant_id"]],
}


def test_every_hot_lookup_has_an_index(engine):
    inspector = inspect(engine)
    for table, wanted in HOT.items():
        indexed = [i["column_names"] for i in inspector.get_indexes(table)]
        indexed += [u["column_names"] for u in inspector.get_unique_constraints(table)]
        for columns in wanted:
            assert columns in indexed, (table, columns)


def test_upgrading_makes_open_matches_due_at_their_checkin(empty_engine):
    migrate.upgrade(empty_engine, "0001")
    due = dt.datetime(2026, 12, 21, 10, 0)
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspaces (id, platform, external_id, name, active, created_at) "
            "VALUES (1, 'slack', 'T1', '', true, :t)"), {"t": due})
        conn.execute(text(
            "INSERT INTO programmes (id, workspace_id, name, mode, group_size, capacity, "
            "cadence, timezone, recency, checkin_after_days, professions, sides, weights, "
            "organisers, active, created_at, updated_at) VALUES (1, 1, 'P', 'cross', 2, 1, "
            "'monthly first monday 10:00', 'UTC', 6, 14, '[]', '{}', '{}', '[]', true, :t, :t)"),
            {"t": due})
        conn.execute(text(
            "INSERT INTO rounds (id, programme_id, period, ordinal, state, seed, started_at, "
            "stats) VALUES (1, 1, '2026-12', 1, 'delivering', 1, :t, '{}')"), {"t": due})
        for match_id, closed in ((1, None), (2, due)):
            conn.execute(text(
                "INSERT INTO matches (id, round_id, score, reasons, icebreakers, "
                "checkin_due_at, reminder_due_at, closed_at, created_at) "
                "VALUES (:id, 1, 10, '[]', '[]', :due, :due, :closed, :due)"),
                {"id": match_id, "due": due, "closed": closed})
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        rows = conn.execute(text("SELECT id, next_due_at FROM matches ORDER BY id")).all()
    assert [(i, str(d)[:16] if d else None) for i, d in rows] == [
        (1, "2026-12-21 10:00"), (2, None)]


def test_0008_records_which_rounds_sent_something_even_after_their_outbox_went(empty_engine):
    migrate.upgrade(empty_engine, "0001")
    at = dt.datetime(2026, 8, 3, 10, 0)
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspaces (id, platform, external_id, name, active, created_at) "
            "VALUES (1, 'slack', 'T1', '', true, :t)"), {"t": at})
        conn.execute(text(
            "INSERT INTO programmes (id, workspace_id, name, mode, group_size, capacity, "
            "cadence, timezone, recency, checkin_after_days, professions, sides, weights, "
            "organisers, active, created_at, updated_at) VALUES (1, 1, 'P', 'cross', 2, 1, "
            "'monthly first monday 10:00', 'UTC', 6, 14, '[]', '{}', '{}', '[]', true, :t, :t)"),
            {"t": at})
        # 1: groups, outbox purged by retention. 2: groups, messages still pending.
        # 3: nobody in it. 4: cancelled. 5: nobody grouped, its notices purged.
        for rid, state, stats in ((1, "done", '{"people": 2}'), (2, "delivering", '{}'),
                                  (3, "done", '{"people": 0}'), (4, "cancelled", '{}'),
                                  (5, "done", '{"people": 1}')):
            conn.execute(text(
                "INSERT INTO rounds (id, programme_id, period, ordinal, state, seed, "
                "started_at, stats) VALUES (:id, 1, :p, :id, :s, 1, :t, :stats)"),
                {"id": rid, "p": f"2026-0{rid}", "s": state, "t": at, "stats": stats})
        for match_id, round_id in ((1, 1), (2, 2)):
            conn.execute(text(
                "INSERT INTO matches (id, round_id, score, reasons, icebreakers, "
                "checkin_due_at, reminder_due_at, created_at) "
                "VALUES (:id, :r, 10, '[]', '[]', :t, :t, :t)"),
                {"id": match_id, "r": round_id, "t": at})
    migrate.upgrade(empty_engine, "0006")
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO outbox (idempotency_key, workspace_id, round_id, kind, payload, state, "
            "attempts, not_before, created_at) VALUES ('k', 1, 2, 'intro', '{}', 'pending', 0, "
            ":t, :t)"), {"t": at})
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        sent = dict(conn.execute(text("SELECT id, first_sent_at FROM rounds")).all())
    assert {rid for rid, when in sent.items() if when is not None} == {1, 5}
    migrate.downgrade(empty_engine, "0006")
    migrate.upgrade(empty_engine)
