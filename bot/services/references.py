"""Where the bot can write first: Teams conversation references, kept in our database.

A reference is saved when the app is installed and refreshed on every
activity from the user, so proactive intros and check-ins can reach people
who have not written for weeks. Next to the Bot Framework reference we keep
the user's principal name (UPN), which Teams deep links need.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.exc import IntegrityError

from bot.services.context import Services
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import ConversationRef, Workspace

PLATFORM = "teams"
# Rows under this prefix remember group chats made for an outbox key (bot/teams/graph.py).
CHAT_PREFIX = "chat:"


@dataclass(frozen=True)
class StoredReference:
    """A user's personal-chat reference and what we know about how to address them."""

    user_id: str
    reference: dict[str, Any]
    upn: str | None = None
    name: str = ""

    @property
    def service_url(self) -> str:
        return str(self.reference.get("serviceUrl") or "")

    @property
    def conversation_id(self) -> str:
        return str((self.reference.get("conversation") or {}).get("id") or "")


def _stored(row: ConversationRef) -> StoredReference:
    data = row.reference or {}
    return StoredReference(user_id=row.user_id, reference=dict(data.get("reference") or {}),
                           upn=data.get("upn"), name=str(data.get("name") or ""))


def remember(services: Services, tenant: str, user_id: str, reference: dict[str, Any], *,
             name: str = "", upn: str | None = None) -> tuple[bool, StoredReference]:
    """Save (or refresh) the user's reference; True when this is the first one we hold."""
    now = services.now()
    for _attempt in range(2):
        try:
            with services.unit_of_work() as session:
                workspace = ensure_workspace(session, PLATFORM, tenant, now)
                row = session.scalar(select(ConversationRef).where(
                    ConversationRef.workspace_id == workspace.id,
                    ConversationRef.user_id == user_id))
                created = row is None
                if row is None:
                    row = ConversationRef(workspace_id=workspace.id, user_id=user_id,
                                          reference={}, updated_at=now)
                    session.add(row)
                old = row.reference or {}
                row.reference = {"reference": reference, "name": name or old.get("name", ""),
                                 "upn": upn or old.get("upn")}
                row.updated_at = now
                session.flush()
                return created, _stored(row)
        except IntegrityError:
            # The install event and the first message raced; the other one created the row.
            continue
    raise RuntimeError("could not save the conversation reference")


def find(services: Services, tenant: str, user_id: str) -> StoredReference | None:
    """The user's stored reference, if the bot was ever installed for them."""
    with services.unit_of_work() as session:
        row = session.scalar(
            select(ConversationRef).join(Workspace, Workspace.id == ConversationRef.workspace_id)
            .where(Workspace.platform == PLATFORM, Workspace.external_id == tenant,
                   ConversationRef.user_id == user_id))
        return _stored(row) if row else None


def find_by_upn(services: Services, tenant: str, upn: str) -> str | None:
    """The user id of someone the bot can write to whose UPN (sign-in name, in NHS tenants
    usually the work e-mail) is `upn`: how an imported staff list reaches people in Teams."""
    wanted = upn.strip().lower()
    with services.unit_of_work() as session:
        rows = session.scalars(
            select(ConversationRef).join(Workspace, Workspace.id == ConversationRef.workspace_id)
            .where(Workspace.platform == PLATFORM, Workspace.external_id == tenant,
                   func.lower(cast(ConversationRef.reference, String)).contains(
                       json.dumps(wanted))))
        return next((r.user_id for r in rows
                     if str((r.reference or {}).get("upn") or "").lower() == wanted), None)


def contacts(services: Services, tenant: str, user_ids: list[str]) -> dict[str, str]:
    """User id → UPN, for those whose UPN we learned."""
    with services.unit_of_work() as session:
        rows = session.scalars(
            select(ConversationRef).join(Workspace, Workspace.id == ConversationRef.workspace_id)
            .where(Workspace.platform == PLATFORM, Workspace.external_id == tenant,
                   ConversationRef.user_id.in_(user_ids)))
        return {r.user_id: str(r.reference["upn"]) for r in rows
                if (r.reference or {}).get("upn")}


def service_url_of(services: Services, tenant: str) -> str | None:
    """A service URL that reached this tenant recently (group chats have no reference yet)."""
    with services.unit_of_work() as session:
        row = session.scalar(
            select(ConversationRef).join(Workspace, Workspace.id == ConversationRef.workspace_id)
            .where(Workspace.platform == PLATFORM, Workspace.external_id == tenant,
                   ~ConversationRef.user_id.startswith(CHAT_PREFIX))
            .order_by(ConversationRef.updated_at.desc()).limit(1))
        return _stored(row).service_url if row else None


def forget(services: Services, tenant: str, user_id: str) -> None:
    """The app was uninstalled: the reference is of no use any more."""
    with services.unit_of_work() as session:
        workspace = session.scalar(select(Workspace).where(
            Workspace.platform == PLATFORM, Workspace.external_id == tenant))
        if workspace is not None:
            session.execute(delete(ConversationRef).where(
                ConversationRef.workspace_id == workspace.id,
                ConversationRef.user_id == user_id))


def group_chat_of(services: Services, tenant: str, key: str) -> str | None:
    """The group chat made earlier for this outbox key, if any (so a retry reuses it)."""
    with services.unit_of_work() as session:
        workspace = ensure_workspace(session, PLATFORM, tenant, services.now())
        row = session.scalar(select(ConversationRef).where(
            ConversationRef.workspace_id == workspace.id,
            ConversationRef.user_id == (CHAT_PREFIX + key)[:128]))
        return str(row.reference["chat_id"]) if row else None


def remember_group_chat(services: Services, tenant: str, key: str, chat_id: str) -> None:
    """Remember the group chat made for this outbox key."""
    now = services.now()
    with services.unit_of_work() as session:
        workspace = ensure_workspace(session, PLATFORM, tenant, now)
        session.add(ConversationRef(workspace_id=workspace.id,
                                    user_id=(CHAT_PREFIX + key)[:128],
                                    reference={"chat_id": chat_id}, updated_at=now))
