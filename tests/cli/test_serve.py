"""`pairbot serve` and `pairbot migrate`: as real processes (marked slow), and what the
commands answer, run in this process."""

import json

import pytest

from tests.support.proc import Server, get, run_cli, run_pairbot


@pytest.mark.slow
def test_serve_on_a_fresh_checkout_answers_health_and_readiness(tmp_path):
    # No variables at all: SQLite in the working directory.
    with Server(cwd=tmp_path) as server:
        server.wait_ready()
        assert get(server.url + "/healthz") == (200, b'{"status":"ok"}')
        status, body = get(server.url + "/readyz")
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok", "migrations": "head"}
        log = server.output()
    assert (tmp_path / "pairbot.db").exists()
    assert "Slack: off; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in log
    assert "Teams: off; set CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID" in log
    assert "Traceback" not in log


@pytest.mark.slow
def test_serve_on_the_database_under_test(database_url, tmp_path):
    with Server(env={"DATABASE_URL": database_url}, cwd=tmp_path) as server:
        server.wait_ready()
        status, body = get(server.url + "/readyz")
    assert status == 200, body


def test_migrate_reports_the_revision(database_url, tmp_path):
    result = run_cli("migrate", env={"DATABASE_URL": database_url}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(head)" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PORT": "abc"}, "pairbot: PORT: must be a whole number from 1 to 65535 (got 'abc')"),
        ({"PORT": "0"}, "pairbot: PORT: must be a whole number from 1 to 65535 (got '0')"),
        ({"DATABASE_URL": "not a url"}, "pairbot: DATABASE_URL: is not a database URL"),
        ({"DATABASE_URL": "mysql://u@h/db"}, "pairbot: DATABASE_URL: uses 'mysql'"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "pairbot: SLACK_SIGNING_SECRET: is required when"),
        ({"SLACK_BOT_TOKEN": "hello", "SLACK_SIGNING_SECRET": "s"},
         "pairbot: SLACK_BOT_TOKEN: must be a Slack bot token"),
        ({"SLACK_CLIENT_ID": "123.456"}, "pairbot: SLACK_CLIENT_SECRET: must be set together"),
        ({"SLACK_API_URL": "slack.example"}, "pairbot: SLACK_API_URL: must be an http(s) URL"),
        ({"PAIRBOT_TEAMS_ALLOW_ANONYMOUS": "perhaps"},
         "pairbot: PAIRBOT_TEAMS_ALLOW_ANONYMOUS: must be true or false"),
        ({"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"},
         "pairbot: DATABASE_URL: cannot reach the database"),
    ],
)
@pytest.mark.slow
def test_bad_configuration_stops_with_one_line_and_exit_2(env, expected, tmp_path):
    result = run_pairbot("serve", env=env, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected)
    assert not (tmp_path / "pairbot.db").exists() or "DATABASE_URL" in expected


def test_bad_configuration_from_a_dotenv_file(tmp_path):
    (tmp_path / ".env").write_text("PORT=eighty\n")
    result = run_cli("migrate", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "pairbot: PORT: must be a whole number from 1 to 65535 (got 'eighty')"
    )


def test_every_command_has_help():
    for command in ["serve", "migrate", "match", "tick", "round", "demo"]:
        result = run_cli(command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "usage: pairbot" in result.stdout


def test_serve_freezes_what_start_up_made_before_it_serves(tmp_path, monkeypatch):
    """Issue 25's stall: a full garbage collection walked the ~200,000 objects start-up
    made (modules, app, catalogues) and stalled every request in flight for ~100 ms.
    By the time uvicorn serves, they are frozen out of full collections."""
    import gc

    import uvicorn

    from tests.support.proc import run_cli

    seen: dict[str, int] = {}

    def serve_nothing(self: uvicorn.Server, sockets: object = None) -> None:
        seen["frozen"], seen["walked"] = gc.get_freeze_count(), len(gc.get_objects())

    monkeypatch.setattr(uvicorn.Server, "run", serve_nothing)
    gc.unfreeze()
    try:
        result = run_cli("serve", "--no-scheduler",
                         env={"DATABASE_URL": f"sqlite:///{tmp_path / 'pairbot.db'}"})
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
    assert result.returncode == 0, result.stderr
    assert seen["frozen"] > 100_000
    # What a full collection still walks is a small part of the heap.
    assert seen["walked"] < seen["frozen"] / 10
