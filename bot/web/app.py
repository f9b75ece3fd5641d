"""The one ASGI app: health, metrics, and the platforms' endpoints."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import Engine, text

from bot.store import migrate
from bot.web.guard import RequestGuard

logger = logging.getLogger(__name__)


def create_app(
    *,
    engine: Engine,
    metrics: Callable[[], str] | None = None,
    routers: list[Any] | None = None,
    slack_signing_secret: str | None = None,
) -> FastAPI:
    """Build the ASGI app; platform routers are added by the composition root."""
    app = FastAPI(title="pairbot", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(RequestGuard, slack_signing_secret=slack_signing_secret)

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
    def metrics_endpoint() -> PlainTextResponse:
        body = metrics() if metrics else ""
        return PlainTextResponse(body, media_type="text/plain; version=0.0.4")

    for router in routers or []:
        app.include_router(router)
    return app
