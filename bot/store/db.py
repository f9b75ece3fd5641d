"""Engine and session factory for SQLite and PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# Connections a process keeps open, and never more. SQLAlchemy's default keeps 5 and opens
# and closes up to 10 more as requests come and go: under load that was 20 to 70 new
# PostgreSQL connections (each a server process forked, authentication) and up to 330 new
# SQLite ones in 15 seconds, on the cores that serve the requests (bench/load.py --probe),
# and more of them the further requests fell behind. The web process keeps 12, the
# scheduler's process 8 (bot/worker.py, opened only by the leader's) and one for the
# leadership lock. So the Helm chart's 6 replicas need
# 6 × (12 + 1) + 8 = 86, within PostgreSQL's default max_connections of 100; a caller
# past the pool's size waits for a connection to come back.
POOL_SIZE = 12

# A pooled PostgreSQL connection is pinged before use only when it has been idle this long.
# SQLAlchemy's pool_pre_ping pings at every checkout: a round trip per unit of work, one in
# six of a status request's, and under load each round trip hands the interpreter to
# whatever other thread runs Python and waits up to sys.getswitchinterval() per such thread
# to get it back (bench/gil_convoy.py). Connections in use are never idle this long, and
# a connection that died while in use fails its statement, which invalidates the pool's
# older connections (SQLAlchemy does that on any disconnect error); an idle one, which is
# what a restarted or timed-out server leaves, is still checked before it is handed out.
PING_IDLE_SECONDS = 5.0


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys on and a busy timeout. A file database or
    a server keeps POOL_SIZE connections open instead of opening one per burst."""
    if "poolclass" not in kwargs and make_url(url).database not in (None, "", ":memory:"):
        kwargs = {"pool_size": POOL_SIZE, "max_overflow": 0, **kwargs}
    if url.startswith("sqlite"):
        connect_args = {"timeout": 30, "check_same_thread": False}
        engine = create_engine(url, connect_args=connect_args, hide_parameters=True, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # SQLite ignores foreign keys (and so the erasure cascades) unless asked.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL this stays consistent after a crash; only an OS crash can lose the
            # last commits, which the outbox's find-before-resend check covers.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    # hide_parameters: a logged database error must not carry names or intros.
    pg_args: dict[str, Any] = dict(kwargs.pop("connect_args", {}))
    if make_url(url).get_driver_name() == "psycopg":
        # No server-side prepared statements: psycopg prepares a statement run five times,
        # and PostgreSQL may then keep one generic plan for it, made while the table was
        # small. The sender's claim, planned on an empty outbox, went on scanning the whole
        # table per row claimed once a round had written 50,000 rows (seconds per batch)
        # until autovacuum happened to analyze it. Planned each time, a statement is
        # planned on the table's current size, for a fraction of a millisecond.
        pg_args.setdefault("prepare_threshold", None)
    ping_idle = kwargs.pop("ping_idle_seconds", PING_IDLE_SECONDS)
    engine = create_engine(url, hide_parameters=True, connect_args=pg_args, **kwargs)
    ping_when_idle(engine, ping_idle)
    return engine


def ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """pool_pre_ping for connections idle at least `idle_seconds` (PING_IDLE_SECONDS): a dead
    one is replaced, and the pool's older connections with it, as pool_pre_ping does."""

    @event.listens_for(engine, "connect")
    def _connected(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["returned"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("returned", 0.0) < idle_seconds:
            return
        dialect = engine.dialect
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as err:
            if not dialect.is_disconnect(err, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            # The pool reconnects this one and drops the connections older than it.
            raise exc.InvalidatePoolError()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
