"""The schema built by the migrations is the schema the models describe, and a newer
ClinicApp backs a database up before it migrates it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select, text

from clinicapp.core.models import Base, Group
from clinicapp.core.services import groups
from clinicapp.core.storage import db as db_module
from clinicapp.core.storage.db import Database, alembic_config, current_revision, head_revision
from tests.conftest import PASSPHRASE

FTS_TABLES = ("sessions_fts", "reflections_fts")


def is_search_index(name: str) -> bool:
    """FTS5 tables and their shadow tables (sessions_fts_data, ...) exist only by migration."""
    return any(name == fts or name.startswith(fts + "_") for fts in FTS_TABLES)


def schema(engine: Engine) -> dict[str, object]:
    """Tables with their columns, indexes and foreign keys, as SQLite reports them."""
    found: dict[str, object] = {}
    with engine.connect() as conn:
        tables = conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")).scalars().all()
        for table in sorted(t for t in tables if not is_search_index(t)):
            columns = {(r[1], r[2].upper(), r[3], r[5])  # name, type, notnull, pk
                       for r in conn.execute(text(f"PRAGMA table_info('{table}')"))}
            indexes = set()
            for row in conn.execute(text(f"PRAGMA index_list('{table}')")):
                name, unique = row[1], row[2]
                cols = tuple(r[2] for r in conn.execute(text(f"PRAGMA index_info('{name}')")))
                # Automatic indexes (primary keys, UNIQUE constraints) carry sqlite names.
                indexes.add((name if not name.startswith("sqlite_") else "auto", unique, cols))
            fks = {(r[2], r[3], r[4]) for r in conn.execute(
                text(f"PRAGMA foreign_key_list('{table}')"))}
            found[table] = {"columns": columns, "indexes": indexes, "foreign_keys": fks}
    return found


@pytest.fixture
def by_models(tmp_path: Path) -> Engine:
    plain = Database.from_url(f"sqlite:///{tmp_path / 'models.db'}")
    Base.metadata.create_all(plain.engine)
    yield plain.engine
    plain.close()


def test_migrations_and_models_build_the_same_tables_indexes_and_keys(db, by_models):
    migrated, modelled = schema(db.engine), schema(by_models)
    assert {"sessions", "changes", "audit_entries"} <= set(migrated)
    assert sorted(migrated) == sorted(modelled)
    for table in migrated:
        assert migrated[table] == modelled[table], table


def test_alembic_finds_nothing_to_autogenerate(db):
    def include_name(name: str | None, type_: str, _parents: object) -> bool:
        return not (type_ == "table" and name is not None and is_search_index(name))

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name,
                                                         "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_search_index_and_its_triggers_come_with_the_migration(db):
    with db.engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars())
    for fts in FTS_TABLES:
        assert fts in names
        assert {f"{fts}_ai", f"{fts}_ad", f"{fts}_au"} <= names


def test_downgrade_to_nothing_and_up_again_gives_the_same_schema(db):
    before = schema(db.engine)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with db.engine.connect() as conn:
        left = set(conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'")).scalars())
    assert left == {"alembic_version"}
    assert current_revision(db.engine) is None
    db_module.migrate(db.engine)
    assert schema(db.engine) == before
    assert current_revision(db.engine) == head_revision()


NEXT_REVISION = '''"""a later release adds a table (test only)"""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_release", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later_release")
'''


def test_a_newer_clinicapp_backs_up_before_it_migrates(created, paths, tmp_path, monkeypatch):
    db, _code = created
    released = head_revision()
    group = groups.create(db, "Group written by the older release")
    db.close()
    # The next release: today's migrations plus one more revision.
    newer = tmp_path / "newer-migrations"
    shutil.copytree(db_module.MIGRATIONS, newer,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "9999_later_release.py").write_text(
        NEXT_REVISION.format(head=head_revision()))
    monkeypatch.setattr(db_module, "MIGRATIONS", newer)

    upgraded = Database.open(paths, passphrase=PASSPHRASE)
    try:
        assert current_revision(upgraded.engine) == "9999"
        backups = list(paths.backups.glob(f"clinicapp-*-before-upgrade-from-{released}.db"))
        assert len(backups) == 1
        assert groups.get(upgraded, group.id).name == "Group written by the older release"
        # Opening again migrates nothing and backs up nothing more.
        assert upgraded.upgrade_if_needed() is False
        assert len(list(paths.backups.glob("*.db"))) == 1
    finally:
        upgraded.close()

    old = Database(db_module.sqlcipher_engine(backups[0], upgraded.key))
    try:
        assert current_revision(old.engine) == released
        with old.read() as session:
            assert session.scalar(select(Group.name)) == "Group written by the older release"
    finally:
        old.close()


def test_the_quick_head_revision_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
