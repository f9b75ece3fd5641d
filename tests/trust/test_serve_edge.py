"""`pairbot serve` as a process (issue 25): it listens on loopback unless HOST says
otherwise, a forged X-Forwarded-For buys no extra token guesses, and anonymous Teams is
refused where anyone could reach it."""

from __future__ import annotations

import urllib.request

import pytest

from tests.support.proc import Server, run_pairbot

TOKEN = "a-long-enough-operator-token-0123456789"


def _get(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_serve_listens_on_loopback_and_a_forged_forwarded_for_is_not_believed(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/pb.db", "PAIRBOT_ADMIN_TOKEN": TOKEN,
           "PAIRBOT_SECRET_KEY": "s" * 32}
    with Server("--no-scheduler", env=env, cwd=tmp_path, host=None) as server:
        server.wait_ready()
        assert f"pairbot listening on http://127.0.0.1:{server.port}" in server.output()
        url = server.url + "/admin/api/programmes"
        for guess in range(10):
            # Each guess claims to come from a new address: uvicorn believes no one's
            # X-Forwarded-For unless PAIRBOT_TRUSTED_PROXIES lists them.
            assert _get(url, {"Authorization": f"Bearer guess-{guess}",
                              "X-Forwarded-For": f"198.51.100.{guess}"}) == 401
        assert _get(url, {"Authorization": f"Bearer {TOKEN}",
                          "X-Forwarded-For": "203.0.113.50"}) == 429


def test_anonymous_teams_off_loopback_refuses_to_start(tmp_path):
    result = run_pairbot("serve", env={"DATABASE_URL": f"sqlite:///{tmp_path}/pb.db",
                                       "PAIRBOT_TEAMS_ALLOW_ANONYMOUS": "true",
                                       "HOST": "0.0.0.0"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("pairbot: PAIRBOT_TEAMS_ALLOW_ANONYMOUS:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_short_admin_token_refuses_to_start_with_how_to_make_one(tmp_path):
    result = run_pairbot("serve", env={"DATABASE_URL": f"sqlite:///{tmp_path}/pb.db",
                                       "PAIRBOT_ADMIN_TOKEN": "hunter2",
                                       "PAIRBOT_SECRET_KEY": "s" * 32}, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("pairbot: PAIRBOT_ADMIN_TOKEN: is too short (7 characters)")
    assert 'python -c "import secrets; print(secrets.token_urlsafe(32))"' in line
