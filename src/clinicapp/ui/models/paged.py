"""A table model over a paged service call: rows arrive a page at a time, off the UI thread.

``PagedTableModel(columns, fetch)`` calls ``fetch(offset, limit) -> Page`` in the
background (``ops.run_op``) for the first page, and again whenever the view scrolls near
the end (``canFetchMore``/``fetchMore``). A 100,000-session database therefore costs one
page of rows and one count, never the whole table. Given a ``count`` too, ``fetch`` need
not count (its ``total`` only a lower bound): the first rows are shown at once and the
count follows in the background (``total_changed``), so it never holds them up.
``reload()`` re-reads what is shown;
when the same rows come back (a field changed), it updates them in place so the view
keeps its scroll position and selection.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clinicapp.core.services._common import Page
from clinicapp.ui.ops import run_op

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], Page[Any]]
Count = Callable[[], int]

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(ROW_ID_ROLE)``: the id of the record on that row."""

# Roles as plain ints: ``data`` is called for every role of every painted cell, and an
# enum lookup costs more than the rest of the call.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ROW_ID = int(ROW_ID_ROLE)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)

COUNT_AFTER_MS = 100  # the count starts once the first rows are drawn (well within this)
RELOAD_LIMIT = 2000  # a reload re-reads at most this many already-shown rows at once


@functools.cache
def _emphasis_font() -> QFont:
    """Made once (after the application exists), not per painted cell."""
    font = QFont()
    font.setBold(True)
    return font


