"""Block Kit for pairbot: pure `build_*` functions from intents and service data.

Everything here is built with `slack_sdk.models` and stays inside Slack's
limits whatever people typed: at most 50 blocks in a message (100 in a
modal or Home tab), 3,000 characters in a section, 150 in a header, 75 in
an option or button, 24 in a modal title. User text is escaped (`&`, `<`,
`>`) before it reaches mrkdwn, so nobody can inject `<!channel>` or a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DateTimePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    UserMultiSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.core import availability, wording
from bot.core import evaluation as ev
from bot.core import settings as table
from bot.core import text as tm
from bot.core.i18n import _
from bot.core.intents import Intent
from bot.core.matching.model import WINDOWS
from bot.core.profile import AVOID_MAX, INTRO_MAX, LEARN_MAX, PLACE_MAX
from bot.core.replies import Say
from bot.core.wording import FEEDBACK_TEXT_MAX
from bot.services.participants import Home, ProfileForm, meeting_lines
from bot.services.programme_settings import ProgrammeSettings, settings_as_text, settings_values_of

# The slash command every `/pair-me …` arrives through (deploy/slack/manifest*.yml).
SLASH_COMMAND = "/pair-me"
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_CHARS = 3000
HEADER_CHARS = 150
CONTEXT_CHARS = 2000
OPTION_CHARS = 75
OPTION_VALUE_CHARS = 150
OPTIONS_MAX = 100
INPUT_CHARS = 3000
FALLBACK_CHARS = 3000

# Modal callback ids
PROFILE_VIEW = "profile"
FEEDBACK_VIEW = "feedback"
SETTINGS_VIEW = "settings"
EVALUATION_VIEW = "evaluation"
NOTICE_VIEW = "notice"

# Action ids
CHECKIN_PREFIX = "checkin_"
CHECKIN_ACTIONS = re.compile(r"^checkin_(met|scheduled|not_yet|not_happening)$")
CHECKIN_REASON_PREFIX = "checkin_reason_"
CHECKIN_REASONS = re.compile(r"^checkin_reason_(rota|leave|no_reply|other)$")
MEETING_TIME_PREFIX = "meeting_time_"
MEETING_TIME_ACTIONS = re.compile(r"^meeting_time_(\d+|cancel|pick)$")
MEETING_TIME_PICK = "meeting_time_pick"
RESUME = "resume"
FEEDBACK_OPEN = "feedback_open"
EVALUATION_OPEN = "evaluation_open"
HEADSUP_SKIP = "headsup_skip"
INVITATION_ACCEPT = "invitation_accept"
INVITATION_DECLINE = "invitation_decline"
HOME_EDIT = "home_edit"
HOME_PAUSE = "home_pause"
HOME_RESUME = "home_resume"
STATUS_SHOW = "status_show"
# The commands a message's button can do (tm.COMMAND): Edit profile and Join open the
# profile modal as App Home's button does.
COMMAND_ACTIONS = {tm.COMMAND_PROFILE: HOME_EDIT, tm.COMMAND_STATUS: STATUS_SHOW}
LEAVE_CONFIRM = "leave_confirm"
PROFILE_PROGRAMME = "profile_programme"

ANSWER_EMOJI = {"met": ":white_check_mark:", "scheduled": ":calendar:",
                "not_yet": ":hourglass_flowing_sand:", "not_happening": ":x:"}
_USER_ID = re.compile(r"^[UW][A-Z0-9]{1,30}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{1,30}$")


@dataclass(frozen=True)
class Message:
    """A message: its notification text and its blocks."""

    text: str
    blocks: tuple[Block, ...]

    def block_dicts(self) -> list[dict[str, Any]]:
        """The blocks as JSON-ready dicts (validated by slack_sdk)."""
        return [block.to_dict() for block in self.blocks]


# ---------------------------------------------------------------- text


def escape(text: str) -> str:
    """Text made safe for mrkdwn: Slack's three control characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(text: str, limit: int) -> str:
    """`text` escaped and cut to `limit` characters, never inside an `&…;` entity."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    out: list[str] = []
    size = 0
    for char in text:
        piece = escape(char)
        if size + len(piece) > limit - 1:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out) + "…"


def clip(text: str, limit: int) -> str:
    """Plain text (no mrkdwn) cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mention(user_id: str) -> str:
    """`<@U…>` for a real Slack user id, nothing otherwise."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else ""


def quote(text: str, limit: int) -> str:
    """User text as a mrkdwn block quote."""
    body = fit(text.strip(), limit)
    return "\n".join(f">{line}" for line in body.splitlines() if line.strip())


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:SECTION_CHARS] or " "),
                        block_id=block_id)


def _sections(lines: Iterable[str], limit: int) -> list[SectionBlock]:
    """Lines (already escaped) packed into sections of at most 3,000 characters."""
    blocks: list[SectionBlock] = []
    current = ""
    for line in lines:
        line = line[:SECTION_CHARS]
        if current and len(current) + 1 + len(line) > SECTION_CHARS:
            blocks.append(_section(current))
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        blocks.append(_section(current))
    if len(blocks) > limit:
        blocks = [*blocks[: limit - 1], _section("… (shortened to fit in Slack)")]
    return blocks


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=clip(text, HEADER_CHARS) or "pairbot"))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text[:CONTEXT_CHARS])])


def _option(value: str, text: str) -> Option:
    return Option(value=value[:OPTION_VALUE_CHARS], text=PlainTextObject(
        text=clip(text, OPTION_CHARS) or value[:OPTION_CHARS]))


def _fallback(text: str) -> str:
    return fit(" ".join(text.split()), FALLBACK_CHARS)


def _fit_blocks(blocks: list[Block], limit: int) -> tuple[Block, ...]:
    if len(blocks) <= limit:
        return tuple(blocks)
    return (*blocks[: limit - 1], _context("… (shortened to fit in Slack)"))


# ------------------------------------------------------------- messages


def command(ref: tm.CommandRef) -> str:
    """A neutral command in Slack's syntax: `/pair-me pause 2w`."""
    return " ".join(w for w in (SLASH_COMMAND, ref.words()) if w)


