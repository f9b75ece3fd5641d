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
)
from slack_sdk.models.views import View

from bot.core.intents import (
    ANSWERS,
    CheckIn,
    FeedbackRequest,
    HeadsUp,
    Intent,
    Intro,
    Notice,
    Person,
    Unpaired,
)
from bot.core.profile import INTRO_MAX, LEARN_MAX
from bot.services.checkins import FEEDBACK_TEXT_MAX
from bot.services.participants import Home, ProfileForm
from bot.services.programmes import ProgrammeSettings

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
GROUP_MEMBERS_SHOWN = 8

# Modal callback ids
PROFILE_VIEW = "profile"
FEEDBACK_VIEW = "feedback"
SETTINGS_VIEW = "settings"
NOTICE_VIEW = "notice"

# Action ids
CHECKIN_PREFIX = "checkin_"
CHECKIN_ACTIONS = re.compile(r"^checkin_(met|scheduled|not_happening)$")
FEEDBACK_OPEN = "feedback_open"
HEADSUP_SKIP = "headsup_skip"
HOME_EDIT = "home_edit"
HOME_PAUSE = "home_pause"
HOME_RESUME = "home_resume"
LEAVE_CONFIRM = "leave_confirm"
PROFILE_PROGRAMME = "profile_programme"

ANSWER_EMOJI = {"met": ":white_check_mark:", "scheduled": ":calendar:",
                "not_happening": ":x:"}
PAUSE_CHOICES = (("2w", "2 weeks"), ("1m", "1 month"), ("2m", "2 months"), ("3m", "3 months"))
SCORE_LABELS = ("1: nothing new", "2: a little", "3: some", "4: quite a lot", "5: a great deal")
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


def _names(people: Sequence[Person]) -> str:
    names = [p.name for p in people[:GROUP_MEMBERS_SHOWN]]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _fit_blocks(blocks: list[Block], limit: int) -> tuple[Block, ...]:
    if len(blocks) <= limit:
        return tuple(blocks)
    return (*blocks[: limit - 1], _context("… (shortened to fit in Slack)"))


# ------------------------------------------------------------- messages


def build_message(intent: Intent) -> Message:
    """Any intent a service sends, as a Slack message."""
    if isinstance(intent, Intro):
        return build_intro(intent)
    if isinstance(intent, CheckIn):
        return build_checkin(intent)
    if isinstance(intent, Unpaired):
        return build_unpaired(intent)
    if isinstance(intent, HeadsUp):
        return build_headsup(intent)
    if isinstance(intent, FeedbackRequest):
        return build_feedback_request(intent)
    return build_notice(intent)


def _member_line(person: Person) -> str:
    who = f"*{fit(person.name, 200)}*"
    tag = mention(person.user_id)
    head = f"{who} ({tag}) · {fit(person.profession, 150)}" if tag else (
        f"{who} · {fit(person.profession, 150)}")
    if person.intro.strip():
        return head + "\n" + quote(person.intro, 600)
    return head


def build_intro(intro: Intro) -> Message:
    """The introduction in the group DM: who, why, three icebreakers, meet within two weeks."""
    members = intro.members[:GROUP_MEMBERS_SHOWN]
    blocks: list[Block] = [
        _header(f"Meet your {intro.programme} partner{'s' if len(members) > 2 else ''}"),
        _section(fit(f"Hello {_names(members)}! pairbot has introduced you so you can learn "
                     "about each other's roles.", SECTION_CHARS)),
    ]
    blocks += [_section(_member_line(p)) for p in members]
    if intro.reasons:
        blocks += _sections(["*Why you were matched*",
                             *(f"• {fit(r, 500)}" for r in intro.reasons[:10])], 2)
    if intro.icebreakers:
        blocks += _sections(["*Three questions to start with*",
                             *(f"{n}. {fit(q, 500)}" for n, q in
                               enumerate(intro.icebreakers[:3], 1))], 2)
    within = ("two weeks" if intro.meet_within_days == 14
              else f"{intro.meet_within_days} days")
    blocks.append(_context(fit(
        f"Try to meet within {within}: a coffee or a call is plenty. "
        f"I'll check in here on {intro.checkin_on}.", CONTEXT_CHARS)))
    text = f"{intro.programme}: meet {_names(members)}. Three questions to start with inside."
    return Message(_fallback(text), _fit_blocks(blocks, MESSAGE_BLOCKS))


def _answer_line(person: Person, answer: str | None) -> str:
    tag = mention(person.user_id) or f"*{fit(person.name, 200)}*"
    if answer is not None and answer in ANSWERS:
        return f"{tag}: {ANSWER_EMOJI[answer]} {ANSWERS[answer]}"
    return f"{tag}: no answer yet"


