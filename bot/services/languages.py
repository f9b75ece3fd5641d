"""Each person's language: what they chose, what their platform says, their programme's.

The choice is made in the profile and kept on each of their participant rows
(`participants.language`); what Slack (`users.info` with `include_locale`) or Teams
(the activity's `locale`) reports is kept beside it (`platform_language`), as the
default until they choose. `bot.core.i18n.reader_language` decides between them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import i18n
from bot.services.context import Services
from bot.store.models import Participant, Programme, Workspace


def _rows(session: Session, platform: str, workspace: str, user_id: str
          ) -> list[tuple[Participant, str]]:
    return [(p, language) for p, language in session.execute(
        select(Participant, Programme.language)
        .join(Programme, Programme.id == Participant.programme_id)
        .join(Workspace, Workspace.id == Programme.workspace_id)
        .where(Workspace.platform == platform, Workspace.external_id == workspace,
               Participant.user_id == user_id)
        .order_by(Participant.programme_id)).all()]


def of_person(services: Services, platform: str, workspace: str, user_id: str,
              platform_locale: str | None = None) -> str:
    """The language to answer the person in (`en`, `cy`, `cy+en`); `platform_locale` is
    what their platform says this time (Teams' activity locale), when it says anything.
    What the platform says is remembered for messages sent later."""
    reported = i18n.language_code(platform_locale)
    with services.unit_of_work() as session:
        rows = _rows(session, platform, workspace, user_id)
        for participant, _language in rows:
            if reported is not None and participant.platform_language != reported:
                participant.platform_language = reported
        return _language_of(rows, reported)


def of_person_in(session: Session, platform: str, workspace: str, user_id: str) -> str:
    """The language to answer the person in, read in a unit of work already open."""
    return _language_of(_rows(session, platform, workspace, user_id), None)


def _language_of(rows: list[tuple[Participant, str]], reported: str | None) -> str:
    chosen = next((p.language for p, _ in rows if p.language), None)
    platform = reported or next((p.platform_language for p, _ in rows
                                 if p.platform_language), None)
    return i18n.reader_language(chosen, platform, rows[0][1] if rows else None)


def platform_says(services: Services, platform: str, workspace: str, user_id: str,
                  platform_locale: str | None) -> None:
    """Remember what the person's platform reports (Slack's `locale`), for messages sent
    later; nothing when it names no language pairbot has."""
    if i18n.language_code(platform_locale) is not None:
        of_person(services, platform, workspace, user_id, platform_locale)