def inline(parts: Sequence[tm.Inline], limit: int = SECTION_CHARS) -> str:
    """Text parts as mrkdwn: strings escaped, commands as code, reactions as emoji."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part))
        elif isinstance(part, tm.CommandRef):
            out.append(f"`{escape(command(part))}`")
        elif isinstance(part, tm.Strong):
            out.append(f"*{escape(part.text)}*")
        elif isinstance(part, tm.Href):
            out.append(f"<{part.url}|{escape(part.label)}>")
        else:
            out.append(ANSWER_EMOJI.get(part.answer, ""))
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _member_line(member: tm.Member) -> str:
    who = f"*{fit(member.name, 200)}*"
    tag = mention(member.user_id)
    head = f"{who} ({tag}) · {fit(member.profession, 150)}" if tag else (
        f"{who} · {fit(member.profession, 150)}")
    if member.intro.strip():
        return head + "\n" + quote(member.intro, 600)
    return head


def _button(choices: tm.Choices, choice: tm.Choice) -> ButtonElement | None:
    data = dict(choices.data)
    label = clip(choice.label, OPTION_CHARS)
    style = choice.style if choice.style in ("primary", "danger") else None
    if choices.action == tm.CHECKIN:
        return ButtonElement(text=label, action_id=f"{CHECKIN_PREFIX}{choice.value}",
                             value=data.get("match_id", ""), style=style)
    if choices.action == tm.CHECKIN_REASON:
        return ButtonElement(text=label, action_id=f"{CHECKIN_REASON_PREFIX}{choice.value}",
                             value=data.get("match_id", ""), style=style)
    if choices.action == tm.RESUME:
        return ButtonElement(text=label, action_id=RESUME, value=choice.value, style=style)
    if choices.action == tm.COMMAND and choice.value in COMMAND_ACTIONS:
        return ButtonElement(text=label, action_id=COMMAND_ACTIONS[choice.value],
                             value=choice.value, style=style)
    if choices.action == tm.MEETING_TIME:
        # A time's start rides in the value; Slack wants an action id per button.
        cancel = choice.value == tm.MEETING_CANCEL
        which = "cancel" if cancel else str([c.value for c in choices.choices].index(
            choice.value))
        return ButtonElement(text=label, action_id=f"{MEETING_TIME_PREFIX}{which}",
                             value=data.get("match_id", "") + ("" if cancel
                                                               else f"|{choice.value}"),
                             style=style)
    if choices.action == tm.FEEDBACK_OPEN:
        return ButtonElement(text=label, action_id=FEEDBACK_OPEN, value=choice.value,
                             style=style)
    if choices.action == tm.AGREEMENT_OPEN:
        return ButtonElement(text=label, action_id=tm.AGREEMENT_OPEN, value=choice.value,
                             style=style)
    if choices.action == tm.EVALUATION_OPEN:
        return ButtonElement(text=label, action_id=EVALUATION_OPEN, value=json.dumps(
            {"programme_id": int(data["programme_id"]), "stage": data["stage"],
             "term": int(data.get("term") or 0)}), style=style)
    if choices.action == tm.INVITATION:
        return ButtonElement(
            text=label, value=data.get("invitation_id", ""), style=style,
            action_id=INVITATION_ACCEPT if choice.value == wording.INVITATION_ACCEPT
            else INVITATION_DECLINE)
    if choices.action == tm.SKIP_ROUND:
        value = json.dumps({"programme_id": int(data["programme_id"]),
                            "period": data["period"]})
        return ButtonElement(text=label, action_id=HEADSUP_SKIP, value=value, style=style)
    if choices.action == tm.LEAVE_CONFIRM and choice.value != tm.LEAVE_CANCEL:
        stay = next((c.label for c in choices.choices if c.value == tm.LEAVE_CANCEL),
                    _("Cancel"))
        return ButtonElement(
            text=label, action_id=LEAVE_CONFIRM, value=choice.value, style="danger",
            confirm=ConfirmObject(
                title=wording.LEAVE_CONFIRM_TITLE, text=wording.LEAVE_CONFIRM_TEXT,
                confirm=_("Leave"), deny=stay, style="danger"))
    # Staying is the confirm dialog's "deny": Slack needs no button for it.
    return None


class _Layout:
    """Each kind of text block as Block Kit."""

    def heading(self, block: tm.Heading) -> list[Block]:
        return [_section(f"*{fit(block.text, 500)}*")]

    def paragraph(self, block: tm.Paragraph) -> list[Block]:
        text = inline(block.parts)
        if not text.strip():
            return []
        if block.subtle:
            return [_context(inline(block.parts, CONTEXT_CHARS))]
        if block.literal:
            # An organiser's wording: plain text, so that no mention, link or emphasis forms.
            return [SectionBlock(text=PlainTextObject(
                text=clip(tm.plain(block.parts, command), SECTION_CHARS) or " "))]
        return list(_sections(text.split("\n"), MESSAGE_BLOCKS))

    def items(self, block: tm.Items) -> list[Block]:
        title = [f"*{fit(block.title, 500)}*"] if block.title else []
        return list(_sections([*title, *((f"{n}. " if block.numbered else "• ")
                                         + inline(item.parts, 500)
                                         for n, item in enumerate(block.items, 1))], 2))

    def quote(self, block: tm.Quote) -> list[Block]:
        return [_section(quote(block.text, SECTION_CHARS - 100) or " ")]

    def facts(self, block: tm.Facts) -> list[Block]:
        return list(_sections([
            f"{mention(f.who) or '*' + fit(f.title, 200) + '*'}: "
            + (f"{ANSWER_EMOJI[f.answer]} " if f.answer in ANSWER_EMOJI else "")
            + fit(f.value, 200) for f in block.facts], 2))

    def choices(self, block: tm.Choices) -> list[Block]:
        buttons: list[Any] = [b for c in block.choices if (b := _button(block, c)) is not None]
        block_id = block.action
        if block.action == tm.MEETING_TIME:
            # Another day and time: Slack's own picker, the match riding in the block id.
            block_id = f"{block.action}:{dict(block.data).get('match_id', '')}"
            buttons.append(DateTimePickerElement(action_id=MEETING_TIME_PICK))
        return [ActionsBlock(block_id=block_id, elements=buttons)] if buttons else []

    def link(self, block: tm.Link) -> list[Block]:
        return [_section(f"<{block.url}|{fit(block.label, 200)}>")]

    def member(self, block: tm.Member) -> list[Block]:
        return [_section(_member_line(block))]


def layout(document: tm.Document, limit: int = MESSAGE_BLOCKS) -> list[Block]:
    """A document's blocks as Block Kit (within `limit` blocks)."""
    blocks: list[Block] = [_header(document.title)] if document.title.strip() else []
    blocks += tm.lay_out(document.blocks, _Layout())
    return list(_fit_blocks(blocks, limit)) or [_section(" ")]


