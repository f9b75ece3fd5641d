"""Every programme setting, declared once (the shape of datasette's `Setting(name, default,
help)`): its key, the words an organiser reads, its kind, bounds or choices, default and
maximum length.

Everything that reads, checks, shows or offers a setting loops over `SETTINGS`: the parser
(bot/services/programme_settings.py), `pairbot programme show`, the Slack modal, the Teams
card, the console's forms and the docs' tables. Adding a setting is one row here, a model
column and a migration. Only the rules that tie the sides to the professions are written by
hand, in the service.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core import journey as journeys
from bot.core import schedule, terms
from bot.core.hygiene import clean_text
from bot.core.i18n import N_, _
from bot.core.profile import DEFAULT_PROFESSIONS
from bot.core.states import Format, Mode


class Kind(StrEnum):
    """What a setting holds, and so how it is typed, checked and offered in a form."""

    TEXT = "text"  # one line of text (a long one gets a box)
    INT = "int"  # a whole number within `low`..`high`
    CHOICE = "choice"  # one of `choices`
    SWITCH = "switch"  # on/off (or yes/no, as `words` says): a bool
    LIST = "list"  # items separated by `;` or new lines: a tuple
    PAIRS = "pairs"  # `SOURCE=TARGET` items separated by `;` or new lines: a dict
    PEOPLE = "people"  # user ids separated by `;`, `,` or spaces: a tuple
    CHANNEL = "channel"  # a chat channel id, or none


class Surface(StrEnum):
    """The forms that can offer a setting."""

    SLACK = "slack"
    TEAMS = "teams"
    CONSOLE = "console"


EVERYWHERE = frozenset(Surface)
# What a form that cannot pick people asks for instead.
PEOPLE_TYPED = "Slack user ids or Entra object ids, separated by commas"


class SettingError(ValueError):
    """One setting's text or value is not allowed; the message says why in one sentence."""


@dataclass(frozen=True)
class Setting:
    """One programme setting."""

    key: str
    label: str
    help: str
    kind: Kind
    default: Any
    section: str
    low: int | None = None
    high: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    # The sentence shown when a value is out of bounds, not a choice, or too long.
    invalid: str = ""
    required: bool = False
    # Lists: how many items, and how long each may be.
    min_items: int = 0
    max_items: int | None = None
    item_max: int | None = None
    words: tuple[str, str] = ("on", "off")
    # Lists: what one item and several items are called in a message.
    noun: tuple[str, str] = ("one", "items")
    # The attribute of ProgrammeSettings and the programmes column, when not the key itself
    # (the sides' four keys live in the `sides` and `side_names` mappings instead).
    attribute: str = ""
    # Turns checked text into its stored form, or raises SettingError (cadence, journey…).
    normalise: Callable[[str], str] | None = None
    # An empty stored value stands for the default (the journey).
    blank_is_default: bool = False
    forms: frozenset[Surface] = EVERYWHERE

    @property
    def column(self) -> str:
        """Where the value is kept on the programme."""
        return self.attribute or self.key

    @property
    def multiline(self) -> bool:
        """Whether a form offers a box of several lines for it."""
        return self.kind in (Kind.LIST, Kind.PAIRS) or (
            self.kind == Kind.TEXT and (self.max_length or 0) > 300)

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """The values a form offers to choose from, with their words in the reader's language
        (empty: typed in)."""
        if self.kind == Kind.SWITCH:
            return tuple((word, _(_SWITCH_WORDS.get(word, word.capitalize())))
                         for word in self.words)
        return tuple((value, _(words)) for value, words in self.choices)

    @property
    def title(self) -> str:
        """The label in the reader's language (`label` stays English, for the docs)."""
        return _(self.label)

    @property
    def hint(self) -> str:
        """The help in the reader's language ("" when there is none)."""
        return _(self.help) if self.help else ""

    def parse(self, text: str) -> Any:
        """The typed value of the setting's text; raises SettingError."""
        return _PARSE[self.kind](self, str(text).strip())

    def check(self, value: Any) -> Any:
        """The value checked against the bounds and normalised; raises SettingError."""
        return _CHECK[self.kind](self, value)

    def text(self, value: Any) -> str:
        """The value as `programme show` prints it and a form is filled with."""
        if self.blank_is_default and not value:
            value = self.default
        return _TEXT[self.kind](self, value)

    def describe_values(self) -> str:
        """The values it takes, in the docs' words."""
        if self.options:
            return ", ".join(f"`{value}`" for value, _ in self.options)
        if self.kind == Kind.INT:
            return f"{self.low}–{self.high}"
        described = _DESCRIBE.get(self.kind, "text")
        if self.max_length:
            described += f", at most {self.max_length} characters"
        return described


