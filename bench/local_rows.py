"""In-process rows: full-text search, the Sessions page, and the cost of encryption."""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.data import PASSPHRASE
from bench.harness import ERROR, SKIPPED, Row, compare, not_run
from clinicapp import paths as app_paths
from clinicapp.core.storage.db import Database

# Typed into the search box: a rare word, a common one, and two words together.
SEARCHES = ("insulin", "patient", "warfarin follow")


def open_db(data_dir: Path) -> Database:
    return Database.open(app_paths.resolve(data_dir), passphrase=PASSPHRASE)


def _missing(exc: ModuleNotFoundError) -> str:
    return f"not in this build yet ({exc.name} missing)"


# --- 3. full-text search ------------------------------------------------------------------

def search_row(stress_dir: Path, runs: int) -> Row:
    """``services.search.search_reflections`` (the reflections part of what the search box
    calls: the same query, plus turning rows into hits with names and snippets) against
    the raw FTS5 query over the reflections, on one already-open encrypted file. The whole
    search box (groups, members, sessions, notes too) is reported as a second figure."""
    from clinicapp.core.services import search

    row = Row("search", "full-text search, stress set reflections (3 queries)",
              "raw FTS5 query (sqlcipher3)", 1.5)
    db = open_db(stress_dir)
    raw = db.engine.raw_connection()
    conn = raw.driver_connection
    fields = "r.id, r.what, r.so_what, r.now_what, r.barriers, r.supports_needed"
    # The same plan as the service's FTS step (bm25 over the newest RANK_WINDOW matches),
    # written by hand: ranking every match of a common word would be a slower baseline.
    raw_sql = (f"SELECT {fields} FROM (SELECT rowid AS rid, rank AS score FROM "
               "reflections_fts WHERE reflections_fts MATCH ? ORDER BY rowid DESC "
               f"LIMIT {search.RANK_WINDOW}) w JOIN reflections r ON r.rowid = w.rid "
               "ORDER BY w.score LIMIT 50")
    try:
        def service() -> None:
            for typed in SEARCHES:
                search.search_reflections(db, typed, limit=50)

        def baseline() -> None:
            for typed in SEARCHES:
                conn.execute(raw_sql, (search.fts_query(search.terms_of(typed)),)).fetchall()

        service()  # warm the page cache and the pool alike for both sides
        baseline()
        compare(row, service, baseline, runs)
        whole = []
        for _ in range(runs):
            started = time.perf_counter()
            for typed in SEARCHES:
                search.search(db, typed, limit=50)
            whole.append(time.perf_counter() - started)
        row.note = (f"the whole search box (groups, members, sessions, reflections, notes): "
                    f"{statistics.median(whole) * 1000:.1f} ms")
    finally:
        raw.close()
        db.close()
    return row


# --- 2. the Sessions page -----------------------------------------------------------------

def _painted_after_rows() -> type:
    from PySide6.QtCore import QEvent, QObject

    class PaintedAfterRows(QObject):
        """Sees the table's viewport painted once the page's rows have arrived."""

        def __init__(self, page: Any) -> None:
            super().__init__(page)
            self.seen = False
            self._rows_in = False
            page.model.reloaded.connect(self._arrived)
            page.table.viewport().installEventFilter(self)

        def _arrived(self) -> None:
            self._rows_in = True

        def eventFilter(self, watched: Any, event: Any) -> bool:
            if self._rows_in and event.type() == QEvent.Type.Paint:
                self.seen = True  # the paint runs before the loop returns
            return False

    return PaintedAfterRows


