"""Plain rows painted in one call per paint look exactly as Qt's table paints them: at
every repaint, under the mouse, in part of the view, beside a selected row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, QRect
from PySide6.QtGui import QHoverEvent, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from clinicapp.ui.widgets import plain_rows
from clinicapp.ui.widgets.cells import PlainCells
from tests.unit.ui.widgets.test_cells import _table


def _render(table, region: QRegion | None = None) -> QImage:  # type: ignore[no-untyped-def]
    viewport = table.viewport()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    viewport.render(painter, QPoint(), region if region is not None else QRegion())
    painter.end()
    return image


def _as_qt(table, region: QRegion | None = None) -> QImage:  # type: ignore[no-untyped-def]
    fast = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    try:
        return _render(table, region)
    finally:
        table.setItemDelegate(fast)


def _spy(monkeypatch) -> list[QRegion]:  # type: ignore[no-untyped-def]
    """What each paint left to Qt."""
    calls: list[QRegion] = []
    real = plain_rows.paint_plain_rows

    def spy(view, cells, region):  # type: ignore[no-untyped-def]
        rest = real(view, cells, region)
        calls.append(rest)
        return rest

    monkeypatch.setattr(plain_rows, "paint_plain_rows", spy)
    return calls


def _rows(table, *numbers: int) -> QRegion:  # type: ignore[no-untyped-def]
    region = QRegion()
    for number in numbers:
        region += QRect(0, table.rowViewportPosition(number), table.viewport().width(),
                        table.rowHeight(number))
    return region


def test_every_repaint_draws_the_rows_as_qt_does(qtbot, qapp, monkeypatch):
    table, _model = _table(qtbot, qapp)
    assert isinstance(table.itemDelegate(), PlainCells)
    calls = _spy(monkeypatch)
    qt = _as_qt(table)
    # the first paint shapes each text, the next ones keep repeated texts laid out
    for _ in range(3):
        assert _render(table) == qt
    # only the bold red row and the one of two lines were left to Qt
    assert calls[:3] == [_rows(table, 5, 7)] * 3
    # a part of the view: a rectangle cutting rows and columns in two
    part = QRegion(QRect(37, 45, 260, 95))
    assert _render(table, part) == _as_qt(table, part)
    # two rectangles apart: the same as Qt's table loop calling PlainCells per cell (Qt's
    # own delegate lays text out otherwise under a clip of several rectangles: a few
    # pixels one shade apart, with or without this module)
    apart = QRegion(QRect(0, 0, 80, 40)) + QRegion(QRect(300, 120, 200, 60))
    drawn = _render(table, apart)
    table._own_cells = False
    assert drawn == _render(table, apart)


def test_selected_current_and_hovered_rows_are_left_to_qt(qtbot, qapp, monkeypatch):
    table, model = _table(qtbot, qapp)
    table.activateWindow()
    qtbot.waitUntil(table.isActiveWindow)
    table.setFocus()
    table.selectionModel().setCurrentIndex(
        model.index(2, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    viewport = table.viewport()
    over = table.visualRect(model.index(6, 0)).center()
    QApplication.sendEvent(viewport, QHoverEvent(
        QEvent.Type.HoverMove, QPointF(over), QPointF(viewport.mapToGlobal(over)),
        QPointF(-1, -1)))
    assert table.special_rows() == [2, 2, 2, 2, 2, 6]
    calls = _spy(monkeypatch)
    assert _render(table) == _as_qt(table)
    assert calls == [_rows(table, 2, 5, 6, 7)]
    QApplication.sendEvent(viewport, QHoverEvent(
        QEvent.Type.HoverLeave, QPointF(-1, -1), QPointF(-1, -1), QPointF(over)))
    assert 6 not in table.special_rows()
    assert _render(table) == _as_qt(table)


def test_a_table_with_a_span_is_painted_by_qt_alone(qtbot, qapp, monkeypatch):
    table, _model = _table(qtbot, qapp)
    calls = _spy(monkeypatch)
    _render(table)
    assert len(calls) == 1
    table.setSpan(1, 0, 1, 2)  # Qt clips the other cells around it: its loop paints
    _render(table)
    assert len(calls) == 1


def test_a_bold_red_row_scrolled_into_view_is_still_left_to_qt(qtbot, qapp, monkeypatch):
    table, model = _table(qtbot, qapp)
    calls = _spy(monkeypatch)
    table.resize(700, 200)  # rows 5 and 7 out of sight, then scrolled to
    qapp.processEvents()
    table.scrollTo(model.index(7, 0))
    qapp.processEvents()
    calls.clear()
    assert _render(table) == _as_qt(table)
    assert calls == [_rows(table, 5, 7)]


def test_one_row_panel_for_fusion_and_one_per_cell_in_another_style(qtbot, qapp):
    from PySide6.QtWidgets import QStyleFactory, QStyleOptionViewItem

    table, _model = _table(qtbot, qapp)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    # the app's style: a row's cells share one panel (the pixels as Qt's, above)
    assert plain_rows._one_panel_a_row(table, table.style(), option, table.showGrid())
    windows = QStyleFactory.create("Windows")
    table.setStyle(windows)
    qapp.processEvents()
    assert not plain_rows._one_panel_a_row(table, windows, option, table.showGrid())
    for _ in range(2):
        assert _render(table) == _as_qt(table)
