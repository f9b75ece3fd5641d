"""The console's configuration: what the start refuses."""


def test_serve_refuses_a_console_without_a_secret_key(tmp_path):
    from tests.support.proc import run_pairbot

    result = run_pairbot("serve", env={"PAIRBOT_ADMIN_TOKEN": "t" * 32,
                                       "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
                         cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "pairbot: PAIRBOT_SECRET_KEY: is required when the console is on (PAIRBOT_ADMIN_TOKEN "
        "or PAIRBOT_PUBLIC_URL is set); make one with "
        'python -c "import secrets; print(secrets.token_urlsafe(32))"')


def test_with_the_console_off_admin_says_how_to_turn_it_on(engine):
    from fastapi.testclient import TestClient

    from bot.config import load_settings
    from bot.runtime import build_runtime

    runtime = build_runtime(load_settings(), engine=engine, scheduler=False)
    try:
        client = TestClient(runtime.app)
        for path in ("/admin", "/admin/login", "/admin/programmes/1/rounds"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.text.startswith("The organiser console is off: set "
                                            "PAIRBOT_ADMIN_TOKEN"), path
        assert client.get("/healthz").status_code == 200
    finally:
        runtime.shutdown()
