"""Possible duplicates on the Groups & members page: the same person (or topic) entered
twice, with a merge that syncs and an undo. Self-contained: it listens to the data
events itself and reloads in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.services import duplicates
from clinicapp.core.services.duplicates import PossibleDuplicate
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import run_op

WATCHED = frozenset({"members", "memberships", "topics", "record_merges"})


class DuplicatesBox(QGroupBox):
    """The list of possible duplicates, "Merge" (keep the first) and "Undo last merge"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Possible duplicates"))
        layout = QVBoxLayout(self)
        self.explanation = QLabel(self.tr(
            "The same e-mail or licence number, the same name and role in a shared group, "
            "or the same topic title. Reports count each record until they are merged."))
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Possible duplicates"))
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.merge_button = QPushButton(self.tr("&Merge into the first"))
        self.merge_button.setToolTip(self.tr(
            "Everything of the second record (attendance, reflections, commitments, "
            "memberships…) moves to the first, on every workstation. It can be undone."))
        self.merge_button.clicked.connect(self.merge_selected)
        self.undo_button = QPushButton(self.tr("&Undo the last merge"))
        self.undo_button.clicked.connect(self.undo_last)
        row.addWidget(self.merge_button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.found: list[PossibleDuplicate] = []
        self.last_merge = ""
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        ctx.events.changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db

        def work() -> tuple[list[PossibleDuplicate], str]:
            standing = [m for m in duplicates.list_merges(db) if m.undone_at is None]
            return duplicates.find(db), standing[-1].id if standing else ""

        run_op(self, work, on_success=self._show, show_errors=False)

    def _show(self, result: tuple[list[PossibleDuplicate], str]) -> None:
        self.found, self.last_merge = result
        self.list.clear()
        for d in self.found:
            kind = self.tr("Member") if d.kind == "member" else self.tr("Topic")
            item = QListWidgetItem(f"{kind}: “{d.first_name}” / “{d.second_name}” — "
                                   + ", ".join(d.reasons))
            self.list.addItem(item)
        self.setVisible(bool(self.found or self.last_merge))
        if self.found:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(self.list.currentRow() >= 0 and bool(self.found))
        self.undo_button.setEnabled(bool(self.last_merge))

    def merge_selected(self, confirm: bool = True) -> None:
        row = self.list.currentRow()
        if row < 0 or row >= len(self.found):
            return
        d = self.found[row]
        if confirm and QMessageBox.question(
                self, self.tr("Merge duplicates"),
                self.tr("Keep “%1” and move everything of “%2” to it?")
                .replace("%1", d.first_name).replace("%2", d.second_name)
        ) != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        run_op(self, lambda: duplicates.merge(db, d.kind, d.first_id, d.second_id),
               on_success=lambda r: self._merged(r, d))

    def _merged(self, result: Any, d: PossibleDuplicate) -> None:
        self.status.setText(self.tr("Merged “%1” into “%2”.").replace("%1", d.second_name)
                            .replace("%2", d.first_name))
        self.refresh()

    def undo_last(self) -> None:
        if not self.last_merge:
            return
        db, merge_id = self.ctx.db, self.last_merge
        run_op(self, lambda: duplicates.undo(db, merge_id),
               on_success=lambda _r: (self.status.setText(self.tr("Merge undone.")),
                                      self.refresh()))
