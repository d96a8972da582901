"""Lookups by long id lists: one array parameter on PostgreSQL, ``IN`` on SQLite, the
same rows either way; and the statistics refreshed after a bulk load on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text

from clinicapp.core.models import Change
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import lookups
from tests.unit.core.sync.conftest import migrated

STORED = 3_000  # changes in the table; the lookups ask for far more ids than that


def _fill(engine: Engine) -> list[str]:
    """STORED changes, two per row, in three tables; returns the row ids."""
    row_ids = [str(uuid.UUID(int=i)) for i in range(STORED // 2)]
    rows = [{"tbl": ("groups", "members", "topics")[i % 3], "row_id": row_id, "field": f,
             "value": "1", "hlc": f"{i:012d}", "origin": "o" * 36, "seq": 2 * i + n,
             "prev_origin": None, "prev_seq": None}
            for i, row_id in enumerate(row_ids) for n, f in enumerate(("name", "notes"))]
    with engine.begin() as conn:
        conn.execute(insert(Change), rows)
    return row_ids


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    yield from migrated(pg_url)


def _found(engine: Engine, ids: list[str], tbl: str | None = None) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        out: list[tuple[str, str]] = []
        for among in lookups.among(conn, Change.row_id, ids):
            query = select(Change.row_id, Change.field).where(among)
            if tbl is not None:
                query = query.where(Change.tbl == tbl)
            out.extend((r, f) for r, f in conn.execute(query))
        return sorted(out)


def _by_in(engine: Engine, ids: list[str], tbl: str | None = None) -> list[tuple[str, str]]:
    """The same lookup as plain ``IN`` lists of 500, the way it was written before."""
    with engine.connect() as conn:
        out: list[tuple[str, str]] = []
        for start in range(0, len(ids), 500):
            query = select(Change.row_id, Change.field).where(
                Change.row_id.in_(ids[start:start + 500]))
            if tbl is not None:
                query = query.where(Change.tbl == tbl)
            out.extend((r, f) for r, f in conn.execute(query))
        return sorted(out)


def test_the_lookup_finds_the_rows_in_of_the_same_ids_finds(engine: Engine) -> None:
    row_ids = _fill(engine)
    some = row_ids[::7]
    assert _found(engine, some) == _by_in(engine, some)
    assert _found(engine, some) == sorted((r, f) for r in some for f in ("name", "notes"))
    assert _found(engine, some, "members") == _by_in(engine, some, "members") != []


def test_no_ids_make_no_query_and_find_nothing(engine: Engine) -> None:
    _fill(engine)
    with engine.connect() as conn:
        assert list(lookups.among(conn, Change.row_id, [])) == []
        assert list(lookups.among(conn, Change.row_id, iter(()))) == []
    assert _found(engine, []) == []


def test_more_than_100000_ids_across_chunks_find_every_stored_row(engine: Engine) -> None:
    row_ids = _fill(engine)
    unknown = [str(uuid.uuid4()) for _ in range(lookups.POSTGRES_CHUNK + 5_000)]
    # Stored ids before, between and after the chunks' boundaries (every 500 on SQLite,
    # every 100,000 on PostgreSQL); unknown ids and an id that could be mistaken for SQL.
    ids = (row_ids[:10] + unknown[:lookups.POSTGRES_CHUNK - 10] + row_ids[10:20]
           + unknown[lookups.POSTGRES_CHUNK:] + ["x' OR '1'='1"] + row_ids[20:])
    with engine.connect() as conn:
        conditions = list(lookups.among(conn, Change.row_id, ids))
    size = lookups.POSTGRES_CHUNK if engine.dialect.name == "postgresql" else 500
    assert len(conditions) == -(-len(ids) // size) > 1
    found = _found(engine, ids)
    assert found == sorted((r, f) for r in row_ids for f in ("name", "notes"))
    assert found == _by_in(engine, ids)


def test_postgresql_takes_one_array_parameter_per_chunk(pg_url: str) -> None:
    db = Database.from_url(pg_url)
    try:
        with db.engine.connect() as conn:
            (condition,) = lookups.among(conn, Change.row_id, ["a", "b", "c"])
            sql = str(condition.compile(dialect=conn.dialect))
            assert "ANY" in sql and sql.count("%(") == 1
    finally:
        db.engine.dispose()


def test_sqlite_keeps_its_in_lists(tmp_path: Path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'in.db'}")
    try:
        with db.engine.connect() as conn:
            (condition,) = lookups.among(conn, Change.row_id, ["a", "b", "c"])
            assert " IN " in str(condition.compile(dialect=conn.dialect))
            assert not lookups.after_bulk_load(conn, Change.__table__, 10**6)  # type: ignore[arg-type]
    finally:
        db.engine.dispose()


def test_statistics_are_refreshed_only_when_the_table_grew_past_them(pg_engine: Engine
                                                                      ) -> None:
    engine = pg_engine
    with engine.begin() as conn:  # autovacuum must not analyze behind the test's back
        conn.exec_driver_sql("ALTER TABLE changes SET (autovacuum_enabled = false)")
    row_ids = _fill(engine)
    table = Change.__table__

    def counted() -> float:
        with engine.connect() as conn:
            return float(conn.scalar(text(
                "SELECT reltuples FROM pg_class WHERE oid = 'changes'::regclass")))

    with engine.begin() as conn:  # too small to matter
        assert not lookups.after_bulk_load(conn, table, lookups.ANALYZE_FROM - 1)  # type: ignore[arg-type]
    assert counted() < 0  # never analyzed
    with engine.begin() as conn:
        assert lookups.after_bulk_load(conn, table, lookups.ANALYZE_FROM)  # type: ignore[arg-type]
    assert counted() == STORED
    with engine.begin() as conn:  # statistics of STORED rows hold up to GROWTH times that
        assert not lookups.after_bulk_load(conn, table, lookups.GROWTH * STORED)  # type: ignore[arg-type]
    # Inside the loading transaction its own rows are counted.
    with engine.connect() as conn:
        conn.execute(insert(Change), [
            {"tbl": "members", "row_id": row_ids[0], "field": "notes", "value": "2",
             "hlc": f"z{i:011d}", "origin": "p" * 36, "seq": i, "prev_origin": None,
             "prev_seq": None} for i in range(lookups.GROWTH * STORED)])
        assert lookups.after_bulk_load(conn, table, (lookups.GROWTH + 1) * STORED)  # type: ignore[arg-type]
        assert float(conn.scalar(text("SELECT reltuples FROM pg_class WHERE oid = "
                                      "'changes'::regclass"))) == (lookups.GROWTH + 1) * STORED
        conn.rollback()


def test_statistics_lost_with_a_rollback_are_made_again(pg_engine: Engine) -> None:
    """PostgreSQL writes a table's row count in place: it outlives the rollback of the
    transaction that analyzed, the statistics themselves do not."""
    with pg_engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE changes SET (autovacuum_enabled = false)")
    _fill(pg_engine)
    table = Change.__table__
    for _ in range(2):
        with pg_engine.connect() as conn:
            assert lookups.after_bulk_load(conn, table, lookups.ANALYZE_FROM)  # type: ignore[arg-type]
            conn.rollback()
        with pg_engine.connect() as conn:
            assert conn.scalar(text("SELECT reltuples FROM pg_class WHERE oid = "
                                    "'changes'::regclass")) == STORED
            assert not conn.scalar(text(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'changes'"))


HOSTILE = ['a"b', "back\\slash", 'end\\', '\\"', "NULL", "null", "", " spaced ", "a,b",
           "{x}", "}{", "ünï", "x' OR '1'='1", '"}', "a\tb"]


def test_ids_that_could_break_an_array_literal_find_exactly_their_rows(
        engine: Engine) -> None:
    rows = [{"tbl": "members", "row_id": row_id, "field": "name", "value": "1",
             "hlc": f"{i:012d}", "origin": "o" * 36, "seq": i + 1, "prev_origin": None,
             "prev_seq": None} for i, row_id in enumerate(HOSTILE)]
    with engine.begin() as conn:
        conn.execute(insert(Change), rows)
    for wanted in (HOSTILE, HOSTILE[::2], ["NULL"], [""], ['a"b', "nothing"]):
        assert _found(engine, wanted) == _by_in(engine, wanted)
        assert _found(engine, wanted) == sorted((r, "name") for r in set(wanted)
                                                if r in HOSTILE)
    with engine.connect() as conn:  # integers: seqs, one of them not stored
        found = set()
        for among in lookups.among(conn, Change.seq, [1, 3, 5, 999]):
            found.update(conn.execute(select(Change.row_id).where(among)).scalars())
    assert found == {HOSTILE[0], HOSTILE[2], HOSTILE[4]}

