"""Opening, creating, migrating and backing up a ClinicApp database.

A workstation database is a SQLCipher 4 file (WAL mode, foreign keys on) whose random
key is unwrapped from ``keystore.json`` by the passphrase, the recovery code or the OS
credential store. The central server uses the same models on PostgreSQL (``from_url``).
Every ORM session handed out records sync changes for its writes (``sync.changelog``).
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction, sessionmaker
from sqlalchemy.pool import QueuePool

from clinicapp.core.errors import ClinicAppError, DatabaseError, LockedError, StorageFullError
from clinicapp.core.keys.keystore import Keystore
from clinicapp.core.models import ReplicaState
from clinicapp.core.rules import names
from clinicapp.core.storage.changes import Changes, Result
from clinicapp.core.storage.gate import Gate
from clinicapp.core.sync import changelog, decisions
from clinicapp.paths import AppPaths

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
CommitListener = Callable[[frozenset[str]], None]
P = ParamSpec("P")
T = TypeVar("T")
WRITTEN = "clinicapp.written"  # Session.info: table -> ids this transaction wrote


class ClinicSession(OrmSession):
    """An ORM session whose flushes record sync changes."""


changelog.install(ClinicSession)
decisions.install(ClinicSession)  # settles conflicts of the rows each commit wrote


@event.listens_for(ClinicSession, "after_flush")
def _note_written(session: OrmSession, _flush: UOWTransaction) -> None:
    """Name every row a flush wrote, for the ``Changes`` of the transaction."""
    written: dict[str, set[str]] = session.info.setdefault(WRITTEN, {})
    dirty = [o for o in session.dirty if session.is_modified(o)]
    for obj in (*session.new, *dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table is None:
            continue
        key = getattr(obj, "id", None)
        if key is None:
            key = getattr(obj, "key", None)
        written.setdefault(table, set())
        if key is not None:
            written[table].add(str(key))


def _sqlcipher_connect(path: Path, key: bytes) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=30)
    # SQLCipher 4.6+ writes its own lines to stderr when a page does not decrypt; the
    # failure is reported to the person once, as LockedError / DatabaseError, instead.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise LockedError(f"{path.name} does not open with this key ({exc})") from None
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    names.install(conn)  # names sort as people read them (É with E)
    return conn


def _install_begin(engine: Engine) -> None:
    """SQLite: explicit BEGIN (IMMEDIATE for writes), so DDL and reads are transactional
    and two processes never deadlock upgrading a read lock."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


SQLITE_FULL = 13  # "database or disk is full"
PG_DISK_FULL = "53100"  # SQLSTATE disk_full


def is_storage_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps: SQLAlchemy's ``orig``, an explicit cause) says
    the disk, or the database's allowed size, has no room left for a write. So does a
    database error raised while one that said so was handled: SQLite rolls the whole
    transaction back on SQLITE_FULL, so rolling back to a savepoint then fails with "no
    such savepoint". Any other error raised meanwhile is its own, and one already in
    words is left as it is."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or id(error) in seen or isinstance(error, ClinicAppError):
            continue
        seen.add(id(error))
        if (getattr(error, "sqlite_errorcode", None) == SQLITE_FULL
                or getattr(error, "sqlstate", None) == PG_DISK_FULL
                or (isinstance(error, OSError) and error.errno == errno.ENOSPC)):
            return True
        orig = getattr(error, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, error.__cause__,
                 error.__context__ if _is_database_error(error) else None]
    return False


def _is_database_error(error: BaseException) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    module = type(error).__module__
    return (isinstance(error, (sqlite3.Error, SQLAlchemyError))
            or module.startswith(("sqlcipher3", "psycopg")))


def sqlcipher_engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        "sqlite://", creator=lambda: _sqlcipher_connect(path, key),
        poolclass=QueuePool, pool_size=4, max_overflow=8,
    )
    _install_begin(engine)
    return engine