def build_checkin(checkin: CheckIn) -> Message:
    """The check-in: did you meet? Buttons, and who answered what so far."""
    lead = "Reminder: did" if checkin.reminder else "Did"
    question = f"{lead} you manage to meet for {checkin.programme}?"
    members = checkin.members[:GROUP_MEMBERS_SHOWN]
    value = str(checkin.match_id)
    blocks: list[Block] = [
        _section(fit(question, SECTION_CHARS), block_id="checkin_question"),
        *_sections([_answer_line(p, checkin.answers.get(p.user_id)) for p in members], 2),
        ActionsBlock(block_id="checkin_buttons", elements=[
            ButtonElement(text="Met", action_id=f"{CHECKIN_PREFIX}met", value=value,
                          style="primary"),
            ButtonElement(text="Scheduled", action_id=f"{CHECKIN_PREFIX}scheduled", value=value),
            ButtonElement(text=ANSWERS["not_happening"],
                          action_id=f"{CHECKIN_PREFIX}not_happening", value=value),
        ]),
        _context("Or react to this message: :white_check_mark: met, :calendar: scheduled, "
                 ":x: not going to happen. Each person answers for themselves; the last "
                 "answer counts."),
    ]
    return Message(_fallback(question), tuple(blocks))


def build_unpaired(unpaired: Unpaired) -> Message:
    """Left out this round: why, and priority next time."""
    when = f" on {unpaired.next_round}" if unpaired.next_round else ""
    text = (f"No introduction for you in {unpaired.programme} this round. {unpaired.reason} "
            f"You'll get priority in the next round{when}.")
    return Message(_fallback(text), (_section(fit(text, SECTION_CHARS)),))


def build_headsup(headsup: HeadsUp) -> Message:
    """A day before a round, with a one-click skip."""
    text = (f"The next {headsup.programme} round is on {headsup.round_on}: you'll be "
            "introduced to someone from another profession. Away or too busy? Skip just "
            "this round.")
    value = json.dumps({"programme_id": headsup.programme_id, "period": headsup.period})
    blocks: list[Block] = [
        _section(fit(text, SECTION_CHARS)),
        ActionsBlock(block_id="headsup", elements=[
            ButtonElement(text="Skip this round", action_id=HEADSUP_SKIP, value=value),
        ]),
    ]
    return Message(_fallback(text), tuple(blocks))


def build_headsup_skipped(text: str) -> Message:
    """The heads-up after its skip button was pressed."""
    return Message(_fallback(text), (_section(fit(text, SECTION_CHARS)),))


def build_feedback_request(request: FeedbackRequest) -> Message:
    """After *Met*: a button that opens the feedback form."""
    others = _names(request.others) or "your partner"
    text = (f"Glad you met {others}! How much did you learn about their role? "
            "Two quick questions, under a minute.")
    blocks: list[Block] = [
        _section(fit(text, SECTION_CHARS)),
        ActionsBlock(block_id="feedback", elements=[
            ButtonElement(text="Share what you learned", action_id=FEEDBACK_OPEN,
                          value=str(request.match_id), style="primary"),
        ]),
    ]
    return Message(_fallback(text), tuple(blocks))


def build_notice(notice: Notice) -> Message:
    """A plain message: confirmations, welcomes, results, errors."""
    blocks: list[Block] = [_header(notice.title)] if notice.title.strip() else []
    blocks += _sections([fit(line, SECTION_CHARS) for line in notice.text.splitlines()],
                        MESSAGE_BLOCKS - len(blocks))
    text = f"{notice.title}: {notice.text}" if notice.title.strip() else notice.text
    return Message(_fallback(text) or "pairbot", tuple(blocks) or (_section(" "),))


def build_text(text: str) -> Message:
    """A reply that is only text (escaped, within limits)."""
    return build_notice(Notice(text=text))


def build_leave_confirmation(text: str) -> Message:
    """`/pair-me leave`: are you sure? The button asks once more before erasing."""
    blocks: list[Block] = [
        _section(fit(text, SECTION_CHARS)),
        ActionsBlock(block_id="leave", elements=[_leave_button()]),
    ]
    return Message(_fallback(text), tuple(blocks))


def _leave_button() -> ButtonElement:
    return ButtonElement(
        text="Leave and erase my data", action_id=LEAVE_CONFIRM, value="leave", style="danger",
        confirm=ConfirmObject(
            title="Leave pairbot?",
            text="Your profile, check-in answers and feedback are erased. This cannot be "
                 "undone.",
            confirm="Leave", deny="Stay", style="danger"),
    )


