"""The outbox by reference: rows added in bulk, rendered into intents when sent.

A row says what to send as references (participant ids, a match id, a programme
id) and fixed wording, never a name or someone's free text, so that erasing a
participant leaves no copy behind: `resolve` reads names, professions and intros
from the participants table when the sender claims the row. Someone who has left
by then shows as a neutral placeholder.

Rows written before this scheme (payload `{"intent": …}`) are still read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from sqlalchemy import Integer, Table, any_, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from bot.core import agreement as agreements
from bot.core import i18n
from bot.core import journey as journeys
from bot.core.intents import (
    BY_EMAIL,
    AgreementShared,
    CheckIn,
    FeedbackRequest,
    HeadsUp,
    Intent,
    Intro,
    Invitation,
    MeetingTimeRequest,
    Notice,
    Person,
    ReasonRequest,
    RescueOffer,
    Unpaired,
    Welcome,
    format_day,
    from_dict,
    to_dict,
)
from bot.core.matching.explain import for_reader
from bot.core.matching.model import LeftOut, ReasonWords, Worded
from bot.core.states import InvitationStatus, Mode, OutboxState
from bot.services import terms
from bot.services.calendar_links import CalendarLinks
from bot.services.meeting_times import common_windows, times, windows_of
from bot.services.programme_schedule import local_day
from bot.store import bulk
from bot.store.models import (
    Agreement,
    CheckinAnswer,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    ProgrammeWording,
    Round,
)
from bot.store.models import (
    Invitation as InvitationRow,
)

# How someone who left appears in a message written before they left.
PLACEHOLDER_NAME = "Someone who has left"


@dataclass(frozen=True)
class Row:
    """An outbox row to add; `ref` is what to say, by reference (see the *_ref makers)."""

    key: str
    workspace_id: int
    ref: Mapping[str, Any]
    now: dt.datetime
    round_id: int | None = None
    match_id: int | None = None
    recipient_id: int | None = None
    # Platform user ids, only for someone who is not (yet) a participant.
    users: tuple[str, ...] = ()
    conversation: str | None = None
    not_before: dt.datetime | None = None

    def values(self) -> dict[str, Any]:
        """The row as INSERT parameters."""
        payload: dict[str, Any] = {"conversation": self.conversation}
        if "intent" in self.ref:
            payload["intent"] = self.ref["intent"]  # an intent with no personal data
        else:
            payload["ref"] = dict(self.ref)
        if self.users:
            payload["users"] = list(self.users)
        return {
            "idempotency_key": self.key, "workspace_id": self.workspace_id,
            "round_id": self.round_id, "match_id": self.match_id,
            "recipient_id": self.recipient_id, "kind": str(self.ref["kind"]),
            "payload": payload, "state": OutboxState.PENDING, "attempts": 0,
            "not_before": self.not_before or self.now, "created_at": self.now,
        }


def add(session: Session, rows: Sequence[Row]) -> list[str]:
    """Insert the rows whose idempotency key is new, in one statement (bot.store.bulk);
    returns the keys that were added."""
    # The unique key is the exactly-once guarantee: a row another process (or an
    # earlier tick) wrote is skipped, not duplicated and not an error.
    return [str(k) for k in bulk.insert_rows(
        session, cast(Table, OutboxMessage.__table__), [row.values() for row in rows],
        returning="idempotency_key", skip_conflicts_on=["idempotency_key"])]


def among(session: Session, column: Any, ids: Iterable[int]) -> Any:
    """`column IN ids`; on PostgreSQL one array parameter, because the driver's cost of
    parsing a statement with thousands of parameters outweighs the query itself."""
    values = sorted(set(ids))
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(values, ARRAY(Integer)))
    return column.in_(values)


def in_subquery(session: Session, column: Any, subquery: Any) -> Any:
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`, which runs
    the subquery once and looks its ids up by index, whatever the planner believes about
    the table's size (a semi-join planned on stale statistics scanned the table per id)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(func.array(subquery.scalar_subquery()))
    return column.in_(subquery)


def intro_ref(match_id: int, positions: Iterable[int],
              extra_reasons: Sequence[str | Mapping[str, Any]] = ()) -> dict[str, Any]:
    """An intro of the match's members at these positions."""
    return {"kind": "intro", "match_id": match_id, "positions": list(positions),
            "extra_reasons": list(extra_reasons)}


