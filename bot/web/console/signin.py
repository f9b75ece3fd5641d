"""Sign in with Slack (OpenID Connect) and with Microsoft (Entra ID, auth-code + PKCE).

Each provider redirects back to its own path (`/admin/login/slack`, `/admin/login/microsoft`)
under PAIRBOT_PUBLIC_URL; the same path starts the sign-in and, given `code`, finishes it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from bot.services.console import access
from bot.web.console.web import (
    Console,
    ConsoleError,
    sign_in,
    sign_in_blocked,
    sign_in_failed,
)

logger = logging.getLogger(__name__)
FAILED = "Signing in with {provider} did not work ({reason}); try again."


@dataclass(frozen=True)
class SlackSignIn:
    """Slack's OpenID Connect app credentials."""

    client_id: str
    client_secret: str
    api_url: str
    redirect_uri: str
    # users.info through the workspace's bot token: is the person an admin or owner?
    is_admin: Callable[[str, str], bool]

    @property
    def authorize_url(self) -> str:
        """Slack's authorize page beside its Web API (slack.com, slack-gov.com, a fake)."""
        return self.api_url.removesuffix("/").removesuffix("/api") + "/openid/connect/authorize"


@dataclass(frozen=True)
class MicrosoftSignIn:
    """The Entra app registration of the Teams bot, and where to sign in."""

    client_id: str
    client_secret: str
    authority: str
    custom_authority: bool
    redirect_uri: str


def _remember(console: Console, request: Request, pending: dict[str, Any]) -> None:
    """Keep a sign-in in progress (state, nonce, PKCE verifier) server-side; the browser
    holds only the session's random id."""
    sign_in_blocked(console, request)
    if not console.sessions.start(request.state.session, pending=pending):
        raise ConsoleError(503, "Too many sign-ins are in progress; try again in a few "
                                "minutes.")


def _start(console: Console, request: Request) -> tuple[str, str]:
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    _remember(console, request, {"state": state, "nonce": nonce,
                                 "next": request.query_params.get("next", "")})
    return state, nonce


def _pending(console: Console, request: Request, provider: str) -> dict[str, Any]:
    sign_in_blocked(console, request)
    pending = request.state.session.get("oidc")
    # One use only: whatever happens next, this sign-in in progress is over.
    console.sessions.end(request.state.session)
    if request.query_params.get("error"):
        sign_in_failed(console, request)
        raise ConsoleError(401, FAILED.format(provider=provider,
                                              reason=request.query_params["error"][:80]))
    if not isinstance(pending, dict) or not secrets.compare_digest(
            str(pending.get("state", "")), request.query_params.get("state", "")):
        sign_in_failed(console, request)
        raise ConsoleError(401, FAILED.format(provider=provider,
                                              reason="the sign-in expired or came from "
                                                     "another browser"))
    return pending


def _finish(console: Console, request: Request, viewer: access.Viewer,
            pending: dict[str, Any]) -> Response:
    sign_in(console, request, viewer)
    target = str(pending.get("next") or "")
    if not target.startswith("/admin") or target.startswith("//"):
        target = "/admin/programmes"
    return RedirectResponse(target, status_code=303)


def add_slack(router: APIRouter, console: Console, slack: SlackSignIn) -> None:
    """GET /admin/login/slack: to Slack and back."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError
    from slack_sdk.oauth import OpenIDConnectAuthorizeUrlGenerator

    generator = OpenIDConnectAuthorizeUrlGenerator(
        client_id=slack.client_id, redirect_uri=slack.redirect_uri,
        scopes=["openid", "profile", "email"], authorization_url=slack.authorize_url)

    @router.get("/login/slack")
    def slack_login(request: Request) -> Response:
        if "code" not in request.query_params and "error" not in request.query_params:
            state, nonce = _start(console, request)
            return RedirectResponse(generator.generate(state=state, nonce=nonce),
                                    status_code=303)
        pending = _pending(console, request, "Slack")
        try:
            token = WebClient(base_url=slack.api_url).openid_connect_token(
                client_id=slack.client_id, client_secret=slack.client_secret,
                code=request.query_params["code"], redirect_uri=slack.redirect_uri)
            claims = jwt.decode(str(token["id_token"]), options={"verify_signature": False})
            if claims.get("nonce") != pending.get("nonce"):
                raise ConsoleError(401, FAILED.format(provider="Slack",
                                                      reason="the sign-in did not match"))
            info = WebClient(base_url=slack.api_url,
                             token=str(token["access_token"])).openid_connect_userInfo()
        except SlackApiError as exc:
            raise ConsoleError(401, FAILED.format(
                provider="Slack", reason=str(exc.response.get("error")))) from None
        team = str(info.get("https://slack.com/team_id") or "")
        user = str(info.get("https://slack.com/user_id") or "")
        viewer = access.Viewer(kind="slack", name=str(info.get("name") or user), platform="slack",
                              workspace=team, user_id=user,
                              platform_admin=slack.is_admin(team, user))
        return _finish(console, request, viewer, pending)


def add_microsoft(router: APIRouter, console: Console, ms: MicrosoftSignIn) -> None:
    """GET /admin/login/microsoft: to Entra and back, through MSAL with PKCE."""
    import msal

    def app() -> msal.ConfidentialClientApplication:
        # Built per sign-in: MSAL reads the authority's discovery document on construction.
        extra: dict[str, Any] = {}
        if ms.custom_authority:
            extra = {"validate_authority": False, "instance_discovery": False}
        return msal.ConfidentialClientApplication(
            ms.client_id, client_credential=ms.client_secret, authority=ms.authority, **extra)

    @router.get("/login/microsoft")
    def microsoft_login(request: Request) -> Response:
        if "code" not in request.query_params and "error" not in request.query_params:
            try:
                flow = app().initiate_auth_code_flow(scopes=[], redirect_uri=ms.redirect_uri)
            except ValueError as exc:
                logger.warning("Sign in with Microsoft: %s", exc)
                raise ConsoleError(503, "Microsoft sign-in cannot reach its authority now; "
                                        "try again in a minute.") from None
            _remember(console, request, {"state": flow["state"], "flow": flow,
                                         "next": request.query_params.get("next", "")})
            return RedirectResponse(flow["auth_uri"], status_code=303)
        pending = _pending(console, request, "Microsoft")
        try:
            result = app().acquire_token_by_auth_code_flow(
                pending["flow"], dict(request.query_params))
        except ValueError as exc:
            reason = str(exc)[:80]
            raise ConsoleError(401, FAILED.format(provider="Microsoft", reason=reason)) from None
        if "error" in result:
            raise ConsoleError(401, FAILED.format(
                provider="Microsoft", reason=str(result.get("error_description") or
                                                 result["error"])[:120]))
        claims = result.get("id_token_claims") or {}
        tenant, user = str(claims.get("tid") or ""), str(claims.get("oid") or "")
        if not tenant or not user:
            raise ConsoleError(401, FAILED.format(provider="Microsoft",
                                                  reason="no tenant or user in the token"))
        name = str(claims.get("name") or claims.get("preferred_username") or user)
        viewer = access.Viewer(kind="microsoft", name=name, platform="teams", workspace=tenant,
                              user_id=user)
        return _finish(console, request, viewer, pending)
