"""A restore swaps the database file alone: it waits for another task's open session,
holds new ones back meanwhile (a write asked for then lands in the restored data, not in
the replaced file), and a restore from inside a session, or one that would wait too long,
is refused in words with nothing changed. Real SQLCipher files, real threads."""

from __future__ import annotations

import threading
import time

import pytest

from clinicapp.core.errors import DatabaseError
from clinicapp.core.services import backups, groups
from clinicapp.core.storage import db as db_module


def names(db) -> set[str]:
    return {g.name for g in groups.list_groups(db).items}


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_restore_waits_for_an_open_session_and_a_write_meanwhile_is_kept(db, tmp_path):
    groups.create(db, "Before")
    saved = db.backup(tmp_path / "saved.db")
    groups.create(db, "After")  # replaced by the restore

    reading, release = threading.Event(), threading.Event()
    seen: list[set[str]] = []

    def long_read() -> None:
        with db.read():
            reading.set()
            release.wait(10)
        seen.append(names(db))

    reader = threading.Thread(target=long_read)
    reader.start()
    reading.wait(10)
    restorer = threading.Thread(target=backups.restore, args=(db, saved))
    restorer.start()
    wait_until(lambda: db._gate.closing)
    writer = threading.Thread(target=groups.create, args=(db, "During"))
    writer.start()
    time.sleep(0.3)
    assert restorer.is_alive() and writer.is_alive()  # both wait for the open read
    release.set()
    for thread in (reader, restorer, writer):
        thread.join(30)
    assert names(db) == {"Before", "During"}  # the write went to the restored data
    assert seen == [{"Before", "During"}] or seen == [{"Before"}]


def test_a_restore_from_inside_a_session_is_refused_with_nothing_changed(db, tmp_path):
    groups.create(db, "Before")
    saved = db.backup(tmp_path / "saved.db")
    groups.create(db, "After")
    with db.read(), pytest.raises(DatabaseError, match="inside an open transaction"):
        db.restore(saved)
    assert names(db) == {"Before", "After"}


def test_a_restore_that_would_wait_too_long_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "RESTORE_WAIT_S", 0.2)
    groups.create(db, "Before")
    saved = db.backup(tmp_path / "saved.db")
    groups.create(db, "After")
    reading, release = threading.Event(), threading.Event()

    def long_read() -> None:
        with db.read():
            reading.set()
            release.wait(10)

    reader = threading.Thread(target=long_read)
    reader.start()
    reading.wait(10)
    try:
        with pytest.raises(DatabaseError, match="still in use by another task"):
            db.restore(saved)
    finally:
        release.set()
        reader.join(10)
    assert names(db) == {"Before", "After"}
    groups.create(db, "Later")  # the gate is open again
    assert "Later" in names(db)