def render(document: tm.Document) -> Message:
    """A document as a Slack message: its blocks and its notification text (the summary,
    or all of its text when it has none)."""
    return Message(_fallback(document.summary or tm.summary_of(document, command)) or "pairbot",
                   tuple(layout(document)))


def build_message(intent: Intent) -> Message:
    """Any intent a service sends, as a Slack message (one message for the whole group)."""
    return render(wording.document(intent))


def build_reply(reply: Say) -> Message:
    """A service's text answer."""
    return render(tm.Document(reply.title, reply.blocks()))


def build_help(lead: Sequence[tm.Inline] = ()) -> Message:
    """Everything a person can type, after `lead` (why the text was not understood)."""
    document = wording.help_document()
    if lead:
        document = tm.Document("", (tm.para(*lead), *document.blocks))
    return render(document)


def build_leave_confirmation() -> Message:
    """`/pair-me leave`: are you sure? The button asks once more before erasing."""
    return render(wording.leave_document())


# ---------------------------------------------------------------- views


def build_profile_modal(form: ProfileForm) -> View:
    """The profile: profession, professions to learn about, intro (and programme if several)."""
    current = form.current
    professions = list(dict.fromkeys(form.professions))[:OPTIONS_MAX]
    options = {p: _option(p, p) for p in professions}
    blocks: list[Block] = []
    if len(form.programmes) > 1:
        programme_options = {pid: _option(str(pid), name)
                             for pid, name in form.programmes[:OPTIONS_MAX]}
        blocks.append(InputBlock(
            block_id="programme", label=wording.PROFILE_PROGRAMME_LABEL, dispatch_action=True,
            element=StaticSelectElement(
                action_id=PROFILE_PROGRAMME, options=list(programme_options.values()),
                initial_option=programme_options.get(form.programme_id)),
        ))
    chosen = options.get(current.profession) if current and current.profession else None
    blocks.append(InputBlock(
        block_id="profession", label=wording.PROFESSION_LABEL,
        element=StaticSelectElement(action_id="profession", options=list(options.values()),
                                    initial_option=chosen,
                                    placeholder=wording.PROFESSION_PLACEHOLDER),
    ))
    learning = [options[p] for p in (current.learn if current else ()) if p in options]
    blocks.append(InputBlock(
        block_id="learn", label=wording.LEARN_LABEL, optional=True, hint=wording.LEARN_HINT,
        element=StaticMultiSelectElement(action_id="learn", options=list(options.values()),
                                         initial_options=learning or None,
                                         max_selected_items=LEARN_MAX,
                                         placeholder=_("Choose up to ten")),
    ))
    blocks.append(InputBlock(
        block_id="intro", label=wording.INTRO_LABEL, optional=True,
        hint=wording.INTRO_HINT.format(limit=INTRO_MAX),
        element=PlainTextInputElement(action_id="intro", multiline=True, max_length=INTRO_MAX,
                                      initial_value=(current.intro[:INTRO_MAX] or None)
                                      if current else None),
    ))
    blocks += _meeting_inputs(form)
    languages = {key: _option(key, label) for key, label in wording.LANGUAGE_CHOICES}
    blocks.append(InputBlock(
        block_id="language", label=wording.LANGUAGE_LABEL, hint=wording.LANGUAGE_HINT,
        element=RadioButtonsElement(
            action_id="language", options=list(languages.values()),
            initial_option=languages.get((current.language if current else None)
                                         or form.language, languages["en"])),
    ))
    return View(type="modal", callback_id=PROFILE_VIEW, title=wording.PROFILE_TITLE,
                submit=wording.SAVE, close=_("Cancel"), private_metadata=str(form.programme_id),
                blocks=blocks)


