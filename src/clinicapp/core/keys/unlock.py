"""The unlock policy, the same for every way in: the start-up unlock, the lock screen and
every command-line command that opens the database.

Wrong answers are counted in the keystore (so restarting the program or running another
command does not reset the count) with the time of the last one; from the third wrong answer
in a row each try waits longer (1 s, 2 s, 4 s … up to 5 minutes) before it is even checked.
A right answer clears the count and the audit trail records the wrong ones: one entry per
wrong answer while the database is open (the lock screen), one entry naming how many there
were when it was not (start-up, command line), written as soon as it opens.

What the count protects, and what not, is in SECURITY.md ("Wrong passphrases").
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clinicapp.core.errors import ClinicAppError, LockedError, WrongPassphraseError
from clinicapp.core.keys.keystore import Keystore

if TYPE_CHECKING:  # the database layer loads when a database is open, not to unlock
    from clinicapp.core.storage.db import Database

log = logging.getLogger(__name__)

FREE_TRIES = 2  # wrong answers before any wait
MAX_WAIT_S = 300

Clock = Callable[[], float]


def wait_after(failures: int) -> int:
    """Seconds to wait after this many wrong answers in a row: 0, 0, 1, 2, 4, … 300."""
    if failures <= FREE_TRIES:
        return 0
    return int(min(MAX_WAIT_S, 2 ** (failures - FREE_TRIES - 1)))


class MustWaitError(LockedError):
    """Too many wrong answers in a row: the next try is checked only after ``wait_s``."""

    def __init__(self, wait_s: float) -> None:
        seconds = max(1, round(wait_s))
        super().__init__(f"too many wrong tries: wait {seconds} s before trying again")
        self.wait_s = wait_s


class Unlocker:
    """Checks a workstation secret against one data folder's keystore, applying the wait
    and counting failures. No Qt: safe on a worker thread. ``now`` is the wall clock
    (injectable, so a test need not sleep)."""

    def __init__(self, keystore_path: Path, *, now: Clock = time.time) -> None:
        self.keystore_path = keystore_path
        self.now = now
        # The count as this process saw it: editing the file does not shorten a wait that
        # a running app is already enforcing.
        self._failures = 0
        self._last_failed_at = 0.0

    def failures(self) -> int:
        """Wrong answers in a row so far."""
        return max(self._failures, Keystore.load(self.keystore_path).failed_unlocks)

    def wait_left(self) -> float:
        """Seconds until the next try will be checked (0 when it can be now)."""
        store = Keystore.load(self.keystore_path)
        failures = max(self._failures, store.failed_unlocks)
        last = max(self._last_failed_at, store.last_failed_unlock_at)
        if failures <= FREE_TRIES or last <= 0:
            return 0.0
        return max(0.0, last + wait_after(failures) - self.now())

    def unlock(self, secret: str, *, recovery: bool = False,
               expected_key: bytes | None = None) -> tuple[bytes, int]:
        """The database key and how many wrong answers came before this right one.

        Raises ``MustWaitError`` while a wait is running (the secret is not checked) and
        ``WrongPassphraseError`` for a wrong answer, after counting it. With
        ``expected_key`` (the open database's key) a secret that opens some other key
        counts as wrong too.
        """
        left = self.wait_left()
        if left > 0:
            raise MustWaitError(left)
        store = Keystore.load(self.keystore_path)
        try:
            key = store.unlock_with_recovery(secret) if recovery else store.unlock(secret)
        except WrongPassphraseError as exc:
            self._count_failure(store, recovery)
            raise exc from None
        if expected_key is not None and not hmac.compare_digest(key, expected_key):
            self._count_failure(store, recovery)
            raise WrongPassphraseError("this secret opens another data folder's key")
        before = max(self._failures, store.clear_failed_unlocks())
        self._failures, self._last_failed_at = 0, 0.0
        return key, before

    def _count_failure(self, store: Keystore, recovery: bool) -> None:
        at = self.now()
        count = store.note_failed_unlock(at, at_least=self._failures + 1)
        self._failures, self._last_failed_at = count, at
        log.info("wrong %s (%d in a row)", "recovery key" if recovery else "passphrase", count)


def audit_wrong_answer(db: Database, purpose: str, recovery: bool, failures: int) -> None:
    """The audit entry for one wrong answer while the database is open (the lock screen).
    Never raises: the audit trail must not keep anyone locked out."""
    from clinicapp.core.services import audit

    what = "recovery key" if recovery else "passphrase"
    try:
        audit.log(db, "unlock_failed", f"{purpose}: wrong {what} ({failures} in a row)")
    except ClinicAppError:
        log.exception("could not record a failed unlock")


def audit_failures_before(db: Database, purpose: str, failures: int) -> None:
    """The audit entry for wrong answers given while the database was closed (start-up,
    command line), written once it opens. Nothing when there were none."""
    if failures:
        from clinicapp.core.services import audit

        audit.log(db, "unlock_failed", f"{failures} wrong tries before unlocking ({purpose})")
