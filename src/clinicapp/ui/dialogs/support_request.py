"""Create or edit an in-office support request; pick a date to schedule one."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from clinicapp.core.models import SupportKind, SupportRequest
from clinicapp.core.services import support
from clinicapp.core.sync import clock
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import DateEdit, EnumCombo, TextArea, to_qdate
from clinicapp.ui.widgets.pickers import MemberPicker


class SupportRequestDialog(RecordDialog):
    """New request (optionally after a session, for one of its members) or edit one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 request: SupportRequest | None = None, session_id: str | None = None,
                 member_id: str | None = None, group_id: str | None = None) -> None:
        super().__init__(ctx, parent, existing=request is not None)
        self.setWindowTitle(self.tr("Support request") if request else
                            self.tr("New support request"))
        self.set_create_text(self.tr("&Request support"))
        self.request = request
        self.session_id = request.session_id if request else session_id
        self.kind = self.add_field("kind", self.tr("&Kind of support"), EnumCombo(SupportKind))
        self.member = self.add_field(
            "member_id", self.tr("For &member"),
            MemberPicker(ctx.db, self, group_id=group_id, none_text=self.tr("— a clinic —")))
        self.clinic = self.add_field("clinic", self.tr("Cli&nic"), QLineEdit(self))
        self.clinic.setPlaceholderText(self.tr("Clinic name, when the support is for a clinic"))
        self.topic = self.add_field("topic", self.tr("&Topic"), QLineEdit(self))
        self.requested = DateEdit(self)
        self.requested.setCalendarPopup(True)
        self.add_field("requested_on", self.tr("Requested &on"), self.requested)
        self.notes = self.add_field("notes", self.tr("Not&es"), TextArea(self))
        if request is not None:
            status = QLabel(self)
            status.setObjectName("status")
            self.form.insertRow(0, self.tr("Status"), status)
            from clinicapp.ui.widgets.labels import fmt_date, label

            parts = [label(request.status)]
            if request.scheduled_on:
                parts.append(self.tr("scheduled for %1").replace(
                    "%1", fmt_date(request.scheduled_on)))
            if request.done_on:
                parts.append(self.tr("done on %1").replace("%1", fmt_date(request.done_on)))
            status.setText(" — ".join(parts))
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

        def fill() -> None:
            self.requested.setDate(to_qdate(request.requested_on if request else clock.today()))
            if request is not None:
                self.kind.setValue(request.kind)
                self.member.setValue(request.member_id)
                self.clinic.setText(request.clinic)
                self.topic.setText(request.topic)
                self.notes.setPlainText(request.notes)
            elif member_id:
                self.member.setValue(member_id)

        self.load(fill)

    def create(self, values: dict[str, Any]) -> SupportRequest:
        return support.request(
            self.ctx.db, values["kind"], member_id=values["member_id"],
            clinic=values["clinic"], session_id=self.session_id, topic=values["topic"],
            requested_on=values["requested_on"], notes=values["notes"])

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.request is not None
        support.update(self.ctx.db, self.request.id, **changes)


class DateDialog(QDialog):
    """Ask for one date ("Schedule for…", "Done on…")."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None,
                 initial: date | None = None, minimum: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = DateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(prompt.replace("&", ""))
        if minimum is not None:
            self.edit.setMinimumDate(to_qdate(minimum))
        self.edit.setDate(to_qdate(initial or clock.today()))
        form = QFormLayout(self)
        label = QLabel(prompt, self)
        label.setBuddy(self.edit)
        form.addRow(label, self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> date:
        return self.edit.date().toPython()
