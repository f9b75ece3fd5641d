"""The Teams app package: deploy/teams/manifest.json and its icons, zipped with our app id,
the developer's public pages and the scopes the deployment really uses."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SOURCE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
FILES = ("manifest.json", "color.png", "outline.png")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                  r"[0-9a-fA-F]{12}$")
# The scope a bot needs to post in a group chat; only group-chat intros use it.
GROUP_CHAT = "groupChat"


class PackageError(ValueError):
    """The package cannot be built; the message says why in one sentence."""


@dataclass(frozen=True)
class DeveloperUrls:
    """developer.websiteUrl, privacyUrl and termsOfUseUrl of the manifest."""

    website: str
    privacy: str
    terms: str

    @classmethod
    def under(cls, public_url: str) -> DeveloperUrls:
        """The pages `pairbot serve` publishes under its public base URL."""
        base = public_url.rstrip("/")
        return cls(website=f"{base}/", privacy=f"{base}/privacy", terms=f"{base}/terms")


def _https(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
        raise PackageError(f"the {name} must be an https:// URL (Teams accepts no other); "
                           f"got {url!r}")
    return url


def manifest_for(app_id: str, urls: DeveloperUrls, *, group_chats: bool = False,
                 source: Path = SOURCE) -> dict[str, Any]:
    """The manifest with the app (bot) id, the developer's pages and the bot's scopes
    filled in: `groupChat` only when intros go to group chats."""
    if not GUID.match(app_id):
        raise PackageError(f"the app id must be the bot's Microsoft Entra application (client) "
                           f"id, a GUID like 6f1c…-…; got {app_id!r}")
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    manifest["developer"] = {**manifest.get("developer", {}),
                             "websiteUrl": _https("website URL", urls.website),
                             "privacyUrl": _https("privacy URL", urls.privacy),
                             "termsOfUseUrl": _https("terms URL", urls.terms)}
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
        scopes = [s for s in bot.get("scopes", []) if s != GROUP_CHAT]
        bot["scopes"] = [*scopes, GROUP_CHAT] if group_chats else scopes
    return dict(manifest)


def build_package(app_id: str, output: Path, urls: DeveloperUrls, *, group_chats: bool = False,
                  source: Path = SOURCE) -> Path:
    """Write the zip Teams accepts under "Upload a custom app"; return its path."""
    missing = [name for name in FILES if not (source / name).is_file()]
    if missing:
        raise PackageError(f"{source / missing[0]} is missing")
    manifest = manifest_for(app_id, urls, group_chats=group_chats, source=source)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in FILES[1:]:
            archive.write(source / name, name)
    return output
