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

    def fit_columns(self, widths: list[int], stretch: int | None = None) -> None:
        """Starting widths, in characters, for the first columns. The column given the
        most (or ``stretch``) grows into the room the window leaves, never below its
        starting width, so long titles are not cut short while a short column sprawls."""
        metrics = self.fontMetrics()
        for column, width in enumerate(widths):
            self.setColumnWidth(column, metrics.horizontalAdvance("n" * width) + 16)
        model = self.model()
        columns = model.columnCount() if model is not None else len(widths) + 1
        if not widths or columns <= 1:
            return
        for column in range(len(widths), columns):
            self.setColumnWidth(column, metrics.horizontalAdvance("n" * 20) + 16)
        self._stretch = widths.index(max(widths)) if stretch is None else stretch
        self._stretch_min = self.columnWidth(self._stretch)
        self.horizontalHeader().setStretchLastSection(False)
        self._grow()

    _stretch: int | None = None
    _stretch_min = 0

    def _grow(self) -> None:
        model = self.model()
        if self._stretch is None or model is None:
            return
        others = sum(self.columnWidth(c) for c in range(model.columnCount())
                     if c != self._stretch and not self.isColumnHidden(c))
        room = self.viewport().width() - others
        self.setColumnWidth(self._stretch, max(self._stretch_min, room))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._grow()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter activates the current row on every platform (macOS uses Cmd+O otherwise).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
