"""Find a member already known to ClinicApp (to add them to another group)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.models import Member, Role
from clinicapp.core.services import members
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.widgets.labels import label
from clinicapp.ui.widgets.tables import RecordTable


class MemberSearchDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add an existing member"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type part of a name"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Find:"), self)
        search_label.setBuddy(self.search)
        self.model: PagedTableModel[Member] = PagedTableModel([
            Column(self.tr("Name"), lambda m: m.full_name, tooltip=lambda m: m.full_name),
            Column(self.tr("Role"), lambda m: label(m.role, Role),
                   tooltip=lambda m: label(m.role, Role)),
            Column(self.tr("Email"), lambda m: m.email, tooltip=lambda m: m.email),
        ], None, self)
        self.table = RecordTable(self, self.tr("Members"))
        self.table.setModel(self.model)
        # Name, role and the email taking the room left, within the dialog's 560 pixels
        # (28 + 20 + 20 characters ran the email off the edge behind a sideways scroll
        # bar); narrower, every column gives up room alike, a cut cell whole on hover.
        self.table.fit_columns([22, 16, 22], stretch=2, squeeze=True)
        self.table.record_activated.connect(lambda _id: self.accept())
        self.model.reloaded.connect(self._select_first)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add to group"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_screen(self, 560, 480)
        # Search as the person types, once they pause (one query, not one per key).
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search)
        self._search()

    def _search(self) -> None:
        self._debounce.stop()
        db, text = self.ctx.db, self.search.text().strip()
        self.model.set_fetch(lambda offset, limit: members.list_members(
            db, offset=offset, limit=limit, search=text, active_only=True))

    def _select_first(self) -> None:
        if self.model.rowCount() and not self.table.selected_id():
            self.table.selectRow(0)

    def chosen_id(self) -> str:
        return self.table.selected_id()
