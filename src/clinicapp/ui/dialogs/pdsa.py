"""A PDSA cycle: Plan (aim, change idea, prediction, measure), Do, Study, Act."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from clinicapp.core.models import PdsaAct, PdsaCycle
from clinicapp.core.services import action_plans
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.widgets.fields import EnumCombo, OptionalDateEdit, TextArea


class PdsaDialog(RecordDialog):
    def __init__(self, ctx: AppContext, item_id: str, parent: QWidget | None = None,
                 cycle: PdsaCycle | None = None) -> None:
        super().__init__(ctx, parent, existing=cycle is not None)
        self.item_id, self.cycle = item_id, cycle
        self.setWindowTitle(self.tr("PDSA cycle %1").replace("%1", str(cycle.number))
                            if cycle else self.tr("New PDSA cycle"))
        self.set_create_text(self.tr("&Start cycle"))
        self._section(self.tr("Plan"))
        self.aim = self.add_field("aim", self.tr("&Aim"), TextArea(self, 2))
        self.change_idea = self.add_field("change_idea", self.tr("&Change idea"),
                                          TextArea(self, 2))
        self.prediction = self.add_field("prediction", self.tr("&Prediction"),
                                         TextArea(self, 2))
        self.measure = self.add_field("measure", self.tr("&Measure"), TextArea(self, 2))
        self.started = self.add_field("started_on", self.tr("S&tarted"),
                                      OptionalDateEdit(self.tr("Started"), self))
        self._section(self.tr("Do"))
        self.do_notes = self.add_field("do_notes", self.tr("What &happened"),
                                       TextArea(self, 2))
        self._section(self.tr("Study"))
        self.study = self.add_field("study_notes", self.tr("&Result against prediction"),
                                    TextArea(self, 2))
        self._section(self.tr("Act"))
        self.act = self.add_field("act", self.tr("&Decision"),
                                  EnumCombo(PdsaAct, none_text=self.tr("— not decided —")))
        self.ended = self.add_field("ended_on", self.tr("&Ended"),
                                    OptionalDateEdit(self.tr("Ended"), self))
        self.finish_layout()
        # Seven text boxes at their natural height stand 1,400 pixels tall, the buttons
        # far below a laptop's screen: keep it on a 1024×640 one, as the item it opens
        # from; the boxes give up the room.
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        self.resize(560, min(self.sizeHint().height(), int(screen * 0.9), 600))

        def fill() -> None:
            if cycle is None:
                return
            self.aim.setPlainText(cycle.aim)
            self.change_idea.setPlainText(cycle.change_idea)
            self.prediction.setPlainText(cycle.prediction)
            self.measure.setPlainText(cycle.measure)
            self.started.setValue(cycle.started_on)
            self.do_notes.setPlainText(cycle.do_notes)
            self.study.setPlainText(cycle.study_notes)
            self.act.setValue(cycle.act)
            self.ended.setValue(cycle.ended_on)

        self.load(fill)

    def _section(self, title: str) -> None:
        heading = QLabel(f"<b>{title}</b>", self)
        self.form.addRow(heading)

    def create(self, values: dict[str, Any]) -> PdsaCycle:
        return action_plans.add_pdsa(self.ctx.db, self.item_id, **values)

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.cycle is not None
        self.cycle = action_plans.update_pdsa(self.ctx.db, self.cycle.id, **changes)
