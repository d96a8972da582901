"""The Sessions list on demo data: the cells a person reads, drawn as Qt draws them, the
count once known, in English and in French."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QStyledItemDelegate

from clinicapp.core.models import SessionStatus
from clinicapp.core.services import groups, sessions
from clinicapp.demo.generate import generate
from clinicapp.ui import i18n
from clinicapp.ui.pages.sessions import FIRST_ROWS, SessionsPage
from clinicapp.ui.widgets.cells import PlainCells
from clinicapp.ui.widgets.labels import fmt_datetime, fmt_minutes, label
from tests.unit.ui.everyday import make_ctx, settle, show_page


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    generate(db, groups=1, years=1)
    return db


@pytest.fixture(params=["en", "fr"])
def language(request) -> Iterator[str]:  # type: ignore[no-untyped-def]
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def _expected(db) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Each listed session as the page showed it before its texts were cached."""
    names = {g.id: g.name for g in groups.list_groups(db, 0, 1000).items}
    page = sessions.list_sessions(db, offset=0, limit=FIRST_ROWS, count=False)
    return [(fmt_datetime(s.scheduled_start), s.title, names.get(s.group_id, ""),
             label(s.status, SessionStatus), fmt_minutes(s.planned_minutes), s.location or "")
            for s in page.items]


def test_the_list_shows_each_session_drawn_as_qt_draws_it_and_then_the_count(
        qtbot, demo, paths, crashes, language):
    page = SessionsPage(make_ctx(demo, paths))
    show_page(qtbot, page)
    model, table = page.model, page.table
    expected = _expected(demo)
    assert len(expected) == min(FIRST_ROWS, sessions.count_sessions(demo))
    # a screenful first, then the rest of the page without any scrolling
    qtbot.waitUntil(lambda: model.rowCount() == len(expected), timeout=5000)
    shown = [tuple(model.data(model.index(r, c)) or "" for c in range(model.columnCount()))
             for r in range(model.rowCount())]
    assert shown == expected
    # French labels in French, English in English (the status column)
    statuses = {row[3] for row in shown}
    assert statuses <= {label(s, SessionStatus) for s in SessionStatus}
    assert ("Completed" in statuses) == (language == "en")

    # the count arrives after the first rows
    total = sessions.count_sessions(demo)
    qtbot.waitUntil(lambda: model.counted, timeout=5000)
    settle()
    assert page.count_label.text() == page.tr("%n sessions", "", total)
    assert str(total) in page.count_label.text()

    # what is painted is what Qt's own delegate paints, selected row included
    fast = table.itemDelegate()
    assert isinstance(fast, PlainCells)
    table.selectRow(2)
    drawn = table.viewport().grab().toImage()
    table.setItemDelegate(QStyledItemDelegate(table))
    assert drawn == table.viewport().grab().toImage()
    table.setItemDelegate(fast)
    assert not crashes


def test_sorting_filters_and_keyboard_still_work_over_the_cached_texts(
        qtbot, demo, paths, crashes):
    page = SessionsPage(make_ctx(demo, paths))
    show_page(qtbot, page)
    first_group = page.group.itemData(1)
    page.group.setCurrentIndex(1)  # a filter: the texts are those of the new rows
    settle()
    model = page.model
    wanted = sessions.list_sessions(demo, offset=0, limit=FIRST_ROWS, count=False,
                                    group_id=first_group)
    qtbot.waitUntil(lambda: model.rowCount() == len(wanted.items), timeout=5000)
    assert [model.row_id(r) for r in range(model.rowCount())] == [s.id for s in wanted.items]
    group_name = page.group.itemText(1)
    assert {model.data(model.index(r, 2)) for r in range(model.rowCount())} == {group_name}
    page.table.setFocus()
    page.table.selectRow(0)
    assert page.table.selected_id() == wanted.items[0].id
    assert page.open_button.isEnabled()
    assert not crashes
