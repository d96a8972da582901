"""The encrypted database: creating, opening, migrating, backing up, restoring."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from clinicapp.core.errors import DatabaseError, LockedError, WrongPassphraseError
from clinicapp.core.models import Group, Topic
from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database, is_plain_sqlite, sqlcipher_engine
from tests.conftest import PASSPHRASE


def test_database_and_backup_are_not_readable_with_plain_sqlite(db, paths):
    groups.create(db, "Hub with a secret name")
    backup = db.backup()
    for path in (paths.database, backup):
        assert not is_plain_sqlite(path)
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(path).execute("select * from sqlite_master").fetchall()
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert b"Hub with a secret name" not in paths.database.read_bytes()
    if wal.exists():
        assert b"Hub with a secret name" not in wal.read_bytes()


def test_opens_with_passphrase_and_with_recovery_code(created, paths):
    db, code = created
    group = groups.create(db, "Northern hub")
    db.close()
    for kwargs in ({"passphrase": PASSPHRASE}, {"recovery_code": code.lower()}):
        again = Database.open(paths, **kwargs)
        assert groups.get(again, group.id).name == "Northern hub"
        again.close()


def test_wrong_passphrase_is_refused_and_changes_nothing(created, paths):
    db, _code = created
    db.close()
    before = paths.database.read_bytes()
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        Database.open(paths, passphrase="not the passphrase")
    with pytest.raises(WrongPassphraseError, match="wrong recovery key"):
        Database.open(paths, recovery_code="AAAA-BBBB")
    assert paths.database.read_bytes() == before


def test_opening_an_empty_folder_says_to_run_init(paths):
    with pytest.raises(DatabaseError, match="clinicapp init"):
        Database.open(paths, passphrase=PASSPHRASE)


def test_open_without_any_secret_is_locked(created, paths):
    created[0].close()
    with pytest.raises(LockedError, match="locked"):
        Database.open(paths)


def test_create_refuses_to_overwrite_an_existing_database(created, paths):
    with pytest.raises(DatabaseError, match="already exists"):
        Database.create(paths, PASSPHRASE)


def test_seeded_topics_exist_once(db):
    with db.read() as session:
        titles = session.scalars(select(Topic.title)).all()
    assert "EMR messaging and tasks" in titles
    assert "Adult and child mental health" in titles
    assert len(titles) == len(set(titles))


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(db, paths):
    groups.create(db, "Before backup")
    backup = db.backup()
    groups.create(db, "After backup")
    safety = db.restore(backup)
    reopened = Database.open(paths, passphrase=PASSPHRASE)
    names = {g.name for g in groups.list_groups(reopened).items}
    assert names == {"Before backup"}
    reopened.close()
    restored_safety = Database(sqlcipher_engine(safety, db.key))
    with restored_safety.read() as session:
        assert session.scalar(select(func.count()).select_from(Group)) == 2
    restored_safety.close()


def test_restore_refuses_a_file_of_another_data_folder(db, make_db):
    other = make_db("other")
    foreign = other.backup()
    with pytest.raises(DatabaseError, match="not a backup of this data folder"):
        db.restore(foreign)


def test_failed_write_leaves_nothing_behind(db):
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Group(name="half written"))
        session.flush()
        raise RuntimeError("boom")
    assert groups.list_groups(db).total == 0
