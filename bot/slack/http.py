"""pairbot's Slack URLs on the one web app: events, install, OAuth redirect."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from bot.web.guard import Refusal, refused, slack_problem
from bot.web.paths import SLACK_EVENTS, SLACK_INSTALL, SLACK_OAUTH_REDIRECT


def build_router(app: App, signing_secret: str | None) -> APIRouter:
    """`POST /slack/events` (events, commands, interactivity); with OAuth, the install pages.

    The signature is checked here, once per request, before anything parses the body (the
    Bolt app is built with its own check off). Bolt is synchronous and waits up to three
    seconds for a listener's ack, so each request is dispatched on a worker thread, never
    on the event loop.
    """
    router = APIRouter()

    @router.post(SLACK_EVENTS, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        try:
            slack_problem(body, request.headers, signing_secret)
        except Refusal as refusal:
            return refused(request.url.path, refusal)
        response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

    flow = app.oauth_flow
    if flow is not None:
        @router.get(SLACK_INSTALL, include_in_schema=False)
        async def slack_install(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            response = await run_in_threadpool(flow.handle_installation, bolt_request)
            return to_starlette_response(response)

        @router.get(SLACK_OAUTH_REDIRECT, include_in_schema=False)
        async def slack_oauth_redirect(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            response = await run_in_threadpool(flow.handle_callback, bolt_request)
            return to_starlette_response(response)

    return router