def _meeting_inputs(form: ProfileForm) -> list[Block]:
    """When they can meet and when they are away (when the programme asks), where they
    work, and whom they would rather not meet (private); block ids are the service's
    field names."""
    current = form.current
    blocks: list[Block] = []
    if form.availability:
        windows = {key: _option(key, availability.window_label(key)) for key in WINDOWS}
        chosen = [windows[w] for w in (current.windows or ()) if w in windows] if current \
            else []
        blocks.append(InputBlock(
            block_id="windows", label=_(availability.WINDOWS_LABEL), optional=True,
            hint=_(availability.WINDOWS_HINT),
            element=StaticMultiSelectElement(action_id="windows",
                                             options=list(windows.values()),
                                             initial_options=chosen or None,
                                             placeholder=_("Any time"))))
        blocks.append(InputBlock(
            block_id="away", label=_(availability.AWAY_LABEL), optional=True,
            hint=_(availability.AWAY_HINT),
            element=PlainTextInputElement(
                action_id="away", max_length=availability.AWAY_MAX,
                initial_value=((current.away or "")[:availability.AWAY_MAX] or None)
                if current else None)))
    for key, label in (("site", _(availability.SITE_LABEL)),
                       ("team", _(availability.TEAM_LABEL))):
        value = (getattr(current, key) or "") if current else ""
        blocks.append(InputBlock(
            block_id=key, label=label, optional=True,
            element=PlainTextInputElement(action_id=key, max_length=PLACE_MAX,
                                          initial_value=value[:PLACE_MAX] or None)))
    users = [u for u in (current.avoid or ()) if _USER_ID.match(u)] if current else []
    blocks.append(InputBlock(
        block_id="avoid", label=_(availability.AVOID_LABEL), optional=True,
        hint=_(availability.AVOID_HINT),
        element=UserMultiSelectElement(action_id="avoid", initial_users=users or None,
                                       max_selected_items=AVOID_MAX)))
    manager = (current.manager or "") if current else ""
    blocks.append(InputBlock(
        block_id="manager", label=_(availability.MANAGER_LABEL), optional=True,
        hint=_(availability.MANAGER_HINT),
        element=UserSelectElement(action_id="manager",
                                  initial_user=manager if _USER_ID.match(manager) else None)))
    return blocks


