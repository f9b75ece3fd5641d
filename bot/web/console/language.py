"""The console's language: chosen in the header (a cookie), else the browser's
`Accept-Language`, else English."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from bot.core import i18n
from bot.web.console.web import LANGUAGE_COOKIE, LANGUAGES, redirect


def add_language(router: APIRouter) -> None:
    """Register the header's language links."""

    @router.get("/language/{code}")
    def choose_language(request: Request, code: str, next: str = "/admin") -> Response:
        target = next if next.startswith("/admin") and not next.startswith("//") else "/admin"
        response = redirect(target)
        if code in dict(LANGUAGES):
            # A preference, not a secret: a year, readable by nothing but this console.
            response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, path="/admin",
                                secure=request.url.scheme == "https", httponly=True,
                                samesite="lax")
        i18n.choose(code)
        return response
