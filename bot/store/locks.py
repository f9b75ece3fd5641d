"""The database lock that elects the replica running the scheduler (bot/scheduler/leader.py).

A PostgreSQL advisory lock on a connection of its own: the database grants it to
one session at a time and frees it when that session ends, so a replica that dies
(its connection closes, or TCP keepalives give it up within about half a minute)
loses it. On SQLite there is one process, which always holds it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

# The advisory lock's key: "pairbot" in ASCII, so that other tools' locks do not collide.
LOCK_KEY = 0x70616972626F74
# The lock connection notices a vanished peer within idle + interval × count seconds.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3, "connect_timeout": 10}


class AdvisoryLock:
    """One session-level advisory lock; each method may raise when the database is gone."""

    def __init__(self, engine: Engine, key: int = LOCK_KEY) -> None:
        self._url = engine.url
        self._key = key
        self.shared = engine.url.get_backend_name() == "postgresql"
        self._engine: Engine | None = None
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it (on a connection opened the first time)."""
        if self._engine is None:
            self._engine = create_engine(self._url, poolclass=NullPool,
                                         isolation_level="AUTOCOMMIT", connect_args=KEEPALIVES)
        if self._connection is None:
            self._connection = self._engine.connect()
        return bool(self._connection.scalar(text("SELECT pg_try_advisory_lock(:key)"),
                                            {"key": self._key}))

    def check(self) -> None:
        """Raise when the connection holding the lock is broken (the lock is then gone)."""
        assert self._connection is not None
        self._connection.scalar(text("SELECT 1"))

    def release(self) -> None:
        """Close the lock's connection, which frees the lock."""
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None

    def dispose(self) -> None:
        """Release, and close the lock's engine."""
        self.release()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
