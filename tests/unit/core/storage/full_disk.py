"""A disk with no room left, for real: every new connection to the database may not grow
its file past the pages it has now (SQLite's ``max_page_count``), so a write that needs a
page more fails inside SQLite with SQLITE_FULL, "database or disk is full", exactly as
on a full drive. Leaving the block frees the room again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from clinicapp.core.storage.db import Database


@contextmanager
def disk_full(db: Database | Any) -> Iterator[None]:
    """No room for ``db`` (a Database, or anything with its ``engine``: a server Store)."""
    def no_room(dbapi_conn: Any, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", no_room)
    db.engine.dispose()  # the pool's connections are made again, without room
    try:
        yield
    finally:
        event.remove(db.engine, "connect", no_room)
        db.engine.dispose()


@contextmanager
def files_may_not_grow_past(size: int) -> Iterator[None]:
    """No file this process writes may grow past ``size`` bytes: the kernel's file-size
    limit (RLIMIT_FSIZE) fails the write that would (EFBIG; Python ignores the SIGXFSZ
    sent with it), as a drive that gives out does, and SQLite says "disk I/O error" (only
    ENOSPC is SQLITE_FULL to it). For a file made outside the data folder: a backup's."""
    import resource

    before = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, before)
