"""What several commands share: settings and a migrated database, with clear errors."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.cli.errors import UserError
from bot.config import ConfigError, Settings, load_settings
from bot.core.i18n import _
from bot.observability import logs
from bot.store import migrate
from bot.store.db import make_engine

logger = logging.getLogger("pairbot")


def settings_or_exit() -> Settings:
    """Load the settings, turning a bad value into a one-line error."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if settings.log_format == "json":
        logs.configure(level=logging.getLogger().level, json_lines=True)
    return settings


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0]


def migrated_engine(settings: Settings) -> Engine:
    """An engine on DATABASE_URL, migrated to head."""
    engine = make_engine(settings.database_url)
    try:
        migrate.upgrade(engine)
    except OperationalError as exc:
        raise UserError(_("DATABASE_URL: cannot reach the database ({reason})").format(
            reason=_reason(exc))) from None
    except SQLAlchemyError as exc:
        raise UserError(_("DATABASE_URL: migration failed ({reason})").format(
            reason=_reason(exc))) from None
    logger.debug("database %s at migration %s (head)", engine.url.get_backend_name(),
                migrate.current_revision(engine))
    return engine
