"""Shared fixtures. Store tests run on SQLite, and on PostgreSQL too when
TEST_DATABASE_URL is set (CI sets it): each pytest run (each xdist worker) gets its
own PostgreSQL database so that concurrent runs never collide.

A test that asks for `engine` gets a database at the newest migration without paying
for the migrations each time (about 0.6 s a test): on SQLite a copy of a file migrated
once per run; on PostgreSQL the worker's database emptied row by row when it is
already at head, and dropped and migrated again when a test left it anywhere else.
`empty_engine` and a bare `database_url` still get an empty database."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.store import migrate
from bot.store.db import make_engine

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")

# Every property test draws the same examples on every run and machine, as the fuzz tests
# do (tests/fuzz/profile.py): a failure reproduces, nothing is replayed from a
# `.hypothesis/` folder, and the suite's time does not depend on the draw (one random
# draw of the groups oracle took 81 s where others take 4). The fuzz tests draw at random
# in bench/fuzz.py.
settings.register_profile("pairbot", derandomize=True, database=None)
settings.load_profile("pairbot")


def _pg_admin_url() -> str:
    url = make_url(TEST_DATABASE_URL or "")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str | None]:
    """A fresh PostgreSQL database for this run, dropped at the end."""
    if not TEST_DATABASE_URL:
        yield None
        return
    admin_url = _pg_admin_url()
    name = f"pairbot_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _backends() -> list[object]:
    """SQLite always; PostgreSQL too with TEST_DATABASE_URL. The PostgreSQL run is marked
    slow: the quick loop (`-m "not slow"`) runs each database test once, on SQLite, and the
    whole suite (CI) runs it on both."""
    if not TEST_DATABASE_URL:
        return ["sqlite"]
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


@pytest.fixture(scope="session")
def _sqlite_at_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per run, copied for each test that needs one."""
    path = tmp_path_factory.mktemp("migrated") / "pairbot.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        # Everything into the main file, so that copying that file copies the database.
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _head_revision() -> str | None:
    return migrate.head_revision(make_engine("sqlite://"))


def _pg_drop_everything(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _pg_empty_at_head(url: str, head: str | None) -> bool:
    """Empty every table of a database already at `head`; False when it is not at head."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            found = conn.execute(text(
                "SELECT to_regclass('public.alembic_version') IS NOT NULL")).scalar()
            if not found or conn.execute(
                    text("SELECT version_num FROM alembic_version")).scalar() != head:
                return False
            tables = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'")).scalars().all()
            # DELETE, not TRUNCATE: truncating thirty small tables makes thirty new files
            # and takes over a second; deleting their few rows takes milliseconds. The
            # replica role skips the foreign-key triggers, so the order does not matter.
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))
            conn.execute(text(
                "SELECT setval(c.oid, 1, false) FROM pg_class c "
                "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"))
        return True
    finally:
        engine.dispose()


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path, pg_database_url) -> Iterator[str]:
    """A database URL on each backend under test: empty, or at head for `engine`."""
    at_head = "engine" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "pairbot.db"
        if at_head:
            shutil.copyfile(request.getfixturevalue("_sqlite_at_head"), path)
        yield f"sqlite:///{path}"
        return
    assert pg_database_url is not None
    if at_head:
        head = request.getfixturevalue("_head_revision")
        if not _pg_empty_at_head(pg_database_url, head):
            _pg_drop_everything(pg_database_url)
            engine = make_engine(pg_database_url)
            migrate.upgrade(engine)
            engine.dispose()
    else:
        _pg_drop_everything(pg_database_url)
    yield pg_database_url


@pytest.fixture
def empty_engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test's database (empty unless the test also asks for `engine`)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """An engine on a database migrated to head (made so by `database_url`)."""
    return empty_engine
