"""Each person's language: what they chose, what their platform says, their programme's.

The choice is made in the profile and kept on each of their participant rows
(`participants.language`); what Slack (`users.info` with `include_locale`) or Teams
(the activity's `locale`) reports is kept beside it (`platform_language`), as the
default until they choose. `bot.core.i18n.reader_language` decides between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TypeVarTuple

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from bot.core import i18n
from bot.services.context import Services
from bot.store.models import Participant, Programme, Workspace

_Ts = TypeVarTuple("_Ts")

# What `_language_of` reads of each of the person's rows: their choice, what their
# platform said, their programme's language (and the row's id, to remember a new report).
Languages = tuple[int, str | None, str | None, str]


@cache
def _languages() -> Select[int, str | None, str | None, str]:
    # Built once, three columns, no entities: asked before every Slack listener runs, and
    # building the select and loading two whole rows cost more than running it
    # (bench/load.py: 2.0 ms of CPU of the 5.5 a status command took in the service layer).
    return person_rows(select(Participant.id, Participant.language,
                              Participant.platform_language, Programme.language))


def person_rows(columns: Select[*_Ts]) -> Select[*_Ts]:
    """A select of columns of participants and their programmes, on one person's rows (the
    parameters `platform`, `workspace` and `user_id`), in programme order."""
    return (columns.join(Programme, Programme.id == Participant.programme_id)
            .join(Workspace, Workspace.id == Programme.workspace_id)
            .where(Workspace.platform == bindparam("platform"),
                   Workspace.external_id == bindparam("workspace"),
                   Participant.user_id == bindparam("user_id"))
            .order_by(Participant.programme_id))


def _rows(session: Session, platform: str, workspace: str, user_id: str) -> list[Languages]:
    return [(pid, language, platform_language, programme_language)
            for pid, language, platform_language, programme_language in session.execute(
                _languages(),
                {"platform": platform, "workspace": workspace, "user_id": user_id})]


def of_person(services: Services, platform: str, workspace: str, user_id: str,
              platform_locale: str | None = None) -> str:
    """The language to answer the person in (`en`, `cy`, `cy+en`); `platform_locale` is
    what their platform says this time (Teams' activity locale), when it says anything.
    What the platform says is remembered for messages sent later."""
    reported = i18n.language_code(platform_locale)
    with services.unit_of_work() as session:
        rows = _rows(session, platform, workspace, user_id)
        told = [pid for pid, _chosen, said, _programme in rows
                if reported is not None and said != reported]
        if told:
            session.execute(update(Participant).where(Participant.id.in_(told))
                            .values(platform_language=reported))
        return _language_of(rows, reported)


def of_person_in(session: Session, platform: str, workspace: str, user_id: str) -> str:
    """The language to answer the person in, read in a unit of work already open."""
    return _language_of(_rows(session, platform, workspace, user_id), None)


def of_rows(rows: Sequence[tuple[Participant, Programme]]) -> str:
    """The language to answer the person in, from their rows already loaded (all of them,
    in programme order, as `_languages` finds them)."""
    return _language_of([(p.id, p.language, p.platform_language, programme.language)
                         for p, programme in rows], None)


def _language_of(rows: list[Languages], reported: str | None) -> str:
    chosen = next((language for _id, language, _said, _p in rows if language), None)
    platform = reported or next((said for _id, _l, said, _p in rows if said), None)
    return i18n.reader_language(chosen, platform, rows[0][3] if rows else None)


def platform_says(services: Services, platform: str, workspace: str, user_id: str,
                  platform_locale: str | None) -> None:
    """Remember what the person's platform reports (Slack's `locale`), for messages sent
    later; nothing when it names no language pairbot has."""
    if i18n.language_code(platform_locale) is not None:
        of_person(services, platform, workspace, user_id, platform_locale)
