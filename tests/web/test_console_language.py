"""The console's language: the header's choice (a cookie), else Accept-Language, else
English; the pages done so far pass every word through the catalogue."""

from __future__ import annotations

import html
import re

import pytest

from bot.core import i18n
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import ensure_workspace
from bot.web.console import web
from tests.web.console_support import TOKEN, make_client, make_services

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# The pages whose every word goes through the catalogue so far (the others follow).
PAGES = ["/admin/login", "/admin/logout", "/admin/no-such-page"]


def _visible(page: str) -> list[str]:
    """The text a reader sees: tags, scripts and attribute values left out."""
    body = re.sub(r"(?s)<(script|style|code)\b.*?</\1>", " ", page)
    body = re.sub(r"(?s)<!--.*?-->|<[^>]+>", "\n", body)
    return [line.strip() for line in html.unescape(body).splitlines() if line.strip()]


def test_the_browser_language_then_the_header_choice_decide_the_console_language(engine):
    client = make_client(engine, make_services(engine))
    welsh = client.get("/admin/login", headers={"Accept-Language": "cy-GB, en;q=0.8"})
    assert '<html lang="cy">' in welsh.text
    assert "Mewngofnodi i gonsol y trefnwyr" in welsh.text
    assert "Sign in to the organiser console" not in welsh.text
    english = client.get("/admin/login", headers={"Accept-Language": "fr, en;q=0.5, cy;q=0.1"})
    assert '<html lang="en-GB">' in english.text and "Sign in to the organiser console" in (
        english.text)

    chosen = client.get("/admin/language/en?next=/admin/login",
                        headers={"Accept-Language": "cy"}, follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == "/admin/login"
    assert "pairbot_console_language=en" in chosen.headers["set-cookie"]
    after = client.get("/admin/login", headers={"Accept-Language": "cy"})
    assert "Sign in to the organiser console" in after.text  # the choice wins
    client.get("/admin/language/cy?next=//evil.example", follow_redirects=False)
    back = client.get("/admin/login")
    assert "Mewngofnodi i gonsol y trefnwyr" in back.text
    escaped = client.get("/admin/language/cy?next=//evil.example", follow_redirects=False)
    assert escaped.headers["location"] == "/admin"  # never off the console


@pytest.mark.parametrize("path", ["/admin/login", "/admin/logout"])
def test_every_word_of_the_page_passes_through_the_catalogue(engine, monkeypatch, path):
    monkeypatch.setattr(web, "console_locale", lambda request: i18n.PSEUDO_LOCALE)
    client = make_client(engine, make_services(engine))
    page = client.get(path)
    # Names and values are not words: the product, the languages named in themselves.
    kept = {"pairbot", "English", "Cymraeg", "›"}
    left = [text for text in _visible(page.text)
            if text not in kept and not (text.startswith(i18n.PSEUDO_OPEN)
                                         and text.endswith(i18n.PSEUDO_CLOSE))]
    assert left == [], left


@pytest.mark.parametrize("path", PAGES)
def test_in_welsh_no_english_string_of_the_catalogue_is_left(engine, path):
    client = make_client(engine, make_services(engine))
    client.cookies.set("pairbot_console_language", "cy")
    page = client.get(path).text
    with i18n.using("cy"):
        english = [m for m in _catalogue_ids() if i18n._(m) != m]
    # The header's language links name each language in itself (English, Cymraeg).
    shown = [text for text in _visible(page) if text not in ("English", "Cymraeg")]
    assert [m for m in english if m in shown] == []
    assert "Mewngofnodi" in page or "Allgofnodi" in page or "Yn ôl i" in page


def _catalogue_ids() -> list[str]:
    from babel.messages.pofile import read_po

    from bot.core.i18n import resources

    with (resources.files("bot") / "locale" / "messages.pot").open("rb") as f:
        return [m.id for m in read_po(f) if isinstance(m.id, str) and m.id]


def test_settings_labels_are_translated_in_the_console_slack_and_teams(engine):
    from bot.core import settings as table
    from bot.slack.blocks import build_settings_modal
    from bot.teams.admin import Organised, build_settings_card

    services = make_services(engine)
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", services.now(), "Trust")
        pid = create_programme(session, ws, ProgrammeSettings(name="Peilot"),
                                     services.now()).id
    client = make_client(engine, services)
    client.cookies.set("pairbot_console_language", "cy")
    page = html.unescape(client.get(f"/admin/programmes/{pid}/settings", headers=AUTH).text)
    for welsh in ("Enw'r rhaglen", "Pwy sy'n cwrdd â phwy", "Cadw'r gosodiadau", "Ymlaen",
                  "Y rhaglen</legend>"):
        assert welsh in page, welsh
    assert "Programme name" not in page and "Who meets whom" not in page
    # The docs' tables stay in English whatever the reader.
    with i18n.using("cy"):
        assert table.BY_KEY["name"].label == "Programme name"
        modal = str(build_settings_modal(pid, ProgrammeSettings(name="Peilot")).to_dict())
        card = build_settings_card(Organised(pid, "Peilot", ProgrammeSettings(name="Peilot")))
    assert "Enw'r rhaglen" in modal and "Programme name" not in modal
    labels = [e.get("label", "") for e in card["body"]]
    headings = [e.get("text", "") for e in card["body"] if e.get("type") == "TextBlock"]
    assert any(label.startswith("Enw'r rhaglen") for label in labels)
    assert "Y rhaglen" in " ".join(headings) and "Programme name" not in str(card)
