"""Shared pieces of the everyday-page tests: a page context over a real encrypted data
folder, a movable clock, and helpers to wait for background work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from clinicapp.core.storage.db import Database
from clinicapp.core.sync import clock
from clinicapp.paths import AppPaths
from clinicapp.ui.context import AppContext
from clinicapp.ui.ops import DataEvents, wait_for_ops


class MovableClock:
    """The app's wall clock, moved by the test instead of by waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now.timestamp()

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def movable_clock() -> Iterator[MovableClock]:
    """Body of each test module's clock fixture: the app's clock at a fixed morning."""
    # A weekday morning, local time, so "today" and session times are unambiguous.
    start = datetime(2025, 3, 12, 9, 0).astimezone().astimezone(UTC)
    fake = MovableClock(start)
    clock.set_wall_clock(fake)
    yield fake
    clock.set_wall_clock(None)


def make_ctx(db: Database, paths: AppPaths, require_unlock: object = None) -> AppContext:
    events = DataEvents()
    db.on_commit(events.notify)
    return AppContext(db=db, paths=paths, events=events, require_unlock=require_unlock)


def settle() -> None:
    """Let commits reach the pages (DataEvents coalesces them for 30 ms) and the
    background reads they start finish and reach the widgets."""
    from PySide6.QtTest import QTest

    for _ in range(2):
        assert wait_for_ops(), "background work did not finish"
        QTest.qWait(40)
    assert wait_for_ops(), "background work did not finish"


def show_page(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """Show a page as the main window would: sized, visible, refreshed on commits."""
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.ctx.events.changed.connect(page.on_data_changed)
    page.show()
    page.on_shown()
    settle()


@contextmanager
def small_window(qtbot, db: Database, paths: AppPaths,  # type: ignore[no-untyped-def]
                 page: str, width: int = 800, height: int = 640) -> Iterator[Any]:
    """The whole app in a small window (800 × 640: the smallest a clinic PC is likely to
    give it), built after the test chose its language, showing ``page``; closed after."""
    from clinicapp.ui.app import build_window

    window = build_window(db, paths)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    shown = window.show_page(page)
    assert wait_for_ops()
    try:
        yield shown
    finally:
        window.close()
        db.remove_listener(window.ctx.events.notify)
