"""``bulk.insert_behind``: the merge's log rows inserted on a worker thread (PostgreSQL)
while the merge decides winners; at once on SQLite. The rows land as ``insert`` lands
them, a failure is raised by ``wait`` (every time), and a rollback after it leaves none."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import Engine, Table, func, select
from sqlalchemy.exc import IntegrityError

from clinicapp.core.models import Change
from clinicapp.core.sync import bulk
from clinicapp.core.sync.merge import CHANGE_COLUMNS

LOG: Table = Change.__table__  # type: ignore[assignment]


def _rows(lo: int, hi: int, origin: str = "o" * 36) -> list[tuple[object, ...]]:
    return [("members", f"row-{seq}", "full_name", '"x"', f"{seq:012d}", origin, seq,
             None, None) for seq in range(lo, hi)]


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(LOG)) or 0)


def test_rows_land_in_batches_and_a_query_after_wait_sees_them(engine: Engine) -> None:
    with engine.begin() as conn:
        behind = bulk.insert_behind(conn, LOG, CHANGE_COLUMNS,
                                    [partial(_rows, 1, 3_001), partial(_rows, 3_001, 5_001)])
        behind.wait()
        behind.wait()  # again: nothing more
        assert conn.scalar(select(func.count()).select_from(LOG)) == 5_000
        stored = conn.execute(select(*(LOG.c[c] for c in CHANGE_COLUMNS))
                              .order_by(LOG.c.seq)).all()
    assert [tuple(r) for r in stored] == _rows(1, 5_001)
    assert _count(engine) == 5_000


def test_a_failed_insert_is_raised_by_wait_and_leaves_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        bulk.insert(conn, LOG, CHANGE_COLUMNS, _rows(1, 11))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        # the second batch repeats (origin, seq) 5: the database refuses it
        behind = bulk.insert_behind(conn, LOG, CHANGE_COLUMNS,
                                    [partial(_rows, 11, 2_000), partial(_rows, 5, 6)])
        try:
            behind.wait()
        finally:
            with pytest.raises(IntegrityError):
                behind.wait()  # said again, not swallowed
    assert _count(engine) == 10  # the first batch went with the rollback
