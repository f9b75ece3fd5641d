"""The Agents SDK's connection manager and JWT settings, from pairbot's configuration.

bot/config.py reads the SDK's own `CONNECTIONS__SERVICE_CONNECTION__SETTINGS__*`
variables (only it reads the environment); here they are handed back to the
SDK's `load_configuration_from_env` under the same names, so the SDK parses
them exactly as it documents, and MSAL acquires every outbound token.
"""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import load_configuration_from_env
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AgentAuthConfiguration, Connections

from bot.config import TeamsConnection

PREFIX = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"


def sdk_variables(teams: TeamsConnection) -> dict[str, str]:
    """The connection's settings under the SDK's variable names (unset ones left out)."""
    values = {"CLIENTID": teams.clientid, "CLIENTSECRET": teams.clientsecret,
              "TENANTID": teams.tenantid, "AUTHTYPE": teams.authtype}
    return {PREFIX + key: value for key, value in values.items() if value}


def sdk_configuration(teams: TeamsConnection) -> dict[str, Any]:
    """What `load_configuration_from_env` makes of the connection's variables."""
    config = load_configuration_from_env(sdk_variables(teams))
    settings = config["CONNECTIONS"].setdefault("SERVICE_CONNECTION", {}).setdefault(
        "SETTINGS", {})
    if teams.scopes:
        settings["SCOPES"] = [s for s in teams.scopes.replace(",", " ").split() if s]
    return config


def build_connections(teams: TeamsConnection) -> Connections:
    """MSAL-backed connections (the SDK's `MsalConnectionManager`)."""
    return MsalConnectionManager(**sdk_configuration(teams))


def auth_configuration(teams: TeamsConnection, *, allow_anonymous: bool) -> AgentAuthConfiguration:
    """What inbound JWT validation checks: the token's audience must be our app id."""
    settings = sdk_configuration(teams)["CONNECTIONS"]["SERVICE_CONNECTION"]["SETTINGS"]
    # The token's issuer must be one the SDK knows for this cloud and tenant.
    settings.setdefault("VALIDATE_ISSUER", True)
    return AgentAuthConfiguration(anonymous_allowed=allow_anonymous, **settings)
