"""Every page fits an 800 × 640 window in both languages without scrolling sideways.

French words are longer: at 800 pixels the Groups, Sessions, Reflections, Support and Sync
pages were wider than the window (a row of buttons or filters that could not shrink), so
the whole page scrolled sideways and its sentences were cut at the right edge. Rows of
controls wrap onto another line instead."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea, QTabWidget

from clinicapp.core.services import groups, sessions
from clinicapp.ui import i18n
from clinicapp.ui.main_window import KEYS
from clinicapp.ui.widgets.tables import RecordTable
from tests.unit.ui.everyday import settle, small_window


def sideways(page) -> int:  # type: ignore[no-untyped-def]
    """How far the page's own scroll area scrolls sideways (0: not at all)."""
    area = page.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    QTest.qWait(30)
    return area.horizontalScrollBar().maximum()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_scrolls_sideways_in_a_small_window(qtbot, db, paths, language):
    try:
        i18n.install(language)
        with small_window(qtbot, db, paths, "today") as first:
            window = first.window()
            wide = {}
            for key in KEYS:
                page = window.show_page(key)
                if sideways(page):
                    wide[key] = sideways(page)
                for tabs in page.findChildren(QTabWidget):  # every tab of the page too
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        if sideways(page):
                            wide[f"{key}: {tabs.tabText(index)}"] = sideways(page)
                    tabs.setCurrentIndex(0)
            assert not wide, f"pages wider than an 800-pixel window ({language}): {wide}"
    finally:
        i18n.install("en")


def test_an_empty_list_has_no_sideways_scroll_bar_under_its_sentence(qtbot, db, paths):
    """On a new workstation most lists are empty; their headings are wider than the
    800-pixel window's lists, but a scroll bar under "No session yet" only hides it.
    Once the list has rows, the bar is back where the columns need it."""
    with small_window(qtbot, db, paths, "today") as first:
        window = first.window()
        barred: dict[str, str] = {}
        checked = 0
        for key in KEYS:
            page = window.show_page(key)
            settle()  # its lists read: an empty one says so once it knows
            for table in page.findChildren(RecordTable):
                if table.empty is None or not table.empty.isVisible():
                    continue
                checked += 1
                if table.horizontalScrollBar().isVisible():
                    barred[key] = table.accessibleName()
                assert table.empty.geometry() == table.viewport().rect()
        assert checked >= 4 and not barred, barred
        page = window.show_page("sessions")
        table = page.table
        assert table.horizontalHeader().length() > table.viewport().width()
        group = groups.create(db, "Riverside small group")
        sessions.plan(db, group.id, "Case review", dt.datetime(2026, 3, 4, 15, 30,
                                                               tzinfo=dt.UTC))
        page.refresh()
        qtbot.waitUntil(lambda: table.model().rowCount() == 1)
        qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible())
