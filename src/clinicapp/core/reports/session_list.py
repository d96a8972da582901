"""The Sessions page's unfiltered list, and the groups' names, read in plain SQL.

The page opens on every session, newest first, and its first paint waits for these rows.
Through the ORM, 30 sessions cost 1.4 ms on the stress set (an object per row, the
identity map, its events) and the 50 groups' names 1.75 ms (Group objects and a count);
the same statements in plain SQL, over the read session's own connection and in its one
transaction, take about 0.3 ms. Each value goes through its column's own SQLAlchemy type
(UTC datetimes, JSON, enums), so a row holds what the ORM would have read.

``services.sessions.list_sessions`` stays the source of truth: a filtered list goes
through it, and so does any database that is not SQLite.
``tests/unit/core/reports/test_session_list.py`` checks both give the same rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Dialect

from clinicapp.core.models import Group, Session, SessionStatus
from clinicapp.core.rules.names import FOLD_FUNCTION
from clinicapp.core.services._common import Page
from clinicapp.core.storage.db import Database

GROUPS_LIMIT = 1000  # as many as the group picker lists


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One session as the list shows it (the ``Session`` attributes it reads)."""

    id: str
    scheduled_start: datetime
    title: str
    objectives: list[str] | None
    group_id: str
    status: SessionStatus
    planned_minutes: int
    location: str


_COLUMNS = ("id", "scheduled_start", "title", "objectives", "group_id", "status",
            "planned_minutes", "location")
# services.sessions._matching with no filter, newest first: the same order, ties by id.
_ROWS = (f"SELECT {', '.join(_COLUMNS)} FROM sessions WHERE deleted_at IS NULL "
         "ORDER BY scheduled_start DESC, id LIMIT ? OFFSET ?")
# services.groups.list_groups, as the group picker reads it.
# (Names in reading order: core.rules.names.by_name, through the connection's own fold.)
_GROUPS = (f"SELECT name, id FROM groups WHERE deleted_at IS NULL "
           f"ORDER BY {FOLD_FUNCTION}(name), name, id LIMIT ?")


@functools.cache
def _converters(dialect: Dialect) -> tuple[Callable[[Any], Any] | None, ...]:
    """Each column's result processor: what the ORM does to the driver's value."""
    table = Session.__table__
    return tuple(table.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
                 for name in _COLUMNS)


def _line(row: Sequence[Any], converters: Sequence[Callable[[Any], Any] | None]) -> SessionLine:
    return SessionLine(*(value if convert is None else convert(value)
                         for value, convert in zip(row, converters, strict=True)))


def read(db: Database, offset: int, limit: int, *,
         groups: bool = False) -> tuple[Page[SessionLine], list[tuple[str, str]] | None] | None:
    """Live sessions newest first, ``offset``/``limit`` as ``list_sessions(count=False)``
    pages them, and with ``groups`` the groups' (name, id) in the same transaction.
    None when the database is not SQLite: the caller reads through the ORM."""
    if db.engine.dialect.name != "sqlite":
        return None
    # Both tables exist in every migrated database; the models name them.
    assert Session.__tablename__ == "sessions" and Group.__tablename__ == "groups"
    converters = _converters(db.engine.dialect)
    with db.read() as orm:
        conn: Any = orm.connection().connection.driver_connection
        items = [_line(row, converters)
                 for row in conn.execute(_ROWS, (limit, offset)).fetchall()]
        names = ([(name, row_id) for name, row_id in
                  conn.execute(_GROUPS, (GROUPS_LIMIT,)).fetchall()] if groups else None)
    total = offset + len(items) + (1 if len(items) == limit else 0)
    return Page(items=items, offset=offset, total=total), names
