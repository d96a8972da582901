"""A table model over a paged service call: rows arrive a page at a time, off the UI thread.

``PagedTableModel(columns, fetch)`` calls ``fetch(offset, limit) -> Page`` in the
background (``ops.run_op``) for the first page, and again whenever the view scrolls near
the end (``canFetchMore``/``fetchMore``). A 100,000-session database therefore costs one
page of rows and one count, never the whole table. ``reload()`` re-reads what is shown;
when the same rows come back (a field changed), it updates them in place so the view
keeps its scroll position and selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clinicapp.core.services._common import Page
from clinicapp.ui.ops import run_op

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], Page[Any]]

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(ROW_ID_ROLE)``: the id of the record on that row."""

RELOAD_LIMIT = 2000  # a reload re-reads at most this many already-shown rows at once


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and how to show a row in it."""

    title: str
    value: Callable[[R], Any]
    tooltip: Callable[[R], str] | None = None
    align_right: bool = False


class PagedTableModel(QAbstractTableModel, Generic[R]):
    loading_changed = Signal(bool)
    reloaded = Signal()  # the first page of a reload arrived (or the rows were refreshed)
    total_changed = Signal(int)

    PAGE_SIZE = 200

    def __init__(self, columns: Sequence[Column[R]], fetch: Fetch | None = None,
                 parent: QObject | None = None, *,
                 row_id: Callable[[R], str] = lambda row: row.id,  # type: ignore[attr-defined]
                 emphasis: Callable[[R], bool] | None = None,
                 page_size: int | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch = fetch
        self._row_id = row_id
        self._emphasis = emphasis
        self._page_size = page_size or self.PAGE_SIZE
        self._rows: list[R] = []
        self._total = 0
        self._generation = 0
        self._loading = False
        self.fetch_count = 0  # how many pages were requested (tests check laziness)

    # --- what is shown ----------------------------------------------------------

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_fetch(self, fetch: Fetch | None, keep_rows: bool = False) -> None:
        """Show another query (new filters), from its first page; ``keep_rows`` when it is
        the same query with fresh arguments (a refresh keeps what is shown)."""
        self._fetch = fetch
        self.reload(keep_rows=keep_rows)

    def reload(self, keep_rows: bool = True) -> None:
        """Re-read from the database in the background."""
        self._generation += 1
        generation = self._generation
        fetch = self._fetch
        if fetch is None:
            self._apply_first(generation, Page(items=[], offset=0, total=0), same_query=False)
            return
        limit = self._page_size
        if keep_rows:
            limit = min(max(limit, len(self._rows)), RELOAD_LIMIT)
        self._set_loading(True)
        self.fetch_count += 1
        run_op(None, lambda: fetch(0, limit),
               on_success=self._while_alive(
                   lambda page: self._apply_first(generation, page, keep_rows)),
               on_failure=self._while_alive(lambda exc: self._failed(generation, exc)))

    def _apply_first(self, generation: int, page: Page[R], same_query: bool) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        new_ids = [self._row_id(r) for r in page.items]
        old_ids = [self._row_id(r) for r in self._rows]
        if same_query and new_ids == old_ids and self._rows:
            self._rows = list(page.items)
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self._columns) - 1))
        else:
            self.beginResetModel()
            self._rows = list(page.items)
            self.endResetModel()
        self._set_total(page.total)
        self._set_loading(False)
        self.reloaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_loading(False)
        from clinicapp.ui.ops import show_error

        show_error(None, exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self.total_changed.emit(total)

    # --- lazy fetching ----------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._fetch is not None and not self._loading
                and len(self._rows) < self._total)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation, fetch, offset = self._generation, self._fetch, len(self._rows)
        assert fetch is not None
        self._set_loading(True)
        self.fetch_count += 1
        run_op(None, lambda: fetch(offset, self._page_size),
               on_success=self._while_alive(
                   lambda page: self._append(generation, offset, page)),
               on_failure=self._while_alive(lambda exc: self._failed(generation, exc)))

    def _while_alive(self, deliver: Callable[[Any], None]) -> Callable[[Any], None]:
        """``deliver``, unless the model was deleted (its window closed) while the rows
        were being read: then the rows have nowhere to go."""

        def guarded(result: Any) -> None:
            if shiboken6.isValid(self):
                deliver(result)

        return guarded

    def _append(self, generation: int, offset: int, page: Page[R]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        if page.items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()
        # Rows inserted or deleted since the count: trust the end of the data.
        self._set_total(page.total if page.items else len(self._rows))
        self._set_loading(False)

    # --- access -----------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, index: int | AnyIndex) -> R:
        return self._rows[index if isinstance(index, int) else index.row()]

    def row_id(self, index: int | AnyIndex) -> str:
        return self._row_id(self.row(index))

    def find(self, row_id: str) -> int:
        """The row showing ``row_id``, or -1 when it is not loaded."""
        for number, row in enumerate(self._rows):
            if self._row_id(row) == row_id:
                return number
        return -1

    # --- QAbstractTableModel ----------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ID_ROLE:
            return self._row_id(row)
        if self._emphasis is not None and self._emphasis(row):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#b3261e"))
        return None
