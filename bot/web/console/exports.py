"""CSV files for Excel: UTF-8 with a byte-order mark, formula-looking cells neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from bot.core.hygiene import SafeCSVWriter


def to_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV bytes with a BOM, every text cell neutralised (OWASP's CSV injection
    rule, bot/core/hygiene.py)."""
    out = io.StringIO()
    writer = SafeCSVWriter(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
