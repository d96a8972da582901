"""Running a session from the Sessions page, as a facilitator does in the room: plan it,
start the clock, check people in by keyboard, add a walk-in, write notes, hand the
keyboard round for reflections and evaluations, complete it, and read the credits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clinicapp.core.models import AttendanceStatus, Role, SessionStatus, Visibility
from clinicapp.core.services import (
    attendance,
    commitments,
    evaluations,
    groups,
    members,
    reflections,
    sessions,
    topics,
)
from clinicapp.ui.dialogs.reflection_round import ReflectionRound
from clinicapp.ui.pages.sessions import SessionsPage
from tests.unit.ui.conftest import answer_next_dialog
from tests.unit.ui.everyday import MovableClock, make_ctx, movable_clock, settle, show_page

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def moving_clock() -> Iterator[MovableClock]:
    yield from movable_clock()


@pytest.fixture
def riverside(db):
    """A small group with three members on its roster (set up beforehand, not tested)."""
    group = groups.create(db, "Riverside small group")
    people = {}
    for name, role in (("Maria Lopez", Role.PHYSICIAN), ("Martin Okafor", Role.NURSE),
                       ("Dana Whitefeather", Role.MOA)):
        member = members.create(db, name, role)
        members.add_to_group(db, group.id, member.id)
        people[name] = member
    return group, people


@pytest.fixture
def page(qtbot, db, paths, moving_clock, crashes):
    # Leaving the reflection round asks for the workstation passphrase; here the
    # facilitator gives it.
    page = SessionsPage(make_ctx(db, paths, require_unlock=lambda: True))
    show_page(qtbot, page)
    back_to(qtbot, page)
    yield page
    settle()
    assert not crashes, f"unexpected errors: {crashes!r}"


def back_to(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` active again, as the window manager does when a dialog closes
    (the offscreen platform leaves the closed dialog active); shortcuts need it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    # On the button's text, not the middle of a radio button stretched across a form.
    width = min(button.width(), button.sizeHint().width())
    qtbot.mouseClick(button, LEFT, pos=QPoint(width // 2, button.height() // 2))


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def plan_through_dialog(qtbot, page: SessionsPage, title: str) -> str:  # type: ignore[no-untyped-def]
    click(qtbot, page.plan_button)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "Plan a session"
    settle()  # groups, topics and the roster arrive in the background
    assert dialog.group.currentText() == "Riverside small group"
    # A topic from the catalogue, chosen by typing its first letters in the list.
    dialog.topic.setFocus()
    qtbot.keyClicks(dialog.topic, "Opioid")
    assert dialog.topic.currentText() == "Opioid agonist therapy"
    type_into(qtbot, dialog.title_edit, title)
    type_into(qtbot, dialog.objectives, "Name three first-line options")
    QTest.keyClick(dialog.objectives, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.objectives, "Plan a taper")
    dialog.minutes.setValue(90)
    type_into(qtbot, dialog.location, "Riverside clinic boardroom")
    maria = next(dialog.facilitators.item(i) for i in range(dialog.facilitators.count())
                 if dialog.facilitators.item(i).text() == "Maria Lopez")
    maria.setCheckState(Qt.CheckState.Checked)
    dialog.rate.setValue(1.0)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    settle()  # written on a worker; the dialog closes once it is
    assert not dialog.isVisible(), dialog.error_label.text()
    return dialog.result_record.id


def test_plan_run_and_complete_a_session_then_see_the_credits(qtbot, db, page, riverside,
                                                               moving_clock):
    group, people = riverside
    session_id = plan_through_dialog(qtbot, page, "Chronic pain: opioid tapering")
    planned = sessions.get(db, session_id)
    assert (planned.title, planned.planned_minutes, planned.location, planned.group_id) == (
        "Chronic pain: opioid tapering", 90, "Riverside clinic boardroom", group.id)
    assert planned.objectives == ["Name three first-line options", "Plan a taper"]
    assert planned.facilitator_ids == [people["Maria Lopez"].id]
    assert topics.get(db, planned.topic_id).title == "Opioid agonist therapy"

    # The new session is selected in the list; Enter opens it.
    assert page.table.selected_id() == session_id
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    run = page.run_view
    assert page.stack.currentWidget() is run
    assert run.title_label.text() == "Chronic pain: opioid tapering"

    click(qtbot, run.start_button)
    settle()
    assert sessions.get(db, session_id).status == SessionStatus.IN_PROGRESS
    assert not run.start_button.isEnabled()

    # Check-in: part of a name and Enter; Down picks the second match.
    edit = run.attendance.check_in_edit
    assert edit.hasFocus() or edit.isEnabled()
    assert not run.attendance.matches.isVisible()  # no empty box before typing
    type_into(qtbot, edit, "mar")
    matches = run.attendance.matches
    assert matches.isVisible()
    assert [matches.item(i).text() for i in range(matches.count())] == [
        "Maria Lopez — Physician", "Martin Okafor — Nurse"]
    QTest.keyClick(edit, Qt.Key.Key_Down)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    settle()
    assert edit.text() == ""
    assert "Martin Okafor checked in" in run.attendance.feedback.text()
    # Who is in the room is not offered again.
    type_into(qtbot, edit, "mar")
    assert [matches.item(i).text() for i in range(matches.count())] == [
        "Maria Lopez — Physician"]
    QTest.keyClick(edit, Qt.Key.Key_Return)
    settle()
    # Escape empties the box.
    type_into(qtbot, edit, "dan")
    QTest.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == "" and not matches.isVisible()
    assert page.stack.currentWidget() is run  # Escape in the box does not leave
    names = [run.attendance.model.index(r, 0).data() for r in
             range(run.attendance.model.rowCount())]
    assert names == ["Maria Lopez", "Martin Okafor"]
    assert run.attendance.count_label.text() == "2 in the room"

    # A walk-in: a name nobody matches, Enter, and the form has it already.
    moving_clock.advance(minutes=5)
    type_into(qtbot, edit, "Priya Nair")
    assert "walk-in" in run.attendance.matches.item(0).text()
    QTest.keyClick(edit, Qt.Key.Key_Return)
    walk_in = QApplication.activeModalWidget()
    assert walk_in is not None and walk_in.windowTitle() == "Walk-in"
    assert walk_in.full_name.text() == "Priya Nair"
    walk_in.role.setValue(Role.ALLIED_HEALTH)
    click(qtbot, walk_in.buttons.button(QDialogButtonBox.StandardButton.Ok))
    settle()
    assert not walk_in.isVisible()
    assert run.attendance.count_label.text() == "3 in the room"
    priya = next(m for _a, m in attendance.list_for_session(db, session_id)
                 if m.full_name == "Priya Nair")
    assert priya.role == Role.ALLIED_HEALTH
    assert priya.id in {m.id for m, _ms in members.roster(db, group.id)}

    # Notes, saved as they are typed.
    back_to(qtbot, page)
    QTest.keyClick(run, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert run.tabs.currentWidget() is run.notes
    qtbot.waitUntil(run.notes.notes.hasFocus)
    type_into(qtbot, run.notes.notes, "Discussed the tapering case; MOA workflow next time.")
    qtbot.waitUntil(lambda: run.notes.indicator.text() == "All changes saved", timeout=3000)
    assert sessions.get(db, session_id).notes == \
        "Discussed the tapering case; MOA workflow next time."

    # The reflection round: each participant chooses their name and writes.
    run.tabs.setCurrentWidget(run.round)
    click(qtbot, run.round.start_button)
    round_ = QApplication.activeModalWidget()
    assert isinstance(round_, ReflectionRound)
    people_list = [round_.people.item(i).text() for i in range(round_.people.count())]
    assert people_list == ["Maria Lopez", "Martin Okafor", "Priya Nair"]

    def write_reflection(name: str, what: str, commit: str = "") -> None:
        item = next(round_.people.item(i) for i in range(round_.people.count())
                    if round_.people.item(i).text() == name)
        round_.people.setCurrentItem(item)
        click(qtbot, round_.begin_button)
        form = round_.form
        assert round_.stack.currentWidget() is form
        assert name in form.heading.text()
        # Nothing of the previous participant is on screen.
        for field in ("what", "so_what", "now_what", "barriers", "supports_needed",
                      "change"):
            assert form.fields[field].toPlainText() == "", field
        assert not form.commitment.isChecked()
        assert form.private.isChecked()
        type_into(qtbot, form.fields["what"], what)
        type_into(qtbot, form.fields["now_what"], "Try it with two patients this month.")
        click(qtbot, form.shared)
        assert form.shared.isChecked()
        if commit:
            form.commitment.setChecked(True)
            type_into(qtbot, form.fields["change"], commit)
            form.fields["confidence"].setValue(4)
        click(qtbot, round_.next_button)
        assert round_.stack.currentIndex() == 0, round_.banner.text()

    write_reflection("Maria Lopez", "Tapering needs a shared plan with the pharmacy.",
                     commit="Offer a taper plan to every patient on long-term opioids")
    write_reflection("Priya Nair", "Pharmacists can flag dose escalations early.")
    # Those who wrote are not offered again; the next open name is chosen already.
    done = round_.people.item(0)
    assert done.text() == "Maria Lopez — done ✓"
    assert not done.flags() & Qt.ItemFlag.ItemIsEnabled
    assert round_.people.currentItem().text() == "Martin Okafor"
    click(qtbot, round_.end_button)
    settle()
    assert not round_.isVisible()
    written = {r.member_id: r for r in reflections.list_for_session(db, session_id)}
    assert set(written) == {people["Maria Lopez"].id, priya.id}
    assert written[priya.id].what == "Pharmacists can flag dose escalations early."
    assert written[priya.id].visibility == Visibility.GROUP
    (commitment,) = commitments.list_for_session(db, session_id)
    assert (commitment.member_id, commitment.confidence) == (people["Maria Lopez"].id, 4)
    assert commitment.followup_due is not None
    progress = [run.round.progress.item(i).text() for i in range(run.round.progress.count())]
    assert progress == ["Maria Lopez   ✓ reflection written",
                        "Martin Okafor   — not yet", "Priya Nair   ✓ reflection written"]

    # Evaluations: two participants in turn, one anonymous, one signed.
    run.tabs.setCurrentWidget(run.evaluations)
    click(qtbot, run.evaluations.add_button)
    form = QApplication.activeModalWidget()
    assert form is not None and form.windowTitle() == "Session evaluation"
    form.met.setValue("yes")
    form.bias.setCurrentIndex(form.bias.findData(False))
    form.relevance.setValue(5)
    type_into(qtbot, form.comments, "Very practical.")
    click(qtbot, form.next_button)
    settle()  # saved on a worker; the form clears once it is
    assert form.comments.toPlainText() == ""  # the next person starts blank
    assert form.relevance.value() is None
    form.signed.setChecked(True)
    form.member.setValue(people["Martin Okafor"].id)
    form.satisfaction.setValue(4)
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Ok))
    settle()
    assert not form.isVisible()
    assert evaluations.count_for_session(db, session_id) == 2
    signed = {e.member_id: (e.relevance, e.satisfaction, e.comments)
              for e in evaluations.list_for_session(db, session_id)}
    assert signed == {None: (5, None, "Very practical."),
                      people["Martin Okafor"].id: (None, 4, "")}
    assert run.evaluations.count_label.text() == "2 evaluations received."

    # Ninety minutes after the start: complete, and the credits show.
    moving_clock.advance(minutes=85)
    answer_next_dialog(qtbot, "Yes")
    click(qtbot, run.complete_button)
    settle()
    assert sessions.get(db, session_id).status == SessionStatus.COMPLETED
    assert run.tabs.currentWidget() is run.credits
    model = run.credits.model
    shown = {model.index(r, 0).data(): (model.index(r, 5).data(), model.index(r, 6).data())
             for r in range(model.rowCount())}
    assert shown == {"Maria Lopez": ("90", "1.50"), "Martin Okafor": ("90", "1.50"),
                     "Priya Nair": ("85", "1.25")}
    assert run.credits.total_label.text() == "3 participants earned credits; credits in all: 4.25."
    assert all(a.status != AttendanceStatus.ABSENT and a.certificate_number
               for a, _m in attendance.list_for_session(db, session_id))


def answer_passphrase_gate(qtbot, passphrase: str, tries: int = 500) -> None:  # type: ignore[no-untyped-def]
    """Type ``passphrase`` into the next passphrase prompt, as the facilitator does. If no
    prompt shows within ``tries`` × 20 ms, close whatever modal dialog is open, so a broken
    build fails the test instead of hanging it."""
    from PySide6.QtCore import QTimer

    from clinicapp.ui.lock import PassphraseGate

    def answer(left: int = tries) -> None:
        gates = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, PassphraseGate) and w.isVisible()]
        if not gates:
            if left:
                QTimer.singleShot(20, lambda: answer(left - 1))
            elif QApplication.activeModalWidget() is not None:
                QApplication.activeModalWidget().close()
            return
        secret = gates[0].panel.secret
        QTest.keyClicks(secret, passphrase)
        QTest.keyClick(secret, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_leaving_the_round_in_the_app_asks_for_the_passphrase(main_window, qtbot, db,
                                                               riverside):
    from tests.conftest import PASSPHRASE

    group, people = riverside
    session = sessions.plan(db, group.id, "Opioid tapering",
                            datetime.now().astimezone().replace(microsecond=0))
    sessions.start(db, session.id)
    attendance.check_in(db, session.id, people["Maria Lopez"].id)
    settle()
    page = main_window.show_page("sessions")
    settle()
    assert page.open_session(session.id)
    run = page.run_view
    run.tabs.setCurrentWidget(run.round)
    click(qtbot, run.round.start_button)
    round_ = QApplication.activeModalWidget()
    assert isinstance(round_, ReflectionRound)
    try:
        answer_passphrase_gate(qtbot, PASSPHRASE)
        click(qtbot, round_.end_button)
        settle()
        assert not round_.isVisible(), round_.banner.text()
        assert not getattr(main_window, "locked", False)
    finally:
        round_._may_close = True  # never leave an application-modal round behind
        round_.reject()


def answer_next_input(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the next question box (QInputDialog) and press Enter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    def answer(left: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            if left:
                QTimer.singleShot(20, lambda: answer(left - 1))
            return
        edit = dialog.findChild(QLineEdit)
        QTest.keyClicks(edit, text)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_plan_a_session_on_a_new_topic(qtbot, db, page, riverside):
    click(qtbot, page.plan_button)
    dialog = QApplication.activeModalWidget()
    settle()
    # "New topic…" is the last choice; End picks it and asks for the title.
    dialog.topic.setFocus()
    answer_next_input(qtbot, "Heat waves and older patients")
    QTest.keyClick(dialog.topic, Qt.Key.Key_End)
    settle()
    assert dialog.topic.currentText() == "Heat waves and older patients"
    assert dialog.title_edit.text() == "Heat waves and older patients"  # a start
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    settle()
    assert not dialog.isVisible(), dialog.error_label.text()
    planned = sessions.get(db, dialog.result_record.id)
    assert planned.title == "Heat waves and older patients"
    assert topics.get(db, planned.topic_id).title == "Heat waves and older patients"


def test_a_break_does_not_count_towards_credits(qtbot, db, page, riverside, moving_clock):
    group, _people = riverside
    session = sessions.plan(db, group.id, "Opioid tapering", moving_clock.now)
    settle()
    assert page.open_session(session.id)
    run = page.run_view
    QTest.keyClick(run, Qt.Key.Key_F5)  # start (the button shows itself pressed first)
    qtbot.waitUntil(lambda: not run.start_button.isEnabled(), timeout=2000)
    assert sessions.get(db, session.id).status == SessionStatus.IN_PROGRESS
    for name in ("Maria", "Dana"):
        type_into(qtbot, run.attendance.check_in_edit, name)
        QTest.keyClick(run.attendance.check_in_edit, Qt.Key.Key_Return)
        settle()
    moving_clock.advance(minutes=30)
    QTest.keyClick(run, Qt.Key.Key_F6)  # a break
    qtbot.waitUntil(lambda: run.break_button.text() == "End b&reak", timeout=2000)
    moving_clock.advance(minutes=15)
    run._update_timer()  # the one-second tick, without waiting for it
    assert run.timer_label.text() == "00:30:00 (on a break)"
    QTest.keyClick(run, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: run.break_button.text() == "Start b&reak", timeout=2000)
    settle()
    assert "15 min in all" in run.notes.breaks.text()
    moving_clock.advance(minutes=45)
    answer_next_dialog(qtbot, "Yes")
    QTest.keyClick(run, Qt.Key.Key_F8)  # complete
    qtbot.waitUntil(lambda: run.tabs.currentWidget() is run.credits, timeout=3000)
    settle()
    credits = {m.full_name: (a.minutes_attended, a.credits)
               for a, m in attendance.list_for_session(db, session.id)}
    assert credits == {"Maria Lopez": (75, 1.25), "Dana Whitefeather": (75, 1.25)}
    assert run.credits.total_label.text() == \
        "2 participants earned credits; credits in all: 2.50."


def answer_identifier_warning(qtbot, button: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Read the next "may identify a patient" warning into ``seen``; press ``button``."""
    from PySide6.QtCore import QTimer

    from clinicapp.ui.dialogs.identifier_warning import IdentifierWarningDialog

    def answer(left: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, IdentifierWarningDialog):
            if left:
                QTimer.singleShot(20, lambda: answer(left - 1))
            return
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        target = dialog.reword_button if button == "Reword" else dialog.keep_button
        target.click()

    QTimer.singleShot(0, answer)


