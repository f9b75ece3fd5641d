"""Shared fixtures. Store tests run on SQLite, and on PostgreSQL too when
TEST_DATABASE_URL is set (CI sets it): each pytest run gets its own
PostgreSQL database so that concurrent runs never collide."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.store import migrate
from bot.store.db import make_engine

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


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


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path, pg_database_url) -> Iterator[str]:
    """An empty database URL on each backend under test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'pairbot.db'}"
        return
    assert pg_database_url is not None
    engine = create_engine(pg_database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield pg_database_url


@pytest.fixture
def empty_engine(database_url: str) -> Iterator[Engine]:
    """An engine on an empty database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """An engine on a database migrated to head."""
    migrate.upgrade(empty_engine)
    return empty_engine
