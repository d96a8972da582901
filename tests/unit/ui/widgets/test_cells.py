"""Plain cells drawn by PlainCells look exactly as Qt's own delegate draws them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QImage, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate

from clinicapp.core.services._common import Page
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.widgets.cells import PlainCells
from clinicapp.ui.widgets.tables import RecordTable


@dataclass(frozen=True)
class Row:
    id: str
    when: str
    title: str
    minutes: int | None
    late: bool = False


ROWS = [Row(f"r{n}", f"Tue {n + 1} Mar 2026 09:{n:02d}",
            "Diabetes follow-up and foot care review " * (n % 3 + 1) if n != 4 else "",
            None if n == 2 else n * 15, late=n == 5) for n in range(30)]
ROWS[7] = Row("r7", "Wed 8 Mar 2026 10:00", "Two\nlines", 90)


def _table(qtbot, qapp) -> tuple[RecordTable, PagedTableModel[Row]]:  # type: ignore[no-untyped-def]
    model: PagedTableModel[Row] = PagedTableModel([
        Column("When", lambda r: r.when),
        Column("Title", lambda r: r.title),
        Column("Length", lambda r: r.minutes, align_right=True),
        Column("Empty", lambda r: None),
    ], lambda offset, limit: Page(ROWS[offset:offset + limit], offset, len(ROWS)),
        emphasis=lambda r: r.late)
    model.reload()
    assert wait_for_ops()
    qapp.processEvents()
    table = RecordTable(None, "Rows")
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(700, 500)
    table.fit_columns([17, 30, 6])
    table.show()
    qtbot.waitExposed(table)
    return table, model


def _drawn(table: RecordTable, delegate: QStyledItemDelegate) -> QImage:
    table.setItemDelegate(delegate)
    return table.viewport().grab().toImage()


def test_the_cells_are_drawn_pixel_for_pixel_as_qt_draws_them(qtbot, qapp):
    table, model = _table(qtbot, qapp)
    fast = table.itemDelegate()
    assert isinstance(fast, PlainCells)  # a paged model gets the plain-cell delegate
    qt = QStyledItemDelegate(table)
    # elided titles, right-aligned lengths, empty cells, a bold red row, two lines
    assert _drawn(table, fast) == _drawn(table, qt)
    # the long titles were cut short with an ellipsis
    assert any(shown.endswith("…") for shown, _x in fast._fitted.values())

    # a selected row and the current cell with the keyboard focus: Qt's own drawing
    table.activateWindow()
    qtbot.waitUntil(table.isActiveWindow)
    table.setFocus()
    table.selectionModel().setCurrentIndex(
        model.index(3, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(table.hasFocus)
    assert _drawn(table, fast) == _drawn(table, qt)

    # a larger font and a narrower column: laid out again, still the same
    font = QFont(table.font())
    font.setPointSize(font.pointSize() + 3)
    table.setFont(font)
    table.setColumnWidth(1, 120)
    assert _drawn(table, fast) == _drawn(table, qt)


def test_the_texts_drawn_change_with_the_rows(qtbot, qapp):
    table, model = _table(qtbot, qapp)
    before = table.viewport().grab().toImage()
    names = {"r0": "Tue 1 Mar 2026 09:00"}
    model.set_columns([Column("When", lambda r: names.get(r.id, r.when))])
    names["r0"] = "Moved to Friday"
    model.layoutChanged.emit()  # what a page does when names arrive later
    assert model.data(model.index(0, 0)) == "Moved to Friday"
    after = table.viewport().grab().toImage()
    assert after != before
    assert after == _drawn(table, QStyledItemDelegate(table))


def test_another_kind_of_model_gets_qt_delegate_back(qtbot, qapp):
    table, _model = _table(qtbot, qapp)
    table.setModel(QStandardItemModel(2, 2, table))
    assert type(table.itemDelegate()) is QStyledItemDelegate
    assert table.itemDelegate() is not None and not isinstance(table.itemDelegate(), PlainCells)
    assert table.textElideMode() == Qt.TextElideMode.ElideRight


def test_texts_at_the_edge_of_their_column_and_other_scripts_are_measured_exactly(
        qtbot, qapp):
    table, model = _table(qtbot, qapp)
    fast = table.itemDelegate()
    assert isinstance(fast, PlainCells)
    metrics = table.fontMetrics()
    title = "Réunion du groupe : soins des pieds"
    # the title column exactly as wide as the text, one pixel less, and one more
    for spare in (-1, 0, 1):
        table.setColumnWidth(1, metrics.horizontalAdvance(title) + 6 + spare)
        rows = [Row(f"e{n}", "Ελληνικά κείμενα " * (n + 1) if n % 2 else "عربي " * (n + 3),
                    title, n) for n in range(20)]
        model.set_fetch(lambda offset, limit, rows=rows: Page(rows[offset:offset + limit],
                                                               offset, len(rows)))
        assert wait_for_ops()
        qapp.processEvents()
        assert _drawn(table, fast) == _drawn(table, QStyledItemDelegate(table))
