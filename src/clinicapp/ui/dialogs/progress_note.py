"""A dated progress note on an action item."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from clinicapp.core.models import ProgressNote
from clinicapp.core.services import action_plans
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import DateEdit, TextArea, to_qdate


class ProgressNoteDialog(RecordDialog):
    def __init__(self, ctx: AppContext, item_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.item_id = item_id
        self.setWindowTitle(self.tr("Progress note"))
        self.set_create_text(self.tr("&Add note"))
        self.noted_on = DateEdit(self)
        self.noted_on.setCalendarPopup(True)
        self.noted_on.setDate(to_qdate(clock.today()))
        self.add_field("noted_on", self.tr("&Date"), self.noted_on)
        self.text = self.add_field("text", self.tr("&What happened"), TextArea(self, 5))
        self.finish_layout()
        self.resize(480, self.sizeHint().height())
        self.text.setFocus()

    def create(self, values: dict[str, Any]) -> ProgressNote:
        return action_plans.add_progress_note(self.ctx.db, self.item_id, values["text"],
                                              noted_on=values["noted_on"])
