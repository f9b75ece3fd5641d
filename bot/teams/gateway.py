"""The Teams gateway: proactive Adaptive Cards through the Bot Connector.

Each message goes to one person's personal chat with the bot, through the
conversation reference stored when they installed the app: the adapter's
`continue_conversation` opens a turn on that reference, with a connector
client whose token MSAL acquired. With Graph group chats on, a match's
intro instead creates a group chat (see bot/teams/graph.py) and is posted
there, like Slack's group DM.

Failures are mapped for the outbox: 403 and 404 (the user removed the app,
left the tenant or blocked the bot) are permanent; 429 and 5xx are
transient, with the connector's Retry-After when it gives one.

Recovering an interrupted send (`find_sent`): the Bot Connector has no API
to read back what a bot posted in a personal chat, so nothing can be found
and the outbox sends again (at least once). Every activity carries its
idempotency key in `channelData.pairbot.key`, so a duplicate can be told
apart in transcripts; docs/teams.md says more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlencode

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ConversationReference,
)
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext
from microsoft_agents.hosting.core.authorization import AuthenticationConstants

from bot.core.intents import BY_EMAIL, CheckIn, Intent, Intro, Invitation
from bot.observability.metrics import api_call
from bot.services import enrolment, references
from bot.services.context import Services
from bot.services.gateway import Outgoing, PermanentFailure, SentRef, TransientFailure
from bot.teams import cards
from bot.teams.graph import GraphChats, GraphError
from bot.teams.loop import BackgroundLoop

logger = logging.getLogger(__name__)

# A personal chat is named by its user in our SentRefs: Teams' own 1:1 conversation ids
# are longer than the outbox's reference column, and the user finds the stored reference.
PERSONAL = "dm:"


def personal_conversation(user_id: str) -> str:
    """The SentRef conversation of a user's personal chat with the bot."""
    return PERSONAL + user_id


def failure(exc: BaseException, user_id: str | None) -> PermanentFailure | TransientFailure:
    """A connector error as the outbox understands it."""
    if isinstance(exc, aiohttp.ClientResponseError):
        status = exc.status
        if status in (403, 404):
            code = "bot_blocked_or_removed" if status == 403 else "conversation_not_found"
            return PermanentFailure(code, user_id=user_id)
        if status == 429 or status >= 500:
            retry = exc.headers.get("Retry-After") if exc.headers is not None else None
            return TransientFailure("rate_limited" if status == 429 else f"connector_{status}",
                                    retry_after=_seconds(retry))
        if status == 401:
            return TransientFailure("connector_unauthorized")
        return PermanentFailure(f"connector_{status}", user_id=None)
    if isinstance(exc, GraphError):
        return exc.as_failure()
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return TransientFailure("connector_unreachable")
    if isinstance(exc, ValueError):
        # MSAL could not acquire a token (a wrong secret, Entra unreachable).
        return TransientFailure("token_unavailable")
    return TransientFailure(type(exc).__name__)


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


@dataclass
class _Outcome:
    ids: list[str] = field(default_factory=list)
    error: BaseException | None = None


