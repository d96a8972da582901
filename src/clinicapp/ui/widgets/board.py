"""An action plan's board: one column per status; move cards with keys, buttons or drag.

The board never moves a card by itself: a move asks for ``move_requested(item_id,
status)``; the page writes it through the service and the board redraws from the
database, so what is shown is always what was saved.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.models import ActionItem, ItemStatus
from clinicapp.core.services.action_plans import is_overdue
from clinicapp.ui.widgets.labels import fmt_date, label, labels

ID_ROLE = Qt.ItemDataRole.UserRole
MIME = "application/x-clinicapp-action-item"
STATUSES = list(ItemStatus)


class BoardColumn(QListWidget):
    """The cards of one status."""

    dropped = Signal(str, object)  # item id, ItemStatus of this column

    def __init__(self, status: ItemStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setWordWrap(True)
        self.setSpacing(3)
        # Every other card shaded, so two cards of wrapped text do not read as one (a
        # style-sheet frame would break Qt's word-wrapped item sizes).
        self.setAlternatingRowColors(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(MIME, str(items[0].data(ID_ROLE)).encode())
        return data

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(MIME):
            event.ignore()
            return
        item_id = bytes(event.mimeData().data(MIME).data()).decode()
        # Copy, not move: the source list must not delete the card itself; the redraw
        # after the service call puts it where the database says it is.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(item_id, self.status)


class Board(QWidget):
    """Five columns, Not started → Dropped."""

    move_requested = Signal(str, object)  # item id, ItemStatus
    edit_requested = Signal(str)
    current_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: dict[ItemStatus, BoardColumn] = {}
        self.headers: dict[ItemStatus, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for status in STATUSES:
            box = QVBoxLayout()
            header = QLabel(self)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column = BoardColumn(status, self)
            column.setAccessibleName(label(status))
            header.setBuddy(column)
            column.dropped.connect(self.move_requested)
            column.itemActivated.connect(
                lambda item: self.edit_requested.emit(str(item.data(ID_ROLE))))
            column.itemSelectionChanged.connect(
                lambda column=column: self._selection_changed(column))
            box.addWidget(header)
            box.addWidget(column, 1)
            layout.addLayout(box, 1)
            self.columns[status] = column
            self.headers[status] = header
        for first, second in itertools.pairwise(STATUSES):
            QWidget.setTabOrder(self.columns[first], self.columns[second])
        self.setFocusProxy(self.columns[ItemStatus.NOT_STARTED])

    def _selection_changed(self, column: BoardColumn) -> None:
        # One card is selected on the whole board: the buttons act on it.
        if column.selectedItems():
            for other in self.columns.values():
                if other is not column and other.selectedItems():
                    other.blockSignals(True)
                    other.clearSelection()
                    other.blockSignals(False)
        self.current_changed.emit()

    def show_items(self, board: dict[ItemStatus, list[ActionItem]], owners: dict[str, str],
                   as_of: date, keep: str | None = None) -> None:
        """Redraw every column; keep (or move the focus to) the card ``keep``."""
        keep = keep or self.current_id()
        names = labels(ItemStatus)
        for status, column in self.columns.items():
            items = board.get(status, [])
            self.headers[status].setText(f"<b>{names[status]}</b> ({len(items)})")
            column.blockSignals(True)
            column.clear()
            column.blockSignals(False)
            for item in items:
                card = QListWidgetItem(self._card_text(item, owners), column)
                card.setData(ID_ROLE, item.id)
                card.setToolTip(item.goal or item.action)
                if is_overdue(item, as_of):
                    font = QFont(column.font())
                    font.setBold(True)
                    card.setFont(font)
                    card.setForeground(QBrush(QColor("#b3261e")))
                if item.id == keep:
                    column.setCurrentItem(card)
                    column.setFocus()

    def _card_text(self, item: ActionItem, owners: dict[str, str]) -> str:
        details = [owners.get(item.owner_id or "", "") or self.tr("no owner"),
                   label(item.horizon)]
        if item.due_date:
            details.append(self.tr("due %1").replace("%1", fmt_date(item.due_date)))
        return f"{item.action}\n{' · '.join(details)}"

    def current(self) -> tuple[str, ItemStatus] | None:
        """The selected card and its column."""
        for column in self.columns.values():
            selected = column.selectedItems()
            if selected:
                return str(selected[0].data(ID_ROLE)), column.status
        return None

    def current_id(self) -> str | None:
        found = self.current()
        return found[0] if found else None

    def select(self, item_id: str) -> bool:
        for column in self.columns.values():
            for row in range(column.count()):
                if column.item(row).data(ID_ROLE) == item_id:
                    column.setCurrentRow(row)
                    column.setFocus()
                    return True
        return False

    def move_current(self, step: int) -> None:
        """Move the selected card one column right (+1) or left (-1)."""
        found = self.current()
        if found is None:
            return
        item_id, status = found
        position = STATUSES.index(status) + step
        if 0 <= position < len(STATUSES):
            self.move_requested.emit(item_id, STATUSES[position])