def checkin_ref(match_id: int, *, reminder: bool = False) -> dict[str, Any]:
    """The match's check-in (or its reminder), with the answers as they are when sent."""
    return {"kind": "checkin", "match_id": match_id, "reminder": reminder}


def headsup_ref(programme_id: int, round_on: dt.date, period: str) -> dict[str, Any]:
    """A day before a round (the day kept as a date, worded when sent)."""
    return {"kind": "headsup", "programme_id": programme_id, "round_on": round_on.isoformat(),
            "period": period}


def welcome_ref(programme_id: int, next_round: dt.date) -> dict[str, Any]:
    """Someone joined a programme's channel: how to join (worded when sent, in the
    programme's language: nothing else is known about them yet)."""
    return {"kind": "welcome", "programme_id": programme_id,
            "next_round": next_round.isoformat()}


def unpaired_ref(programme_id: int, reason: str, next_round: dt.date | None,
                 why: str = "", *, left_out: LeftOut | None = None) -> dict[str, Any]:
    """Left out this round; `reason` is the matcher's wording (professions, counts),
    `left_out` the same by reference, worded in the reader's language when sent, and `why`
    the Unpaired intent's (away, term)."""
    ref: dict[str, Any] = {"kind": "unpaired", "programme_id": programme_id, "reason": reason,
                           "next_round": next_round.isoformat() if next_round else None}
    if why:
        ref["why"] = why
    if left_out is not None:
        ref["left_out"] = {"key": left_out.key, "values": dict(left_out.values)}
    return ref


def invitation_ref(invitation_id: int, *, reminder: bool = False) -> dict[str, Any]:
    """An import's invitation (or its one reminder), read from the invitations table when
    sent; not sent once it is answered or lapsed."""
    return {"kind": "invitation", "invitation_id": invitation_id, "reminder": reminder}


def notice_ref(text: str, title: str = "", people: Sequence[int] = ()) -> dict[str, Any]:
    """A notice; `{people}` in the text becomes the names of these participants."""
    return {"kind": "notice", "text": text, "title": title, "people": list(people)}


def reason_ref(match_id: int, answer: str) -> dict[str, Any]:
    """After Not yet or Not happening: why? (the match's programme names it)."""
    return {"kind": "reason_request", "match_id": match_id, "answer": answer}


def rescue_offer_ref(match_id: int) -> dict[str, Any]:
    """Nobody in the group answered two weeks after the intro: a new partner?"""
    return {"kind": "rescue_offer", "match_id": match_id}


