"""Adaptive Cards: pure `build_*` functions from intents and service results to card JSON.

Nothing here talks to Teams or the database, so every card is unit-tested as
plain data. Buttons are `Action.Execute` (Universal Actions): Teams sends an
`adaptiveCard/action` invoke with the button's `verb` and `data` merged with
the card's inputs, and the card the handler returns replaces the one clicked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from bot.core.hygiene import escape_markdown
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
from bot.core.profile import INTRO_MAX, ProfileInput

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
FEEDBACK_TEXT_MAX = 1000

# Verbs of the Action.Execute buttons; the handlers route on these.
VERB_PROFILE_SAVE = "profile.save"
VERB_CHECKIN = "checkin.answer"
VERB_FEEDBACK_SAVE = "feedback.save"
VERB_LEAVE_CONFIRM = "leave.confirm"
VERB_LEAVE_CANCEL = "leave.cancel"
VERB_SKIP_ROUND = "round.skip"
VERB_SETTINGS_SAVE = "settings.save"

CHAT_LINK = "https://teams.microsoft.com/l/chat/0/0"
MEETING_LINK = "https://teams.microsoft.com/l/meeting/new"

# How a reaction on the check-in card is read (see docs/teams.md). Teams' classic six are
# like, heart, laugh, surprised, sad and angry; newer clients send other emoji by name.
REACTION_HELP = "React 👍 if you met, 📅 if it's scheduled, or 😢 if it's not going to happen."


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
    """An Action.Execute button."""
    action: dict[str, Any] = {"type": "Action.Execute", "title": label, "verb": verb,
                              "data": dict(data or {})}
    if style:
        action["style"] = style
    return action


def open_url(label: str, url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": label, "url": url}


# Escaped characters (user text, see bot.core.hygiene.escape_markdown) are left alone.
_BOLD = re.compile(r"(?<![*\w\\])\*([^*\n]+)(?<!\\)\*(?![*\w])")
_CODE = re.compile(r"(?<!\\)`")


def card_markdown(value: str) -> str:
    """Slack mrkdwn as Teams markdown: `*x*` → `**x**`; code spans lose their backticks."""
    return _CODE.sub("", _BOLD.sub(r"**\1**", value))


def message_markdown(value: str) -> str:
    """Slack mrkdwn as Teams message markdown (which keeps code spans)."""
    return _BOLD.sub(r"**\1**", value).replace("\n", "\n\n").replace("\n\n\n\n", "\n\n")


def names(people: Sequence[Person]) -> str:
    """`Ann`, `Ann and Bo`, `Ann, Bo and Cy`."""
    listed = [escape_markdown(p.name) for p in people]
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def _choices(options: Sequence[str]) -> list[dict[str, str]]:
    return [{"title": o, "value": o} for o in options]


# Participants --------------------------------------------------------------------------

def build_profile_card(professions: Sequence[str], *, programme_id: int, programme: str,
                       current: ProfileInput | None = None,
                       errors: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The profile form: profession, professions to learn about, a short intro."""
    errors = errors or {}
    current = current or ProfileInput(None)
    body: list[dict[str, Any]] = [
        title("Your pairbot profile"),
        text(f"{programme}: each round pairbot introduces you to someone from another "
             "profession, so that you learn about each other's roles, values and challenges."),
    ]
    if errors:
        body.append(text("Please check the highlighted answers.", color="Attention",
                         weight="Bolder"))
    if "programme" in errors:
        body.append(error_text(errors["programme"]))
    profession: dict[str, Any] = {
        "type": "Input.ChoiceSet", "id": "profession", "label": "Your profession",
        "style": "compact", "isRequired": True, "errorMessage": "Choose your profession.",
        "placeholder": "Choose…", "choices": _choices(professions),
    }
    if current.profession:
        profession["value"] = current.profession
    body.append(profession)
    if "profession" in errors:
        body.append(error_text(errors["profession"]))
    learn: dict[str, Any] = {
        "type": "Input.ChoiceSet", "id": "learn", "isMultiSelect": True, "style": "compact",
        "label": "Professions you'd like to learn about (optional)",
        "choices": _choices(professions),
    }
    if current.learn:
        learn["value"] = ",".join(current.learn)
    body.append(learn)
    if "learn" in errors:
        body.append(error_text(errors["learn"]))
    body.append({
        "type": "Input.Text", "id": "intro", "isMultiline": True, "maxLength": INTRO_MAX,
        "label": f"A short intro for the people you meet (optional, up to {INTRO_MAX} "
                 "characters)",
        "placeholder": "What you do, and what you'd like to learn", "value": current.intro,
    })
    if "intro" in errors:
        body.append(error_text(errors["intro"]))
    return card(body, [execute("Save", VERB_PROFILE_SAVE, {"programme_id": programme_id},
                               style="positive")])


