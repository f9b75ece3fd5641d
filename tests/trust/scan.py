"""Looks for words in every text and JSON column of every table, the schema read from the
database itself (SQLAlchemy inspect), so a table or column added later is scanned too."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from sqlalchemy import Engine, MetaData, select


def _as_text(value: Any) -> list[str]:
    """The value as a person would search it: raw, and decoded when it is JSON (SQLite keeps
    JSON with \\u escapes, so the raw form alone would hide a non-ASCII name)."""
    if value is None or isinstance(value, (int, float, bool)):
        return []
    if isinstance(value, (bytes, memoryview)):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, (dict, list)):
        return [json.dumps(value, ensure_ascii=False)]
    text = str(value)
    found = [text]
    with contextlib.suppress(ValueError):
        found.append(json.dumps(json.loads(text), ensure_ascii=False))
    return found


def scan(engine: Engine, words: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, word) for every cell that holds one of the words, case-insensitive."""
    metadata = MetaData()
    metadata.reflect(engine)
    hits = []
    lowered = [w.casefold() for w in words]
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)).mappings():
                for column, value in row.items():
                    for text in _as_text(value):
                        for word, low in zip(words, lowered, strict=True):
                            if low in text.casefold():
                                hits.append((table.name, str(column), word))
    return sorted(set(hits))


def column_count(engine: Engine) -> int:
    """How many columns the scan covered (so a test can tell it looked at all of them)."""
    metadata = MetaData()
    metadata.reflect(engine)
    return sum(len(t.columns) for t in metadata.tables.values())
