"""Bulk-seeding a programme straight into the database, for tests that need hundreds
of people (joining them one by one through the services would dominate the test)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.store.models import Participant, Programme, Workspace


def programme_with_people(sessions: sessionmaker[Session], *, name: str, people: int,
                          created: dt.datetime, **settings: object) -> int:
    """A programme in Slack workspace T1 with `people` participants U0000…, alternately
    Manager and Nurse; returns the programme id."""
    with sessions() as session, session.begin():
        ws = session.scalar(select(Workspace).where(Workspace.external_id == "T1"))
        if ws is None:
            ws = Workspace(platform="slack", external_id="T1", name="Acme", created_at=created)
            session.add(ws)
            session.flush()
        programme = Programme(workspace_id=ws.id, name=name, professions=["Nurse", "Manager"],
                              created_at=created, updated_at=created, **settings)
        session.add(programme)
        session.flush()
        session.add_all([
            Participant(programme_id=programme.id, user_id=f"U{i:04d}",
                        display_name=f"Person {i}", profession="Nurse" if i % 2 else "Manager",
                        joined_at=created, updated_at=created)
            for i in range(people)
        ])
        return programme.id