def meeting_time_ref(match_id: int, times: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """After *Scheduled*: when is it? With the times to offer (times only, no person)."""
    return {"kind": "meeting_time_request", "match_id": match_id,
            "times": [list(t) for t in times]}


def feedback_ref(match_id: int) -> dict[str, Any]:
    """After *Met*: what did you learn, with the match's other members and theme."""
    return {"kind": "feedback_request", "match_id": match_id}


def agreement_ref(match_id: int, participant_id: int, revision: int) -> dict[str, Any]:
    """A member's answers to their group's agreement, read from the agreements table when
    sent (so that the outbox keeps no copy of them)."""
    return {"kind": "agreement", "match_id": match_id, "participant_id": participant_id,
            "revision": revision}


def ref_of(intent: Intent) -> dict[str, Any]:
    """An intent given whole (a notice with no personal data) as a row's `ref`."""
    if isinstance(intent, Notice):
        return notice_ref(intent.text, intent.title)
    return {"kind": intent.kind, "intent": to_dict(intent)}


def listing(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Resolved:
    """A row rendered: the intent, its recipients and its conversation."""

    intent: Intent
    users: tuple[str, ...]
    conversation: str | None
    # The language it is written in: its recipient's, or for a group conversation its
    # members' (bot.core.i18n.reader_language, group_language); None: the default.
    locale: str | None = None


@dataclass
class _Lookup:
    """Everything a batch of rows refers to, loaded with one query per table."""

    people: dict[int, Any] = field(default_factory=dict)
    # Rows of id, reasons, icebreakers, checkin_due_at, programme_id, theme.
    matches: dict[int, Any] = field(default_factory=dict)
    match_programme: dict[int, int] = field(default_factory=dict)
    match_theme: dict[int, str | None] = field(default_factory=dict)
    members: dict[int, list[Any]] = field(default_factory=dict)
    answers: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    programmes: dict[int, Programme] = field(default_factory=dict)
    invitations: dict[int, Any] = field(default_factory=dict)
    # The first meeting of a term, by match: whether its intro asks for an agreement.
    round_in_term: dict[int, int | None] = field(default_factory=dict)
    # (match id, participant id) → their agreement row.
    agreements: dict[tuple[int, int], Any] = field(default_factory=dict)
    # Matches whose members (all still present) were a group before.
    met_before: set[int] = field(default_factory=set)
    calendar: CalendarLinks | None = None
    # Each programme's own wording (bot/core/editable.py) by key: (language, text) pairs.
    wording: dict[tuple[int, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def edits(self, programme_id: int, key: str) -> tuple[tuple[str, str], ...]:
        return self.wording.get((programme_id, key), ())

    def name(self, participant_id: Any) -> str:
        try:
            person = self.people.get(int(participant_id))
        except (TypeError, ValueError):
            person = None
        return person.display_name if person is not None else PLACEHOLDER_NAME

    def reasons(self, match: Any, reader: int | None = None) -> list[str]:
        """The match's reasons with names, worded in the language of the message they go
        in; where `reader` (a participant id) is one of a reason's people, in their terms
        ("You want to learn about…")."""
        out: list[str] = []
        for reason in match.reasons:
            if isinstance(reason, Mapping):
                people = [str(p) for p in reason.get("people", ())]
                out.append(for_reader(reason, [self.name(p) for p in people],
                                      people.index(str(reader)) if str(reader) in people
                                      else None, terms.YOU_FORMS))
            else:
                # Matches written before 1 December 2026 (05c52c4) hold their reasons
                # as text; shown as written.
                out.append(str(reason))
        return out


def _load(session: Session, rows: Sequence[tuple[int | None, Mapping[str, Any]]],
          programmes: dict[int, Programme]) -> _Lookup:
    found = _Lookup(programmes=programmes)
    refs = [payload.get("ref") or {} for _, payload in rows]
    match_ids = {int(r["match_id"]) for r in refs if r.get("match_id") is not None}
    checkin_ids = {int(r["match_id"]) for r in refs if r.get("kind") == "checkin"}
    programme_ids = {int(r["programme_id"]) for r in refs if r.get("programme_id") is not None}
    people_ids = {rid for rid, _ in rows if rid is not None}
    for r in refs:
        people_ids.update(int(p) for p in r.get("people", ()))
        if r.get("kind") == "agreement":
            people_ids.add(int(r["participant_id"]))
    if match_ids:
        # Plain rows, not ORM objects: a batch of a thousand intros reads a thousand.
        for match in session.connection().execute(
                select(Match.id, Match.reasons, Match.icebreakers, Match.checkin_due_at,
                       Match.slots, Round.programme_id, Round.theme, Round.round_in_term,
                       Round.started_at)
                .join(Round, Round.id == Match.round_id)
                .where(among(session, Match.id, match_ids))):
            programme_id = match.programme_id
            found.matches[match.id] = match
            found.match_programme[match.id] = programme_id
            found.match_theme[match.id] = match.theme
            found.round_in_term[match.id] = match.round_in_term
            programme_ids.add(programme_id)
            for reason in match.reasons:
                if isinstance(reason, Mapping):
                    people_ids.update(_ints(reason.get("people", ())))
        for member in session.connection().execute(
                select(MatchMember.match_id, MatchMember.position, MatchMember.participant_id,
                       MatchMember.profession)
                .where(among(session, MatchMember.match_id, match_ids))
                .order_by(MatchMember.position)):
            found.members.setdefault(member.match_id, []).append(member)
            if member.participant_id is not None:
                people_ids.add(member.participant_id)
    agreement_ids = {int(r["match_id"]) for r in refs if r.get("kind") == "agreement"}
    if agreement_ids:
        for given in session.connection().execute(
                select(Agreement.match_id, Agreement.participant_id, Agreement.learn,
                       Agreement.offer, Agreement.how_often, Agreement.confidential,
                       Agreement.revision)
                .where(among(session, Agreement.match_id, agreement_ids))):
            found.agreements[(given.match_id, given.participant_id)] = given
    if checkin_ids:
        for match_id, participant_id, answer in session.connection().execute(
                select(CheckinAnswer.match_id, CheckinAnswer.participant_id, CheckinAnswer.answer)
                .where(among(session, CheckinAnswer.match_id, checkin_ids))):
            found.answers.setdefault(match_id, []).append((participant_id, answer))
    if people_ids:
        found.people = {p.id: p for p in session.connection().execute(
            select(Participant.id, Participant.user_id, Participant.display_name,
                   Participant.profession, Participant.intro, Participant.language,
                   Participant.platform_language, Participant.windows, Participant.side)
            .where(among(session, Participant.id, people_ids)))}
    invitation_ids = {int(r["invitation_id"]) for r in refs if r.get("kind") == "invitation"}
    if invitation_ids:
        for row in session.connection().execute(
                select(InvitationRow.id, InvitationRow.programme_id, InvitationRow.status,
                       InvitationRow.email, InvitationRow.profession, InvitationRow.site,
                       InvitationRow.team, InvitationRow.expires_at)
                .where(among(session, InvitationRow.id, invitation_ids))):
            found.invitations[row.id] = row
            programme_ids.add(row.programme_id)
    if programme_ids:
        # Read with every batch: an organiser's edit applies to the next message sent.
        edits: dict[tuple[int, str], list[tuple[str, str]]] = {}
        for pid, key, language, text in session.connection().execute(
                select(ProgrammeWording.programme_id, ProgrammeWording.key,
                       ProgrammeWording.language, ProgrammeWording.text)
                .where(among(session, ProgrammeWording.programme_id, programme_ids))):
            edits.setdefault((pid, key), []).append((language, text))
        found.wording = {key: tuple(sorted(pairs)) for key, pairs in edits.items()}
    missing = programme_ids - found.programmes.keys()
    if missing:
        found.programmes.update({p.id: p for p in session.scalars(
            select(Programme).where(Programme.id.in_(missing)))})
    # An agreement is asked only of a group introduced for the first time (in a term: at
    # its first meeting, or once someone new has joined it).
    asking = {int(r["match_id"]) for r in refs if r.get("kind") == "intro"
              and (p := found.programmes.get(found.match_programme.get(
                  int(r["match_id"]), -1))) is not None
              and (p.agreement or str(p.format or "rotating") == "term")}
    if asking:
        found.met_before = regrouped(session, {
            m: {x.participant_id for x in found.members.get(m, [])} for m in asking})
    return found


def regrouped(session: Session, groups: Mapping[int, Iterable[int | None]]) -> set[int]:
    """Of these matches (id → member participant ids), those whose members still present
    were all in one earlier match together: a group introduced again, not for the first
    time."""
    wanted = {m: {p for p in members if p is not None} for m, members in groups.items()}
    people = {p for members in wanted.values() for p in members}
    if not people:
        return set()
    earlier: dict[int, set[int]] = {}
    for match_id, pid in session.connection().execute(
            select(MatchMember.match_id, MatchMember.participant_id)
            .where(among(session, MatchMember.participant_id, people),
                   MatchMember.match_id < max(wanted))):
        if pid is not None:
            earlier.setdefault(match_id, set()).add(pid)
    by_person: dict[int, list[int]] = {}
    for match_id, members in earlier.items():
        for pid in members:
            by_person.setdefault(pid, []).append(match_id)
    out = set()
    for match_id, present in wanted.items():
        if len(present) < 2:
            continue
        # Only the earlier matches of one of them can hold them all.
        first = min(present, key=lambda pid: len(by_person.get(pid, ())))
        if any(other < match_id and present <= earlier[other]
               for other in by_person.get(first, ())):
            out.add(match_id)
    return out


def _ints(values: Iterable[Any]) -> set[int]:
    out = set()
    for value in values:
        try:
            out.add(int(value))
        except (TypeError, ValueError):
            continue
    return out


def resolve(session: Session, rows: Sequence[tuple[int | None, Mapping[str, Any]]], *,
            programmes: dict[int, Programme] | None = None,
            calendar: CalendarLinks | None = None) -> list[Resolved | None]:
    """Render rows given as (recipient_id, payload); None for a row whose match or
    programme is gone. `programmes` (by id) is read first and filled in: a sender
    going through many batches loads each programme once. `calendar` signs the intros'
    calendar links (None: times without links)."""
    found = _load(session, rows, programmes if programmes is not None else {})
    found.calendar = calendar
    out = []
    for recipient_id, payload in rows:
        locale = _language_of(found, recipient_id, payload)
        # Dates and names are worded as the intent is built: in the message's language.
        with i18n.using(locale):
            resolved = _resolve_one(found, recipient_id, payload)
        out.append(replace(resolved, locale=locale) if resolved is not None else None)
    return out


def _language_of(found: _Lookup, recipient_id: int | None,
                 payload: Mapping[str, Any]) -> str | None:
    """The language a row is written in: its recipient's; for a group conversation, the
    one its members share, or both (Welsh first) when they differ; else its programme's."""
    programme = _programme_language(found, payload)
    ref = payload.get("ref") or {}
    if recipient_id is not None:
        person = found.people.get(recipient_id)
        if person is not None:
            return i18n.reader_language(person.language, person.platform_language, programme)
    elif ref.get("match_id") is not None:
        members = [found.people[m.participant_id]
                   for m in found.members.get(int(ref["match_id"]), [])
                   if m.participant_id is not None and m.participant_id in found.people]
        if members:
            return i18n.group_language(
                [i18n.reader_language(p.language, p.platform_language, programme)
                 for p in members], programme)
    return programme


def _programme_language(found: _Lookup, payload: Mapping[str, Any]) -> str | None:
    """The `language` of the programme a row belongs to, if it belongs to one."""
    ref = payload.get("ref") or {}
    programme_id: Any = ref.get("programme_id")
    if ref.get("match_id") is not None:
        programme_id = found.match_programme.get(int(ref["match_id"]))
    elif ref.get("invitation_id") is not None:
        row = found.invitations.get(int(ref["invitation_id"]))
        programme_id = row.programme_id if row is not None else None
    programme = found.programmes.get(int(programme_id)) if programme_id is not None else None
    return programme.language if programme is not None else None


def _day(value: Any) -> str:
    """A stored day (ISO) as the reader reads it; text stored by older code as it is."""
    try:
        return format_day(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _aimed(stored: Mapping[str, Any], names: Mapping[int, str]) -> tuple[str, ...]:
    """Whom a stored question is aimed at (empty: everyone); wording words it "For Ann: "."""
    return tuple(names.get(int(p), PLACEHOLDER_NAME) for p in stored.get("for", ())
                 if str(p).isdigit())


def _theme(programme: Programme, theme_id: str | None) -> journeys.Theme | None:
    """The meeting's theme as the programme's journey titles it (None before themes)."""
    if not theme_id:
        return None
    try:
        journey = journeys.parse_journey(programme.journey or None)
    except journeys.JourneyError:
        journey = journeys.DEFAULT_JOURNEY
    return next((t for t in journey.themes if t.id == theme_id), None) or (
        journeys.theme(theme_id) if theme_id in journeys.THEME_IDS else None)


def _apart(programme: Programme, match: Any, present: Sequence[Any]
           ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A group offered no time because it shares no window: who gave which windows."""
    if match.slots or not programme.slots:
        return ()
    given = [(p.display_name, windows_of(p.windows)) for p in present]
    if common_windows(keys for _, keys in given):
        return ()  # a shared window with no open day in the fortnight: nothing to explain
    return tuple((name, keys) for name, keys in given if keys)


def _host(programme: Programme, present: Sequence[Any]) -> str:
    """A tutorial group's host (its one member of side B), by name; "" otherwise."""
    if str(programme.mode) != Mode.TWO_SIDED or programme.capacity <= 1:
        return ""
    side_b = [p for p in present if p.side == "B"]
    return side_b[0].display_name if len(side_b) == 1 and len(present) > 1 else ""


def _resolve_one(found: _Lookup, recipient_id: int | None,
                 payload: Mapping[str, Any]) -> Resolved | None:
    conversation = payload.get("conversation")
    recipient = found.people.get(recipient_id) if recipient_id is not None else None
    if recipient_id is not None and recipient is None:
        return None
    users: tuple[str, ...] = tuple(payload.get("users", ()))
    if recipient is not None:
        users = (recipient.user_id,)
    if "ref" not in payload:
        # A whole intent (no personal data) goes to its recipient too, read at send time.
        return Resolved(from_dict(payload["intent"]), users, conversation)
    ref = payload["ref"]
    kind = ref["kind"]
    intent: Intent
    if kind == "feedback_request":
        match = found.matches.get(int(ref["match_id"]))
        if match is None or recipient is None:
            return None
        programme = found.programmes[found.match_programme[match.id]]
        others = tuple(Person(p.user_id, p.display_name, p.profession)
                       for m in found.members.get(match.id, [])
                       if m.participant_id is not None and m.participant_id != recipient_id
                       and (p := found.people.get(m.participant_id)) is not None)
        theme = _theme(programme, found.match_theme.get(match.id))
        return Resolved(FeedbackRequest(match_id=match.id, programme=programme.name,
                                        others=others, theme=theme.title if theme else ""),
                        users, conversation)
    if kind == "meeting_time_request":
        match = found.matches.get(int(ref["match_id"]))
        if match is None or recipient is None:
            return None
        programme = found.programmes[found.match_programme[match.id]]
        return Resolved(MeetingTimeRequest(
            match_id=match.id, programme=programme.name,
            times=tuple((str(t[0]), str(t[1])) for t in ref.get("times", ()))),
            users, conversation)
    if kind == "rescue_offer":
        match = found.matches.get(int(ref["match_id"]))
        if match is None or recipient is None:
            return None
        programme = found.programmes[found.match_programme[match.id]]
        return Resolved(RescueOffer(match_id=match.id, programme=programme.name), users,
                        conversation)
    if kind == "reason_request":
        match = found.matches.get(int(ref["match_id"]))
        if match is None or recipient is None:
            return None
        programme = found.programmes[found.match_programme[match.id]]
        return Resolved(ReasonRequest(match_id=match.id, programme=programme.name,
                                      answer=str(ref.get("answer", ""))), users, conversation)
    if kind in ("intro", "checkin"):
        match = found.matches.get(int(ref["match_id"]))
        if match is None:
            return None
        programme = found.programmes[found.match_programme[match.id]]
        members = found.members.get(match.id, [])
        present = [found.people[m.participant_id] for m in members
                   if m.participant_id is not None and m.participant_id in found.people]
        if kind == "intro":
            wanted = set(ref.get("positions", ()))
            shown = []
            for m in members:
                if m.position not in wanted:
                    continue
                p = found.people.get(m.participant_id) if m.participant_id else None
                shown.append(Person(p.user_id, p.display_name, p.profession, p.intro)
                             if p is not None else Person("", PLACEHOLDER_NAME, m.profession))
            by_position = {m.position: found.name(m.participant_id) for m in members}
            theme = _theme(programme, found.match_theme.get(match.id))
            intent = Intro(
                match_id=match.id, programme=programme.name, members=tuple(shown),
                reasons=(*found.reasons(match, recipient_id),
                         *(for_reader(r, (), None) if isinstance(r, Mapping)
                           else Worded(ReasonWords(str(r)))
                           for r in ref.get("extra_reasons", ()) if r)),
                icebreakers=tuple(str(q.get("text", "")) for q in match.icebreakers),
                aimed=tuple(_aimed(q, by_position) for q in match.icebreakers),
                checkin_on=format_day(local_day(programme, match.checkin_due_at)),
                theme=theme.title if theme else "", theme_guide=theme.guide if theme else "",
                agreement=agreements.asked(
                    term_format=str(programme.format or "rotating") == "term",
                    round_in_term=found.round_in_term.get(match.id),
                    setting_on=bool(programme.agreement),
                    met_before=match.id in found.met_before),
                times=times(found.calendar, match.id, match.slots or (), match.started_at),
                apart=_apart(programme, match, present),
                wording=found.edits(programme.id, "intro"),
                host=_host(programme, present),
            )
            if not users:
                users = tuple(p.user_id for p in shown if p.user_id)
        else:
            by_id = {p.id: p for p in present}
            intent = CheckIn(
                match_id=match.id, programme=programme.name,
                members=tuple(Person(p.user_id, p.display_name, p.profession) for p in present),
                answers={by_id[pid].user_id: answer
                         for pid, answer in found.answers.get(match.id, []) if pid in by_id},
                reminder=bool(ref.get("reminder")),
                wording=found.edits(programme.id, "checkin"),
            )
            if not users:
                users = tuple(p.user_id for p in present)
    elif kind == "agreement":
        match = found.matches.get(int(ref["match_id"]))
        given = found.agreements.get((int(ref["match_id"]), int(ref["participant_id"])))
        author = found.people.get(int(ref["participant_id"]))
        if match is None or given is None or author is None or not (given.learn or given.offer):
            return None  # the member left, or retention emptied it, since
        programme = found.programmes[found.match_programme[match.id]]
        intent = AgreementShared(
            match_id=match.id, programme=programme.name,
            member=Person(author.user_id, author.display_name, author.profession),
            learn=given.learn, offer=given.offer, how_often=given.how_often,
            confidential=given.confidential, updated=int(ref.get("revision") or 1) > 1)
        if not users:
            users = tuple(p.user_id for m in found.members.get(match.id, [])
                          if m.participant_id is not None
                          and (p := found.people.get(m.participant_id)) is not None)
    elif kind == "invitation":
        row = found.invitations.get(int(ref["invitation_id"]))
        if row is None or row.status != InvitationStatus.INVITED or not row.email:
            return None  # answered, lapsed or erased since
        programme = found.programmes[row.programme_id]
        known = tuple((key, value) for key, value in (
            ("profession", row.profession), ("site", row.site), ("team", row.team)) if value)
        intent = Invitation(
            invitation_id=row.id, programme=programme.name, known=known,
            expires_on=format_day(local_day(programme, row.expires_at)),
            reminder=bool(ref.get("reminder")), wording=found.edits(programme.id, "invitation"))
        users = (BY_EMAIL + row.email,)
    elif kind == "notice":
        names = [found.name(p) for p in ref.get("people", ())]
        # Fixed wording is in the catalogue; text no catalogue holds reads as written.
        text = i18n._(str(ref["text"])) if ref.get("text") else ""
        intent = Notice(text.replace("{people}", i18n.format_list(names)),
                        title=str(ref.get("title", "")))
    else:
        programme_ = found.programmes.get(int(ref["programme_id"]))
        if programme_ is None:
            return None
        if kind == "headsup":
            intent = HeadsUp(programme_id=programme_.id, programme=programme_.name,
                             round_on=_day(ref["round_on"]), period=str(ref["period"]),
                             wording=found.edits(programme_.id, "headsup"))
        elif kind == "welcome":
            intent = Welcome(programme_.name, _day(ref["next_round"]))
        else:
            next_round = ref.get("next_round")
            left_out = ref.get("left_out") or {}
            intent = Unpaired(programme=programme_.name, reason=str(ref["reason"]),
                              left_out_key=str(left_out.get("key") or ""),
                              left_out_values=tuple(
                                  (str(k), v) for k, v in (left_out.get("values") or {}).items()),
                              next_round=_day(next_round) if next_round else None,
                              why=str(ref.get("why") or ""))
    return Resolved(intent, users, conversation)
