"""A programme's participants as the console lists them: filtered, paginated, counted in
the database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bot.core import i18n
from bot.core.intents import format_day
from bot.core.states import Answer, ParticipantStatus
from bot.services import programme_schedule
from bot.services.console.access import Viewer, programme_of
from bot.services.console.outcomes import answers_of, match_ids_of
from bot.services.context import Services
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
)

# Marked for the catalogue; the console translates them where it shows them.
STATUS_LABELS = {"active": i18n.N_("Active"), "paused": i18n.N_("Paused"),
                 "left-out": i18n.N_("Left out last round"),
                 "auto-paused": i18n.N_("Auto-paused (no answers)")}


@dataclass(frozen=True)
class ParticipantRow:
    """A participant as the console lists them (no chat ids)."""

    id: int
    name: str
    profession: str
    side: str
    status: str
    paused_until: str
    joined: str
    rounds: int
    met: int
    manager: str = ""  # their line manager's name, when one is set


def _status(p: Participant) -> str:
    return status_key(p.status, p.unpaired_last_round)


def status_key(status: str, unpaired_last_round: bool) -> str:
    """A participant's status as the table and its filter name it."""
    if status == ParticipantStatus.DEACTIVATED:
        return "auto-paused"
    if status == ParticipantStatus.PAUSED:
        return "paused"
    return "left-out" if unpaired_last_round else "active"


def participants_of(services: Services, viewer: Viewer, programme_id: int, *, search: str = "",
                    profession: str = "", side: str = "", status: str = "") -> list[ParticipantRow]:
    """The programme's participants, filtered as the table asks."""
    with services.unit_of_work() as session:
        programme, _ = programme_of(session, viewer, programme_id)
        everyone = list(session.scalars(select(Participant).where(
            Participant.programme_id == programme_id).order_by(Participant.display_name,
                                                               Participant.id)))
        taken = Counter[int]()
        met = Counter[int]()
        rows = session.execute(
            select(MatchMember.participant_id, MatchMember.match_id)
            .join(Match, Match.id == MatchMember.match_id)
            .join(Round, Round.id == Match.round_id)
            .where(Round.programme_id == programme_id, MatchMember.participant_id.is_not(None))
        ).all()
        figures = answers_of(session, match_ids_of(programme_id))
        for pid, match_id in rows:
            if pid is None:
                continue
            taken[pid] += 1
            met[pid] += figures.outcome(match_id) == Answer.MET
        needle = search.strip().casefold()
        sides = {"A": side_name(programme, "A"), "B": side_name(programme, "B")}
        names = {p.id: p.display_name for p in everyone}
        out = []
        for p in everyone:
            row = ParticipantRow(
                id=p.id, name=p.display_name, profession=p.profession,
                side=sides.get(p.side or "", ""), status=_status(p),
                paused_until=format_day(p.paused_until) if p.paused_until else "",
                joined=format_day(programme_schedule.local_day(programme, p.joined_at)),
                rounds=taken[p.id], met=met[p.id], manager=names.get(p.manager_id or 0, ""))
            if needle and needle not in f"{p.display_name} {p.profession}".casefold():
                continue
            if (profession and p.profession != profession) or (side and p.side != side):
                continue
            if status and row.status != status:
                continue
            out.append(row)
        return out


PAGE_SIZE = 50


@dataclass(frozen=True)
class ParticipantsPage:
    """One page of the participants table: its rows, how many match, how many in all."""

    rows: tuple[ParticipantRow, ...]
    matching: int
    total: int
    page: int
    pages: int
    professions: tuple[str, ...]


