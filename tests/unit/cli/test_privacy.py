"""Privacy commands through the real ``clinicapp`` entry point: a member's journal, the
workstation passphrase and the recovery key. Secrets come from files, never arguments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clinicapp.core.errors import WrongPassphraseError
from clinicapp.core.keys import journal
from clinicapp.core.models import Member
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.paths import resolve
from tests.conftest import PASSPHRASE
from tests.unit.cli.runner import one_line_error, run

CODE = re.compile(r"\b([A-Z2-9]{4}(?:-[A-Z2-9]{4}){7})\b")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder made as ``clinicapp init`` makes it (Database.create; the command
    itself is run by the recovery-key tests below and by test_data), with three members."""
    data = tmp_path / "data"
    db, _code = Database.create(resolve(data), PASSPHRASE, name="front desk")
    with db.write() as s:
        s.add_all([Member(full_name="Dr. Ana Roy"), Member(full_name="Ana Lindqvist, MOA"),
                   Member(full_name="Ben Okafor")])
    db.close()
    return data


def secret_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", "utf-8")
    return str(path)


def opened(data: Path, **secret: str) -> Database:
    return Database.open(resolve(data), **secret)


def member_id(data: Path, name: str) -> str:
    db = opened(data, passphrase=PASSPHRASE)
    try:
        with db.read() as s:
            return s.query(Member).filter(Member.full_name == name).one().id
    finally:
        db.close()


def test_journal_setup_prints_the_recovery_code_once_and_warns(folder, tmp_path):
    pw = secret_file(tmp_path, "mine", "Ben's journal words")
    result = run(folder, "journal", "setup", "Okafor", "--journal-passphrase-file", pw)
    assert result.code == 0, result.err
    [code] = CODE.findall(result.out)
    assert "cannot be read again by anyone" in result.out
    assert "Ben's journal words" not in result.out + result.err
    db = opened(folder, passphrase=PASSPHRASE)
    try:
        ben = member_id(folder, "Ben Okafor")
        journal.open_journal(db, ben, passphrase="Ben's journal words").close()
        journal.open_journal(db, ben, recovery_code=code).close()
    finally:
        db.close()
    again = one_line_error(run(folder, "journal", "setup", "Okafor",
                               "--journal-passphrase-file", pw), "journal")
    assert "already has a journal" in again


def test_a_name_matching_several_members_is_refused_with_their_names(folder, tmp_path):
    pw = secret_file(tmp_path, "mine", "my journal words")
    line = one_line_error(run(folder, "journal", "setup", "Ana",
                              "--journal-passphrase-file", pw), "journal")
    assert "Dr. Ana Roy" in line and "Ana Lindqvist" in line


def test_journal_passphrase_change_with_the_old_one_or_the_recovery_code(folder, tmp_path):
    first = secret_file(tmp_path, "first", "first journal words")
    second = secret_file(tmp_path, "second", "second journal words")
    third = secret_file(tmp_path, "third", "third journal words")
    setup = run(folder, "journal", "setup", "Ben", "--journal-passphrase-file", first)
    assert setup.code == 0, setup.err
    code = secret_file(tmp_path, "code", CODE.findall(setup.out)[0])

    wrong = one_line_error(run(folder, "journal", "change-passphrase", "Ben",
                               "--journal-passphrase-file", third,
                               "--new-journal-passphrase-file", second), "journal")
    assert "wrong journal passphrase" in wrong
    changed = run(folder, "journal", "change-passphrase", "Ben", "--journal-passphrase-file",
                  first, "--new-journal-passphrase-file", second)
    assert changed.code == 0, changed.err
    recovered = run(folder, "journal", "change-passphrase", "Ben", "--recovery-code-file",
                    code, "--new-journal-passphrase-file", third)
    assert recovered.code == 0, recovered.err

    db = opened(folder, passphrase=PASSPHRASE)
    try:
        ben = member_id(folder, "Ben Okafor")
        with pytest.raises(WrongPassphraseError):
            journal.open_journal(db, ben, passphrase="second journal words")
        journal.open_journal(db, ben, passphrase="third journal words").close()
        failed = audit.list_entries(db, action="unlock_failed").items
        assert len(failed) == 2  # the CLI's wrong try and the one just now
        assert all("journal words" not in e.detail for e in failed)
    finally:
        db.close()
    log = (folder / "logs" / "clinicapp.log").read_text("utf-8")
    assert "command journal failed: WrongJournalPassphraseError" in log
    assert "journal words" not in log and CODE.search(log) is None


def test_workstation_passphrase_change(folder, tmp_path):
    new = secret_file(tmp_path, "new", "a new workstation phrase")
    result = run(folder, "passphrase", "change", "--new-passphrase-file", new)
    assert result.code == 0, result.err
    opened(folder, passphrase="a new workstation phrase").close()
    with pytest.raises(WrongPassphraseError):
        opened(folder, passphrase=PASSPHRASE)
    line = one_line_error(run(folder, "check"), "check")  # the old one no longer works
    assert "wrong passphrase" in line


def test_workstation_passphrase_change_refuses_a_wrong_current_one(folder, tmp_path):
    new = secret_file(tmp_path, "new", "a new workstation phrase")
    line = one_line_error(run(folder, "passphrase", "change", "--new-passphrase-file", new,
                              passphrase="not the passphrase"), "passphrase")
    assert "wrong passphrase" in line
    opened(folder, passphrase=PASSPHRASE).close()  # nothing changed


def test_workstation_passphrase_change_refuses_a_short_new_one(folder, tmp_path):
    new = secret_file(tmp_path, "new", "short")
    line = one_line_error(run(folder, "passphrase", "change", "--new-passphrase-file", new),
                          "passphrase")
    assert "at least 8" in line
    opened(folder, passphrase=PASSPHRASE).close()


def test_recovery_key_replace_prints_a_new_key_and_the_old_stops_working(tmp_path):
    data = tmp_path / "data"
    init = run(data, "init")
    [old] = CODE.findall(init.out)
    result = run(data, "recovery-key", "replace")
    assert result.code == 0, result.err
    [new] = CODE.findall(result.out)
    assert new != old
    opened(data, recovery_code=new).close()
    with pytest.raises(WrongPassphraseError):
        opened(data, recovery_code=old)
    db = opened(data, passphrase=PASSPHRASE)
    try:
        entries = audit.list_entries(db, action="recovery_key_replaced").items
        assert len(entries) == 1 and new not in entries[0].detail
    finally:
        db.close()


def test_a_forgotten_workstation_passphrase_is_replaced_with_the_recovery_key(tmp_path):
    data = tmp_path / "data"
    [code] = CODE.findall(run(data, "init").out)
    key_file = secret_file(tmp_path, "code", code.lower())
    new = secret_file(tmp_path, "new", "remembered at last")
    result = run(data, "passphrase", "change", "--recovery-key-file", key_file,
                 "--new-passphrase-file", new, passphrase=None)
    assert result.code == 0, result.err
    opened(data, passphrase="remembered at last").close()
    opened(data, recovery_code=code).close()  # the recovery key still works
