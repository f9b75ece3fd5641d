"""The console's figures as JSON under /admin/api/ (documented in docs/console.md)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from bot.services.console import audit_log, commands, outcomes, programme_list, roster, round_log
from bot.web.console.web import Console, as_json, require


def add_api(router: APIRouter, console: Console) -> None:
    """Register the JSON endpoints; each needs a session or `Authorization: Bearer`."""
    services = console.services

    @router.get("/api/programmes")
    def programmes(request: Request) -> JSONResponse:
        return JSONResponse(as_json(programme_list.programmes_for(services, require(request))))

    @router.get("/api/programmes/{programme_id}")
    def overview(request: Request, programme_id: int) -> JSONResponse:
        return JSONResponse(as_json(outcomes.overview(services, require(request), programme_id)))

    @router.get("/api/programmes/{programme_id}/participants")
    def participants(request: Request, programme_id: int, q: str = "", profession: str = "",
                     side: str = "", status: str = "") -> JSONResponse:
        return JSONResponse(as_json(roster.participants_of(
            services, require(request), programme_id, search=q, profession=profession,
            side=side, status=status)))

    @router.get("/api/programmes/{programme_id}/rounds")
    def rounds(request: Request, programme_id: int,
               shown: str = Query("", alias="round")) -> JSONResponse:
        # Every round with all its groups, as always; ?round=ID: that round's groups only,
        # the first 300, as the page shows them (a programme of 100,000 people has 50,000
        # groups a round; the matches export streams them all).
        show = int(shown) if shown.isdigit() else None
        return JSONResponse(as_json(round_log.rounds_of(services, require(request), programme_id,
                                                        show=show, every=show is None)))

    @router.get("/api/programmes/{programme_id}/rounds/preview")
    def preview(request: Request, programme_id: int) -> JSONResponse:
        return JSONResponse(as_json(commands.preview(services, require(request), programme_id)))

    @router.get("/api/programmes/{programme_id}/settings")
    def settings(request: Request, programme_id: int) -> JSONResponse:
        return JSONResponse(commands.settings_text(services, require(request), programme_id))

    @router.get("/api/programmes/{programme_id}/audit")
    def audit(request: Request, programme_id: int) -> JSONResponse:
        return JSONResponse(as_json(audit_log.audit_of(services, require(request), programme_id)))
