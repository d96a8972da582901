"""A PDSA cycle opens within a small laptop's screen, its buttons in reach (it opened
1,416 pixels tall: seven text boxes at their natural height, Start cycle and Cancel far
below a 1024×640 screen)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

from clinicapp.core.services import action_plans, groups
from clinicapp.ui.dialogs.pdsa import PdsaDialog
from clinicapp.ui.ops import wait_for_ops
from tests.unit.ui.everyday import make_ctx


def test_a_new_cycle_fits_a_small_screen_with_its_buttons_in_reach(qtbot, db, paths):
    group = groups.create(db, "Riverside small group")
    plan = action_plans.create_plan(db, group.id, "Access plan")
    item = action_plans.add_item(db, plan.id, "Book third-next-available audits")
    dialog = PdsaDialog(make_ctx(db, paths), item.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert wait_for_ops()
    assert dialog.height() <= 640
    buttons = dialog.findChild(QDialogButtonBox)
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()
    for box in dialog.findChildren(QPlainTextEdit):  # every answer still has its lines
        assert box.height() >= box.minimumHeight() > 0
