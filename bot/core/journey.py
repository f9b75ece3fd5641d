"""The paired-learning journey: a theme for each meeting, and how a programme edits it.

The default journey follows the published NHS paired-learning schemes: partners first
learn each other's roles, then values, challenges and the barriers between them, then
spend time in each other's work, and end by reflecting on one thing to change together.

A programme stores its journey as a short setting, ``roles; values; challenges=What keeps
you up at night; barriers; shadowing; reflection``: theme ids in meeting order, each with an
optional custom title after ``=``. An empty setting (or ``default``) is the default journey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.core.i18n import N_, _

TITLE_MAX = 80
JOURNEY_MAX = 12


class JourneyError(ValueError):
    """A journey setting is not valid; the message says why in one sentence."""


@dataclass(frozen=True)
class Theme:
    """One meeting's theme: what it is for and a short guide to the conversation."""

    id: str
    title: str
    purpose: str
    guide: str


# Marked for the catalogue, kept in English: a message translates them as it is written
# for its reader (wording.bank_text), and an organiser's own title stays as they wrote it.
DEFAULT_THEMES: tuple[Theme, ...] = (
    Theme(
        id="roles",
        title=N_("Roles: a day in your working life"),
        purpose=N_(
            "Each of you learns what the other actually does: the work people outside the "
            "role never see, who you hand work to and from, and what a normal day looks like "
            "once it meets reality. Everything later in the journey builds on this picture."
        ),
        guide=N_(
            "Take turns to walk each other through a recent working day, hour by hour. "
            "Ask about anything that surprises you."
        ),
    ),
    Theme(
        id="values",
        title=N_("Values: what matters to you and your profession"),
        purpose=N_(
            "You find out what each of you cares about at work and what your professions "
            "teach you to hold on to, so that later disagreements can be read as different "
            "priorities rather than bad will."
        ),
        guide=N_(
            "Share a moment at work you were proud of and say why it mattered. Notice where "
            "your values meet and where they pull in different directions."
        ),
    ),
    Theme(
        id="challenges",
        title=N_("Challenges: what is hard in your work"),
        purpose=N_(
            "You hear about the pressures each of you works under, from winter demand to "
            "targets to broken systems, so that you understand why the other sometimes "
            "cannot do what you would like them to."
        ),
        guide=N_(
            "Describe one pressure you are under at the moment and how you cope with it. "
            "Listen first; save solutions for later meetings."
        ),
    ),
    Theme(
        id="barriers",
        title=N_("Barriers: what gets in the way of working together"),
        purpose=N_(
            "Together you name what makes it hard for your professions to work well "
            "together: handovers, hierarchy, jargon, systems and assumptions, and pick out "
            "the ones that either of you could do something about."
        ),
        guide=N_(
            "Think of a time your roles met and it went badly, or well. What made the "
            "difference? Note one barrier to come back to."
        ),
    ),
    Theme(
        id="shadowing",
        title=N_("Shadowing: spend time in each other's work"),
        purpose=N_(
            "Seeing each other's work first-hand teaches what no conversation can. Each of "
            "you hosts the other once, for a shift, a clinic, a meeting or a site walk, and "
            "you talk afterwards about what you saw."
        ),
        guide=N_(
            "Agree two dates, one for each of you to host. Say what the visitor will see, "
            "what they should not do, and what to ask about afterwards."
        ),
    ),
    Theme(
        id="reflection",
        title=N_("Reflection: one thing to change together"),
        purpose=N_(
            "You look back on what you have learnt about each other's role, values, "
            "challenges and barriers, and agree one small, real change you can make "
            "together, in your own work or in how your teams work with each other."
        ),
        guide=N_(
            "Say what you understand now that you did not at the start. Agree one thing to "
            "change, who does what, and when you will check on it."
        ),
    ),
)

THEME_IDS: tuple[str, ...] = tuple(theme.id for theme in DEFAULT_THEMES)
_BY_ID: Mapping[str, Theme] = {theme.id: theme for theme in DEFAULT_THEMES}


