"""Trust another workstation (or the program office): paste the line its
``clinicapp identity`` or its Sync page shows, and give it a name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.sync import api
from clinicapp.ui.context import AppContext
from clinicapp.ui.error_text import error_text


class TrustPeerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.peer: object = None
        self.setWindowTitle(self.tr("Trust a workstation"))
        intro = QLabel(self.tr(
            "Paste the identity line of the other workstation or of the program office "
            "(its Sync page shows it under “This workstation”). Bundles are then encrypted "
            "for it, and its bundles are accepted here."))
        intro.setWordWrap(True)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("clinicapp-identity:v1:…")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Riverside clinic"))
        self.central = QCheckBox(self.tr("This is the &program office (central)"), self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("&Identity line:"), self.line)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow("", self.central)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Trust"))
        buttons.accepted.connect(self.trust)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def trust(self) -> None:
        line, name = self.line.text().strip(), self.name.text().strip()
        if not line:
            self.error.setText(self.tr("Paste the identity line first."))
            self.line.setFocus()
            return
        if not name:
            self.error.setText(self.tr("Give it a name people will recognise."))
            self.name.setFocus()
            return
        try:
            self.peer = api.add_trusted(self.ctx.db, line, name, central=self.central.isChecked())
        except (ClinicAppError, ValueError) as exc:
            self.error.setText(error_text(exc))
            return
        self.accept()
