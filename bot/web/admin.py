"""The organiser dashboard at /admin: programmes, their figures, a CSV report.

Sign-in is PAIRBOT_ADMIN_TOKEN, given as `Authorization: Bearer TOKEN` or
through the sign-in form (which sets an HttpOnly cookie). With no token
configured the dashboard refuses everyone.
"""

from __future__ import annotations

import hmac
import io
from html import escape
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Cookie, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from bot.core.hygiene import SafeCSVWriter
from bot.services.context import Services
from bot.services.stats import ProgrammeStats, programme_stats
from bot.store.models import Programme, Workspace

COOKIE = "pairbot_admin"
STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem}"
         "h2{margin-top:2rem}")


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>",
        status_code=status)


def admin_router(services: Services, token: str | None) -> APIRouter:
    """The dashboard's routes."""
    router = APIRouter(prefix="/admin")

    def signed_in(authorization: str | None, cookie: str | None) -> bool:
        if not token:
            return False
        given = cookie or ""
        if authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        return hmac.compare_digest(given.encode(), token.encode())

    def refusal(json: bool = False) -> Response:
        if not token:
            message = "The dashboard is off: set PAIRBOT_ADMIN_TOKEN to turn it on."
            if json:
                return JSONResponse({"error": message}, status_code=403)
            return _page("pairbot dashboard", f"<p>{message}</p>", 403)
        message = "Sign in with the dashboard token."
        if json:
            return JSONResponse({"error": message}, status_code=401)
        return _page("pairbot dashboard", (
            f"<p>{message}</p><form method=post action=/admin/login>"
            "<input type=password name=token aria-label=token required> "
            "<button>Sign in</button></form>"), 401)

    @router.get("", response_model=None)
    def dashboard(authorization: Annotated[str | None, Header()] = None,
                  pairbot_admin: Annotated[str | None, Cookie()] = None) -> Response:
        if not signed_in(authorization, pairbot_admin):
            return refusal()
        sections = [_section(figures, pid, platform, workspace)
                    for pid, platform, workspace, figures in _all_stats(services)]
        return _page("pairbot dashboard", "".join(sections) or "<p>No programme yet.</p>")

    @router.post("/login", response_model=None)
    async def login(request: Request) -> Response:
        # A one-field form: parsed here rather than pulling in python-multipart.
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token_field = (form.get("token") or [""])[0]
        if not token or not hmac.compare_digest(token_field.encode(), token.encode()):
            return refusal()
        response = RedirectResponse("/admin", status_code=303)
        response.set_cookie(COOKIE, token_field, httponly=True, samesite="strict")
        return response

    @router.get("/api/stats", response_model=None)
    def api_stats(authorization: Annotated[str | None, Header()] = None,
                  pairbot_admin: Annotated[str | None, Cookie()] = None) -> Response:
        if not signed_in(authorization, pairbot_admin):
            return refusal(json=True)
        return JSONResponse([
            {"id": pid, "platform": platform, "workspace": workspace,
             "programme": f.programme, "participants": f.participants, "active": f.active,
             "rounds": f.rounds, "matches": f.matches, "met_percent": f.met_percent,
             "average_learning": f.average_learning,
             "by_profession": dict(f.by_profession),
             "meetings": [{"a": a, "b": b, "count": n} for a, b, n in f.meetings],
             "shared_learnings": list(f.shared_learnings)}
            for pid, platform, workspace, f in _all_stats(services)
        ])

    @router.get("/programmes/{programme_id}/report.csv", response_model=None)
    def report(programme_id: int, request: Request,
               authorization: Annotated[str | None, Header()] = None,
               pairbot_admin: Annotated[str | None, Cookie()] = None) -> Response:
        if not signed_in(authorization, pairbot_admin):
            return refusal()
        with services.unit_of_work() as session:
            if session.get(Programme, programme_id) is None:
                return _page("Not found", "<p>No such programme.</p>", 404)
        figures = programme_stats(services, programme_id)
        out = io.StringIO()
        writer = SafeCSVWriter(out)
        writer.writerow(["section", "item", "value"])
        writer.writerow(["programme", "name", figures.programme])
        for key, value in [("participants", figures.participants),
                           ("active", figures.active), ("rounds", figures.rounds),
                           ("introductions", figures.matches),
                           ("met_percent", _fmt(figures.met_percent)),
                           ("average_learning", _fmt(figures.average_learning))]:
            writer.writerow(["totals", key, value])
        for profession, count in figures.by_profession:
            writer.writerow(["participants_by_profession", profession, count])
        for a, b, count in figures.meetings:
            writer.writerow(["meetings", f"{a} × {b}", count])
        for text in figures.shared_learnings:
            writer.writerow(["shared_learning", "", text])
        name = "".join(c if c.isalnum() else "-" for c in figures.programme).strip("-")
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="pairbot-{name or "report"}.csv"'})

    return router


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _all_stats(services: Services) -> list[tuple[int, str, str, ProgrammeStats]]:
    with services.unit_of_work() as session:
        rows = session.execute(
            select(Programme.id, Workspace.platform, Workspace.name, Workspace.external_id)
            .join(Workspace, Workspace.id == Programme.workspace_id).order_by(Programme.id)
        ).all()
    return [(pid, platform, name or external, programme_stats(services, pid))
            for pid, platform, name, external in rows]


def _section(f: ProgrammeStats, programme_id: int, platform: str, workspace: str) -> str:
    met = f"{f.met_percent:.0f}%" if f.met_percent is not None else "no answers yet"
    learning = f"{f.average_learning:.1f} / 5" if f.average_learning is not None else "–"
    professions = "".join(f"<tr><td>{escape(p)}</td><td>{n}</td></tr>"
                          for p, n in f.by_profession)
    meetings = "".join(f"<tr><td>{escape(a)} × {escape(b)}</td><td>{n}</td></tr>"
                       for a, b, n in f.meetings)
    learnings = "".join(f"<li>{escape(t)}</li>" for t in f.shared_learnings)
    return (
        f"<h2>{escape(f.programme)} <small>({escape(platform)}: {escape(workspace)})</small></h2>"
        f"<p>{f.participants} participants ({f.active} active), {f.rounds} rounds, "
        f"{f.matches} introductions. Met: {met}. Average learning: {learning}. "
        f"<a href=/admin/programmes/{programme_id}/report.csv>Export CSV</a></p>"
        f"<table><tr><th>Profession</th><th>People</th></tr>{professions}</table>"
        + (f"<h3>Professions that met</h3><table>{meetings}</table>" if meetings else "")
        + (f"<h3>What people learned (shared anonymously)</h3><ul>{learnings}</ul>"
           if learnings else "")
    )