def test_words_that_may_identify_a_patient_wait_for_the_participant(qtbot, db, page,
                                                                    riverside):
    group, people = riverside
    session = sessions.plan(db, group.id, "Opioid tapering",
                            datetime.now().astimezone().replace(microsecond=0))
    sessions.start(db, session.id)
    for name in ("Maria Lopez", "Martin Okafor"):
        attendance.check_in(db, session.id, people[name].id)
    settle()
    assert page.open_session(session.id)
    run = page.run_view
    run.tabs.setCurrentWidget(run.round)
    click(qtbot, run.round.start_button)
    round_ = QApplication.activeModalWidget()
    assert isinstance(round_, ReflectionRound)

    # Maria names a patient; the draft is not saved, and she is told why as she types.
    round_.people.setCurrentRow(0)
    click(qtbot, round_.begin_button)
    form = round_.form
    click(qtbot, form.shared)
    type_into(qtbot, form.fields["what"], "Saw Mrs Jane Smith, born 12 March 1950.")
    qtbot.waitUntil(lambda: "could identify a patient" in round_.banner.text(), timeout=3000)
    assert "Mrs Jane Smith" in round_.banner.text()
    assert reflections.list_for_session(db, session.id) == []

    # "Next participant" shows the warning; she chooses to reword and stays on her form.
    seen: list[str] = []
    answer_identifier_warning(qtbot, "Reword", seen)
    click(qtbot, round_.next_button)
    assert seen == ["What: “12 March 1950” — a full date, like a birth date",
                    "What: “Mrs Jane Smith” — a title and a name"]
    assert round_.stack.currentWidget() is form
    # The cursor is back in the field to reword (the round's focus widget: the
    # offscreen platform does not give the window back its activation).
    assert round_.focusWidget() is form.fields["what"]
    assert reflections.list_for_session(db, session.id) == []
    form.fields["what"].selectAll()
    qtbot.keyClicks(form.fields["what"], "Saw patient X about her taper.")
    click(qtbot, round_.next_button)
    assert round_.stack.currentIndex() == 0, round_.banner.text()

    # Martin keeps his words after the warning: saved, and marked as kept.
    assert round_.people.currentItem().text() == "Martin Okafor"
    click(qtbot, round_.begin_button)
    click(qtbot, form.shared)
    type_into(qtbot, form.fields["what"], "Mr Ahmed Khan came back with his wife.")
    answer_identifier_warning(qtbot, "Keep as written", seen)
    click(qtbot, round_.next_button)
    assert round_.stack.currentIndex() == 0, round_.banner.text()
    assert seen[-1] == "What: “Mr Ahmed Khan” — a title and a name"
    stored = {r.member_id: r for r in reflections.list_for_session(db, session.id)}
    maria, martin = stored[people["Maria Lopez"].id], stored[people["Martin Okafor"].id]
    assert (maria.what, maria.identifier_warning_kept) == ("Saw patient X about her taper.",
                                                           False)
    assert (martin.what, martin.identifier_warning_kept) == (
        "Mr Ahmed Khan came back with his wife.", True)
    round_._may_close = True  # the facilitator ends the round (tested above)
    round_.reject()


def test_step_keys_in_a_running_session_do_not_clash_with_the_sections(main_window, qtbot,
                                                                        db, riverside):
    group, _people = riverside
    session = sessions.plan(db, group.id, "Opioid tapering",
                            datetime.now().astimezone().replace(microsecond=0))
    settle()
    page = main_window.show_page("sessions")
    settle()
    assert page.open_session(session.id)
    run = page.run_view
    # Alt+number picks a step of the session...
    QTest.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert run.tabs.currentWidget() is run.round
    QTest.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert run.tabs.currentWidget() is run.notes
    # ...and Ctrl+number still goes to a section of the app.
    QTest.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is main_window.page("groups")
