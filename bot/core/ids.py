"""Ids that come from outside (buttons, card data, URLs) checked against the database's range.

Every id column is an INTEGER: 32-bit signed on PostgreSQL (64-bit on SQLite); a
larger number makes the driver raise instead of finding nothing, so it is refused
here, on both databases alike.
"""

from __future__ import annotations

ID_MAX = 2**31 - 1


def valid_id(value: object) -> bool:
    """True for an int that can be a row id (1 to 2^31 - 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ID_MAX

