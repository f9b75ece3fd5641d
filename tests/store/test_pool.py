"""The connection pool keeps what a burst opened (issue 25's stall under load): a second
burst of the same size opens no new connection."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, text

from bot.store.db import POOL_SIZE, make_engine


def test_a_second_burst_reuses_the_connections_of_the_first(database_url):
    engine = make_engine(database_url)
    opened: list[object] = []
    event.listen(engine, "connect", lambda *_: opened.append(1))
    barrier = threading.Barrier(POOL_SIZE)

    def session() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            barrier.wait(timeout=30)  # all POOL_SIZE connections are out at once

    try:
        for _ in range(2):
            threads = [threading.Thread(target=session) for _ in range(POOL_SIZE)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert not barrier.broken
        # SQLAlchemy's default pool (5 kept, 10 more opened and closed) opened 25 here.
        assert len(opened) == POOL_SIZE
        assert engine.pool.checkedin() == POOL_SIZE  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def _kill_others(engine) -> int:
    """Terminate every other server process of this database: what a restart leaves."""
    with engine.connect() as conn:
        return len(conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).all())


def test_postgresql_connections_killed_while_idle_are_replaced_before_use(pg_database_url):
    if pg_database_url is None:
        pytest.skip("needs TEST_DATABASE_URL")
    engine = make_engine(pg_database_url, ping_idle_seconds=0.2)
    admin = make_engine(pg_database_url)
    try:
        with engine.connect() as conn:
            first = conn.scalar(text("SELECT pg_backend_pid()"))
        assert _kill_others(admin) >= 1
        time.sleep(0.3)  # idle long enough to be pinged before it is handed out
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT pg_backend_pid()")) != first
    finally:
        engine.dispose()
        admin.dispose()


def test_postgresql_connections_in_steady_use_are_not_pinged(pg_database_url, monkeypatch):
    if pg_database_url is None:
        pytest.skip("needs TEST_DATABASE_URL")
    engine = make_engine(pg_database_url, ping_idle_seconds=60)
    pings: list[object] = []
    ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or ping(c))
    try:
        for _ in range(20):
            with engine.connect() as conn:
                assert conn.scalar(text("SELECT 1")) == 1
        assert pings == []  # pool_pre_ping made 19 round trips here
    finally:
        engine.dispose()
