"""A participant's profile and the rules for a valid one, shared by every platform."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.core import availability
from bot.core.hygiene import clean_text, has_control_characters
from bot.core.i18n import LANGUAGES, _

INTRO_MAX = 280
LEARN_MAX = 10
PLACE_MAX = 200  # site and team, the columns' size
AVOID_MAX = 50

DEFAULT_PROFESSIONS: tuple[str, ...] = (
    "Allied health professional",
    "Administrator",
    "Commissioner",
    "Doctor (consultant)",
    "Doctor (junior)",
    "Finance",
    "General practitioner",
    "Healthcare assistant",
    "HR and workforce",
    "IT and digital",
    "Manager",
    "Midwife",
    "Nurse",
    "Paramedic",
    "Pharmacist",
    "Physiotherapist",
    "Porter and estates",
    "Psychologist",
    "Social worker",
)


@dataclass(frozen=True)
class ProfileInput:
    """What a participant submitted in the form.

    The meeting fields are None when the form did not ask them (availability off, or a
    form opened before they existed): the stored values are then kept. `windows` are window
    keys, `away` the text typed, `avoid` the platform user ids of people not to be paired
    with.
    """

    profession: str | None
    learn: tuple[str, ...] = ()
    intro: str = ""
    side: str | None = None
    windows: tuple[str, ...] | None = None
    away: str | None = None
    avoid: tuple[str, ...] | None = None
    # Their line manager's platform user id ("" none; None not asked): never grouped.
    manager: str | None = None
    site: str | None = None
    team: str | None = None
    # The language they read pairbot in (`en`, `cy`, `cy+en`); None: not chosen.
    language: str | None = None


def clean_profile(profile: ProfileInput) -> ProfileInput:
    """The profile with control characters taken out of every text field."""
    return replace(
        profile,
        profession=clean_text(profile.profession).strip() if profile.profession else None,
        learn=tuple(clean_text(p).strip() for p in profile.learn),
        intro=clean_text(profile.intro, multiline=True).strip(),
        side=clean_text(profile.side) if profile.side else None,
        away=None if profile.away is None else clean_text(profile.away).strip(),
        site=None if profile.site is None else clean_text(profile.site).strip(),
        team=None if profile.team is None else clean_text(profile.team).strip(),
        language=profile.language if profile.language in LANGUAGES else None,
    )


def language_chosen(selected: str | None, offered: str | None) -> str | None:
    """The language a profile form's answer chooses: the one picked, unless it is the one
    the form offered (then nothing is chosen, and their platform's keeps deciding)."""
    return selected if selected in LANGUAGES and selected != offered else None


def side_of(profession: str, sides: Mapping[str, Sequence[str]]) -> str | None:
    """The side (`A`/`B`) a profession belongs to in a two-sided programme."""
    for side, professions in sides.items():
        if profession in professions:
            return side
    return None


def validate_profile(
    profile: ProfileInput,
    professions: Sequence[str],
    *,
    mode: str = "cross",
    sides: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, str]:
    """Field name → one-sentence error; empty when the profile is valid."""
    errors: dict[str, str] = {}
    if not profile.profession:
        errors["profession"] = "Choose your profession."
    elif profile.profession not in professions:
        errors["profession"] = f"'{profile.profession}' is not one of this programme's professions."
    unknown = [p for p in profile.learn if p not in professions]
    if unknown:
        errors["learn"] = f"'{unknown[0]}' is not one of this programme's professions."
    elif len(profile.learn) > LEARN_MAX:
        errors["learn"] = f"Choose at most {LEARN_MAX} professions to learn about."
    elif profile.profession and profile.profession in profile.learn:
        errors["learn"] = "Choose professions other than your own to learn about."
    if has_control_characters(profile.intro):
        errors["intro"] = "Your intro contains control characters; remove them and try again."
    elif len(profile.intro) > INTRO_MAX:
        errors["intro"] = (
            f"Keep your intro to {INTRO_MAX} characters (it has {len(profile.intro)})."
        )
    errors.update(meeting_errors(profile))
    two_sided = mode == "two-sided" and "profession" not in errors
    if two_sided and profile.profession and side_of(profile.profession, sides or {}) is None:
        errors["profession"] = (
            f"'{profile.profession}' is on neither side of this programme; "
            "ask an organiser to add it."
        )
    return errors


def meeting_errors(profile: ProfileInput) -> dict[str, str]:
    """Field name → one sentence, for when the person can meet, where they work and whom
    they would rather not meet (bot/core/availability.py reads windows and dates)."""
    errors: dict[str, str] = {}
    if profile.windows is not None:
        try:
            availability.parse_windows(profile.windows)
        except availability.AvailabilityError as err:
            errors["windows"] = str(err)
    if profile.away is not None:
        if len(profile.away) > availability.AWAY_MAX:
            errors["away"] = _("Dates you're away: keep it to {limit} characters.").format(
                limit=availability.AWAY_MAX)
        else:
            try:
                availability.parse_away(profile.away)
            except availability.AvailabilityError as err:
                errors["away"] = str(err)
    for field, value, label in (("site", profile.site, _("Site")),
                                ("team", profile.team, _("Team"))):
        if value is not None and len(value) > PLACE_MAX:
            errors[field] = _("{field}: keep it to {limit} characters.").format(
                field=label, limit=PLACE_MAX)
    if profile.avoid is not None and len(profile.avoid) > AVOID_MAX:
        errors["avoid"] = _("People you'd rather not be paired with: choose at most "
                            "{limit}.").format(limit=AVOID_MAX)
    return errors
