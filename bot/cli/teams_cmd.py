"""`pairbot teams-package` (the app package to upload) and `pairbot teams-organiser`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.errors import UserError
from bot.core.i18n import _
from bot.teams.package import SOURCE, DeveloperUrls, PackageError, build_package

URL_OPTIONS = (("website", "--website-url"), ("privacy", "--privacy-url"),
               ("terms", "--terms-url"))


def developer_urls(args: argparse.Namespace, public_url: str | None) -> DeveloperUrls:
    """The manifest's developer pages: each option given, else the page `pairbot serve`
    publishes under PAIRBOT_PUBLIC_URL; with neither, say what to set."""
    given = {field: getattr(args, f"{field}_url") for field, _option in URL_OPTIONS}
    if public_url:
        defaults = DeveloperUrls.under(public_url)
        return DeveloperUrls(**{f: v or getattr(defaults, f) for f, v in given.items()})
    missing = [option for field, option in URL_OPTIONS if not given[field]]
    if missing:
        raise UserError(_("set PAIRBOT_PUBLIC_URL (its /, /privacy and /terms pages go in the "
                          "package), or give {options}").format(options=", ".join(missing)))
    return DeveloperUrls(**given)


def run(args: argparse.Namespace) -> int:
    from bot.cli.common import settings_or_exit
    from bot.config import ConfigError, load_teams_connection

    settings = settings_or_exit()
    app_id = args.app_id
    if not app_id:
        try:
            app_id = load_teams_connection().clientid
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    if not app_id:
        raise UserError(_("give --app-id, or set {variable} to the bot's Microsoft Entra "
                          "application (client) id").format(
            variable="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"))
    urls = developer_urls(args, settings.public_url)
    try:
        path = build_package(app_id.strip(), Path(args.output), urls,
                             group_chats=settings.teams_graph_group_chats,
                             source=Path(args.source))
    except PackageError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(_("cannot write {path}: {reason}").format(
            path=args.output, reason=exc.strerror or exc)) from None
    scopes = (_("personal and group chats") if settings.teams_graph_group_chats
              else _("personal chats"))
    print(_("Wrote {path} for app {app} ({scopes}; privacy notice {privacy}). Upload it in "
            "Teams: Apps > Manage your apps > Upload an app (or in the Teams admin center).")
          .format(path=path, app=app_id.strip(), scopes=scopes, privacy=urls.privacy))
    return 0


def organiser(args: argparse.Namespace) -> int:
    """Add (or with --remove, take away) an organiser of a Teams tenant's programme."""
    from bot.cli.common import migrated_engine, settings_or_exit
    from bot.config import ConfigError, load_teams_connection
    from bot.runtime import build_services
    from bot.services.programme_settings import SettingsError
    from bot.teams.admin import set_organiser

    tenant = args.tenant
    if not tenant:
        try:
            tenant = load_teams_connection().tenantid
        except ConfigError as exc:
            raise UserError(str(exc)) from None
    if not tenant:
        raise UserError(_("give --tenant, or set {variable}").format(
            variable="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"))
    settings = settings_or_exit()
    services = build_services(migrated_engine(settings), settings=settings)
    try:
        name, organisers = set_organiser(services, tenant, args.object_id.strip(),
                                         programme=args.programme, remove=args.remove)
    except (LookupError, SettingsError) as exc:
        raise UserError(str(exc)) from None
    print(_("{programme}: organisers are now {organisers}.").format(
        programme=name, organisers=", ".join(organisers) or _("nobody")))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `teams-package`."""
    parser = sub.add_parser(
        "teams-package",
        help=_("write the Teams app package (zip) with the app id filled in"),
        description=_("Write the Teams app package: deploy/teams/manifest.json with the bot's "
                      "app id, the developer's website, privacy and terms pages (by default /, "
                      "/privacy and /terms under PAIRBOT_PUBLIC_URL), and its two icons, zipped "
                      "for upload to Teams. The groupChat scope is requested only with "
                      "PAIRBOT_TEAMS_GROUP_CHATS=true."))
    parser.add_argument("--app-id", help=_("the bot's Microsoft Entra application (client) id "
                                           "(default: {variable})").format(
        variable="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"))
    for field, option in URL_OPTIONS:
        page = {"website": "/", "privacy": "/privacy", "terms": "/terms"}[field]
        parser.add_argument(option, dest=f"{field}_url", metavar="URL",
                            help=_("the developer's {page} page, https:// (default: "
                                   "PAIRBOT_PUBLIC_URL + {path})").format(page=field,
                                                                         path=page))
    parser.add_argument("--output", default="pairbot-teams.zip",
                        help=_("where to write the zip (default: %(default)s)"))
    parser.add_argument("--source", default=str(SOURCE),
                        help=_("folder with manifest.json, color.png and outline.png (default: "
                               "the repository's deploy/teams)"))
    parser.set_defaults(func=run)
    org = sub.add_parser(
        "teams-organiser", help=_("make someone an organiser of a Teams tenant's programme"),
        description=_("Add a person, by Entra object id, to the organisers of a Teams tenant's "
                      "programme (its first programme unless --programme), so they can use "
                      "`admin` in Teams."))
    org.add_argument("object_id", help=_("the person's Microsoft Entra object id"))
    org.add_argument("--tenant", help=_("the Entra tenant id (default: {variable})").format(
        variable="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"))
    org.add_argument("--programme", help=_("the programme's name (default: the first)"))
    org.add_argument("--remove", action="store_true", help=_("take the person off the list"))
    org.set_defaults(func=organiser)
