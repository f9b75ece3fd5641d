"""CSV files for Excel: UTF-8 with a byte-order mark, formula-looking cells neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bot.core.hygiene import SafeCSVWriter


def to_csv(rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV bytes with a BOM, every text cell neutralised (OWASP's CSV injection
    rule, bot/core/hygiene.py)."""
    return b"".join(csv_chunks(rows))


def csv_chunks(rows: Iterable[Sequence[Any]], every: int = 500) -> Iterator[bytes]:
    """The same CSV as `to_csv`, yielded a few hundred rows at a time, so that a big export
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
