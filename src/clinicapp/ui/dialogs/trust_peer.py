"""Trust another workstation (or the program office): paste the line its
``clinicapp identity`` or its Sync page shows, give it a name, and choose the groups whose
records it may change (the program office: every group)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.errors import ClinicAppError
from clinicapp.core.services import groups as group_service
from clinicapp.core.sync import api
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.whole_text import keep_wrapped_text_whole
from clinicapp.ui.error_text import error_text
from clinicapp.ui.widgets.pickers import wrap_items


class TrustPeerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.peer: object = None
        self.setWindowTitle(self.tr("Trust a workstation"))
        keep_wrapped_text_whole(self)
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
        self.groups = QListWidget(self)
        self.groups.setAccessibleName(self.tr("Groups it may change"))
        self.groups.setToolTip(self.tr(
            "Changes it makes to other groups' records are refused. The program office may "
            "change every group."))
        for group in group_service.list_groups(ctx.db, limit=1000).items:
            item = QListWidgetItem(group.name, self.groups)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        # Long group names wrap, and a few show even in the smallest dialog (it shrank
        # to one row, the names cut behind a sideways scroll bar).
        wrap_items(self.groups)
        self.groups.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.groups.setMaximumHeight(140)
        self.central.toggled.connect(lambda central: self.groups.setEnabled(not central))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("&Identity line:"), self.line)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow("", self.central)
        form.addRow(self.tr("&Groups it may change:"), self.groups)
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
            self.peer = api.add_trusted(self.ctx.db, line, name,
                                        central=self.central.isChecked(),
                                        groups=self.chosen_groups())
        except (ClinicAppError, ValueError) as exc:
            self.error.setText(error_text(exc))
            return
        self.accept()

    def chosen_groups(self) -> list[str]:
        """The ids of the ticked groups (none when it is the program office)."""
        if self.central.isChecked():
            return []
        items = (self.groups.item(row) for row in range(self.groups.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]
