"""The benchmark harness itself works: it builds its data sets, measures a row against its
baseline, says why a row cannot run, and writes the table. Tiny data and one run: speed
targets are checked by ``python -m bench``, never here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.__main__ import main  # noqa: E402
from bench.harness import MISS, OK, Row, compare, markdown  # noqa: E402

from bench import app_rows, data  # noqa: E402


def test_a_row_compares_medians_and_judges_the_ratio_against_its_target() -> None:
    fast = compare(Row("r", "subject", "baseline", 2.0), lambda: 3.0, lambda: 2.0, runs=3)
    assert fast.subject == [3.0, 3.0, 3.0] and fast.baseline == [2.0, 2.0, 2.0]
    assert fast.ratio == pytest.approx(1.5) and fast.status == OK
    slow = compare(Row("r", "subject", "baseline", 1.2), lambda: 3.0, lambda: 2.0, runs=1)
    assert slow.status == MISS


def test_the_stress_set_is_searchable_and_has_every_table_filled(tmp_path: Path) -> None:
    from sqlalchemy import text

    from clinicapp import paths
    from clinicapp.core.services import search
    from clinicapp.core.storage.db import Database

    built = data.stress_db(data.TINY, root=tmp_path, log=lambda _line: None)
    db = Database.open(paths.resolve(built), passphrase=data.PASSPHRASE)
    try:
        with db.read() as session:
            counts = {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                      for t in ("sessions", "attendance", "reflections", "reflections_fts")}
        assert counts == {"sessions": 200, "attendance": 1000, "reflections": 200,
                          "reflections_fts": 200}
        hits = search.search(db, "patient", limit=5)
        assert hits and all(hit.kind == "reflection" for hit in hits)
    finally:
        db.close()
    # A second call finds the cache and does not rebuild it.
    assert data.stress_db(data.TINY, root=tmp_path, log=pytest.fail) == built


def test_the_bare_qt_baseline_shows_its_window_and_reports_its_memory() -> None:
    seconds, report = app_rows.run_probe(app_rows.BARE)
    assert report["probe"] == "shown" and report["rss_mib"] > 10 and seconds > 0


def test_the_suite_prints_and_writes_its_table(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    assert main(["--tiny", "--runs", "1", "--cache", str(tmp_path / "cache"), "--out",
                 str(out), "--only", "search"]) == 0
    printed = capsys.readouterr().out
    assert "| full-text search, stress set reflections (3 queries) |" in printed
    result = json.loads((out / "latest.json").read_text())
    assert {"cpu", "cores", "ram_gib", "python", "Qt", "sqlcipher", "date"} <= set(
        result["machine"])
    search_row = next(r for r in result["rows"] if r["key"] == "search")
    assert search_row["status"] in ("ok", "MISS") and search_row["ratio"] > 0
    assert (out / "latest.md").read_text() == markdown(
        [Row(**{k: v for k, v in r.items() if k in Row.__dataclass_fields__})
         for r in result["rows"]], result["machine"], 1, "tiny")
    assert len(list(out.glob("*-tiny.md"))) == 1