def build_data_messages(data: dict[str, Any], chunk: int = 3500) -> list[str]:
    """`my-data`: the JSON in code blocks, split into messages Slack shows in full."""
    body = escape(json.dumps(data, indent=2, ensure_ascii=False))
    parts = [body[i:i + chunk] for i in range(0, len(body), chunk)] or ["{}"]
    return [f"```{part}```" for part in parts]


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
            block_id="programme", label="Programme", dispatch_action=True,
            element=StaticSelectElement(
                action_id=PROFILE_PROGRAMME, options=list(programme_options.values()),
                initial_option=programme_options.get(form.programme_id)),
        ))
    chosen = options.get(current.profession) if current and current.profession else None
    blocks.append(InputBlock(
        block_id="profession", label="Your profession",
        element=StaticSelectElement(action_id="profession", options=list(options.values()),
                                    initial_option=chosen,
                                    placeholder="Choose your profession"),
    ))
    learning = [options[p] for p in (current.learn if current else ()) if p in options]
    blocks.append(InputBlock(
        block_id="learn", label="Professions you'd like to learn about", optional=True,
        hint="Leave it empty to meet anyone from another profession.",
        element=StaticMultiSelectElement(action_id="learn", options=list(options.values()),
                                         initial_options=learning or None,
                                         max_selected_items=LEARN_MAX,
                                         placeholder="Choose up to ten"),
    ))
    blocks.append(InputBlock(
        block_id="intro", label="A short intro", optional=True,
        hint=f"What you do and what you'd like to learn. At most {INTRO_MAX} characters.",
        element=PlainTextInputElement(action_id="intro", multiline=True, max_length=INTRO_MAX,
                                      initial_value=(current.intro[:INTRO_MAX] or None)
                                      if current else None),
    ))
    return View(type="modal", callback_id=PROFILE_VIEW, title="Your profile",
                submit="Save", close="Cancel", private_metadata=str(form.programme_id),
                blocks=blocks)


def build_feedback_modal(match_id: int) -> View:
    """After *Met*: how much did you learn (1–5), one thing learned, may it be shared."""
    scores = [_option(str(n), label) for n, label in enumerate(SCORE_LABELS, 1)]
    blocks: list[Block] = [
        InputBlock(block_id="learned_score",
                   label="How much did you learn about the other person's role?",
                   element=RadioButtonsElement(action_id="learned_score", options=scores)),
        InputBlock(block_id="learned_text", label="One thing you learned", optional=True,
                   element=PlainTextInputElement(action_id="learned_text", multiline=True,
                                                 max_length=FEEDBACK_TEXT_MAX)),
        InputBlock(block_id="share", label="Sharing", optional=True,
                   element=CheckboxesElement(action_id="share", options=[
                       _option("share", "Organisers may share this anonymously")])),
    ]
    return View(type="modal", callback_id=FEEDBACK_VIEW, title="What you learned",
                submit="Send", close="Cancel", private_metadata=str(match_id), blocks=blocks)


def build_result_modal(title: str, text: str) -> View:
    """A modal that only says something (after a form was saved)."""
    return View(type="modal", callback_id=NOTICE_VIEW, title=clip(title, 24) or "pairbot",
                close="Close", blocks=_sections([fit(text, SECTION_CHARS) or "Done."], 10))


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


PROFESSION_BLOCKS = ("professions", "professions_2", "professions_3")


