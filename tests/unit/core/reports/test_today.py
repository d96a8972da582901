"""Today's first read in plain SQL (no ORM) shows exactly what the ORM's Today shows, and
answers None, reading nothing, whenever the normal way must open the database."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from clinicapp.core.reports import today as first
from clinicapp.core.services import commitments, sessions, settings
from clinicapp.core.services import today as orm_today
from clinicapp.core.storage import db as storage
from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.demo import generate as demo


def orm_view(db: Database) -> first.FirstRead:
    """What the page shows through the services: Today and its private follow-ups."""
    today = orm_today.dashboard(db, clock.today())
    private = commitments.private_ids(db, [e.id for e in today.followups_due])
    return first.FirstRead(today, frozenset(private))


def with_demo(db: Database) -> Database:
    demo.generate(db, groups=2, years=1, seed=5, as_of=clock.today())
    planned = orm_today.dashboard(db, clock.today()).upcoming_sessions
    sessions.start(db, planned[-1].id)  # one in progress too
    return db


def test_on_demo_data_it_shows_what_the_orm_shows(db: Database):
    with_demo(db)
    read = first.first_read(db.paths.database, db.key)
    assert read is not None
    expected = orm_view(db)
    assert read == expected
    today = read.today
    for entries in (today.upcoming_sessions, today.sessions_in_progress, today.followups_due,
                    today.action_items_due, today.open_support_requests):
        assert entries, "every list has lines: the comparison covers each query"
    assert read.private and read.private < {e.id for e in today.followups_due}
    # The very same vocabulary classes the interface translates by type.
    assert {type(label) for e in today.open_support_requests for label in e.labels} == \
        {type(label) for e in expected.today.open_support_requests for label in e.labels}


def test_in_the_clinics_time_zone_far_from_this_computers(db: Database):
    with_demo(db)
    settings.change(db, "time_zone", "Pacific/Kiritimati")  # UTC+14
    clock.set_zone(None)  # the first read sets it, as opening the database does
    read = first.first_read(db.paths.database, db.key)
    assert clock.zone() is not None and str(clock.zone()) == "Pacific/Kiritimati"
    assert read == orm_view(db)


def test_an_empty_database_reads_as_an_empty_today(db: Database):
    read = first.first_read(db.paths.database, db.key)
    assert read is not None and read.today.is_empty and not read.private
    assert read == orm_view(db)


def test_a_wrong_key_or_no_database_answers_none(db: Database, tmp_path: Path):
    assert first.first_read(db.paths.database, os.urandom(32)) is None
    assert first.first_read(tmp_path / "missing.db", db.key) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    assert first.first_read(junk, db.key) is None


def test_a_schema_to_migrate_or_a_restore_under_way_answers_none(db: Database):
    assert first.first_read(db.paths.database, db.key) is not None
    restoring = db.paths.database.with_name(db.paths.database.name + ".restoring")
    restoring.write_bytes(b"")
    assert first.first_read(db.paths.database, db.key) is None
    restoring.unlink()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0004'")
    assert first.first_read(db.paths.database, db.key) is None


@pytest.mark.parametrize("stored", ['"../../etc/localtime"', '"Mars/Olympus"', "42", "{"])
def test_a_time_zone_setting_it_cannot_read_answers_none(db: Database, stored: str):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO local_settings (key, value) VALUES ('time_zone', ?)",
                             (stored,))
    assert first.first_read(db.paths.database, db.key) is None
    assert clock.zone() is None  # nothing half-applied


def files(db: Database) -> dict[str, str]:
    found = {}
    for path in db.paths.data_dir.glob("clinicapp.db*"):
        found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_it_only_reads_and_sees_only_what_was_committed(db: Database):
    with_demo(db)
    db.close()
    reopened = Database.open(db.paths, key=db.key)
    expected = orm_view(reopened)
    reopened.close()  # every connection closed: the WAL checkpointed and gone
    before = files(db)
    assert first.first_read(db.paths.database, db.key) == expected
    after = files(db)
    assert after["clinicapp.db"] == before["clinicapp.db"]  # not one byte written
    # SQLite may leave its WAL index behind (a read-only reader cannot remove it), but
    # no page was logged: the write-ahead log is empty.
    assert (db.paths.data_dir / "clinicapp.db-wal").stat().st_size == 0
    # Another connection in the middle of a write: the read neither waits nor sees it.
    writer = storage._sqlcipher_connect(db.paths.database, db.key)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE support_requests SET topic = 'half-written'")
    try:
        assert first.first_read(db.paths.database, db.key) == expected
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_its_schema_revision_rule_agrees_with_the_database_layers():
    assert first._head_revision() == storage.head_revision()
