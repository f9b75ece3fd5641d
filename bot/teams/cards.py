"""Adaptive Cards: pure `build_*` functions from intents and service results to card JSON.

Nothing here talks to Teams or the database, so every card is unit-tested as
plain data. Buttons are `Action.Execute` (Universal Actions): Teams sends an
`adaptiveCard/action` invoke with the button's `verb` and `data` merged with
the card's inputs, and the card the handler returns replaces the one clicked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from bot.core import availability as availability_words
from bot.core import calendar, wording
from bot.core import evaluation as ev
from bot.core import text as tm
from bot.core.hygiene import escape_markdown
from bot.core.i18n import _
from bot.core.intents import (
    EvaluationRequest,
    FeedbackRequest,
    Intent,
    Intro,
    MeetingTimeRequest,
)
from bot.core.matching.model import WINDOWS
from bot.core.profile import INTRO_MAX, PLACE_MAX, ProfileInput
from bot.core.replies import Say

# In Teams commands are the grammar's bare words; joining is "pair me" (or "join").
TEAMS_JOIN = "pair me"
CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"

# Verbs of the Action.Execute buttons; the handlers route on these.
VERB_PROFILE_SAVE = "profile.save"
VERB_CHECKIN = "checkin.answer"
VERB_CHECKIN_REASON = "checkin.reason"
VERB_MEETING_TIME = "meeting.time"
VERB_RESUME = "participation.resume"
VERB_STATUS = "participation.status"
VERB_PROFILE_OPEN = "profile.open"
VERB_CPD = "learning.cpd"
VERB_MY_DATA = "data.mine"
VERB_FEEDBACK_SAVE = "feedback.save"
VERB_EVALUATION_SAVE = "evaluation.save"
VERB_EVALUATION_SKIP = "evaluation.skip"
VERB_LEAVE_CONFIRM = "leave.confirm"
VERB_LEAVE_CANCEL = "leave.cancel"
VERB_SKIP_ROUND = "round.skip"
VERB_SETTINGS_SAVE = "settings.save"
VERB_INVITATION = "invitation.answer"
VERB_AGREEMENT_OPEN = "agreement.open"  # bot/teams/agreement.py sends the form

# The commands a button can do (tm.COMMAND), by the command's name.
COMMAND_VERBS = {tm.COMMAND_PROFILE: VERB_PROFILE_OPEN, tm.COMMAND_STATUS: VERB_STATUS,
                 tm.COMMAND_CPD: VERB_CPD, tm.COMMAND_MY_DATA: VERB_MY_DATA}

CHAT_LINK = "https://teams.microsoft.com/l/chat/0/0"
# Choices laid out one button to a row, so that every label reads whole on a phone.
STACKED = frozenset({tm.CHECKIN, tm.CHECKIN_REASON, tm.MEETING_TIME})
MEETING_LINK = "https://teams.microsoft.com/l/meeting/new"



def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None
         ) -> dict[str, Any]:
    """A whole Adaptive Card."""
    out: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": CARD_VERSION,
                           "body": body}
    if actions:
        out["actions"] = actions
    return out


def attachment(content: dict[str, Any]) -> dict[str, Any]:
    """The card as a Bot Framework attachment."""
    return {"contentType": CARD_CONTENT_TYPE, "content": content}


def text(value: str, **style: Any) -> dict[str, Any]:
    """A wrapping TextBlock; Slack-style `*bold*` and backticks become card markdown."""
    return {"type": "TextBlock", "text": card_markdown(value), "wrap": True, **style}


def title(value: str) -> dict[str, Any]:
    return text(value, size="Large", weight="Bolder")


def heading(value: str) -> dict[str, Any]:
    return text(value, weight="Bolder", spacing="Medium")


def error_text(value: str) -> dict[str, Any]:
    return text(value, color="Attention", spacing="None", size="Small")


def execute(label: str, verb: str, data: Mapping[str, Any] | None = None,
            style: str | None = None) -> dict[str, Any]:
    """An Action.Execute button, with an Action.Submit fallback carrying the same verb for
    clients without Universal Actions (the handler answers both the same way)."""
    action: dict[str, Any] = {"type": "Action.Execute", "title": label, "verb": verb,
                              "data": dict(data or {}),
                              "fallback": {"type": "Action.Submit", "title": label,
                                           "data": {**dict(data or {}), "verb": verb}}}
    if style:
        action["style"] = style
        action["fallback"]["style"] = style
    return action


def open_url(label: str, url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": label, "url": url}


# Escaped characters (literal text, see bot.core.hygiene.escape_markdown) are left alone.
_BOLD = re.compile(r"(?<![*\w\\])\*([^*\n]+)(?<!\\)\*(?![*\w])")
_CODE = re.compile(r"(?<!\\)`")


def card_markdown(value: str) -> str:
    """Slack mrkdwn as Teams markdown: `*x*` → `**x**`; code spans lose their backticks."""
    return _CODE.sub("", _BOLD.sub(r"**\1**", value))


class _MessageLayout:
    """Each kind of text block as a paragraph of a plain Teams message (no card)."""

    def heading(self, block: tm.Heading) -> list[str]:
        return [f"**{escape_markdown(block.text)}**"]

    def paragraph(self, block: tm.Paragraph) -> list[str]:
        return [inline(block.parts, code=True)]

    def items(self, block: tm.Items) -> list[str]:
        title = [f"**{escape_markdown(block.title)}**"] if block.title else []
        return [*title, "\n".join((f"{n}. " if block.numbered else "- ")
                                  + inline(i.parts, code=True)
                                  for n, i in enumerate(block.items, 1))]

    def quote(self, block: tm.Quote) -> list[str]:
        return [f"> {escape_markdown(block.text)}"]

    def facts(self, block: tm.Facts) -> list[str]:
        return [f"{escape_markdown(f.title)}: {escape_markdown(f.value)}" for f in block.facts]

    def choices(self, block: tm.Choices) -> list[str]:
        return []  # a plain message has no buttons; replies that need them are cards

    def link(self, block: tm.Link) -> list[str]:
        return [f"[{escape_markdown(block.label)}]({block.url})"]

    def member(self, block: tm.Member) -> list[str]:
        return [f"**{escape_markdown(block.name)}**, {escape_markdown(block.profession)}"]


def message_text(document: tm.Document) -> str:
    """A document as the markdown of a plain Teams message (no card)."""
    lines = [f"**{escape_markdown(document.title)}**"] if document.title.strip() else []
    lines += tm.lay_out(document.blocks, _MessageLayout())
    return "\n\n".join(line.replace("\n", "\n\n") for line in lines if line.strip())


def message_markdown(value: str) -> str:
    """Slack mrkdwn as Teams message markdown (which keeps code spans)."""
    return _BOLD.sub(r"**\1**", value).replace("\n", "\n\n").replace("\n\n\n\n", "\n\n")


def _choices(options: Sequence[str]) -> list[dict[str, str]]:
    return [{"title": o, "value": o} for o in options]


# Participants --------------------------------------------------------------------------

def build_profile_card(professions: Sequence[str], *, programme_id: int, programme: str,
                       current: ProfileInput | None = None,
                       errors: Mapping[str, str] | None = None, availability: bool = True,
                       people: Sequence[tuple[str, str]] = (),
                       language: str = "en") -> dict[str, Any]:
    """The profile form: profession, professions to learn about, a short intro, when they
    can meet (when the programme asks), where they work, whom they would rather not meet,
    and the language (`language`: the one offered when they have not chosen)."""
    errors = errors or {}
    current = current or ProfileInput(None)
    body: list[dict[str, Any]] = [
        title(wording.PROFILE_TITLE),
        text(wording.PROFILE_LEAD.format(programme=programme)),
    ]
    if errors:
        body.append(text(wording.FORM_CHECK, color="Attention", weight="Bolder"))
    if "programme" in errors:
        body.append(error_text(errors["programme"]))
    profession: dict[str, Any] = {
        "type": "Input.ChoiceSet", "id": "profession", "label": wording.PROFESSION_LABEL,
        "style": "compact", "isRequired": True, "errorMessage": wording.PROFESSION_MISSING,
        "placeholder": wording.PROFESSION_PLACEHOLDER, "choices": _choices(professions),
    }
    if current.profession:
        profession["value"] = current.profession
    body.append(profession)
    if "profession" in errors:
        body.append(error_text(errors["profession"]))
    learn: dict[str, Any] = {
        "type": "Input.ChoiceSet", "id": "learn", "isMultiSelect": True, "style": "compact",
        "label": _("{label} (optional)").format(label=wording.LEARN_LABEL),
        "choices": _choices(professions),
    }
    if current.learn:
        learn["value"] = ",".join(current.learn)
    body.append(learn)
    if "learn" in errors:
        body.append(error_text(errors["learn"]))
    body.append({
        "type": "Input.Text", "id": "intro", "isMultiline": True, "maxLength": INTRO_MAX,
        "label": _("{label} (optional)").format(label=wording.INTRO_LABEL),
        "placeholder": wording.INTRO_HINT.format(limit=INTRO_MAX), "value": current.intro,
    })
    if "intro" in errors:
        body.append(error_text(errors["intro"]))
    meeting = _meeting_inputs(current, errors, availability, people)
    body += meeting
    body.append({
        "type": "Input.ChoiceSet", "id": "language", "label": wording.LANGUAGE_LABEL,
        "style": "expanded",
        "choices": [{"title": label, "value": key} for key, label in wording.LANGUAGE_CHOICES],
        "value": (current.language if current else None) or language,
    })
    body.append(text(wording.LANGUAGE_HINT, size="Small", isSubtle=True))
    # The meeting fields the card shows: an input left empty may be left out of the
    # submitted data, and must then clear what is stored, not keep it. The language
    # offered goes back with the answer: left as offered, nothing is chosen.
    shown = [e["id"] for e in meeting if e.get("type", "").startswith("Input.")]
    return card(body, [execute(wording.SAVE, VERB_PROFILE_SAVE,
                               {"programme_id": programme_id, "fields": ",".join(shown),
                                "language_offered": language},
                               style="positive")])


def _meeting_inputs(current: ProfileInput, errors: Mapping[str, str], asked: bool,
                    people: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """The profile's meeting fields; input ids are the service's field names."""
    optional = _("(optional)")
    body: list[dict[str, Any]] = []

    def add(element: dict[str, Any]) -> None:
        body.append(element)
        if element["id"] in errors:
            body.append(error_text(errors[element["id"]]))

    if asked:
        windows: dict[str, Any] = {
            "type": "Input.ChoiceSet", "id": "windows", "isMultiSelect": True,
            "style": "expanded",
            "label": f"{_(availability_words.WINDOWS_LABEL)} {optional}",
            "choices": [{"title": availability_words.window_label(w), "value": w}
                        for w in WINDOWS]}
        if current.windows:
            windows["value"] = ",".join(current.windows)
        add(windows)
        body.append(text(_(availability_words.WINDOWS_HINT), isSubtle=True, spacing="None"))
        add({"type": "Input.Text", "id": "away", "maxLength": availability_words.AWAY_MAX,
             "label": f"{_(availability_words.AWAY_LABEL)} {optional}",
             "placeholder": _(availability_words.AWAY_HINT), "value": current.away or ""})
    for key, label in (("site", availability_words.SITE_LABEL),
                       ("team", availability_words.TEAM_LABEL)):
        add({"type": "Input.Text", "id": key, "maxLength": PLACE_MAX,
             "label": f"{_(label)} {optional}", "value": getattr(current, key) or ""})
    chosen = [u for u in current.avoid or () if u in dict(people)]
    if people:
        avoid: dict[str, Any] = {
            "type": "Input.ChoiceSet", "id": "avoid", "isMultiSelect": True,
            "style": "filtered",
            "label": f"{_(availability_words.AVOID_LABEL)} {optional}",
            "choices": [{"title": name, "value": user} for user, name in people]}
        if chosen:
            avoid["value"] = ",".join(chosen)
        add(avoid)
        body.append(text(_(availability_words.AVOID_HINT), isSubtle=True, spacing="None"))
        manager: dict[str, Any] = {
            "type": "Input.ChoiceSet", "id": "manager", "style": "filtered",
            "label": f"{_(availability_words.MANAGER_LABEL)} {optional}",
            "choices": [{"title": name, "value": user} for user, name in people]}
        if current.manager and current.manager in dict(people):
            manager["value"] = current.manager
        add(manager)
        body.append(text(_(availability_words.MANAGER_HINT), isSubtle=True, spacing="None"))
    return body


def build_text_card(message: str | Say, heading_text: str = "") -> dict[str, Any]:
    """A card that only says something (replaces a form once it is done)."""
    reply = message if isinstance(message, Say) else Say(message)
    return layout(tm.Document(heading_text or reply.title, reply.blocks()))


def build_leave_card() -> dict[str, Any]:
    """Asks before erasing everything."""
    return layout(wording.leave_document())


# Intents --------------------------------------------------------------------------------

def chat_link(upns: Sequence[str], topic: str = "") -> str:
    """A deep link that opens a Teams chat with these people."""
    url = f"{CHAT_LINK}?users={quote(','.join(upns), safe='@,')}"
    if topic and len(upns) > 1:
        url += f"&topicName={quote(topic)}"
    return url


def meeting_link(upns: Sequence[str], subject: str, content: str = "") -> str:
    """A deep link that opens the Teams meeting form with these attendees."""
    url = (f"{MEETING_LINK}?subject={quote(subject)}"
           f"&attendees={quote(','.join(upns), safe='@,')}")
    if content:
        url += f"&content={quote(content)}"
    return url


def schedule_link(intro: Intro, upns: Sequence[str]) -> str:
    """Teams' own meeting form, filled in for the group: every member by UPN, the first
    suggested time (when there is one), the theme and the questions in the content."""
    questions = " / ".join(intro.icebreakers[:3])
    content = (_("Theme: {theme}. Questions to start with: {questions}").format(
        theme=intro.theme, questions=questions) if intro.theme
        else _("Our paired-learning conversation. Icebreakers: {questions}").format(
            questions=questions))
    subject = f"pairbot: {intro.theme}" if intro.theme else f"pairbot: {intro.programme}"
    if not intro.times:
        return meeting_link(upns, subject, content)
    start, end, _url = intro.times[0]
    return calendar.teams_meeting_link(
        subject=subject, attendees=upns, start=dt.datetime.fromisoformat(start),
        end=dt.datetime.fromisoformat(end), content=content)


def command(ref: tm.CommandRef) -> str:
    """A neutral command as typed to the bot in Teams: `pause 2w`, `pair me`."""
    return ref.words() or TEAMS_JOIN


REACTION_EMOJI = {"met": "👍", "scheduled": "📅", "not_yet": "⏳", "not_happening": "😢"}


def inline(parts: Sequence[tm.Inline], *, code: bool = False) -> str:
    """Text parts as Teams markdown; commands in backticks in messages (`code`), bare
    otherwise (a card's TextBlock shows backticks as they are: a card lays out text with a
    command as `rich_text`)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape_markdown(part))  # literal text: never markup
        elif isinstance(part, tm.CommandRef):
            out.append(f"`{command(part)}`" if code else command(part))
        elif isinstance(part, tm.Strong):
            out.append(f"**{escape_markdown(part.text)}**")
        elif isinstance(part, tm.Href):
            out.append(f"[{escape_markdown(part.label)}]({part.url})")
        else:
            out.append(REACTION_EMOJI.get(part.answer, ""))
    return "".join(out)


