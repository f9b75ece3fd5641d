"""What every console route shares: the session, the signed-in viewer, CSRF on POST,
security headers, one error page, and the templates."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass, field
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.core import i18n, wording
from bot.services import console_sessions as stored
from bot.services import rounds
from bot.services.console import access, outcomes, programme_list
from bot.services.context import Services
from bot.web.console.session import (
    COOKIE,
    SECURITY_HEADERS,
    Sessions,
    Throttle,
    csrf_ok,
    csrf_token,
)

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True,
                        lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
# Templates say `_("…")` (and `ngettext`), translated in the request's locale: the
# project's catalogue (bot/core/i18n.py), extracted by babel.cfg with the Python.
TEMPLATES.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=False)
# Words written once, in bot.services.console, for every template.
TEMPLATES.globals.update(mode_words=programme_list.mode_words, period_label=rounds.period_label,
                         reason_label=wording.reason_label, long_day=i18n.format_long_day)
TEMPLATES.globals.update(_=i18n._, ngettext=i18n.ngettext)  # words through the catalogue
PROGRAMME_PATH = re.compile(r"^/admin/programmes/(\d+)/")
NO_PAGE = i18n.N_("There is no such page in the console; start from the programmes.")
SESSION_ENDED = i18n.N_("Your console session has ended (it expired, or you were signed out), "
                        "so nothing was saved: sign in again and make the change again.")
RECHECK = dt.timedelta(minutes=5)
LANGUAGE_COOKIE = "pairbot_console_language"
# The console's languages, each named in itself.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("cy", "Cymraeg"))
CSRF_REFUSAL = i18n.N_("This form was refused because it did not carry the console's "
                       "security token; reload the page and try again.")


@dataclass
class OidcConfig:
    """A configured sign-in provider: what the login page links to."""

    name: str
    path: str


@dataclass
class Console:
    """The console's configuration and shared parts."""

    services: Services
    sessions: Sessions
    admin_token: str | None
    throttle: Throttle = field(default_factory=Throttle)
    providers: list[OidcConfig] = field(default_factory=list)
    # Re-reads a signed-in person's standing (a Slack admin demoted); None: not allowed any
    # more. Organisers are read from the programme on every request anyway.
    standing: Callable[[access.Viewer], access.Viewer | None] = lambda viewer: viewer


class ConsoleError(Exception):
    """A refusal with its HTTP status and one sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def viewer_of(request: Request) -> access.Viewer | None:
    """Who is signed in (set by the route class)."""
    viewer: access.Viewer | None = request.state.viewer
    return viewer


def require(request: Request) -> access.Viewer:
    """The signed-in viewer; 401 otherwise."""
    viewer = viewer_of(request)
    if viewer is None:
        raise ConsoleError(401, i18n._("Sign in to use the console."))
    return viewer


def form(request: Request) -> dict[str, str]:
    """The POSTed form's fields (the last value of each)."""
    data: dict[str, str] = request.state.form
    return data


def flash(request: Request, message: str, *, kind: str = "done") -> None:
    """A sentence for the next page to show (`done`, `info` or `error`)."""
    request.state.session["flash"] = {"text": message, "kind": kind}


def client_address(request: Request) -> str:
    """The address sign-in attempts are throttled by."""
    return request.client.host if request.client else "unknown"


def render(request: Request, template: str, code: int = 200, **values: Any) -> HTMLResponse:
    """A page from its template, with what every page shows."""
    session = request.state.session
    body = TEMPLATES.get_template(template).render(
        viewer=viewer_of(request), csrf=csrf_token(session), flash=session.pop("flash", None),
        request=request, page_lang=page_lang(), console_languages=LANGUAGES,
        console_language="cy" if i18n.current() == "cy" else "en",
        can_act=getattr(request.state, "can_act", True), **values)
    return HTMLResponse(body, status_code=code)


def page_lang() -> str:
    """The page's `lang` attribute for the request's locale."""
    return "cy" if i18n.current() == "cy" else "en-GB"


