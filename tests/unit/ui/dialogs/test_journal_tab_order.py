"""Tab walks the journal's buttons as they stand, left to right (from "Use my recovery
code" it went to Open my journal at the far right, then back to Set up on the left; in
Change my journal passphrase to Change before Cancel)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clinicapp.core.keys import journal
from clinicapp.core.models import Role
from clinicapp.core.services import members
from clinicapp.ui.dialogs.journal import ChangeJournalPassphraseDialog, JournalDialog
from tests.unit.ui.everyday import make_ctx, settle


def tabbing(qtbot, dialog: QWidget, start: QWidget, presses: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    settle()
    start.setFocus()
    reached = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    return reached


def left_to_right(widgets: list[QWidget], dialog: QWidget) -> list[QWidget]:
    return sorted(widgets, key=lambda w: w.mapTo(dialog, w.rect().topLeft()).x())


def test_tab_goes_along_the_journal_buttons_left_to_right(qtbot, db, paths):
    ctx = make_ctx(db, paths)
    newcomer = members.create(db, "Aaliyah Okafor", Role.PHYSICIAN)
    for member_id, shown in ((newcomer.id, "set up"), (None, "change")):
        if member_id is None:
            member_id = members.create(db, "Maria Lopez", Role.PHYSICIAN).id
            journal.set_up(db, member_id, "a long journal passphrase")
        dialog = JournalDialog(ctx, member_id)
        qtbot.addWidget(dialog)
        reached = tabbing(qtbot, dialog, dialog.use_code, 3)
        first = dialog.set_up_button if shown == "set up" else dialog.change_button
        cancel = next(b for b in dialog.pages.widget(0).findChildren(QWidget)
                      if getattr(b, "text", lambda: "")() == "Cancel")
        assert reached == [first, cancel, dialog.open_button]
        assert left_to_right(reached, dialog) == reached


def test_tab_reaches_cancel_then_change_as_they_stand(qtbot, db, paths):
    member = members.create(db, "Maria Lopez", Role.PHYSICIAN)
    dialog = ChangeJournalPassphraseDialog(make_ctx(db, paths), member.id)
    qtbot.addWidget(dialog)
    reached = tabbing(qtbot, dialog, dialog.again, 2)
    assert reached[1] is dialog.change_button
    assert left_to_right(reached, dialog) == reached
