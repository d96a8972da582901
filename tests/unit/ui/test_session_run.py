"""Completing a session long before its planned end asks twice as clearly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from clinicapp.core.models import SessionStatus
from clinicapp.core.services import groups, sessions
from clinicapp.core.sync import clock
from clinicapp.ui.session_run import SessionRunWidget
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()


def answer(seen: list[str], button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_complete_warns_when_far_less_than_the_planned_time_has_passed(
        qtbot, db, paths, moving_clock):
    group = groups.create(db, "Riverside small group")
    session = sessions.plan(db, group.id, "Wound care", clock.utcnow(), planned_minutes=90)
    sessions.start(db, session.id)
    run = SessionRunWidget(make_ctx(db, paths))
    qtbot.addWidget(run)
    run.show()
    run.open(session.id)
    moving_clock.advance(minutes=12)
    seen: list[str] = []
    answer(seen, QMessageBox.StandardButton.No)
    run.complete_button.click()
    assert "Only 12 min of the planned 1 h 30 min have passed" in seen[0]
    assert sessions.get(db, session.id).status == SessionStatus.IN_PROGRESS
    # Near the planned end it is the ordinary question.
    moving_clock.advance(minutes=70)
    answer(seen, QMessageBox.StandardButton.Yes)
    run.complete_button.click()
    assert "Only" not in seen[1]
    settle()
    assert sessions.get(db, session.id).status == SessionStatus.COMPLETED
