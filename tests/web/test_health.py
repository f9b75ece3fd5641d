"""Health and readiness, in-process."""

from fastapi.testclient import TestClient

from bot.store import migrate
from bot.web.app import create_app


def test_readyz_is_unavailable_until_the_database_is_migrated(empty_engine):
    client = TestClient(create_app(engine=empty_engine))
    assert client.get("/healthz").json() == {"status": "ok"}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "not migrated to head"

    migrate.upgrade(empty_engine)
    assert client.get("/readyz").status_code == 200


def test_readyz_is_unavailable_when_the_database_is_unreachable(tmp_path):
    from bot.store.db import make_engine

    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = TestClient(create_app(engine=engine)).get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
