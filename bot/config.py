"""Configuration: the one place that reads the environment and `.env`.

Every variable of the contract in docs/development.md is a field here. A bad
value raises `ConfigError` whose message is one line naming the variable;
the CLI prints it and exits 2.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///./pairbot.db"
SUPPORTED_DATABASES = ("sqlite", "postgresql")
MIN_TOKEN = 32
MAKE_ONE = "python -c \"import secrets; print(secrets.token_urlsafe(32))\""
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class ConfigError(Exception):
    """A configuration value is wrong; the message names the variable."""


class TeamsConnection(BaseSettings):
    """The Agents SDK's service connection, read from its own variable names."""

    model_config = SettingsConfigDict(
        env_prefix="CONNECTIONS__SERVICE_CONNECTION__SETTINGS__",
        env_file=".env",
        extra="ignore",
        case_sensitive=False,
    )

    clientid: str | None = None
    clientsecret: str | None = None
    tenantid: str | None = None
    authtype: str | None = None
    scopes: str | None = None

    @property
    def configured(self) -> bool:
        """True when an app (client) id is set, which turns Teams on."""
        return bool(self.clientid)


class Settings(BaseSettings):
    """Every setting of pairbot, validated once at start."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    port: int = Field(default=3000, alias="PORT")
    host: str = Field(default="127.0.0.1", alias="HOST")
    # Proxies whose X-Forwarded-For/-Proto are believed (uvicorn's forwarded_allow_ips).
    trusted_proxies: str = Field(default="", alias="PAIRBOT_TRUSTED_PROXIES")
    metrics_public: bool = Field(default=False, alias="PAIRBOT_METRICS_PUBLIC")
    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    admin_token: str | None = Field(default=None, alias="PAIRBOT_ADMIN_TOKEN")
    secret_key: str | None = Field(default=None, alias="PAIRBOT_SECRET_KEY")
    public_url: str | None = Field(default=None, alias="PAIRBOT_PUBLIC_URL")
    # Sign in with Microsoft: the Entra authority; a test or sovereign cloud sets its own.
    microsoft_authority: str | None = Field(default=None, alias="PAIRBOT_MICROSOFT_AUTHORITY")
    console_session_hours: float = Field(default=8.0, alias="PAIRBOT_CONSOLE_SESSION_HOURS",
                                         gt=0, le=24 * 30)
    teams_allow_anonymous: bool = Field(default=False, alias="PAIRBOT_TEAMS_ALLOW_ANONYMOUS")
    teams_service_url: str | None = Field(default=None, alias="PAIRBOT_TEAMS_SERVICE_URL")
    teams_graph_group_chats: bool = Field(default=False, alias="PAIRBOT_TEAMS_GROUP_CHATS")
    log_level: str = Field(default="INFO", alias="PAIRBOT_LOG_LEVEL")
    log_format: str = Field(default="text", alias="PAIRBOT_LOG_FORMAT")
    metrics_token: str | None = Field(default=None, alias="PAIRBOT_METRICS_TOKEN")
    # How often a replica that does not run the scheduler tries to take the lead over.
    leader_retry_seconds: float = Field(default=5.0, alias="PAIRBOT_LEADER_RETRY_SECONDS",
                                        gt=0, le=60)
    # SIGTERM: how long sends in flight may take before the process leaves anyway.
    shutdown_grace_seconds: float = Field(default=20.0, alias="PAIRBOT_SHUTDOWN_GRACE_SECONDS",
                                          gt=0)
    # Divides every Slack pacing period: 1 for Slack itself; a fake Slack with compressed
    # time (tests, benchmarks) or an Enterprise Grid with raised limits may use more.
    slack_rate_scale: float = Field(default=1.0, alias="PAIRBOT_SLACK_RATE_SCALE", gt=0)
    delivery_lease_seconds: float = Field(default=120.0, alias="PAIRBOT_DELIVERY_LEASE_SECONDS",
                                          gt=0)
    # Check-ins are answered (and redrawn) from the row's platform reference, not its
    # payload, so the payload can go soon after sending.
    sent_payload_days: float = Field(default=30.0, alias="PAIRBOT_SENT_PAYLOAD_DAYS", ge=0)
    # Retention (docs/data-protection.md): how long each kind of record is kept, in days,
    # counted from the round it belongs to (messages: from when they were written).
    retain_matches_days: int = Field(default=730, alias="PAIRBOT_RETAIN_MATCHES_DAYS", ge=1)
    retain_answers_days: int = Field(default=365, alias="PAIRBOT_RETAIN_ANSWERS_DAYS", ge=1)
    retain_learnings_days: int = Field(default=365, alias="PAIRBOT_RETAIN_LEARNINGS_DAYS", ge=1)
    retain_messages_days: int = Field(default=90, alias="PAIRBOT_RETAIN_MESSAGES_DAYS", ge=1)
    erase_uninstalled_after_days: int = Field(
        default=30, alias="PAIRBOT_ERASE_UNINSTALLED_AFTER_DAYS", ge=0)
    # Evaluation instrument files (docs/evaluation.md) added to the bundled pairbot-5.
    instruments_dir: str | None = Field(default=None, alias="PAIRBOT_INSTRUMENTS_DIR")

    @field_validator(
        "slack_bot_token",
        "slack_signing_secret",
        "slack_client_id",
        "slack_client_secret",
        "slack_app_token",
        "admin_token",
        "metrics_token",
        "secret_key",
        "public_url",
        "microsoft_authority",
        "teams_service_url",
        "instruments_dir",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                f"is not a database URL ({value!r}); "
                "expected e.g. sqlite:///./pairbot.db or postgresql+psycopg://user@host/db"
            ) from None
        if url.get_backend_name() not in SUPPORTED_DATABASES:
            raise ValueError(
                f"uses {url.get_backend_name()!r}; pairbot supports sqlite and postgresql"
            )
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
            value = url.set(drivername="postgresql+psycopg").render_as_string(
                hide_password=False
            )
        return value

    @field_validator("port", mode="before")
    @classmethod
    def _port(cls, value: Any) -> Any:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 65535:
            raise ValueError(f"must be a whole number from 1 to 65535 (got {value!r})")
        return int(text)

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        value = value.strip()
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL (got {value!r})")
        return value if value.endswith("/") else value + "/"

    @field_validator("public_url", "microsoft_authority")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL (got {value!r})")
        return value.rstrip("/")

    @field_validator("instruments_dir")
    @classmethod
    def _instruments_dir(cls, value: str | None) -> str | None:
        # A bad file refuses the start: the message names the file and the field.
        from bot.core.instruments import InstrumentError, load_catalogue

        if value is not None:
            try:
                load_catalogue(value)
            except InstrumentError as exc:
                raise ValueError(str(exc)) from None
        return value

    @field_validator("secret_key")
    @classmethod
    def _secret_key(cls, value: str | None) -> str | None:
        if value is not None and len(value) < 16:
            raise ValueError(f"is too short: use at least 16 characters, e.g. the output of "
                             f"{MAKE_ONE}")
        return value

    @field_validator("admin_token", "metrics_token")
    @classmethod
    def _long_token(cls, value: str | None) -> str | None:
        if value is not None and len(value) < MIN_TOKEN:
            raise ValueError(f"is too short ({len(value)} characters): use at least "
                             f"{MIN_TOKEN}, e.g. the output of {MAKE_ONE}")
        return value

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if not value or any(c.isspace() or c in "/@" for c in value):
            raise ValueError(f"must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0 "
                             f"(got {value!r})")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        import ipaddress

        items = [v.strip() for v in value.split(",") if v.strip()]
        for item in items:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"must be addresses or CIDRs separated by commas "
                                 f"(got {item!r})") from None
        return ",".join(items)

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xox"):
            raise ValueError("must be a Slack bot token starting with 'xoxb-'")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("must be a Slack app-level token starting with 'xapp-'")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError(f"must be DEBUG, INFO, WARNING or ERROR (got {value!r})")
        return level

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        fmt = value.strip().lower()
        if fmt not in ("text", "json"):
            raise ValueError(f"must be text or json (got {value!r})")
        return fmt

    @model_validator(mode="after")
    def _slack_pairs(self) -> Settings:
        if self.slack_bot_token and not self.slack_signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET: is required when SLACK_BOT_TOKEN is set "
                "(find it under Basic Information in the Slack app settings)"
            )
        if bool(self.slack_client_id) != bool(self.slack_client_secret):
            missing = "SLACK_CLIENT_SECRET" if self.slack_client_id else "SLACK_CLIENT_ID"
            raise ConfigError(f"{missing}: must be set together with its pair for OAuth install")
        if self.slack_client_id and not self.slack_signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET: is required when SLACK_CLIENT_ID is set")
        if self.slack_app_token and not (self.slack_bot_token or self.slack_client_id):
            raise ConfigError("SLACK_APP_TOKEN: Socket Mode also needs SLACK_BOT_TOKEN")
        if self.console_enabled and not self.secret_key:
            raise ConfigError(
                "PAIRBOT_SECRET_KEY: is required when the console is on (PAIRBOT_ADMIN_TOKEN "
                f"or PAIRBOT_PUBLIC_URL is set); make one with {MAKE_ONE}")
        if self.teams_allow_anonymous and not self.loopback_only:
            raise ConfigError(
                "PAIRBOT_TEAMS_ALLOW_ANONYMOUS: lets anyone act as anyone, so it is refused "
                f"unless HOST is a loopback address (HOST is {self.host}); it is for local "
                "development only")
        return self

    @property
    def loopback_only(self) -> bool:
        """True when `pairbot serve` listens on loopback only."""
        return self.host in LOOPBACK

    @property
    def metrics_closed(self) -> bool:
        """True when /metrics answers no one: the console is on, no PAIRBOT_METRICS_TOKEN is
        set and PAIRBOT_METRICS_PUBLIC is not true."""
        return self.console_enabled and not self.metrics_token and not self.metrics_public

    @property
    def console_enabled(self) -> bool:
        """True when the organiser console can be signed in to (token, or OIDC redirects)."""
        return bool(self.admin_token or self.public_url)

    @property
    def slack_enabled(self) -> bool:
        """True when a single workspace token or an OAuth app is configured."""
        return bool(self.slack_bot_token or self.slack_client_id)

    @property
    def slack_oauth(self) -> bool:
        """True when pairbot installs into many workspaces through OAuth."""
        return bool(self.slack_client_id)


_ALIASES = {name: (field.alias or name).upper() for name, field in Settings.model_fields.items()}


def _one_line(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    variable = _ALIASES.get(field, field.upper())
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "bool_parsing":
        message = f"must be true or false (got {error.get('input')!r})"
    if isinstance(error.get("ctx", {}).get("error"), ConfigError):
        return str(error["ctx"]["error"])
    return f"{variable}: {message}" if variable else message


def load_settings(**overrides: Any) -> Settings:
    """Read and validate the settings; raise ConfigError with one clear line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from None
    except ConfigError:
        raise


def load_teams_connection() -> TeamsConnection:
    """Read the Agents SDK's service connection variables."""
    try:
        return TeamsConnection()
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from None


def terminal_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the terminal asks for, as gettext reads it (LANGUAGE, then LC_ALL,
    LC_MESSAGES, LANG: `cy_GB.UTF-8` gives `cy`), when pairbot has a catalogue for it;
    None: English."""
    from bot.core import i18n

    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            language = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].lower()
            return language if language in i18n.available() and language != "en" else None
    return None


def set_for_child_processes(name: str, value: str) -> None:
    """Set an environment variable that a library of this process reads, and that the
    processes it starts inherit (prometheus_client's multiprocess directory, for the
    scheduler's process): this module is the one place that touches the environment."""
    os.environ[name] = value
