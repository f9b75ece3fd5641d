"""Every programme setting is offered by every form the table names, and documented.

The model is datasette's tests/test_docs.py: the table in bot/core/settings.py is the one
declaration, and this fails when a form, docs/console.md or the README's table lacks a key.
"""

from pathlib import Path

import pytest

from bot.core import settings as table
from bot.services.programme_settings import ProgrammeSettings, settings_as_text
from bot.slack import blocks
from bot.teams import admin as teams_admin

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- settings-table: generated from bot/core/settings.py -->"
END = "<!-- /settings-table -->"
# The keys of the contract (the README's programme settings).
CONTRACT = (
    "name", "mode", "group_size", "capacity", "cadence", "timezone", "recency",
    "checkin_after", "professions", "side_a", "side_b", "side_a_professions",
    "side_b_professions", "format", "term_rounds", "evaluation", "organisers", "channel",
    "term_starts", "journey",
)


def _offered(surface: table.Surface) -> set[str]:
    return {s.key for s in table.for_form(surface)}


def test_the_table_holds_every_key_of_the_contract_once_in_show_order():
    assert table.KEYS[:len(CONTRACT)] == CONTRACT
    assert len(set(table.KEYS)) == len(table.KEYS)
    assert list(settings_as_text(ProgrammeSettings(name="P"))) == list(table.KEYS)


def test_every_setting_has_plain_words_and_a_default_its_own_checks_accept():
    for s in table.SETTINGS:
        assert s.label and s.label[0].isupper() and not s.label.endswith("."), s.key
        assert s.section in table.SECTIONS, s.key
        assert s.forms, s.key
        if s.key != "name":
            assert s.check(s.parse(s.text(s.default))) == s.check(s.default), s.key


def test_the_slack_modal_offers_every_setting_the_table_gives_slack():
    view = blocks.build_settings_modal(1, ProgrammeSettings(name="P")).to_dict()
    ids = {b.get("block_id") for b in view["blocks"] if b["type"] == "input"}
    assert _offered(table.Surface.SLACK) <= ids


def test_the_teams_card_offers_every_setting_the_table_gives_teams():
    card = teams_admin.build_settings_card(
        teams_admin.Organised(1, "P", ProgrammeSettings(name="P")))
    ids = {b.get("id") for b in card["body"] if str(b.get("type", "")).startswith("Input.")}
    assert _offered(table.Surface.TEAMS) <= ids
    assert set(teams_admin.SETTINGS_INPUTS) == _offered(table.Surface.TEAMS)


def _changed_text(setting: table.Setting) -> str | None:
    """A value of the setting other than its default, as a form would send it."""
    if setting.options:
        return next(v for v, _ in setting.options if v != setting.text(setting.default))
    if setting.kind == table.Kind.INT:
        return str(setting.high if setting.default != setting.high else setting.low)
    return {table.Kind.PAIRS: "Nursing=Nurse\nMedical and Dental=Doctor",
            table.Kind.TEXT: {"name": "Ward learning", "cadence": "weekly friday 12:30",
                              "timezone": "Europe/Dublin", "journey": "values; roles",
                              "term_starts": "first monday of may",
                              "instrument": "test-7"}.get(setting.key)}.get(setting.kind)


CHANGED = {s.key: text for s in table.SETTINGS
           if (text := _changed_text(s)) is not None and s.key != "mode"}


def test_the_slack_modal_reads_back_every_setting_it_offers_as_changed():
    from bot.services.programme_settings import parse_settings
    from bot.slack.forms import settings_values
    from tests.slack.support import fill

    current = ProgrammeSettings(name="P")
    view = blocks.build_settings_modal(1, current).to_dict()
    offered = {k: v for k, v in CHANGED.items() if k in _offered(table.Surface.SLACK)}
    view["state"] = {"values": fill(view, offered)}
    read = settings_values(view)
    parsed = settings_as_text(parse_settings(read, base=current))
    assert {k: parsed[k] for k in offered} == {
        k: v.replace("\n", "; ") for k, v in offered.items()}


def test_the_teams_card_reads_back_every_setting_it_offers_and_shows_every_error():
    from bot.services.programme_settings import SettingsError, parse_settings

    current = ProgrammeSettings(name="P")
    offered = {k: v for k, v in CHANGED.items() if k in _offered(table.Surface.TEAMS)}
    data = {**offered, "programme_id": 1, "unrelated": "x"}
    parsed = settings_as_text(parse_settings(teams_admin.settings_values(data), base=current))
    assert {k: parsed[k] for k in offered} == {
        k: v.replace("\n", "; ") for k, v in offered.items()}
    with pytest.raises(SettingsError) as caught:
        parse_settings({"slots": "9", "holidays": "mars", "instrument": "Not an id"})
    card = teams_admin.build_settings_card(
        teams_admin.Organised(1, "P", current), errors=caught.value.errors,
        values={"slots": "9", "holidays": "mars", "instrument": "Not an id"})
    body = card["body"]
    for key in ("slots", "holidays", "instrument"):
        at = next(i for i, b in enumerate(body) if b.get("id") == key)
        assert body[at + 1]["text"] == caught.value.errors[key]


@pytest.mark.parametrize("path", ["README.md", "docs/console.md"])
def test_the_docs_list_every_setting_as_the_table_declares_it(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert START in text and END in text, f"{path} has no generated settings table"
    written = text[text.index(START) + len(START):text.index(END)].strip()
    for key in table.KEYS:
        assert f"| `{key}` |" in written, f"{path} lacks the setting {key}"
    assert written == table.markdown_table(), (
        f"{path}'s settings table differs from bot/core/settings.py; put this between its "
        f"markers:\n{table.markdown_table()}")


def write_docs() -> None:
    """Put the table's current list between the markers of README.md and docs/console.md."""
    for path in ("README.md", "docs/console.md"):
        file = ROOT / path
        text = file.read_text(encoding="utf-8")
        start, end = text.index(START) + len(START), text.index(END)
        file.write_text(f"{text[:start]}\n{table.markdown_table()}\n{text[end:]}",
                        encoding="utf-8")


if __name__ == "__main__":  # .venv/bin/python -m tests.test_settings_docs
    write_docs()