def _page_time(qapp: Any, data_dir: Path) -> Callable[[], float]:
    """Seconds from building the real SessionsPage to its first rows painted."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    from clinicapp.ui.context import AppContext
    from clinicapp.ui.ops import DataEvents, wait_for_ops
    from clinicapp.ui.pages.sessions import SessionsPage

    PaintedAfterRows = _painted_after_rows()
    db = open_db(data_dir)
    ctx = AppContext(db, app_paths.resolve(data_dir), DataEvents())

    def once() -> float:
        started = time.perf_counter()
        page = SessionsPage(ctx)
        page.resize(1200, 800)
        loop = QEventLoop()
        painted = PaintedAfterRows(page)
        page.model.reloaded.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)  # a hung page fails the row, not the run
        page.show()
        page.on_shown()
        if page.model.loading:
            loop.exec()
        if not painted.seen:
            # The first rows drawn, not only fetched. When they came before the page's
            # first paint, the loop already drew them (before returning): drawing them
            # again would time a second paint no one waits for.
            page.table.viewport().repaint()
        elapsed = time.perf_counter() - started
        if page.model.loading:
            raise RuntimeError("the Sessions page showed no rows within 30 s")
        wait_for_ops()
        page.close()
        page.deleteLater()
        qapp.processEvents()
        return elapsed

    once.db = db  # type: ignore[attr-defined]
    return once


def sessions_page_row(stress_dir: Path, empty_dir: Path, runs: int) -> Row:
    what, base = "Sessions page open + first rows, stress DB", "same on an empty DB"
    try:
        import clinicapp.ui.pages.sessions  # noqa: F401
    except ImportError as exc:  # the page is written; a service under it may not be yet
        return not_run("sessions_page", what, base, 1.2, SKIPPED,
                       f"not in this build yet ({exc})"[:160])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance() or QApplication([])
    stress, empty = _page_time(qapp, stress_dir), _page_time(qapp, empty_dir)
    try:
        stress()  # first use: imports and Qt style setup land in neither side's median
        empty()
        # The app freezes what start-up built once its first page is shown
        # (ui.startup.collect_again), so a collection never walks the modules, mappers
        # and widgets; without this the bench's own heap would be walked by whichever
        # side happens to trigger a collection (17 ms, seen on the stress side).
        gc.collect()
        gc.freeze()
        row = compare(Row("sessions_page", what, base, 1.2), stress, empty, runs)
    finally:
        gc.unfreeze()
        for fn in (stress, empty):
            fn.db.close()  # type: ignore[attr-defined]
    return row


# --- issue 11: the cost of encryption ------------------------------------------------------

def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], None]:
    """A timed call whose result is dropped (compare() times calls that return None)."""
    def run() -> None:
        fn(*args, **kwargs)
    return run


def plain_copy(encrypted: Database, target: Path) -> Database:
    """An unencrypted copy of an encrypted database, page for page (sqlcipher_export),
    opened the way the server opens SQLite: ``Database.from_url``."""
    raw = encrypted.engine.raw_connection()
    try:
        conn = raw.driver_connection
        conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        raw.close()
    # the same journal mode and sync level as the workstation's connections
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    plain = Database.from_url(f"sqlite:///{target}")

    @event.listens_for(plain.engine, "connect")
    def _synchronous(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA synchronous = NORMAL")

    return plain


def encryption_rows(demo_dir: Path, runs: int, writes: int = 20) -> list[Row]:
    """A service write and a page read, SQLCipher against plain SQLite, same data."""
    from clinicapp.core.services import groups

    work = Path(tempfile.mkdtemp(prefix="clinicapp-bench-"))
    try:
        shutil.copytree(demo_dir, work / "enc")
        encrypted = open_db(work / "enc")
        plain = plain_copy(encrypted, work / "plain.db")
        counter = iter(range(10**9))

        def write_on(db: Database) -> Callable[[], None]:
            def run() -> None:
                for _ in range(writes):
                    groups.create(db, f"Bench group {next(counter)}", division="Bench")
            return run

        rows = [compare(Row("encryption_write", f"{writes}× groups.create, five-year DB, "
                            "SQLCipher", "plain SQLite", None),
                        write_on(encrypted), write_on(plain), runs)]
        from clinicapp.core.services import today
        from clinicapp.core.sync import clock

        rows.append(compare(Row("encryption_today", "Today page data (today.dashboard), "
                                "five-year DB, SQLCipher", "plain SQLite", None),
                            _call(today.dashboard, encrypted, clock.today()),
                            _call(today.dashboard, plain, clock.today()), runs))
        try:
            sessions = importlib.import_module("clinicapp.core.services.sessions")
        except ModuleNotFoundError as exc:
            rows.append(not_run("encryption_read", "sessions.list_sessions first page, "
                                "SQLCipher", "plain SQLite", None, SKIPPED, _missing(exc)))
        else:
            def read_on(db: Database) -> Callable[[], None]:
                return _call(sessions.list_sessions, db, offset=0, limit=200)

            rows.append(compare(Row("encryption_read", "sessions.list_sessions first page "
                                    "(200), five-year DB, SQLCipher", "plain SQLite", None),
                                read_on(encrypted), read_on(plain), runs))
        encrypted.close()
        plain.close()
        return rows
    except Exception as exc:  # one failed row must not sink the suite
        return [not_run("encryption_write", "cost of encryption", "plain SQLite", None,
                        ERROR, f"{type(exc).__name__}: {exc}")]
    finally:
        shutil.rmtree(work, ignore_errors=True)
