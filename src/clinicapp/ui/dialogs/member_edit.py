"""A member: name, role, contact and licence number; new members join the group shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from clinicapp.core.models import Member, Role
from clinicapp.core.services import members
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import EnumCombo


class MemberDialog(RecordDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 member: Member | None = None, group_id: str | None = None,
                 full_name: str = "") -> None:
        super().__init__(ctx, parent, existing=member is not None)
        self.member, self.group_id = member, group_id
        self.setWindowTitle(self.tr("Member") if member else self.tr("New member"))
        self.set_create_text(self.tr("&Add member"))
        self.full_name = self.add_field("full_name", self.tr("Full &name"), QLineEdit(self))
        self.role = self.add_field("role", self.tr("&Role"), EnumCombo(Role))
        self.detail = self.add_field("profession_detail", self.tr("&Profession detail"),
                                     QLineEdit(self))
        self.detail.setPlaceholderText(self.tr("e.g. family physician, pharmacist"))
        self.email = self.add_field("email", self.tr("&Email"), QLineEdit(self))
        self.phone = self.add_field("phone", self.tr("P&hone"), QLineEdit(self))
        self.licence = self.add_field("licence_number", self.tr("&Licence / CFPC number"),
                                      QLineEdit(self))
        self.licence.setToolTip(self.tr("Printed on certificates"))
        self.facilitator: QCheckBox | None = None
        if member is None and group_id:
            self.facilitator = QCheckBox(self.tr("&Facilitator of this group"), self)
            self.form.addRow("", self.facilitator)
        if member is not None:
            self.active = self.add_field("active", self.tr("Ac&tive"),
                                         QCheckBox(self.tr("Still takes part"), self))
        self.finish_layout()
        self.resize(460, self.sizeHint().height())

        def fill() -> None:
            if member is None:
                self.full_name.setText(full_name)
                return
            self.full_name.setText(member.full_name)
            self.role.setValue(member.role)
            self.detail.setText(member.profession_detail)
            self.email.setText(member.email)
            self.phone.setText(member.phone)
            self.licence.setText(member.licence_number)
            self.active.setChecked(member.active)

        self.load(fill)

    def values_for_create(self) -> dict[str, Any]:
        values = self.values()
        values["is_facilitator"] = bool(self.facilitator and self.facilitator.isChecked())
        return values

    def create(self, values: dict[str, Any]) -> Member:
        # One transaction (``write_op``): the member and the membership, or neither.
        name = values.pop("full_name")
        is_facilitator = values.pop("is_facilitator")
        member = members.create(self.ctx.db, name, **values)
        if self.group_id:
            members.add_to_group(self.ctx.db, self.group_id, member.id,
                                 is_facilitator=is_facilitator)
        return member

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.member is not None
        self.member = members.update(self.ctx.db, self.member.id, **changes)
