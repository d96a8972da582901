"""Backups a person asks for, and restoring one: audited here, whichever front end asked.
(Automatic backups, before an upgrade or a restore, are ``Database.backup`` itself.)"""

from __future__ import annotations

from pathlib import Path

from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database


def back_up(db: Database, dest: Path | None = None) -> Path:
    """An encrypted copy now (to ``dest``, or the backups folder); returns its path."""
    made = db.backup(dest, reason="manual")
    audit.log(db, "backup", made.name)
    return made


def restore(db: Database, source: Path) -> Path:
    """Replace ``db``'s data with the backup ``source`` (checked first; the present data
    is backed up first) and return that safety backup. ``db`` goes on working on the
    restored data (migrated if the backup is older); the restored data records the
    restore in its audit trail."""
    safety = db.restore(source)
    db.upgrade_if_needed()
    db.apply_settings()
    audit.log(db, "restore", f"{source.name} (previous data in {safety.name})")
    return safety
