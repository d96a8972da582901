"""Lookups by long lists of ids, the way each engine takes them best.

The merge and its checks look rows up by thousands of ids at a time. ``column IN (…)``
binds one parameter per id: on PostgreSQL a statement of 2,600 parameters cost more in
SQLAlchemy's expansion, psycopg's adaptation and the server's parsing than the lookup
itself, and its text (so its plan) changed with every count. There it is one array
parameter instead, ``column = ANY(:ids)``: one statement whatever the count, in chunks
far larger. SQLite has no arrays; it keeps ``IN`` of at most ``SQLITE_CHUNK`` ids (its
limit on parameters was 999 in older builds, and the workstation's import is measured on
that path).

Every caller goes through ``among``, so the choice is made here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Table, any_, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession

SQLITE_CHUNK = 500
POSTGRES_CHUNK = 100_000  # one array parameter: bounded only to bound one result's size
ANALYZE_FROM = 10_000  # rows: below, any plan is quick
GROWTH = 4
UNANALYZED = frozenset({"value"})  # after_bulk_load: columns no lookup filters on


def dialect_of(bind: OrmSession | Connection) -> str:
    if isinstance(bind, Connection):
        return bind.dialect.name
    return bind.get_bind().dialect.name


def chunk_size(bind: OrmSession | Connection) -> int:
    return POSTGRES_CHUNK if dialect_of(bind) == "postgresql" else SQLITE_CHUNK


def among(bind: OrmSession | Connection, column: Any, values: Iterable[Any]
          ) -> Iterator[ColumnElement[bool]]:
    """Conditions ``column IN values``, one per chunk: a query per condition finds, put
    together, the rows whose ``column`` is one of ``values``. No condition at all for no
    values (the caller makes no query). Pass distinct values: they are not deduplicated."""
    items = values if isinstance(values, list) else list(values)
    if not items:
        return
    if dialect_of(bind) == "postgresql":
        array = ARRAY(column.type)
        for start in range(0, len(items), POSTGRES_CHUNK):
            part = items[start:start + POSTGRES_CHUNK]
            yield column == any_(bindparam(None, part, type_=array))
        return
    for start in range(0, len(items), SQLITE_CHUNK):
        yield column.in_(items[start:start + SQLITE_CHUNK])


def after_bulk_load(connection: Connection, table: Table, rows_now: int) -> bool:
    """Refresh PostgreSQL's statistics of ``table`` when it holds far more rows than they
    say (``ANALYZE``, inside the caller's transaction, which it sees whole: its own
    uncommitted rows are sampled). True if it did.

    Autovacuum analyzes a table a minute or more after it grew; a new server taking its
    first workstations' backlogs merges bundle after bundle before then, and with no
    statistics the planner took ``tbl = …`` for a few rows and filtered every change of
    the table through ``row_id = ANY(…)`` instead of probing the index for each id:
    20–30 ms a lookup at 100,000 changes instead of 0.4. The statistics count fractions,
    and the planner scales them to the table's current size, so they are refreshed only
    when the table has grown ``GROWTH`` times past what they last counted (a few times
    over a server's life); ANALYZE samples at most 30,000 rows whatever the size."""
    if rows_now < ANALYZE_FROM or connection.dialect.name != "postgresql":
        return False
    # reltuples is written in place, so it outlives the rollback of a refused bundle's
    # ANALYZE, but the statistics do not: both are asked for.
    counted, has_statistics = connection.execute(text(
        "SELECT reltuples, EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = "
        "current_schema() AND tablename = :name) FROM pg_class WHERE oid = "
        "CAST(:name AS regclass)"), {"name": table.name}).one()
    if has_statistics and rows_now <= GROWTH * max(float(counted), 0.0):
        return False
    quote = connection.dialect.identifier_preparer.quote
    # Only the columns lookups filter on: the log's values (its widest column, sorted for
    # its histogram) were half of each ANALYZE, and no plan depends on them.
    columns = ", ".join(quote(c.name) for c in table.c if c.name not in UNANALYZED)
    connection.exec_driver_sql(f"ANALYZE {quote(table.name)} ({columns})")
    return True


__all__ = ["ANALYZE_FROM", "GROWTH", "POSTGRES_CHUNK", "SQLITE_CHUNK", "after_bulk_load",
           "among", "chunk_size", "dialect_of"]
