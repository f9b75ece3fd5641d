"""PAIRBOT_LOG_FORMAT=json: one JSON object per line with the request id, programme and
round, and no personal data at INFO and above."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
from fastapi.testclient import TestClient

from bot.config import ConfigError, load_settings
from bot.observability import logs
from bot.runtime import build_runtime
from bot.services.rounds import run_round
from tests.support.proc import Server, get, run_pairbot
from tests.support.seed import programme_with_people

FIELDS = {"time", "level", "logger", "message", "request_id", "programme", "round"}


@pytest.fixture
def json_lines():
    stream = io.StringIO()
    logs.configure(level=logging.INFO, json_lines=True, stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    logs.configure(level=logging.WARNING)


def test_each_line_is_one_object_with_the_fields_and_the_request_id(engine, json_lines):
    runtime = build_runtime(load_settings(DATABASE_URL=str(engine.url)), engine=engine,
                            scheduler=False)
    request_logger = logging.getLogger("pairbot.test")
    # Its own level: an earlier test may have left the "pairbot" logger above INFO.
    request_logger.setLevel(logging.INFO)

    @runtime.app.get("/boom")
    def boom() -> dict[str, str]:
        request_logger.warning("inside a request")
        return {}

    response = TestClient(runtime.app).get("/boom", headers={"X-Request-ID": "req-42"})
    with logs.working_on(programme_id=7, round_id=3):
        request_logger.info("inside a job")
    try:
        raise RuntimeError("failed")
    except RuntimeError:
        request_logger.exception("with a traceback")
    runtime.shutdown()
    records = [r for r in json_lines() if r["logger"] == "pairbot.test"]
    assert response.headers["x-request-id"] == "req-42"
    assert [r["message"] for r in records] == ["inside a request", "inside a job",
                                               "with a traceback"]
    assert all(set(r) >= FIELDS for r in records)
    assert records[0]["request_id"] == "req-42" and records[0]["level"] == "WARNING"
    assert (records[1]["programme"], records[1]["round"], records[1]["request_id"]) == (
        7, 3, None)
    assert "RuntimeError: failed" in records[2]["exc_info"]
    dt.datetime.fromisoformat(records[0]["time"])


def test_a_round_logs_no_names_at_info(engine, json_lines):
    runtime = build_runtime(load_settings(DATABASE_URL=str(engine.url)), engine=engine,
                            scheduler=False)
    services = runtime.services
    programme = programme_with_people(services.sessions, name="Pilot", people=6,
                                      created=services.now() - dt.timedelta(days=30))
    run_round(services, programme)
    runtime.shutdown()
    text = json.dumps(json_lines())
    assert "round " in text  # the round was logged ...
    assert "Person " not in text  # ... without the names seed.py gives people


def test_a_bad_log_format_stops_the_start_with_one_line(tmp_path):
    with pytest.raises(ConfigError, match="PAIRBOT_LOG_FORMAT: must be text or json"):
        load_settings(PAIRBOT_LOG_FORMAT="xml")
    result = run_pairbot("migrate", env={"PAIRBOT_LOG_FORMAT": "xml"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "pairbot: PAIRBOT_LOG_FORMAT: must be text or json (got 'xml')"


@pytest.mark.slow
def test_serve_logs_json_lines(tmp_path):
    with Server(env={"PAIRBOT_LOG_FORMAT": "json"}, cwd=tmp_path) as server:
        server.wait_ready()
        get(server.url + "/healthz")
        output = server.output()
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert any("listening on" in line["message"] for line in lines)
    assert all(set(line) >= FIELDS for line in lines)
