"""Optional group chats through Microsoft Graph, like Slack's group DM.

With `PAIRBOT_TEAMS_GROUP_CHATS=true` and the tenant's admin consent to the
application permissions `Chat.Create` and
`TeamsAppInstallation.ReadWriteSelfForChat.All`, an intro creates a group chat
of the match's members (`POST /chats`), installs pairbot in it
(`POST /chats/{id}/installedApps`) and the gateway posts the intro there.
The Graph token comes from MSAL through the SDK's connection manager.

Creating a chat is not idempotent, so the chat made for an outbox row is
remembered under the row's key before anything is posted: a retry reuses it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from microsoft_agents.hosting.core import Connections

from bot.services import references
from bot.services.context import Services
from bot.services.gateway import PermanentFailure, TransientFailure

logger = logging.getLogger(__name__)

GRAPH_URL = "https://graph.microsoft.com/v1.0"
GRAPH_RESOURCE = "https://graph.microsoft.com"
GRAPH_SCOPES = ["https://graph.microsoft.com/.default"]


class GraphError(Exception):
    """Graph refused or failed a call."""

    def __init__(self, status: int, message: str, retry_after: float | None = None) -> None:
        super().__init__(f"Graph {status}: {message}")
        self.status = status
        self.retry_after = retry_after

    def as_failure(self) -> PermanentFailure | TransientFailure:
        """How the outbox should treat it."""
        if self.status == 429 or self.status >= 500:
            return TransientFailure(f"graph_{self.status}", retry_after=self.retry_after)
        if self.status in (401, 403):
            # Usually missing admin consent: retried (with back-off) until someone grants it.
            return TransientFailure("graph_forbidden")
        return PermanentFailure(f"graph_{self.status}")


@dataclass
class GraphChats:
    """Creates a group chat for a match and installs the app in it."""

    services: Services
    connections: Connections
    app_id: str
    run: Callable[[Coroutine[Any, Any, str]], str]
    base_url: str = GRAPH_URL
    timeout: float = 20.0

    def _token(self) -> str:
        provider = self.connections.get_default_connection()
        return self.run(provider.get_access_token(GRAPH_RESOURCE, GRAPH_SCOPES))

    def _request(self, client: httpx.Client, method: str, path: str,
                 body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            response = client.request(method, self.base_url.rstrip("/") + path, json=body)
        except httpx.HTTPError as exc:
            raise GraphError(503, f"unreachable ({type(exc).__name__})") from None
        if response.status_code >= 300:
            retry = response.headers.get("Retry-After")
            raise GraphError(response.status_code, response.text[:200],
                             float(retry) if retry and retry.isdigit() else None)
        return dict(response.json()) if response.content else {}

    def create_chat(self, tenant: str, user_ids: list[str], *, topic: str,
                    key: str | None = None) -> str:
        """The id of a new group chat of these users with the app installed."""
        if key and (known := self._remembered(tenant, key)):
            return known
        headers = {"Authorization": f"Bearer {self._token()}"}
        with httpx.Client(headers=headers, timeout=self.timeout) as client:
            chat = self._request(client, "POST", "/chats", {
                "chatType": "group", "topic": topic,
                "members": [{
                    "@odata.type": "#microsoft.graph.aadUserConversationMember",
                    "roles": ["owner"],
                    "user@odata.bind": f"{GRAPH_URL}/users('{user_id}')",
                } for user_id in user_ids],
            })
            chat_id = str(chat["id"])
            if key:
                self._remember(tenant, key, chat_id)
            catalog = self._request(
                client, "GET",
                f"/appCatalogs/teamsApps?$filter=externalId eq '{self.app_id}'")
            apps = catalog.get("value") or []
            if not apps:
                raise GraphError(404, "pairbot is not in the tenant's app catalog")
            try:
                self._request(client, "POST", f"/chats/{chat_id}/installedApps", {
                    "teamsApp@odata.bind": f"{GRAPH_URL}/appCatalogs/teamsApps/{apps[0]['id']}"})
            except GraphError as exc:
                if exc.status != 409:  # 409: already installed by an earlier attempt
                    raise
        logger.info("teams: created group chat %s for %d members", chat_id, len(user_ids))
        return chat_id

    def _remembered(self, tenant: str, key: str) -> str | None:
        return references.group_chat_of(self.services, tenant, key)

    def _remember(self, tenant: str, key: str, chat_id: str) -> None:
        references.remember_group_chat(self.services, tenant, key, chat_id)
