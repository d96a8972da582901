"""Core's unlock policy: the count of wrong answers, the growing wait and what the audit
trail says, with a clock the test moves (no sleeping)."""

from __future__ import annotations

import json

import pytest

from clinicapp.core.errors import WrongPassphraseError
from clinicapp.core.keys import unlock
from clinicapp.core.keys.unlock import MustWaitError, Unlocker, wait_after
from clinicapp.core.services import audit
from tests.conftest import PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def test_the_wait_grows_from_the_third_wrong_answer_and_is_capped() -> None:
    assert [wait_after(n) for n in range(1, 8)] == [0, 0, 1, 2, 4, 8, 16]
    assert wait_after(100) == unlock.MAX_WAIT_S


def test_five_wrong_answers_make_the_next_try_wait_and_a_right_one_reports_them(
        created, paths) -> None:
    clock = FakeClock()
    unlocker = Unlocker(paths.keystore, now=clock)
    for _ in range(5):
        unlocker_wait = unlocker.wait_left()
        clock.t += unlocker_wait  # a patient person waits each wait out
        with pytest.raises(WrongPassphraseError):
            unlocker.unlock("wrong passphrase")
    assert unlocker.failures() == 5
    assert unlocker.wait_left() == wait_after(5) == 4
    with pytest.raises(MustWaitError) as err:  # not even checked during the wait
        unlocker.unlock(PASSPHRASE)
    assert "wait 4 s" in str(err.value)
    clock.t += 4
    key, before = unlocker.unlock(PASSPHRASE)
    assert key == created[0].key and before == 5
    assert unlocker.failures() == 0 and unlocker.wait_left() == 0


def test_the_count_outlives_the_process_it_is_kept_in_the_keystore(created, paths) -> None:
    clock = FakeClock()
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            Unlocker(paths.keystore, now=clock).unlock("wrong passphrase")
    fresh = Unlocker(paths.keystore, now=clock)  # as a new command or a restarted app
    assert fresh.failures() == 3 and fresh.wait_left() == 1


def test_editing_the_keystore_does_not_shorten_a_running_wait(created, paths) -> None:
    clock = FakeClock()
    unlocker = Unlocker(paths.keystore, now=clock)
    for _ in range(4):
        clock.t += unlocker.wait_left()
        with pytest.raises(WrongPassphraseError):
            unlocker.unlock("wrong passphrase")
    data = json.loads(paths.keystore.read_text())
    data["failed_unlocks"] = 0
    data.pop("last_failed_unlock_at", None)
    paths.keystore.write_text(json.dumps(data))
    assert unlocker.wait_left() == 2
    with pytest.raises(WrongPassphraseError):
        clock.t += 2
        unlocker.unlock("still wrong")
    assert unlocker.failures() == 5  # counted on from what this process saw


def test_a_secret_that_opens_another_key_counts_as_wrong(created, paths) -> None:
    unlocker = Unlocker(paths.keystore, now=FakeClock())
    with pytest.raises(WrongPassphraseError):
        unlocker.unlock(PASSPHRASE, expected_key=b"\0" * 32)
    assert unlocker.failures() == 1


def test_the_recovery_key_unlocks_under_the_same_policy(created, paths) -> None:
    db, code = created
    unlocker = Unlocker(paths.keystore, now=FakeClock())
    with pytest.raises(WrongPassphraseError):
        unlocker.unlock("AAAA-BBBB", recovery=True)
    key, before = unlocker.unlock(code, recovery=True)
    assert (key, before) == (db.key, 1)


def test_audit_entries_name_the_wrong_answers(created) -> None:
    db, _code = created
    unlock.audit_wrong_answer(db, "app lock", False, 3)
    unlock.audit_failures_before(db, "command line", 0)  # none: no entry
    unlock.audit_failures_before(db, "command line", 5)
    details = [e.detail for e in audit.list_entries(db, action="unlock_failed").items]
    assert sorted(details) == ["5 wrong tries before unlocking (command line)",
                               "app lock: wrong passphrase (3 in a row)"]
