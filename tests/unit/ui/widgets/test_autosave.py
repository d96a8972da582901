"""Nothing typed is lost: type into session notes and a reflection draft, close the
window at once (no "save" anywhere), open a new window on the same data, find the text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clinicapp.core.models import Role
from clinicapp.core.services import attendance, groups, members, reflections, sessions
from clinicapp.ui.app import build_window
from clinicapp.ui.dialogs.reflection_round import ReflectionRound
from clinicapp.ui.main_window import MainWindow
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import settle

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def running(db):
    """A session in progress with two people checked in (set up beforehand)."""
    group = groups.create(db, "Riverside small group")
    people = []
    for name in ("Maria Lopez", "Martin Okafor"):
        member = members.create(db, name, Role.PHYSICIAN)
        members.add_to_group(db, group.id, member.id)
        people.append(member)
    session = sessions.plan(db, group.id, "Opioid tapering",
                            datetime.now().astimezone().replace(microsecond=0))
    sessions.start(db, session.id)
    for member in people:
        attendance.check_in(db, session.id, member.id)
    return session, people


@pytest.fixture(autouse=True)
def opened() -> Iterator[list[MainWindow]]:
    """Windows a test opened: any left open by a failing test are closed after it."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def open_window(qtbot, db, paths, opened: list[MainWindow]) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(db, paths)  # closed and destroyed by close_window()
    opened.append(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert wait_for_ops()
    return window


def close_window(window: MainWindow, db) -> None:  # type: ignore[no-untyped-def]
    """Close the window as the app does on quit: closed, then destroyed, right away."""
    window.close()
    db.remove_listener(window.ctx.events.notify)
    window.deleteLater()
    # The deferred delete happens now, as when the app's event loop ends.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
    assert not shiboken6.isValid(window)


def open_session(window: MainWindow, session_id: str):  # type: ignore[no-untyped-def]
    page = window.show_page("sessions")
    settle()
    assert page.table.select_id(session_id)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.run_view
    return page.run_view


def test_session_notes_survive_closing_the_window(qtbot, db, paths, running, crashes,
                                                  opened):
    session, _people = running
    window = open_window(qtbot, db, paths, opened)
    run = open_session(window, session.id)
    run.tabs.setCurrentWidget(run.notes)
    run.notes.notes.setFocus()
    qtbot.keyClicks(run.notes.notes, "Case of patient X: taper over 12 weeks")
    close_window(window, db)  # before the half-second autosave

    again = open_window(qtbot, db, paths, opened)
    run = open_session(again, session.id)
    assert run.notes.notes.toPlainText() == "Case of patient X: taper over 12 weeks"
    close_window(again, db)
    assert not crashes, f"unexpected errors: {crashes!r}"


def test_a_reflection_draft_survives_closing_the_window(qtbot, db, paths, running, crashes,
                                                        opened):
    session, (maria, _martin) = running
    window = open_window(qtbot, db, paths, opened)
    run = open_session(window, session.id)
    run.tabs.setCurrentWidget(run.round)
    qtbot.mouseClick(run.round.start_button, LEFT)
    round_ = QApplication.activeModalWidget()
    assert isinstance(round_, ReflectionRound)
    round_.people.setCurrentRow(0)
    qtbot.mouseClick(round_.begin_button, LEFT)
    form = round_.form
    shared = form.shared
    qtbot.mouseClick(shared, LEFT, pos=QPoint(10, shared.height() // 2))
    assert shared.isChecked()
    form.fields["what"].setFocus()
    qtbot.keyClicks(form.fields["what"], "Tapering works with a pharmacy plan")
    close_window(window, db)  # the workstation is shut in the middle of the round

    stored = reflections.list_for_session(db, session.id)
    assert [(r.member_id, r.what) for r in stored] == [
        (maria.id, "Tapering works with a pharmacy plan")]
    # In a new window the draft is there, in Maria's journal.
    again = open_window(qtbot, db, paths, opened)
    page = again.show_page("reflections")
    settle()
    page.tabs.setCurrentIndex(1)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "Maria")
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 1, timeout=3000)
    settle()
    assert page.journal_model.rowCount() == 1
    assert page.journal_model.index(0, 2).data() == "Tapering works with a pharmacy plan"
    close_window(again, db)
    assert not crashes, f"unexpected errors: {crashes!r}"


def test_session_details_survive_closing_the_window(qtbot, db, paths, running, crashes,
                                                    opened):
    session, _people = running
    window = open_window(qtbot, db, paths, opened)
    run = open_session(window, session.id)
    qtbot.mouseClick(run.details_button, LEFT)
    details = QApplication.activeModalWidget()
    assert details is not None and details.windowTitle() == "Session details"
    details.location.setFocus()
    qtbot.keyClicks(details.location, "Community hall")
    close_window(window, db)  # the details dialog is still open

    assert sessions.get(db, session.id).location == "Community hall"
    again = open_window(qtbot, db, paths, opened)
    run = open_session(again, session.id)
    assert "Community hall" in run.subtitle.text()
    close_window(again, db)
    assert not crashes, f"unexpected errors: {crashes!r}"