def console_locale(request: Request) -> str:
    """The console's language for this request: the header's choice (a cookie), else the
    first of the browser's languages the console speaks, else English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in dict(LANGUAGES):
        return chosen
    ranked = []
    for position, part in enumerate(request.headers.get("accept-language", "").split(",")):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((-weight, position, tag.strip().split("-")[0].lower()))
    for _weight, _position, language in sorted(ranked):
        if language in dict(LANGUAGES):
            return language
    return "en"


def redirect(path: str) -> RedirectResponse:
    """See other: the Post/Redirect/Get step after a form."""
    return RedirectResponse(path, status_code=303)


def as_json(value: Any) -> Any:
    """Dataclasses (and matrices) as plain JSON."""
    if isinstance(value, outcomes.Matrix):
        return {"professions": list(value.professions),
                "pairs": [{"a": a, "b": b, "count": n}
                          for (a, b), n in sorted(value.counts.items())]}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        out = {k: as_json(getattr(value, k)) for k in value.__dataclass_fields__}
        for name in ("met_rate", "answered_rate", "label", "summary_text", "change"):
            if hasattr(type(value), name) and isinstance(getattr(type(value), name), property):
                out[name] = as_json(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, float):
        # Figures are published to one decimal: more would let two of them be un-averaged.
        return round(value, 1)
    return value


def route_class(console: Console) -> type[APIRoute]:
    """An APIRoute that loads the session and the viewer, checks CSRF on POST, turns
    refusals into one sentence, adds security headers and saves the session."""

    class ConsoleRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            original = super().get_route_handler()

            async def handler(request: Request) -> Response:
                api = request.url.path.startswith("/admin/api/")
                # Sync handlers run in a copy of this context: they render in this locale.
                i18n.choose(console_locale(request))
                session = console.sessions.load(request)
                request.state.session = session
                request.state.form = {}
                request.state.files = {}
                had_cookie = bool(request.cookies.get(COOKIE))
                try:
                    await call(console.sessions.resolve, session)
                    request.state.viewer = await call(_viewer, console, request, session)
                    programme = PROGRAMME_PATH.match(request.url.path + "/")
                    # Buttons and forms are shown only to those who may act on them.
                    request.state.can_act = programme is None or (
                        request.state.viewer is not None and bool(await call(
                            access.may_act, console.services, request.state.viewer,
                            int(programme.group(1)))))
                    bearer = _bearer(request) is not None
                    if request.method == "POST":
                        raw = await request.body()
                        kind = request.headers.get("content-type", "")
                        if kind.startswith("multipart/form-data"):
                            request.state.form, request.state.files = multipart(kind, raw)
                        else:
                            request.state.form = dict(parse_qsl(
                                raw.decode("utf-8", "replace"), keep_blank_values=True))
                        if not bearer and _ended(request):
                            raise ConsoleError(401, i18n._(SESSION_ENDED))
                        if not bearer and not csrf_ok(session, request.state.form.get("csrf")):
                            raise ConsoleError(403, i18n._(CSRF_REFUSAL))
                        acting_on = PROGRAMME_PATH.match(request.url.path)
                        if acting_on and request.state.viewer is not None:
                            # A viewer sees figures and cannot act: every form is refused
                            # here in one sentence, whichever page it came from.
                            await call(access.check_access, console.services,
                                       request.state.viewer, int(acting_on.group(1)), act=True)
                    response = await original(request)
                except ConsoleError as exc:
                    response = _refusal(request, exc.status, str(exc), api)
                except access.Forbidden as exc:
                    response = _refusal(request, 403, str(exc), api)
                except access.NotFound as exc:
                    response = _refusal(request, 404, str(exc), api)
                except RequestValidationError:
                    # /admin/programmes/abc, ?preview=…: a page that does not exist, said plainly.
                    response = _refusal(request, 404, i18n._(NO_PAGE), api)
                for name, value in SECURITY_HEADERS.items():
                    response.headers.setdefault(name, value)
                session = request.state.session
                if session.get("logout"):
                    console.sessions.clear(response, request)
                elif {k: v for k, v in session.items() if k in ("sid", "csrf", "flash")}:
                    console.sessions.save(response, request, session)
                elif had_cookie:
                    console.sessions.clear(response, request)
                return response

            return handler

    return ConsoleRoute


def multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    """A multipart/form-data body (a file upload) as its text fields and its files' bytes,
    read with the standard library's MIME parser."""
    message = BytesParser(policy=default_policy).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + body)
    fields: dict[str, str] = {}
    files: dict[str, bytes] = {}
    if not message.is_multipart():
        return fields, files
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        if part.get_filename() is not None:
            files[name] = data
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields, files


