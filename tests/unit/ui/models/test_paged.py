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