@functools.cache
def _emphasis_brush() -> QBrush:
    return QBrush(QColor("#b3261e"))


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
        self._count: Count | None = None
        self._counted: int | None = None  # the exact total, once ``count`` gave it
        self._row_id = row_id
        self._emphasis = emphasis
        self._page_size = page_size or self.PAGE_SIZE
        # Rows read for a new query's first page (None: a whole page): what fits the
        # view, so the first paint waits for no row it cannot show; the rest of the page
        # follows once those are drawn.
        self.first_rows: int | None = None
        self._rows: list[R] = []
        # Each row's cell texts, made once when the row is first asked for (None until
        # then): painting a screen asks every cell several times (paint, hover, the
        # accessibility tree), and a column's formatter costs more than the lookup.
        self._texts: list[tuple[str, ...] | None] = []
        self._total = 0
        self._generation = 0
        self._loading = False
        self.fetch_count = 0  # how many pages were requested (tests check laziness)
        # A page that changes what a column shows (names loaded later) says so with
        # layoutChanged or dataChanged: the texts are made again. Connected before any
        # view, so the view repaints from fresh texts.
        self.layoutChanged.connect(self.forget_texts)
        self.dataChanged.connect(self.forget_texts)
        self.modelReset.connect(self.forget_texts)

    # --- what is shown ----------------------------------------------------------

    def forget_texts(self, *_args: Any) -> None:
        """The cell texts are made again when next asked for (what a column shows
        changed without the rows changing)."""
        self._texts = [None] * len(self._rows)

    def set_columns(self, columns: Sequence[Column[R]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_fetch(self, fetch: Fetch | None, keep_rows: bool = False,
                  count: Count | None = None) -> None:
        """Show another query (new filters), from its first page; ``keep_rows`` when it is
        the same query with fresh arguments (a refresh keeps what is shown). ``count``:
        the query's exact count, asked for after the first rows are shown."""
        self._fetch = fetch
        self._count = count
        self.reload(keep_rows=keep_rows)

    def reload(self, keep_rows: bool = True) -> None:
        """Re-read from the database in the background."""
        self._generation += 1
        generation = self._generation
        fetch = self._fetch
        self._counted = None
        if fetch is None:
            self._apply_first(generation, Page(items=[], offset=0, total=0), same_query=False)
            return
        limit = min(self.first_rows or self._page_size, self._page_size)
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
        self._set_total(page.total, announce=self._count is None)
        self._set_loading(False)
        self.reloaded.emit()
        if len(page.items) < self._page_size and self.canFetchMore():
            # Only what fits was read: the rest of a page follows the first paint.
            QTimer.singleShot(COUNT_AFTER_MS, self,
                              lambda: self._fetch_rest(generation))
        if self._count is not None:
            # Once the rows are drawn: a count running while they are painted slows the
            # painting, since each cell's text is asked of Python and the worker holds
            # the interpreter meanwhile.
            count = self._count
            QTimer.singleShot(COUNT_AFTER_MS, self,
                              lambda: self._count_in_background(generation, count))

    def _fetch_rest(self, generation: int) -> None:
        if generation == self._generation and len(self._rows) < self._page_size:
            self.fetchMore()

    def _count_in_background(self, generation: int, count: Count) -> None:
        def counted(total: int) -> None:
            if generation != self._generation:
                return
            self._counted = total
            # Announced even when the rows already told the same number (fewer than a
            # page): until now it was only a lower bound, never shown.
            self._total = total
            self.total_changed.emit(total)

        run_op(None, count, on_success=self._while_alive(counted),
               on_failure=self._while_alive(lambda exc: self._failed(generation, exc)))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._set_loading(False)
        from clinicapp.ui.ops import show_error

        show_error(None, exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _set_total(self, total: int, announce: bool = True) -> None:
        """``announce=False``: a lower bound (enough to fetch more), not yet the count."""
        if total != self._total:
            self._total = total
            if announce:
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
            self._texts.extend([None] * len(page.items))
            self.endInsertRows()
        # Rows inserted or deleted since the count: trust the end of the data.
        if not page.items:
            self._set_total(len(self._rows))
        elif self._count is None:
            self._set_total(page.total)
        elif self._counted is None:  # still counting: a lower bound keeps fetching going
            self._set_total(max(page.total, self._total), announce=False)
        self._set_loading(False)

    # --- access -----------------------------------------------------------------

    @property
    def total(self) -> int:
        """The rows the query matches (with ``count``: a lower bound until counted)."""
        return self._total

    @property
    def counted(self) -> bool:
        """``total`` is the exact count (always, without a separate ``count``)."""
        return self._count is None or self._counted is not None

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

    def texts(self, number: int) -> tuple[str, ...]:
        """Row ``number``'s cell texts, one per column (what DisplayRole answers)."""
        texts = self._texts[number]
        if texts is None:
            row = self._rows[number]
            texts = self._texts[number] = tuple(
                "" if (value := column.value(row)) is None else str(value)
                for column in self._columns)
        return texts

    def right_aligned(self, column: int) -> bool:
        return self._columns[column].align_right

    def emphasised(self, number: int) -> bool:
        """Row ``number`` is drawn bold and red (``emphasis``)."""
        return self._emphasis is not None and self._emphasis(self._rows[number])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.texts(index.row())[index.column()]
        row = self._rows[index.row()]
        if role == _TOOLTIP:
            tooltip = self._columns[index.column()].tooltip
            return None if tooltip is None else tooltip(row)
        if role == _ALIGNMENT:
            return _RIGHT if self._columns[index.column()].align_right else None
        if role == _ROW_ID:
            return self._row_id(row)
        if role in (_FONT, _FOREGROUND) and self._emphasis is not None \
                and self._emphasis(row):
            return _emphasis_font() if role == _FONT else _emphasis_brush()
        return None

    def multiData(self, index: QModelIndex, span: QModelRoleDataSpan) -> None:
        """Every role of one cell in one call: Qt's delegates ask for eight or so roles
        per painted cell, and one call from C++ into Python costs more than the answers
        (a screen of rows drew in a quarter of the time this way). The row and column are
        looked up once for all of them, and the text made once."""
        number = index.row()
        if not index.isValid() or number >= len(self._rows):
            for role_data in span:
                role_data.clearData()
            return
        column = self._columns[index.column()]
        text = self.texts(number)[index.column()]
        for role_data in span:
            role = role_data.role()
            if role in (_DISPLAY, _ACCESSIBLE):
                role_data.setData(text)
            elif role == _ALIGNMENT:
                role_data.setData(_RIGHT if column.align_right else None)
            elif role in (_TOOLTIP, _ROW_ID, _FONT, _FOREGROUND):
                role_data.setData(self.data(index, role))
            else:
                role_data.clearData()
