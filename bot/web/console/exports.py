"""CSV files for Excel: UTF-8 with a byte-order mark, formula-looking cells neutralised."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import quote

from bot.core.hygiene import SafeCSVWriter


def csv_chunks(rows: Iterable[Sequence[Any]], every: int = 500) -> Iterator[bytes]:
    """The rows as CSV bytes with a BOM, every text cell neutralised (OWASP's CSV injection
    rule, bot/core/hygiene.py), yielded a few hundred rows at a time, so that a big export
    starts at once and its memory stays flat however many rows there are."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = SafeCSVWriter(out, lineterminator="\r\n")
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % every == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def attachment(filename: str) -> str:
    """A Content-Disposition for a download (RFC 6266): an ASCII fallback, and the name as
    written (Welsh, Polish, Greek…) in RFC 5987's `filename*=UTF-8''…`."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = "".join(c if c.isalnum() or c in "-_." else "-" for c in ascii_name)
    fallback = "-".join(p for p in fallback.split("-") if p) or "export.csv"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
