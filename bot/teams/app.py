"""The Teams platform itself: the SDK's adapter and application, the JWT check, the router.

`POST /api/messages` is the Agents SDK's FastAPI hosting: the SDK's JWT
validation (`_authorize_request`, the check its `JwtAuthorizationMiddleware`
runs) decides first, so a request without a valid Bot Framework token gets
401 before anything is parsed or stored; then `start_agent_process` hands
the activity to the `CloudAdapter` and our `AgentApplication`.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from jwt import PyJWTError
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    InvokeResponse,
)
from microsoft_agents.hosting.core import (
    AgentApplication,
    Connections,
    MemoryStorage,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.authorization.jwt import _authorize_request
from microsoft_agents.hosting.core.http import HttpResponse
from microsoft_agents.hosting.fastapi import CloudAdapter, start_agent_process

from bot.config import Settings, TeamsConnection
from bot.platform import PlatformParts
from bot.services.context import Services
from bot.services.delivery import deliver_due
from bot.teams.connections import auth_configuration, build_connections
from bot.teams.gateway import TeamsGateway
from bot.teams.graph import GRAPH_URL, GraphChats
from bot.teams.handlers import register
from bot.teams.loop import BackgroundLoop
from bot.web.guard import Refusal, activity_refusal, bearer_refusal, refused
from bot.web.paths import TEAMS_MESSAGES

logger = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_turn_error(context: TurnContext, error: Exception) -> None:
    """The one error handler of the Teams app: log it, and tell the user briefly."""
    logger.error("teams: a turn failed (%s)", context.activity.type, exc_info=error)
    if context.activity.type == ActivityTypes.invoke:
        await context.send_activity(Activity(
            type=ActivityTypes.invoke_response,
            value=InvokeResponse(status=500, body={
                "statusCode": 500, "type": "application/vnd.microsoft.error",
                "value": {"code": "InternalError", "message": SORRY}})))
    elif context.activity.type == ActivityTypes.message:
        await context.send_activity(SORRY)


def build_application(services: Services, connections: Connections, *,
                      run_delivery: Any = None) -> AgentApplication[TurnState]:
    """The SDK application with pairbot's listeners (also what dialog tests drive)."""
    app = AgentApplication[TurnState](storage=MemoryStorage(), connection_manager=connections,
                                      start_typing_timer=False)
    register(app, services, run_delivery=run_delivery)
    app.error(on_turn_error)
    return app


def build_platform(settings: Settings, teams: TeamsConnection, services: Services, *,
                   connections: Connections | None = None,
                   graph_url: str = GRAPH_URL) -> PlatformParts:
    """The configured Teams platform (see bot.teams.setup.build_teams)."""
    if settings.teams_allow_anonymous:
        logger.warning("Teams: PAIRBOT_TEAMS_ALLOW_ANONYMOUS is on: %s accepts "
                       "requests without a token. Local development only.", TEAMS_MESSAGES)
    connections = connections or build_connections(teams)
    adapter = CloudAdapter(connection_manager=connections)
    adapter.on_turn_error = on_turn_error
    loop = BackgroundLoop()

    def deliver_now() -> None:
        threading.Thread(target=deliver_due, args=(services,), name="pairbot-deliver",
                         daemon=True).start()

    app = build_application(services, connections, run_delivery=deliver_now)
    graph = None
    if settings.teams_graph_group_chats and teams.clientid:
        graph = GraphChats(services=services, connections=connections, app_id=teams.clientid,
                           run=loop.run, base_url=graph_url)
    elif settings.teams_graph_group_chats:
        logger.warning("Teams: PAIRBOT_TEAMS_GROUP_CHATS needs an app id; intros stay 1:1")
    gateway = TeamsGateway(services=services, adapter=adapter, loop=loop,
                           app_id=teams.clientid, graph=graph,
                           service_url=settings.teams_service_url)
    auth = auth_configuration(teams, allow_anonymous=settings.teams_allow_anonymous)
    router = APIRouter()

    @router.post(TEAMS_MESSAGES)
    async def messages(request: Request) -> Response:
        header = request.headers.get("Authorization")
        bad_token = bearer_refusal(header)
        if bad_token is not None:
            return refused(request.url.path, bad_token)
        try:
            identity = await _authorize_request(header, auth)
        except (KeyError, TypeError, ValueError, PyJWTError) as exc:
            # The SDK lets some malformed tokens escape as exceptions; each is a 401.
            return refused(request.url.path, Refusal(
                401, f"the token could not be validated ({type(exc).__name__})"))
        if isinstance(identity, HttpResponse):
            return JSONResponse(identity.body, status_code=identity.status_code)
        not_an_activity = await activity_refusal(request, identity)
        if not_an_activity is not None:
            return not_an_activity
        request.state.claims_identity = identity
        response = await start_agent_process(request, app, adapter)
        return response if response is not None else Response(status_code=202)

    return PlatformParts(name="teams", gateway=gateway, router=router, stop=loop.stop)
