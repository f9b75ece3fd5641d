"""Text hygiene: what user text may contain, and how it is made inert where it is shown.

Every piece of text a person types (display name, intro, feedback, settings) goes
through `clean_text` before it is validated or stored: control characters would
break PostgreSQL (NUL), logs and renderers, and bidirectional overrides let a name
pose as something else. `escape_markdown` makes user text inert in Adaptive Card
TextBlocks (Teams renders them as markdown), and `csv_cell` keeps a spreadsheet
from running a cell as a formula.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import TextIO

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_KEPT_IN_MULTILINE = frozenset("\n\t")

# What can start or end markup in a TextBlock: emphasis, links and images (with
# `[` escaped, `](` and `![` cannot form), autolinks and HTML, strikethrough, card
# functions (`{{DATE(...)}}`); and, at the start of a line, headings, quotes and lists.
# Backticks stay: a code span is itself inert (nothing inside it is a link).
_MARKDOWN_SPECIAL = re.compile(r"([\\*_{}\[\]<>~])")
_BULLET = re.compile(r"(?m)^(\s*)([-=+#])")
_ORDERED = re.compile(r"(?m)^(\s*\d+)\.")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|")
_AFTER_SEPARATOR = re.compile(r"([,;\t|]\s*)([=+\-@])")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """The text without control characters, lone surrogates or bidi overrides.

    Newlines (CR LF and CR become LF) and tabs are kept in multiline text; in
    one-line text (names, settings) every line break becomes a space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    for char in text:
        if char in _KEPT_IN_MULTILINE:
            kept.append(char if multiline else " ")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in _BIDI:
            continue
        if category in ("Zl", "Zp"):
            kept.append("\n" if multiline else " ")
            continue
        kept.append(char)
    return "".join(kept)


def has_control_characters(text: str) -> bool:
    """True when `clean_text` would change more than line endings."""
    normalised = text.replace("\r\n", "\n")
    return clean_text(normalised, multiline=True) != normalised


def escape_markdown(text: str) -> str:
    """User text made markdown-inert for an Adaptive Card TextBlock: no links, emphasis,
    headings, lists or card functions (`{{DATE(...)}}`) can be formed from it."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    escaped = _BULLET.sub(r"\1\\\2", escaped)
    return _ORDERED.sub(r"\1\\.", escaped)


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's advice:
    prefix a quote to cells that start with = + - @ tab or CR)."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    # A spreadsheet whose list separator is ';' (or one that splits on tabs or '|') may
    # split an imported cell: a formula start after any separator is neutralised too.
    text = _AFTER_SEPARATOR.sub(r"\1'\2", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


class SafeCSVWriter:
    """`csv.writer` whose every cell goes through `csv_cell` (use it for every export)."""

    def __init__(self, out: TextIO, *, lineterminator: str = "\r\n") -> None:
        # Every cell quoted, so that no separator inside a cell splits it, whatever the
        # reader's list separator.
        self._writer = csv.writer(out, lineterminator=lineterminator, quoting=csv.QUOTE_ALL)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, formula cells neutralised."""
        self._writer.writerow([csv_cell(cell) for cell in row])


class FieldError(ValueError):
    """A form's answer that cannot be stored: the message is one sentence for the person,
    `field` names the input it belongs beside."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field
