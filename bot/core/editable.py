"""Wording organisers can edit: per programme and language, the opening of the intro, the
heads-up, the check-in question and the invitation.

Each editable text is declared once here: its default (the catalogue's message, so that
an unedited programme reads exactly as before, in every language), the placeholders it
may use (what the message actually has to fill in) and the ones it must keep. The
console checks an edit against this before it is saved; `bot/core/wording.py` fills the
edited text in at send time, when there is one for the reader's language. An edited text
is literal text like anything a person types: the platforms escape it for their markup.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.core import i18n
from bot.core.hygiene import clean_text
from bot.core.i18n import N_, _

INTRO = "intro"
HEADSUP = "headsup"
CHECKIN = "checkin"
INVITATION = "invitation"
# The languages an organiser writes in (a bilingual programme uses both).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("cy", "Cymraeg"))
MAX_CHARS = 1000

# What each placeholder becomes, in words an organiser reads beside the field.
PLACEHOLDERS: Mapping[str, str] = {
    "programme": N_("the programme's name"),
    "partner_names": N_("the names of the people introduced"),
    "theme": N_("this meeting's theme (empty when the programme has no themes)"),
    "checkin_date": N_("the day of the check-in"),
    "round_date": N_("the day of the round"),
    "expires_date": N_("the last day to accept (empty when the invitation does not lapse)"),
}


@dataclass(frozen=True)
class Editable:
    """One text an organiser may reword."""

    key: str
    label: str
    help: str
    default: str
    placeholders: tuple[str, ...]
    required: tuple[str, ...]


EDITABLE: tuple[Editable, ...] = (
    Editable(INTRO, N_("The introduction's opening"),
             N_("The first sentence of every introduction, above the people and their "
                "questions."),
             N_("pairbot has introduced you for {programme} so you can learn about each "
                "other's roles."),
             ("programme", "partner_names", "theme", "checkin_date"), ("programme",)),
    Editable(HEADSUP, N_("The heads-up"),
             N_("Sent the day before a round, above the button to skip it."),
             N_("The next {programme} round is on {round_date}: you'll be introduced to "
                "someone from another profession. Away or too busy? Skip just this round."),
             ("programme", "round_date"), ("programme", "round_date")),
    Editable(CHECKIN, N_("The check-in question"),
             N_("Asked after the meeting, above the buttons to answer it (a reminder starts "
                "with \u201cReminder:\u201d)."),
             N_("Did you manage to meet for {programme}?"),
             ("programme", "partner_names"), ("programme",)),
    Editable(INVITATION, N_("The invitation"),
             N_("Sent to the people an organiser imports, above what the import said about "
                "them and the buttons to accept or decline."),
             N_("Your organiser has invited you to {programme}: every round pairbot "
                "introduces you to someone from another profession, for a coffee or a call, "
                "so you learn about each other's roles."),
             ("programme", "expires_date"), ("programme",)),
)
BY_KEY: Mapping[str, Editable] = {e.key: e for e in EDITABLE}


class WordingError(ValueError):
    """An edit refused; the message says why in one sentence."""


def _named(names: Sequence[str]) -> str:
    return i18n.format_list([f"{{{name}}}" for name in names])


def check(key: str, text: str) -> str:
    """The edit as it will be stored (control characters removed, ends trimmed), or
    WordingError: empty, too long, braces that do not close, a placeholder this text does
    not have, or a required one missing."""
    editable = BY_KEY[key]
    cleaned = clean_text(text, multiline=True).strip()
    if not cleaned:
        raise WordingError(_("Write the text, or reset it to the default."))
    if len(cleaned) > MAX_CHARS:
        raise WordingError(_("Keep it to {limit} characters; this is {count}.").format(
            limit=MAX_CHARS, count=len(cleaned)))
    try:
        fields = [(name, spec, conversion) for _text, name, spec, conversion
                  in string.Formatter().parse(cleaned) if name is not None]
    except ValueError:
        raise WordingError(_("A brace does not close: write a placeholder as {example}, and "
                             "a brace itself as {{ or }}.").replace("{example}", "{programme}")
                           ) from None
    allowed = _named(editable.placeholders)
    for name, spec, conversion in fields:
        if name not in editable.placeholders or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (
                ":" + spec if spec else "") + "}"
            raise WordingError(_("{placeholder} is not a placeholder of this text; it may use "
                                 "{allowed}.").format(placeholder=shown, allowed=allowed))
    used = {name for name, _spec, _conversion in fields}
    missing = [name for name in editable.required if name not in used]
    if missing:
        raise WordingError(_("Keep {missing} in the text: people need it to know what the "
                             "message is about.").format(missing=_named(missing)))
    return cleaned


def language() -> str:
    """The language an edit is chosen by, for the reader being served: `cy` or `en`."""
    return "cy" if i18n.current() in ("cy", i18n.BILINGUAL) else "en"


def text_for(key: str, edits: Sequence[tuple[str, str]]) -> str:
    """The reader's text: the programme's edit in their language, or the default,
    translated."""
    mine = dict(edits).get(language())
    return mine if mine else _(BY_KEY[key].default)


def edited(key: str, edits: Sequence[tuple[str, str]]) -> bool:
    """Whether the reader gets the programme's own wording of this text."""
    return bool(dict(edits).get(language()))


def fill(key: str, edits: Sequence[tuple[str, str]], **values: str) -> str:
    """The text filled in with `values`; an edit that cannot be filled (saved before a
    rule changed) falls back to the default, so that a message is never lost to it."""
    chosen = text_for(key, edits)
    try:
        return chosen.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return _(BY_KEY[key].default).format(**values)


def shown_placeholders(key: str) -> list[tuple[str, str]]:
    """Each placeholder of a text with what it becomes, in the reader's language."""
    return [("{" + name + "}", _(PLACEHOLDERS[name])) for name in BY_KEY[key].placeholders]
