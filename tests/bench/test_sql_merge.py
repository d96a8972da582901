"""The ``import_sql`` row's baseline is honest: the merge written in SQL ends with the same
records, held ranges, change log and run signatures as a real import of the same bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import sync_rows  # noqa: E402
from tests.unit.core.sync.helpers import data  # noqa: E402


def _state(path: Path) -> dict[str, object]:
    db = sync_rows._open(path)
    try:
        with db.read() as session:
            local = {t: sorted(tuple(r) for r in session.execute(text(q))) for t, q in (
                ("held_ranges", "SELECT origin, ranges FROM held_ranges"),
                ("change_runs", "SELECT origin, lo, hi, signature FROM change_runs"),
                ("changes", "SELECT tbl, row_id, field, value, hlc, origin, seq, "
                            "prev_origin, prev_seq FROM changes"))}
        return {"records": data(db), **local}
    finally:
        db.close()


def test_the_sql_merge_ends_with_the_records_of_a_real_import(tmp_path: Path) -> None:
    api = sync_rows.sync_api()
    assert not isinstance(api, str)
    with sync_rows._cheap_keys():
        pair = sync_rows.Pair(api, sync_rows.source_db(600, root=tmp_path / "cache"),
                              tmp_path / "work")
    try:
        assert pair.count >= 600
        pair.import_()
        imported = (tmp_path / "work" / "receiving").rename(tmp_path / "work" / "imported")
        pair.sql_import()
        by_sql = _state(tmp_path / "work" / "receiving")
        by_import = _state(imported)
    finally:
        pair.close()
    assert by_sql["records"]["sessions"]  # the bundle made rows, not nothing equal nothing
    assert by_sql == by_import
