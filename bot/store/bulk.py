"""Set-based writes: any number of rows in one statement.

On PostgreSQL the rows go as one JSON parameter that the server turns back into rows
of the table's own type: `INSERT … SELECT … FROM json_populate_recordset(NULL::t, :rows)`
(and `UPDATE … FROM json_populate_recordset(…)`). A multi-row `VALUES` list of a
thousand rows has ten thousand parameters; the driver's cost of splitting such a
statement, and SQLAlchemy's of building it, outweighed the database's own work
several times over (bench/scale.py), and so did the driver's dumping of one array
parameter per column. `json.dumps` of the rows is C code; the server parses them in
a fraction of the time it takes to write them.
Elsewhere (SQLite, one local file) an executemany of the same rows.

Values are converted as the models' types would: aware datetimes to naive UTC
(`UTCDateTime`), enum members to their values, JSON columns as nested JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, insert, text, update
from sqlalchemy.orm import Session


def is_postgresql(session: Session) -> bool:
    """Whether the session's database is PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


def _as_json(rows: Sequence[Mapping[str, Any]]) -> str:
    # A batch's rows mostly share their datetimes (now, a due time): each converted once.
    converted: dict[Any, Any] = {}

    def plain(value: Any) -> Any:
        try:
            return converted[value]
        except KeyError:
            converted[value] = found = _plain(value)
            return found

    return json.dumps(rows if isinstance(rows, list) else list(rows), default=plain)


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]], *,
                returning: str | None = None,
                skip_conflicts_on: Sequence[str] = ()) -> list[Any]:
    """Insert the rows (every row has the same keys); with `skip_conflicts_on`, a row
    whose unique key exists is skipped (ON CONFLICT DO NOTHING). Returns the
    `returning` column of the rows inserted (in no particular order), else []."""
    if not rows:
        return []
    names = list(rows[0])
    if not is_postgresql(session):
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement: Any = insert(table)
        if skip_conflicts_on:
            statement = sqlite_insert(table).on_conflict_do_nothing(
                index_elements=list(skip_conflicts_on))
        if returning is None:
            session.execute(statement, [dict(r) for r in rows])
            return []
        return list(session.scalars(statement.returning(table.c[returning]),
                                    [dict(r) for r in rows]))
    columns = ", ".join(names)
    sql = (f"INSERT INTO {table.name} ({columns}) SELECT {columns} "
           f"FROM json_populate_recordset(NULL::{table.name}, CAST(:rows AS JSON))")
    if skip_conflicts_on:
        sql += f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING"
    params = {"rows": _as_json(rows)}
    if returning is None:
        session.execute(text(sql), params)
        return []
    return list(session.scalars(text(sql + f" RETURNING {returning}"), params))


def update_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]], *,
                key: str = "id", same: Mapping[str, Any] | None = None) -> None:
    """Set each row's values on the table row with its `key`; `same` holds values every
    row gets. Every row has the same keys."""
    if not rows:
        return
    same = dict(same or {})
    names = [n for n in rows[0] if n != key]
    if not is_postgresql(session):
        statement = (update(table).where(table.c[key] == bindparam("b__key"))
                     .values({**{n: bindparam(f"b_{n}") for n in names}, **same}))
        session.connection().execute(statement, [
            {"b__key": r[key], **{f"b_{n}": r[n] for n in names}} for r in rows])
        return
    # Values every row gets go in the same JSON, so that they are typed as the columns.
    columns = [*names, *same]
    payload = [{**r, **same} for r in rows] if same else rows
    sets = ", ".join(f"{n} = u.{n}" for n in columns)
    session.execute(text(
        f"UPDATE {table.name} SET {sets} "
        f"FROM json_populate_recordset(NULL::{table.name}, CAST(:rows AS JSON)) AS u "
        f"WHERE {table.name}.{key} = u.{key}"), {"rows": _as_json(payload)})


def next_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids from the table's id sequence (PostgreSQL), in ascending order."""
    ids = session.scalars(text(
        f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
        "FROM generate_series(1, :n)"), {"n": count})
    return sorted(int(i) for i in ids)
