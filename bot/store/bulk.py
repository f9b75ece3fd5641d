"""Set-based writes: any number of rows in one statement.

On PostgreSQL the rows go as columns: `INSERT … SELECT FROM unnest(:a, :b, …)` (and
`UPDATE … FROM unnest(…)`), a statement of one array parameter per column whatever
the number of rows. A multi-row `VALUES` list of a thousand rows has ten thousand
parameters, and the driver's cost of splitting such a statement, and SQLAlchemy's of
building it, outweighed the database's own work several times (bench/scale.py).
Elsewhere (SQLite, one local file) an executemany of the same rows.

Values are converted as the models' types would: aware datetimes to naive UTC
(`UTCDateTime`), JSON to its text.
"""

from __future__ import annotations

import json
from enum import Enum
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, String, Table, bindparam, insert, text, update
from sqlalchemy.orm import Session

from bot.store.models import UTCDateTime


def is_postgresql(session: Session) -> bool:
    """Whether the session's database is PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


def _array_of(session: Session, table: Table, name: str) -> tuple[str, Any]:
    """The SQL element type of column `name` as an unnest argument, and a converter."""
    column_type = table.c[name].type
    if isinstance(column_type, JSON):
        return "TEXT", lambda v: json.dumps(v)
    if isinstance(column_type, UTCDateTime):
        return "TIMESTAMP WITHOUT TIME ZONE", lambda v: column_type.process_bind_param(v, None)
    if isinstance(column_type, String):
        # A state given as its enum member is stored as its value, as SQLAlchemy would.
        return column_type.compile(dialect=session.get_bind().dialect), (
            lambda v: v.value if isinstance(v, Enum) else v)
    return column_type.compile(dialect=session.get_bind().dialect), None


def _columns(session: Session, table: Table, names: Sequence[str],
             rows: Sequence[Mapping[str, Any]]) -> tuple[list[str], dict[str, list[Any]]]:
    """`CAST(:c_i AS type[])` per column, and the columns' values as lists."""
    params, casts = {}, []
    for i, name in enumerate(names):
        sql_type, convert = _array_of(session, table, name)
        values = [row.get(name) for row in rows]
        if convert is not None:
            values = [None if v is None and sql_type != "TEXT" else convert(v) for v in values]
        params[f"c_{i}"] = values
        casts.append(f"CAST(:c_{i} AS {sql_type}[])")
    return casts, params


def _select_list(table: Table, names: Sequence[str]) -> str:
    """The unnest's columns as the table's columns need them (JSON is sent as text)."""
    return ", ".join(f"CAST(u.c_{i} AS JSON)" if isinstance(table.c[n].type, JSON)
                     else f"u.c_{i}" for i, n in enumerate(names))


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
    casts, params = _columns(session, table, names, rows)
    aliases = ", ".join(f"c_{i}" for i in range(len(names)))
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"SELECT {_select_list(table, names)} "
           f"FROM unnest({', '.join(casts)}) AS u({aliases})")
    if skip_conflicts_on:
        sql += f" ON CONFLICT ({', '.join(skip_conflicts_on)}) DO NOTHING"
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
    columns = [key, *names]
    casts, params = _columns(session, table, columns, rows)
    aliases = ", ".join(f"c_{i}" for i in range(len(columns)))
    selected = _select_list(table, columns).split(", ")
    sets = [f"{n} = {selected[i + 1]}" for i, n in enumerate(names)]
    for i, (name, value) in enumerate(same.items()):
        sql_type, convert = _array_of(session, table, name)
        params[f"s_{i}"] = convert(value) if convert is not None else value
        as_type = "JSON" if isinstance(table.c[name].type, JSON) else sql_type
        sets.append(f"{name} = CAST(:s_{i} AS {as_type})")
    session.execute(text(
        f"UPDATE {table.name} SET {', '.join(sets)} "
        f"FROM unnest({', '.join(casts)}) AS u({aliases}) "
        f"WHERE {table.name}.{key} = u.c_0"), params)


def next_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids from the table's id sequence (PostgreSQL), in ascending order."""
    ids = session.scalars(text(
        f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
        "FROM generate_series(1, :n)"), {"n": count})
    return sorted(int(i) for i in ids)
