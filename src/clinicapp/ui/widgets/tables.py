"""A table view for records: whole-row selection, Enter or double-click opens a record."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from clinicapp.ui.models.paged import ROW_ID_ROLE


class RecordTable(QTableView):
    """Rows are records; ``record_activated(id)`` on Enter or double-click."""

    record_activated = Signal(str)
    current_changed = Signal(str)  # "" when nothing is selected

    def __init__(self, parent: QWidget | None = None, accessible_name: str = "") -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.activated.connect(self._activated)

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]
        super().setModel(model)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.current_changed.emit(self._id_at(current)))

    def _id_at(self, index: QModelIndex) -> str:
        if not index.isValid():
            return ""
        return str(index.siblingAtColumn(0).data(ROW_ID_ROLE) or "")

    def _activated(self, index: QModelIndex) -> None:
        row_id = self._id_at(index)
        if row_id:
            self.record_activated.emit(row_id)

    def selected_id(self) -> str:
        return self._id_at(self.currentIndex())

    def select_id(self, row_id: str) -> bool:
        """Select the row showing ``row_id`` if it is loaded."""
        model = self.model()
        if model is None:
            return False
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ROW_ID_ROLE) == row_id:
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.scrollTo(index)
                return True
        return False

    def fit_columns(self, widths: list[int]) -> None:
        """Starting widths, in average characters, for all but the last column."""
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width * char)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter activates the current row on every platform (macOS uses Cmd+O otherwise).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
