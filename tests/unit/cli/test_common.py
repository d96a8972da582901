"""Opening the database from a command: core's unlock policy, as at the lock screen."""

from __future__ import annotations

import argparse

import pytest

from clinicapp.cli.common import open_db
from clinicapp.core.errors import LockedError, WrongPassphraseError
from clinicapp.core.keys.unlock import wait_after
from clinicapp.core.services import audit
from tests.conftest import PASSPHRASE
from tests.unit.cli.runner import one_line_error, run


def _args(paths, **extra) -> argparse.Namespace:
    values = {"data_dir": str(paths.data_dir), "passphrase_file": None,
              "with_recovery_key": False, **extra}
    return argparse.Namespace(**values)


class Clock:
    """A wall clock that only moves when the command 'sleeps'."""

    def __init__(self) -> None:
        self.t, self.slept = 5_000_000.0, []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


def test_five_wrong_passphrases_at_the_command_line_meet_the_growing_wait_and_the_audit(
        created, paths, monkeypatch) -> None:
    created[0].close()
    clock = Clock()
    monkeypatch.setenv("CLINICAPP_PASSPHRASE", "not the passphrase")
    for _ in range(5):
        with pytest.raises(WrongPassphraseError):
            open_db(_args(paths), now=clock.now, sleep=clock.sleep)
    assert clock.slept == [wait_after(3), wait_after(4)] == [1, 2]
    monkeypatch.setenv("CLINICAPP_PASSPHRASE", PASSPHRASE)
    db = open_db(_args(paths), now=clock.now, sleep=clock.sleep)
    try:
        assert clock.slept[-1] == wait_after(5) == 4  # the right one waited too
        entries = audit.list_entries(db, action="unlock_failed").items
        assert [e.detail for e in entries] == ["5 wrong tries before unlocking (command line)"]
    finally:
        db.close()
    # ... and the count starts again from nothing.
    db = open_db(_args(paths), now=clock.now, sleep=clock.sleep)
    db.close()
    assert len(clock.slept) == 3


def test_the_recovery_key_comes_from_the_environment_never_the_command_line(
        created, paths, monkeypatch) -> None:
    db, code = created
    db.close()
    monkeypatch.delenv("CLINICAPP_PASSPHRASE", raising=False)
    monkeypatch.setenv("CLINICAPP_RECOVERY_KEY", code)
    opened = open_db(_args(paths))
    assert opened.key == db.key
    opened.close()


def test_with_recovery_key_and_no_terminal_says_where_to_put_it(created, paths,
                                                               monkeypatch) -> None:
    created[0].close()
    monkeypatch.delenv("CLINICAPP_RECOVERY_KEY", raising=False)
    with pytest.raises(LockedError, match="CLINICAPP_RECOVERY_KEY"):
        open_db(_args(paths, with_recovery_key=True))


def test_there_is_no_option_that_takes_a_secret_on_the_command_line(tmp_path) -> None:
    result = run(tmp_path / "data", "check", "--recovery-key", "AAAA-BBBB")
    assert result.code == 2 and "unrecognized arguments: --recovery-key" in result.err
    assert one_line_error(run(tmp_path / "none", "check"), "check")
