"""Message intents: what pairbot wants to say, before any platform renders it.

Services produce intents; bot/slack renders them as Block Kit and bot/teams
as Adaptive Cards. Intents are plain data so that the outbox can store them
(`to_dict`/`from_dict`) and send them later, exactly once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.i18n import N_
from bot.core.i18n import format_day as _format_day
from bot.core.states import Answer, Reason

# Each check-in answer and its label (marked for the catalogue; `wording.answer_label`
# translates it), in the order the buttons show them.
ANSWERS: Mapping[str, str] = {
    Answer.MET: N_("Met"),
    Answer.SCHEDULED: N_("We've arranged it"),
    Answer.NOT_YET: N_("Not yet"),
    Answer.NOT_HAPPENING: N_("Not going to happen"),
}
# The answers that ask why (and the reasons, in the order the buttons show them).
ASKS_WHY = (Answer.NOT_YET, Answer.NOT_HAPPENING)
REASONS: Mapping[str, str] = {
    Reason.ROTA: N_("My rota"),
    Reason.LEAVE: N_("Leave or sickness"),
    Reason.NO_REPLY: N_("No reply from my partner"),
    Reason.OTHER: N_("Something else"),
}
MEET_WITHIN_DAYS = 14


@dataclass(frozen=True)
class Person:
    """A member as the others see them."""

    user_id: str
    name: str
    profession: str
    intro: str = ""


@dataclass(frozen=True)
class Intro:
    """Introduces a group: who, why, and what to ask each other."""

    match_id: int
    programme: str
    members: tuple[Person, ...]
    reasons: tuple[str, ...]
    icebreakers: tuple[str, ...]
    checkin_on: str
    meet_within_days: int = MEET_WITHIN_DAYS
    # The meeting's theme in the programme's journey (bot/core/journey.py) and its guide.
    theme: str = ""
    theme_guide: str = ""
    # The group is asked for its agreement at the start (bot/core/agreement.py): a button.
    agreement: bool = False
    # Suggested meeting times (bot/core/slots.py): start and end as ISO-8601 with the
    # programme's offset, and the "Add to calendar" link ("" without a public URL).
    times: tuple[tuple[str, str, str], ...] = ()
    # A group with no common window: each member who gave windows, with their window keys.
    apart: tuple[tuple[str, tuple[str, ...]], ...] = ()
    kind: str = "intro"
    # Per question, the names of the members it is aimed at (empty: everyone). Questions,
    # theme and guide are kept in English and translated as each reader's message is
    # written (wording.questions), so that a bilingual message has each half in its language.
    aimed: tuple[tuple[str, ...], ...] = ()
    # The programme's own wording of this message (bot/core/editable.py), as (language,
    # text) pairs; empty: the default.
    wording: tuple[tuple[str, str], ...] = ()
    # A tutorial group (two-sided, several guests per host): the host's name, so that the
    # intro can say who "the host" and "your guests" of its questions are.
    host: str = ""


@dataclass(frozen=True)
class CheckIn:
    """Asks a group whether they met; shows who answered what."""

    match_id: int
    programme: str
    members: tuple[Person, ...]
    answers: Mapping[str, str] = field(default_factory=dict)
    reminder: bool = False
    kind: str = "checkin"
    # The programme's own wording of this message (bot/core/editable.py), as (language,
    # text) pairs; empty: the default.
    wording: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReasonRequest:
    """After Not yet or Not happening: why? (four buttons), to the person who answered."""

    match_id: int
    programme: str
    answer: str
    kind: str = "reason_request"


@dataclass(frozen=True)
class RescueOffer:
    """Nobody in the group has answered two weeks after the intro: a new partner this
    round? (one button, the rescue of "No reply from my partner"), to each member."""

    match_id: int
    programme: str
    kind: str = "rescue_offer"


@dataclass(frozen=True)
class MeetingTimeRequest:
    """After *Scheduled*: when is it? The match's suggested times as buttons, or another
    day and time; `chosen` (ISO-8601) is the time already recorded, to move or cancel."""

    match_id: int
    programme: str
    times: tuple[tuple[str, str], ...] = ()
    chosen: str = ""
    kind: str = "meeting_time_request"


@dataclass(frozen=True)
class Unpaired:
    """Tells someone they were left out this round, why, and that they come first next time."""

    programme: str
    reason: str
    next_round: str | None
    kind: str = "unpaired"
    # The reason by reference (bot/core/matching/explain.py, `left_out_words`), worded in
    # the reader's language; empty in rows written before it: `reason` is shown as written.
    left_out_key: str = ""
    left_out_values: tuple[tuple[str, Any], ...] = ()
    # Why, where the words differ: "away" (away all fortnight: first next round), "term"
    # (a term programme's groups are full: placed when the next term starts, on
    # `next_round`); empty: the matcher's reason.
    why: str = ""


@dataclass(frozen=True)
class HeadsUp:
    """A day before a round: it is coming, with a one-click skip."""

    programme_id: int
    programme: str
    round_on: str
    period: str
    kind: str = "headsup"
    # The programme's own wording of this message (bot/core/editable.py), as (language,
    # text) pairs; empty: the default.
    wording: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Notice:
    """A plain message: confirmations, partner left, auto-pause, welcome, errors."""

    text: str
    title: str = ""
    kind: str = "notice"


@dataclass(frozen=True)
class FeedbackRequest:
    """After *Met*: how much did you learn about the other's role?"""

    match_id: int
    programme: str
    others: tuple[Person, ...]
    # The meeting's theme title (bot/core/journey.py), which the learning question names.
    theme: str = ""
    kind: str = "feedback_request"


