"""The organiser dashboard: refuses without the token, shows figures and exports CSV."""

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants
from bot.services.clock import FixedClock
from bot.web.admin import admin_router
from bot.web.app import create_app


@pytest.fixture
def services(engine):
    services = build_services(engine, FixedClock(dt.datetime(2026, 11, 30, tzinfo=dt.UTC)))
    for user, profession in [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Nurse")]:
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    return services


def _client(engine, services, token):
    return TestClient(create_app(engine=engine, routers=[admin_router(services, token)]))


def test_without_a_configured_token_the_dashboard_refuses_everyone(engine, services):
    client = _client(engine, services, None)
    response = client.get("/admin", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "set PAIRBOT_ADMIN_TOKEN" in response.text
    assert client.get("/admin/api/stats").json() == {
        "error": "The dashboard is off: set PAIRBOT_ADMIN_TOKEN to turn it on."}


def test_a_wrong_token_is_refused(engine, services):
    client = _client(engine, services, "s3cret")
    assert client.get("/admin").status_code == 401
    assert client.get("/admin", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.post("/admin/login", data={"token": "nope"}).status_code == 401


def test_signed_in_organisers_see_figures_and_export_csv(engine, services):
    client = _client(engine, services, "s3cret")
    page = client.get("/admin", headers={"Authorization": "Bearer s3cret"})
    assert page.status_code == 200
    assert "Paired learning" in page.text and "3 participants (3 active)" in page.text
    stats = client.get("/admin/api/stats", headers={"Authorization": "Bearer s3cret"}).json()
    assert stats[0]["by_profession"] == {"Nurse": 2, "Manager": 1}

    login = client.post("/admin/login", data={"token": "s3cret"}, follow_redirects=False)
    assert login.status_code == 303
    report = client.get(f"/admin/programmes/{stats[0]['id']}/report.csv")
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("text/csv")
    assert "participants_by_profession,Nurse,2" in report.text
