"""Translation catalogues and the reader's locale: every word a person reads passes here.

Words are marked where they are written: `_("…")` translates at once, in the locale
of the reader being served; `N_("…")` only marks a constant for extraction, and
`_()` translates it where it is used; `ngettext` chooses a plural. `pybabel extract`
(babel.cfg) collects the marked strings into `bot/locale/messages.pot`; each
language's `bot/locale/LANG/LC_MESSAGES/messages.po` is read when first needed.
English is the source language: `en_GB` needs no catalogue.

The locale is per reader: a chat message is rendered under its recipient's
locale, a console page under the request's (`using(locale)` around the work).
The pseudo-locale `qps` marks every translated string (`⟦…⟧`), so that a test
can find any text that did not pass through a catalogue.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TypeVar

# Babel is imported where it is used: `_` in English (the CLI's `--help`) needs none of it.

DEFAULT_LOCALE = "en_GB"
PSEUDO_LOCALE = "qps"
# A programme written to in Welsh first, then English (the setting `language cy+en`).
BILINGUAL = "cy+en"
# The marks the pseudo-locale puts around every translated string.
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"

_WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúàèìòùäëïöü")

_current: ContextVar[str] = ContextVar("pairbot_locale", default=DEFAULT_LOCALE)
# How to find the locale when something is first translated (`using_when_needed`).
_pending: ContextVar[Callable[[], str | None] | None] = ContextVar(
    "pairbot_locale_pending", default=None)


class _Pseudo(_gettext.NullTranslations):
    """Every string marked, placeholders kept, so a test can see what was translated."""

    def gettext(self, message: str) -> str:
        return f"{PSEUDO_OPEN}{message}{PSEUDO_CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)


def normalise(locale: str | None) -> str:
    """A locale as pairbot keeps it (`cy`, `en_GB`), from `cy-GB`, `en-gb`, `EN`; unknown
    or empty gives the default."""
    if not locale:
        return DEFAULT_LOCALE
    if locale == PSEUDO_LOCALE:
        return locale
    if locale == BILINGUAL:
        return BILINGUAL if "cy" in available() else DEFAULT_LOCALE
    from babel import Locale, UnknownLocaleError

    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return DEFAULT_LOCALE
    if parsed.language == "en":
        return DEFAULT_LOCALE
    return parsed.language if parsed.language in available() else DEFAULT_LOCALE


@cache
def available() -> frozenset[str]:
    """The languages with a catalogue, and English."""
    root = resources.files("bot") / "locale"
    found = {"en"}
    if root.is_dir():
        for entry in root.iterdir():
            if (entry / "LC_MESSAGES" / "messages.po").is_file():
                found.add(entry.name)
    return frozenset(found)


@cache
def translations(locale: str) -> _gettext.NullTranslations:
    """The catalogue of a locale, compiled in memory from its .po file."""
    if locale == PSEUDO_LOCALE:
        return _Pseudo()
    language = "cy" if locale == BILINGUAL else locale.split("_")[0]
    po = resources.files("bot") / "locale" / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not po.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fileobj:
        catalog = read_po(fileobj, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def current() -> str:
    """The locale of the reader being served."""
    find = _pending.get()
    if find is not None:
        _pending.set(None)
        _current.set(normalise(find()))
    return _current.get()


@contextmanager
def using(locale: str | None) -> Iterator[str]:
    """Serve a reader in `locale` (normalised) inside the block."""
    chosen = normalise(locale)
    token, pending = _current.set(chosen), _pending.set(None)
    try:
        yield chosen
    finally:
        _pending.reset(pending)
        _current.reset(token)


@contextmanager
def using_when_needed(find: Callable[[], str | None]) -> Iterator[None]:
    """Serve a reader in the locale `find` gives, asked when something is first translated
    (or `current` asked), never if `choose` comes first: work that learns the reader's
    language on its own way saves the lookup (the status command, bench/load.py)."""
    token, pending = _current.set(DEFAULT_LOCALE), _pending.set(find)
    try:
        yield
    finally:
        _pending.reset(pending)
        _current.reset(token)


def pending() -> bool:
    """Whether the reader's locale is still to be found (`using_when_needed`)."""
    return _pending.get() is not None


def choose(locale: str | None) -> str:
    """Serve the rest of this request (or chat turn) in `locale`, normalised: for work whose
    context ends with it (each request runs in a context of its own)."""
    chosen = normalise(locale)
    _pending.set(None)
    _current.set(chosen)
    return chosen


# The languages a person or a programme can choose (the values of `language`).
LANGUAGES: tuple[str, ...] = ("en", "cy", BILINGUAL)


def language_code(locale: str | None) -> str | None:
    """A platform's locale (`cy-GB`, `en-US`, `cy`) as a language pairbot writes in (`cy`,
    `en`); None when it names no language pairbot has."""
    if not locale:
        return None
    chosen = normalise(locale)
    if chosen == DEFAULT_LOCALE:
        return "en" if locale.replace("-", "_").split("_")[0].lower() == "en" else None
    return chosen if chosen in LANGUAGES else None


