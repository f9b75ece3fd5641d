"""Logging set-up: text for a terminal, or one JSON object per line for a log pipeline.

Every record carries the request id (set by the web app's middleware), and the
programme and round being worked on (set by the scheduler's jobs), from
context variables, so that a line can be traced without logging names or free
text: pairbot logs ids at INFO and above, never what people wrote.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
programme: ContextVar[int | str | None] = ContextVar("programme", default=None)
round_: ContextVar[int | str | None] = ContextVar("round", default=None)

HANDLER_NAME = "pairbot"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "{message}{levelname}{name}"


class _Context(logging.Filter):
    """Copies the context variables onto every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.programme = programme.get()
        record.round = round_.get()
        return True


# Record attributes that are not copied into the JSON object (the standard ones).
_RESERVED = [
    "args", "asctime", "created", "exc_info", "exc_text", "filename", "funcName", "levelno",
    "lineno", "module", "msecs", "msg", "pathname", "process", "processName", "relativeCreated",
    "stack_info", "thread", "threadName", "taskName",
]


class _WithContext(JsonFormatter):
    def add_fields(self, log_data: dict, record: logging.LogRecord,  # type: ignore[type-arg]
                   message_dict: dict) -> None:  # type: ignore[type-arg]
        super().add_fields(log_data, record, message_dict)
        for key in ("request_id", "programme", "round"):
            log_data[key] = getattr(record, key, None)


def configure(*, level: int | str, json_lines: bool = False,
              stream: TextIO | None = None) -> None:
    """Send every log record to stderr (or `stream`), as text or one JSON object per line."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if json_lines:
        handler.setFormatter(_WithContext(
            JSON_FIELDS, style="{", timestamp="time",
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*_RESERVED, "request_id", "programme", "round"]))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    handler.addFilter(_Context())
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    # Replace our handler (a second call switches to JSON); leave others' (pytest's) alone.
    for old in list(root.handlers):
        if old.get_name() == HANDLER_NAME:
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def new_request_id(offered: str | None) -> str:
    """The caller's X-Request-ID when it is a sane token, else a new one."""
    if offered and len(offered) <= 64 and offered.replace("-", "").replace("_", "").isalnum():
        return offered
    return uuid.uuid4().hex


@contextmanager
def working_on(*, programme_id: int | str | None = None,
               round_id: int | str | None = None) -> Iterator[None]:
    """Tag the log lines written inside with a programme and round."""
    tokens = [(programme, programme.set(programme_id)), (round_, round_.set(round_id))]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)
