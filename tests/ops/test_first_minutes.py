"""The first five minutes: ./dev from anywhere, a wrong Python, one-line usage errors,
--version, what git ignores, the compose file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot import __version__
from tests.support.proc import REPO, run_cli, run_pairbot


def test_version():
    result = run_pairbot("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pairbot {__version__}"


@pytest.mark.parametrize(("args", "expected"), [
    (["match"], "pairbot match: the following arguments are required: PEOPLE.csv"),
    (["round", "run"], "pairbot round: the following arguments are required: --programme"),
    (["frobnicate"], "pairbot: argument COMMAND: invalid choice: 'frobnicate'"),
    (["serve", "--port", "eighty"], "pairbot serve: argument --port: invalid int value"),
    (["programme", "frob", "x"], "pairbot programme: argument action: invalid choice: 'frob'"),
    *[([command, "--no-such-option"], "pairbot") for command in (
        "serve", "migrate", "match", "tick", "round", "demo", "teams-package",
        "teams-organiser", "programme")],
])
def test_usage_errors_are_one_line_and_exit_2(args, expected):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected) and "--help" in lines[0]


def test_git_ignores_what_running_pairbot_leaves_behind(tmp_path):
    for name in ("pairbot.db-wal", "pairbot.db-shm", "pairbot-teams.zip", "pairbot.db", ".env"):
        result = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO)
        assert result.returncode == 0, name


def test_compose_restarts_and_keeps_the_password_out_of_the_file():
    text = (REPO / "deploy" / "docker-compose.yml").read_text()
    services = yaml.safe_load(text)["services"]
    assert {s["restart"] for s in services.values()} == {"unless-stopped"}
    assert "${POSTGRES_PASSWORD:?" in services["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert "${POSTGRES_PASSWORD:?" in services["pairbot"]["environment"]["DATABASE_URL"]
    assert (REPO / "deploy" / "env.example").read_text().count("POSTGRES_PASSWORD=") == 1


def _copy_of_dev(tmp_path: Path) -> Path:
    """A checkout of just ./dev and its lock files, with the real .venv linked in."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("dev", "requirements.lock", "requirements-dev.lock", "pyproject.toml"):
        shutil.copy2(REPO / name, repo / name)
    return repo


def test_dev_runs_commands_in_the_callers_directory(tmp_path):
    repo = _copy_of_dev(tmp_path)
    (repo / ".venv").symlink_to(REPO / ".venv")
    elsewhere = tmp_path / "work" / "here"
    elsewhere.mkdir(parents=True)
    (tmp_path / "work" / "people.csv").write_text(
        "id,name,profession\n1,Ann,Nurse\n2,Bo,Manager\n")
    result = subprocess.run([str(repo / "dev"), "match", "../people.csv", "--format", "json"],
                            cwd=elsewhere, capture_output=True, text=True, timeout=120,
                            env={k: v for k, v in os.environ.items()
                                 if not k.startswith("PAIRBOT_")})
    assert result.returncode == 0, result.stderr
    assert '"members"' in result.stdout


def test_dev_refuses_an_old_python_and_leaves_no_venv(tmp_path):
    repo = _copy_of_dev(tmp_path)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    old = next((str(p) for p in sorted(pyenv.glob("versions/3.10*/bin/python3.10"))), None)
    if old is None or subprocess.run([old, "-c", "1"], capture_output=True).returncode:
        # No 3.10 here: a stand-in that answers ./dev's two questions as 3.10 would.
        old = str(tmp_path / "python3.10")
        Path(old).write_text('#!/bin/sh\ncase "$2" in *python_version*) echo 3.10.13;; '
                             '*) exit 1;; esac\n')
        os.chmod(old, 0o755)
    result = subprocess.run([str(repo / "dev"), "--version"], cwd=repo, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PYTHON": old})
    assert result.returncode == 2
    assert "pairbot needs Python 3.11 or newer" in result.stderr
    assert not (repo / ".venv").exists()
