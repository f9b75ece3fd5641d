"""The console's pages and exports: thin handlers that call bot.services.console."""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse, StreamingResponse

from bot.core import i18n
from bot.core import settings as table
from bot.core.i18n import N_, _
from bot.services import (
    agreements,
    console_sessions,
)
from bot.services.console import (
    access,
    all_programmes,
    audit_log,
    bank_holidays,
    board_report,
    commands,
    csv_exports,
    group_actions,
    needs_attention,
    outcome_splits,
    outcomes,
    programme_list,
    roles,
    roster,
    round_log,
)
from bot.services.programme_settings import ProgrammeSettings, SettingsError, settings_as_text
from bot.web.console import charts
from bot.web.console.exports import attachment, csv_chunks
from bot.web.console.web import (
    HERE,
    TEMPLATES,
    Console,
    ConsoleError,
    flash,
    form,
    page_lang,
    redirect,
    render,
    require,
    sign_in,
    sign_in_blocked,
    sign_in_failed,
    viewer_of,
)

STATIC = {"console.css": "text/css", "console.js": "text/javascript"}
EXPORTS = ("matches", "participants", "learnings", "evaluation", "research")
# The settings the console's forms offer, in the order they show them.
FORM = table.for_form(table.Surface.CONSOLE)


def _day(text: str, name: str) -> dt.date | None:
    """A `from`/`to` query value as a date; one sentence when it is not one."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = (_("The start date must be written YYYY-MM-DD, such as 2026-09-01.")
                   if name == "from" else
                   _("The end date must be written YYYY-MM-DD, such as 2026-09-01."))
        raise ConsoleError(400, message) from None


def _confirmed(request: Request, refusal: str) -> None:
    """Refuse, in one sentence (marked with N_, translated here), a destructive form whose
    confirmation box is not ticked."""
    if form(request).get("confirm") != "yes":
        raise ConsoleError(400, _(refusal))


def _safe_next(target: str | None) -> str:
    # Only our own pages: never an absolute or protocol-relative URL (open redirect).
    if target and target.startswith("/admin") and not target.startswith("//"):
        return target
    return "/admin/programmes"


def add_pages(router: APIRouter, console: Console) -> None:
    """Register the HTML pages and CSV exports."""
    services = console.services

    @router.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise access.NotFound(_("There is no such file."))
        return FileResponse(HERE / "static" / name, media_type=STATIC[name],
                            headers={"Cache-Control": "public, max-age=3600"})

    @router.get("")
    def home(request: Request, start: str = Query("", alias="from"),
             end: str = Query("", alias="to")) -> Response:
        viewer = require(request)
        glance = all_programmes.at_a_glance(services, viewer, _day(start, "from"), _day(end, "to"))
        return render(request, "glance.html", title=_("All programmes at a glance"), g=glance)

    @router.get("/login")
    def login_page(request: Request, next: str = "") -> Response:
        if viewer_of(request) is not None:
            return redirect(_safe_next(next))
        return render(request, "login.html", title=_("Sign in"), next=_safe_next(next),
                      providers=console.providers, token_on=bool(console.admin_token))

    @router.post("/login")
    def login(request: Request) -> Response:
        sign_in_blocked(console, request, "account:operator")
        given = form(request).get("token", "")
        target = _safe_next(form(request).get("next"))
        if not console.admin_token:
            message = _("Token sign-in is off: the operator has not set PAIRBOT_ADMIN_TOKEN.")
        elif not hmac.compare_digest(given.encode(), console.admin_token.encode()):
            message = _("That token is wrong: check PAIRBOT_ADMIN_TOKEN and try again.")
        else:
            sign_in(console, request, access.Viewer(kind="token", name="operator (token)"))
            return redirect(target)
        sign_in_failed(console, request, "account:operator")
        return render(request, "login.html", code=401, title=_("Sign in"), next=target,
                      providers=console.providers, token_on=bool(console.admin_token),
                      error=message)

    @router.get("/logout")
    def logout_page(request: Request) -> Response:
        return render(request, "logout.html", title=_("Sign out"))

    @router.post("/logout")
    def logout(request: Request) -> Response:
        console.sessions.end(request.state.session)
        request.state.session.clear()
        request.state.session["logout"] = True
        return redirect("/admin/login?signed_out=1")

    @router.post("/sessions/end")
    def end_sessions(request: Request) -> Response:
        viewer = require(request)
        if not viewer.everything:
            raise access.Forbidden(_("Only the operator can sign everyone out of the console."))
        ended = console_sessions.end_all(services)
        request.state.session.clear()
        request.state.session["logout"] = True
        return render(request, "message.html", title=_("Everyone is signed out"),
                      message=i18n.ngettext(
                          "{count} console session ended, yours included; everyone signs in "
                          "again.",
                          "{count} console sessions ended, yours included; everyone signs in "
                          "again.", ended).format(count=ended), retry=True)

    @router.get("/programmes")
    def programmes(request: Request) -> Response:
        viewer = require(request)
        rows = programme_list.programmes_for(services, viewer)
        return render(request, "programmes.html", title=_("Programmes"), programmes=rows,
                      can_create=bool(access.workspaces_for(services, viewer)))

    @router.get("/programmes/new")
    def new_programme(request: Request) -> Response:
        viewer = require(request)
        return _settings_form(request, access.workspaces_for(services, viewer), _defaults(), None,
                              title=_("New programme"))

    @router.post("/programmes")
    def create(request: Request) -> Response:
        viewer = require(request)
        values = form(request)
        workspaces = access.workspaces_for(services, viewer)
        try:
            workspace_id = int(values.get("workspace", "0"))
        except ValueError:
            workspace_id = 0
        try:
            new_id = commands.create_programme(services, viewer, workspace_id, _settings(values))
        except SettingsError as exc:
            return _settings_form(request, workspaces, values, exc, title=_("New programme"),
                                  status=400)
        flash(request, _("{programme} is created.").format(
            programme=values.get("name", "").strip()))
        return redirect(f"/admin/programmes/{new_id}")

    @router.post("/programmes/{programme_id}/pause")
    def pause(request: Request, programme_id: int) -> Response:
        flash(request, commands.set_active(services, require(request), programme_id, False))
        return redirect("/admin/programmes")

    @router.post("/programmes/{programme_id}/archive")
    def archive(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        _confirmed(request, N_("Tick the box to confirm the archiving; nothing was changed."))
        flash(request, commands.archive(services, viewer, programme_id))
        return redirect("/admin/programmes")

    @router.post("/programmes/{programme_id}/duplicate")
    def duplicate(request: Request, programme_id: int) -> Response:
        new_id = commands.duplicate(services, require(request), programme_id)
        flash(request, _("A copy with the same settings and no participants is ready; check "
                         "its name and settings."))
        return redirect(f"/admin/programmes/{new_id}/settings")

    @router.post("/programmes/{programme_id}/resume")
    def resume(request: Request, programme_id: int) -> Response:
        flash(request, commands.set_active(services, require(request), programme_id, True))
        return redirect("/admin/programmes")

    @router.get("/programmes/{programme_id}")
    def overview(request: Request, programme_id: int) -> Response:
        figures = outcomes.overview(services, require(request), programme_id,
                                    learnings=outcomes.LEARNINGS_SHOWN)
        return render(request, "overview.html", title=figures.name, programme_id=programme_id,
                      tab="overview", o=figures, met_definition=outcomes.MET_RATE_DEFINITION,
                      agreed=agreements.programme_counts(services, programme_id),
                      **overview_charts(figures))

    def report_html(request: Request, programme_id: int, start: str, end: str,
                    pdf: bool) -> tuple[board_report.Report, str]:
        viewer = require(request)
        found = board_report.report(services, viewer, programme_id, start=_day(start, "from"),
                             end=_day(end, "to"))
        charts_of = overview_charts(found.figures)
        if pdf:
            css = (HERE / "static" / "console.css").read_text(encoding="utf-8")
            return found, TEMPLATES.get_template("report.html").render(
                r=found, o=found.figures, pdf=True, inline_css=css, page_lang=page_lang(),
                met_definition=outcomes.MET_RATE_DEFINITION, **charts_of)
        return found, ""

    @router.get("/programmes/{programme_id}/report")
    def report(request: Request, programme_id: int, start: str = Query("", alias="from"),
               end: str = Query("", alias="to")) -> Response:
        found, _page = report_html(request, programme_id, start, end, pdf=False)
        return render(request, "report.html",
                      title=_("Report – {programme}").format(programme=found.figures.name),
                      r=found, o=found.figures, pdf=False, start=start, end=end,
                      met_definition=outcomes.MET_RATE_DEFINITION,
                      **overview_charts(found.figures))

    @router.get("/programmes/{programme_id}/report.pdf")
    def report_pdf(request: Request, programme_id: int, start: str = Query("", alias="from"),
                   end: str = Query("", alias="to")) -> Response:
        import weasyprint  # only here: it loads Pango, which nothing else needs

        found, page = report_html(request, programme_id, start, end, pdf=True)
        name = "".join(c if c.isalnum() else "-" for c in found.figures.name).strip("-")
        return Response(weasyprint.HTML(string=page).write_pdf(), media_type="application/pdf",
                        headers={"Content-Disposition":
                                 f'attachment; filename="{name or "programme"}-report.pdf"'})

    @router.get("/programmes/{programme_id}/attention")
    def attention(request: Request, programme_id: int, kind: str = "",
                  page: int = 1) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id)
        return render(request, "attention.html",
                      title=_("Needs attention – {programme}").format(programme=name),
                      programme=name, programme_id=programme_id, tab="attention",
                      a=needs_attention.attention(services, viewer, programme_id,
                                                  kind=kind or None, page=page))

    @router.get("/programmes/{programme_id}/participants")
    def participants(request: Request, programme_id: int, q: str = "", profession: str = "",
                     side: str = "", status: str = "", page: int = 1) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id)
        found = roster.participants_page(services, viewer, programme_id, search=q,
                                        profession=profession, side=side, status=status,
                                        page=page)
        return render(request, "participants.html",
                      title=_("Participants – {programme}").format(programme=name),
                      programme=name, programme_id=programme_id, tab="participants",
                      rows=found.rows, found=found, total=found.total, q=q,
                      profession=profession, side=side, status=status,
                      professions=found.professions,
                      sides=roster.side_names(services, viewer, programme_id),
                      statuses=roster.STATUS_LABELS)

    @router.post("/programmes/{programme_id}/participants/{participant_id}/{action}")
    def act(request: Request, programme_id: int, participant_id: int, action: str) -> Response:
        viewer = require(request)
        values = form(request)
        until = None
        if action == "pause" and values.get("until"):
            try:
                until = dt.date.fromisoformat(values["until"])
            except ValueError:
                raise ConsoleError(400, _("Give the pause's end as a date, e.g. 2027-01-31.")
                                   ) from None
        if action == "remove" and values.get("confirm") != "yes":
            raise ConsoleError(400, _("Tick the box to confirm the removal; nothing was "
                                      "changed."))
        flash(request, commands.act_on_participant(services, viewer, programme_id, participant_id,
                                                action, until))
        return redirect(f"/admin/programmes/{programme_id}/participants")

    @router.get("/programmes/{programme_id}/rounds")
    def rounds_page(request: Request, programme_id: int, preview: str = "",
                    shown: str = Query("", alias="round")) -> Response:
        viewer = require(request)
        show = int(shown) if shown.isdigit() else None
        name = access.check_access(services, viewer, programme_id)
        plan = commands.preview(services, viewer, programme_id) if preview else None
        return render(request, "rounds.html",
                      title=_("Rounds – {programme}").format(programme=name), programme=name,
                      programme_id=programme_id, tab="rounds", plan=plan,
                      now=round_log.this_period(services, viewer, programme_id),
                      rounds=round_log.rounds_of(services, viewer, programme_id, show=show),
                      joiners=group_actions.late_joiners(services, viewer, programme_id),
                      holiday_warning=bank_holidays.warning(
                          bank_holidays.holiday_rounds(services, viewer, programme_id)),
                      groups_shown=round_log.GROUPS_SHOWN)

    @router.post("/programmes/{programme_id}/rounds/run")
    def run(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        _confirmed(request, N_("Tick the box to confirm that the round should run now; nothing "
                               "was sent."))
        flash(request, commands.run_now(services, viewer, programme_id))
        return redirect(f"/admin/programmes/{programme_id}/rounds")

    @router.post("/programmes/{programme_id}/rounds/{round_id}/cancel")
    def cancel(request: Request, programme_id: int, round_id: int) -> Response:
        viewer = require(request)
        _confirmed(request, N_("Tick the box to confirm that the round should be cancelled; "
                               "nothing was changed."))
        flash(request, commands.cancel_round(services, viewer, programme_id, round_id))
        return redirect(f"/admin/programmes/{programme_id}/rounds")

    @router.post("/programmes/{programme_id}/groups/{match_id}/rematch/{participant_id}")
    def rematch(request: Request, programme_id: int, match_id: int,
                participant_id: int) -> Response:
        viewer = require(request)
        _confirmed(request, N_("Tick the box to confirm that this person should be re-matched; "
                               "nothing was changed."))
        flash(request, group_actions.rematch_member(services, viewer, programme_id, match_id,
                                                    participant_id))
        return redirect(f"/admin/programmes/{programme_id}/rounds")

    @router.post("/programmes/{programme_id}/groups/{match_id}/end")
    def end_group(request: Request, programme_id: int, match_id: int) -> Response:
        viewer = require(request)
        _confirmed(request, N_("Tick the box to confirm that this partnership should end early; "
                               "nothing was changed."))
        flash(request, group_actions.end_term_group(services, viewer, programme_id, match_id))
        return redirect(f"/admin/programmes/{programme_id}/rounds")

    @router.post("/programmes/{programme_id}/groups/join")
    def join_group(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        values = form(request)
        person, group = values.get("person", ""), values.get("group", "")
        if not person.isdigit() or not group.isdigit():
            raise ConsoleError(400, _("Choose a person and a group; nothing was changed."))
        _confirmed(request, N_("Tick the box to confirm that this person should join the group; "
                               "nothing was changed."))
        flash(request, group_actions.add_late_joiner(services, viewer, programme_id,
                                                     int(person), int(group)))
        return redirect(f"/admin/programmes/{programme_id}/rounds")

    @router.get("/programmes/{programme_id}/settings")
    def settings_page(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        values = commands.settings_text(services, viewer, programme_id)
        return _settings_form(request, [], values, None,
                              title=_("Settings – {programme}").format(programme=values["name"]),
                              programme_id=programme_id, holiday_warning=bank_holidays.warning(
                                  bank_holidays.holiday_rounds(services, viewer, programme_id)))

    @router.post("/programmes/{programme_id}/settings")
    def save_settings(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        values = form(request)
        try:
            commands.update_settings(services, viewer, programme_id, _settings(values))
        except SettingsError as exc:
            current = commands.settings_text(services, viewer, programme_id)
            return _settings_form(request, [], values, exc, status=400,
                                  title=_("Settings – {programme}").format(
                                      programme=current["name"]),
                                  programme_id=programme_id)
        flash(request, _("Settings saved."))
        return redirect(f"/admin/programmes/{programme_id}/settings")

    @router.get("/programmes/{programme_id}/outcomes")
    def outcomes_page(request: Request, programme_id: int) -> Response:
        found = outcome_splits.splits_of(services, require(request), programme_id)
        everyone = [row.cells[0] for row in found.overall.rows]
        shown = [(row.label, c) for row, c in zip(found.overall.rows, everyone, strict=True)
                 if c.shown]
        chart = charts.bar_chart(
            "spread-chart", i18n._("How people rated themselves after, against before, per "
                                   "question (per cent of people)"),
            [label for label, _ in shown],
            [charts.Series(i18n._("Lower"), [c.lower or 0 for _, c in shown]),
             charts.Series(i18n._("The same"), [c.same or 0 for _, c in shown]),
             charts.Series(i18n._("Higher"), [c.higher or 0 for _, c in shown])],
            maximum=100, unit="%")
        return render(request, "outcomes.html",
                      title=_("Outcomes – {programme}").format(programme=found.programme),
                      programme=found.programme, programme_id=programme_id, tab="outcomes",
                      found=found, chart=chart)

    @router.get("/programmes/{programme_id}/access")
    def access_page(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        found = roles.roles_of(services, viewer, programme_id)
        return render(request, "access.html",
                      title=_("Organisers and viewers – {programme}").format(
                          programme=found.programme),
                      programme=found.programme, programme_id=programme_id, tab="access",
                      roles=found)

    @router.post("/programmes/{programme_id}/access")
    def grant_access(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        values = form(request)
        person = values.get("person", "")
        if not person.isdigit():
            raise ConsoleError(400, _("Choose a person from the list; nothing was changed."))
        flash(request, roles.grant(services, viewer, programme_id, int(person),
                                   values.get("role", "")))
        return redirect(f"/admin/programmes/{programme_id}/access")

    @router.post("/programmes/{programme_id}/access/remove")
    def revoke_access(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        flash(request, roles.revoke(services, viewer, programme_id, form(request).get("user", "")))
        return redirect(f"/admin/programmes/{programme_id}/access")

    @router.get("/programmes/{programme_id}/audit")
    def audit(request: Request, programme_id: int) -> Response:
        viewer = require(request)
        name = access.check_access(services, viewer, programme_id)
        return render(request, "audit.html", title=_("Audit log – {programme}").format(
            programme=name), programme=name,
                      programme_id=programme_id, tab="audit",
                      entries=audit_log.audit_of(services, viewer, programme_id))

    @router.get("/programmes/{programme_id}/export/{kind}.csv")
    def export(request: Request, programme_id: int, kind: str) -> Response:
        viewer = require(request)
        if kind not in EXPORTS:
            raise access.NotFound(_("There is no '{kind}' export; there are {kinds}.").format(
                kind=kind, kinds=", ".join(EXPORTS)))
        name = access.check_access(services, viewer, programme_id)
        rows = csv_exports.export_stream(services, viewer, programme_id, kind)
        # Streamed: the first rows leave while later ones are still being read.
        return StreamingResponse(csv_chunks(rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition":
                                          attachment(f"{name}-{kind}.csv")})


def _defaults() -> dict[str, str]:
    # Professions start empty: the sides' in two-sided mode, the usual list in cross mode.
    return {**settings_as_text(ProgrammeSettings(name="")), "professions": ""}


def _settings(values: dict[str, str]) -> dict[str, str]:
    """The form's settings fields for the shared parser (blank lists keep the defaults)."""
    out = {s.key: values[s.key] for s in FORM if s.key in values}
    if out.get("mode") == "two-sided" and not out.get("professions", "").strip():
        out["professions"] = "; ".join(
            v for v in (out.get("side_a_professions", ""), out.get("side_b_professions", "")) if v)
    if not out.get("professions", "").strip():
        out.pop("professions", None)
    return out


