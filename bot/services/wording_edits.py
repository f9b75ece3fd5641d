"""Wording organisers edit: read, save (checked and audited, old → new) and reset a
programme's own words for the messages of bot/core/editable.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.core import editable
from bot.services import audit_log
from bot.services.console import access
from bot.services.context import Services
from bot.store.models import Programme, ProgrammeWording

AUDIT_CHANGED = "wording.changed"
AUDIT_RESET = "wording.reset"


@dataclass(frozen=True)
class Text:
    """One editable text of a programme in one language, as the console shows it."""

    key: str
    language: str
    edited: str | None  # None: the programme uses the default


def edits_of(session: Session, programme_id: int, key: str) -> tuple[tuple[str, str], ...]:
    """The programme's edits of one text, as (language, text) pairs for an intent."""
    return tuple(sorted((language, text) for language, text in session.execute(
        select(ProgrammeWording.language, ProgrammeWording.text).where(
            ProgrammeWording.programme_id == programme_id, ProgrammeWording.key == key))))


def copy_edits(session: Session, source_id: int, target_id: int, now: dt.datetime) -> int:
    """Give a new programme (a duplicate) the source's edited wording, every language; how
    many texts were copied."""
    rows = session.execute(select(ProgrammeWording.key, ProgrammeWording.language,
                                  ProgrammeWording.text)
                           .where(ProgrammeWording.programme_id == source_id)).all()
    session.add_all(ProgrammeWording(programme_id=target_id, key=key, language=language,
                                     text=text, updated_at=now) for key, language, text in rows)
    return len(rows)


def texts(services: Services, viewer: access.Viewer, programme_id: int,
          language: str) -> list[Text]:
    """Every editable text of the programme in `language`, edited or not (organisers only)."""
    _check(language)
    access.check_access(services, viewer, programme_id)
    with services.unit_of_work() as session:
        edited = {key: text for key, text in session.execute(
            select(ProgrammeWording.key, ProgrammeWording.text).where(
                ProgrammeWording.programme_id == programme_id,
                ProgrammeWording.language == language))}
    return [Text(e.key, language, edited.get(e.key)) for e in editable.EDITABLE]


def save(services: Services, viewer: access.Viewer, programme_id: int, key: str,
         language: str, text: str) -> str:
    """Store an edit (WordingError, in one sentence, when it is refused); the text stored."""
    _check(language, key)
    access.check_access(services, viewer, programme_id)
    cleaned = editable.check(key, text)
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        row = session.scalar(select(ProgrammeWording).where(
            ProgrammeWording.programme_id == programme_id, ProgrammeWording.key == key,
            ProgrammeWording.language == language))
        was = row.text if row is not None else None
        if was == cleaned:
            return cleaned
        if row is None:
            session.add(ProgrammeWording(programme_id=programme_id, key=key, language=language,
                                         text=cleaned, updated_at=now))
        else:
            row.text, row.updated_at = cleaned, now
        audit_log.audit(session, programme.workspace_id, programme_id, viewer.actor, AUDIT_CHANGED,
                    {"changed": {_field(key, language): cleaned},
                     "was": {_field(key, language): was if was is not None else "default"}},
                    now)
    return cleaned


def reset(services: Services, viewer: access.Viewer, programme_id: int, key: str,
          language: str) -> bool:
    """Go back to the default text; False when it was the default already."""
    _check(language, key)
    access.check_access(services, viewer, programme_id)
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        was = session.scalar(select(ProgrammeWording.text).where(
            ProgrammeWording.programme_id == programme_id, ProgrammeWording.key == key,
            ProgrammeWording.language == language))
        if was is None:
            return False
        session.execute(delete(ProgrammeWording).where(
            ProgrammeWording.programme_id == programme_id, ProgrammeWording.key == key,
            ProgrammeWording.language == language))
        audit_log.audit(session, programme.workspace_id, programme_id, viewer.actor, AUDIT_RESET,
                    {"changed": {_field(key, language): "default"},
                     "was": {_field(key, language): was}}, now)
    return True


def _field(key: str, language: str) -> str:
    return f"{key} ({language})"


def _check(language: str, key: str | None = None) -> None:
    if language not in dict(editable.LANGUAGES) or (key is not None
                                                   and key not in editable.BY_KEY):
        raise access.NotFound("There is no such text to edit.")
