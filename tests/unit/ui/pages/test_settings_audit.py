"""What the Settings page's backup, restore and key changes write in the audit trail is what
the command line writes for the same action (core writes both; see
tests/unit/cli/test_data_audit.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clinicapp.core.services import audit
from clinicapp.core.storage.db import Database
from clinicapp.ui.dialogs.passphrase import ChangePassphraseDialog
from clinicapp.ui.main_window import MainWindow
from clinicapp.ui.ops import wait_for_ops
from tests.conftest import PASSPHRASE
from tests.unit.ui.conftest import answer_next_dialog
from tests.unit.ui.pages.test_settings import open_settings


def actions(db: Database) -> list[tuple[str, str]]:
    return [(e.action, e.detail) for e in audit.list_entries(db).items]


def test_backup_and_restore_from_the_page_are_audited_like_the_command_line(
        main_window: MainWindow, db: Database, qtbot, paths):
    page = open_settings(main_window)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert wait_for_ops()
    made = next(p for p in paths.backups.iterdir() if "manual" in p.name)
    assert ("backup", made.name) in actions(db)

    page.backups.setCurrentRow(0)
    answer_next_dialog(qtbot, "Yes")
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    answer_next_dialog(qtbot, "OK")
    assert wait_for_ops()
    restore = [d for a, d in actions(db) if a == "restore"]
    assert len(restore) == 1 and restore[0].startswith(f"{made.name} (previous data in ")


def test_a_passphrase_change_from_the_dialog_is_audited_like_the_command_line(
        main_window: MainWindow, db: Database, qtbot):
    dialog = ChangePassphraseDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "a brand new phrase")
    qtbot.keyClicks(dialog.again, "a brand new phrase")
    dialog.change()
    assert wait_for_ops()  # checked and written on a worker
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ("passphrase_changed", "workstation passphrase") in actions(db)


def test_a_recovery_key_replaced_from_the_page_is_audited_like_the_command_line(
        main_window: MainWindow, db: Database, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from clinicapp.ui.dialogs.passphrase import NewRecoveryKeyDialog

    shown: list[str] = []

    def put_away_the_new_key() -> None:  # as a person does: tick "stored", then Close
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewRecoveryKeyDialog):
            QTimer.singleShot(20, put_away_the_new_key)
            return
        shown.append(dialog.code.text())
        dialog.stored.setChecked(True)
        dialog.buttons.button(dialog.buttons.StandardButton.Close).click()

    page = open_settings(main_window)
    answer_next_dialog(qtbot, "Yes")
    QTimer.singleShot(0, put_away_the_new_key)
    page.replace_recovery_key()
    assert shown and shown[0].count("-") >= 3
    # The same entry as 'clinicapp recovery-key replace' (tests/unit/cli/test_data_audit.py).
    assert ("recovery_key_replaced", "workstation recovery key") in actions(db)
