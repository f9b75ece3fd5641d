"""pairbot's Slack URLs on the one web app: events, install, OAuth redirect."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def build_router(app: App) -> APIRouter:
    """`POST /slack/events` (events, commands, interactivity); with OAuth, the install pages.

    Bolt is synchronous and waits up to three seconds for a listener's ack, so each
    request is dispatched on a worker thread, never on the event loop.
    """
    router = APIRouter()

    @router.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

    flow = app.oauth_flow
    if flow is not None:
        @router.get(INSTALL_PATH, include_in_schema=False)
        async def slack_install(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            response = await run_in_threadpool(flow.handle_installation, bolt_request)
            return to_starlette_response(response)

        @router.get(REDIRECT_PATH, include_in_schema=False)
        async def slack_oauth_redirect(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            response = await run_in_threadpool(flow.handle_callback, bolt_request)
            return to_starlette_response(response)

    return router
