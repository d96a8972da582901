"""Changing how a workstation's data is locked: its passphrase, its printed recovery key
and whether the OS credential store may keep the key. Each change is audited here, so it is
audited the same way whichever front end asked."""

from __future__ import annotations

from clinicapp.core.keys.keystore import Keystore, check_passphrase
from clinicapp.core.keys.unlock import Unlocker
from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database


def _keystore(db: Database) -> Keystore:
    assert db.paths is not None, "workstation keys belong to a workstation's data folder"
    return Keystore.load(db.paths.keystore)


def prove(db: Database, secret: str, *, recovery: bool = False) -> None:
    """Check that ``secret`` opens this database, under the unlock policy (a wrong one is
    counted and waits like any other). Raises WrongPassphraseError or MustWaitError."""
    assert db.paths is not None
    Unlocker(db.paths.keystore).unlock(secret, recovery=recovery, expected_key=db.key)


def change_passphrase(db: Database, new: str, *, current: str | None = None) -> None:
    """Wrap the key under a new passphrase. ``current``: the present passphrase, checked
    first; None when the caller has just unlocked with the passphrase or recovery key
    itself (the command line does)."""
    check_passphrase(new)
    if current is not None:
        prove(db, current)
    _keystore(db).set_passphrase(db.key, new)
    audit.log(db, "passphrase_changed", "workstation passphrase")


def replace_recovery_key(db: Database) -> str:
    """A new printed recovery key; the old one stops working. Returns the new one, to be
    shown once."""
    code = _keystore(db).replace_recovery_code(db.key)
    audit.log(db, "recovery_key_replaced", "workstation recovery key")
    return code


def set_os_unlock(db: Database, on: bool) -> None:
    """Let this computer account's credential store keep the key (or forget it). Raises
    whatever the credential store raises when there is none."""
    store = _keystore(db)
    if on:
        store.remember_in_os(db.key)
    else:
        store.forget_in_os()
    audit.log(db, "os_unlock_on" if on else "os_unlock_off")