# ---------------------------------------------------------------- parsing, by kind

_LIST_SPLIT = re.compile(r"[;\n]")
_IDS_SPLIT = re.compile(r"[;,\s]+")
_ON = frozenset({"on", "yes", "true"})
_OFF = frozenset({"off", "no", "false"})


def _bad(setting: Setting, fallback: str) -> SettingError:
    # `invalid` is marked for the catalogue; the error reads in the reader's language.
    return SettingError(_(setting.invalid) if setting.invalid else fallback)


def _parse_int(setting: Setting, text: str) -> int:
    # Teams' number inputs may send "14.0"; anything else that is not an integer is refused.
    if not text:
        raise SettingError(_("Enter a whole number."))
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise SettingError(_("'{text}' is not a whole number.").format(text=text[:40]))
    return int(number)


def _parse_switch(setting: Setting, text: str) -> bool:
    word = text.lower()
    if word not in _ON | _OFF:
        raise _bad(setting, _("{setting} is either {on} or {off}.").format(
            setting=setting.title, on=setting.words[0], off=setting.words[1]))
    return word in _ON


def _items(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _LIST_SPLIT.split(text) if p.strip())


def _parse_pairs(setting: Setting, text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in _items(text):
        source, sep, target = item.partition("=")
        source, target = " ".join(source.split()), " ".join(target.split())
        if not sep or not source or not target:
            raise SettingError(_("'{item}' is not SOURCE=PROFESSION, e.g. 'Nursing and "
                                 "Midwifery Registered=Nurse'.").format(item=item[:60]))
        if source.casefold() in {s.casefold() for s in pairs}:
            raise SettingError(_("'{source}' is mapped twice; keep one line for it.").format(
                source=source[:60]))
        pairs[source] = target
    return pairs


_PARSE: dict[Kind, Callable[[Setting, str], Any]] = {
    Kind.TEXT: lambda s, text: " ".join(text.split()) if not s.multiline else text,
    Kind.INT: _parse_int,
    Kind.CHOICE: lambda s, text: text.lower(),
    Kind.SWITCH: _parse_switch,
    Kind.LIST: lambda s, text: _items(text),
    Kind.PAIRS: _parse_pairs,
    Kind.PEOPLE: lambda s, text: tuple(o for o in _IDS_SPLIT.split(text) if o),
    Kind.CHANNEL: lambda s, text: text or None,
}


# ---------------------------------------------------------------- checking, by kind

def _check_text(setting: Setting, value: Any) -> str:
    text = clean_text(str(value or ""), multiline=setting.multiline).strip()
    if setting.required and not text:
        raise _bad(setting, _("This cannot be empty."))
    if setting.normalise is not None:
        text = setting.normalise(text)
    if setting.max_length is not None and len(text) > setting.max_length:
        raise _bad(setting, _("Keep it under {count} characters.").format(
            count=setting.max_length))
    return text


def _check_int(setting: Setting, value: Any) -> int:
    assert setting.low is not None and setting.high is not None
    if isinstance(value, bool) or not isinstance(value, int) or not (
            setting.low <= value <= setting.high):
        raise _bad(setting, _("Enter a whole number from {low} to {high}.").format(
            low=setting.low, high=setting.high))
    return value


def _check_choice(setting: Setting, value: Any) -> str:
    allowed = [v for v, _words in setting.choices]
    if value not in allowed:
        raise _bad(setting, _("Choose {choices} or {last}.").format(
            choices=", ".join(allowed[:-1]), last=allowed[-1]))
    return str(value)


def _check_list(setting: Setting, value: Any) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(clean_text(str(v)).strip() for v in value or ()))
    items = tuple(item for item in items if item)
    one, many = setting.noun
    if len(items) < setting.min_items:
        raise SettingError(_("List at least {count} {items}.").format(
            count=_count(setting.min_items), items=_(many)))
    if setting.item_max is not None and any(len(i) > setting.item_max for i in items):
        raise SettingError(_("Keep each {item} under {count} characters.").format(
            item=_(one), count=setting.item_max))
    if setting.max_items is not None and len(items) > setting.max_items:
        raise SettingError(_("A programme can list at most {count} {items}.").format(
            count=setting.max_items, items=_(many)))
    return items