def build_settings_modal(programme_id: int, settings: ProgrammeSettings) -> View:
    """An organiser's programme settings."""
    modes = {"cross": _option("cross", "Cross: anyone meets another profession"),
             "two-sided": _option("two-sided", "Two-sided: side A meets side B")}
    sizes = {n: _option(str(n), f"{n} people") for n in (2, 3, 4)}
    chunks = _lines(settings.professions) or [""]
    blocks: list[Block] = [
        _context("Changes apply from the next round. Every change is written to the audit log."),
        InputBlock(block_id="name", label="Programme name",
                   element=PlainTextInputElement(action_id="name", max_length=100,
                                                 initial_value=settings.name[:100])),
        InputBlock(block_id="mode", label="Who meets whom",
                   element=RadioButtonsElement(action_id="mode", options=list(modes.values()),
                                               initial_option=modes.get(settings.mode))),
        InputBlock(block_id="group_size", label="Group size",
                   element=StaticSelectElement(action_id="group_size",
                                               options=list(sizes.values()),
                                               initial_option=sizes.get(settings.group_size))),
        InputBlock(block_id="cadence", label="When rounds happen",
                   hint="e.g. monthly first monday 10:00, monthly day 15 09:30, "
                        "fortnightly monday 10:00, weekly wednesday 12:30",
                   element=PlainTextInputElement(action_id="cadence", max_length=64,
                                                 initial_value=settings.cadence)),
        InputBlock(block_id="timezone", label="Time zone", hint="e.g. Europe/London",
                   element=PlainTextInputElement(action_id="timezone", max_length=64,
                                                 initial_value=settings.timezone)),
        InputBlock(block_id="recency", label="Rounds before two people can meet again",
                   element=NumberInputElement(action_id="recency", min_value=0, max_value=60,
                                              initial_value=settings.recency)),
        InputBlock(block_id="checkin_after_days", label="Days from intro to check-in",
                   element=NumberInputElement(action_id="checkin_after_days", min_value=1,
                                              max_value=60,
                                              initial_value=settings.checkin_after_days)),
    ]
    for index, chunk in enumerate(chunks[: len(PROFESSION_BLOCKS)]):
        blocks.append(InputBlock(
            block_id=PROFESSION_BLOCKS[index],
            label="Professions, one per line" if index == 0 else "More professions",
            optional=index > 0,
            element=PlainTextInputElement(action_id="value", multiline=True,
                                          max_length=INPUT_CHARS,
                                          initial_value=chunk or None)))
    for side in ("A", "B"):
        members = _lines(settings.sides.get(side, ()))
        blocks.append(InputBlock(
            block_id=f"side_{side.lower()}", label=f"Side {side} professions (two-sided only)",
            optional=True, hint="One per line, each from the list above.",
            element=PlainTextInputElement(action_id="value", multiline=True,
                                          max_length=INPUT_CHARS,
                                          initial_value=members[0] if members else None)))
    organisers = [u for u in settings.organisers if _USER_ID.match(u)]
    blocks.append(InputBlock(
        block_id="organisers", label="Organisers", optional=True,
        hint="Besides workspace admins and owners.",
        element=UserMultiSelectElement(action_id="organisers",
                                       initial_users=organisers or None)))
    channel = settings.channel_id if settings.channel_id and _CHANNEL_ID.match(
        settings.channel_id) else None
    blocks.append(InputBlock(
        block_id="channel", label="Programme channel", optional=True,
        hint="People who join it get a welcome message inviting them to /pair-me.",
        element=ConversationSelectElement(action_id="channel", initial_conversation=channel,
                                          filter=ConversationFilter(
                                              include=["public", "private"],
                                              exclude_bot_users=True))))
    return View(type="modal", callback_id=SETTINGS_VIEW, title="Programme settings",
                submit="Save", close="Cancel", private_metadata=str(programme_id),
                blocks=blocks)


def build_home(home: Home) -> View:
    """The App Home tab: profile, status, next round, past matches, and buttons."""
    blocks: list[Block] = [_header(home.programme or "pairbot")]
    if not home.joined:
        blocks += [
            _section(fit(f"You haven't joined {home.programme} yet. Each round pairbot "
                         "introduces you to someone from another profession, so you learn "
                         "about each other's roles. The next round is on "
                         f"{home.next_round}.", SECTION_CHARS)),
            ActionsBlock(block_id="home_actions", elements=[
                ButtonElement(text="Join", action_id=HOME_EDIT, value="join", style="primary"),
            ]),
        ]
        return View(type="home", blocks=blocks)
    learn = ", ".join(home.learn) or "anyone from another profession"
    profile = ["*Your profile*", f"Profession: {fit(home.profession, 150)}",
               f"Would like to learn about: {fit(learn, 1000)}"]
    if home.intro.strip():
        profile.append(quote(home.intro, 600))
    blocks += _sections(profile, 2)
    blocks.append(_section(fit(f"Status: {home.status}", SECTION_CHARS)))
    blocks.append(_section(fit(f"Next round: {home.next_round}", SECTION_CHARS)))
    buttons: list[Any] = [ButtonElement(text="Edit profile", action_id=HOME_EDIT,
                                        value="edit")]
    if home.paused:
        buttons.append(ButtonElement(text="Resume", action_id=HOME_RESUME, value="resume",
                                     style="primary"))
    else:
        buttons.append(StaticSelectElement(
            action_id=HOME_PAUSE, placeholder="Pause for…",
            options=[_option(value, label) for value, label in PAUSE_CHOICES]))
    buttons.append(_leave_button())
    blocks.append(ActionsBlock(block_id="home_actions", elements=buttons))
    blocks.append(DividerBlock())
    if home.past:
        lines = ["*Past introductions*"]
        for past in home.past:
            others = ", ".join(past.others) or "nobody"
            lines.append(f"• {fit(past.day, 60)}: with {fit(others, 600)} · "
                         f"{fit(past.outcome, 60)}")
        blocks += _sections(lines, 20)
    else:
        blocks.append(_context("No introductions yet: your first comes with the next round."))
    return View(type="home", blocks=list(_fit_blocks(blocks, VIEW_BLOCKS)))
