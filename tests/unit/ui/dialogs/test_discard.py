"""A stray Escape or Close never throws away what someone typed into a new record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinicapp.core.services import groups, members
from clinicapp.ui.dialogs.member_edit import MemberDialog
from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
from tests.unit.ui.conftest import answer_next_dialog
from tests.unit.ui.everyday import make_ctx, settle


def test_escape_on_a_half_filled_new_member_asks_before_discarding(qtbot, db, paths):
    dialog = MemberDialog(make_ctx(db, paths))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.full_name, "Amina Haddad")
    answer_next_dialog(qtbot, "Keep editing")
    QTest.keyClick(dialog.full_name, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.full_name.text() == "Amina Haddad"
    # Closing the window asks the same question.
    answer_next_dialog(qtbot, "Keep editing")
    dialog.close()
    assert dialog.isVisible()
    answer_next_dialog(qtbot, "Discard")
    QTest.keyClick(dialog.full_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert members.list_members(db).total == 0


def test_escape_on_an_untouched_dialog_closes_at_once(qtbot, db, paths):
    groups.create(db, "Riverside small group")
    dialog = PlanSessionDialog(make_ctx(db, paths))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()  # the groups and topics arrive in the background: not typing
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_changed_length_of_a_planned_session_is_asked_about_too(qtbot, db, paths):
    dialog = PlanSessionDialog(make_ctx(db, paths))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    dialog.minutes.setFocus()
    QTest.keyClick(dialog.minutes, Qt.Key.Key_Up)  # 60 -> 75 minutes
    answer_next_dialog(qtbot, "Keep editing")
    QTest.keyClick(dialog.minutes, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.minutes.value() == 75
    answer_next_dialog(qtbot, "Discard")
    dialog.reject()
    assert not dialog.isVisible()
