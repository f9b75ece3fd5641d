"""The public pages, served without sign-in: `/` (what this service is), `/privacy` (the
privacy notice, from docs/data-protection.md) and `/terms` (docs/terms.md).

The Markdown is the one written for reviewers in the repository, rendered when asked for,
so the notice people read is the page the tests keep true. Raw HTML in it is escaped, and
links that only make sense inside the repository become plain text.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# The image copies docs/ beside bot/, as it does deploy/teams (see the Dockerfile).
DOCS = HERE.parents[2] / "docs"
TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
STYLE = (HERE / "templates" / "public.css").read_text(encoding="utf-8")
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode()
HEADERS = {
    # No script at all; the one stylesheet is inline, allowed by its hash.
    "Content-Security-Policy": f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; "
                               "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "public, max-age=300",
}
UNAVAILABLE = ("This page is not available on this server: its text ({name}) was not "
               "installed with pairbot.")
SAFE_LINK = re.compile(r"^(https://|http://|mailto:|#)")


@dataclass(frozen=True)
class Page:
    """One public page: its path, title and the Markdown it is made from."""

    path: str
    title: str
    source: str


PAGES = (Page("/privacy", "Privacy notice", "data-protection.md"),
         Page("/terms", "Terms of use", "terms.md"))


def slug(text: str) -> str:
    """The anchor GitHub gives a heading, so the documents' own #links keep working."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


def _tables_scroll(tokens: list[Token]) -> list[Token]:
    """Wrap each table in a labelled region that scrolls sideways and takes keyboard
    focus, so a wide table reads on a phone and with a keyboard."""
    out: list[Token] = []
    heading, count = "", 0
    for i, token in enumerate(tokens):
        if token.type == "inline" and i and tokens[i - 1].type == "heading_open":
            heading = _plain(token)
        if token.type == "table_open":
            count += 1
            label = f"Table {count}" + (f": {heading}" if heading else "")
            wrapper = Token("html_block", "", 0)
            wrapper.content = (f'<div class="scroll" role="region" tabindex="0" '
                               f'aria-label="{_attr(label)}">\n')
            out.append(wrapper)
        out.append(token)
        if token.type == "table_close":
            closing = Token("html_block", "", 0)
            closing.content = "</div>\n"
            out.append(closing)
    return out


def _plain(inline: Token) -> str:
    """The words of an inline token, without their Markdown."""
    return "".join(child.content for child in inline.children or []
                   if child.type in ("text", "code_inline"))


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def render_markdown(text: str) -> tuple[str, str]:
    """The document's first-level heading and the rest of it as HTML, whose headings
    come under the page's own h1."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(text)
    title = ""
    if len(tokens) > 2 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title, tokens = tokens[1].content, tokens[3:]
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", slug(_plain(tokens[i + 1])))
        _repository_links_as_text(token)
    return title, md.renderer.render(_tables_scroll(tokens), md.options, {})


def _repository_links_as_text(token: Token) -> None:
    """A link to a path inside the repository means nothing on the web: keep its words."""
    opened: list[Token] = []
    for child in token.children or []:
        if child.type == "link_open":
            if not SAFE_LINK.match(str(child.attrGet("href") or "")):
                child.tag, child.attrs = "span", {}
            opened.append(child)
        elif child.type == "link_close" and opened:
            child.tag = opened.pop().tag


def _respond(template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(template).render(style=STYLE, pages=PAGES, **values)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def public_router(docs: Path = DOCS) -> APIRouter:
    """`/`, `/privacy` and `/terms`: public, no sign-in, no cookies."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def home() -> HTMLResponse:
        return _respond("home.html", title="pairbot", current="/")

    def serve(page: Page) -> Any:
        def handler() -> HTMLResponse:
            try:
                text = (docs / page.source).read_text(encoding="utf-8")
            except OSError:
                logger.error("public page %s: %s is missing", page.path, docs / page.source)
                return _respond("page.html", 503, title=page.title, current=page.path,
                                body=None, message=UNAVAILABLE.format(name=page.source))
            _, body = render_markdown(text)
            return _respond("page.html", title=page.title, current=page.path, body=body,
                            message=None)
        return handler

    for page in PAGES:
        router.add_api_route(page.path, serve(page), methods=["GET"], include_in_schema=False)
    return router
