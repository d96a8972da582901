"""A group's action plan: title, the goal it serves, the period it covers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from clinicapp.core.models import ActionPlan
from clinicapp.core.services import action_plans
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import OptionalDateEdit, TextArea


class ActionPlanDialog(RecordDialog):
    def __init__(self, ctx: AppContext, group_id: str, parent: QWidget | None = None,
                 plan: ActionPlan | None = None) -> None:
        super().__init__(ctx, parent, existing=plan is not None)
        self.group_id, self.plan = group_id, plan
        self.setWindowTitle(self.tr("Action plan") if plan else self.tr("New action plan"))
        self.set_create_text(self.tr("&Create plan"))
        self.title_edit = self.add_field("title", self.tr("&Title"), QLineEdit(self))
        self.goal = self.add_field("goal", self.tr("&Goal"), TextArea(self, 3))
        self.start = self.add_field("period_start", self.tr("Period &from"),
                                    OptionalDateEdit(self.tr("From"), self))
        self.end = self.add_field("period_end", self.tr("Period t&o"),
                                  OptionalDateEdit(self.tr("To"), self))
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

        def fill() -> None:
            if plan is not None:
                self.title_edit.setText(plan.title)
                self.goal.setPlainText(plan.goal)
                self.start.setValue(plan.period_start)
                self.end.setValue(plan.period_end)

        self.load(fill)

    def create(self, values: dict[str, Any]) -> ActionPlan:
        return action_plans.create_plan(self.ctx.db, self.group_id, values["title"],
                                        values["goal"], values["period_start"],
                                        values["period_end"])

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.plan is not None
        self.plan = action_plans.update_plan(self.ctx.db, self.plan.id, **changes)
