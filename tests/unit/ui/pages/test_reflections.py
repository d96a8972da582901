"""Reflections & commitments: follow up a practice commitment about three months after
its session, from the list of follow-ups due and from one participant's journal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clinicapp.core.models import Outcome, Role, Stance, Visibility
from clinicapp.core.services import (
    attendance,
    commitments,
    groups,
    members,
    reflections,
    sessions,
)
from clinicapp.ui.pages.reflections import ReflectionsPage
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle, show_page

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()  # 2025-03-12, 09:00 local


@pytest.fixture
def autumn(db, moving_clock):
    """A session last November; Maria committed to a change there, Dana said she would
    not change, and Maria shared her reflection with the group."""
    group = groups.create(db, "Riverside small group")
    maria = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    dana = members.create(db, "Dana Whitefeather", Role.MOA)
    for member in (maria, dana):
        members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Opioid tapering",
                            datetime(2024, 11, 6, 18, 0).astimezone())
    commitment = commitments.create(db, maria.id, session.id,
                                    "Offer a taper plan to every patient on opioids",
                                    Stance.WILL_CHANGE, confidence=4)
    commitments.create(db, dana.id, session.id, "Book longer visits", Stance.WILL_NOT)
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, maria.id)
    reflections.save(db, session.id, maria.id, what="Tapering needs a shared plan.",
                     visibility=Visibility.GROUP)
    return maria, commitment


@pytest.fixture
def page(qtbot, db, paths, crashes):
    page = ReflectionsPage(make_ctx(db, paths))
    show_page(qtbot, page)
    yield page
    settle()
    assert not crashes, f"unexpected errors: {crashes!r}"


def cells(model, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, column).data() or "" for column in range(model.columnCount())]


def test_follow_up_a_due_commitment_from_the_list(qtbot, db, autumn, page):
    maria, commitment = autumn
    assert commitment.followup_due is not None
    # Only Maria's commitment is due (a "will not" needs no follow-up); it is overdue.
    assert page.due_model.rowCount() == 1
    row = cells(page.due_model, 0)
    assert row[0] == "Maria Lopez"
    assert row[1].endswith("(overdue)")  # when it is due, next to whose it is
    assert row[2] == "Offer a taper plan to every patient on opioids"
    assert row[4] == "Opioid tapering"
    assert page.due_count.text() == "1 due"

    # Enter on the row opens the follow-up; the dialog says what was committed.
    page.due_table.setFocus()
    page.due_table.selectRow(0)
    QTest.keyClick(page.due_table, Qt.Key.Key_Return)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "Follow up a commitment"
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.error_label)))
    assert "Maria Lopez" in texts and "Offer a taper plan" in texts
    dialog.outcome.setFocus()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Outcome.PARTLY.value))
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Pharmacy helped; time is the barrier.")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Record follow-up"
    qtbot.mouseClick(ok, LEFT)
    settle()
    assert not dialog.isVisible(), dialog.error_label.text()

    stored = commitments.get(db, commitment.id)
    assert stored.followup_outcome == Outcome.PARTLY
    assert stored.followup_note == "Pharmacy helped; time is the barrier."
    assert stored.followed_up_on.isoformat() == "2025-03-12"
    # Done: it leaves the list of follow-ups due.
    assert page.due_model.rowCount() == 0
    assert page.due_count.text() == "0 due"

    # Maria's journal shows her shared reflection and the commitment with its outcome.
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.search, "lope")
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 1, timeout=3000)
    settle()
    assert page.members_table.selected_id() == maria.id
    assert "Maria Lopez" in page.person_heading.text()
    assert page.journal_model.rowCount() == 1
    assert cells(page.journal_model, 0)[1:3] == ["Opioid tapering",
                                                 "Tapering needs a shared plan."]
    assert page.person_commitments.rowCount() == 1
    outcome_column = page.person_commitments.columnCount() - 1
    assert page.person_commitments.index(0, outcome_column).data() == "Partly implemented"


def test_follow_up_from_a_participants_commitments(qtbot, db, autumn, page):
    _maria, commitment = autumn
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.search, "maria")
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 1, timeout=3000)
    settle()
    page.due_only.setChecked(True)
    settle()
    assert page.person_commitments.rowCount() == 1
    page.commitments_table.selectRow(0)
    button = page.person_followup_button
    qtbot.mouseClick(button, LEFT, pos=QPoint(button.width() // 2, button.height() // 2))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "Follow up a commitment"
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Outcome.IMPLEMENTED.value))
    # A follow-up cannot be dated in the future: the dialog says so and stays open.
    dialog.on.setDate(dialog.on.date().addDays(3))
    dialog.accept()
    settle()  # the refusal comes back from the worker
    assert dialog.isVisible()
    assert "future" in dialog.error_label.text()
    assert commitments.get(db, commitment.id).followup_outcome is None
    dialog.on.setDate(dialog.on.date().addDays(-3))
    dialog.accept()
    settle()
    assert not dialog.isVisible()
    assert commitments.get(db, commitment.id).followup_outcome == Outcome.IMPLEMENTED
    # No longer due: the "due or overdue only" view is empty now.
    assert page.person_commitments.rowCount() == 0
