"""Plain rows of a ``RecordTable`` painted in one Python call per paint, not per cell.

Even with ``PlainCells``, Qt's ``QTableView::paintEvent`` calls into Python once per
painted cell, and that call (wrapping the painter, copying the style option, the index)
costs more than the cell: a screen of 30 rows × 6 columns took 2.7 ms to repaint, the same
with a delegate that draws nothing. ``paint_plain_rows`` does what that loop does — each
cell's row panel through the style, its text as ``PlainCells`` draws it, the grid — for
the rows that are plain, and hands back the rest of the region: the selected, current and
hovered rows, emphasised or multi-line ones, which the view then paints through Qt as
before. The steps follow ``QTableView::paintEvent`` (Qt 6) one for one, so the pixels are
the same (``tests/unit/ui/widgets/test_cells.py`` compares them with Qt's own drawing).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

if TYPE_CHECKING:
    from clinicapp.ui.widgets.cells import PlainCells
    from clinicapp.ui.widgets.tables import RecordTable

_ENABLED = int(QStyle.StateFlag.State_Enabled.value)
_ACTIVE = int(QStyle.StateFlag.State_Active.value)
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_GRID_COLOR = QStyle.StyleHint.SH_Table_GridLineColor
_LEFT_TOP_LINES = QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines
_NORMAL = QPalette.ColorGroup.Normal
_INACTIVE = QPalette.ColorGroup.Inactive
_ALTERNATE_BASE = QPalette.ColorRole.AlternateBase
_SOLID = Qt.BrushStyle.SolidPattern


def paint_plain_rows(view: RecordTable, cells: PlainCells, region: QRegion) -> QRegion:
    """Paint the plain rows of ``region`` on ``view``'s viewport; returns what is left
    for Qt to paint (possibly all of it: then nothing was painted)."""
    model = cells.model
    vertical, horizontal = view.verticalHeader(), view.horizontalHeader()
    if model.rowCount() == 0 or horizontal.count() == 0:
        return region
    viewport = view.viewport()
    # The rows the region touches (the same rows the loop below paints).
    bounds = region.boundingRect()
    first = max(vertical.visualIndexAt(bounds.top()), 0)
    last = vertical.visualIndexAt(bounds.bottom())
    if last == -1:
        last = model.rowCount() - 1
    # Rows Qt draws itself: selection, focus and hover states, bold red or several lines.
    special = set(view.special_rows())
    for number in range(first, last + 1):
        if number not in special and not cells.plain_row(number):
            special.add(number)
    width = viewport.width()
    aside = QRegion()
    for number in special:
        if first <= number <= last:
            aside += QRect(0, view.rowViewportPosition(number), width, view.rowHeight(number))
    plain = region.subtracted(aside)
    if plain.isEmpty():
        return region

    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    state = option.state.value  # type: ignore[attr-defined]
    if not state & _ENABLED:
        return region
    option.palette.setCurrentColorGroup(_NORMAL)  # as Qt does for an enabled cell
    style = view.style()
    grid = view.showGrid()
    grid_size = 1 if grid else 0
    alternate = view.alternatingRowColors()
    x_end = horizontal.length() - horizontal.offset() - 1
    y_end = vertical.length() - vertical.offset() - 1
    columns = [horizontal.logicalIndex(v) for v in range(horizontal.count())]

    active = bool(state & _ACTIVE)
    right = [model.right_aligned(c) for c in range(model.columnCount())]
    merge = _one_panel_a_row(view, style, option, grid)
    several = plain.rectCount() > 1
    drawn: set[tuple[int, int]] = set()  # a cell across two dirty rectangles: drawn once
    painter = QPainter(viewport)
    try:
        for dirty in plain:
            dirty.setBottom(min(dirty.bottom(), y_end))
            dirty.setRight(min(dirty.right(), x_end))
            if not dirty.isValid():
                continue
            left = horizontal.visualIndexAt(dirty.left())
            right_end = horizontal.visualIndexAt(dirty.right())
            left = 0 if left == -1 else left
            right_end = horizontal.count() - 1 if right_end == -1 else right_end
            bottom = vertical.visualIndexAt(dirty.bottom())
            bottom = vertical.count() - 1 if bottom == -1 else bottom
            top = vertical.visualIndexAt(dirty.top())
            if top == -1 or top > bottom:
                continue
            shown = [(c, view.columnViewportPosition(c), view.columnWidth(c) - grid_size)
                     for c in columns[left:right_end + 1] if not horizontal.isSectionHidden(c)]
            # the cells side by side, one grid line apart: one panel can span them
            span = merge and bool(shown) and all(
                x + width + grid_size == next_x
                for (_c, x, width), (_n, next_x, _w) in itertools.pairwise(shown))
            span_width = shown[-1][1] + shown[-1][2] - shown[0][1] if span else 0
            for number in range(top, bottom + 1):
                y = view.rowViewportPosition(number)
                height = view.rowHeight(number) - grid_size
                if alternate and number & 1:
                    option.features |= _ALTERNATE
                else:
                    option.features &= ~_ALTERNATE
                row_cells = shown
                if several:
                    row_cells = [cell for cell in shown if (number, cell[0]) not in drawn]
                    drawn.update((number, cell[0]) for cell in row_cells)
                if span and len(row_cells) == len(shown):
                    option.rect = QRect(shown[0][1], y, span_width, height)
                    style.drawPrimitive(_ROW_PANEL, option, painter, view)
                else:
                    for _column, x, column_width in row_cells:
                        option.rect = QRect(x, y, column_width, height)
                        style.drawPrimitive(_ROW_PANEL, option, painter, view)
                cells.draw_texts(painter, y, height, model.texts(number), row_cells, right,
                                 active)
            if grid:
                _grid(view, painter, option, dirty, top, bottom, shown, columns[left])
    finally:
        painter.end()
    return region.intersected(aside)


def _one_panel_a_row(view: RecordTable, style: QStyle, option: QStyleOptionViewItem,
                     grid: bool) -> bool:
    """One row panel across a row's cells draws what one per cell draws: true of Fusion
    (the app's style), whose panel of a plain row is a solid fill of the alternate rows'
    colour (nothing on the others), when the grid drawn over the joins is opaque."""
    if style.name().lower() != "fusion":
        return False
    palette = option.palette
    if any(palette.brush(group, _ALTERNATE_BASE).style() != _SOLID
           for group in (_NORMAL, _INACTIVE)):
        return False
    return not grid or _grid_color(view, style, option).alpha() == 255


def _grid_color(view: RecordTable, style: QStyle, option: QStyleOptionViewItem) -> QColor:
    return QColor.fromRgba(style.styleHint(_GRID_COLOR, option, view) & 0xFFFFFFFF)


def _grid(view: RecordTable, painter: QPainter, option: QStyleOptionViewItem, dirty: QRect,
          top: int, bottom: int, shown: list[tuple[int, int, int]], left: int) -> None:
    """The grid lines of one dirty rectangle, as ``QTableView::paintEvent`` draws them."""
    style = view.style()
    painter.setPen(QPen(_grid_color(view, style, option), 1, view.gridStyle()))
    # Qt draws each line on its own, offset half a pixel; the same lines in one call
    left_x, right_x = dirty.left() + 0.5, dirty.right() + 0.5
    top_y, bottom_y = dirty.top() + 0.5, dirty.bottom() + 0.5
    lines = [QLineF(left_x, y, right_x, y) for y in
             (view.rowViewportPosition(number) + view.rowHeight(number) - 0.5
              for number in range(top, bottom + 1))]
    lines += [QLineF(x + column_width + 0.5, top_y, x + column_width + 0.5, bottom_y)
              for _column, x, column_width in shown]
    painter.drawLines(lines)
    if style.styleHint(_LEFT_TOP_LINES, option, view):
        if view.horizontalHeader().isHidden() and view.rowViewportPosition(top) == dirty.top():
            painter.drawLine(dirty.left(), dirty.top(), dirty.right(), dirty.top())
        if view.verticalHeader().isHidden() and not view.horizontalHeader().isSectionHidden(left):
            x = view.columnViewportPosition(left)
            if x == dirty.left():
                painter.drawLine(x, dirty.top(), x, dirty.bottom())

