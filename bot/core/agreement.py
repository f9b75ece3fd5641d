"""The agreement at the start: how a group will learn together, checked once for every
platform.

When a term begins (a `term` programme) or a group is introduced in a rotating programme
whose `agreement` setting is on, each member answers four questions in one short form:
what I want to learn about your role, what I can offer about mine, how often we will
meet, and anything we agree to keep confidential. The group sees each other's answers;
organisers see only whether an agreement was made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core.hygiene import FieldError, clean_text
from bot.core.i18n import N_, _

MAX_TEXT = 1000


class HowOften(StrEnum):
    """How often the group means to meet."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    ONCE = "once"


_HOW_OFTEN_LABELS: Mapping[HowOften, str] = {
    HowOften.WEEKLY: N_("Every week"),
    HowOften.FORTNIGHTLY: N_("Every two weeks"),
    HowOften.MONTHLY: N_("Every month"),
    HowOften.ONCE: N_("Once, then we'll see"),
}
# The form's fields in order; `how_often` is a choice, the others free text.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("learn", N_("What I want to learn about your role")),
    ("offer", N_("What I can offer about mine")),
    ("how_often", N_("How often we will meet")),
    ("confidential", N_("Anything we agree to keep confidential (optional)")),
)
TEXT_FIELDS = ("learn", "offer", "confidential")
_TEXTS: dict[str, str] = {
    "FORM_TITLE": N_("Our agreement"),
    "FORM_SEND": N_("Share with my group"),
    "OPEN_LABEL": N_("Agree how we'll work"),
    "FORM_LEAD": N_("Four short answers, shared with your group only. Organisers see just "
                    "whether your group made an agreement, never what it says."),
}


def __getattr__(name: str) -> Any:
    """`agreement.FORM_TITLE`, `FIELDS`, `HOW_OFTEN_LABELS`… in the reader's language."""
    if name in _TEXTS:
        return _(_TEXTS[name])
    if name == "FIELDS":
        return tuple((key, _(label)) for key, label in _FIELDS)
    if name == "HOW_OFTEN_LABELS":
        return {key: _(label) for key, label in _HOW_OFTEN_LABELS.items()}
    raise AttributeError(name)


def asked(*, term_format: bool, round_in_term: int | None, setting_on: bool,
          met_before: bool = False) -> bool:
    """Whether a group's introduction asks for an agreement: at the first meeting of a
    term, and at a later one when someone new has joined the group (term programmes always
    ask), or, in a rotating programme whose `agreement` setting is on, when the group is
    first introduced (not when the same people were a group before)."""
    if term_format:
        return (round_in_term or 1) == 1 or not met_before
    return setting_on and not met_before


class AgreementError(FieldError):
    """Answers that cannot be stored."""


@dataclass(frozen=True)
class Terms:
    """One member's checked answers."""

    learn: str
    offer: str
    how_often: HowOften
    confidential: str = ""

    def values(self) -> dict[str, str]:
        """The answers as form values (to show the form again)."""
        return {"learn": self.learn, "offer": self.offer, "how_often": self.how_often.value,
                "confidential": self.confidential}


def how_often_label(value: str) -> str:
    """A stored `how_often` as people read it (as stored when it is not one of ours)."""
    try:
        return _(_HOW_OFTEN_LABELS[HowOften(value)])
    except ValueError:
        return value


def parse(values: Mapping[str, object]) -> Terms:
    """The answers of the form (`learn`, `offer`, `how_often`, `confidential`); anything
    wrong raises AgreementError naming the field."""
    # Through the project's one text filter, as every free text is: no NUL or control
    # characters reach the database (PostgreSQL refuses NUL in text).
    texts = {name: clean_text(str(values.get(name) or ""), multiline=True).strip()
             for name in TEXT_FIELDS}
    raw_often = str(values.get("how_often") or "").strip().lower()
    if not texts["learn"] and not texts["offer"] and not raw_often:
        raise AgreementError(_("The form is empty: say what you want to learn, what you can "
                               "offer and how often you will meet."), "learn")
    for name in TEXT_FIELDS:
        if len(texts[name]) > MAX_TEXT:
            raise AgreementError(_("Keep each answer under {most} characters.").format(
                most=f"{MAX_TEXT:,}"), name)
    if not texts["learn"]:
        raise AgreementError(_("Say what you want to learn about the other person's role."),
                             "learn")
    if not texts["offer"]:
        raise AgreementError(_("Say what you can offer about your own role."), "offer")
    try:
        how_often = HowOften(raw_often)
    except ValueError:
        raise AgreementError(_("Choose how often you will meet."), "how_often") from None
    return Terms(texts["learn"], texts["offer"], how_often, texts["confidential"])