def alembic_config(connection: Any | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration. Revisions are numbered like their files (``0001_….py``), so
    this reads the folder instead of importing Alembic on every start (a test checks it
    agrees with Alembic's own view)."""
    numbers = [p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py")]
    if not numbers:
        raise DatabaseError(f"no migrations found in {MIGRATIONS}; reinstall ClinicApp")
    return max(numbers)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        has_table = conn.execute(text(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'alembic_version'"
            if engine.dialect.name == "postgresql" else
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )).first()
        if has_table is None:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


RESTORE_WAIT_S = 60.0  # how long a restore waits for other tasks' sessions to end


class Database:
    """One replica's database and the ways to use it."""

    def __init__(self, engine: Engine, paths: AppPaths | None = None,
                 key: bytes | None = None) -> None:
        self.engine = engine
        self.paths = paths
        self._key = key
        self._sessions = sessionmaker(bind=engine, class_=ClinicSession,
                                      expire_on_commit=False, autoflush=False)
        self._writes = sessionmaker(bind=engine.execution_options(immediate=True),
                                    class_=ClinicSession, expire_on_commit=False,
                                    autoflush=False)
        self._listeners: list[CommitListener] = []
        self._replica_id: str | None = None
        self._local = threading.local()  # the write transaction this thread holds, if any
        self._gate = Gate()  # sessions share the file; a restore swaps it alone

    # --- opening ----------------------------------------------------------------

    @classmethod
    def exists(cls, paths: AppPaths) -> bool:
        return paths.database.exists() and paths.keystore.exists()

    @classmethod
    def create(cls, paths: AppPaths, passphrase: str, name: str = "") -> tuple[Database, str]:
        """A new encrypted database and its replica identity. Returns it and the recovery
        code, which is shown once and never stored in the clear."""
        if paths.database.exists():
            raise DatabaseError(f"a database already exists at {paths.database}")
        paths.ensure()
        _store, key, code = Keystore.create(paths.keystore, passphrase)
        try:
            db = cls(sqlcipher_engine(paths.database, key), paths, key)
            migrate(db.engine)
            from clinicapp.core.keys import identity
            from clinicapp.core.storage import seed

            with db.write() as session:
                identity.create_replica(session, name)
            db._replica_id = None
            seed.seed(db)
            db.apply_settings()
        except BaseException:
            for leftover in (paths.database, paths.keystore,
                             Path(f"{paths.database}-wal"), Path(f"{paths.database}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return db, code

    @classmethod
    def open(cls, paths: AppPaths, *, passphrase: str | None = None,
             recovery_code: str | None = None, key: bytes | None = None) -> Database:
        """Unlock and open an existing data folder, migrating it (after a backup) if it
        was written by an older ClinicApp."""
        if not paths.database.exists():
            raise DatabaseError(
                f"no ClinicApp database in {paths.data_dir}; run 'clinicapp init' first")
        store = Keystore.load(paths.keystore)
        if key is None:
            if passphrase is not None:
                key = store.unlock(passphrase)
            elif recovery_code is not None:
                key = store.unlock_with_recovery(recovery_code)
            else:
                key = store.unlock_from_os()
        if key is None:
            raise LockedError("this data folder is locked: give the passphrase or recovery key")
        db = cls(sqlcipher_engine(paths.database, key), paths, key)
        db.upgrade_if_needed()
        db.apply_settings()
        return db

    def apply_settings(self) -> None:
        """Settings that act beyond one query: the clinic's time zone for local days."""
        from clinicapp.core.services import settings

        settings.apply_time_zone(self)

    @classmethod
    def from_url(cls, url: str, **engine_args: Any) -> Database:
        """An unencrypted database by URL (PostgreSQL for the server; SQLite for trials)."""
        engine = create_engine(url, **engine_args)
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None
                dbapi_conn.execute("PRAGMA foreign_keys = ON")
                names.install(dbapi_conn)

            _install_begin(engine)
        return cls(engine)

    def upgrade_if_needed(self) -> bool:
        """Run pending migrations, after an automatic backup. True if it migrated."""
        current = current_revision(self.engine)
        if current == head_revision():
            return False
        if current is not None and self.paths is not None:
            backup = self.backup(reason=f"before-upgrade-from-{current}")
            log.info("backed up to %s before migrating from %s", backup, current)
        migrate(self.engine)
        if current is not None:
            # A newer release may seed more catalogue rows; seeding is idempotent and its
            # ids are deterministic, so replicas that seed alike never duplicate them.
            from clinicapp.core.storage import seed

            seed.seed(self)
        return True

    def close(self) -> None:
        self.engine.dispose()

    @property
    def key(self) -> bytes:
        if self._key is None:
            raise LockedError("this database is not encrypted")
        return self._key

    # --- units of work -----------------------------------------------------------

    @property
    def replica_id(self) -> str:
        if self._replica_id is None:
            with self.read() as session:
                rid = session.scalar(select(ReplicaState.replica_id))
            if rid is None:
                raise DatabaseError("this database has no replica identity")
            self._replica_id = rid
        return self._replica_id

    @contextmanager
    def write(self) -> Iterator[ClinicSession]:
        """One transaction that commits on success and rolls back on any error.

        Inside a write this thread already holds, ``write()`` joins it under a savepoint:
        an operation that fails rolls back only its own part, and everything commits
        together at the outermost ``write()``. So a use case that composes several
        operations (roster import, demo data, one server request) is one transaction.
        """
        outer: ClinicSession | None = getattr(self._local, "session", None)
        if outer is not None:
            with outer.begin_nested():
                yield outer
            return
        with self._gate.shared():
            changed = yield from self._outer_write()
        if changed:
            self._notify(changed)

    def _outer_write(self) -> Generator[ClinicSession, None, frozenset[str]]:
        session = self._writes()
        self._local.session = session
        try:
            if self._replica_id is None:
                self._replica_id = session.scalar(select(ReplicaState.replica_id))
            session.info[changelog.REPLICA_ID] = self._replica_id
            yield session
            session.flush()
            changed = frozenset(session.info.get(changelog.CHANGED_TABLES, ()))
            self._local.changes = Changes.of(session.info.get(WRITTEN, {}))
            session.commit()
        except BaseException as exc:
            session.rollback()
            if is_storage_full(exc):  # a person can act on this one: say it in words
                log.warning("a write found the disk full; it was rolled back")
                raise StorageFullError() from exc
            raise
        finally:
            self._local.session = None
            session.close()
        return changed

    def run(self, operation: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Result[T]:
        """Run one operation (a service function taking this database first, or any
        callable that writes through it) as one transaction, and say what it changed.
        Inside a write already held, it joins that write and reports its own part."""
        if getattr(self._local, "session", None) is not None:
            session = self._local.session
            before = {t: set(i) for t, i in session.info.get(WRITTEN, {}).items()}
            value = operation(*args, **kwargs)
            session.flush()
            after = session.info.get(WRITTEN, {})
            return Result(value, Changes.of({t: set(i) - before.get(t, set())
                                             for t, i in after.items()
                                             if set(i) - before.get(t, set())
                                             or t not in before}))
        self._local.changes = Changes()
        with self.write():
            value = operation(*args, **kwargs)
        changes: Changes = self._local.changes
        return Result(value, changes)

    @contextmanager
    def read(self) -> Iterator[ClinicSession]:
        with self._gate.shared():
            session = self._sessions()
            try:
                yield session
            finally:
                session.close()  # ends the read transaction; loaded objects stay usable

    def on_commit(self, listener: CommitListener) -> None:
        """Call ``listener(tables)`` after every commit that changed synced tables."""
        self._listeners.append(listener)

    def remove_listener(self, listener: CommitListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, tables: frozenset[str]) -> None:
        for listener in list(self._listeners):
            listener(tables)

    # --- backups -----------------------------------------------------------------

    def backup(self, dest: Path | None = None, reason: str = "manual") -> Path:
        """A consistent encrypted copy (SQLite backup API); same key as the database."""
        if self.paths is None:
            raise DatabaseError("backups are for workstation databases")
        if dest is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
            dest = self.paths.backups / f"clinicapp-{stamp}-{reason}.db"
        import sqlcipher3  # loaded with the first connection already

        partial = dest.with_name(dest.name + ".partial")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)
            target = _sqlcipher_connect(partial, self.key)
            try:
                target.execute("PRAGMA journal_mode = DELETE")
                raw = self.engine.raw_connection()
                try:
                    raw.driver_connection.backup(target)  # type: ignore[union-attr]
                finally:
                    raw.close()
            finally:
                target.close()
            partial.replace(dest)
        except (OSError, sqlite3.Error, sqlcipher3.Error) as exc:
            partial.unlink(missing_ok=True)  # never a half-made copy beside the backups
            if is_storage_full(exc):
                raise DatabaseError(
                    f"no backup was made: the disk that holds {dest.parent} is full (the "
                    "data itself is untouched). Free some space there, or back up to "
                    "another drive") from exc
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DatabaseError(f"no backup was made in {dest.parent}: {why} (the data "
                                "itself is untouched)") from exc
        return dest

    def rotate_backups(self, keep: int) -> list[Path]:
        """Delete all but the newest ``keep`` automatic backups; returns what was removed."""
        assert self.paths is not None
        autos = sorted(self.paths.backups.glob("clinicapp-*-auto.db"))
        removed = autos[:-keep] if keep > 0 else autos
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def restore(self, source: Path) -> Path:
        """Replace this database with a backup, after checking the backup opens with this
        key and passes an integrity check, and after backing up the present state.
        Returns the safety backup. The Database must be reopened afterwards."""
        assert self.paths is not None
        if not source.exists():
            raise DatabaseError(f"no backup file at {source}")
        try:
            probe = _sqlcipher_connect(source, self.key)
        except LockedError:
            raise DatabaseError(
                f"{source.name} is not a backup of this data folder (it does not open with "
                "this folder's key)") from None
        try:
            result = probe.execute("PRAGMA integrity_check").fetchone()[0]
            has_replica = probe.execute(
                "SELECT count(*) FROM sqlite_master WHERE name='replica_state'").fetchone()[0]
        finally:
            probe.close()
        if result != "ok" or not has_replica:
            raise DatabaseError(f"{source.name} is damaged or not a ClinicApp backup")
        # No session of any thread is open while the file is swapped (one would go on with
        # the replaced file), and the safety backup holds every write made before.
        with self._gate.alone(timeout=RESTORE_WAIT_S):
            safety = self.backup(reason="before-restore")
            self.engine.dispose()
            tmp = self.paths.database.with_name(self.paths.database.name + ".restoring")
            try:
                shutil.copyfile(source, tmp)
            except OSError as exc:  # the data in use is untouched, and backed up
                tmp.unlink(missing_ok=True)
                why = ("the disk is full" if is_storage_full(exc)
                       else exc.strerror or type(exc).__name__)
                raise DatabaseError(f"the backup was not restored: {why} (the data in "
                                    f"use is unchanged; it was also backed up as "
                                    f"{safety.name})") from exc
            for suffix in ("-wal", "-shm"):
                Path(f"{self.paths.database}{suffix}").unlink(missing_ok=True)
            tmp.replace(self.paths.database)
            self.engine.dispose()  # nothing of the old file stays pooled
        return safety

    # --- checks ------------------------------------------------------------------

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            if self.engine.dialect.name != "sqlite":
                return "ok"
            return str(conn.execute(text("PRAGMA integrity_check")).scalar())


def is_plain_sqlite(path: Path) -> bool:
    """True if the file opens with the standard sqlite3 module (i.e. is NOT encrypted)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
