"""An empty list says what to do next, with the button; a cut-short cell shows all of it."""

from __future__ import annotations

from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from clinicapp.core.services import groups
from clinicapp.ui.pages.groups import GroupsPage
from tests.unit.ui.everyday import make_ctx, settle, show_page


def test_an_empty_list_says_what_to_do_and_offers_the_button(qtbot, db, paths, crashes):
    page = GroupsPage(make_ctx(db, paths))
    show_page(qtbot, page)
    table = page.groups_table
    assert table.empty is not None and table.empty.isVisible()
    assert "No group yet" in table.empty_label.text()
    assert table.empty_button is not None and table.empty_button.isVisible()
    # The roster has nothing to import into before a group exists.
    assert not page.roster_import_empty.isVisible()
    groups.create(db, "Riverside small group with a long name that will not fit its column")
    settle()
    assert not table.empty.isVisible()
    assert page.roster_table.empty.isVisible() and page.roster_import_empty.isVisible()

    table.setColumnWidth(0, 60)
    index = table.model().index(0, 0)
    centre = table.visualRect(index).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, centre, table.viewport().mapToGlobal(centre))
    QApplication.sendEvent(table.viewport(), event)
    assert QToolTip.isVisible() and "will not fit its column" in QToolTip.text()
    QToolTip.hideText()
    assert not crashes


def test_a_narrow_groups_list_fits_its_columns_instead_of_scrolling_sideways(
        qtbot, db, paths, crashes):
    groups.create(db, "Bella Coola Family Physicians Practice-Based Small Group",
                  division="Rural and Remote Division")
    page = GroupsPage(make_ctx(db, paths))
    show_page(qtbot, page)
    table = page.groups_table
    wide = [table.columnWidth(c) for c in range(2)]

    def columns() -> int:
        return sum(table.columnWidth(c) for c in range(2))

    table.resize(220, 300)  # the groups pane of a 1024-pixel window
    qtbot.waitUntil(lambda: table.viewport().width() < 220)
    assert columns() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert table.columnWidth(1) > table.fontMetrics().horizontalAdvance("Rural")  # readable
    table.resize(700, 300)  # room again: the starting widths, the name takes the rest
    qtbot.waitUntil(lambda: table.viewport().width() > 600)
    assert table.columnWidth(1) == wide[1]
    assert columns() == table.viewport().width()
    assert not crashes

