"""Bundle rows: export and import of 100,000 changes, and import cost per change as the
bundle grows from 10,000 to 1,000,000 changes.

The sync engine's surface is ``clinicapp.core.sync.api`` (export_bundle, import_bundle,
public_identity, add_trusted). The source replicas are made by real ORM writes inside
``db.write()``, so every change row is recorded by the change log as in use; they are
cached under bench/.cache/ like the other data sets.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import importlib
import json
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import func, select

from bench.data import CACHE, PASSPHRASE, _is_built, _stamp
from bench.harness import ERROR, MISS, SKIPPED, Row, compare, not_run
from bench.sql_merge import sql_merge
from clinicapp import paths as app_paths
from clinicapp.core.keys import keystore
from clinicapp.core.models import Change, Group, Session
from clinicapp.core.storage.db import Database

CHANGE_COLUMNS = ("tbl", "row_id", "field", "value", "hlc", "origin", "seq", "prev_origin",
                  "prev_seq")
PER_TRANSACTION = 2_000  # sessions per write: about 50,000 changes


def sync_api() -> ModuleType | str:
    """The sync engine's module, or why it cannot be measured yet."""
    try:
        api = importlib.import_module("clinicapp.core.sync.api")
    except ModuleNotFoundError as exc:
        return f"not in this build yet ({exc.name} missing)"
    needed = ("export_bundle", "import_bundle", "public_identity", "add_trusted")
    absent = [name for name in needed if not hasattr(api, name)]
    return f"clinicapp.core.sync.api lacks {', '.join(absent)}" if absent else api


def _open(path: Path) -> Database:
    return Database.open(app_paths.resolve(path), passphrase=PASSPHRASE)


def _create(path: Path, name: str) -> Database:
    return Database.create(app_paths.resolve(path), PASSPHRASE, name)[0]


def change_count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Change)) or 0)