def build_feedback_modal(match_id: int, theme: str = "") -> View:
    """After *Met*: how much did you learn (1–5), what about their role, values, challenges
    or barriers (tied to the meeting's theme), may it be shared."""
    scores = [_option(str(n), label) for n, label in wording.SCORE_CHOICES]
    line = wording.feedback_theme_line(theme)
    blocks: list[Block] = [_context(fit(line, CONTEXT_CHARS))] if line else []
    blocks += [
        InputBlock(block_id="learned_score", label=wording.FEEDBACK_SCORE_LABEL,
                   element=RadioButtonsElement(action_id="learned_score", options=scores)),
        InputBlock(block_id="learned_text", label=wording.FEEDBACK_TEXT_LABEL, optional=True,
                   element=PlainTextInputElement(action_id="learned_text", multiline=True,
                                                 max_length=FEEDBACK_TEXT_MAX)),
        InputBlock(block_id="share", label=_("Sharing"), optional=True,
                   element=CheckboxesElement(action_id="share", options=[
                       _option("share", wording.FEEDBACK_SHARE_LABEL)])),
    ]
    return View(type="modal", callback_id=FEEDBACK_VIEW, title=wording.FEEDBACK_FORM_TITLE,
                submit=wording.FEEDBACK_SEND, close=_("Cancel"), private_metadata=str(match_id),
                blocks=blocks)


