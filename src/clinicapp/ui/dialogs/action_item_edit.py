"""An action item with every field a quality-improvement record needs, its dated progress
notes and its PDSA cycles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicapp.core.models import ActionItem, Horizon, ItemStatus
from clinicapp.core.services import action_plans
from clinicapp.ui.context import AppContext
from clinicapp.ui.dialogs.base import RecordDialog
from clinicapp.ui.dialogs.pdsa import PdsaDialog
from clinicapp.ui.dialogs.progress_note import ProgressNoteDialog
from clinicapp.ui.dialogs.screen_fit import fit_screen
from clinicapp.ui.ops import run_op
from clinicapp.ui.widgets.fields import EnumCombo, OptionalDateEdit, TextArea
from clinicapp.ui.widgets.labels import fmt_date, label
from clinicapp.ui.widgets.pickers import MemberChecklist, MemberPicker
from clinicapp.ui.widgets.tabs import tab_widget

ID_ROLE = Qt.ItemDataRole.UserRole


class ActionItemDialog(RecordDialog):
    """New item of a plan (created on OK) or an existing one (saved as it is edited)."""

    def __init__(self, ctx: AppContext, plan_id: str, group_id: str,
                 parent: QWidget | None = None, item: ActionItem | None = None,
                 status: ItemStatus | None = None) -> None:
        super().__init__(ctx, parent, existing=item is not None)
        self.setWindowTitle(self.tr("Action item") if item else self.tr("New action item"))
        self.set_create_text(self.tr("Add ite&m"))
        self.plan_id, self.item = plan_id, item
        db = ctx.db
        self.action = self.add_field("action", self.tr("&Action"), TextArea(self, 2))
        self.goal = self.add_field("goal", self.tr("&Goal it serves"), TextArea(self, 2))
        self.owner = self.add_field("owner_id", self.tr("&Owner"), MemberPicker(
            db, self, group_id=group_id, none_text=self.tr("— no owner yet —")))
        self.supporters = self.add_field("supporters", self.tr("Su&pporters"),
                                         MemberChecklist(db, group_id, self))
        self.horizon = self.add_field("horizon", self.tr("&Horizon"), EnumCombo(Horizon))
        self.status = self.add_field("status", self.tr("Stat&us"), EnumCombo(ItemStatus))
        self.start = self.add_field("start_date", self.tr("S&tart date"),
                                    OptionalDateEdit(self.tr("Starts"), self))
        self.due = self.add_field("due_date", self.tr("&Due date"),
                                  OptionalDateEdit(self.tr("Due"), self))
        self.resources = self.add_field("resources", self.tr("&Resources"), TextArea(self, 2))
        self.indicator_edit = self.add_field("indicator", self.tr("&Indicator"), QLineEdit(self))
        self.indicator_edit.setPlaceholderText(self.tr("What you will measure, e.g. % of patients "
                                                  "with a care plan"))
        measures = QWidget(self)
        self.baseline, self.target = QLineEdit(measures), QLineEdit(measures)
        self.baseline.setPlaceholderText(self.tr("Baseline"))
        self.target.setPlaceholderText(self.tr("Target"))
        row = QHBoxLayout(measures)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.baseline)
        row.addWidget(self.target)
        pair_label = QLabel(self.tr("&Baseline → target"), self)
        pair_label.setBuddy(self.baseline)
        self.form.addRow(pair_label, measures)
        self.register("baseline", self.tr("Baseline"), self.baseline)
        self.register("target", self.tr("Target"), self.target)

        if item is not None:
            self._build_tabs()
        self.finish_layout()
        fit_screen(self, 640, 600)

        def fill() -> None:
            if item is None:
                self.status.setValue(status or ItemStatus.NOT_STARTED)
                return
            self.action.setPlainText(item.action)
            self.goal.setPlainText(item.goal)
            self.owner.setValue(item.owner_id)
            self.supporters.setValue(item.supporters or [])
            self.horizon.setValue(item.horizon)
            self.status.setValue(item.status)
            self.start.setValue(item.start_date)
            self.due.setValue(item.due_date)
            self.resources.setPlainText(item.resources)
            self.indicator_edit.setText(item.indicator)
            self.baseline.setText(item.baseline)
            self.target.setText(item.target)

        self.load(fill)

    # --- notes and PDSA (existing items) ----------------------------------------------

    def _build_tabs(self) -> None:
        tabs = tab_widget(self)
        self.layout_.removeWidget(self.form_widget)
        tabs.addTab(self.form_widget, self.tr("It&em"))

        notes_tab = QWidget(tabs)
        self.notes = QListWidget(notes_tab)
        self.notes.setAccessibleName(self.tr("Progress notes"))
        self.notes.setWordWrap(True)
        self.add_note_button = QPushButton(self.tr("Add progress &note…"), notes_tab)
        self.add_note_button.clicked.connect(self.add_note)
        notes_layout = QVBoxLayout(notes_tab)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.add_note_button)
        tabs.addTab(notes_tab, self.tr("Progress notes"))

        pdsa_tab = QWidget(tabs)
        self.cycles = QListWidget(pdsa_tab)
        self.cycles.setAccessibleName(self.tr("PDSA cycles"))
        self.cycles.itemActivated.connect(lambda it: self.open_cycle(str(it.data(ID_ROLE))))
        self.new_cycle_button = QPushButton(self.tr("New PDSA &cycle…"), pdsa_tab)
        self.new_cycle_button.clicked.connect(lambda: self.open_cycle(None))
        pdsa_layout = QVBoxLayout(pdsa_tab)
        pdsa_layout.addWidget(self.cycles, 1)
        pdsa_layout.addWidget(self.new_cycle_button)
        tabs.addTab(pdsa_tab, self.tr("PDSA cycles"))
        self.tabs = tabs
        self.layout_.insertWidget(0, tabs, 1)
        self.reload_history()

    def reload_history(self) -> None:
        assert self.item is not None
        db, item_id = self.ctx.db, self.item.id
        run_op(self, lambda: (action_plans.list_notes(db, item_id),
                              action_plans.list_pdsa(db, item_id)),
               on_success=self._show_history)

    def _show_history(self, result: tuple[list[Any], list[Any]]) -> None:
        notes, cycles = result
        self.notes.clear()
        for note in notes:
            QListWidgetItem(f"{fmt_date(note.noted_on)} — {note.text}", self.notes)
        self.cycles.clear()
        for cycle in cycles:
            summary = cycle.aim or cycle.change_idea
            act = f" → {label(cycle.act)}" if cycle.act else ""
            entry = QListWidgetItem(
                self.tr("Cycle %1: %2").replace("%1", str(cycle.number))
                .replace("%2", summary) + act, self.cycles)
            entry.setData(ID_ROLE, cycle.id)

    def add_note(self) -> ProgressNoteDialog:
        assert self.item is not None
        dialog = ProgressNoteDialog(self.ctx, self.item.id, self)
        dialog.accepted.connect(self.reload_history)
        dialog.open()
        return dialog

    def open_cycle(self, cycle_id: str | None) -> PdsaDialog:
        assert self.item is not None
        cycle = None
        if cycle_id:
            cycle = next(c for c in action_plans.list_pdsa(self.ctx.db, self.item.id)
                         if c.id == cycle_id)
        dialog = PdsaDialog(self.ctx, self.item.id, self, cycle=cycle)
        dialog.finished.connect(lambda _r: self.reload_history())
        dialog.open()
        return dialog

    # --- saving -------------------------------------------------------------------------

    def create(self, values: dict[str, Any]) -> ActionItem:
        action = values.pop("action")
        return action_plans.add_item(self.ctx.db, self.plan_id, action, **values)

    def save_changes(self, changes: dict[str, Any]) -> None:
        assert self.item is not None
        self.item = action_plans.update_item(self.ctx.db, self.item.id, **changes)
