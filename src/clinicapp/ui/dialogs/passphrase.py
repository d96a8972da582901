"""Dialogs of the Settings page: change the workstation passphrase, show a new recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.keys import workstation
from clinicapp.core.keys.keystore import MIN_PASSPHRASE
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.error_text import error_text
from clinicapp.ui.ops import show_error, write_op


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePassphraseDialog(QDialog):
    """The present passphrase, then the new one twice. The database key stays the same,
    so backups and the recovery key keep working."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change the workstation passphrase"))
        keep_wrapped_text_whole(self)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current, self.new, self.again = _secret(), _secret(), _secret()
        self.current.setAccessibleName(self.tr("Present passphrase"))
        self.new.setAccessibleName(self.tr("New passphrase"))
        self.again.setAccessibleName(self.tr("New passphrase again"))
        form.addRow(self.tr("&Present passphrase:"), self.current)
        form.addRow(self.tr("&New passphrase:"), self.new)
        form.addRow(self.tr("&Again:"), self.again)
        layout.addLayout(form)
        self.message = QLabel(self.tr("At least %1 characters.").replace("%1", str(MIN_PASSPHRASE)))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def change(self) -> None:
        """Check the present passphrase and wrap the key under the new one, on a worker
        (key derivation takes a second on purpose); the dialog closes once it is done."""
        if not self.buttons.isEnabled():  # already under way
            return
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("The two new passphrases differ."))
            return
        self.buttons.setEnabled(False)
        self.changing = write_op(self, self.ctx.db, workstation.change_passphrase,
                                 self.ctx.db, self.new.text(), current=self.current.text(),
                                 on_done=lambda _none: self.accept(),
                                 on_failure=self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ClinicAppError):
            show_error(self, exc)
            return
        text = error_text(exc)
        self.message.setText(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))

    def reject(self) -> None:
        if not self.buttons.isEnabled():  # the new passphrase is being written: wait
            return
        super().reject()


class NewRecoveryKeyDialog(QDialog):
    """Shows a new recovery key once; closing needs "I have stored it"."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New recovery key"))
        keep_wrapped_text_whole(self)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("This is the new recovery key; the old one no longer works. "
                              "It is shown only now: print it or write it down."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.code = QLabel(code)
        self.code.setAccessibleName(self.tr("Recovery key"))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(mono)
        layout.addWidget(self.code)
        copy = QPushButton(self.tr("C&opy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(code))
        layout.addWidget(copy)
        self.stored = QCheckBox(self.tr("I have &stored the recovery key safely"))
        layout.addWidget(self.stored)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setEnabled(False)
        self.stored.toggled.connect(close.setEnabled)
        self.buttons.rejected.connect(self.accept)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        if self.stored.isChecked():
            super().reject()
