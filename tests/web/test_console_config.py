"""Every setting is in the README's configuration table."""

from pathlib import Path

from bot.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text()
    missing = [field.alias for field in Settings.model_fields.values()
               if field.alias and f"`{field.alias}`" not in text]
    assert missing == []
