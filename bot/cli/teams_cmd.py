"""`pairbot teams-package`: the Teams app package (manifest and icons) as a zip to upload."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.errors import UserError
from bot.config import ConfigError, load_teams_connection
from bot.teams.package import SOURCE, PackageError, build_package


def run(args: argparse.Namespace) -> int:
    app_id = args.app_id
    if not app_id:
        try:
            app_id = load_teams_connection().clientid
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    if not app_id:
        raise UserError("give --app-id, or set CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID "
                        "to the bot's Microsoft Entra application (client) id")
    try:
        path = build_package(app_id.strip(), Path(args.output), Path(args.source))
    except PackageError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"Wrote {path} for app {app_id.strip()}. Upload it in Teams: Apps > Manage your apps "
          "> Upload an app (or in the Teams admin center).")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `teams-package`."""
    parser = sub.add_parser(
        "teams-package", help="write the Teams app package (zip) with the app id filled in",
        description="Write the Teams app package: deploy/teams/manifest.json with the bot's "
        "app id, and its two icons, zipped for upload to Teams.")
    parser.add_argument("--app-id", help="the bot's Microsoft Entra application (client) id "
                        "(default: CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID)")
    parser.add_argument("--output", default="pairbot-teams.zip",
                        help="where to write the zip (default: %(default)s)")
    parser.add_argument("--source", default=str(SOURCE), help="folder with manifest.json, "
                        "color.png and outline.png (default: the repository's deploy/teams)")
    parser.set_defaults(func=run)
