"""Support requests: request help after a session, schedule it, mark it done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from clinicapp.core.models import SupportKind, SupportStatus
from clinicapp.core.services import support
from clinicapp.core.sync import clock
from clinicapp.ui.pages.support import SupportPage
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle, show_page


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()


def test_request_schedule_and_finish_support_for_a_clinic(qtbot, db, paths, moving_clock):
    page = SupportPage(make_ctx(db, paths))
    show_page(qtbot, page)
    assert page.model.rowCount() == 0

    dialog = page.new_request()
    dialog.kind.setValue(SupportKind.MOA_PEER_MENTOR)
    qtbot.keyClicks(dialog.clinic, "Riverside clinic")
    qtbot.keyClicks(dialog.topic, "EMR reminders")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    settle()
    assert page.model.rowCount() == 1
    assert page.table.selected_id() == page.model.row_id(0)
    (request, _who), = page.model.rows()
    assert (request.clinic, request.topic, request.kind) == (
        "Riverside clinic", "EMR reminders", SupportKind.MOA_PEER_MENTOR)

    schedule = page.schedule_selected()
    schedule.edit.setDate(schedule.edit.date().addDays(7))
    schedule.accept()
    settle()
    stored = support.get(db, request.id)
    assert stored.status == SupportStatus.SCHEDULED
    assert stored.scheduled_on == clock.today() + timedelta(days=7)

    done = page.mark_selected_done()
    done.accept()
    settle()
    assert support.get(db, request.id).status == SupportStatus.DONE
    # The default view shows open requests only: the finished one leaves it.
    assert page.model.rowCount() == 0
    page.filter.setCurrentIndex(page.filter.findData("all"))
    settle()
    assert page.model.rowCount() == 1


def test_a_request_needs_someone_to_support(qtbot, db, paths):
    page = SupportPage(make_ctx(db, paths))
    show_page(qtbot, page)
    dialog = page.new_request()
    qtbot.keyClicks(dialog.topic, "Scheduling")
    dialog.accept()
    settle()  # the refusal comes back from the worker
    assert dialog.isVisible()
    assert "member" in dialog.error_label.text().lower()
    assert support.list_requests(db).total == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_fits_a_small_window_in_both_languages(qtbot, db, paths, language):
    """In French at 800 pixels the row of buttons and the filter was wider than the page:
    the whole page scrolled sideways and its empty-state sentence was cut at the right.
    The buttons wrap onto a second line instead, each whole and inside the page."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QScrollArea

    from clinicapp.ui import i18n
    from tests.unit.ui.everyday import small_window

    try:
        i18n.install(language)
        with small_window(qtbot, db, paths, "support") as page:
            assert isinstance(page, SupportPage)
            QTest.qWait(50)
            area = page.parentWidget()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            assert area is not None
            assert area.horizontalScrollBar().maximum() == 0
            for control in (page.new_button, page.schedule_button, page.done_button,
                            page.cancel_button, page.filter):
                shown = control.mapTo(page, control.rect().topRight())
                assert 0 <= shown.x() < page.width(), control.text() \
                    if hasattr(control, "text") else "filter"
                assert control.width() >= control.sizeHint().width()  # not squeezed
            label = page.table.empty_label
            assert label.isVisible()
            assert label.mapTo(page, label.rect().topRight()).x() < page.width()
    finally:
        i18n.install("en")
