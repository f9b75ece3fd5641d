"""The wording page: organisers reword the intro's opening, the heads-up, the check-in and
the invitation per language, with a preview as Slack and as Teams would show it."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from fastapi import APIRouter, Request, Response
from markupsafe import Markup, escape

from bot.core import editable, i18n
from bot.core.i18n import _
from bot.core.intents import CheckIn, HeadsUp, Intent, Intro, Invitation, Person
from bot.services import wording_edits
from bot.services.console import access
from bot.slack import blocks as slack_blocks
from bot.teams import cards as teams_cards
from bot.web.console.web import Console, ConsoleError, flash, form, redirect, render, require

SAMPLE_DAY = dt.date(2027, 3, 1)


def add_wording(router: APIRouter, console: Console) -> None:
    """Register the wording page and its form."""
    services = console.services

    def page(request: Request, programme_id: int, language: str, *, typed: dict[str, str],
             errors: dict[str, str], previews: set[str], status: int = 200) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id)
        stored = wording_edits.texts(services, viewer, programme_id, language)
        entries = []
        for item in stored:
            e = editable.BY_KEY[item.key]
            with i18n.using(language):
                default = _(e.default)
            current = typed.get(item.key, item.edited if item.edited is not None else default)
            preview = None
            if item.key not in errors:
                shown = current if item.key in typed or item.edited is not None else None
                preview = _preview(item.key, name, language, shown)
            entries.append({"e": e, "text": current, "default": default,
                            "edited": item.edited is not None, "error": errors.get(item.key),
                            "placeholders": editable.shown_placeholders(item.key),
                            "required": ["{" + r + "}" for r in e.required],
                            "preview": preview, "previewed": item.key in previews})
        return render(request, "wording.html", code=status, title=_("Wording – {programme}")
                      .format(programme=name), programme=name, programme_id=programme_id,
                      tab="wording", language=language, languages=editable.LANGUAGES,
                      entries=entries, limit=editable.MAX_CHARS,
                      errors=errors)

    @router.get("/programmes/{programme_id}/wording")
    def wording_page(request: Request, programme_id: int, language: str = "en") -> Response:
        return page(request, programme_id, _language(language), typed={}, errors={},
                    previews=set())

    @router.post("/programmes/{programme_id}/wording/{key}")
    def wording_save(request: Request, programme_id: int, key: str) -> Response:
        viewer = require(request)
        values = form(request)
        language = _language(values.get("language", "en"))
        if key not in editable.BY_KEY:
            raise ConsoleError(404, _("There is no such text to edit."))
        label = _(editable.BY_KEY[key].label)
        back = f"/admin/programmes/{programme_id}/wording?language={language}#w-{key}"
        action = values.get("action", "save")
        if action == "reset":
            if wording_edits.reset(services, viewer, programme_id, key, language):
                flash(request, _("{text} is back to the default.").format(text=label))
            else:
                flash(request, _("{text} was already the default.").format(text=label),
                      kind="info")
            return redirect(back)
        typed = values.get("text", "")
        try:
            if action == "preview":
                editable.check(key, typed)
            else:
                wording_edits.save(services, viewer, programme_id, key, language, typed)
        except editable.WordingError as exc:
            return page(request, programme_id, language, typed={key: typed},
                        errors={key: str(exc)}, previews=set(), status=400)
        if action == "preview":
            return page(request, programme_id, language, typed={key: typed}, errors={},
                        previews={key})
        flash(request, _("{text} is saved: the next messages use it.").format(text=label))
        return redirect(back)


def _language(value: str) -> str:
    if value not in dict(editable.LANGUAGES):
        raise ConsoleError(404, _("There is no such text to edit."))
    return value


def sample(key: str, programme: str, language: str, text: str | None) -> Intent:
    """The message `key` of a made-up group, with `text` as the programme's wording."""
    edits = ((language, text),) if text is not None else ()
    day = i18n.format_day(SAMPLE_DAY)
    people = (Person("U0SAMPLE1", _("Alex Morgan"), _("Nurse")),
              Person("U0SAMPLE2", _("Sam Rees"), _("Physiotherapist")))
    if key == editable.INTRO:
        return Intro(match_id=0, programme=programme, members=people, reasons=(),
                     icebreakers=(_("What does a good day at work look like for you?"),),
                     checkin_on=day, wording=edits)
    if key == editable.CHECKIN:
        return CheckIn(match_id=0, programme=programme, members=people, wording=edits)
    if key == editable.HEADSUP:
        return HeadsUp(programme_id=0, programme=programme, round_on=day, period="2027-03",
                       wording=edits)
    return Invitation(invitation_id=0, programme=programme, expires_on=day, wording=edits)


