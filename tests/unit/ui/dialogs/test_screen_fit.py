"""Dialogs open on the screen: a dialog that would like more room than the screen has
(Plan a session and the roster import ask for 1000 pixels) gets the screen's available
area instead, never less than its own minimum, so its buttons stay within reach. The
offscreen screen here is 800 × 800 pixels."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from clinicapp.core.services import groups
from clinicapp.ui import i18n
from clinicapp.ui.dialogs.screen_fit import available, fit_screen
from tests.unit.ui.everyday import make_ctx


def on_screen(widget: QWidget) -> bool:
    room = (widget.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = widget.frameGeometry()
    return frame.width() <= room.width() and frame.height() <= room.height()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_widest_dialogs_open_within_the_screen_with_their_buttons_in_reach(
        qtbot, db, paths, language):
    from clinicapp.ui.dialogs.journal import JournalDialog
    from clinicapp.ui.dialogs.plan_session import PlanSessionDialog
    from clinicapp.ui.dialogs.roster_import import RosterImportDialog

    group = groups.create(db, "Riverside small group")
    ctx = make_ctx(db, paths)
    try:
        i18n.install(language)
        for make in (lambda: PlanSessionDialog(ctx), lambda: RosterImportDialog(ctx, group.id),
                     lambda: JournalDialog(ctx)):
            dialog = make()
            qtbot.addWidget(dialog)
            dialog.move(0, 0)
            dialog.show()
            qtbot.waitExposed(dialog)
            room_w, room_h = available(dialog)
            assert dialog.width() <= room_w and dialog.height() <= room_h, type(dialog)
            assert on_screen(dialog)
            for button in dialog.findChildren(QPushButton):
                if button.isVisible() and isinstance(button.parent(), QDialogButtonBox):
                    right = button.mapTo(dialog, button.rect().bottomRight())
                    assert right.x() < dialog.width() and right.y() < dialog.height()
            dialog.close()
    finally:
        i18n.install("en")


def test_a_dialog_gets_what_it_asks_for_when_there_is_room_and_never_less_than_its_minimum(
        qtbot):
    small = QWidget()
    qtbot.addWidget(small)
    fit_screen(small, 300, 200)
    assert (small.width(), small.height()) == (300, 200)

    stubborn = QWidget()
    qtbot.addWidget(stubborn)
    stubborn.setMinimumSize(700, 150)
    fit_screen(stubborn, 100, 100)
    assert stubborn.width() >= 700 and stubborn.height() >= 150

    huge = QWidget()
    qtbot.addWidget(huge)
    fit_screen(huge, 5000, 5000)
    assert (huge.width(), huge.height()) == available(huge)
