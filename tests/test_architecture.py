"""The layers of docs/development.md hold: bot/core is pure; only bot/config reads the
environment."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
FORBIDDEN_IN_CORE = {
    "sqlalchemy", "alembic", "slack_sdk", "slack_bolt", "microsoft_agents", "fastapi",
    "starlette", "uvicorn", "apscheduler", "psycopg", "httpx", "requests", "aiohttp",
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_framework_or_outer_layer():
    offenders = []
    for path in sorted((BOT / "core").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            outer = name.startswith("bot.") and not name.startswith("bot.core")
            if top in FORBIDDEN_IN_CORE or outer:
                offenders.append(f"{path.relative_to(BOT.parent)} imports {name}")
    assert offenders == []


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run([lint, "--no-cache"], cwd=BOT.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_config_reads_the_environment():
    offenders = [
        str(path.relative_to(BOT.parent))
        for path in BOT.rglob("*.py")
        if path.name != "config.py" and ("os.environ" in path.read_text()
                                         or "os.getenv" in path.read_text())
    ]
    assert offenders == []
