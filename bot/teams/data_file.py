"""`my-data` in Teams as a file: the file-consent card, the upload, the file card.

Teams lets a bot send a file in a personal chat only with the person's consent:
the bot sends a FileConsentCard; when the person accepts, Teams gives an upload
URL in their OneDrive; the bot PUTs the file there and sends a file card that
opens it. The content is the same JSON Slack's file holds (services.subject_access),
built again at the moment of upload. The upload URL comes from the invoke, so it
is checked to be a OneDrive/SharePoint host before anything is sent to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from microsoft_agents.activity import Activity, ActivityTypes, Attachment, InvokeResponse
from microsoft_agents.hosting.core import AgentApplication, TurnContext, TurnState

from bot.services.subject_access import FILENAME

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"
# OneDrive for Business upload sessions live on SharePoint hosts (commercial, GCC High/DoD,
# Germany, China).
UPLOAD_HOST_SUFFIXES = (".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us",
                        ".sharepoint.de", ".sharepoint.cn")
UPLOAD_SCHEMES = ("https",)
TIMEOUT_SECONDS = 30.0


def consent_card(size: int, *, name: str = FILENAME, kind: str = "my-data",
                 description: str = "Everything pairbot stores about you, as JSON."
                 ) -> Attachment:
    """The card asking the person to accept a file into their OneDrive; `kind` comes back
    in the consent (my-data, or a file of the learning record)."""
    return Attachment(content_type=CONSENT, name=name, content={
        "description": description, "sizeInBytes": size, "acceptContext": {"kind": kind},
        "declineContext": {"kind": kind}})


def uploadable(url: str) -> bool:
    """True when the upload URL is a OneDrive/SharePoint upload session over HTTPS."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme in UPLOAD_SCHEMES and host.endswith(UPLOAD_HOST_SUFFIXES)


async def upload(url: str, content: bytes) -> None:
    """PUT the whole file into the upload session (one range; the export is small)."""
    headers = {"Content-Range": f"bytes 0-{len(content) - 1}/{len(content)}"}
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
        response = await client.put(url, content=content, headers=headers)
        response.raise_for_status()


def info_card(name: str, content_url: str, unique_id: str, file_type: str) -> Attachment:
    """The file card that opens the uploaded file."""
    return Attachment(content_type=INFO, name=name, content_url=content_url,
                      content={"uniqueId": unique_id, "fileType": file_type or "json"})


@dataclass(frozen=True)
class UploadInfo:
    """Where Teams lets the bot put the accepted file (the invoke's `uploadInfo`)."""

    name: str
    upload_url: str
    content_url: str
    unique_id: str
    file_type: str


@dataclass(frozen=True)
class Consent:
    """A fileConsent/invoke: accepted or declined, with the upload session if accepted."""

    action: str
    upload_info: UploadInfo | None
    kind: str = "my-data"


def consent_of(value: Any) -> Consent:
    """The invoke's value read defensively: anything missing is simply absent."""
    value = value if isinstance(value, dict) else {}
    raw = value.get("uploadInfo")
    info = None
    if isinstance(raw, dict):
        info = UploadInfo(*(str(raw.get(k) or "") for k in (
            "name", "uploadUrl", "contentUrl", "uniqueId", "fileType")))
    context = value.get("context")
    kind = str(context.get("kind") or "my-data") if isinstance(context, dict) else "my-data"
    return Consent(str(value.get("action") or ""), info, kind)


ConsentHandler = Callable[[TurnContext, TurnState, Consent], Awaitable[None]]


def on_consent(app: AgentApplication[TurnState], action: str, handler: ConsentHandler) -> None:
    """Route fileConsent/invoke activities with this action (`accept` or `decline`) to
    `handler`, then answer the invoke (Teams waits for a 200)."""

    def selector(context: TurnContext) -> bool:
        activity = context.activity
        return (activity.type == ActivityTypes.invoke and activity.name == "fileConsent/invoke"
                and isinstance(activity.value, dict) and activity.value.get("action") == action)

    async def route(context: TurnContext, state: TurnState) -> None:
        await handler(context, state, consent_of(context.activity.value))
        await context.send_activity(Activity(type=ActivityTypes.invoke_response,
                                             value=InvokeResponse(status=200)))

    app.add_route(selector, route, is_invoke=True)