@dataclass(frozen=True)
class Welcome:
    """Someone joined a programme's channel: what pairbot is and how to join."""

    programme: str
    next_round: str
    kind: str = "welcome"


@dataclass(frozen=True)
class AutoPaused:
    """Paused after ignoring `ignored` introductions in a row."""

    programme: str
    ignored: int
    kind: str = "autopaused"


@dataclass(frozen=True)
class EvaluationRequest:
    """The before-and-after questionnaire (bot/core/evaluation.py): at joining (`baseline`)
    and at the end of a term (`follow_up`, with the term's number). No personal data."""

    programme_id: int
    programme: str
    stage: str
    term: int = 0
    kind: str = "evaluation_request"
    # The programme's instrument when it is not the bundled pairbot-5: (item id, text) of
    # the stage's form and (point, label) of its scale; empty: pairbot-5's five questions.
    questions: tuple[tuple[str, str], ...] = ()
    scale: tuple[tuple[int, str], ...] = ()
    # That instrument's name, which the request says (empty: pairbot-5).
    instrument: str = ""


@dataclass(frozen=True)
class AgreementShared:
    """One member's answers to the group's agreement, shown to the whole group. Rendered
    at send time from the agreements table, so the outbox holds no copy of them."""

    match_id: int
    programme: str
    member: Person
    learn: str
    offer: str
    how_often: str
    confidential: str = ""
    # Answered again: the group sees the new answers replace the old.
    updated: bool = False
    kind: str = "agreement"


# A recipient known only by e-mail address (an invitation): the platform looks them up.
BY_EMAIL = "email:"


@dataclass(frozen=True)
class Invitation:
    """An organiser imported this person (bot/services/enrolment.py): join, or not?
    `known` is what the import said about them, shown to them alone. `button` is what
    Accept and Decline carry: the id signed for the one person it reaches, set by the
    platform once it knows who that is (bot/services/enrolment.py, `button_value`)."""

    invitation_id: int
    programme: str
    known: tuple[tuple[str, str], ...] = ()
    expires_on: str = ""
    reminder: bool = False
    button: str = ""
    kind: str = "invitation"
    # The programme's own wording of this message (bot/core/editable.py), as (language,
    # text) pairs; empty: the default.
    wording: tuple[tuple[str, str], ...] = ()


Intent = (Intro | CheckIn | Unpaired | HeadsUp | Notice | FeedbackRequest | Welcome | AutoPaused
          | EvaluationRequest | Invitation | AgreementShared | ReasonRequest
          | MeetingTimeRequest | RescueOffer)
_KINDS: dict[str, type[Any]] = {
    "welcome": Welcome,
    "autopaused": AutoPaused,
    "intro": Intro,
    "checkin": CheckIn,
    "unpaired": Unpaired,
    "headsup": HeadsUp,
    "notice": Notice,
    "feedback_request": FeedbackRequest,
    "evaluation_request": EvaluationRequest,
    "invitation": Invitation,
    "agreement": AgreementShared,
    "reason_request": ReasonRequest,
    "meeting_time_request": MeetingTimeRequest,
    "rescue_offer": RescueOffer,
}


def to_dict(intent: Intent) -> dict[str, Any]:
    """The intent as JSON-ready data."""
    return dataclasses.asdict(intent)


def from_dict(data: Mapping[str, Any]) -> Intent:
    """Rebuild an intent stored by `to_dict`."""
    cls = _KINDS[str(data["kind"])]
    values = dict(data)
    for key in ("members", "others"):
        if key in values:
            values[key] = tuple(Person(**m) for m in values[key])
    if isinstance(values.get("member"), Mapping):
        values["member"] = Person(**values["member"])
    for key in ("known", "wording", "left_out_values"):
        if key in values:
            values[key] = tuple(tuple(pair) for pair in values[key])
    for key in ("reasons", "icebreakers"):
        if key in values:
            values[key] = tuple(values[key])
    if "aimed" in values:
        values["aimed"] = tuple(tuple(names) for names in values["aimed"])
    if "times" in values:
        values["times"] = tuple(tuple(t) for t in values["times"])  # Intro's and others
    if "apart" in values:
        values["apart"] = tuple((name, tuple(keys)) for name, keys in values["apart"])
    result: Intent = cls(**values)
    return result


def format_day(day: dt.date) -> str:
    """A date as people read it, in the reader's language: `Monday 7 December`."""
    return _format_day(day)
