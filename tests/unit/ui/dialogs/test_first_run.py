"""First run: a new workstation gets an encrypted database, a recovery key shown once,
and a first group; later starts unlock with the passphrase or the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clinicapp.core.services import groups
from clinicapp.core.storage.db import Database, is_plain_sqlite
from clinicapp.ui.dialogs.first_run import FirstRunDialog, UnlockDialog, strength
from clinicapp.ui.ops import wait_for_ops

NEW_PASSPHRASE = "river stones at dawn"


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def try_unlock(qtbot, dialog: UnlockDialog) -> None:  # type: ignore[no-untyped-def]
    """Press Unlock and wait for the verdict: the key is unwrapped off the UI thread."""
    click(qtbot, dialog.panel.unlock_button)
    assert dialog.panel.checking  # busy: the window stays responsive meanwhile
    assert not dialog.panel.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.panel.checking, timeout=10_000)


def test_first_run_creates_an_encrypted_database_and_shows_the_recovery_key(qtbot, paths):
    dialog = FirstRunDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "Too short" in dialog.hint.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.confirm, NEW_PASSPHRASE + "x")
    assert "differ" in dialog.hint.text() and not dialog.create_button.isEnabled()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, NEW_PASSPHRASE)
    assert dialog.create_button.isEnabled()
    click(qtbot, dialog.create_button)
    assert wait_for_ops()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)

    assert dialog.db is not None
    assert is_plain_sqlite(paths.database) is False
    code = dialog.recovery.text()
    assert len(code.replace("-", "")) == 32
    assert not dialog.continue_button.isEnabled()  # not before "I have stored it"
    dialog.stored.setChecked(True)
    click(qtbot, dialog.continue_button)
    assert dialog.recovery.text() == ""  # shown once

    qtbot.keyClicks(dialog.group_name, "Riverside small group")
    click(qtbot, dialog.create_group_button)
    assert "Riverside small group" in dialog.group_done.text()
    assert dialog.server_button.isEnabled()  # connecting is a first step too (see _server)
    click(qtbot, dialog.finish_button)
    dialog.db.close()

    # The recovery key alone opens the data, and the group is there.
    reopened = Database.open(paths, recovery_code=code)
    assert [g.name for g in groups.list_groups(reopened).items] == ["Riverside small group"]
    reopened.close()


def test_unlock_with_passphrase_or_recovery_key(qtbot, created, paths):
    db, code = created
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.panel.secret, "wrong passphrase")
    try_unlock(qtbot, dialog)
    assert dialog.key is None
    assert "wrong passphrase" in dialog.panel.message.text().lower()

    dialog.panel.use_recovery.setChecked(True)
    qtbot.keyClicks(dialog.panel.secret, code.lower())  # typed sloppily still works
    try_unlock(qtbot, dialog)
    assert dialog.key == db.key


def test_passphrase_strength_grows_with_length():
    assert strength("abc") == 0
    assert strength("abcdefgh") == 1
    assert strength("abcdefghijkl") == 2
    assert strength(NEW_PASSPHRASE) == 3


def test_wrong_passphrases_at_start_are_slowed_and_counted(qtbot, created, paths):
    from clinicapp.core.keys.keystore import Keystore
    from tests.conftest import PASSPHRASE

    db, _code = created
    dialog = UnlockDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(3):  # two free tries, then a wait
        dialog.panel.secret.setText("not the passphrase")
        try_unlock(qtbot, dialog)
    assert dialog.panel.secret.isReadOnly()
    assert "wait 1 s" in dialog.panel.message.text()
    assert Keystore.load(paths.keystore).failed_unlocks == 3
    dialog.panel.secret.setText(PASSPHRASE)
    click(qtbot, dialog.panel.unlock_button)  # ignored while waiting
    assert dialog.key is None
    assert not dialog.panel.checking
    qtbot.waitUntil(lambda: not dialog.panel.secret.isReadOnly(), timeout=5000)
    dialog.panel.secret.setText(PASSPHRASE)
    try_unlock(qtbot, dialog)
    assert dialog.key == db.key
    assert dialog.panel.failures_before == 3
    assert Keystore.load(paths.keystore).failed_unlocks == 0
