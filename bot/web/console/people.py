"""The console's import page: upload a staff list, preview it, confirm; the funnel of each
import. Thin handlers over bot.services.enrolment."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fastapi import APIRouter, Request, Response

from bot.core.i18n import _, ngettext
from bot.services import enrolment
from bot.services.console import access
from bot.web.console.web import Console, ConsoleError, files, flash, form, redirect, render, require

# Rows shown in the preview's "to invite" table; the rest are counted.
SHOWN = 200
NO_FILE = "Choose a CSV file to upload; nothing was imported."


def add_people(router: APIRouter, console: Console) -> None:
    """Register /admin/programmes/{id}/people/import (GET: form and funnel; POST: preview)
    and …/people/import/confirm (POST: the import)."""
    services = console.services

    def page(request: Request, programme_id: int, **values: Any) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id, act=True)
        return render(request, "people_import.html",
                      title=_("Invite people – {programme}").format(programme=name),
                      programme=name, programme_id=programme_id, tab="people",
                      funnels=enrolment.funnels(services, programme_id), **values)

    @router.get("/programmes/{programme_id}/people/import")
    def import_page(request: Request, programme_id: int) -> Response:
        return page(request, programme_id,
                    profession_map=enrolment.current_map(services, programme_id))

    @router.post("/programmes/{programme_id}/people/import")
    def preview(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        access.check_access(services, viewer, programme_id, act=True)
        data = files(request).get("file") or b""
        mapping = _map(form(request))
        if not data:
            return page(request, programme_id, error=NO_FILE, profession_map=mapping or "",
                        code=400)
        plan = enrolment.preview(services, programme_id, data, profession_map=mapping)
        return page(request, programme_id, plan=plan, shown=SHOWN,
                    profession_map=plan.profession_map,
                    upload=base64.b64encode(data).decode("ascii"),
                    code=200 if plan.ok else 400)

    @router.post("/programmes/{programme_id}/people/import/confirm")
    def confirm(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        access.check_access(services, viewer, programme_id, act=True)
        values = form(request)
        if values.get("confirm") != "yes":
            raise ConsoleError(400, "Tick the box to confirm the invitations; nothing was "
                                    "imported.")
        try:
            data = base64.b64decode(values.get("upload", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if not data:
            raise ConsoleError(400, NO_FILE)
        made = enrolment.import_people(services, programme_id, data, actor=viewer.name,
                                       profession_map=_map(values))
        if not isinstance(made, enrolment.Imported):
            return page(request, programme_id, plan=made, shown=SHOWN,
                        profession_map=made.profession_map, code=400,
                        upload=values.get("upload", ""))
        done = _("{invited} invited, {updated} updated, {skipped} not invited again. The "
                 "invitations go out at the platform's pace.").format(
            invited=made.invited, updated=made.updated, skipped=made.skipped)
        if made.managers:
            done += " " + ngettext("{count} person's line manager changed.",
                                   "{count} people's line managers changed.",
                                   made.managers).format(count=made.managers)
        flash(request, done)
        return redirect(f"/admin/programmes/{programme_id}/people/import")


def _map(values: dict[str, str]) -> str | None:
    text = values.get("profession_map", "").strip()
    return " ".join(text.split()).replace("; ", ";") if text else None