def files(request: Request) -> dict[str, bytes]:
    """The POSTed form's files (multipart uploads), by field name."""
    data: dict[str, bytes] = request.state.files
    return data


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def _viewer(console: Console, request: Request, session: dict[str, Any]) -> access.Viewer | None:
    given = _bearer(request)
    if given is not None:
        keys = (f"address:{client_address(request)}", "account:operator")
        # The throttle first: while it refuses, even the right token is refused, so that
        # guessing faster than it allows gains nothing.
        wait = console.throttle.blocked(*keys)
        if wait is not None:
            raise ConsoleError(429, too_many(wait))
        if console.admin_token and hmac.compare_digest(given.encode(),
                                                       console.admin_token.encode()):
            return access.Viewer(kind="token", name="operator (token)")
        console.throttle.failed(*keys)
        raise ConsoleError(401, i18n._("That token is wrong: check PAIRBOT_ADMIN_TOKEN."))
    who = session.get("who")
    if not isinstance(who, dict):
        return None
    try:
        viewer = access.Viewer(**who)
    except TypeError:
        return None
    checked = session.get("checked_at")
    if isinstance(checked, dt.datetime) and console.sessions.now() - checked >= RECHECK:
        # A demoted admin, or an organiser taken off every programme, loses the console
        # within minutes, not at the end of the session.
        standing = console.standing(viewer)
        raw = session.get("sid")
        if standing is None:
            console.sessions.end(session)
            return None
        if isinstance(raw, str):
            stored.rechecked(console.services, raw, asdict(standing), console.sessions.now())
        return standing
    return viewer


def _ended(request: Request) -> bool:
    """A form sent with no live session (it expired, was signed out, or the operator ended
    every session): said plainly before anything else, the sign-in forms aside. Nothing
    can be saved without a session, so the CSRF check has nothing to protect."""
    return viewer_of(request) is None and request.url.path not in ("/admin/login",
                                                                   "/admin/logout")


def too_many(wait: float) -> str:
    """The throttle's sentence."""
    minutes = max(1, round(wait / 60))
    return i18n.ngettext(
        "Too many sign-in attempts from your address; wait {count} minute and try again.",
        "Too many sign-in attempts from your address; wait {count} minutes and try again.",
        minutes).format(count=minutes)


def sign_in(console: Console, request: Request, viewer: access.Viewer) -> None:
    """Start a fresh server-side session for the viewer (a new id and a new CSRF token, no
    fixation); the session the browser had ends."""
    session = request.state.session
    console.sessions.start(session, who=asdict(viewer))
    sid = session["sid"]
    session.clear()
    session.update(sid=sid, csrf=secrets.token_urlsafe(24))


def sign_in_failed(console: Console, request: Request, *accounts: str) -> None:
    """Count a failed sign-in against the address (and the accounts tried)."""
    console.throttle.failed(f"address:{client_address(request)}", *accounts)


def sign_in_blocked(console: Console, request: Request, *accounts: str) -> None:
    """Refuse (429) before anything is checked while the address or account is throttled."""
    wait = console.throttle.blocked(f"address:{client_address(request)}", *accounts)
    if wait is not None:
        raise ConsoleError(429, too_many(wait))


def _refusal(request: Request, status: int, message: str, api: bool) -> Response:
    if api:
        return JSONResponse({"error": message}, status_code=status)
    if status == 401 and request.url.path.startswith("/admin/login/"):
        return render(request, "message.html", code=401, title=i18n._("Sign-in failed"),
                      message=message, retry=True)
    if status == 401 and request.method == "GET" and not request.url.path.startswith(
            "/admin/login"):
        flash(request, message, kind="info")
        return redirect(f"/admin/login?next={request.url.path}")
    titles = {401: i18n.N_("Sign in"), 403: i18n.N_("Not allowed"), 404: i18n.N_("Not found"),
              429: i18n.N_("Too many attempts")}
    return render(request, "message.html", code=status,
                  title=i18n._(titles.get(status, i18n.N_("Something went wrong"))),
                  message=message,
                  retry=status == 401)


async def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A service call off the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)