def source_db(changes: int, root: Path = CACHE) -> Path:
    """A replica holding at least ``changes`` change rows, written session by session."""
    path = root / f"sync-source-{changes}"
    if _is_built(path, kind="sync-source", changes=changes):
        return path
    if path.exists():
        shutil.rmtree(path)
    db = _create(path, "bench source")
    try:
        with db.write() as session:
            group = Group(name="Sync bench group", division="Bench")
            session.add(group)
        start = dt.datetime(2020, 1, 6, 14, tzinfo=dt.UTC)
        made = change_count(db)
        n = 0
        while made < changes:
            batch = min(PER_TRANSACTION, max(1, (changes - made) // 20))
            with db.write() as session:
                for _ in range(batch):
                    n += 1
                    session.add(Session(
                        group_id=group.id, title=f"Bench session {n}",
                        objectives=[f"Objective {n}"], location="Boardroom",
                        scheduled_start=start + dt.timedelta(hours=n), notes=f"Notes {n}"))
            made = change_count(db)
    finally:
        db.close()
    _stamp(path, kind="sync-source", changes=changes)
    return path


class Pair:
    """A source replica and a fresh receiving replica that trust each other. The receiver
    is kept as a template: every import runs on a fresh copy of it."""

    def __init__(self, api: ModuleType, source_dir: Path, work: Path) -> None:
        self.api = api
        self.work = work
        self.source = _open(source_dir)
        self.template = work / "receiver"
        receiver = _create(self.template, "bench receiver")
        try:
            self._trust(receiver, self.source, "bench source")
            # The cached source may still trust a receiver of an earlier run.
            if any(p.name == "bench receiver" for p in api.peers_status(self.source)):
                api.remove_trusted(self.source, "bench receiver")
            self._trust(self.source, receiver, "bench receiver")
        finally:
            receiver.close()
        self.bundle = work / "bench.bundle"
        self.count = change_count(self.source)

    def _trust(self, db: Database, other: Database, name: str) -> None:
        self.api.add_trusted(db, self.api.public_identity(other), name)

    def export(self) -> float:
        self.bundle.unlink(missing_ok=True)
        started = time.perf_counter()
        self.api.export_bundle(self.source, self.bundle, peer="bench receiver")
        return time.perf_counter() - started

    def fresh_receiver(self) -> Path:
        target = self.work / "receiving"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.template, target)
        return target

    def import_(self) -> float:
        if not self.bundle.exists():
            self.export()
        target = self.fresh_receiver()
        db = _open(target)  # the unlock is not part of an import
        try:
            started = time.perf_counter()
            self.api.import_bundle(db, self.bundle)
            return time.perf_counter() - started
        finally:
            db.close()

    def rows(self) -> list[tuple[Any, ...]]:
        raw = self.source.engine.raw_connection()
        try:
            cursor = raw.driver_connection.execute(
                f"SELECT {', '.join(CHANGE_COLUMNS)} FROM changes ORDER BY origin, seq")
            return list(cursor.fetchall())
        finally:
            raw.close()

    def raw_export(self) -> float:
        """The floor for an export: read the change rows and compress them."""
        started = time.perf_counter()
        payload = json.dumps(self.rows(), separators=(",", ":")).encode()
        (self.work / "raw.z").write_bytes(zlib.compress(payload, 6))
        return time.perf_counter() - started

    def run_rows(self) -> list[tuple[Any, ...]]:
        raw = self.source.engine.raw_connection()
        try:
            return list(raw.driver_connection.execute(
                "SELECT origin, lo, hi, signature FROM change_runs ORDER BY origin, lo"))
        finally:
            raw.close()

    def sql_import(self) -> float:
        """The same merge written directly in SQL (bench/sql_merge.py), same rows."""
        rows, runs = self.rows(), self.run_rows()
        target = self.fresh_receiver()
        db = _open(target)
        raw = db.engine.raw_connection()
        try:
            started = time.perf_counter()
            sql_merge(raw.driver_connection, rows, runs)
            return time.perf_counter() - started
        finally:
            raw.close()
            db.close()

    def raw_import(self) -> float:
        """The floor for an import: one executemany of the same rows, one transaction,
        into the same kind of encrypted file."""
        rows = self.rows()
        target = self.fresh_receiver()
        db = _open(target)
        raw = db.engine.raw_connection()
        try:
            conn = raw.driver_connection
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(f"INSERT INTO changes ({', '.join(CHANGE_COLUMNS)}) VALUES "
                             f"({', '.join('?' for _ in CHANGE_COLUMNS)})", rows)
            conn.execute("COMMIT")
            return time.perf_counter() - started
        finally:
            raw.close()
            db.close()

    def close(self) -> None:
        self.source.close()


@contextmanager
def _cheap_keys() -> Iterator[None]:
    before = keystore.LOG_N
    keystore.LOG_N = 10
    try:
        yield
    finally:
        keystore.LOG_N = before


def _with_pair(changes: int, fn: Callable[[Pair], list[Row]], fail: list[Row]) -> list[Row]:
    api = sync_api()
    if isinstance(api, str):
        return [not_run(r.key, r.what, r.baseline_what, r.target, SKIPPED, api) for r in fail]
    work = Path(tempfile.mkdtemp(prefix="clinicapp-bench-sync-"))
    pair = None
    try:
        with _cheap_keys():  # the replicas are throwaway; no row times an unlock
            pair = Pair(api, source_db(changes), work)
        return fn(pair)
    except Exception as exc:  # a failed row is reported, the suite goes on
        return [not_run(r.key, r.what, r.baseline_what, r.target, ERROR,
                        f"{type(exc).__name__}: {exc}"[:200]) for r in fail]
    finally:
        if pair is not None:
            pair.close()
        shutil.rmtree(work, ignore_errors=True)


def bundle_rows(runs: int, changes: int = 100_000) -> list[Row]:
    export = Row("export", f"export a bundle of {changes:,} changes",
                 "sqlite3 read + zlib", 1.5)
    import_ = Row("import", "import that bundle (verify, decrypt, check authority, merge)",
                  "sqlite3 executemany of the change rows, one transaction", 2.0)
    import_sql = Row("import_sql", "the same import",
                     "the same merge written in SQL (sqlite3, bench/sql_merge.py)", 1.3)

    def measure(pair: Pair) -> list[Row]:
        export.what = f"export a bundle of {pair.count:,} changes"
        import_.what = f"import that bundle of {pair.count:,} changes (verify, decrypt, " \
            "check authority, merge)"
        compare(export, pair.export, pair.raw_export, runs)
        compare(import_, pair.import_, pair.raw_import, runs)
        compare(import_sql, pair.import_, pair.sql_import, runs)
        return [export, import_, import_sql]

    return _with_pair(changes, measure, [export, import_, import_sql])


@contextmanager
def _unchecked() -> Iterator[None]:
    """The import with the authorship, claims, rights and strict-format checks taken out
    (what it cost before issue 16): the same decryption, inflation, merge and writes."""
    from clinicapp.core.sync import authority, exchange, merge, payload

    def accept(session: Any, manifest: Any, runs: Any, me: str, sender: Any,
               roots: Any = None, seen: Any = None) -> Any:
        changes = [c for _run, part in runs for c in part]
        fresh, duplicates = merge.new_changes(session, changes)
        return authority.Checked(fresh, duplicates, [run for run, _part in runs])

    class Unchecked:  # every line parsed by the general reader (C JSON), nothing checked
        def read(self, line: bytes) -> None:  # and nothing digested for the signatures
            return None

        def take_lines(self, lines: Any, i: int, part: Any, origin: Any, next_seq: Any,
                       left: int) -> tuple[int, Any, int]:
            return i, next_seq, left  # no line taken the fast way

        def start_run(self) -> None:
            pass

        def take(self, change: Any) -> None:
            pass

        def take_withheld(self, hex_digest: str) -> None:
            pass

        def root(self) -> bytes:
            return b""

        def seen(self) -> tuple[None, bool, None]:
            return None, True, None  # nothing noted: every change looked at, as before

    saved = (exchange.authority.check, payload.formats.check_change,
             payload.formats.ChangeLines)
    exchange.authority.check = accept  # type: ignore[assignment]
    payload.formats.check_change = lambda c: None
    payload.formats.ChangeLines = Unchecked  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        (exchange.authority.check, payload.formats.check_change,
         payload.formats.ChangeLines) = saved


def authority_row(runs: int, changes: int = 100_000) -> Row:
    """Import with every authority check ÷ the same import without them (target 1.1)."""
    row = Row("import_authority", f"import of {changes:,} changes, authorship and rights "
              "checked", "the same import, unchecked", 1.1)

    def measure(pair: Pair) -> list[Row]:
        pair.export()

        def unchecked() -> float:
            with _unchecked():
                return pair.import_()

        compare(row, pair.import_, unchecked, runs)
        return [row]

    return _with_pair(changes, measure, [row])[0]


PEAK_MIB = 500.0  # import_scaling: the large import's peak resident memory


def _reset_peak() -> bool:
    """Start the process's peak resident size (VmHWM) afresh (Linux: clear_refs 5), from
    a trimmed heap: what the suite's earlier rows freed but glibc kept (up to about 100
    MiB in a full run) is returned first, as the app's idle release does (ui/memory.py),
    so the peak is the import's and not the leftovers of the rows before it."""
    gc.collect()
    with suppress(OSError, AttributeError):  # not glibc: nothing kept to return
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mib() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def scaling_row(runs: int, small: int = 10_000, large: int = 1_000_000) -> Row:
    """Import seconds per change of a large bundle ÷ the same of a small one; and the
    large import's peak resident memory (the whole bench process, reset before it)."""
    row = Row("import_scaling", f"import cost per change at {large:,} changes",
              f"same at {small:,} changes", 1.2, unit="s/change")
    per_change: dict[int, list[float]] = {}
    peaks: list[float] = []
    for size in (small, large):
        def measure(pair: Pair, size: int = size) -> list[Row]:
            pair.export()
            # the large import takes minutes: three runs of it keep the suite near 20 min
            repeat = runs if size == small else min(runs, 3)
            per_change[size] = []
            for _ in range(repeat):
                watched = size == large and _reset_peak()
                per_change[size].append(pair.import_() / pair.count)
                peak = _peak_mib() if watched else None
                if peak is not None:
                    peaks.append(peak)
            return []

        failed = _with_pair(size, measure, [row])
        if failed:
            return failed[0]
    row.subject, row.baseline = per_change[large], per_change[small]
    row.settle()
    if peaks:
        row.note = f"peak resident memory {max(peaks):.0f} MiB (target ≤ {PEAK_MIB:.0f} MiB)"
        if max(peaks) > PEAK_MIB:
            row.status = MISS
    else:
        row.note = "peak memory not measured (no /proc/self/clear_refs)"
    return row