@dataclass(frozen=True)
class Journey:
    """A programme's themes in meeting order; titles may be the programme's own."""

    themes: tuple[Theme, ...]

    def to_setting(self) -> str:
        """The journey as its setting text; ``parse_journey`` reads it back unchanged."""
        return "; ".join(
            theme.id if theme.title == _BY_ID[theme.id].title else f"{theme.id}={theme.title}"
            for theme in self.themes
        )

    def to_list(self) -> list[str | dict[str, str]]:
        """The journey as JSON-ready data: a theme id, or ``{"theme", "title"}`` if renamed."""
        return [
            theme.id
            if theme.title == _BY_ID[theme.id].title
            else {"theme": theme.id, "title": theme.title}
            for theme in self.themes
        ]


DEFAULT_JOURNEY = Journey(DEFAULT_THEMES)


def theme(theme_id: str) -> Theme:
    """The default theme with this id; raises ``JourneyError`` for an unknown id."""
    try:
        return _BY_ID[theme_id]
    except KeyError:
        raise JourneyError(_unknown(theme_id)) from None


def parse_journey(value: str | Sequence[object] | None) -> Journey:
    """Read a journey from its setting text or JSON-ready list, checking every entry.

    Text is ``;``-separated entries, each a theme id with an optional ``=Custom title``;
    a list holds theme ids or ``{"theme": id, "title": text}`` mappings. ``None``, empty
    text or ``default`` give the default journey.
    """
    if value is None:
        return DEFAULT_JOURNEY
    if isinstance(value, str):
        text = value.strip()
        if not text or text.casefold() == "default":
            return DEFAULT_JOURNEY
        entries: list[tuple[str, str | None]] = []
        for part in text.split(";"):
            if not part.strip():
                raise JourneyError(
                    _("The journey has an empty entry; separate theme ids with a single ';'.")
                )
            theme_id, has_title, title = part.partition("=")
            entries.append((theme_id.strip().casefold(), title if has_title else None))
    elif isinstance(value, Sequence):
        entries = [_list_entry(item, number) for number, item in enumerate(value, start=1)]
    else:
        raise JourneyError(_("A journey must be text or a list of theme ids."))
    if not entries:
        raise JourneyError(_("A journey needs at least one theme."))
    if len(entries) > JOURNEY_MAX:
        raise JourneyError(
            _("A journey can have at most {most} meetings, this one has {count}.").format(
                most=JOURNEY_MAX, count=len(entries))
        )
    return Journey(tuple(_theme_entry(theme_id, title) for theme_id, title in entries))


def _list_entry(item: object, number: int) -> tuple[str, str | None]:
    if isinstance(item, str):
        return item.strip().casefold(), None
    if isinstance(item, Mapping) and set(item) <= {"theme", "title"} and "theme" in item:
        theme_id, title = item["theme"], item.get("title")
        if isinstance(theme_id, str) and (title is None or isinstance(title, str)):
            return theme_id.strip().casefold(), title
    raise JourneyError(
        _("Journey entry #{number} must be a theme id or a mapping with 'theme' and "
          "'title'.").format(number=number)
    )


def _theme_entry(theme_id: str, title: str | None) -> Theme:
    base = theme(theme_id)
    if title is None:
        return base
    title = " ".join(title.split())
    if not title:
        raise JourneyError(_("The custom title for {theme} is empty.").format(
            theme=repr(theme_id)))
    if len(title) > TITLE_MAX:
        raise JourneyError(
            _("The custom title for {theme} is longer than {most} characters.").format(
                theme=repr(theme_id), most=TITLE_MAX)
        )
    if ";" in title:
        raise JourneyError(_("The custom title for {theme} must not contain ';'.").format(
            theme=repr(theme_id)))
    return replace(base, title=title)


def _unknown(theme_id: str) -> str:
    return _("Unknown theme {theme} in the journey; choose from {themes}.").format(
        theme=repr(theme_id), themes=", ".join(THEME_IDS))


def theme_for_round(
    journey: Journey, round_number: int, *, term_rounds: int | None = None
) -> Theme:
    """The theme of a programme's ``round_number``-th round (1 is the first).

    Rotating programmes (``term_rounds`` None) cycle through the journey round after round.
    Term programmes restart the journey with each term: meeting k of the term has theme k,
    and a term longer than the journey goes round it again.
    """
    if round_number < 1:
        raise ValueError(f"round_number starts at 1, got {round_number}")
    if term_rounds is not None and term_rounds < 1:
        raise ValueError(f"term_rounds must be at least 1, got {term_rounds}")
    meeting = round_number if term_rounds is None else (round_number - 1) % term_rounds + 1
    return journey.themes[(meeting - 1) % len(journey.themes)]