def _settings_form(request: Request, workspaces: list[access.WorkspaceChoice],
                   values: dict[str, str], error: SettingsError | None, *, title: str,
                   programme_id: int | None = None, status: int = 200,
                   holiday_warning: str = "") -> Response:
    """The create or settings form: every setting the table offers the console, under its
    section, each error beside its field and all of them in the summary."""
    return render(request, "settings.html", code=status, title=title, values=values,
                  workspaces=workspaces, errors=error.errors if error else {},
                  programme_id=programme_id, tab="settings", programme=values.get("name", ""),
                  sections=table.sections(table.Surface.CONSOLE),
                  offered={s.key for s in FORM}, first_key=FORM[0].key,
                  labels={s.key: s.title for s in FORM}, people_typed=table.PEOPLE_TYPED,
                  holiday_warning=holiday_warning)


def overview_charts(o: outcomes.Overview) -> dict[str, Any]:
    """The overview's three charts (answers only of rounds with 5 people or more)."""
    shown = [r for r in o.rounds if r.shown]
    labels = [r.label for r in shown]
    scored = [r for r in o.rounds if r.learning_shown is not None]
    return {
        "people_chart": charts.bar_chart(
            "people-chart", _("People taking part in each round, and now"),
            [label for label, _n in o.participants_over_time],
            [charts.Series(_("People"), [n for _label, n in o.participants_over_time])]),
        "met_chart": charts.bar_chart(
            "met-chart", _("Groups per round by their check-in answer"), labels,
            [charts.Series(_("Met"), [r.met for r in shown]),
             charts.Series(_("Scheduled"), [r.scheduled for r in shown]),
             charts.Series(_("Not happening"), [r.not_happening for r in shown]),
             charts.Series(_("No answer"), [r.no_answer for r in shown])]),
        "learning_chart": charts.bar_chart(
            "learning-chart", _("Average learning score per round (1 to 5)"),
            [r.label for r in scored],
            [charts.Series(_("Learning score"), [r.learning_shown or 0 for r in scored])],
            maximum=5),
    }
