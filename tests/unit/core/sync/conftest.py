"""Databases for the sync tests that must hold on both engines: a migrated SQLite file
and a migrated database on a real PostgreSQL (started once per test process: each user
empties it again, see ``migrated``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clinicapp.core.models import Base
from clinicapp.core.storage.db import Database, migrate
from tests.postgres import PostgresUnavailable, postgres_server


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    try:
        with postgres_server() as url:
            yield url
    except PostgresUnavailable as exc:  # pragma: no cover - CI installs it
        pytest.skip(str(exc))


def migrated(url: str) -> Iterator[Engine]:
    """A migrated engine on ``url``, emptied again afterwards: the next test (or module)
    on the same PostgreSQL starts from an empty database."""
    db = Database.from_url(url)
    migrate(db.engine)
    yield db.engine
    with db.engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    db.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """Each test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield from migrated(f"sqlite:///{tmp_path / 'sync.db'}")
    else:
        yield from migrated(request.getfixturevalue("pg_url"))