def build_evaluation_modal(programme_id: int, stage: str, term: int = 0, *,
                           lead: Say | None = None,
                           questions: Sequence[tuple[str, str]] = (),
                           scale_of: Sequence[tuple[int, str]] = ()) -> View:
    """The five 1-5 questions of the before-and-after evaluation, each optional; after
    joining, `lead` (the confirmation) and the request's words come first."""
    # `questions` and `scale_of`: a programme's own instrument (empty: pairbot-5's).
    scale = [_option(str(n), label) for n, label in (scale_of or ev.SCALE)]
    asked = questions or tuple((q.domain, q.text) for q in ev.QUESTIONS)
    blocks: list[Block] = []
    if lead is not None:
        blocks += layout(tm.Document("", (*lead.paragraphs(), tm.para(tm.Strong(
            wording.evaluation_title(stage, len(questions) if questions else None))))), 4)
    blocks.append(_context(fit(wording.EVALUATION_FORM_LEAD, CONTEXT_CHARS)))
    blocks += [InputBlock(block_id=item, label=clip(text, 2000), optional=True,
                          element=StaticSelectElement(action_id=item, options=scale,
                                                      placeholder=wording.EVALUATION_PLACEHOLDER))
               for item, text in asked]
    title = wording.evaluation_form_title(len(questions) if questions else None)
    return View(type="modal", callback_id=EVALUATION_VIEW, title=clip(title, 24),
                submit=wording.EVALUATION_SEND, close=_("Skip"), blocks=blocks,
                private_metadata=json.dumps({"programme_id": programme_id, "stage": stage,
                                             "term": term}))


def build_result_modal(title: str, reply: Say) -> View:
    """A modal that only says something (after a form was saved)."""
    return View(type="modal", callback_id=NOTICE_VIEW, title=clip(title, 24) or "pairbot",
                close=_("Close"), blocks=layout(tm.Document("", reply.paragraphs()), 10))


def _lines(values: Iterable[str]) -> list[str]:
    """Values one per line, in chunks that fit a text input."""
    chunks: list[str] = []
    current = ""
    for value in values:
        if current and len(current) + 1 + len(value) > INPUT_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n{value}" if current else value
    return [*chunks, current] if current else chunks


def _list_inputs(block_id: str, label: str, values: Sequence[str], *, optional: bool,
                 hint: str | None = None) -> list[Block]:
    """A list, one value per line, over as many 3,000-character inputs as it needs.

    The inputs are `block_id`, `block_id_2`, `block_id_3`…; `bot.slack.forms.lines_of`
    reads them back together.
    """
    chunks = _lines(values) or [""]
    return [InputBlock(
        block_id=block_id if index == 0 else f"{block_id}_{index + 1}",
        label=label if index == 0 else f"{label} (continued)",
        optional=optional or index > 0, hint=hint if index == 0 else None,
        element=PlainTextInputElement(action_id="value", multiline=True,
                                      max_length=INPUT_CHARS, initial_value=chunk or None))
        for index, chunk in enumerate(chunks)]


def _lines_of_setting(setting: table.Setting, value: Any) -> list[str]:
    if setting.kind == table.Kind.PAIRS:
        return [f"{k}={v}" for k, v in dict(value or {}).items()]
    return [str(v) for v in value or ()]


def _setting_input(setting: table.Setting, text: str, value: Any) -> list[Block]:
    """One setting's input, the element chosen by its kind; block and action id: its key."""
    key, label, hint = setting.key, setting.title, setting.hint or None
    optional = not setting.required and setting.min_items == 0
    if setting.kind in (table.Kind.LIST, table.Kind.PAIRS):
        return _list_inputs(key, label, _lines_of_setting(setting, value), optional=optional,
                            hint=hint)
    element: Any
    if setting.kind == table.Kind.PEOPLE:
        users = [u for u in value or () if _USER_ID.match(u)]
        element = UserMultiSelectElement(action_id=key, initial_users=users or None)
    elif setting.kind == table.Kind.CHANNEL:
        element = ConversationSelectElement(
            action_id=key, initial_conversation=text if _CHANNEL_ID.match(text) else None,
            filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True))
    elif setting.options:
        options = {v: _option(v, words) for v, words in setting.options}
        kind = RadioButtonsElement if len(options) <= 3 else StaticSelectElement
        element = kind(action_id=key, options=list(options.values()),
                       initial_option=options.get(text))
        optional = False
    elif setting.kind == table.Kind.INT:
        element = NumberInputElement(action_id=key, is_decimal_allowed=False,
                                     min_value=setting.low, max_value=setting.high,
                                     initial_value=value)
        optional = False
    else:
        limit = min(setting.max_length or INPUT_CHARS, INPUT_CHARS)
        element = PlainTextInputElement(action_id=key, max_length=limit,
                                        multiline=setting.multiline,
                                        initial_value=text[:limit] or None)
    return [InputBlock(block_id=key, label=label, hint=hint, optional=optional,
                       element=element)]