def _check_pairs(setting: Setting, value: Any) -> dict[str, str]:
    pairs = {clean_text(str(k)).strip(): clean_text(str(v)).strip()
             for k, v in dict(value or {}).items()}
    if setting.item_max is not None and any(
            len(k) > setting.item_max or len(v) > setting.item_max for k, v in pairs.items()):
        raise SettingError(_("Keep each name under {count} characters.").format(
            count=setting.item_max))
    if setting.max_items is not None and len(pairs) > setting.max_items:
        raise SettingError(_("List at most {count} pairs.").format(count=setting.max_items))
    return pairs


def _check_channel(setting: Setting, value: Any) -> str | None:
    text = clean_text(str(value or "")).strip()
    if setting.max_length is not None and len(text) > setting.max_length:
        raise _bad(setting, _("Keep it under {count} characters.").format(
            count=setting.max_length))
    return text or None


_CHECK: dict[Kind, Callable[[Setting, Any], Any]] = {
    Kind.TEXT: _check_text,
    Kind.INT: _check_int,
    Kind.CHOICE: _check_choice,
    Kind.SWITCH: lambda s, value: bool(value),
    Kind.LIST: _check_list,
    Kind.PAIRS: _check_pairs,
    Kind.PEOPLE: lambda s, value: tuple(dict.fromkeys(
        clean_text(str(v)).strip() for v in value or () if str(v).strip())),
    Kind.CHANNEL: _check_channel,
}

_TEXT: dict[Kind, Callable[[Setting, Any], str]] = {
    Kind.TEXT: lambda s, value: str(value or ""),
    Kind.INT: lambda s, value: str(value),
    Kind.CHOICE: lambda s, value: str(value),
    Kind.SWITCH: lambda s, value: s.words[0] if value else s.words[1],
    Kind.LIST: lambda s, value: "; ".join(value or ()),
    Kind.PAIRS: lambda s, value: "; ".join(f"{k}={v}" for k, v in dict(value or {}).items()),
    Kind.PEOPLE: lambda s, value: ", ".join(value or ()),
    Kind.CHANNEL: lambda s, value: str(value or ""),
}

_DESCRIBE = {
    Kind.TEXT: "text", Kind.LIST: "names separated by `;`",
    Kind.PAIRS: "`SOURCE=PROFESSION` pairs separated by `;`",
    Kind.PEOPLE: "user ids separated by `,`", Kind.CHANNEL: "a channel id, or empty",
}


# Defaults too long for the docs' table, in words.
_DOC_DEFAULTS = {"professions": "the usual NHS professions (19)",
                 "profession_map": "the ESR staff groups"}


def _count(n: int) -> str:
    words = {1: N_("one"), 2: N_("two"), 3: N_("three")}
    return _(words[n]) if n in words else str(n)


# ---------------------------------------------------------------- normalisers

def _cadence(text: str) -> str:
    try:
        return schedule.parse_cadence(" ".join(text.lower().split())).describe()
    except schedule.CadenceError as exc:
        raise SettingError(str(exc)) from None


def _timezone(text: str) -> str:
    try:
        schedule.zone(text)
    except schedule.CadenceError as exc:
        raise SettingError(str(exc)) from None
    return text


def _term_starts(text: str) -> str:
    try:
        starts = terms.parse_term_starts(text)
    except terms.TermError as exc:
        raise SettingError(str(exc)) from None
    return "; ".join(dict.fromkeys(start.describe() for start in starts))


def _journey(text: str) -> str:
    try:
        chosen = journeys.parse_journey(text or None)
    except journeys.JourneyError as exc:
        raise SettingError(str(exc)) from None
    return "" if chosen == journeys.DEFAULT_JOURNEY else chosen.to_setting()


_INSTRUMENT = re.compile(r"[a-z0-9][a-z0-9._-]*")


def _instrument(text: str) -> str:
    if not _INSTRUMENT.fullmatch(text):
        raise SettingError(_("'{text}' is not an instrument id: lowercase letters, digits, "
                             "'-', '_' and '.', e.g. pairbot-5.").format(text=text[:40]))
    return text


