"""A walk-in: someone not on the roster arrives; add them and check them in at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from clinicapp.core.models import Role
from clinicapp.core.services import attendance
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import EnumCombo


class WalkInDialog(RecordDialog):
    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None,
                 full_name: str = "") -> None:
        super().__init__(ctx, parent)
        self.session_id = session_id
        self.setWindowTitle(self.tr("Walk-in"))
        self.set_create_text(self.tr("Add and &check in"))
        self.full_name = self.add_field("full_name", self.tr("Full &name"), QLineEdit(self))
        self.full_name.setText(full_name)
        self.role = self.add_field("role", self.tr("&Role"), EnumCombo(Role))
        self.finish_layout()
        self.resize(420, self.sizeHint().height())
        self.full_name.setFocus()

    def create(self, values: dict[str, Any]) -> Any:
        return attendance.walk_in(self.ctx.db, self.session_id, values["full_name"],
                                  values["role"])
