"""A table view for records: whole-row selection, Enter or double-click opens a record."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from clinicapp.ui.models.paged import ROW_ID_ROLE, PagedTableModel


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
        # A heading wider than its column ends in "…" (centred and clipped, it lost both
        # ends: "ice / CFPC nu").
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.viewport().installEventFilter(self)  # a cut heading's whole text on hover
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long cell ends in "…"
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.activated.connect(self._activated)
        self.empty: QWidget | None = None
        self._hover_row = -1  # the row under the mouse, as the view's hover index
        self._own_cells = True  # no span and no column's or row's own delegate

    def setModel(self, model) -> None:  # type: ignore[no-untyped-def]
        super().setModel(model)
        from clinicapp.ui.widgets.cells import PlainCells

        if isinstance(model, PagedTableModel):
            # Its plain cells drawn in one call each (see ui.widgets.cells).
            self.setItemDelegate(PlainCells(self, model))
        elif isinstance(self.itemDelegate(), PlainCells):
            self.setItemDelegate(QStyledItemDelegate(self))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.current_changed.emit(self._id_at(current)))
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self._update_empty)
        loading = getattr(model, "loading_changed", None)
        if loading is not None:
            loading.connect(lambda _on: self._update_empty())

    # --- an empty list says what to do next --------------------------------------

    def set_empty_state(self, text: str, button_text: str = "",
                        action: Callable[[], object] | None = None) -> QPushButton | None:
        """What the list shows when it has no rows: a sentence saying what to do, and
        the button that does it. Returns the button."""
        self.empty = QWidget(self.viewport())
        label = QLabel(text, self.empty)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName(text)
        layout = QVBoxLayout(self.empty)
        layout.addStretch(1)
        layout.addWidget(label)
        button = None
        if button_text and action is not None:
            button = QPushButton(button_text, self.empty)
            button.clicked.connect(lambda: action())
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.empty_label, self.empty_button = label, button
        self._update_empty()
        return button

    def _update_empty(self) -> None:
        if self.empty is None:
            return
        model = self.model()
        loading = bool(getattr(model, "loading", False)) if model is not None else False
        show = model is not None and model.rowCount() == 0 and not loading
        # An empty list has nothing to scroll sideways to: its columns' headings may be
        # wider than a narrow view, but a scroll bar under the sentence only hides it.
        # Set only when it changes: setting a policy lays the view out again at once,
        # which is not for every row a model inserts.
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if show
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)
        self.empty.setGeometry(self.viewport().rect())
        self.empty.setVisible(show)

    # --- a cut-short cell shows all of it on hover --------------------------------

    # --- plain rows painted in one call (ui.widgets.plain_rows) ----------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        from clinicapp.ui.widgets.cells import PlainCells
        from clinicapp.ui.widgets.plain_rows import paint_plain_rows

        cells = self.itemDelegate()
        vertical = self.verticalHeader()
        if (isinstance(cells, PlainCells) and cells.model is self.model() and self._own_cells
                and self.isLeftToRight() and not self.wordWrap()
                and not vertical.sectionsHidden() and not vertical.sectionsMoved()
                and self.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop):
            rest = paint_plain_rows(self, cells, event.region())
            if rest.isEmpty():
                return
            if rest != event.region():
                event = QPaintEvent(rest)  # the selected, current and hovered rows
        super().paintEvent(event)

    def special_rows(self) -> list[int]:
        """Rows whose look depends on more than their texts: selected, current, hovered."""
        rows = [index.row() for index in self.selectionModel().selectedIndexes()] \
            if self.selectionModel() is not None else []
        if self.currentIndex().isValid():
            rows.append(self.currentIndex().row())
        if self._hover_row >= 0:
            rows.append(self._hover_row)
        return rows

    def setSpan(self, row: int, column: int, rows: int, columns: int) -> None:
        self._own_cells = False
        super().setSpan(row, column, rows, columns)

    def setItemDelegateForColumn(self, column, delegate) -> None:  # type: ignore[no-untyped-def]
        self._own_cells = False
        super().setItemDelegateForColumn(column, delegate)

    def setItemDelegateForRow(self, row, delegate) -> None:  # type: ignore[no-untyped-def]
        self._own_cells = False
        super().setItemDelegateForRow(row, delegate)

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.HoverEnter, QEvent.Type.HoverMove):
            # as QAbstractItemView sets its hover index, from the same events
            self._hover_row = self.indexAt(event.position().toPoint()).row()  # type: ignore[attr-defined]
        elif kind == QEvent.Type.HoverLeave:
            self._hover_row = -1
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "") if index.isValid() \
                else ""
            room = self.visualRect(index).width() - 8
            if text and self.fontMetrics().horizontalAdvance(text) > room:
                extra = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
                tip = text if not extra or extra == text else f"{text}\n{extra}"
                QToolTip.showText(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        header = self.horizontalHeader()
        if (event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent)
                and watched is header.viewport()):
            tip = self.heading_tip(header.logicalIndexAt(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, header)
                return True
        return super().eventFilter(watched, event)

    def heading_tip(self, column: int) -> str:
        """The whole text of column ``column``'s heading when its column is too narrow to
        show it (it is drawn cut, ending in "…"), else its own tooltip, if any."""
        model, header = self.model(), self.horizontalHeader()
        if model is None or column < 0:
            return ""
        horizontal = Qt.Orientation.Horizontal
        text = str(model.headerData(column, horizontal, Qt.ItemDataRole.DisplayRole) or "")
        extra = str(model.headerData(column, horizontal, Qt.ItemDataRole.ToolTipRole) or "")
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        room = header.sectionSize(column) - 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) \
                + margin
        if not text or header.fontMetrics().horizontalAdvance(text) <= room:
            return extra
        return text if not extra or extra == text else f"{text}\n{extra}"

    def _id_at(self, index: QModelIndex) -> str:
        if not index.isValid():
            return ""
        return str(index.siblingAtColumn(0).data(ROW_ID_ROLE) or "")

    def _activated(self, index: QModelIndex) -> None:
        row_id = self._id_at(index)
        if row_id:
            self.record_activated.emit(row_id)

    def rows_that_fit(self) -> int:
        """Rows the viewport shows at its present height, and two more (the view asks
        for more rows as soon as its last one is in sight)."""
        return self.viewport().height() // max(1, self.verticalHeader().defaultSectionSize()) + 2

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

    def fit_columns(self, widths: list[int], stretch: int | None = None, *,
                    squeeze: bool = False) -> None:
        """Starting widths, in characters, for the first columns. The column given the
        most (or ``stretch``) grows into the room the window leaves, never below its
        starting width, so long titles are not cut short while a short column sprawls.
        ``squeeze``: where the room is narrower than the starting widths (a small
        screen), every column narrows alike instead of the table scrolling sideways; a
        cut-short cell ends in "…" and shows all of it on hover."""
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
        self._starts = [self.columnWidth(c) for c in range(columns)] if squeeze else []
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        if squeeze:
            header.sectionResized.connect(self._section_resized)
        self._grow()

    _stretch: int | None = None
    _stretch_min = 0
    _starts: list[int] = []  # noqa: RUF012  (replaced per table, never mutated)
    _squeezed = False
    _growing = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        """A column sized to its contents grew or shrank: the others share again (one
        a person resized by hand keeps the width given)."""
        mode = self.horizontalHeader().sectionResizeMode(column)
        if mode != QHeaderView.ResizeMode.Interactive:
            self._grow()

    def _grow(self) -> None:
        model = self.model()
        if self._stretch is None or model is None or self._growing:
            return
        self._growing = True
        try:
            self._share(model.columnCount())
        finally:
            self._growing = False

    def _share(self, columns: int) -> None:
        shown = [c for c in range(columns) if not self.isColumnHidden(c)]
        room = self.viewport().width()
        if self._starts and len(self._starts) == columns:
            # A column sized to its contents (read in full) keeps its width; the rest
            # share what it leaves.
            header = self.horizontalHeader()
            fixed = [c for c in shown
                     if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Interactive]
            room -= sum(self.columnWidth(c) for c in fixed)
            shown = [c for c in shown if c not in fixed]
            wanted = sum(self._starts[c] for c in shown)
            if room < wanted:  # narrower than the columns: all of them give way alike
                self._squeezed = True
                floor = self.fontMetrics().horizontalAdvance("n" * 4) + 16
                widths = {c: max(floor, self._starts[c] * room // wanted) for c in shown}
                if self._stretch in widths:  # the pixels left by rounding down
                    widths[self._stretch] += max(0, room - sum(widths.values()))
                for c, width in widths.items():
                    self.setColumnWidth(c, width)
                return
            if self._squeezed:  # room again: back to the starting widths
                self._squeezed = False
                for c in shown:
                    self.setColumnWidth(c, self._starts[c])
        others = sum(self.columnWidth(c) for c in shown if c != self._stretch)
        self.setColumnWidth(self._stretch, max(self._stretch_min, room - others))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._grow()
        self._update_empty()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter activates the current row on every platform (macOS uses Cmd+O otherwise).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
