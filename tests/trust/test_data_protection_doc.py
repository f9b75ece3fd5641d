"""docs/data-protection.md stays true: its inventory lists exactly the database's columns,
and every setting (retention included) is documented."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings
from bot.store.models import Base

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "data-protection.md"
ROW = re.compile(r"^\| `([a-z_]+)\.([a-z_]+)` \|", re.MULTILINE)


def _inventory() -> list[str]:
    text = DOC.read_text()
    section = text.split("## Inventory", 1)[1]
    return [f"{table}.{column}" for table, column in ROW.findall(section)]


def test_the_inventory_lists_every_column_of_the_models_once():
    documented = _inventory()
    assert len(documented) == len(set(documented)), "a column is listed twice"
    columns = {f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns}
    assert sorted(columns - set(documented)) == [], "columns missing from the inventory"
    assert sorted(set(documented) - columns) == [], "the inventory lists columns that are gone"


def test_every_retention_setting_is_in_the_data_protection_page():
    aliases = [field.alias for field in Settings.model_fields.values() if field.alias]
    page = DOC.read_text()
    for alias in aliases:
        if "RETAIN" in alias or "ERASE" in alias:
            default = Settings.model_fields[
                next(n for n, f in Settings.model_fields.items() if f.alias == alias)].default
            assert f"| `{alias}` | `{default}` |" in page, alias


def test_the_slack_scopes_are_all_explained():
    from bot.slack.app import BOT_SCOPES

    page = DOC.read_text()
    section = page.split("## Slack scopes", 1)[1].split("## ", 1)[0]
    assert [s for s in BOT_SCOPES if f"`{s}`" not in section] == []
