"""The data-folder commands, run through the real ``clinicapp`` entry point: init, check,
backup, restore, settings, and what each says when something is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinicapp.core.storage.db import head_revision
from tests.unit.cli.runner import one_line_error, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    result = run(data, "init", "--name", "front desk")
    assert result.code == 0, result.err
    assert "RECOVERY KEY" in result.out
    return data


def test_init_creates_an_encrypted_folder_and_refuses_to_overwrite_it(folder):
    assert (folder / "clinicapp.db").exists() and (folder / "keystore.json").exists()
    assert b"SQLite format 3" not in (folder / "clinicapp.db").read_bytes()[:16]
    line = one_line_error(run(folder, "init"), "init")
    assert "already exists" in line


def test_init_refuses_a_short_passphrase(tmp_path):
    line = one_line_error(run(tmp_path / "d", "init", passphrase="short"), "init")
    assert "passphrase" in line
    assert not (tmp_path / "d" / "clinicapp.db").exists()


def test_check_reports_integrity_schema_and_counts(folder):
    result = run(folder, "check")
    assert result.code == 0, result.err
    lines = dict(line.split(":", 1) for line in result.out.splitlines())
    assert lines["integrity"].strip() == "ok"
    head = head_revision()
    assert lines["schema"].strip() == f"{head} (this ClinicApp: {head})"
    assert lines["topics"].strip() == "10"  # the seeded catalogue
    assert lines["support_requests"].strip() == "0"


def test_a_wrong_passphrase_is_one_line_and_exit_1(folder):
    line = one_line_error(run(folder, "check", passphrase="not the passphrase"), "check")
    assert "passphrase" in line


def test_no_passphrase_without_a_terminal_says_how_to_give_one(folder):
    line = one_line_error(run(folder, "check", passphrase=None), "check")
    assert "CLINICAPP_PASSPHRASE" in line


def test_check_on_an_empty_folder_says_to_run_init(tmp_path):
    line = one_line_error(run(tmp_path / "nothing", "check"), "check")
    assert "clinicapp init" in line


def test_backup_then_restore_brings_back_the_earlier_settings(folder, tmp_path):
    out = tmp_path / "before.db"
    result = run(folder, "backup", "--out", str(out))
    assert result.code == 0 and out.exists(), result.err
    assert run(folder, "backup").code == 0  # into the backups folder by default
    assert len(list((folder / "backups").glob("clinicapp-*-manual.db"))) == 1
    assert "before.db" in run(folder, "audit", "--action", "backup").out

    assert run(folder, "settings", "followup_months", "6").code == 0
    assert run(folder, "settings", "followup_months").out.strip() == "6"

    restored = run(folder, "restore", str(out), "--yes")
    assert restored.code == 0, restored.err
    assert "previous state was backed up" in restored.out
    assert run(folder, "settings", "followup_months").out.strip() == "3"
    assert run(folder, "check").code == 0
    trail = run(folder, "audit").out.splitlines()
    # The same words as when the interface restores (core writes the entry for both).
    assert "restore" in trail[0] and "before.db (previous data in " in trail[0]


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_folder(folder, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not a database" * 100)
    line = one_line_error(run(folder, "restore", str(junk), "--yes"), "restore")
    assert "not a backup of this data folder" in line
    line = one_line_error(run(folder, "restore", str(tmp_path / "missing.db"), "--yes"),
                          "restore")
    assert "no backup file" in line
    assert run(folder, "check").code == 0


def test_restore_without_a_terminal_needs_yes(folder, tmp_path):
    out = tmp_path / "b.db"
    assert run(folder, "backup", "--out", str(out)).code == 0
    line = one_line_error(run(folder, "restore", str(out)), "restore")
    assert "--yes" in line
    assert not list((folder / "backups").glob("*before-restore*"))


def test_settings_list_set_and_refuse_bad_values(folder):
    listing = run(folder, "settings")
    assert listing.code == 0
    assert "credit_rounding_step = 0.25" in listing.out
    assert "retention_years = 6" in listing.out

    assert run(folder, "settings", "credit_rounding_step", "0.5").out.strip() == (
        "credit_rounding_step = 0.5")
    line = one_line_error(run(folder, "settings", "credit_rounding_step", "0.3"), "settings")
    assert "credit_rounding_step: must be one of" in line
    line = one_line_error(run(folder, "settings", "retention_years", "2"), "settings")
    assert "at least 6" in line
    line = one_line_error(run(folder, "settings", "colour", "blue"), "settings")
    assert "unknown setting" in line