# ---------------------------------------------------------------- the table

# The staff groups of the NHS Electronic Staff Record (ESR), and two job roles that tell a
# profession apart within its group, mapped to the usual professions.
ESR_STAFF_GROUPS: dict[str, str] = {
    "Medical and Dental": "Doctor (junior)",
    "Consultant": "Doctor (consultant)",
    "General Practitioner": "General practitioner",
    "Nursing and Midwifery Registered": "Nurse",
    "Midwife": "Midwife",
    "Allied Health Professionals": "Allied health professional",
    "Physiotherapist": "Physiotherapist",
    "Paramedic": "Paramedic",
    "Additional Clinical Services": "Healthcare assistant",
    "Administrative and Clerical": "Administrator",
    "Estates and Ancillary": "Porter and estates",
    "Healthcare Scientists": "Healthcare scientist",
    "Additional Professional Scientific and Technical": "Pharmacist",
    "Add Prof Scientific and Technic": "Pharmacist",
    "Students": "Student",
}

# The words of each choice are marked for the catalogue; `Setting.options` translates them.
MODE_CHOICES = ((Mode.CROSS.value, N_("Anyone meets someone of another profession")),
                (Mode.TWO_SIDED.value, N_("People on side A meet people on side B")))
FORMAT_CHOICES = ((Format.ROTATING.value, N_("New partners every round")),
                  (Format.TERM.value, N_("The same partners for a whole term")))
HOLIDAY_CHOICES = (("england", N_("England")), ("wales", N_("Wales")),
                   ("scotland", N_("Scotland")), ("northern-ireland", N_("Northern Ireland")),
                   ("none", N_("None")))
LANGUAGE_CHOICES = (("en", N_("English")), ("cy", N_("Welsh (Cymraeg)")),
                    ("cy+en", N_("Welsh and English, Welsh first")))
# A switch's two words as a form offers them.
_SWITCH_WORDS = {"on": N_("On"), "off": N_("Off"), "yes": N_("Yes"), "no": N_("No")}

# Section headings, marked for the catalogue (forms translate them with `section_title`).
PROGRAMME, WHO, ROUNDS, TERMS, MEETINGS, ENROLMENT, EVALUATION, ORGANISERS = (
    N_("The programme"), N_("Who is grouped with whom"), N_("Rounds"),
    N_("Terms and meeting themes"), N_("Meetings"), N_("Joining"),
    N_("Evaluation and certificates"), N_("Organising"))
# The order in which forms show the sections.
SECTIONS = (PROGRAMME, WHO, ROUNDS, TERMS, MEETINGS, ENROLMENT, EVALUATION, ORGANISERS)

