"""A heading wider than its column ends in "…", in every record table (centred and
clipped, it lost both ends: "ice / CFPC nu"); the roster import did it on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QStandardItemModel
from PySide6.QtWidgets import QProxyStyle

from clinicapp.ui.widgets.tables import RecordTable

HEADINGS = ["Name", "Licence / CFPC number", "Email"]


class DrawnHeadings(QProxyStyle):
    """Notes the text each heading is drawn with: what a person reads there."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[str] = []

    def drawItemText(self, painter, rect, flags, palette, enabled, text,  # type: ignore[no-untyped-def]
                     role=QPalette.ColorRole.NoRole):
        self.drawn.append(text)
        super().drawItemText(painter, rect, flags, palette, enabled, text, role)


def shown_table(qtbot, style: QProxyStyle | None = None):  # type: ignore[no-untyped-def]
    """A Members table with HEADINGS, shown at 600 px (its header drawn by ``style``)."""
    table = RecordTable(accessible_name="Members")
    qtbot.addWidget(table)
    model = QStandardItemModel(1, len(HEADINGS), table)
    model.setHorizontalHeaderLabels(HEADINGS)
    table.setModel(model)
    if style is not None:
        table.horizontalHeader().setStyle(style)
    table.resize(600, 200)
    table.show()
    qtbot.waitExposed(table)
    return table, model


def test_a_heading_too_wide_for_its_column_ends_in_an_ellipsis(qtbot):
    style = DrawnHeadings()
    table, _model = shown_table(qtbot, style)
    header = table.horizontalHeader()
    narrow = header.fontMetrics().horizontalAdvance("Licence") + 30
    table.setColumnWidth(1, narrow)
    style.drawn.clear()
    header.grab()
    licence = [text for text in style.drawn if text.startswith("Lic")]
    assert licence, style.drawn
    shown = licence[-1]
    assert shown != HEADINGS[1] and shown.endswith("…")  # cut at its end, not both
    assert HEADINGS[1].startswith(shown[:-1].rstrip())
    assert "Name" in style.drawn  # a heading that fits is drawn whole


def _hover_heading(qtbot, table: RecordTable, column: int) -> str:  # type: ignore[no-untyped-def]
    """Sends the header what hovering over the middle of ``column``'s heading sends, and
    gives the tooltip shown."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    header = table.horizontalHeader()
    QToolTip.hideText()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    at = QPoint(x, header.height() // 2)
    QApplication.sendEvent(header.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, at, header.viewport().mapToGlobal(at)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_heading_shows_its_whole_text_on_hover_and_one_that_fits_shows_none(qtbot):
    table, model = shown_table(qtbot)
    header = table.horizontalHeader()
    table.setColumnWidth(0, header.fontMetrics().horizontalAdvance("Name") + 40)
    table.setColumnWidth(1, header.fontMetrics().horizontalAdvance("Licence") + 30)
    assert _hover_heading(qtbot, table, 1) == "Licence / CFPC number"
    assert table.heading_tip(0) == ""  # drawn whole: nothing to add
    table.setColumnWidth(1, header.fontMetrics().horizontalAdvance(HEADINGS[1]) + 60)
    assert table.heading_tip(1) == ""  # widened: drawn whole now
    model.setHeaderData(1, Qt.Orientation.Horizontal, "As on the licence",
                        Qt.ItemDataRole.ToolTipRole)
    assert table.heading_tip(1) == "As on the licence"  # a heading's own tip stays
    table.setColumnWidth(1, header.fontMetrics().horizontalAdvance("Licence") + 30)
    assert _hover_heading(qtbot, table, 1) == "Licence / CFPC number\nAs on the licence"