def reader_language(chosen: str | None, platform: str | None, programme: str | None) -> str:
    """The language one person is written to in: their own choice; else what their platform
    says, when it says Welsh (English is every account's default, so it does not outweigh
    the programme's choice); else the programme's `language`."""
    if chosen in LANGUAGES:
        return str(chosen)
    if platform in LANGUAGES and platform != "en":
        return str(platform)
    return programme if programme in LANGUAGES else "en"


def group_language(members: Sequence[str], programme: str | None) -> str:
    """The language of a message to a group conversation: the one its members share
    (each as `reader_language` gives it), bilingual (Welsh first) when they differ or the
    programme is bilingual."""
    programme = programme if programme in LANGUAGES else "en"
    shared = set(members)
    if programme == BILINGUAL or len(shared) > 1:
        return BILINGUAL
    return shared.pop() if shared else programme


def _(message: str) -> str:
    """`message` in the current reader's language."""
    return translations(current()).gettext(message)


gettext = _


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it (translate where used)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the reader's language."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on `context` (e.g. a button vs a heading)."""
    return translations(current()).pgettext(context, message)


def _babel_locale() -> str:
    locale = current()
    if locale == BILINGUAL:
        return "cy"
    return DEFAULT_LOCALE if locale == PSEUDO_LOCALE else locale


def bilingual() -> bool:
    """True while serving a bilingual reader (Welsh first, then English)."""
    return current() == BILINGUAL

T = TypeVar("T")


def welsh_and_english(build: Callable[[], T]) -> tuple[T, T] | None:
    """For a bilingual reader, what `build` gives in Welsh and then in English, for the
    caller to put together (Welsh first); None for anyone else, who gets `build()`."""
    if not bilingual():
        return None
    with using("cy"):
        welsh = build()
    with using(DEFAULT_LOCALE):
        english = build()
    return welsh, english


def format_day(day: dt.date) -> str:
    """A date as people read it: `Monday 7 December`, `Dydd Llun 7 Rhagfyr` (both, for a
    bilingual reader: the date may sit in either half of the message)."""
    from babel.dates import format_date as _babel_format_date

    if bilingual():
        return " / ".join(_babel_format_date(day, "EEEE d MMMM", locale=lang)
                          for lang in ("cy", DEFAULT_LOCALE))
    text = _babel_format_date(day, "EEEE d MMMM", locale=_babel_locale())
    return _mark(text)


def format_long_day(day: dt.date) -> str:
    """A date with its year, as a report prints it: `30 November 2026`."""
    from babel.dates import format_date as _babel_format_date

    return _mark(_babel_format_date(day, "d MMMM y", locale=_babel_locale()))


def format_month(year: int, month: int) -> str:
    """A month with its year, as a round is named: `August 2026`, `Awst 2026`."""
    from babel.dates import format_date as _babel_format_date

    return _mark(_babel_format_date(dt.date(year, month, 1), "LLLL y", locale=_babel_locale()))


def format_short_day(day: dt.date) -> str:
    """A date on a button: `Tue 8 Dec`."""
    from babel.dates import format_date as _babel_format_date

    return _mark(_babel_format_date(day, "EEE d MMM", locale=_babel_locale()))


def format_time(moment: dt.datetime | dt.time) -> str:
    """A time of day on the 24-hour clock, as NHS staff rotas write it: `10:00`."""
    from babel.dates import format_time as _babel_format_time

    return _mark(_babel_format_time(moment, "HH:mm", locale=_babel_locale()))


def format_decimal(number: float | Decimal | int, digits: int = 1) -> str:
    """A number with at most `digits` decimals, in the reader's locale."""
    from babel.numbers import format_decimal as _babel_format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return _babel_format_decimal(number, format=pattern, locale=_babel_locale())


def format_percent(share: float) -> str:
    """A share (0..1) as a whole percentage, `60 %` or `60%` as the locale writes it."""
    from babel.numbers import format_percent as _babel_format_percent

    return _babel_format_percent(share, locale=_babel_locale())


def format_list(items: Sequence[str]) -> str:
    """`Ann`, `Ann and Bo`, `Ann, Bo and Cy`, with the reader's language's joiner."""
    listed = [item for item in items if item]
    if len(listed) <= 1:
        return "".join(listed)
    if current() == PSEUDO_LOCALE:
        return ", ".join(listed[:-1]) + f" {PSEUDO_OPEN}and{PSEUDO_CLOSE} " + listed[-1]
    from babel.lists import format_list as _babel_format_list

    if current() in ("cy", BILINGUAL):
        # CLDR writes "a(c)": Welsh says "ac" before a vowel, "a" before a consonant.
        joiner = "ac" if listed[-1][:1].casefold() in _WELSH_VOWELS else "a"
        return ", ".join(listed[:-1]) + f" {joiner} " + listed[-1]
    return _babel_format_list(listed, locale=_babel_locale())


def _mark(text: str) -> str:
    # Babel's month and day names are translated text too: the pseudo-locale marks them.
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}" if current() == PSEUDO_LOCALE else text
