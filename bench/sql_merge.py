"""The import's merge written directly in SQL with the ``sqlite3``-style driver
(sqlcipher3): the baseline of the ``import_sql`` row.

It does the merge's work on the same change rows, into the same kind of encrypted file, in
one transaction, and ends with the same records (``tests/bench/test_sql_merge.py`` checks
it against a real import): the change rows in multi-row ``INSERT``s (as the import writes
them: faster than ``executemany``, see ``core/sync/bulk.py``); each field's winner by
``(hlc, origin)`` with a window function over every change of the rows concerned (pruned
stubs never win); the rows built from their winners by one ``INSERT … SELECT`` per table in
foreign-key order, each value decoded by SQLite's JSON functions into the column's stored
form (datetimes as SQLAlchemy writes them, naive UTC with microseconds); the origin's held
ranges as islands of consecutive seqs; the runs' signatures; the clock.

What it leaves out, because the bench's bundle never needs it: the receiver is fresh, so
every row is new (an existing row would need an UPDATE) and no edit is concurrent (no
conflict to record). What it does not do at all is the import's checking: decryption,
signatures, formats, rights — that is what the ratio measures.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Date

from clinicapp.core.models import SYNCED_MODELS
from clinicapp.core.models.base import UTCDateTime
from clinicapp.core.sync.bulk import value_lists

CHANGE_COLUMNS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq", "prev_origin",
                  "prev_seq")

# A JSON datetime text ("2024-03-04T15:30:00.123456+00:00") as SQLAlchemy stores it in
# SQLite ("2024-03-04 15:30:00.123456", UTC): strftime normalises the offset.
_DATETIME = ("strftime('%Y-%m-%d %H:%M:%S', {v}) || '.' || CASE WHEN instr({v}, '.') > 0 "
             "THEN substr({v}, instr({v}, '.') + 1, 6) ELSE '000000' END")


def _stored(column: Any) -> str:
    """SQL turning a winner's JSON text (``w.value``) into ``column``'s stored value."""
    scalar = "json_extract(w.value, '$')"
    if isinstance(column.type, UTCDateTime):
        return _DATETIME.format(v=scalar)
    if isinstance(column.type, JSON):
        return "w.value"  # JSON columns hold JSON text (null included)
    if isinstance(column.type, Boolean | Date):
        return scalar  # true/false -> 1/0; dates are ISO text already
    return scalar


def _insert_rows(table: Any) -> str:
    cols = [c for c in table.c if c.name != "id"]
    picks = ", ".join(f"MAX(CASE WHEN w.field = '{c.name}' THEN {_stored(c)} END)"
                      for c in cols)
    return (f"INSERT INTO {table.name} (id, {', '.join(c.name for c in cols)}) "
            f"SELECT w.row_id, {picks} FROM temp.winners w WHERE w.tbl = '{table.name}' "
            "GROUP BY w.row_id")


WINNERS = """
CREATE TEMP TABLE winners AS
WITH touched AS (SELECT DISTINCT tbl, row_id FROM changes WHERE id > :before),
ranked AS (
  SELECT c.tbl, c.row_id, c.field, c.value,
         row_number() OVER (PARTITION BY c.tbl, c.row_id, c.field
                            ORDER BY c.hlc DESC, c.origin DESC) AS rank
  FROM changes c JOIN touched t ON c.tbl = t.tbl AND c.row_id = t.row_id
  WHERE substr(c.value, 1, 1) <> '#')
SELECT tbl, row_id, field, value FROM ranked WHERE rank = 1
"""

HELD = """
INSERT INTO held_ranges (origin, ranges)
SELECT origin, json_group_array(json_array(lo, hi)) FROM (
  SELECT origin, min(seq) AS lo, max(seq) AS hi FROM (
    SELECT origin, seq, seq - row_number() OVER (PARTITION BY origin ORDER BY seq) AS island
    FROM changes WHERE id > :before)
  GROUP BY origin, island ORDER BY origin, lo)
GROUP BY origin
"""


def _insert_many(conn: Any, table: str, columns: tuple[str, ...],
                 rows: list[tuple[Any, ...]]) -> None:
    """Rows in statements of many rows each, as ``bulk.insert`` writes them."""
    for values, params in value_lists(rows, len(columns)):
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}", params)


def sql_merge(conn: Any, rows: list[tuple[Any, ...]], runs: list[tuple[Any, ...]]) -> None:
    """Merge ``rows`` (CHANGE_COLUMNS tuples) into the fresh replica behind ``conn``."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        _insert_many(conn, "changes", CHANGE_COLUMNS, rows)
        conn.execute(WINNERS, {"before": before})
        for model in SYNCED_MODELS:  # parents before children
            conn.execute(_insert_rows(model.__table__))  # type: ignore[attr-defined]
        conn.execute(HELD, {"before": before})
        _insert_many(conn, "change_runs", ("origin", "lo", "hi", "signature"), runs)
        conn.execute("UPDATE replica_state SET last_hlc = max(last_hlc, "
                     "(SELECT max(hlc) FROM changes WHERE id > ?))", (before,))
        conn.execute("DROP TABLE temp.winners")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