# In the order `pairbot programme show` lists them (the contract's keys first).
SETTINGS: tuple[Setting, ...] = (
    Setting("name", N_("Programme name"),
            N_("What participants see, e.g. Junior doctors × Managers."),
            Kind.TEXT, "", PROGRAMME, max_length=100, required=True,
            invalid=N_("Give the programme a name of 1 to 100 characters.")),
    Setting("mode", N_("Who meets whom"), "", Kind.CHOICE, Mode.CROSS.value, WHO,
            choices=MODE_CHOICES, invalid=N_("Mode is either cross or two-sided.")),
    Setting("group_size", N_("People in each group"), "", Kind.INT, 2, WHO, low=2, high=4,
            choices=(("2", N_("2 people")), ("3", N_("3 people")), ("4", N_("4 people"))),
            invalid=N_("Group size is 2, 3 or 4.")),
    Setting("capacity", N_("How many side A people each side B person meets in a round"),
            N_("Two-sided programmes only. 1 to 8."), Kind.INT, 1, WHO, low=1, high=8,
            invalid=N_("Capacity is 1 to 8 side-A partners per side-B member.")),
    Setting("cadence", N_("When rounds happen"),
            N_("In words, e.g. monthly first monday 10:00, monthly day 15 09:30, fortnightly "
            "monday 10:00, weekly wednesday 12:30."), Kind.TEXT, schedule.DEFAULT_CADENCE,
            ROUNDS, max_length=64, required=True, normalise=_cadence),
    Setting("timezone", N_("Time zone"), N_("e.g. Europe/London"), Kind.TEXT, "Europe/London",
            ROUNDS,
            max_length=64, required=True, normalise=_timezone),
    Setting("recency", N_("How many rounds before the same people can meet again"), N_("0 to 60."),
            Kind.INT, 6, ROUNDS, low=0, high=60, invalid=N_("Recency is 0 to 60 rounds.")),
    Setting("checkin_after", N_("Days from the introduction to the check-in"), N_("1 to 60."),
            Kind.INT, 14, ROUNDS, low=1, high=60, attribute="checkin_after_days",
            invalid=N_("The check-in comes 1 to 60 days after the intro.")),
    Setting("professions", N_("Professions taking part"), N_("One per line, or separated by ;."),
            Kind.LIST, DEFAULT_PROFESSIONS, WHO, min_items=2, max_items=100,
            item_max=75, noun=(N_("profession"), N_("professions"))),
    Setting("side_a", N_("Name of side A"),
            N_("Two-sided programmes only. e.g. Junior doctors; empty: side A."),
            Kind.TEXT, "", WHO, max_length=60,
            invalid=N_("Keep a side's name under 60 characters.")),
    Setting("side_b", N_("Name of side B"),
            N_("Two-sided programmes only. e.g. Managers; empty: side B."),
            Kind.TEXT, "", WHO, max_length=60,
            invalid=N_("Keep a side's name under 60 characters.")),
    Setting("side_a_professions", N_("Professions on side A"),
            N_("Two-sided programmes only. One per line, each from the professions above."),
            Kind.LIST, (), WHO,
            item_max=75, noun=(N_("profession"), N_("professions"))),
    Setting("side_b_professions", N_("Professions on side B"),
            N_("Two-sided programmes only. One per line, each from the professions above."),
            Kind.LIST, (), WHO,
            item_max=75, noun=(N_("profession"), N_("professions"))),
    Setting("format", N_("Same partners all term, or new partners each round"), "", Kind.CHOICE,
            Format.ROTATING.value, TERMS, choices=FORMAT_CHOICES,
            invalid=N_("Format is either rotating or term.")),
    Setting("term_rounds", N_("Rounds in a term"), N_("For the term format; 1 to 24."), Kind.INT,
            terms.DEFAULT_TERM_ROUNDS, TERMS, low=1, high=terms.MAX_TERM_ROUNDS,
            invalid=N_("A term is 1 to 24 rounds.")),
    Setting("evaluation", N_("Ask people the evaluation questions"),
            N_("When they join and at the end of each term."), Kind.SWITCH, True, EVALUATION,
            invalid=N_("Evaluation is either on or off.")),
    Setting("organisers", N_("Organisers"),
            N_("Besides workspace admins and owners."),
            Kind.PEOPLE, (), ORGANISERS),
    Setting("channel", N_("Programme channel"),
            N_("Optional: a Slack channel whose new members are invited to take part."),
            Kind.CHANNEL, None, ENROLMENT, max_length=64, attribute="channel_id",
            forms=frozenset({Surface.SLACK, Surface.CONSOLE})),
    Setting("term_starts", N_("Dates when a new term starts"),
            N_("For the term format, optional: e.g. first wednesday of august; first wednesday "
            "of december."), Kind.TEXT, "", TERMS, max_length=300, normalise=_term_starts,
            invalid=N_("List at most 300 characters of term starts (about ten dates).")),
    Setting("journey", N_("Meeting themes, in order"),
            N_("e.g. roles; values; challenges. A theme can be renamed: values=What matters to "
               "us."),
            Kind.TEXT, journeys.DEFAULT_JOURNEY.to_setting(), TERMS, max_length=1000,
            normalise=_journey, blank_is_default=True,
            invalid=N_("Keep the journey under 1000 characters; shorten the custom titles.")),
    # The settings added for meetings, enrolment and the learning record.
    Setting("availability", N_("Ask when people can meet, and group people who share a time"),
            "", Kind.SWITCH, True, MEETINGS),
    Setting("meeting_minutes", N_("How long a meeting lasts, in minutes"), N_("15 to 240."),
            Kind.INT, 30, MEETINGS, low=15, high=240),
    Setting("slots", N_("Suggested meeting times in an introduction"), N_("0 to 5; 0: none."),
            Kind.INT, 3, MEETINGS, low=0, high=5),
    Setting("holidays", N_("Bank holidays to avoid when suggesting times"), "", Kind.CHOICE,
            "england", MEETINGS, choices=HOLIDAY_CHOICES),
    Setting("unmet_counts_as_repeat",
            N_("Keep apart people who were grouped before but never met"),
            N_("yes: a group that never met counts as having met; no: they can be grouped "
            "again."), Kind.SWITCH, False, WHO, words=("yes", "no")),
    Setting("exclude_same_team", N_("Never group people from the same team"), "", Kind.SWITCH,
            False, WHO),
    Setting("site_preference", N_("Prefer grouping people who work at the same site"), "",
            Kind.SWITCH, True, WHO),
    Setting("profession_map", N_("How staff records become professions"),
            N_("One SOURCE=PROFESSION per line: an ESR staff group or job role, then a "
            "profession or side."), Kind.PAIRS, ESR_STAFF_GROUPS, ENROLMENT, max_items=200,
            item_max=100),
    Setting("invite_days", N_("Days people have to accept an invitation"), N_("1 to 60."), Kind.INT,
            14, ENROLMENT, low=1, high=60),
    Setting("agreement", N_("Ask each group to agree how they will work together"),
            N_("Term programmes always ask."), Kind.SWITCH, False, TERMS),
    Setting("certificate_after", N_("Meetings needed for a certificate"), N_("1 to 24."),
            Kind.INT, 3,
            EVALUATION, low=1, high=24),
    Setting("instrument", N_("Evaluation questionnaire"), N_("An instrument id, e.g. pairbot-5."),
            Kind.TEXT, "pairbot-5", EVALUATION, max_length=64, required=True,
            normalise=_instrument),
    Setting("language", N_("Language of pairbot's messages"), "", Kind.CHOICE, "en", PROGRAMME,
            choices=LANGUAGE_CHOICES),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
KEYS: tuple[str, ...] = tuple(BY_KEY)
SIDES = ("A", "B")


def side_key(side: str) -> str:
    """The settings key of a side's professions: `side_a_professions`."""
    return f"side_{side.lower()}_professions"


def side_name_key(side: str) -> str:
    """The settings key of a side's name: `side_a`."""
    return f"side_{side.lower()}"


def for_form(surface: Surface) -> tuple[Setting, ...]:
    """The settings a form offers, in the order it shows them (by section)."""
    return tuple(sorted((s for s in SETTINGS if surface in s.forms),
                        key=lambda s: SECTIONS.index(s.section)))


def section_title(section: str) -> str:
    """A section's heading in the reader's language."""
    return _(section)


def sections(surface: Surface) -> tuple[tuple[str, tuple[Setting, ...]], ...]:
    """The form's settings grouped under their sections' headings."""
    offered = for_form(surface)
    return tuple((name, tuple(s for s in offered if s.section == name)) for name in SECTIONS
                 if any(s.section == name for s in offered))


def parse(values: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed values of `key: text` pairs, and an error per key that is unknown or bad."""
    typed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, text in values.items():
        setting = BY_KEY.get(key)
        if setting is None:
            errors[key] = _("'{key}' is not a setting; the settings are {keys}.").format(
                key=key, keys=", ".join(KEYS))
            continue
        try:
            typed[key] = setting.parse(text)
        except SettingError as exc:
            errors[key] = str(exc)
    return typed, errors


def check(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Every typed value checked and normalised, and an error per key that is not allowed."""
    checked: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        try:
            checked[key] = BY_KEY[key].check(value)
        except SettingError as exc:
            errors[key] = str(exc)
    return checked, errors


def as_text(values: Mapping[str, Any]) -> dict[str, str]:
    """Typed values as `key: text` pairs, in the table's order."""
    return {s.key: s.text(values[s.key]) for s in SETTINGS if s.key in values}


def defaults() -> dict[str, Any]:
    """Every setting's default, typed."""
    return {s.key: s.default for s in SETTINGS}


def markdown_table() -> str:
    """The docs' table of programme settings (README and docs/console.md hold it)."""
    rows = ["| key | what it sets | values | default |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        default = _DOC_DEFAULTS.get(s.key) or (f"`{s.text(s.default)}`" if s.text(s.default)
                                               else "empty")
        words = f"{s.label}. {s.help}" if s.help else s.label
        rows.append(f"| `{s.key}` | {words} | {s.describe_values()} | {default} |")
    return "\n".join(rows)