def build_text_card(message: str, heading_text: str = "") -> dict[str, Any]:
    """A card that only says something (replaces a form once it is done)."""
    body = [title(heading_text)] if heading_text else []
    return card([*body, text(message)])


def build_leave_card(question: str) -> dict[str, Any]:
    """Asks before erasing everything."""
    return card([title("Leave pairbot?"), text(question)], [
        execute("Leave and erase my data", VERB_LEAVE_CONFIRM, style="destructive"),
        execute("Stay", VERB_LEAVE_CANCEL),
    ])


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


def _person(p: Person) -> dict[str, Any]:
    items = [text(escape_markdown(p.name), weight="Bolder"),
             text(escape_markdown(p.profession), isSubtle=True, spacing="None")]
    if p.intro:
        items.append(text(f"“{escape_markdown(p.intro)}”", spacing="Small"))
    return {"type": "Container", "spacing": "Medium", "items": items}


def build_intro_card(intro: Intro, viewer: str | None,
                     contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """An introduction as `viewer` sees it: the others, why, icebreakers, links to meet.

    `contacts` maps user ids to their user principal names, which Teams deep links need;
    with `viewer` None the card shows everyone (a group chat).
    """
    contacts = contacts or {}
    others = [m for m in intro.members if m.user_id != viewer] if viewer else list(intro.members)
    body: list[dict[str, Any]] = [
        title(f"Meet {names(others)}"),
        text(f"{intro.programme}: your introduction for this round.", isSubtle=True,
             spacing="None"),
        *(_person(p) for p in others),
    ]
    if intro.reasons:
        body.append(heading("Why you were matched"))
        body.append(text("\n".join(f"- {escape_markdown(r)}" for r in intro.reasons)))
    if intro.icebreakers:
        body.append(heading("Questions to get you started"))
        body.append(text("\n".join(f"{i}. {q}" for i, q in enumerate(intro.icebreakers, 1))))
    body.append(text(f"Try to meet within {intro.meet_within_days} days. I'll check in on "
                     f"{intro.checkin_on} to ask how it went.", spacing="Medium"))
    upns = [contacts[p.user_id] for p in others if contacts.get(p.user_id)]
    actions = []
    if upns:
        first = others[0].name.split()[0] if len(others) == 1 and others[0].name else "them"
        actions.append(open_url(f"Chat with {first}",
                                chat_link(upns, f"pairbot: {intro.programme}")))
        actions.append(open_url("Schedule a meeting", meeting_link(
            upns, f"pairbot: {intro.programme}",
            "Our paired-learning conversation. Icebreakers: "
            + " / ".join(intro.icebreakers[:3]))))
    else:
        body.append(text("Search for them by name in Teams to start a chat.", isSubtle=True))
    return card(body, actions)


def answers_block(checkin: CheckIn) -> dict[str, Any]:
    """Who answered what, for everyone to see."""
    facts = [{"title": escape_markdown(m.name), "value": ANSWERS[checkin.answers[m.user_id]]}
             for m in checkin.members if m.user_id in checkin.answers]
    if not facts:
        return text("No answers yet.", isSubtle=True)
    return {"type": "FactSet", "facts": facts}


def build_checkin_card(checkin: CheckIn, viewer: str | None) -> dict[str, Any]:
    """The check-in: did you meet? Three buttons; reactions count too."""
    others = [m for m in checkin.members if m.user_id != viewer] if viewer else list(
        checkin.members)
    lead = "A reminder: did" if checkin.reminder else "Did"
    body = [
        title(f"{lead} you meet {names(others)}?"),
        text(f"{checkin.programme}. {REACTION_HELP}", isSubtle=True, spacing="None"),
        heading("Answers so far"),
        answers_block(checkin),
    ]
    mine = checkin.answers.get(viewer or "")
    if mine:
        body.append(text(f"You answered: {ANSWERS[mine]}. You can change it any time.",
                         spacing="Medium"))
    actions = [execute(label, VERB_CHECKIN, {"match_id": checkin.match_id, "answer": answer},
                       style="positive" if answer == "met" else None)
               for answer, label in ANSWERS.items()]
    return card(body, actions)


def build_feedback_card(request: FeedbackRequest, *, errors: Mapping[str, str] | None = None,
                        values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """After *Met*: how much did you learn about the other's role?"""
    errors, values = errors or {}, values or {}
    body: list[dict[str, Any]] = [
        title("What did you learn?"),
        text(f"You met {names(request.others)} ({request.programme}). How much did you learn "
             "about their role?"),
        {"type": "Input.ChoiceSet", "id": "learned_score", "style": "expanded",
         "label": "How much did you learn?", "isRequired": True,
         "errorMessage": "Choose how much you learned.",
         "value": str(values.get("learned_score") or ""),
         "choices": [{"title": t, "value": str(v)} for v, t in (
             (1, "1 – nothing new"), (2, "2 – a little"), (3, "3 – some"), (4, "4 – a lot"),
             (5, "5 – it changed how I see their work"))]},
    ]
    if "learned_score" in errors:
        body.append(error_text(errors["learned_score"]))
    body.append({"type": "Input.Text", "id": "learned_text", "isMultiline": True,
                 "maxLength": FEEDBACK_TEXT_MAX, "label": "What did you learn? (optional)",
                 "value": str(values.get("learned_text") or "")})
    if "learned_text" in errors:
        body.append(error_text(errors["learned_text"]))
    body.append({"type": "Input.Toggle", "id": "share", "valueOn": "true", "valueOff": "false",
                 "value": "true" if values.get("share") in (True, "true") else "false",
                 "title": "Organisers may quote this anonymously"})
    # The names ride along so that the card can be shown again with an error.
    data = {"match_id": request.match_id, "programme": request.programme,
            "others": [p.name for p in request.others]}
    return card(body, [execute("Send", VERB_FEEDBACK_SAVE, data, style="positive")])


def build_unpaired_card(unpaired: Unpaired) -> dict[str, Any]:
    body = [title("No introduction for you this round"),
            text(f"{unpaired.programme}: {unpaired.reason}"),
            text("You'll come first in the next round."
                 + (f" It is on {unpaired.next_round}." if unpaired.next_round else ""))]
    return card(body)


def build_headsup_card(headsup: HeadsUp) -> dict[str, Any]:
    body = [title(f"A new round on {headsup.round_on}"),
            text(f"{headsup.programme}: you'll be introduced to someone new. Busy this time? "
                 "Skip just this round.")]
    return card(body, [execute("Skip this round", VERB_SKIP_ROUND,
                               {"programme_id": headsup.programme_id,
                                "period": headsup.period})])


def build_notice_card(notice: Notice) -> dict[str, Any]:
    return build_text_card(notice.text, notice.title)


def render(intent: Intent, viewer: str | None,
           contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Any intent as the card `viewer` receives (None: one card for a whole group chat)."""
    if isinstance(intent, Intro):
        return build_intro_card(intent, viewer, contacts)
    if isinstance(intent, CheckIn):
        return build_checkin_card(intent, viewer)
    if isinstance(intent, FeedbackRequest):
        return build_feedback_card(intent)
    if isinstance(intent, Unpaired):
        return build_unpaired_card(intent)
    if isinstance(intent, HeadsUp):
        return build_headsup_card(intent)
    return build_notice_card(intent)


def summary(intent: Intent) -> str:
    """The notification text shown where the card cannot be (activity feed, toasts)."""
    if isinstance(intent, Intro):
        return f"{intent.programme}: your introduction for this round"
    if isinstance(intent, CheckIn):
        return f"{intent.programme}: did you meet?"
    if isinstance(intent, FeedbackRequest):
        return "What did you learn?"
    if isinstance(intent, Unpaired):
        return f"{intent.programme}: no introduction this round"
    if isinstance(intent, HeadsUp):
        return f"{intent.programme}: a new round on {intent.round_on}"
    return intent.title or intent.text[:80]
