"""The line-manager page of one participant: search the programme's people by name, choose
one, or clear it. Thin handlers over bot.services.console.line_managers."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from bot.core.i18n import _
from bot.services.console import access, line_managers
from bot.web.console.web import Console, flash, form, redirect, render, require

PATH = "/programmes/{programme_id}/participants/{participant_id}/manager"


def add_managers(router: APIRouter, console: Console) -> None:
    """Register GET and POST /admin/programmes/{id}/participants/{participant}/manager
    (before the participants' other actions, whose path would take it)."""
    services = console.services

    def page(request: Request, programme_id: int, participant_id: int, search: str = "",
             error: str = "", code: int = 200) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id, act=True)
        found = line_managers.manager_form(services, viewer, programme_id, participant_id,
                                           search)
        return render(request, "manager.html", code=code,
                      title=_("Line manager of {name} – {programme}").format(
                          name=found.person.name, programme=name),
                      programme=name, programme_id=programme_id, tab="participants",
                      f=found, shown=line_managers.SHOWN, error=error)

    @router.get(PATH)
    def manager_page(request: Request, programme_id: int, participant_id: int,
                     q: str = "") -> Response:
        return page(request, programme_id, participant_id, q)

    @router.post(PATH)
    def manager_save(request: Request, programme_id: int, participant_id: int) -> Response:
        viewer = require(request)
        values = form(request)
        search = values.get("q", "")
        chosen: int | None = None
        if values.get("action") != "clear":
            text = values.get("manager", "")
            if not text.isdigit() or len(text) > 18:
                return page(request, programme_id, participant_id, search, code=400,
                            error=_("Choose a person from the search results; nothing was "
                                    "changed."))
            chosen = int(text)
        try:
            done = line_managers.set_manager(services, viewer, programme_id, participant_id,
                                             chosen)
        except line_managers.Refused as exc:
            return page(request, programme_id, participant_id, search, error=str(exc),
                        code=400)
        flash(request, done)
        return redirect(f"/admin/programmes/{programme_id}/participants/{participant_id}"
                        "/manager")
