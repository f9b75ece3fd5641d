"""The public pages over real HTTP: `/`, `/privacy` (the privacy notice, rendered from
docs/data-protection.md) and `/terms` (docs/terms.md), with no sign-in and no cookie;
then in Chromium: axe-core finds nothing serious, the keyboard reaches every link, and a
320 px screen does not scroll sideways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.store.db import make_engine
from bot.web.app import create_app
from bot.web.public import public_router, render_markdown
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    engine = make_engine("sqlite://")
    with LiveServer(create_app(engine=engine), free_port()) as server:
        yield server.url
    engine.dispose()


class Outline(HTMLParser):
    """The headings (level, id, text), the link targets, the ids and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str | None, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._heading: tuple[int, str | None] | None = None
        self._words: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._words = (int(tag[1]), found.get("id")), []
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((*self._heading, "".join(self._words).strip()))
            self._heading = None
        self._skip = False

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._heading:
            self._words.append(data)


def _outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def _markdown_headings(name: str) -> list[tuple[int, str]]:
    lines = (DOCS / name).read_text(encoding="utf-8").splitlines()
    found = [(len(m.group(1)), m.group(2).strip())
             for m in (re.match(r"^(#{1,6}) (.+)$", line) for line in lines) if m]
    return [(level, re.sub(r"[`*]", "", text)) for level, text in found if level > 1]


def test_the_privacy_notice_is_docs_data_protection_md_without_sign_in(site):
    response = httpx.get(f"{site}/privacy")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "set-cookie" not in response.headers
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = _outline(response.text)
    assert page.headings[0] == (1, None, "Privacy notice")
    # Every section of the document, in order, under the page's title.
    assert [(level, text) for level, _, text in page.headings[1:]] == \
        _markdown_headings("data-protection.md")
    text = " ".join(" ".join(page.text).split())
    assert "is the data controller" in text  # the page's own preface
    assert "participants.display_name" in text  # the inventory's rows
    assert "PAIRBOT_RETAIN_MATCHES_DAYS" in text
    # The document's own links to its sections land on a heading.
    anchors = [link[1:] for link in page.links if link.startswith("#")]
    assert "inventory-every-table-and-column" in anchors
    assert all(anchor in page.ids for anchor in anchors)
    assert "<table>" in response.text and 'role="region"' in response.text


def test_the_terms_of_use_are_docs_terms_md(site):
    response = httpx.get(f"{site}/terms")
    assert response.status_code == 200
    page = _outline(response.text)
    assert page.headings[0] == (1, None, "Terms of use")
    assert [(level, text) for level, _, text in page.headings[1:]] == \
        _markdown_headings("terms.md")
    text = " ".join(" ".join(page.text).split())
    assert "not a clinical system" in text
    assert "/privacy" in page.links
    assert re.search(r"<title>Terms of use · pairbot</title>", response.text)


def test_the_home_page_links_the_privacy_notice_terms_and_console(site):
    response = httpx.get(f"{site}/")
    assert response.status_code == 200
    page = _outline(response.text)
    assert page.headings[0] == (1, None, "pairbot")
    assert {"/privacy", "/terms", "/admin"} <= set(page.links)
    for path in ("/privacy", "/terms"):  # and every link on it answers
        assert httpx.get(f"{site}{path}").status_code == 200
    assert httpx.post(f"{site}/privacy").status_code == 405


def test_raw_html_is_escaped_and_repository_links_become_words():
    title, html = render_markdown(
        "# Notice\n\n## Who *we* are\n\nSee [the code](../bot/x.py), "
        "[our site](https://trust.nhs.uk) and [below](#who-we-are).\n\n"
        "<script>alert(1)</script>\n\n| a | b |\n| - | - |\n| <b>1</b> | 2 |\n")
    assert title == "Notice"
    assert '<h2 id="who-we-are">Who <em>we</em> are</h2>' in html
    assert "<span>the code</span>" in html and "../bot/x.py" not in html
    assert '<a href="https://trust.nhs.uk">our site</a>' in html
    assert '<a href="#who-we-are">below</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html
    assert '<div class="scroll" role="region" tabindex="0" aria-label="Table 1: Who we are">' \
        in html


def test_a_page_whose_text_was_not_installed_says_so_in_one_sentence(tmp_path):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()
    app.include_router(public_router(docs=tmp_path))
    response = TestClient(app).get("/privacy")
    assert response.status_code == 503
    assert ("This page is not available on this server: its text (data-protection.md) was "
            "not installed with pairbot.") in response.text


@pytest.fixture
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.slow
def test_the_public_pages_are_accessible_in_chromium(site, browser):
    for width in (1280, 320):
        context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
        page = context.new_page()
        for path, name in (("/", "home"), ("/privacy", "privacy"), ("/terms", "terms")):
            page.goto(f"{site}{path}")
            assert check_page(page, f"public-{name}-{width}") == [], path
            assert page.locator("html").get_attribute("lang") == "en-GB"
            # Nothing but the tables' own scrolling regions is wider than the screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        context.close()
    # The keyboard alone: the skip link first, then into the page; every table scrolls
    # from the keyboard.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/privacy")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "region":
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Table 1: ")
    # The page runs under its own policy: the inline style is allowed by its hash.
    colour = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert colour == "rgb(18, 38, 63)"
    context.close()