def build_settings_modal(programme_id: int, settings: ProgrammeSettings) -> View:
    """An organiser's programme settings, every one the table offers in Slack, under their
    sections; block ids are the settings keys."""
    current = settings_as_text(settings)
    values = settings_values_of(settings)
    blocks: list[Block] = [_context(wording.SETTINGS_LEAD)]
    for section, offered in table.sections(table.Surface.SLACK):
        blocks.append(_header(table.section_title(section)))
        for setting in offered:
            blocks += _setting_input(setting, current[setting.key], values[setting.key])
    return View(type="modal", callback_id=SETTINGS_VIEW, title=clip(wording.SETTINGS_TITLE, 24),
                submit=wording.SAVE, close=_("Cancel"), private_metadata=str(programme_id),
                blocks=blocks)


def build_home(home: Home) -> View:
    """The App Home tab: profile, status, next round, past matches, and buttons."""
    blocks: list[Block] = [_header(home.programme or "pairbot")]
    if not home.joined:
        blocks += [
            _section(fit(_("You haven't joined {programme} yet. Each round pairbot introduces "
                           "you to someone from another profession, so you learn about each "
                           "other's roles. The next round is on {day}.").format(
                               programme=home.programme, day=home.next_round), SECTION_CHARS)),
            ActionsBlock(block_id="home_actions", elements=[
                ButtonElement(text=_("Join"), action_id=HOME_EDIT, value="join",
                              style="primary"),
            ]),
        ]
        return View(type="home", blocks=blocks)
    learn = tm.names(home.learn) or _("anyone from another profession")
    profile = ["*" + _("Your profile") + "*",
               _("Profession: {profession}").format(profession=fit(home.profession, 150)),
               _("Would like to learn about: {learn}").format(learn=fit(learn, 1000))]
    if home.intro.strip():
        profile.append(quote(home.intro, 600))
    profile += [escape(fit(line, 1000)) for line in meeting_lines(home.meeting)]
    blocks += _sections(profile, 2)
    blocks.append(_section(inline((_("Status:") + " ", *home.status))))
    blocks.append(_section(fit(_("Next round: {day}").format(day=home.next_round),
                               SECTION_CHARS)))
    if home.log:
        blocks.append(_section(inline(home.log)))
    buttons: list[Any] = [ButtonElement(text=_("Edit profile"), action_id=HOME_EDIT,
                                        value="edit")]
    if home.paused:
        buttons.append(ButtonElement(text=_("Resume"), action_id=HOME_RESUME, value="resume",
                                     style="primary"))
    else:
        buttons.append(StaticSelectElement(
            action_id=HOME_PAUSE, placeholder=_("Pause for…"),
            options=[_option(value, label) for value, label in wording.PAUSE_CHOICES]))
    leave = wording.leave_document().blocks[-1]
    assert isinstance(leave, tm.Choices)
    buttons += [b for c in leave.choices if (b := _button(leave, c)) is not None]
    blocks.append(ActionsBlock(block_id="home_actions", elements=buttons))
    blocks.append(DividerBlock())
    if home.past:
        lines = ["*" + _("Past introductions") + "*"]
        for past in home.past:
            others = tm.names(past.others) or _("nobody")
            lines.append("• " + _("{day}: with {others} · {outcome}").format(
                day=fit(past.day, 60), others=fit(others, 600), outcome=fit(past.outcome, 60)))
        blocks += _sections(lines, 20)
    else:
        blocks.append(_context(_("No introductions yet: your first comes with the next "
                                 "round.")))
    return View(type="home", blocks=list(_fit_blocks(blocks, VIEW_BLOCKS)))
