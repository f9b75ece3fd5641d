"""`pairbot programme list | show NAME | create NAME [KEY=VALUE…] | set NAME KEY=VALUE…`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli.errors import Parser, UserError
from bot.core.i18n import N_, _

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services.console import programme_list
    from bot.services.context import Services
    from bot.services.programme_settings import SETTINGS_KEYS, SettingsError

DESCRIPTION = N_("list: every programme. show NAME: its settings, one `key: value` line "
                 "each. create NAME [KEY=VALUE...]: a new programme (works before the platform "
                 "has sent any event). set NAME KEY=VALUE...: change settings. The keys are the "
                 "same as in chat and the console: {keys}.")


class _Intermixed(Parser):
    """Options may come between KEY=VALUE settings (`create NAME --workspace T1 mode=cross`)."""

    _inside = False

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        if self._inside:
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False

    def format_help(self) -> str:
        # The settings' keys are listed only when help is asked for: reading them
        # imports the services, which other commands' start-up should not pay for.

        self.description = _(DESCRIPTION).format(keys=", ".join(SETTINGS_KEYS))
        return super().format_help()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `programme`."""
    parser = sub.add_parser(
        "programme", help=_("list, show, create or change programmes without a chat platform"),
        description=_(DESCRIPTION).format(keys=_("see {command}").format(
            command="pairbot programme --help")),
        epilog=_("example: {command}").format(
            command="pairbot programme create 'Junior doctors × Managers' mode=two-sided "
            "side_a='Junior doctors' side_a_professions='FY1 doctor;FY2 doctor' "
            "side_b=Managers side_b_professions='Service manager' capacity=4"))
    parser.add_argument("action", choices=["list", "show", "create", "set"])
    parser.add_argument("name", nargs="?", metavar="NAME",
                        help=_("the programme's name; any characters, e.g. 'Nurses/AHPs'"))
    parser.add_argument("values", nargs="*", metavar="KEY=VALUE", help=_("settings"))
    parser.add_argument("--workspace", metavar="ID",
                        help=_("the Slack team id or Teams tenant id (needed where several "
                               "exist)"))
    parser.add_argument("--platform", choices=["slack", "teams"],
                        help=_("the workspace's platform, when --workspace alone cannot tell"))
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help=_("output of list and show (default: text)"))
    parser.set_defaults(func=run)
    parser.__class__ = _Intermixed


