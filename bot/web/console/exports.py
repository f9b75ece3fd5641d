"""CSV files for Excel: UTF-8 with a byte-order mark, formula-looking cells neutralised."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from bot.core.hygiene import SafeCSVWriter


def to_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV bytes with a BOM, every text cell neutralised (OWASP's CSV injection
    rule, bot/core/hygiene.py)."""
    out = io.StringIO()
    writer = SafeCSVWriter(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def attachment(filename: str) -> str:
    """A Content-Disposition for a download (RFC 6266): an ASCII fallback, and the name as
    written (Welsh, Polish, Greek…) in RFC 5987's `filename*=UTF-8''…`."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = "".join(c if c.isalnum() or c in "-_." else "-" for c in ascii_name)
    fallback = "-".join(p for p in fallback.split("-") if p) or "export.csv"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
