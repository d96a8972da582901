"""The Sync page's conflicts: what happened (who changed what, where and when), the value
in place, the other value."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from clinicapp.core.sync.api import ConflictView


class ConflictModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictView] = []
        self.headers = [self.tr("What happened"), self.tr("Kept value"),
                        self.tr("Other value"), self.tr("Detected")]

    def set_rows(self, rows: list[ConflictView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        kept = self.tr("(deleted)") if row.kind == "delete" else row.kept_value
        values: list[object] = [row.summary or f"{row.tbl} {row.field}", kept,
                                row.lost_value, row.detected_at]
        value = values[index.column()]
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        return str(value)

    def conflict(self, row: int) -> ConflictView:
        return self.rows[row]

    def conflict_id(self, row: int) -> int:
        return self.rows[row].id
