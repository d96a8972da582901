"""The action item dialog lays out its indicator field in the form, and an existing item
keeps its "saved" indicator (the field once took the indicator's name and pushed both
out of place)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from clinicapp.core.services import action_plans, groups
from clinicapp.ui.dialogs.action_item_edit import ActionItemDialog
from clinicapp.ui.ops import wait_for_ops
from clinicapp.ui.widgets.autosave import SaveIndicator
from tests.unit.ui.everyday import make_ctx


def in_form(form: QFormLayout, widget) -> bool:  # type: ignore[no-untyped-def]
    row, _role = form.getWidgetPosition(widget)
    return row >= 0


def test_the_indicator_field_is_in_the_form_and_the_save_status_stays(qtbot, db, paths):
    group = groups.create(db, "Riverside")
    plan = action_plans.create_plan(db, group.id, "Access plan")
    item = action_plans.add_item(db, plan.id, "Book third-next-available audits",
                                 indicator="Third next available")
    ctx = make_ctx(db, paths)
    for dialog in (ActionItemDialog(ctx, plan.id, group.id),
                   ActionItemDialog(ctx, plan.id, group.id, item=item)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert wait_for_ops()
        assert in_form(dialog.form, dialog.indicator_edit)
        assert dialog.height() <= 640
    assert dialog.indicator_edit.text() == "Third next available"
    assert isinstance(dialog.indicator, SaveIndicator) and dialog.indicator.isVisible()