@dataclass
class TeamsGateway:
    """Delivers intents to Teams users; implements bot.services.gateway.Gateway."""

    services: Services
    adapter: Any  # the SDK's CloudAdapter (a ChannelServiceAdapter)
    loop: BackgroundLoop
    app_id: str | None = None
    graph: GraphChats | None = None
    service_url: str | None = None
    timeout: float = 30.0
    platform: str = "teams"
    # Teams writes to each member 1:1, unless Graph group chats are on.
    group_conversations: bool = field(init=False)

    def __post_init__(self) -> None:
        self.group_conversations = self.graph is not None

    # Gateway ------------------------------------------------------------------------------

    def send(self, message: Outgoing) -> SentRef:
        """Deliver one outbox row; raise PermanentFailure or TransientFailure."""
        if message.conversation or (self.graph is not None and len(message.users) > 1):
            return self._send_to_group(message)
        if len(message.users) != 1:
            raise PermanentFailure("teams_needs_one_recipient")
        user = message.users[0]
        if user.startswith(BY_EMAIL):
            # An invitation from a staff list: reachable if the bot is installed for them.
            found = references.find_by_upn(self.services, message.workspace,
                                           user.removeprefix(BY_EMAIL))
            if found is None:
                raise PermanentFailure("no_conversation_reference")
            user = found
        stored = references.find(self.services, message.workspace, user)
        if stored is None or not stored.conversation_id:
            raise PermanentFailure("no_conversation_reference", user_id=user)
        intent = message.intent
        if isinstance(intent, Invitation):
            intent = replace(intent, button=enrolment.button_value(
                self.services, intent.invitation_id, user))
        content = cards.render(intent, user, self._contacts(message))
        activity = self._activity(content, intent, message.key)
        activity_id = self._call(stored.reference, activity, user)
        return SentRef(personal_conversation(user), activity_id)

    def find_sent(self, message: Outgoing) -> SentRef | None:
        """Teams cannot list a bot's past messages in a personal chat: always None."""
        return None

    def update(self, workspace: str, ref: SentRef, intent: Intent) -> None:
        """Replace a sent card in place (a check-in showing who answered)."""
        if ref.conversation.startswith(PERSONAL):
            user: str | None = ref.conversation.removeprefix(PERSONAL)
            stored = references.find(self.services, workspace, user or "")
            if stored is None:
                logger.warning("teams: no reference to update %s's card", user)
                return
            reference = stored.reference
        else:
            user = None
            reference = self._group_reference(workspace, ref.conversation)
        content = cards.render(intent, user, self._contacts_for(workspace, intent))
        activity = self._activity(content, intent, None)
        activity.id = ref.message_id
        try:
            self._call(reference, activity, user, update=True)
        except (PermanentFailure, TransientFailure) as exc:
            # The answer is recorded either way; a stale card is the lesser harm.
            logger.warning("teams: could not update card %s: %s", ref.message_id, exc.code)

    def join_link(self, tenant: str) -> str | None:
        """A link an organiser can send to someone the bot cannot write to first: Teams'
        deep link to the app's install dialog, in their tenant."""
        if not self.app_id:
            return None
        return (f"https://teams.microsoft.com/l/app/{quote(self.app_id)}?"
                f"{urlencode({'tenantId': tenant})}")

    # Sending ----------------------------------------------------------------------------

    def _contacts(self, message: Outgoing) -> dict[str, str]:
        return self._contacts_for(message.workspace, message.intent)

    def _contacts_for(self, workspace: str, intent: Intent) -> dict[str, str]:
        if not isinstance(intent, Intro | CheckIn):
            return {}
        return references.contacts(self.services, workspace, [m.user_id for m in intent.members])

    @staticmethod
    def _activity(content: dict[str, Any], intent: Intent, key: str | None) -> Activity:
        channel_data: dict[str, Any] = {"pairbot": {"kind": intent.kind}}
        if key:
            channel_data["pairbot"]["key"] = key
        return Activity(type=ActivityTypes.message, summary=cards.summary(intent),
                        attachments=[Attachment(content_type=cards.CARD_CONTENT_TYPE,
                                                content=content)],
                        channel_data=channel_data)

    def _call(self, reference: dict[str, Any], activity: Activity, user: str | None, *,
              update: bool = False) -> str:
        with api_call("teams", "update_activity" if update else "send_activity"):
            try:
                outcome = self.loop.run(self._continue(reference, activity, update),
                                        self.timeout)
            except TimeoutError:
                raise TransientFailure("connector_timeout") from None
            if outcome.error is not None:
                raise failure(outcome.error, user) from outcome.error
        return outcome.ids[0] if outcome.ids else str(activity.id or "")

    async def _continue(self, reference: dict[str, Any], activity: Activity,
                        update: bool) -> _Outcome:
        continuation = ConversationReference.model_validate(reference).get_continuation_activity()
        # No id: the card is a new message in the chat, not a reply to the continuation event.
        continuation.id = None
        outcome = _Outcome()

        async def callback(context: TurnContext) -> None:
            try:
                if update:
                    await context.update_activity(activity)
                else:
                    response = await context.send_activity(activity)
                    outcome.ids.append(str(response.id) if response else "")
            except Exception as exc:  # carried out of the SDK's pipeline, mapped by failure()
                outcome.error = exc

        try:
            if self.app_id:
                await self.adapter.continue_conversation(self.app_id, continuation, callback)
            else:
                # Anonymous local development: no token on outbound calls either.
                await self.adapter.continue_conversation_with_claims(
                    ClaimsIdentity({}), continuation, callback,
                    audience=AuthenticationConstants.AGENTS_SDK_SCOPE)
        except Exception as exc:  # token acquisition and connector set-up happen here
            outcome.error = exc
        return outcome

    # Group chats (Graph) ------------------------------------------------------------------

    def _group_reference(self, workspace: str, chat_id: str) -> dict[str, Any]:
        service_url = references.service_url_of(self.services, workspace) or self.service_url
        if not service_url:
            raise PermanentFailure("no_service_url_for_tenant")
        return {"channelId": "msteams", "serviceUrl": service_url,
                "bot": {"id": f"28:{self.app_id or 'pairbot'}"},
                "conversation": {"id": chat_id, "isGroup": True,
                                 "conversationType": "groupChat", "tenantId": workspace}}

    def _send_to_group(self, message: Outgoing) -> SentRef:
        chat_id = message.conversation
        if not chat_id:
            assert self.graph is not None
            try:
                chat_id = self.graph.create_chat(message.workspace, list(message.users),
                                                 topic=cards.summary(message.intent)[:200],
                                                 key=message.key)
            except GraphError as exc:
                raise exc.as_failure() from exc
        content = cards.render(message.intent, None,
                               self._contacts_for(message.workspace, message.intent))
        activity = self._activity(content, message.intent, message.key)
        try:
            activity_id = self._call(self._group_reference(message.workspace, chat_id),
                                     activity, None)
        except PermanentFailure as exc:
            if message.conversation:
                raise
            # Right after the chat is made, the app's installation may not have reached the
            # connector yet; the chat is remembered, so a retry posts into the same one.
            raise TransientFailure("group_chat_not_ready", retry_after=30.0) from exc
        return SentRef(chat_id, activity_id)
