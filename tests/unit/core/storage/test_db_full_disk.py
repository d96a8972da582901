"""A full disk: the write that found no room is refused in words a person can act on,
rolled back whole, and nothing saved before it is lost; with room again, the same write
goes through."""

from __future__ import annotations

import pytest

from clinicapp.core.errors import DatabaseError, StorageFullError
from clinicapp.core.services import backups, groups
from clinicapp.core.storage.db import Database, is_storage_full
from tests.conftest import PASSPHRASE
from tests.unit.core.storage.full_disk import disk_full, files_may_not_grow_past

LONG = "Meets on the first Tuesday of the month in the back room. " * 400  # ~23 KB


def test_a_write_on_a_full_disk_says_so_and_loses_nothing(db) -> None:
    kept = groups.create(db, "Riverside hub", description="Before the disk filled")
    with disk_full(db):
        with pytest.raises(StorageFullError) as refused:
            groups.create(db, "Hillside hub", description=LONG)
        with pytest.raises(StorageFullError):
            groups.update(db, kept.id, description=LONG)
    assert isinstance(refused.value, DatabaseError)  # a ClinicAppError: shown, not a crash
    assert str(refused.value).startswith("the disk is full: this was not saved")
    assert "Free some space" in str(refused.value)
    assert is_storage_full(refused.value.__cause__)  # the driver's own SQLITE_FULL
    # What was there is there, and nothing of the refused writes.
    names = {g.name: g for g in groups.list_groups(db).items}
    assert set(names) == {"Riverside hub"}
    assert names["Riverside hub"].description == "Before the disk filled"
    assert db.integrity_check() == "ok"
    # Room again: the same writes go through.
    groups.create(db, "Hillside hub", description=LONG)
    groups.update(db, kept.id, description=LONG)
    assert {g.name for g in groups.list_groups(db).items} == {"Riverside hub", "Hillside hub"}


def test_other_database_failures_are_not_called_a_full_disk(db) -> None:
    import sqlcipher3
    from sqlalchemy import text

    with pytest.raises(sqlcipher3.OperationalError) as failed, db.write() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not is_storage_full(failed.value)
    assert not is_storage_full(OSError(13, "Permission denied"))
    assert is_storage_full(OSError(28, "No space left on device"))
    # A rule broken while a full disk was being handled is the rule, not the disk.
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError:
            raise ValueError("a later, unrelated failure") from None
    except ValueError as later:
        assert not is_storage_full(later)


def test_a_backup_the_drive_cannot_take_says_so_and_leaves_no_half_made_copy(
        db, tmp_path) -> None:
    for n in range(30):
        groups.create(db, f"Hub {n}", description=LONG)
    drive = tmp_path / "usb"
    drive.mkdir()
    good = backups.back_up(db, drive / "last-week.db")
    size = good.stat().st_size
    with files_may_not_grow_past(size // 2 + 1000), \
            pytest.raises(DatabaseError) as refused:
        backups.back_up(db, drive / "today.db")
    assert str(refused.value) == (f"no backup was made in {drive}: disk I/O error (the data "
                                  "itself is untouched)")
    assert sorted(p.name for p in drive.iterdir()) == ["last-week.db"]  # no .partial
    assert db.integrity_check() == "ok"
    made = backups.back_up(db, drive / "today.db")  # room again: a whole copy
    assert made.stat().st_size >= size
    assert sorted(p.name for p in drive.iterdir()) == ["last-week.db", "today.db"]


def test_a_restore_the_drive_cannot_take_says_so_and_keeps_the_data_in_use(paths) -> None:
    """The backup's copy into place hits the drive's limit: the data in use stays as it
    was (and backed up), no half-copied file is left beside it, and with room the same
    restore goes through."""
    db = Database.create(paths, PASSPHRASE, name="test workstation")[0]
    groups.create(db, "Riverside hub")
    small = db.backup()
    for n in range(30):
        groups.create(db, f"Hub {n}", description=LONG)
    large = db.backup()
    db.restore(small)  # the data in use is now smaller than the backup to restore
    db.close()
    db = Database.open(paths, passphrase=PASSPHRASE)
    room = max(p.stat().st_size for p in paths.database.parent.iterdir() if p.is_file())
    assert room + 64 * 1024 < large.stat().st_size
    with files_may_not_grow_past(room + 64 * 1024), pytest.raises(DatabaseError) as refused:
        db.restore(large)
    assert str(refused.value).startswith("the backup was not restored: ")
    assert "the data in use is unchanged; it was also backed up as clinicapp-" in \
        str(refused.value)
    assert not list(paths.database.parent.glob("*.restoring"))  # no half-copied file
    db.close()
    db = Database.open(paths, passphrase=PASSPHRASE)
    assert {g.name for g in groups.list_groups(db).items} == {"Riverside hub"}
    assert db.integrity_check() == "ok"
    db.restore(large)  # room again
    db.close()
    db = Database.open(paths, passphrase=PASSPHRASE)
    assert len(groups.list_groups(db).items) == 31
    db.close()
