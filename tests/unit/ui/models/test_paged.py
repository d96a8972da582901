"""The paged table model: first rows at once, the count after them when it is apart."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from clinicapp.core.services._common import Page
from clinicapp.ui.models.paged import Column, PagedTableModel
from clinicapp.ui.ops import wait_for_ops


@dataclass(frozen=True)
class Row:
    id: str


ROWS = [Row(f"r{n:03d}") for n in range(250)]


def fetch_without_count(offset: int, limit: int) -> Page[Row]:
    items = ROWS[offset:offset + limit]
    return Page(items, offset, offset + len(items) + (1 if len(items) == limit else 0))


def test_the_first_rows_do_not_wait_for_the_count(qtbot):
    release = threading.Event()
    counts: list[int] = []

    def slow_count() -> int:
        assert release.wait(10)  # the count is held back until the rows are shown
        return len(ROWS)

    model: PagedTableModel[Row] = PagedTableModel([Column("id", lambda r: r.id)],
                                                  page_size=100)
    model.total_changed.connect(counts.append)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_fetch(fetch_without_count, count=slow_count)
    assert model.rowCount() == 100 and not model.counted
    assert counts == []  # no provisional number is announced as the count
    assert model.canFetchMore()  # the lower bound keeps scrolling working
    release.set()
    qtbot.waitUntil(lambda: model.counted, timeout=5000)
    assert counts == [250] and model.total == 250
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=5000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 250, timeout=5000)
    assert not model.canFetchMore() and model.total == 250
    assert wait_for_ops()


def test_a_newer_query_drops_the_older_count(qtbot):
    model: PagedTableModel[Row] = PagedTableModel([Column("id", lambda r: r.id)],
                                                  page_size=100)
    gate = threading.Event()

    def old_count() -> int:
        gate.wait(10)
        return 999

    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_fetch(fetch_without_count, count=old_count)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_fetch(fetch_without_count, count=lambda: 250)
    qtbot.waitUntil(lambda: model.counted, timeout=5000)
    gate.set()
    assert wait_for_ops()
    assert model.total == 250  # the first query's late count did not land


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    size: int | None
    late: bool


ITEMS = [Item("a", "Alpha", 3, False), Item("b", "Beta", None, True)]


def test_each_role_answers_as_the_columns_say_and_the_texts_follow_changes(qtbot):
    from PySide6.QtCore import Qt

    from clinicapp.ui.models.paged import ROW_ID_ROLE

    labels = {"a": "Alpha"}
    model: PagedTableModel[Item] = PagedTableModel([
        Column("Name", lambda r: labels.get(r.id, r.name), tooltip=lambda r: f"id {r.id}"),
        Column("Size", lambda r: r.size, align_right=True),
    ], lambda offset, limit: Page(ITEMS[offset:offset + limit], offset, len(ITEMS)),
        emphasis=lambda r: r.late)
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.reload()
    role = Qt.ItemDataRole
    a_name, a_size, b_name, b_size = (model.index(r, c) for r in (0, 1) for c in (0, 1))
    assert [model.data(i) for i in (a_name, a_size, b_name, b_size)] == [
        "Alpha", "3", "Beta", ""]
    assert model.data(b_size, role.AccessibleTextRole) == ""
    assert model.data(a_name, role.AccessibleTextRole) == "Alpha"
    assert model.data(a_name, role.ToolTipRole) == "id a"
    assert model.data(a_size, role.ToolTipRole) is None
    right = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
    assert model.data(a_size, role.TextAlignmentRole) == right
    assert model.data(a_name, role.TextAlignmentRole) is None
    assert model.data(b_name, ROW_ID_ROLE) == "b"
    assert model.data(a_name, role.FontRole) is None
    assert model.data(b_name, role.FontRole).bold()
    assert model.data(b_name, role.ForegroundRole).color().name() == "#b3261e"
    assert model.data(a_name, role.DecorationRole) is None
    assert model.texts(0) == ("Alpha", "3") and model.emphasised(1)
    # A name the page learns later (layoutChanged), and a row changed in place
    # (dataChanged): the texts are made again, not served from before.
    labels["a"] = "Alpha clinic"
    model.layoutChanged.emit()
    assert model.data(a_name) == "Alpha clinic"
    labels["a"] = "Alpha again"
    model.dataChanged.emit(a_name, a_name)
    assert model.data(a_name) == "Alpha again"
    assert model.data(model.index(5, 0)) is None  # beyond the rows: nothing


def test_a_screenful_first_then_the_rest_of_the_page_without_scrolling(qtbot):
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> Page[Row]:
        asked.append((offset, limit))
        return fetch_without_count(offset, limit)

    model: PagedTableModel[Row] = PagedTableModel([Column("id", lambda r: r.id)],
                                                  page_size=100)
    model.first_rows = 25
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_fetch(fetch, count=lambda: len(ROWS))
    assert model.rowCount() == 25 and asked == [(0, 25)]
    qtbot.waitUntil(lambda: model.rowCount() == 125, timeout=5000)
    assert asked == [(0, 25), (25, 100)]
    assert [model.row_id(n) for n in range(125)] == [r.id for r in ROWS[:125]]
    qtbot.waitUntil(lambda: model.counted, timeout=5000)
    # a refresh keeps what is shown: it reads again all the rows already there
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.reload(keep_rows=True)
    assert asked[-1] == (0, 125) and model.rowCount() == 125
    assert wait_for_ops()
