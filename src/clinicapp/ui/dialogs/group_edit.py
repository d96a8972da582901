"""A group or hub: name, kind, division, region, description."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clinicapp.core.models import Group, GroupKind
from clinicapp.core.services import groups
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import TextArea


def kind_labels(widget: QWidget) -> dict[GroupKind, str]:
    # A fixed context: widget.tr would look the words up under each caller's class name.
    return {GroupKind.SMALL_GROUP: QCoreApplication.translate("GroupKinds",
                                                              "Small-group learning"),
            GroupKind.COMMUNITY_OF_PRACTICE: QCoreApplication.translate(
                "GroupKinds", "Community of practice (hub)")}


class GroupDialog(RecordDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 group: Group | None = None) -> None:
        super().__init__(ctx, parent, existing=group is not None)
        self.group = group
        self.setWindowTitle(self.tr("Group") if group else self.tr("New group"))
        self.set_create_text(self.tr("&Create group"))
        self.name = self.add_field("name", self.tr("&Name"), QLineEdit(self))
        self.kind = QComboBox(self)
        for kind, text in kind_labels(self).items():
            self.kind.addItem(text, kind.value)
        self.add_field("kind", self.tr("&Kind"), self.kind)
        self.division = self.add_field("division", self.tr("&Division"), QLineEdit(self))
        self.region = self.add_field("region", self.tr("&Region"), QLineEdit(self))
        self.description = self.add_field("description", self.tr("D&escription"),
                                          TextArea(self, 3))
        self.finish_layout()
        self.resize(480, self.sizeHint().height())

        def fill() -> None:
            if group is not None:
                self.name.setText(group.name)
                self.kind.setCurrentIndex(max(self.kind.findData(GroupKind(group.kind).value),
                                              0))
                self.division.setText(group.division)
                self.region.setText(group.region)
                self.description.setPlainText(group.description)

        self.load(fill)

    def create(self, values: dict[str, Any]) -> Group:
        return groups.create(self.ctx.db, **values)

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.group is not None
        self.group = groups.update(self.ctx.db, self.group.id, **changes)
