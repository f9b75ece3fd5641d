"""The organiser console at /admin: sign-in (token, Slack, Microsoft), pages, JSON, CSV."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from bot.config import Settings, TeamsConnection
from bot.core import i18n
from bot.services.console import access
from bot.services.console.access import NotFound
from bot.services.context import Services
from bot.web.console.api import add_api
from bot.web.console.language import add_language
from bot.web.console.managers import add_managers
from bot.web.console.pages import add_pages
from bot.web.console.people import add_people
from bot.web.console.session import Sessions, Throttle
from bot.web.console.signin import MicrosoftSignIn, SlackSignIn, add_microsoft, add_slack
from bot.web.console.web import NO_PAGE, Console, OidcConfig, route_class
from bot.web.console.wording import add_wording

logger = logging.getLogger("pairbot")
ENTRA = "https://login.microsoftonline.com"
CONSOLE_OFF = ("The organiser console is off: set PAIRBOT_ADMIN_TOKEN (or PAIRBOT_PUBLIC_URL "
               "for Sign in with Slack or Microsoft) and PAIRBOT_SECRET_KEY, then restart "
               "pairbot serve.")


def console_off_router() -> APIRouter:
    """What /admin answers while the console is off: one sentence saying how to turn it on,
    instead of a bare 404."""
    router = APIRouter()

    @router.get("/admin", include_in_schema=False)
    @router.get("/admin/{rest:path}", include_in_schema=False)
    def off() -> PlainTextResponse:
        return PlainTextResponse(CONSOLE_OFF, status_code=503)

    return router


def _slack_standing(is_admin: Callable[[str, str], bool]
                    ) -> Callable[[access.Viewer], access.Viewer | None]:
    """A Slack viewer's admin standing, read again from Slack (users.info)."""

    def standing(viewer: access.Viewer) -> access.Viewer | None:
        if viewer.kind != "slack":
            return viewer
        try:
            admin = is_admin(viewer.workspace, viewer.user_id)
        except Exception as exc:  # Slack unreachable: keep what we knew, check again later
            logger.warning("console: could not re-check a Slack admin's standing: %s", exc)
            return viewer
        return replace(viewer, platform_admin=admin)

    return standing


def console_router(services: Services, settings: Settings, teams: TeamsConnection | None, *,
                   slack_admin: Callable[[str, str], bool] | None = None,
                   throttle: Throttle | None = None,
                   clock: Callable[[], dt.datetime] | None = None) -> APIRouter | None:
    """The console's routes, or None when it is off (no token and no public URL).

    `slack_admin(team, user)` tells whether a Slack user is a workspace admin or owner;
    `clock` times console sessions (the wall clock unless a test gives one).
    """
    if not settings.console_enabled:
        logger.info("console: off; set PAIRBOT_ADMIN_TOKEN (and PAIRBOT_SECRET_KEY) to use it")
        return None
    assert settings.secret_key is not None  # Settings refuses a console without one
    sessions = Sessions(settings.secret_key,
                        max_age_seconds=settings.console_session_hours * 3600,
                        public_url=settings.public_url, services=services,
                        **({"clock": clock} if clock else {}))
    console = Console(services=services, sessions=sessions, admin_token=settings.admin_token,
                      throttle=throttle or Throttle())
    if slack_admin is not None:
        console.standing = _slack_standing(slack_admin)
    router = APIRouter(prefix="/admin", route_class=route_class(console))
    base = settings.public_url
    if base and settings.slack_client_id and settings.slack_client_secret:
        add_slack(router, console, SlackSignIn(
            client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
            api_url=settings.slack_api_url, redirect_uri=f"{base}/admin/login/slack",
            is_admin=slack_admin or (lambda team, user: False)))
        console.providers.append(OidcConfig("Slack", "/admin/login/slack"))
    if base and teams is not None and teams.clientid and teams.clientsecret:
        custom = settings.microsoft_authority is not None
        authority = settings.microsoft_authority or f"{ENTRA}/{teams.tenantid or 'organizations'}"
        add_microsoft(router, console, MicrosoftSignIn(
            client_id=teams.clientid, client_secret=teams.clientsecret, authority=authority,
            custom_authority=custom, redirect_uri=f"{base}/admin/login/microsoft"))
        console.providers.append(OidcConfig("Microsoft", "/admin/login/microsoft"))
    add_managers(router, console)  # before add_pages: its participant actions take any path
    add_pages(router, console)
    add_people(router, console)
    add_wording(router, console)
    add_language(router)
    add_api(router, console)

    @router.get("/{rest:path}", include_in_schema=False)
    def unknown(rest: str) -> None:
        raise NotFound(i18n._(NO_PAGE))

    logger.info("console: on at /admin (sign-in: %s)", ", ".join(
        (["token"] if settings.admin_token else []) + [p.name for p in console.providers])
        or "none")
    return router
