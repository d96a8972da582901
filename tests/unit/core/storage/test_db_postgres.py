"""The same models, migrations and services run unchanged on a real PostgreSQL server.

The central server (a later issue) keeps every workstation's records in PostgreSQL, so
nothing in the schema or the write path may be SQLite-only: types, constraints, the
change log and its sequence numbers must behave the same on both.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from clinicapp.core.keys import identity
from clinicapp.core.models import Base, Change, Group, Topic
from clinicapp.core.services import groups
from clinicapp.core.storage import seed
from clinicapp.core.storage.db import Database, current_revision, head_revision, migrate
from tests.postgres import postgres_server


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    """A migrated PostgreSQL database with a replica identity, emptied after the test."""
    database = Database.from_url(pg_url)
    migrate(database.engine)
    with database.write() as session:
        identity.create_replica(session, "central test")
    seed.seed(database)
    yield database
    database.engine.dispose()
    # Start each test from an empty database: drop everything the migration made.
    cleanup = Database.from_url(pg_url)
    with cleanup.engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    cleanup.engine.dispose()


def test_the_migrations_build_on_postgresql_exactly_what_the_models_describe(pg):
    assert current_revision(pg.engine) == head_revision()
    with pg.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []
    tables = set(inspect(pg.engine).get_table_names())
    assert {"sessions", "attendance", "reflections", "changes"} <= tables
    # The full-text index is SQLite's FTS5; the server searches its own way.
    assert "sessions_fts" not in tables


def test_a_group_written_on_postgresql_reads_back_and_logs_its_changes(pg):
    made = groups.create(pg, "Cariboo SGL", division="Northern Interior",
                         description="Évaluation des soins — été")
    groups.update(pg, made.id, name="Cariboo small-group learning")
    groups.delete(pg, made.id)

    with pg.read() as session:
        stored = session.get(Group, made.id)
        logged = session.execute(
            select(Change.field, Change.seq).where(Change.row_id == made.id)
            .order_by(Change.seq)).all()
    assert stored.name == "Cariboo small-group learning"
    assert stored.description == "Évaluation des soins — été"
    assert stored.deleted_at is not None and stored.deleted_at.tzinfo is not None
    fields = [field for field, _seq in logged]
    assert "name" in fields and "deleted_at" in fields
    seqs = [seq for _field, seq in logged]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_seeded_topics_are_there_once(pg):
    seed.seed(pg)  # seeding again (an upgrade, a second start) adds nothing
    with pg.read() as session:
        count = session.scalar(select(func.count()).select_from(Topic))
    assert count == len(seed.TOPICS)


def test_concurrent_writers_on_postgresql_never_reuse_a_sequence_number(pg):
    """Many server workers write at once; each change still gets its own (origin, seq)."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                groups.create(pg, f"Hub {n}-{i}")
        except BaseException as exc:  # reported below, with the thread's own error
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with pg.read() as session:
        made = session.scalar(select(func.count()).select_from(Group)
                              .where(Group.name.like("Hub %")))
        seqs = session.scalars(select(Change.seq)).all()
    assert made == 20
    assert len(seqs) == len(set(seqs))
