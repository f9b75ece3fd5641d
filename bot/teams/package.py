"""The Teams app package: deploy/teams/manifest.json and its icons, zipped with our app id."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
FILES = ("manifest.json", "color.png", "outline.png")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                  r"[0-9a-fA-F]{12}$")


class PackageError(ValueError):
    """The package cannot be built; the message says why in one sentence."""


def manifest_for(app_id: str, source: Path = SOURCE) -> dict[str, Any]:
    """The manifest with the app (bot) id filled in."""
    if not GUID.match(app_id):
        raise PackageError(f"the app id must be the bot's Microsoft Entra application (client) "
                           f"id, a GUID like 6f1c…-…; got {app_id!r}")
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest["id"] = app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
    return dict(manifest)


def build_package(app_id: str, output: Path, source: Path = SOURCE) -> Path:
    """Write the zip Teams accepts under "Upload a custom app"; return its path."""
    missing = [name for name in FILES if not (source / name).is_file()]
    if missing:
        raise PackageError(f"{source / missing[0]} is missing")
    manifest = manifest_for(app_id, source)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in FILES[1:]:
            archive.write(source / name, name)
    return output
