"""The connection pool keeps what a burst opened (issue 25's stall under load): a second
burst of the same size opens no new connection."""

from __future__ import annotations

import threading

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
