"""Bulk writes for the merge: the rows it has decided go to the driver as plain tuples
(multi-row ``INSERT … VALUES`` on SQLite, ``COPY`` on PostgreSQL) instead of through
SQLAlchemy's per-row parameter building, which costs more than the database itself for
rows that are only stored.

On SQLite one statement carries many rows, not one row per execution (``executemany``):
each execution of a statement is its own statement transaction, and a full-text index
(FTS5) flushes what it has gathered at each one, so a row of ``sessions`` written alone
left a segment of its own to be merged. The 4,199 sessions of the bench's bundle: 338 ms
one by one, 80 ms 500 at a time; the change log's 100,000 rows, with no trigger, 1.0-1.1 s
against 0.71-0.8 s.

Each value still goes through its column's own bind conversion (the same function
SQLAlchemy would call), so a row written here is byte for byte the row an ORM insert would
write. Errors are raised as from any other write (``IntegrityError`` …: SQLAlchemy's, or
on SQLCipher the driver's own, which SQLAlchemy does not wrap).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Column, Table, bindparam
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

Convert = Callable[[Any], Any] | None

# Rows per SQLite statement: up to 500, within 999 parameters (SQLite's limit before 3.32,
# so any build takes them; 100 rows and 2,000 cost the same for the change log).
ROWS_PER_STATEMENT, MAX_PARAMETERS = 500, 999


def converters(connection: Connection, table: Table, columns: Sequence[str]
               ) -> list[Convert]:
    """Each column's bind conversion on this connection's dialect (None: as it is)."""
    dialect = connection.dialect
    return [table.c[name].type._cached_bind_processor(dialect) for name in columns]


def convert(rows: Iterable[Sequence[Any]], convs: Sequence[Convert]) -> list[tuple[Any, ...]]:
    """Rows of Python values as the driver takes them (None goes through the conversion
    too, as SQLAlchemy's does: a JSON column stores it as ``null``)."""
    todo = [(i, f) for i, f in enumerate(convs) if f is not None]
    if not todo:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        values = list(r)
        for i, f in todo:
            values[i] = f(values[i])
        out.append(tuple(values))
    return out


def _quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def insert(connection: Connection, table: Table, columns: Sequence[str],
           rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert driver-ready rows (see ``convert``) into ``table``'s ``columns``."""
    if not rows:
        return
    name = _quoted(connection, table.name)
    cols = ", ".join(_quoted(connection, c) for c in columns)
    if connection.dialect.name == "postgresql":
        _copy(connection, f"COPY {name} ({cols}) FROM STDIN", rows)
        return
    for values, params in value_lists(rows, len(columns)):
        connection.exec_driver_sql(f"INSERT INTO {name} ({cols}) VALUES {values}", params)


def value_lists(rows: Sequence[Sequence[Any]], width: int
                ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """``rows`` of ``width`` values as SQLite takes many in one statement: for each chunk
    (``ROWS_PER_STATEMENT`` rows within ``MAX_PARAMETERS``), its ``(?, …), (?, …)`` and
    its parameters in one flat tuple."""
    one = "(" + ", ".join("?" * width) + ")"
    per = max(1, min(ROWS_PER_STATEMENT, MAX_PARAMETERS // width))
    full = ", ".join([one] * per)
    for start in range(0, len(rows), per):
        chunk = rows[start:start + per]
        yield (full if len(chunk) == per else ", ".join([one] * len(chunk)),
               tuple(chain.from_iterable(chunk)))


def update(connection: Connection, table: Table, columns: Sequence[str],
           rows: Sequence[tuple[Any, ...]]) -> None:
    """Set ``columns`` of existing rows: each of ``rows`` is (id, its values in Python, as
    the columns take them). On SQLite many rows a statement (``UPDATE … FROM (VALUES
    …)``: one statement transaction, so one flush of a full-text index, not one a row:
    4,199 sessions 183-194 ms one by one, 42 ms 300 at a time); elsewhere one
    executemany of SQLAlchemy's UPDATE."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        statement = (sql_update(table).where(table.c.id == bindparam("b_id"))
                     .values({c: bindparam("b_" + c) for c in columns}))
        keys = ["b_id", *("b_" + c for c in columns)]
        connection.execute(statement, [dict(zip(keys, r, strict=True)) for r in rows])
        return
    driver_rows = convert(rows, converters(connection, table, ("id", *columns)))
    name = _quoted(connection, table.name)
    sets = ", ".join(f"{_quoted(connection, c)} = v.column{i}"
                     for i, c in enumerate(columns, start=2))
    for values, params in value_lists(driver_rows, len(columns) + 1):
        connection.exec_driver_sql(f"UPDATE {name} SET {sets} FROM (VALUES {values}) AS v "
                                   f"WHERE {name}.id = v.column1", params)


class Behind:
    """Rows being inserted by a worker thread while the caller goes on with work that
    needs no database (PostgreSQL: the backend writes the rows and their indexes on the
    other core meanwhile). ``wait()`` before the connection is used again: it returns once
    they are in, and raises the insert's error, every time it is called after one."""

    def __init__(self, work: Callable[[], None] | None) -> None:
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if work is None:
            return

        def run() -> None:
            try:
                work()
            except BaseException as exc:  # handed to the caller's thread by wait()
                self._error = exc

        self._thread = threading.Thread(target=run, name="clinicapp-bulk-insert")
        self._thread.start()

    def join(self) -> None:
        """Wait for the worker, whatever it ended with (before a rollback)."""
        if self._thread is not None:
            self._thread.join()

    def wait(self) -> None:
        self.join()
        if self._error is not None:
            raise self._error


def insert_behind(connection: Connection, table: Table, columns: Sequence[str],
                  batches: Iterable[Callable[[], Sequence[tuple[Any, ...]]]]) -> Behind:
    """``insert`` of each batch of rows (made by its function, in the worker), on a worker
    thread on PostgreSQL; at once on SQLite (its connection stays on its thread). psycopg
    holds the connection's lock for a whole ``COPY``, so a statement sent meanwhile waits
    for it rather than interleaving; ``Behind.wait`` is still the rule."""
    if connection.dialect.name != "postgresql":
        for make in batches:
            insert(connection, table, columns, make())
        return Behind(None)
    todo = list(batches)

    def work() -> None:
        for make in todo:
            insert(connection, table, columns, make())

    return Behind(work)


def _copy(connection: Connection, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY through psycopg, inside the connection's transaction."""
    driver = connection.connection.driver_connection
    assert driver is not None
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error
                                  ) from exc


def python_default(column: Column[Any]) -> tuple[bool, Callable[[], Any]]:
    """Whether ``column`` has a Python-side default, and a function giving its value as
    a Core insert would (a callable is called once per row)."""
    default = column.default
    if default is None:
        return False, lambda: None
    if getattr(default, "is_scalar", False):
        value = default.arg  # type: ignore[attr-defined]
        return True, lambda: value
    if getattr(default, "is_callable", False):
        fn = default.arg  # type: ignore[attr-defined]
        return True, lambda: fn(None)
    return False, lambda: None