def _preview(key: str, programme: str, language: str, text: str | None) -> dict[str, Markup]:
    """The sample message as Slack and as Teams lay it out, in HTML."""
    with i18n.using(language):
        intent = sample(key, programme, language, text)
        message = slack_blocks.build_message(intent)
        card = teams_cards.render(intent, None)
        people = {p.user_id: p.name for p in getattr(intent, "members", ())}
    return {"slack": slack_html(message.block_dicts(), people), "teams": teams_html(card)}


# Slack's mrkdwn, as the client shows it: *bold*, _italic_, `code`, ~strike~.
_MRKDWN = re.compile(r"\*([^*\n]+)\*|_([^_\n]+)_|`([^`\n]+)`|~([^~\n]+)~")
_MRKDWN_TAGS = ("strong", "em", "code", "del")


_MENTION = re.compile(r"<@([A-Z0-9]+)>")


def _mrkdwn(text: str, people: dict[str, str] | None = None) -> Markup:
    # A mention shows as the person's name, as Slack shows it.
    text = _MENTION.sub(lambda m: "@" + (people or {}).get(m.group(1), m.group(1)), text)
    out: list[str] = []
    position = 0
    for found in _MRKDWN.finditer(text):
        out.append(str(escape(html.unescape(text[position:found.start()]))))
        index = next(i for i, group in enumerate(found.groups()) if group is not None)
        tag = _MRKDWN_TAGS[index]
        out.append(f"<{tag}>{escape(html.unescape(found.group(index + 1)))}</{tag}>")
        position = found.end()
    out.append(str(escape(html.unescape(text[position:]))))
    return Markup("<br>".join("".join(out).split("\n")))


def _plain(text: str) -> Markup:
    return Markup("<br>".join(str(escape(line)) for line in text.split("\n")))


def slack_html(block_dicts: list[dict[str, Any]], people: dict[str, str] | None = None
               ) -> Markup:
    """Block Kit blocks as the Slack client shows their text (buttons as buttons)."""
    parts: list[str] = []
    for block in block_dicts:
        kind = block.get("type")
        if kind == "header":
            parts.append(f'<p class="header">{escape(block["text"]["text"])}</p>')
        elif kind == "section":
            body = block["text"]
            shown = (_plain(body["text"]) if body.get("type") == "plain_text"
                     else _mrkdwn(body["text"], people))
            parts.append(f"<p>{shown}</p>")
        elif kind == "context":
            parts.append('<p class="subtle">' + " ".join(
                str(_mrkdwn(e.get("text", ""))) for e in block.get("elements", [])) + "</p>")
        elif kind == "actions":
            parts.append('<p class="buttons">' + " ".join(
                f'<span class="chip">{escape(e["text"]["text"])}</span>'
                for e in block.get("elements", []) if "text" in e) + "</p>")
    return Markup("".join(parts))


# Adaptive Card TextBlock markdown: **bold**, _italic_, and backslash escapes shown as typed.
_CARD = re.compile(r"\\(.)|\*\*(.+?)\*\*|_([^_\n]+)_", re.DOTALL)


def _card_markdown(text: str) -> str:
    out: list[str] = []
    position = 0
    for found in _CARD.finditer(text):
        out.append(str(escape(text[position:found.start()])))
        if found.group(1) is not None:
            out.append(str(escape(found.group(1))))
        elif found.group(2) is not None:
            out.append(f"<strong>{_card_markdown(found.group(2))}</strong>")
        else:
            out.append(f"<em>{escape(found.group(3))}</em>")
        position = found.end()
    out.append(str(escape(text[position:])))
    return "<br>".join("".join(out).split("\n"))


def _card_elements(elements: list[dict[str, Any]]) -> list[str]:
    parts: list[str] = []
    for element in elements:
        kind = element.get("type")
        if kind == "TextBlock":
            style = ' class="subtle"' if element.get("isSubtle") else ""
            if element.get("weight") == "Bolder" or element.get("size") in ("Large", "Medium"):
                style = ' class="header"'
            parts.append(f"<p{style}>{_card_markdown(str(element.get('text', '')))}</p>")
        elif kind == "FactSet":
            parts += [f"<p>{_card_markdown(f['title'])}: {_card_markdown(f['value'])}</p>"
                      for f in element.get("facts", [])]
        elif kind in ("Container", "Column"):
            parts += _card_elements(element.get("items", []))
        elif kind == "ColumnSet":
            parts += _card_elements(element.get("columns", []))
    return parts


def teams_html(card: dict[str, Any]) -> Markup:
    """An Adaptive Card's text as Teams shows it, with its buttons."""
    parts = _card_elements(card.get("body", []))
    buttons = [f'<span class="chip">{escape(a.get("title", ""))}</span>'
               for a in card.get("actions", [])]
    if buttons:
        parts.append('<p class="buttons">' + " ".join(buttons) + "</p>")
    return Markup("".join(parts))
