"""The server's replica: the core database (same models, migrations, merge) plus the
server's own tables, on PostgreSQL or on an encrypted SQLite file in the data dir.

Every core write transaction on PostgreSQL first takes one advisory lock, so merges from
many workers never interleave their reads and writes of held ranges and vectors (two
concurrent imports from one origin would otherwise forget a range). The server's own
tables (nonces, chunks, devices) are written through ``store.tables()`` outside that lock,
so uploads, pulls and the dashboard stay concurrent with a merge.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from clinicapp.core.errors import DatabaseError, StorageFullError
from clinicapp.core.keys import identity
from clinicapp.core.models import ReplicaState
from clinicapp.core.storage import db as core_db
from clinicapp.core.storage import seed
from clinicapp.core.storage.db import ClinicSession, Database, is_storage_full
from clinicapp.server import schema
from clinicapp.server.config import ServerConfig

log = logging.getLogger(__name__)

# Any fixed 64-bit number: the one lock every core write on the server takes.
MERGE_LOCK = 0x436C696E69634170  # "ClinicAp"


class ServerDatabase(Database):
    """A core ``Database`` whose write transactions are serialized on PostgreSQL."""

    _unlocked = threading.local()

    @contextmanager
    def write(self) -> Iterator[ClinicSession]:
        with super().write() as session:
            if (self.engine.dialect.name == "postgresql"
                    and not getattr(self._unlocked, "on", False)):
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MERGE_LOCK})
            yield session

    @contextmanager
    def without_merge_lock(self) -> Iterator[None]:
        """For this thread's next writes that touch no held ranges (an export for one
        device writes only that peer's sent vector), so pulls run beside a merge."""
        self._unlocked.on = True
        try:
            yield
        finally:
            self._unlocked.on = False


def _engine(config: ServerConfig, create: bool) -> Engine:
    if config.uses_sqlite:
        if not create and not config.sqlite_path.exists():
            raise DatabaseError(f"no server database in {config.data_dir}: run "
                                "'clinicapp-server init' first")
        return core_db.sqlcipher_engine(config.sqlite_path, config.database_key(create))
    url = config.database_url
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    args: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("postgresql"):
        # No JIT: the server's statements are short, and those over a few thousand rows
        # (a pull part's lines, a merge's lookups) were estimated costly enough to be
        # compiled first: 150 ms of compiling for a 20 ms statement.
        # random_page_cost 1.1 (the default 4 prices a spinning disk's seek): the log's
        # index is in memory or on SSD, and priced as a disk the planner read every
        # change of a table to find those of 250 rows (14 ms at 40,000 changes, against
        # 0.4 ms by the index).
        args.update(pool_size=8, max_overflow=8, connect_args={
            "options": "-c jit=off -c random_page_cost=1.1"})
    engine = Database.from_url(url, **args).engine
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _register_id_lists)
    return engine


# Plain ids (UUIDs, names of tables and fields): what psycopg writes unquoted in an array.
_PLAIN = re.compile(r"[0-9A-Za-z_.:-]+(?:,[0-9A-Za-z_.:-]+)*")
_NULL = re.compile(r"(?i)(?:^|,)null(?:,|$)")
_ONLY_STR, _ONLY_INT = {str}, {int}


def _register_id_lists(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.adapters.register_dumper(list, _id_list_dumper())


@cache
def _id_list_dumper() -> type:
    """psycopg writes a list parameter element by element, testing each with a regular
    expression for quoting (about 1 µs an id); the lookups send lists of thousands of ids
    (``lookups.among``), about 70,000 in an ingest of 105,000 changes. A list of plain
    strings is written here in one join, byte for byte what psycopg writes; any other list
    goes to psycopg's own writer. A list of ints (a pull's runs: thousands of seqs a part)
    is written the same way: ``str`` of an int is what psycopg's text writer sends."""
    from psycopg.pq import Format
    from psycopg.types.array import ListDumper

    class IdListDumper(ListDumper):
        def dump(self, obj: list[Any]) -> Any:
            if self.format == Format.TEXT and self.delimiter == b"," and obj:
                kinds = set(map(type, obj))  # exact types: no bool, no str subclass
                if kinds == _ONLY_INT:
                    return ("{" + ",".join(map(str, obj)) + "}").encode("ascii")
                if kinds == _ONLY_STR:
                    joined = ",".join(obj)  # no element holds a comma: as many as joins
                    if (joined.count(",") == len(obj) - 1 and _PLAIN.fullmatch(joined)
                            and not _NULL.search(joined)):
                        return ("{" + joined + "}").encode("ascii")
            return super().dump(obj)

    return IdListDumper


class Store:
    """The server's database: ``db`` for core operations, ``tables()`` for its own."""

    def __init__(self, config: ServerConfig, engine: Engine) -> None:
        self.config = config
        self.engine = engine
        # This worker's: no compaction is due before then (``history._claim``).
        self.compact_not_before: datetime | None = None
        self.db = ServerDatabase(engine, key=config.database_key() if config.uses_sqlite
                                 else None)
        self._tables = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
        self._tables_write = sessionmaker(bind=engine.execution_options(immediate=True),
                                          expire_on_commit=False, autoflush=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def tables(self, write: bool = True) -> Iterator[OrmSession]:
        """One transaction over the server's own tables (no change log, no merge lock)."""
        session = (self._tables_write if write else self._tables)()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if is_storage_full(exc):
                raise StorageFullError() from exc
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def initialise(config: ServerConfig, name: str = "central server") -> Store:
    """Create (or upgrade) the server's database: core schema, identity, seed, own tables.
    Safe to run again: an existing identity is kept."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    config.data_dir.chmod(0o700)
    engine = _engine(config, create=True)
    core_db.migrate(engine)
    schema.migrate(engine)
    store = Store(config, engine)
    with store.db.write() as session:
        if session.query(ReplicaState).first() is None:
            identity.create_replica(session, name)
    seed.seed(store.db)
    return store


def open_store(config: ServerConfig) -> Store:
    """Open an initialised server database, upgrading both schemas if they are behind."""
    engine = _engine(config, create=False)
    if core_db.current_revision(engine) is None:
        raise DatabaseError("the server database is empty: run 'clinicapp-server init' first")
    if core_db.current_revision(engine) != core_db.head_revision():
        core_db.migrate(engine)
        seed.seed(Store(config, engine).db)
    if schema.current_revision(engine) != schema.head_revision():
        schema.migrate(engine)
    return Store(config, engine)


