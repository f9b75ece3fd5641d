"""/metrics: what an operator's Prometheus scrapes after a round has run and been sent."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import APIRouter, HTTPException
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.config import load_settings
from bot.observability import metrics
from bot.runtime import build_runtime
from bot.services.delivery import deliver_due
from bot.services.rounds import run_round
from bot.slack.gateway import Pacing, SlackGateway, make_client, single_token
from bot.web.app import create_app
from tests.fakes.slack_api import FakeSlack
from tests.support.seed import programme_with_people


def sample(body: str, name: str, **labels: str) -> float | None:
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return None


@pytest.fixture
def runtime(engine, monkeypatch):
    monkeypatch.delenv("PAIRBOT_METRICS_TOKEN", raising=False)
    settings = load_settings(DATABASE_URL=str(engine.url), PAIRBOT_METRICS_TOKEN="")
    rt = build_runtime(settings, engine=engine, scheduler=False)
    yield rt
    rt.shutdown()
    metrics.install(None)


def test_metrics_after_a_round_show_requests_outbox_round_and_matcher(runtime):
    services = runtime.services
    now = services.now()
    programme = programme_with_people(services.sessions, name="Pilot", people=10,
                                      created=now - dt.timedelta(days=30))
    run_round(services, programme)
    http = TestClient(runtime.app)
    assert http.get("/healthz").status_code == 200
    assert http.get("/no/such/page").status_code == 404

    response = http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    body = response.text
    # Every metric has its HELP line.
    helped = {line.split()[2] for line in body.splitlines() if line.startswith("# HELP")}
    typed = {line.split()[2] for line in body.splitlines() if line.startswith("# TYPE")}
    assert typed <= helped and len(typed) >= 15
    assert sample(body, "pairbot_build_info", version=__import__("bot").__version__) == 1
    assert sample(body, "pairbot_http_requests_total", route="/healthz", status="200") == 1
    # Unknown paths share one series instead of one per path.
    assert sample(body, "pairbot_http_requests_total", route="unmatched", status="404") == 1
    assert sample(body, "pairbot_http_request_duration_seconds_count", route="/healthz") == 1
    # Five pairs were written to the outbox and none is sent: all due.
    assert sample(body, "pairbot_outbox_due_messages") == 5
    assert sample(body, "pairbot_outbox_sending_messages") == 0
    assert sample(body, "pairbot_outbox_oldest_due_age_seconds") >= 0
    assert sample(body, "pairbot_outbox_messages", state="pending") == 5
    assert sample(body, "pairbot_round_duration_seconds_count") == 1
    assert sample(body, "pairbot_matcher_duration_seconds_count") == 1
    assert sample(body, "pairbot_scheduler_leader") == 0  # --no-scheduler here
    assert sample(body, "pairbot_database_up") == 1


def test_slack_calls_latency_and_429s_are_counted(runtime):
    services = runtime.services
    now = services.now()
    programme = programme_with_people(services.sessions, name="Pilot", people=4,
                                      created=now - dt.timedelta(days=30))
    run_round(services, programme)
    with FakeSlack() as fake:
        for i in range(4):
            fake.add_user(f"U{i:04d}", real_name=f"Person {i}")
        pacing = Pacing().compressed(1000)
        gateway = SlackGateway(api_url=fake.url, tokens=single_token("xoxb-test"),
                               open_rate=pacing.open, post_rate=pacing.post,
                               call_rate=pacing.call)
        services.gateways["slack"] = gateway
        # The first post is refused with a 429 once; slack_sdk waits Retry-After and retries.
        fake.fail("chat.postMessage", "ratelimited", retry_after=0)
        report = deliver_due(services)
    assert report.sent == 2
    body = TestClient(runtime.app).get("/metrics").text
    assert sample(body, "pairbot_platform_api_calls_total", platform="slack",
                  method="chat.postMessage", outcome="ok") == 2
    assert sample(body, "pairbot_platform_api_calls_total", platform="slack",
                  method="conversations.open", outcome="ok") == 2
    assert sample(body, "pairbot_platform_api_call_duration_seconds_count", platform="slack",
                  method="chat.postMessage") == 2
    assert sample(body, "pairbot_platform_retries_total", platform="slack",
                  reason="ratelimited") == 1
    assert sample(body, "pairbot_platform_rate_limited_total", platform="slack") == 1
    assert sample(body, "pairbot_outbox_due_messages") == 0


def test_a_slack_error_is_counted_by_its_code():
    registry = metrics.Metrics()
    metrics.install(registry)
    try:
        with FakeSlack() as fake:
            client = make_client(fake.url, "xoxb-test")
            fake.fail("users.info", "user_not_found", status=200)
            with pytest.raises(Exception, match="user_not_found"):
                client.users_info(user="U1")
    finally:
        metrics.install(None)
    body = registry.render().decode()
    assert sample(body, "pairbot_platform_api_calls_total", method="users.info",
                  outcome="user_not_found") == 1


def test_requests_are_counted_by_route_template_not_by_path(engine):
    router = APIRouter()

    @router.get("/things/{thing_id}")
    def thing(thing_id: int) -> dict[str, int]:
        if thing_id > 100:
            raise HTTPException(404)
        return {"id": thing_id}

    registry = metrics.Metrics()
    http = TestClient(create_app(engine=engine, metrics=registry, routers=[router]))
    for thing_id in (1, 2, 3, 404):
        http.get(f"/things/{thing_id}")
    body = registry.render().decode()
    assert sample(body, "pairbot_http_requests_total", route="/things/{thing_id}",
                  status="200") == 3
    assert sample(body, "pairbot_http_requests_total", route="/things/{thing_id}",
                  status="404") == 1
    assert "/things/1" not in body


def test_metrics_token_protects_the_endpoint(engine):
    settings = load_settings(DATABASE_URL=str(engine.url), PAIRBOT_METRICS_TOKEN="s3cret" * 6)
    rt = build_runtime(settings, engine=engine, scheduler=False)
    try:
        http = TestClient(rt.app)
        assert http.get("/metrics").status_code == 401
        assert http.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = http.get("/metrics", headers={"Authorization": "Bearer " + "s3cret" * 6})
        assert ok.status_code == 200 and "pairbot_build_info" in ok.text
        # Health stays open for the probes.
        assert http.get("/healthz").status_code == 200
    finally:
        rt.shutdown()
        metrics.install(None)


def test_a_request_id_is_returned_and_kept_when_offered(runtime):
    http = TestClient(runtime.app)
    assert len(http.get("/healthz").headers["x-request-id"]) == 32
    offered = http.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert offered.headers["x-request-id"] == "abc-123"
    odd = http.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert odd.headers["x-request-id"] != "<script>"
