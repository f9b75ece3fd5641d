"""Documents that must match the code: a variable missing from the
configuration page fails here (datasette's tests/test_docs.py is the model)."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings

REPO = Path(__file__).resolve().parents[1]


def _aliases() -> list[str]:
    return [field.alias or name.upper() for name, field in Settings.model_fields.items()]


def test_every_environment_variable_is_on_the_configuration_page():
    page = (REPO / "docs" / "configuration.md").read_text()
    table = page[page.index("| variable |"):]
    assert [alias for alias in _aliases() if f"`{alias}`" not in table] == []


def test_the_readme_links_the_configuration_page():
    assert "docs/configuration.md" in (REPO / "README.md").read_text()


def test_the_readme_is_for_someone_deciding_to_try_pairbot():
    """At most 200 lines: the operator's manual and the figures live in docs/."""
    lines = (REPO / "README.md").read_text().splitlines()
    assert len(lines) <= 200
