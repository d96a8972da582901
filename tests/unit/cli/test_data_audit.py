"""What the data-folder commands write in the audit trail is what the interface writes for
the same action (core writes both; see tests/unit/ui/pages/test_settings_audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.cli.runner import run


def entries(folder: Path) -> list[tuple[str, str]]:
    db = Database.open(resolve(folder), passphrase=PASSPHRASE)
    try:
        return [(e.action, e.detail) for e in audit.list_entries(db).items]
    finally:
        db.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder made as ``clinicapp init`` makes it (Database.create: the command
    itself is tests/unit/cli/test_data.py's)."""
    data = tmp_path / "data"
    Database.create(resolve(data), PASSPHRASE, name="front desk")[0].close()
    return data


def test_backup_and_restore_at_the_command_line_are_audited_like_the_interface(folder,
                                                                                tmp_path):
    out = tmp_path / "copy.db"
    assert run(folder, "backup", "--out", str(out)).code == 0
    assert ("backup", "copy.db") in entries(folder)
    result = run(folder, "restore", str(out), "--yes")
    assert result.code == 0, result.err
    restore = [d for a, d in entries(folder) if a == "restore"]
    assert len(restore) == 1 and restore[0].startswith("copy.db (previous data in ")


def test_a_setting_changed_at_the_command_line_is_audited(folder):
    result = run(folder, "settings", "credit_rounding_step", "0.5")
    assert result.code == 0, result.err
    assert ("setting_changed", "credit_rounding_step = 0.5") in entries(folder)
    again = run(folder, "settings", "credit_rounding_step", "0.5")
    assert again.code == 0 and "unchanged" in again.out
    assert [a for a, _ in entries(folder)].count("setting_changed") == 1


def test_an_unknown_setting_changes_nothing(folder):
    before = entries(folder)
    result = run(folder, "settings", "no_such_setting", "1")
    assert result.code == 1 and "unknown setting 'no_such_setting'" in result.err
    assert entries(folder) == before


def test_passphrase_and_recovery_key_changes_are_audited(folder, tmp_path):
    new_file = tmp_path / "new.txt"
    new_file.write_text("a brand new passphrase\n")
    result = run(folder, "passphrase", "change", "--new-passphrase-file", str(new_file))
    assert result.code == 0, result.err
    result = run(folder, "recovery-key", "replace", passphrase="a brand new passphrase")
    assert result.code == 0, result.err
    db = Database.open(resolve(folder), passphrase="a brand new passphrase")
    try:
        actions = [(e.action, e.detail) for e in audit.list_entries(db).items]
    finally:
        db.close()
    assert ("passphrase_changed", "workstation passphrase") in actions
    assert ("recovery_key_replaced", "workstation recovery key") in actions
