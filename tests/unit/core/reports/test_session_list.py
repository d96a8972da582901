"""``session_list.read`` (plain SQL) gives the rows ``services.sessions.list_sessions``
and the groups ``services.groups.list_groups`` give through the ORM."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta

from clinicapp.core.models import Group, Session, SessionStatus
from clinicapp.core.reports import session_list
from clinicapp.core.services import groups, sessions
from clinicapp.core.storage.db import Database


def _world(db: Database) -> None:
    start = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    with db.write() as orm:
        made = [Group(name=name, division="North") for name in
                ("Zeta", "alpha", "Beta", "Éole", "Gone")]
        orm.add_all(made)
        orm.flush()
        made[-1].deleted_at = start
        statuses = list(SessionStatus)
        for n in range(23):
            orm.add(Session(
                group_id=made[n % 4].id, title=f"Session {n} — « rounds »",
                # ties (three at each moment), microseconds, one a year earlier
                scheduled_start=start - timedelta(days=n // 3, microseconds=n % 2 * 7,
                                                  weeks=52 if n == 22 else 0),
                objectives=None if n % 5 == 0 else [] if n % 5 == 1 else [f"Aim {n}", "é"],
                planned_minutes=15 * n, location="" if n % 3 else f"Room {n}",
                status=statuses[n % len(statuses)],
                deleted_at=start if n in (4, 11) else None))


def test_the_same_sessions_as_the_orm(db: Database) -> None:
    _world(db)
    for offset, limit in ((0, 5), (0, 30), (3, 7), (18, 5), (30, 5)):
        _same_page(db, offset, limit)


def _same_page(db: Database, offset: int, limit: int) -> None:
    orm = sessions.list_sessions(db, offset=offset, limit=limit, count=False)
    read = session_list.read(db, offset, limit)
    assert read is not None
    plain, names = read
    assert names is None
    assert (plain.offset, plain.total) == (orm.offset, orm.total)
    assert [s.id for s in plain.items] == [s.id for s in orm.items]
    for line, session in zip(plain.items, orm.items, strict=True):
        for field in fields(session_list.SessionLine):
            value = getattr(line, field.name)
            assert value == getattr(session, field.name), field.name
            assert type(value) is type(getattr(session, field.name)), field.name
        assert line.scheduled_start.tzinfo is UTC or line.scheduled_start.utcoffset() == \
            timedelta(0)


def test_the_same_groups_as_the_picker(db: Database) -> None:
    _world(db)
    read = session_list.read(db, 0, 10, groups=True)
    assert read is not None
    _page, names = read
    assert names == [(g.name, g.id) for g in groups.list_groups(db, 0, 1000).items]
    assert "Gone" not in {name for name, _id in names}


def test_an_empty_database(db: Database) -> None:
    read = session_list.read(db, 0, 30, groups=True)
    assert read is not None
    plain, names = read
    assert (plain.items, plain.total, names) == ([], 0, [])