# How a command reads on a card: a TextBlock's markdown has no code span, so a command is a
# TextRun of its own (Adaptive Cards 1.2), as typed, in a bold monospace font: plain
# monospace was hard to tell from the words around it at 320 px (tools/render_cards.py).
COMMAND_RUN = {"fontType": "Monospace", "weight": "Bolder"}


def has_command(parts: Sequence[tm.Inline]) -> bool:
    """Whether the text names a command (a card then lays it out as `rich_text`)."""
    return any(isinstance(part, tm.CommandRef) for part in parts)


def text_runs(parts: Sequence[tm.Inline], **style: Any) -> list[list[dict[str, Any]]]:
    """Text parts as TextRuns, one list per line: a command in `COMMAND_RUN`, bold as
    Bolder, a link as a run that opens it. A TextRun has no markdown, so text is never
    escaped: it shows exactly as written."""
    lines: list[list[dict[str, Any]]] = [[]]

    def add(value: str, **more: Any) -> None:
        for n, piece in enumerate(value.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append({"type": "TextRun", "text": piece, **style, **more})

    for part in parts:
        if isinstance(part, str):
            add(part)
        elif isinstance(part, tm.CommandRef):
            add(command(part), **COMMAND_RUN)
        elif isinstance(part, tm.Strong):
            add(part.text, weight="Bolder")
        elif isinstance(part, tm.Href):
            add(part.label, underline=True,
                selectAction={"type": "Action.OpenUrl", "url": part.url})
        else:
            add(REACTION_EMOJI.get(part.answer, ""))
    return lines


def rich_text(parts: Sequence[tm.Inline], *, prefix: str = "", **style: Any
              ) -> list[dict[str, Any]]:
    """Text parts as RichTextBlocks, one per line (a line break inside a run is not
    reliably kept), the lines after the first close under it."""
    blocks: list[dict[str, Any]] = []
    for line in text_runs(parts, **style):
        if not line:
            continue
        if prefix and not blocks:
            line = [{"type": "TextRun", "text": prefix, **style}, *line]
        block: dict[str, Any] = {"type": "RichTextBlock", "inlines": line}
        if blocks:
            block["spacing"] = "None"
        blocks.append(block)
    return blocks


def all_actions(card: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every button of a card: the card's own actions, then those stacked in its body."""
    return [*card.get("actions", []),
            *(a for b in card.get("body", []) if b.get("type") == "ActionSet"
              for a in b["actions"])]


def _text(value: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": value, "wrap": True, **style}


def _person(p: tm.Member) -> dict[str, Any]:
    items = [_text(escape_markdown(p.name), weight="Bolder"),
             _text(escape_markdown(p.profession), isSubtle=True, spacing="None")]
    if p.intro:
        # Card markdown joins single line breaks: a blank line keeps the person's own.
        lines = [escape_markdown(line) for line in p.intro.splitlines() if line.strip()]
        items.append(_text("“" + "\n\n".join(lines) + "”", spacing="Small"))
    return {"type": "Container", "spacing": "Medium", "items": items}


def _action(choices: tm.Choices, choice: tm.Choice) -> dict[str, Any] | None:
    data = dict(choices.data)
    style = {"primary": "positive", "danger": "destructive"}.get(choice.style or "")
    if choices.action == tm.CHECKIN:
        return execute(choice.label, VERB_CHECKIN, {
            "match_id": int(data["match_id"]), "answer": choice.value}, style=style)
    if choices.action == tm.CHECKIN_REASON:
        return execute(choice.label, VERB_CHECKIN_REASON, {
            "match_id": int(data["match_id"]), "reason": choice.value}, style=style)
    if choices.action == tm.RESUME:
        return execute(choice.label, VERB_RESUME, style=style)
    if choices.action == tm.COMMAND:
        verb = COMMAND_VERBS.get(choice.value)
        return execute(choice.label, verb, style=style) if verb else None
    if choices.action == tm.MEETING_TIME:
        return execute(choice.label, VERB_MEETING_TIME, {
            "match_id": int(data["match_id"]), "slot": choice.value}, style=style)
    if choices.action == tm.INVITATION:
        return execute(choice.label, VERB_INVITATION, {
            "invitation": data["invitation_id"], "answer": choice.value}, style=style)
    if choices.action == tm.SKIP_ROUND:
        return execute(choice.label, VERB_SKIP_ROUND, {
            "programme_id": int(data["programme_id"]), "period": data["period"]}, style=style)
    if choices.action == tm.AGREEMENT_OPEN:
        return execute(choice.label, VERB_AGREEMENT_OPEN, {"match_id": int(choice.value)},
                       style=style)
    if choices.action == tm.LEAVE_CONFIRM:
        verb = VERB_LEAVE_CANCEL if choice.value == tm.LEAVE_CANCEL else VERB_LEAVE_CONFIRM
        return execute(choice.label, verb, style=style)
    # FEEDBACK_OPEN, EVALUATION_OPEN: in Teams the card is the form itself
    # (build_feedback_card, build_evaluation_card).
    return None


class _CardLayout:
    """Each kind of text block as card body elements; buttons and links go to `actions`."""

    def __init__(self) -> None:
        self.actions: list[dict[str, Any]] = []

    def heading(self, block: tm.Heading) -> list[dict[str, Any]]:
        return [heading(escape_markdown(block.text))]

    def paragraph(self, block: tm.Paragraph) -> list[dict[str, Any]]:
        if has_command(block.parts):
            out = rich_text(block.parts, isSubtle=True) if block.subtle else rich_text(
                block.parts)
            if out and block.subtle:
                out[0]["spacing"] = "Small"
            return out
        value = inline(block.parts)
        if not value.strip():
            return []
        return [_text(value, isSubtle=True, spacing="Small") if block.subtle else _text(value)]

    def items(self, block: tm.Items) -> list[dict[str, Any]]:
        title = [heading(escape_markdown(block.title))] if block.title else []
        if any(has_command(i.parts) for i in block.items):
            lines: list[dict[str, Any]] = []
            for n, item in enumerate(block.items, 1):
                found = rich_text(item.parts, prefix=f"{n}. " if block.numbered else "• ")
                if found and lines:
                    found[0]["spacing"] = "None"
                lines += found
            return [*title, *lines]
        return [*title, _text("\n".join((f"{n}. " if block.numbered else "- ") + inline(i.parts)
                                        for n, i in enumerate(block.items, 1)))]

    def quote(self, block: tm.Quote) -> list[dict[str, Any]]:
        return [_text(f"“{escape_markdown(block.text)}”")]

    def facts(self, block: tm.Facts) -> list[dict[str, Any]]:
        return [{"type": "FactSet", "facts": [
            {"title": escape_markdown(f.title), "value": escape_markdown(f.value)}
            for f in block.facts]}]

    def choices(self, block: tm.Choices) -> list[dict[str, Any]]:
        found = [a for c in block.choices if (a := _action(block, c)) is not None]
        if block.action == tm.AGREEMENT_OPEN:
            # In the body, under its sentence: the card's own row of buttons (chat, meet) is
            # full at a phone's 320 px.
            return [{"type": "ActionSet", "actions": found}] if found else []
        if block.action in STACKED:
            # One to a row: four answers side by side read "M…", "Sched…" at 320 px.
            return [{"type": "ActionSet", "actions": [a]} for a in found]
        self.actions += found
        return []

    def link(self, block: tm.Link) -> list[dict[str, Any]]:
        self.actions.append(open_url(block.label, block.url))
        return []

    def member(self, block: tm.Member) -> list[dict[str, Any]]:
        return [_person(block)]


# A card's heading at most, as Slack's header block.
TITLE_CHARS = 150
# A Teams message, card included, is at most about 28 KB. A programme named with
# thousands of characters, or with hundreds of lines (each line its own block), took the
# welcome card past it (tests/trust/test_render_limits.py found it): a card that would
# be larger loses blocks from its end, its buttons kept, and says so.
CARD_BYTES = 28 * 1024


def layout(document: tm.Document) -> dict[str, Any]:
    """A document as an Adaptive Card."""
    heading = document.title if len(document.title) <= TITLE_CHARS else (
        document.title[:TITLE_CHARS - 1] + "…")
    body: list[dict[str, Any]] = ([title(escape_markdown(heading))]
                                  if document.title.strip() else [])
    card_layout = _CardLayout()
    body += tm.lay_out(document.blocks, card_layout)
    return card(body, card_layout.actions)


def build_intro_card(intro: Intro, viewer: str | None,
                     contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """An introduction as `viewer` sees it: the others, why, icebreakers, links to meet.

    `contacts` maps user ids to their user principal names, which Teams deep links need;
    with `viewer` None the card shows everyone (a group chat).
    """
    contacts = contacts or {}
    content = layout(wording.intro(intro, viewer))
    others = [m for m in intro.members if m.user_id != viewer] if viewer else list(intro.members)
    upns = [contacts[p.user_id] for p in others if contacts.get(p.user_id)]
    if upns:
        chat = (_("Chat with {name}").format(name=others[0].name.split()[0])
                if len(others) == 1 and others[0].name else _("Chat with them"))
        # Stacked, one to a row: side by side at 320 px both labels were cut short.
        content["body"] += [{"type": "ActionSet", "actions": [action]} for action in (
            open_url(chat, chat_link(upns, f"pairbot: {intro.programme}")),
            open_url(_("Schedule a meeting"), schedule_link(intro, [
                contacts[m.user_id] for m in intro.members if contacts.get(m.user_id)])))]
    else:
        content["body"].append(text(_("Search for them by name in Teams to start a chat."),
                                    isSubtle=True))
    return content


def build_feedback_card(request: FeedbackRequest, *, errors: Mapping[str, str] | None = None,
                        values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """After *Met*: how much did you learn about the other's role? (the form itself)."""
    errors, values = errors or {}, values or {}
    content = _form_of(wording.feedback_request(request))
    body: list[dict[str, Any]] = content["body"]
    body.append({"type": "Input.ChoiceSet", "id": "learned_score", "style": "expanded",
                 "label": wording.FEEDBACK_SCORE_LABEL, "isRequired": True,
                 "errorMessage": wording.FEEDBACK_SCORE_MISSING,
                 "value": str(values.get("learned_score") or ""),
                 "choices": [{"title": label, "value": str(score)}
                             for score, label in wording.SCORE_CHOICES]})
    if "learned_score" in errors:
        body.append(error_text(errors["learned_score"]))
    body.append({"type": "Input.Text", "id": "learned_text", "isMultiline": True,
                 "maxLength": wording.FEEDBACK_TEXT_MAX,
                 "label": _("{label} (optional)").format(label=wording.FEEDBACK_TEXT_LABEL),
                 "value": str(values.get("learned_text") or "")})
    if "learned_text" in errors:
        body.append(error_text(errors["learned_text"]))
    body.append({"type": "Input.Toggle", "id": "share", "valueOn": "true", "valueOff": "false",
                 "value": "true" if values.get("share") in (True, "true") else "false",
                 "title": wording.FEEDBACK_SHARE_LABEL})
    # The names ride along so that the card can be shown again with an error.
    data = {"match_id": request.match_id, "programme": request.programme,
            "others": [p.name for p in request.others], "theme": request.theme}
    return card(body, [execute(wording.FEEDBACK_SEND, VERB_FEEDBACK_SAVE, data,
                               style="positive")])


def _form_of(document: tm.Document) -> dict[str, Any]:
    """A request's words as the top of the card that is its form (its buttons left out)."""
    return layout(tm.Document(document.title, tuple(
        b for b in document.blocks if not isinstance(b, tm.Choices))))


def build_evaluation_card(request: EvaluationRequest, *, errors: Mapping[str, str] | None = None,
                          values: Mapping[str, Any] | None = None,
                          lead: Say | None = None) -> dict[str, Any]:
    """The five 1-5 questions of the before-and-after evaluation (the form itself), each
    optional, with Send and Skip; after joining, `lead` (the confirmation) comes first."""
    errors, values = errors or {}, values or {}
    content = _form_of(wording.evaluation_request(request))
    body: list[dict[str, Any]] = content["body"]
    if lead is not None:
        body[:0] = layout(tm.Document("", lead.paragraphs()))["body"]
    body.append(text(wording.EVALUATION_FORM_LEAD, isSubtle=True, size="Small"))
    # The programme's own instrument when the request carries one (else pairbot-5's).
    asked = request.questions or tuple((q.domain, q.text) for q in ev.QUESTIONS)
    for item, label_text in asked:
        body.append({"type": "Input.ChoiceSet", "id": item, "style": "compact",
                     "label": label_text, "isRequired": False,
                     "placeholder": wording.EVALUATION_PLACEHOLDER,
                     "value": str(values.get(item) or ""),
                     "choices": [{"title": label, "value": str(n)}
                                 for n, label in (request.scale or ev.SCALE)]})
    if errors:
        body.append(error_text(" ".join(errors.values())))
    data = {"programme_id": request.programme_id, "programme": request.programme,
            "stage": request.stage, "term": request.term}
    return card(body, [execute(wording.EVALUATION_SEND, VERB_EVALUATION_SAVE, data,
                               style="positive"),
                       execute(_("Skip"), VERB_EVALUATION_SKIP, data)])


def build_meeting_time_card(request: MeetingTimeRequest, lead: str = "") -> dict[str, Any]:
    """When is it: the suggested times one to a row, then a day and a time to pick."""
    content = layout(wording.meeting_time_request(request))
    body: list[dict[str, Any]] = content["body"]
    if lead:
        body.insert(1 if body and body[0].get("size") == "Large" else 0, text(lead))
    body += [
        {"type": "Input.Date", "id": "day", "label": _("Day")},
        {"type": "Input.Time", "id": "time", "label": _("Time")},
        {"type": "ActionSet", "actions": [execute(_("Save this time"), VERB_MEETING_TIME, {
            "match_id": request.match_id, "slot": "pick"}, style="positive")]},
    ]
    return content


def render(intent: Intent, viewer: str | None,
           contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Any intent as the card `viewer` receives (None: one card for a whole group chat)."""
    if isinstance(intent, Intro):
        return fitted(build_intro_card(intent, viewer, contacts))
    if isinstance(intent, FeedbackRequest):
        return fitted(build_feedback_card(intent))
    if isinstance(intent, MeetingTimeRequest):
        return fitted(build_meeting_time_card(intent))
    if isinstance(intent, EvaluationRequest):
        return fitted(build_evaluation_card(intent))
    return fitted(layout(wording.document(intent, viewer)))


def _size(content: dict[str, Any]) -> int:
    return len(json.dumps(content, ensure_ascii=False).encode())


def fitted(content: dict[str, Any]) -> dict[str, Any]:
    """The card within CARD_BYTES as it goes on the wire (UTF-8): unchanged if it fits,
    else its body cut from the end, with a line saying it was shortened."""
    if _size(content) <= CARD_BYTES:
        return content
    note = text(_("… (shortened to fit in Teams)"), isSubtle=True)
    body = list(content["body"])
    while body and _size({**content, "body": [*body, note]}) > CARD_BYTES:
        body.pop()
    return {**content, "body": [*body, note]}


def summary(intent: Intent) -> str:
    """The notification text shown where the card cannot be (activity feed, toasts)."""
    document = wording.document(intent)
    return (document.summary or document.title)[:200]
