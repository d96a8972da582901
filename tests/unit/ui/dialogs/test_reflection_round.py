"""The reflection round hands one keyboard from person to person: the next participant's
form holds nothing of the previous one's, and a private commitment stays off the screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from clinicapp.core.models import Role, Visibility
from clinicapp.core.services import attendance, commitments, groups, members, reflections, sessions
from clinicapp.core.sync import clock
from clinicapp.ui.dialogs.reflection_round import ReflectionRound
from clinicapp.ui.widgets.reflection_form import ReflectionForm
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()


@pytest.fixture
def round_(qtbot, db, paths, moving_clock, crashes):  # type: ignore[no-untyped-def]
    group = groups.create(db, "Riverside small group")
    people = []
    for name in ("Maria Lopez", "Martin Okafor"):
        member = members.create(db, name, Role.PHYSICIAN)
        members.add_to_group(db, group.id, member.id)
        people.append((name, member.id))
    session = sessions.plan(db, group.id, "Deprescribing", clock.utcnow())
    sessions.start(db, session.id)
    for _name, member_id in people:
        attendance.check_in(db, session.id, member_id)
    dialog = ReflectionRound(make_ctx(db, paths, require_unlock=lambda: True), session,
                             people)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, session, people
    dialog._may_close = True
    dialog.reject()
    settle()
    assert not crashes, f"unexpected errors: {crashes!r}"


def inputs(root: QWidget) -> list[QWidget]:
    """Everything on the form a person can type into, choose or tick — found by type, so
    a field added to the form later is covered without changing this test."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(),
                                                        (QAbstractSpinBox, QComboBox)):
            continue
        if isinstance(widget, (QPlainTextEdit, QTextEdit, QLineEdit, QComboBox,
                               QAbstractSpinBox)) or (
                isinstance(widget, (QAbstractButton, QGroupBox)) and widget.isCheckable()):
            found.append(widget)
    return found


def state(widget: QWidget) -> object:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return widget.isChecked()


def change(widget: QWidget) -> None:
    """Give the input a value a person might have left in it, other than the blank one."""
    if isinstance(widget, QGroupBox):
        widget.setChecked(not widget.isChecked())
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText("we will review each other's repeat prescriptions")
    elif isinstance(widget, QLineEdit):
        widget.setText("something typed")
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.count() - 1)
    elif isinstance(widget, QDateTimeEdit):
        widget.setDateTime(widget.dateTime().addDays(40))
    elif isinstance(widget, QAbstractSpinBox):
        widget.stepBy(3)
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(not widget.isChecked())


def test_the_next_participant_finds_every_field_of_the_form_blank(qtbot, round_, db):
    dialog, session, _people = round_
    blank = [state(w) for w in inputs(ReflectionForm())]
    dialog.people.setCurrentRow(0)
    dialog.begin_button.click()
    form = dialog.form
    fields = inputs(form)
    assert len(fields) >= 14  # five answers, visibility, the commitment and its six fields
    assert [state(w) for w in fields] == blank
    for widget in fields:
        if not (isinstance(widget, QAbstractButton) and widget.isChecked()):
            change(widget)
    form.shared.setChecked(True)  # no journal yet: a shared reflection can be saved
    form.commitment.setChecked(True)
    form.fields["target_date"].check.setChecked(True)
    form.fields["target_date"].edit.setDate(QDate.currentDate().addDays(75))
    changed = [w for w, before in zip(fields, blank, strict=True) if state(w) != before]
    # Every kind of input was given something to forget (a radio button of a pair only
    # moves with its partner).
    assert len(changed) >= len(fields) - 1, [w.accessibleName() for w in fields
                                              if w not in changed]

    dialog.next_button.click()
    assert dialog.stack.currentIndex() == 0, dialog.banner.text()
    saved = commitments.list_for_session(db, session.id)
    assert len(saved) == 1 and saved[0].target_date is not None
    dialog.people.setCurrentRow(1)
    dialog.begin_button.click()
    assert dialog.stack.currentWidget() is form
    now = [state(w) for w in fields]
    left = [w.accessibleName() or type(w).__name__
            for w, a, b in zip(fields, now, blank, strict=True) if a != b]
    assert not left, f"kept from the previous participant: {left}"
    # The date inside the switched-off target date too.
    assert form.fields["target_date"].edit.date() != QDate.currentDate().addDays(75)


def test_a_private_commitment_is_never_shown_in_clear(qtbot, round_, db):
    dialog, session, people = round_
    shared_id, private_id = people[0][1], people[1][1]
    reflections.save(db, session.id, shared_id, what="shared words",
                     visibility=Visibility.GROUP)
    mine = commitments.create(db, shared_id, session.id, "review statins")
    theirs = commitments.create(db, private_id, session.id, "stop a sleeping pill",
                                target_date=clock.today() + timedelta(days=30))
    assert commitments.private_ids(db, [mine.id, theirs.id]) == {theirs.id}

    # What the form says others will see, before anyone chooses.
    dialog.people.setCurrentRow(0)
    dialog.begin_button.click()
    dialog.form.set_has_journal(True)
    note = dialog.form.journal_note.text()
    assert "only that you made a commitment" in note
    assert "not its wording, stance or target date" in note
    dialog.form.shared.setChecked(True)
    assert "your commitment" in dialog.form.journal_note.text()


def test_the_follow_up_lists_show_a_private_commitment_without_its_words(
        qtbot, db, paths, moving_clock, crashes):
    from clinicapp.ui.dialogs.commitment_followup import FollowUpDialog
    from clinicapp.ui.models.journal import due_fetch

    group = groups.create(db, "Riverside small group")
    member = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    members.add_to_group(db, group.id, member.id)
    session = sessions.plan(db, group.id, "Deprescribing", clock.utcnow())
    theirs = commitments.create(db, member.id, session.id, "stop a sleeping pill",
                                target_date=clock.today() + timedelta(days=30))
    later = clock.today() + timedelta(days=200)
    rows = due_fetch(db, later)(0, 10).items
    assert [r.private for r in rows] == [True]

    from clinicapp.ui.pages.reflections import ReflectionsPage

    page = ReflectionsPage(make_ctx(db, paths))
    qtbot.addWidget(page)
    model = page.due_model
    model.set_fetch(due_fetch(db, later))
    settle()
    texts = [str(model.index(0, c).data(Qt.ItemDataRole.DisplayRole) or "")
             for c in range(model.columnCount())]
    tips = [str(model.index(0, c).data(Qt.ItemDataRole.ToolTipRole) or "")
            for c in range(model.columnCount())]
    assert "Private commitment" in texts
    assert not any("sleeping pill" in t for t in texts + tips)
    dialog = FollowUpDialog(make_ctx(db, paths), commitments.get(db, theirs.id),
                            member_name="Maria Lopez")
    qtbot.addWidget(dialog)
    shown = " ".join(w.text() for w in dialog.findChildren(QLineEdit)) + " ".join(
        label.text() for label in dialog.findChildren(type(dialog.error_label)))
    assert "sleeping pill" not in shown and "private commitment" in shown
    assert not crashes