def participants_page(services: Services, viewer: Viewer, programme_id: int, *,
                      search: str = "", profession: str = "", side: str = "", status: str = "",
                      page: int = 1, per_page: int = PAGE_SIZE) -> ParticipantsPage:
    """A page of the programme's participants, filtered and counted in the database (a
    trust of 100,000 is never loaded whole); rounds and meetings only for the page's
    people."""
    with services.unit_of_work() as session:
        programme, _ = programme_of(session, viewer, programme_id)
        mine = Participant.programme_id == programme_id
        conditions: list[Any] = [mine]
        needle = search.strip().casefold()
        if needle:
            like = f"%{needle.replace('%', '').replace('_', '')}%"
            conditions.append(func.lower(Participant.display_name + " " + Participant.profession)
                              .like(like))
        if profession:
            conditions.append(Participant.profession == profession)
        if side:
            conditions.append(Participant.side == side)
        if status == "auto-paused":
            conditions.append(Participant.status == ParticipantStatus.DEACTIVATED)
        elif status == "paused":
            conditions.append(Participant.status == ParticipantStatus.PAUSED)
        elif status == "left-out":
            conditions += [Participant.status == ParticipantStatus.ACTIVE,
                           Participant.unpaired_last_round.is_(True)]
        elif status == "active":
            conditions += [Participant.status == ParticipantStatus.ACTIVE,
                           Participant.unpaired_last_round.is_(False)]
        total = session.scalar(select(func.count(Participant.id)).where(mine)) or 0
        matching = session.scalar(select(func.count(Participant.id)).where(*conditions)) or 0
        pages = max(1, -(-matching // per_page))
        page = min(max(1, page), pages)
        people = list(session.scalars(select(Participant).where(*conditions)
                                      .order_by(Participant.display_name, Participant.id)
                                      .offset((page - 1) * per_page).limit(per_page)))
        professions = tuple(session.scalars(select(Participant.profession).where(mine)
                                            .distinct().order_by(Participant.profession)))
        return ParticipantsPage(rows=_rows(session, programme, people), matching=matching,
                                total=total, page=page, pages=pages, professions=professions)


def export_batches(services: Services, viewer: Viewer, programme_id: int,
                   size: int) -> Iterator[list[list[Any]]]:
    """The participants export's rows (id, profession, side, status, rounds taken part,
    groups met) of every participant in the table's order (name, then id), `size` at a
    time: each batch read after the last one's (name, id) on the index of that order,
    never by an OFFSET that rereads every earlier row."""
    after: tuple[str, int] | None = None
    while True:
        with services.unit_of_work() as session:
            programme, _ = programme_of(session, viewer, programme_id)
            query = select(Participant.id, Participant.display_name, Participant.profession,
                           Participant.side, Participant.status,
                           Participant.unpaired_last_round).where(
                Participant.programme_id == programme_id)
            if after is not None:
                query = query.where(or_(Participant.display_name > after[0], and_(
                    Participant.display_name == after[0], Participant.id > after[1])))
            people = session.execute(query.order_by(Participant.display_name, Participant.id)
                                     .limit(size)).all()
            if not people:
                return
            taken, met = _taken_and_met(session, [p.id for p in people])
            after = (people[-1].display_name, people[-1].id)
        sides = {"A": side_name(programme, "A"), "B": side_name(programme, "B")}
        yield [[f"P{p.id}", p.profession, sides.get(p.side or "", ""),
                status_key(p.status, p.unpaired_last_round), taken.get(p.id, 0),
                met.get(p.id, 0)] for p in people]
        if len(people) < size:
            return


def _taken_and_met(session: Session, ids: Sequence[int]) -> tuple[dict[int, int], dict[int, int]]:
    """For these people: the groups they were in, and those of them in which someone
    answered met."""
    taken = {pid: int(n) for pid, n in session.execute(
        select(MatchMember.participant_id, func.count())
        .where(MatchMember.participant_id.in_(ids))
        .group_by(MatchMember.participant_id)) if pid is not None}
    met = {pid: int(n) for pid, n in session.execute(
        select(MatchMember.participant_id, func.count(func.distinct(MatchMember.match_id)))
        .join(CheckinAnswer, CheckinAnswer.match_id == MatchMember.match_id)
        .where(MatchMember.participant_id.in_(ids), CheckinAnswer.answer == Answer.MET)
        .group_by(MatchMember.participant_id)) if pid is not None}
    return taken, met


def _rows(session: Session, programme: Programme,
          people: Sequence[Participant]) -> tuple[ParticipantRow, ...]:
    """The table's rows of these people: the rounds they took part in and the groups of
    theirs that met, counted for them only."""
    taken, met = _taken_and_met(session, [p.id for p in people])
    sides = {"A": side_name(programme, "A"), "B": side_name(programme, "B")}
    wanted = sorted({p.manager_id for p in people if p.manager_id})
    managers = dict(session.execute(select(Participant.id, Participant.display_name).where(
        Participant.id.in_(wanted), Participant.programme_id == programme.id)).all()) \
        if wanted else {}
    return tuple(ParticipantRow(
        id=p.id, name=p.display_name, profession=p.profession,
        side=sides.get(p.side or "", ""), status=_status(p),
        paused_until=format_day(p.paused_until) if p.paused_until else "",
        joined=format_day(programme_schedule.local_day(programme, p.joined_at)),
        rounds=taken.get(p.id, 0), met=met.get(p.id, 0),
        manager=managers.get(p.manager_id or 0, "")) for p in people)


def side_name(programme: Programme, side: str) -> str:
    """A side's name as the programme calls it."""
    return str((programme.side_names or {}).get(side) or f"Side {side}")


def side_names(services: Services, viewer: Viewer, programme_id: int) -> dict[str, str]:
    """The names of a two-sided programme's sides (empty in cross mode)."""
    with services.unit_of_work() as session:
        programme, _ = programme_of(session, viewer, programme_id)
        if programme.mode != "two-sided":
            return {}
        return {side: side_name(programme, side) for side in ("A", "B")}