def _pairs(values: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(_("'{item}' is not KEY=VALUE, e.g. group_size=3").format(item=item))
        out[key.strip()] = value
    return out


def _services(settings: Settings) -> Services:
    from bot.cli.common import migrated_engine
    from bot.runtime import build_services

    return build_services(migrated_engine(settings), settings=settings)


def run(args: argparse.Namespace) -> int:
    from bot.cli.common import settings_or_exit
    from bot.services import programme_settings
    from bot.services.console import access, commands

    if args.action != "list" and not args.name:
        raise UserError(_("programme {action}: give the programme's NAME").format(
            action=args.action))
    if args.action in ("list", "show") and args.values:
        raise UserError(_("programme {action}: takes no KEY=VALUE settings").format(
            action=args.action))
    if args.action == "set" and not args.values:
        raise UserError(_("programme set: give at least one KEY=VALUE, e.g. group_size=3"))
    values = _pairs(args.values)
    settings = settings_or_exit()
    services = _services(settings)
    if args.action == "list":
        return _list(services, args.format)
    if args.action == "create":
        return _create(services, settings, args, values)
    row = _one(services, args.name, args.workspace)
    if args.action == "show":
        text = commands.settings_text(services, access.OPERATOR, row.id)
        if args.format == "json":
            print(json.dumps(text, ensure_ascii=False, indent=2))
        else:
            for key, value in text.items():
                print(f"{key}: {value}")
        return 0
    try:
        commands.update_settings(services, access.OPERATOR, row.id, values)
    except programme_settings.SettingsError as exc:
        raise UserError(_errors(exc)) from None
    print(_("{programme}: saved {keys}.").format(programme=row.name, keys=", ".join(values)))
    return 0


def _errors(exc: SettingsError) -> str:
    """Every bad setting on one line: `key: why. key: why.`"""
    return " ".join(f"{key}: {message}" for key, message in exc.errors.items())


def _list(services: Services, output: str) -> int:
    from bot.services.console import access, programme_list

    rows = programme_list.programmes_for(services, access.OPERATOR)
    if output == "json":
        print(json.dumps([{"id": r.id, "name": r.name, "workspace": r.workspace,
                           "mode": r.mode, "active": r.active, "participants": r.participants,
                           "next_round": r.next_round} for r in rows], ensure_ascii=False,
                         indent=2))
        return 0
    if not rows:
        print(_("No programme yet; make one with: {command}").format(
            command="pairbot programme create NAME"))
    for r in rows:
        status = _("running") if r.active else _("paused")
        participants = _("{count} participants").format(count=r.participants)
        next_round = _("next round: {day}").format(day=r.next_round)
        print(f"{r.name}\t{r.workspace}\t{r.mode}\t{status}\t{participants}\t{next_round}")
    return 0


def _one(services: Services, name: str, workspace: str | None) -> programme_list.ProgrammeRow:
    from bot.services.console import access, programme_list

    rows = programme_list.find_programmes(services, name, workspace)
    if not rows:
        known = sorted(r.name for r in programme_list.programmes_for(services, access.OPERATOR))
        hint = (_("; known: {names}").format(names=", ".join(known)) if known
                else _("; none exists yet"))
        raise UserError(_("no programme called '{name}'{hint}").format(name=name, hint=hint))
    if len(rows) > 1:
        raise UserError(_("'{name}' exists in {count} workspaces; add --workspace ID").format(
            name=name, count=len(rows)))
    return rows[0]


def _create(services: Services, settings: Settings, args: argparse.Namespace,
            values: dict[str, str]) -> int:
    from bot.services import programme_settings
    from bot.services.console import access, commands

    if "name" in values and values["name"] != args.name:
        raise UserError(_("programme create: give the name once, as NAME"))
    target = _workspace(services, settings, args.workspace, args.platform)
    try:
        commands.create_programme(services, access.OPERATOR, target, {**values, "name": args.name})
    except programme_settings.SettingsError as exc:
        code = 1 if isinstance(exc, programme_settings.NameTaken) else 2
        raise UserError(_errors(exc), exit_code=code) from None
    print(_("{programme}: created.").format(programme=args.name.strip()))
    return 0


def _workspace(services: Services, settings: Settings, external: str | None,
               platform: str | None) -> int:
    """The workspace to create in: named, the only one known, or the configured one."""
    from bot.services.console import access

    known = access.known_workspaces(services)
    if external:
        matching = [w for w in known if w.external_id == external
                    and platform in (None, w.platform)]
        if len(matching) == 1:
            return matching[0].id
        if len(matching) > 1:
            raise UserError(_("--workspace: {id} is both a Slack and a Teams workspace; add "
                              "--platform slack or --platform teams").format(id=external))
        return access.workspace_id(services, platform or _platform_of(settings, external),
                                  external)
    known = [w for w in known if platform in (None, w.platform)]
    if len(known) == 1:
        return known[0].id
    if len(known) > 1:
        listed = ", ".join(f"{w.external_id} ({w.platform})" for w in known)
        raise UserError(_("--workspace: there are several workspaces ({listed}); name one")
                        .format(listed=listed))
    from bot.config import load_teams_connection

    # None known yet: the one this deployment is configured for (Slack's single-workspace
    # token, Teams' single tenant), when there is exactly one.
    teams = load_teams_connection()
    slack_single = bool(settings.slack_bot_token and not settings.slack_oauth)
    teams_single = bool(teams.configured and teams.tenantid)
    candidates = [name for name, single in (("slack", slack_single), ("teams", teams_single))
                  if single and platform in (None, name)]
    if len(candidates) > 1:
        raise UserError(_("--platform: both a Slack workspace and a Teams tenant are "
                          "configured; add --platform slack or --platform teams"))
    if candidates == ["slack"]:
        team, name = _slack_team(settings)
        return access.workspace_id(services, "slack", team, name)
    if candidates == ["teams"]:
        return access.workspace_id(services, "teams", str(teams.tenantid))
    raise UserError(_("--workspace: no workspace is known yet; give the Slack team id or "
                      "Teams tenant id with --workspace ID"))


def _platform_of(settings: Settings, external: str) -> str:
    from bot.config import load_teams_connection

    teams = load_teams_connection()
    if teams.configured and external == teams.tenantid:
        return "teams"
    if settings.slack_enabled and not teams.configured:
        return "slack"
    if teams.configured and not settings.slack_enabled:
        return "teams"
    raise UserError(_("--workspace: cannot tell whether {id} is a Slack team or a Teams "
                      "tenant; add --platform slack or --platform teams").format(id=external))


def _slack_team(settings: Settings) -> tuple[str, str]:
    """The single-workspace install's team, from auth.test."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    try:
        answer = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url,
                           timeout=15).auth_test()
    except SlackApiError as exc:
        raise UserError(_("SLACK_BOT_TOKEN: Slack refused auth.test ({reason})").format(
            reason=exc.response.get("error"))) from None
    except OSError as exc:
        raise UserError(_("SLACK_API_URL: cannot reach Slack ({reason})").format(
            reason=exc)) from None
    return str(answer["team_id"]), str(answer.get("team") or "")
