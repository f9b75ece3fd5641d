"""The one ASGI app: health, metrics, and the platforms' endpoints."""

from __future__ import annotations

import hmac
import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy import Engine, text

from bot.observability import logs
from bot.observability.metrics import CONTENT_TYPE, Metrics
from bot.services.foreground import Foreground
from bot.store import migrate
from bot.web.guard import RequestGuard
from bot.web.public import public_router

logger = logging.getLogger(__name__)
METRICS_CLOSED = ("/metrics is closed while the console is on: set PAIRBOT_METRICS_TOKEN "
                  "(and send it as a Bearer token), or PAIRBOT_METRICS_PUBLIC=true.\n")
HSTS = (b"strict-transport-security", b"max-age=31536000")
# Any other method name is counted as OTHER, so that made-up methods cannot add series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def create_app(
    *,
    engine: Engine,
    metrics: Metrics | None = None,
    metrics_token: str | None = None,
    metrics_closed: bool = False,
    routers: list[Any] | None = None,
    https: bool = False,
    foreground: Foreground | None = None,
) -> FastAPI:
    """Build the ASGI app; platform routers are added by the composition root.

    `metrics_closed`: /metrics answers no one (the console is on and no token is set);
    `https`: the public URL is https, so every answer carries Strict-Transport-Security;
    `foreground`: counts the requests in flight (the scheduler's sender waits for none)."""
    app = FastAPI(title="pairbot", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(RequestGuard)
    app.add_middleware(Observed, metrics=metrics, hsts=https)
    if foreground is not None:
        app.add_middleware(InFlight, foreground=foreground)  # outermost: the whole request

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:  # any driver error means "not ready"
            logger.warning("readyz: database unreachable: %s", exc)
            return JSONResponse(
                {"status": "unavailable", "database": "unreachable"}, status_code=503
            )
        if not migrate.at_head(engine):
            return JSONResponse(
                {"status": "unavailable", "database": "not migrated to head"}, status_code=503
            )
        return JSONResponse({"status": "ok", "database": "ok", "migrations": "head"})

    @app.get("/metrics")
    def metrics_endpoint(request: Request) -> Response:
        if metrics_closed:
            return PlainTextResponse(METRICS_CLOSED, status_code=401,
                                     headers={"WWW-Authenticate": "Bearer"})
        if metrics_token and not _bearer_is(request, metrics_token):
            return PlainTextResponse("A valid Authorization: Bearer token is required.\n",
                                     status_code=401,
                                     headers={"WWW-Authenticate": "Bearer"})
        body = metrics.render() if metrics else b""
        return Response(body, media_type=CONTENT_TYPE)

    app.include_router(public_router())
    for router in routers or []:
        app.include_router(router)
    return app


def _bearer_is(request: Request, token: str) -> bool:
    scheme, _, offered = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(offered.strip().encode(),
                                                              token.encode())


class InFlight:
    """ASGI middleware: each HTTP request counted in `foreground` from its arrival until
    its answer has been sent (bot/services/foreground.py)."""

    def __init__(self, app: Any, foreground: Foreground) -> None:
        self.app = app
        self.foreground = foreground

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.foreground.enter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.foreground.leave()


class Observed:
    """ASGI middleware: a request id for the logs, and the request counted and timed by
    route template (never by raw path, which would make a series per id)."""

    def __init__(self, app: Any, metrics: Metrics | None = None, hsts: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.hsts = hsts

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered = next((v.decode("latin-1") for k, v in scope.get("headers", [])
                        if k == b"x-request-id"), None)
        rid = logs.new_request_id(offered)
        token = logs.request_id.set(rid)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []),
                                      (b"x-request-id", rid.encode()),
                                      *([HSTS] if self.hsts else [])]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logs.request_id.reset(token)
            if self.metrics is not None:
                # Route templates only (a bounded set), never the raw path.
                route = getattr(scope.get("route"), "path", None) or "unmatched"
                method = scope.get("method", "GET")
                method = method if method in METHODS else "OTHER"
                self.metrics.http_requests.labels(method, route, str(status)).inc()
                self.metrics.http_latency.labels(method, route).observe(
                    time.perf_counter() - started)
